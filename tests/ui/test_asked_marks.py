"""A question already put to the person chosen says so on the meeting screen: a sign, and in
its tooltip when and what came of it, so a trainee does not ask the same dead end again."""

from __future__ import annotations

import pygame

from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation
from kamsim.ui.app import App
from kamsim.ui.asked import LEGEND, AskedIndex
from tests.ui.conftest import click, frames, key, meeting_with_the_nurse


def _meet(sim: Simulation, who: str, *questions: str) -> None:
    out = sim.submit({"kind": "meet", "account": "millbrook", "stakeholder": who,
                      "purpose": "discover", "questions": list(questions)})  # fmt: skip
    assert out.accepted, out.reason


def test_the_log_tells_an_answer_from_a_dead_end() -> None:
    sim = Simulation(load_scenario(resolve("tutorial")), 1)
    index = AskedIndex()
    assert index.of(sim.log, "millbrook", "sister_kowal") == {}
    _meet(sim, "sister_kowal", "q_waits", "q_budget")
    asked = index.of(sim.log, "millbrook", "sister_kowal")
    assert asked["q_budget"].answer == "nothing"  # "No idea, love": not her area
    assert asked["q_waits"].answer in ("answered", "vague")
    assert asked["q_budget"].week == sim.week
    assert index.of(sim.log, "millbrook", "dr_anand") == {}  # another person: nothing asked


def test_the_meeting_screen_marks_what_was_asked_before(app: App, drawn_texts: list[str]) -> None:
    seen = drawn_texts
    meeting_with_the_nurse(app)
    frames(app)
    budget = app.screen.buttons["question_q_budget"]
    assert not budget.text.startswith("–")  # not asked yet
    assert LEGEND not in seen
    click(app, "question_q_budget")
    click(app, "go")
    seen.clear()
    frames(app)
    assert budget.text.startswith("– "), budget.text
    assert "nothing to add" in budget.tool_tip_text
    assert "Someone closer to it may know" in budget.tool_tip_text
    assert LEGEND in seen  # the signs are explained on screen
    others = [b for n, b in app.screen.buttons.items()
              if n.startswith("question_") and n != "question_q_budget"]  # fmt: skip
    assert not any(b.text[:2] in ("✓ ", "– ", "? ") for b in others)
    click(app, "person_dr_anand")  # another person: nothing asked of them yet
    frames(app)
    assert not budget.text.startswith("–")


def test_a_declined_request_shows_on_the_person_until_next_week(app: App) -> None:
    """Seed 2: Gerrit Vos declines the first request. The screens say so before another
    click: on his button, on the meeting's Go button, and under his node on the account."""
    from kamsim.ui import games
    from kamsim.ui.widgets.plans import DECLINED

    app.start(games.new_game("tutorial", 2, autosave=False), "dashboard")
    frames(app)
    click(app, "account_harbourside")
    click(app, "meet")
    click(app, "person_gerrit_vos")
    click(app, "purpose_listen")
    assert DECLINED not in app.screen.buttons["person_gerrit_vos"].text
    click(app, "go")
    frames(app)
    assert not app.controller.last_outcome.accepted
    assert app.screen.buttons["person_gerrit_vos"].text.endswith(DECLINED)
    assert app.screen.buttons["go"].text.startswith("Declined this week")
    assert "next week" in app.screen.buttons["go"].tool_tip_text
    click(app, "person_prof_hale")  # someone else can still be met
    assert app.screen.buttons["go"].text.startswith("Hold the meeting")
    click(app, "back")
    frames(app)
    assert DECLINED in app.screen.network.tags["gerrit_vos"]
    click(app, "next_week")
    if app.report.is_open:  # the week's report, read and closed as a person would
        key(app, pygame.K_RETURN)
    frames(app)
    assert app.screen.name == "account"
    assert DECLINED not in app.screen.network.tags["gerrit_vos"]
