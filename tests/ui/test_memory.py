"""What makes a long session grow: caches that only ever get bigger."""

from __future__ import annotations

import pygame

from kamsim.ui import memory, theme
from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import frames


def test_rebuilding_screens_does_not_grow_the_theming_cache(app: App, game: GameController) -> None:
    """pygame_gui keeps one theming entry per distinct widget id, with a key that grows with the
    id's length: per-widget ids (one per person, fact, account …) made it grow every week."""
    ids = app.manager.ui_theme.unique_theming_ids
    for name in ("dashboard", "inbox", "calendar", "kpis"):
        app.go(name)
        frames(app)
    account = game.view.accounts[0].id
    app.push("account", account=account)
    frames(app)
    before = len(ids)
    for _ in range(3):
        for acc in game.view.accounts:
            app.go("dashboard")
            app.push("account", account=acc.id)
            app.push("meeting", account=acc.id)
            frames(app)
    assert len(ids) <= before + 2, f"{len(ids) - before} new theming ids"


def test_the_text_cache_is_bounded_by_its_pixels(app: App) -> None:
    theme.reset()
    for i in range(4000):
        theme.text(f"a long line of text number {i} " * 3, 18)
    pixels = sum(s.get_width() * s.get_height() * s.get_bytesize() for s in theme._TEXT.values())
    assert pixels <= theme.TEXT_CACHE_BYTES + 2**20
    assert theme.text("a long line of text number 3999 " * 3, 18) is theme.text(
        "a long line of text number 3999 " * 3, 18
    )  # the newest lines stay cached
    assert isinstance(theme.text("x"), pygame.Surface)


def test_a_game_opening_freezes_its_long_lived_objects_and_plays_the_same() -> None:
    """The weekly collection walks only what was made since the game opened (it walked the
    whole game, ~30 ms a week); what a previous game left behind is collected first, and the
    game itself is the same game, baseline computed early or not."""
    import gc
    import weakref

    from kamsim.scenario.catalog import resolve
    from kamsim.scenario.load import load_scenario
    from kamsim.sim import Simulation

    def play(prepare: bool) -> str:
        game = GameController(Simulation(load_scenario(resolve("tutorial")), 3), None)
        if prepare:
            game.prepare()
            assert gc.get_freeze_count() > 0
            assert game.sim._core.baseline._value is not None  # no month end computes it
        for _ in range(6):
            game.advance_week()
        return game.sim.digest()

    class Cycle:
        me: object = None

    try:
        assert play(True) == play(False)
        left = Cycle()
        left.me = left  # garbage only the collector can free, alive when a game opens
        gone = weakref.ref(left)
        memory.settle()
        del left
        memory.settle()  # the next game: the first game's leftovers are collected, not kept
        assert gone() is None
    finally:
        gc.unfreeze()
