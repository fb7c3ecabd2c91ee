"""The monthly KPI review on screen: one toggle on the account view and on the planning board's
step 7 (and R on both), worded with its state, its cost and the last review; and the board
opening on the step the plan needs next."""

from __future__ import annotations

import pygame

from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, key

ACCOUNT = "millbrook"  # tutorial


def _label(app: App, name: str) -> str:
    return str(app.screen.buttons[name].full_text)


def _tip(app: App, name: str) -> str:
    return str(app.screen.buttons[name].own_tip)


def test_the_account_toggle_turns_the_routine_on_and_off_and_says_so(
    app: App, game: GameController
) -> None:
    app.push("account", account=ACCOUNT)
    frames(app)
    days = game.costs.kind_days("review_kpis")
    assert _label(app, "review_monthly").startswith("Monthly KPI review: off")
    assert f"{days:g} field days each time" in _tip(app, "review_monthly")
    click(app, "review_monthly")
    assert game.view.account(ACCOUNT).reviews_monthly
    assert game.sim.history[-1][1] == {"kind": "review_monthly", "account": ACCOUNT, "on": True}
    assert "on ✓" in _label(app, "review_monthly") and "none yet" in _label(app, "review_monthly")
    reports = []
    while game.week < 5:  # month 1's figures come out at the end of week 4
        key(app, pygame.K_n, "n")
        if app.report.is_open:
            reports.append(app.report.html())
            key(app, pygame.K_RETURN)
    name = game.view.account(ACCOUNT).name
    assert "Monthly KPI reviews" in reports[-1]  # told with the month's figures
    assert f"{name}: reviewed with {days:g} of the field days week 4 left over." in reports[-1]
    assert "last in week 4" in _label(app, "review_monthly")
    assert "Last reviewed in week 4" in _tip(app, "review_monthly")
    key(app, pygame.K_r, "r")
    assert not game.view.account(ACCOUNT).reviews_monthly
    assert _label(app, "review_monthly").startswith("Monthly KPI review: off")


def test_step_7_of_the_board_has_the_same_toggle(app: App, game: GameController) -> None:
    app.push("planning", account=ACCOUNT, step=7)
    frames(app)
    assert _label(app, "do_review_monthly").startswith("Monthly KPI review: off")
    click(app, "do_review_monthly")
    assert game.view.account(ACCOUNT).reviews_monthly
    assert "on ✓" in _label(app, "do_review_monthly")
    key(app, pygame.K_r, "r")
    assert not game.view.account(ACCOUNT).reviews_monthly


def _open_board(app: App) -> int:
    if app.screen.name == "planning":
        key(app, pygame.K_ESCAPE)
    assert app.screen.name == "account"
    click(app, "plan")
    assert app.screen.name == "planning"
    return int(app.screen.step)


def test_the_board_opens_on_the_step_the_plan_needs_next(app: App, game: GameController) -> None:
    app.push("account", account=ACCOUNT)
    frames(app)
    assert _open_board(app) == 1  # nothing analysed yet: the analysis
    key(app, pygame.K_ESCAPE)
    for kind in ("desk_research", "map_pathway", "map_dmu"):
        click(app, kind)
    assert _open_board(app) == 2  # analysed: the diagnosis
    click(app, "step_4")
    assert _open_board(app) == 4  # the step last used, while the plan stands as it did
    click(app, "write")
    assert game.view.account(ACCOUNT).plan is not None
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    frames(app)
    assert app.screen.name == "planning" and app.screen.step == 4  # a resize keeps the step
    assert _open_board(app) == 3  # written: who sits at the table to agree it


def test_a_review_the_month_end_week_had_no_days_for_is_told_first_thing_next_week(
    app: App, game: GameController
) -> None:
    game.submit({"kind": "review_monthly", "account": ACCOUNT, "on": True})
    while game.week < 4:
        key(app, pygame.K_n, "n")
        if app.report.is_open:
            key(app, pygame.K_RETURN)
    while game.submit({"kind": "desk_research", "account": ACCOUNT}).accepted:
        pass  # week 4's field days spent
    key(app, pygame.K_n, "n")
    assert game.week == 5 and app.report.is_open
    name = game.view.account(ACCOUNT).name
    assert f"{name}: reviewed first thing in week 5" in app.report.html()
    assert "week 4 left too few" in app.report.html()
    assert game.view.account(ACCOUNT).last_review == 5
