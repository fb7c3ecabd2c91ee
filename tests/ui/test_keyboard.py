"""Every action by keyboard: Tab / Shift+Tab walk every button on screen (the top bar's too),
Enter presses the one in focus, exactly as a click would."""

from __future__ import annotations

import pygame
import pytest

from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, key

ACCOUNT = "millbrook"


def tab(app: App, back: bool = False) -> None:
    key(app, pygame.K_TAB, "\t", pygame.KMOD_SHIFT if back else 0)


def focus_on(app: App, name: str) -> None:
    """Tab until the button called `name` has the focus (fails if Tab never gets there)."""
    wanted = app.screen.buttons[name]
    for _ in range(len(app.focus.buttons()) + 1):
        tab(app)
        if app.focus.current() is wanted:
            return
    raise AssertionError(f"Tab never reaches {name!r}")


@pytest.mark.parametrize("screen", ["dashboard", "account", "meeting", "planning", "inbox",
                                    "calendar", "kpis"])  # fmt: skip
def test_tab_visits_every_button_once_then_comes_round(
    app: App, game: GameController, screen: str
) -> None:
    app.go(screen, **({"account": ACCOUNT} if screen in ("account", "meeting", "planning") else {}))
    frames(app)
    buttons = app.focus.buttons()
    assert len(buttons) > 4
    seen = []
    for _ in buttons:
        tab(app)
        seen.append(app.focus.current())
    assert set(map(id, seen)) == set(map(id, buttons))  # every one, none twice
    tab(app)
    assert app.focus.current() is seen[0]
    tab(app, back=True)
    assert app.focus.current() is seen[-1]


def test_a_meeting_by_keyboard_alone(app: App, game: GameController) -> None:
    app.go("account", account=ACCOUNT)
    frames(app)
    focus_on(app, "desk_research")
    key(app, pygame.K_RETURN, "\r")
    assert game.decisions()[-1][1] == {"kind": "desk_research", "account": ACCOUNT}
    key(app, pygame.K_m, "m")
    assert app.screen.name == "meeting"
    person = game.view.account(ACCOUNT).people[0].id
    question = game.view.questions[0]["id"]
    for name in (f"person_{person}", "purpose_discover", f"question_{question}", "go"):
        focus_on(app, name)
        key(app, pygame.K_RETURN, "\r")
    meet = game.decisions()[-1][1]
    assert (meet["kind"], meet["stakeholder"], meet["questions"]) == ("meet", person, [question])


def test_a_click_takes_the_focus_away_and_a_question_takes_enter(
    app: App, game: GameController
) -> None:
    app.go("account", account=ACCOUNT)
    frames(app)
    focus_on(app, "tier_decline")
    key(app, pygame.K_RETURN, "\r")
    assert app.screen.asking  # declining asks first
    key(app, pygame.K_RETURN, "\r")  # Enter answers the question, not the button in focus
    assert game.view.account(ACCOUNT).tier == "decline"
    tab(app)
    assert app.focus.current() is not None
    click(app, "tier_key")
    assert app.focus.current() is None
