"""The purpose chosen for a meeting stays chosen for the next one (a round of listening visits
is one choice), survives a resize, and does not leak into another game."""

from __future__ import annotations

import pygame

from kamsim.ui import games
from kamsim.ui.app import App
from tests.ui.conftest import click, frames


def _meeting(app: App, account: str = "kestrel_bay", person: str = "nurse_lacroix") -> None:
    app.push("meeting", account=account, stakeholder=person)
    frames(app)


def test_the_purpose_stays_for_the_next_meeting_screen(app: App) -> None:
    controller = games.new_game("standard", 1, autosave=False)
    app.start(controller, "account", account="kestrel_bay")
    _meeting(app)
    assert app.screen.purpose == "discover"  # where a game starts
    click(app, "purpose_listen")
    app.back()
    frames(app)
    _meeting(app, "kestrel_bay", "dr_mensah")
    assert app.screen.purpose == "listen"
    assert app.screen.buttons["purpose_listen"].is_selected
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1400, h=800, size=(1400, 800)))
    frames(app, 3)
    assert app.screen.rect.width > 1280  # rebuilt at the new size
    assert app.screen.purpose == "listen"


def test_a_new_game_starts_on_discovery(app: App) -> None:
    app.start(games.new_game("standard", 1, autosave=False), "account", account="kestrel_bay")
    _meeting(app)
    click(app, "purpose_co_create")
    app.start(games.new_game("standard", 2, autosave=False), "account", account="kestrel_bay")
    _meeting(app)
    assert app.screen.purpose == "discover"


def test_someone_brought_to_light_is_listed_at_once_and_the_choices_stay(app: App) -> None:
    """Kestrel Bay's day-unit manager is hidden until the DMU is mapped: mapping it while the
    meeting screen is open lists him there (the autoplay had to fall back to the bots' own
    submission when a hidden member came to light mid-meeting)."""
    controller = games.new_game("standard", 1, autosave=False)
    app.start(controller, "account", account="kestrel_bay")
    _meeting(app)
    click(app, "purpose_listen")
    click(app, "go")
    result = app.screen.result
    assert result is not None and "person_owen_tate" not in app.screen.buttons
    controller.submit({"kind": "map_dmu", "account": "kestrel_bay"})
    frames(app, 3)
    screen = app.screen
    assert "person_owen_tate" in screen.buttons and screen.buttons["person_owen_tate"].visible
    assert (screen.stakeholder, screen.purpose, screen.result) == ("nurse_lacroix", "listen",
                                                                   result)  # fmt: skip
    assert screen.buttons["person_nurse_lacroix"].is_selected
