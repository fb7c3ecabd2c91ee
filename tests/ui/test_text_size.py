"""A text size for players who need larger type: Ctrl+plus / Ctrl+minus, or `--text-size`,
kept for the next session; at the largest size nothing on a screen overlaps, and a label that
no longer fits its button is cut with "…" and said whole in its tooltip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from kamsim.ui import games, preferences, theme
from kamsim.ui.app import MIN_SIZE, App, Options
from kamsim.ui.controller import GameController
from kamsim.ui.screens.base import fit_label
from tests.ui.conftest import click, frames, key
from tests.ui.test_layout import assert_buttons_apart


def larger(app: App) -> None:
    key(app, pygame.K_EQUALS, "=", pygame.KMOD_CTRL)


def test_ctrl_plus_makes_every_font_larger_and_is_kept(app: App, game: GameController) -> None:
    normal = theme.font(13).get_height()
    larger(app)
    assert theme.text_size() == "large" and theme.font(13).get_height() > normal
    larger(app)
    larger(app)  # no size past the largest
    assert theme.text_size() == "larger"
    assert app.screen.name == "dashboard" and app.hud.buttons  # rebuilt, still working
    click(app, f"account_{game.view.accounts[0].id}")
    assert app.screen.name == "account"
    assert preferences.text_size() == "larger"
    pygame.quit()
    theme.reset()
    again = App(Options(fast=True, driven=True))  # the next session starts at that size
    assert theme.text_size() == "larger"
    key(again, pygame.K_MINUS, "-", pygame.KMOD_CTRL)
    assert theme.text_size() == "large" and preferences.text_size() == "large"


def test_the_flag_wins_over_the_preference_and_nonsense_is_ignored(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / preferences.FILE).write_text('{"text_size": "huge"}', encoding="utf-8")
    assert preferences.text_size() == "normal"
    (data_dir / preferences.FILE).write_text("{not json", encoding="utf-8")
    assert preferences.text_size() == "normal"
    App(Options(fast=True, driven=True, text_size="large"))
    assert theme.text_size() == "large"
    pygame.quit()
    theme.set_text_size("normal")


def test_a_label_too_wide_for_its_button_is_cut_and_said_whole() -> None:
    pygame.font.init()
    assert fit_label("Desk research · 0.5 d", 300) == "Desk research · 0.5 d"
    cut = fit_label("Planning board  [P]", 90, "primary")
    assert cut.endswith("…") and len(cut) < len("Planning board  [P]")


@pytest.fixture(params=[(1280, 720), MIN_SIZE], ids=lambda s: f"{s[0]}x{s[1]}")
def large_text(request: pytest.FixtureRequest) -> Iterator[tuple[App, GameController]]:
    app = App(Options(fast=True, driven=True, size=request.param, text_size="larger"))
    controller = games.new_game("standard", 1, autosave=False)
    controller.submit({"kind": "desk_research", "account": "fenwick"})
    app.start(controller, "dashboard")
    frames(app)
    yield app, controller
    pygame.quit()
    theme.set_text_size("normal")


@pytest.mark.parametrize("screen", ["dashboard", "account", "meeting", "inbox", "calendar",
                                    "kpis", "planning"])  # fmt: skip
def test_at_the_largest_text_no_two_buttons_overlap(
    large_text: tuple[App, GameController], screen: str
) -> None:
    app, _ = large_text
    assert_buttons_apart(app, screen, "fenwick")
    for button in app.screen.buttons.values():  # a cut label is read whole on hover
        text = str(button.text)
        if text.endswith("…"):
            assert str(button.tool_tip_text).startswith(text[:-1]), text


def test_play_knows_the_window_minimum_and_the_text_sizes() -> None:
    from kamsim.commands import play_cmds

    assert (play_cmds.MIN_W, play_cmds.MIN_H) == MIN_SIZE
    assert set(theme.TEXT_SIZES) == {"normal", "large", "larger"}


def test_at_the_largest_text_the_top_bar_figures_stay_clear_of_its_buttons(
    large_text: tuple[App, GameController], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1152×680 "1.5 left this week" ran under the Territory button: the figures are
    shortened ("1.5 d left") or left out, never drawn under a button."""
    from kamsim.ui.widgets import draw

    app, _ = large_text
    drawn: list[tuple[str, pygame.Rect]] = []
    label = draw.label

    def spy(surface: pygame.Surface, text: str, *args: object, **kw: object) -> pygame.Rect:
        rect = label(surface, text, *args, **kw)  # type: ignore[arg-type]
        drawn.append((text, rect))
        return rect

    monkeypatch.setattr(draw, "label", spy)
    app.hud.draw(app.window)
    first_button = min(b.rect.left for b in app.hud.buttons.values())
    assert drawn and any(text.startswith("Week ") for text, _ in drawn)
    assert any("left" in text for text, _ in drawn), drawn  # the field days are still shown
    late = [(text, rect) for text, rect in drawn if rect.right > first_button]
    assert not late, late


def test_at_the_largest_text_the_meet_now_costs_are_whole(
    large_text: tuple[App, GameController],
) -> None:
    """The cost on a person's Meet now button is the button's point: it widens with the text
    (the people's names give way, and are read whole on hover)."""
    app, _ = large_text
    app.go("meeting", account="fenwick")
    frames(app)
    for purpose in ("listen", "discover", "co_create", "promote"):
        click(app, f"purpose_{purpose}")
        for name, button in app.screen.buttons.items():
            if name.startswith("now_"):
                assert str(button.text).endswith(" d ▸"), (purpose, button.text)
