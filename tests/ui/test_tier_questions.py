"""Declining an account, or keying one past the company's limit, asks first (click or key);
Esc keeps the tier, Enter or the button sets it; every other tier change happens at once."""

from __future__ import annotations

import pygame

from kamsim.ui import games
from kamsim.ui.app import App
from kamsim.ui.tier_questions import tier_question
from tests.ui.conftest import click, frames, key


def _account(app: App, account: str = "kestrel_bay") -> games.GameController:
    game = games.new_game("standard", 1, autosave=False)
    app.start(game, "dashboard")
    frames(app)
    click(app, f"account_{account}")
    return game


def test_declining_asks_and_esc_keeps_the_tier(app: App) -> None:
    game = _account(app)
    click(app, "tier_decline")
    assert game.view.account("kestrel_bay").tier is None  # nothing yet
    assert "Decline Key Account Management at Kestrel Bay General Hospital?" in (
        app.screen.tier_question or "")  # fmt: skip
    key(app, pygame.K_ESCAPE)
    assert app.screen.name == "account"  # Esc answered the question, it did not leave
    assert app.screen.tier_question is None
    assert game.view.account("kestrel_bay").tier is None


def test_the_decline_key_asks_and_enter_declines(app: App) -> None:
    game = _account(app)
    key(app, pygame.K_5, "5")
    assert app.screen.tier_question is not None
    key(app, pygame.K_RETURN)
    assert game.view.account("kestrel_bay").tier == "decline"


def test_a_key_account_past_the_limit_asks_and_the_button_confirms(app: App) -> None:
    game = _account(app)
    limit = game.view.max_key_accounts
    others = [a.id for a in game.view.accounts if a.id != "kestrel_bay"][:limit]
    for acc in others:
        game.submit({"kind": "set_tier", "account": acc, "tier": "key"})
    frames(app)
    click(app, "tier_key")
    question = app.screen.tier_question or ""
    assert f"You already have {limit}" in question and f"the company backs {limit}" in question
    click(app, "tier_confirm")
    assert game.view.account("kestrel_bay").tier == "key"


def test_other_tier_changes_happen_at_once(app: App) -> None:
    game = _account(app)
    click(app, "tier_develop")
    assert app.screen.tier_question is None
    assert game.view.account("kestrel_bay").tier == "develop"
    click(app, "tier_key")  # the first key account: within the limit
    assert game.view.account("kestrel_bay").tier == "key"


def test_no_question_for_the_tier_it_already_has() -> None:
    game = games.new_game("tutorial", 1, autosave=False)
    game.submit({"kind": "set_tier", "account": "eastvale", "tier": "decline"})
    view = game.view
    dyn = game.sim.scenario.dynamics
    assert tier_question(view, view.account("eastvale"), "decline", dyn) is None
