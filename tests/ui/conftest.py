"""Headless UI tests: dummy SDL drivers are set before pygame is imported anywhere."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from kamsim.ui import games, theme
from kamsim.ui.app import App, Options
from kamsim.ui.controller import GameController


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder (saves, sidecars, user scenarios)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KAMSIM_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app() -> Iterator[App]:
    application = App(Options(fast=True, driven=True))
    yield application
    pygame.quit()
    theme.reset()


def spy_drawn(monkeypatch: pytest.MonkeyPatch, add: Callable[[str], object]) -> None:
    """Hand every text drawn from now on to `add`: all drawing passes through `theme.text`."""
    real = theme.text

    def text(s: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        add(s)
        return real(s, *args, **kwargs)

    monkeypatch.setattr(theme, "text", text)


@pytest.fixture
def drawn_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text drawn from now on."""
    texts: list[str] = []
    spy_drawn(monkeypatch, texts.append)
    return texts


def meeting_with_the_nurse(app: App) -> None:
    """The tutorial (seed 1, not saved) on Millbrook's meeting screen, Agnes Kowal chosen."""
    app.start(games.new_game("tutorial", 1, autosave=False), "dashboard")
    frames(app)
    click(app, "account_millbrook")
    click(app, "meet")
    click(app, "person_sister_kowal")


@pytest.fixture
def game(app: App) -> GameController:
    """A fresh tutorial game (seed 1, autosaving) open on the dashboard."""
    controller = games.new_game("tutorial", 1)
    app.start(controller, "dashboard")
    frames(app)
    return controller


def frames(app: App, n: int = 2) -> None:
    for _ in range(n):
        app.step(1 / 60)


def target(app: App, name: str) -> pygame.Rect:
    found = dict(app.hud.targets()) if app.screen and app.screen.in_game else {}
    assert app.screen is not None
    found.update(app.screen.targets())
    assert name in found, f"no target {name!r} on {app.screen.name}: {sorted(found)[:40]}"
    return found[name]


def click(app: App, name: str, n: int = 2) -> None:
    """Click a named target the way a person would: move, press, release at its centre."""
    pos = target(app, name).center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    frames(app, n)


def key(app: App, k: int, unicode: str = "", mod: int = 0, n: int = 2) -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)
    )
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0))
    frames(app, n)


def type_text(app: App, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    frames(app)
