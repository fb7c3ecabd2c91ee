"""Question topics on the meeting screen: one click holds the meeting on a topic's questions,
says its cost and whom it meets before the click, and single questions still work."""

from __future__ import annotations

import pygame
import pytest

from kamsim.sim.topics import topic_groups
from kamsim.ui import games, theme
from kamsim.ui.app import MIN_SIZE, App, Options
from tests.ui.conftest import click, frames, key

ACCOUNT, PERSON = "kestrel_bay", "nurse_lacroix"  # on the map from the start
SIZES = [(1280, 720), MIN_SIZE, (1920, 1080)]


def _meeting(app: App, scenario: str = "standard") -> None:
    controller = games.new_game(scenario, 1, autosave=False)
    account = ACCOUNT if scenario == "standard" else controller.view.accounts[0].id
    person = PERSON if scenario == "standard" else controller.view.account(account).people[0].id
    app.start(controller, "account", account=account)
    app.push("meeting", account=account, stakeholder=person)
    frames(app)


def test_a_topic_click_holds_the_meeting_on_all_its_questions(app: App) -> None:
    _meeting(app)
    screen = app.screen
    groups = topic_groups(app.controller.view.questions)
    assert groups is not None and len(screen.topics) == len(groups) == 5
    click(app, f"question_{groups[0][0]}")  # a single question chosen first gives way
    before = app.controller.actions_submitted
    click(app, "topic_1")
    assert app.controller.actions_submitted == before + 1
    done = app.controller.decisions()[-1][1]
    assert done["kind"] == "meet" and done["stakeholder"] == PERSON
    assert done["questions"] == list(groups[1])
    assert screen.result is not None and screen.result.accepted and screen.questions == []


def test_a_topic_click_with_nobody_chosen_holds_nothing(app: App) -> None:
    controller = games.new_game("standard", 1, autosave=False)
    app.start(controller, "account", account=ACCOUNT)
    app.push("meeting", account=ACCOUNT)
    frames(app)
    before = controller.actions_submitted
    click(app, "topic_0")
    assert controller.actions_submitted == before
    assert "Choose whom to meet first" in controller.feed[-1].text


def test_a_topic_says_its_cost_and_whom_it_meets_before_the_click(app: App) -> None:
    _meeting(app)
    screen = app.screen
    label = screen.buttons["topic_0"].full_text
    days = app.controller.costs.meeting_days("discover")
    assert label.startswith("Ask about ") and label.endswith(f"· {days:g} d")
    tip = screen.buttons["topic_0"].tool_tip_text
    person = next(p.name for p in app.controller.view.account(ACCOUNT).people if p.id == PERSON)
    assert person in tip and "field day" in tip
    click(app, "purpose_listen")
    listen = app.controller.costs.meeting_days("listen")
    assert screen.buttons["topic_0"].full_text.endswith(f"· {listen:g} d")


def test_single_questions_still_mix_and_go_asks_them(app: App) -> None:
    _meeting(app)
    screen = app.screen
    groups = topic_groups(app.controller.view.questions)
    assert groups is not None
    first, second = groups[0], groups[1]
    click(app, f"question_{first[0]}")
    click(app, f"question_{second[0]}")
    assert screen.questions == [first[0], second[0]]
    key(app, pygame.K_RETURN, "\r")
    done = app.controller.decisions()[-1][1]
    assert done["kind"] == "meet" and done["questions"] == [first[0], second[0]]


@pytest.mark.parametrize("text", ["normal", "larger"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_topic_heads_its_questions_and_nothing_overlaps(
    size: tuple[int, int], text: str
) -> None:
    app = App(Options(fast=True, driven=True, size=size, text_size=text))
    try:
        _meeting(app)
        screen = app.screen
        rects = {n: b.rect for n, b in screen.buttons.items()
                 if n.startswith(("topic_", "question_", "go", "back", "purpose_"))}  # fmt: skip
        names = list(rects)
        window = app.window.get_rect()
        for i, a in enumerate(names):
            assert window.contains(rects[a]), a
            for b in names[i + 1 :]:
                assert not rects[a].colliderect(rects[b]), (a, b)
        for name, members in screen.topics.items():
            heading = rects[name]
            for q in members:  # under its heading, indented
                assert rects[f"question_{q}"].left > heading.left, (name, q)
                assert rects[f"question_{q}"].top > heading.top or (
                    rects[f"question_{q}"].left > heading.right  # the next column
                ), (name, q)
        legend = screen.rect.y + screen.legend_y
        assert max(r.bottom for n, r in rects.items() if n.startswith("question_")) < legend
    finally:
        pygame.quit()
        theme.reset()


def test_a_scenario_without_topics_lists_single_questions(app: App) -> None:
    _meeting(app, "tutorial")
    assert app.screen.topics == {}
    assert not any(n.startswith("topic_") for n in app.screen.buttons)
