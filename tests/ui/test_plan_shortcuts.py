"""The shortest ways to the plan: the meeting screen's planning board button (and P), and
step 3's "Seat everyone present", which puts the whole DMU at the table in one click."""

from __future__ import annotations

import pygame

from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, key

ACCOUNT = "millbrook"  # tutorial: a clinical director and a front-line nurse are known


def _meeting(app: App) -> None:
    app.push("account", account=ACCOUNT)
    frames(app)
    click(app, "meet")
    assert app.screen.name == "meeting"


def test_the_meeting_screen_opens_the_board_and_esc_goes_back_to_the_account(
    app: App, game: GameController
) -> None:
    _meeting(app)
    click(app, "plan")
    assert app.screen.name == "planning" and app.screen.params["account"] == ACCOUNT
    key(app, pygame.K_ESCAPE)
    assert app.screen.name == "account" and app.screen.params["account"] == ACCOUNT
    click(app, "meet")
    key(app, pygame.K_p, "p")
    assert app.screen.name == "planning"


def test_seat_everyone_puts_the_people_present_at_the_table_in_order(
    app: App, game: GameController
) -> None:
    app.push("planning", account=ACCOUNT, step=3)
    frames(app)
    here = [p.id for p in game.view.account(ACCOUNT).people if p.present]
    assert len(here) == 2
    click(app, f"consult_{here[1]}")  # one already seated: the table is replaced, in order
    click(app, "seat_everyone")
    assert app.screen.draft.consulted == here
    assert app.screen.buttons["seat_everyone"].is_selected
    assert all(app.screen.buttons[f"consult_{p}"].is_selected for p in here)
    click(app, f"consult_{here[0]}")  # unseat one: no longer everyone
    assert app.screen.draft.consulted == here[1:]
    assert not app.screen.buttons["seat_everyone"].is_selected
