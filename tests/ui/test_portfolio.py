"""The portfolio board: research and tier every account side by side, with the same questions
before a decline or a key account over the limit as on the account view, at every size."""

from __future__ import annotations

import pygame
import pytest

from kamsim.ui import games, theme
from kamsim.ui.app import MIN_SIZE, App, Options
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, key

SIZES = [(1280, 720), MIN_SIZE, (1920, 1080)]


@pytest.fixture
def board(app: App) -> GameController:
    controller = games.new_game("standard", 1, autosave=False)
    app.start(controller, "dashboard")
    frames(app)
    click(app, "portfolio")
    assert app.screen.name == "portfolio"
    return controller


def test_research_from_the_board(app: App, board: GameController) -> None:
    button = app.screen.buttons["research_fenwick"]
    assert button.full_text.startswith("Desk research · ")
    click(app, "research_fenwick")
    assert board.decisions()[-1][1] == {"kind": "desk_research", "account": "fenwick"}
    assert app.screen.buttons["research_fenwick"].full_text.startswith("Researched ✓")
    assert "nothing new" in app.screen.buttons["research_fenwick"].tool_tip_text


def test_a_tier_is_one_click_and_shows_on_its_row(app: App, board: GameController) -> None:
    click(app, "tier_kestrel_bay_key")
    assert board.view.account("kestrel_bay").tier == "key"
    assert app.screen.buttons["tier_kestrel_bay_key"].is_selected
    assert not app.screen.buttons["tier_kestrel_bay_develop"].is_selected
    click(app, "tier_kestrel_bay_maintain")
    assert board.view.account("kestrel_bay").tier == "maintain"
    tip = app.screen.buttons["tier_kestrel_bay_maintain"].tool_tip_text
    assert tip.startswith("● maintain:") and "no field days" in tip


def test_declining_asks_first_and_esc_keeps_the_tier(app: App, board: GameController) -> None:
    before = board.actions_submitted
    click(app, "tier_cresswell_decline")
    screen = app.screen
    assert screen.asking and "Decline Key Account Management at Cresswell" in screen.question
    assert board.actions_submitted == before
    assert not screen.buttons["tier_moorgate_key"].visible  # the rows step back behind it
    key(app, pygame.K_ESCAPE)
    assert not screen.asking and board.view.account("cresswell").tier is None
    assert screen.buttons["tier_moorgate_key"].visible
    assert app.screen is screen  # Esc answered the question; it did not leave the board
    click(app, "tier_cresswell_decline")
    key(app, pygame.K_RETURN)
    assert board.view.account("cresswell").tier == "decline"


def test_a_key_account_past_the_limit_asks_first(app: App, board: GameController) -> None:
    for account in ("kestrel_bay", "fenwick", "linden_valley"):
        click(app, f"tier_{account}_key")
    click(app, "tier_st_aldric_key")
    assert app.screen.asking and board.view.account("st_aldric").tier is None
    click(app, "tier_confirm")
    assert board.view.account("st_aldric").tier == "key"


def test_a_name_opens_the_account_and_t_opens_the_board(app: App, board: GameController) -> None:
    click(app, "account_fenwick")
    assert app.screen.name == "account" and app.screen.params["account"] == "fenwick"
    app.go("dashboard")
    frames(app)
    key(app, pygame.K_t, "t")
    assert app.screen.name == "portfolio"


@pytest.mark.parametrize("text", ["normal", "larger"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario", ["standard", "advanced"])
def test_every_account_has_a_row_and_nothing_overlaps(
    scenario: str, size: tuple[int, int], text: str
) -> None:
    app = App(Options(fast=True, driven=True, size=size, text_size=text))
    try:
        controller = games.new_game(scenario, 1, autosave=False)
        app.start(controller, "portfolio")
        frames(app)
        screen = app.screen
        window = app.window.get_rect()
        seen: set[str] = set()
        for _ in range(screen.pages):
            rects = {n: b.rect for n, b in screen.buttons.items() if b.visible}
            names = list(rects)
            for i, a in enumerate(names):
                assert window.contains(rects[a]), (a, rects[a])
                for b in names[i + 1 :]:
                    assert not rects[a].colliderect(rects[b]), (a, b)
            rows = {n.removeprefix("account_") for n in rects if n.startswith("account_")}
            figures_end = (
                screen.rect.x + 12 + screen.name_w + 6 + sum(w + 6 for _, _, w in screen.columns)
            )
            for aid in rows:  # the figures end before the row's research button
                assert figures_end <= rects[f"research_{aid}"].left, aid
                assert screen.buttons[f"account_{aid}"].tool_tip_text  # the name, whole
            seen |= rows
            if screen.pages > 1:
                key(app, pygame.K_PAGEDOWN)
        assert seen == {a.id for a in controller.view.accounts}
    finally:
        pygame.quit()
        theme.reset()
