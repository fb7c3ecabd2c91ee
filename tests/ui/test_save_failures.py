"""A save that cannot be written is never silent: shown at once, retried, asked about at quit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from kamsim.ui import games
from kamsim.ui.app import EXIT_NOT_SAVED, App
from kamsim.ui.controller import GameController
from kamsim.ui.saver import BackgroundWriter
from kamsim.ui.widgets import draw
from tests.ui.conftest import frames, key


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the screens draw this frame, as a person would read it."""
    seen: list[str] = []
    label, paragraph = draw.label, draw.paragraph

    def spy_label(surface: pygame.Surface, text: str, *args: object, **kw: object) -> object:
        seen.append(text)
        return label(surface, text, *args, **kw)  # type: ignore[arg-type]

    def spy_paragraph(surface: pygame.Surface, text: str, *args: object, **kw: object) -> object:
        seen.append(text)
        return paragraph(surface, text, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(draw, "label", spy_label)
    monkeypatch.setattr(draw, "paragraph", spy_paragraph)
    yield seen


def broken_game(app: App, tmp_path: Path) -> tuple[GameController, Path]:
    """A game whose save folder is, in fact, a file: every write fails until it is fixed."""
    blocker = tmp_path / "saves"
    blocker.write_text("not a folder", "utf-8")
    game = games.new_game("tutorial", 3)
    game.flush()
    game.save_path = blocker / "game.json"
    app.start(game, "dashboard")
    frames(app)
    return game, blocker


def test_a_failed_write_is_kept_and_retried(tmp_path: Path) -> None:
    writer = BackgroundWriter()
    target = tmp_path / "later" / "save.json"
    writer.write([(target, "{}")])
    writer.flush()
    assert writer.failure is not None and "later" in writer.failure
    assert not writer.saved and writer.failures == 1
    target.parent.mkdir()
    writer.retry()
    writer.flush()
    assert writer.saved and writer.failure is None
    assert target.read_text("utf-8") == "{}"


def test_the_failure_is_on_screen_at_once_and_the_game_recovers(
    app: App, tmp_path: Path, drawn: list[str]
) -> None:
    game, blocker = broken_game(app, tmp_path)
    app.next_week()
    game.flush()
    drawn.clear()
    frames(app)
    status = [t for t in drawn if t.startswith("✕ Not saved:")]
    assert status and "kamsim keeps trying" in status[0]
    assert any(item.text.startswith("Autosave failed:") for item in game.feed)
    blocker.unlink()
    blocker.mkdir()
    app._since_retry = 99.0  # as if the retry interval had passed
    frames(app)
    game.flush()
    frames(app)
    assert game.save_failure is None
    assert games.resume_game(game.save_path).sim.digest() == game.sim.digest()
    drawn.clear()
    frames(app)
    assert not any(t.startswith("✕ Not saved:") for t in drawn)


def test_quitting_unsaved_asks_and_esc_keeps_playing(
    app: App, tmp_path: Path, drawn: list[str]
) -> None:
    app.options.driven = False  # a person at the window, who can answer
    game, _ = broken_game(app, tmp_path)
    app.next_week()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    drawn.clear()
    frames(app)
    assert app.running and app.confirm_quit
    assert any("Quit without saving?" in t for t in drawn)
    key(app, pygame.K_ESCAPE)
    assert app.running and not app.confirm_quit
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app)
    key(app, pygame.K_q)
    assert not app.running and app.exit_code == EXIT_NOT_SAVED
    assert game.save_failure is not None


def test_an_unattended_window_quits_with_a_non_zero_exit(app: App, tmp_path: Path) -> None:
    broken_game(app, tmp_path)
    app.next_week()
    app.quit()
    assert not app.running and app.exit_code == EXIT_NOT_SAVED
