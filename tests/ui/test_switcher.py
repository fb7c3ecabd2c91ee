"""From one key account straight to another: `[` / `]` on the account and meeting screens,
and the meeting screen lists the other key accounts under the people."""

from __future__ import annotations

import pygame

from kamsim.ui import games
from kamsim.ui.app import App
from kamsim.ui.switcher import neighbour
from tests.ui.conftest import click, frames, key

KEYS = ("kestrel_bay", "fenwick", "linden_valley")  # in the territory's order


def _standard_with_keys(app: App) -> None:
    controller = games.new_game("standard", 1, autosave=False)
    for account in KEYS:
        assert controller.submit({"kind": "set_tier", "account": account, "tier": "key"}).accepted
    app.start(controller, "account", account=KEYS[0])
    frames(app)


def _on(app: App, screen: str, account: str) -> bool:
    return app.screen.name == screen and app.screen.params.get("account") == account


def test_brackets_step_through_the_key_accounts(app: App) -> None:
    _standard_with_keys(app)
    order = [a.id for a in app.controller.view.accounts if a.id in KEYS]
    assert neighbour(app.controller.view, order[0], 1) == order[1]
    key(app, pygame.K_RIGHTBRACKET, "]")
    assert _on(app, "account", order[1])
    key(app, pygame.K_LEFTBRACKET, "[")
    key(app, pygame.K_LEFTBRACKET, "[")  # round from the first to the last
    assert _on(app, "account", order[-1])
    key(app, pygame.K_ESCAPE, "\x1b")  # opened as from the territory: Esc goes back there
    assert app.screen.name == "dashboard"


def test_the_meeting_screen_offers_the_other_key_accounts(app: App) -> None:
    _standard_with_keys(app)
    here = app.screen.params["account"]
    click(app, "meet")
    names = {a.id: a.name for a in app.controller.view.accounts}
    others = [a for a in KEYS if a != here]
    for account in others:
        assert app.screen.buttons[f"goto_{account}"].text.startswith(f"▸ {names[account][:12]}")
    assert f"goto_{here}" not in app.screen.buttons
    click(app, f"goto_{others[0]}")
    assert _on(app, "account", others[0])
    click(app, "meet")
    key(app, pygame.K_RIGHTBRACKET, "]")
    assert app.screen.name == "account" and app.screen.params["account"] != others[0]


def test_without_another_key_account_nothing_is_offered(app: App) -> None:
    app.start(games.new_game("tutorial", 1, autosave=False), "account", account="millbrook")
    frames(app)
    key(app, pygame.K_RIGHTBRACKET, "]")
    assert _on(app, "account", "millbrook")
    click(app, "meet")
    assert not [n for n in app.screen.buttons if n.startswith("goto_")]
