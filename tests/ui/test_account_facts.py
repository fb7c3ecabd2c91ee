"""The account's discovered facts are a pygame_gui text box: every fact once, newest first,
wrapped to the panel and scrolled by the mouse wheel over it or its scroll bar (the screen
drew and scrolled them by hand, and cut a long list with "more below")."""

from __future__ import annotations

import re

import pygame
import pytest

from kamsim.bots import make_bot
from kamsim.bots.runner import play_week
from kamsim.ui import games
from kamsim.ui.app import App
from tests.ui.conftest import frames

ACCOUNT = "kestrel_bay"


def _titles(html: str) -> list[str]:
    """The facts' titles in the box, in order (each is the bold line of its entry)."""
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<b>(.*?)</b>", html)]


def _played(app: App, weeks: int) -> None:
    """The expert's first weeks: research, mapping and meetings at Kestrel Bay."""
    controller = games.new_game("standard", 1, autosave=False)
    bot = make_bot("expert", 1)
    while controller.sim.week <= weeks:
        play_week(controller.sim, bot, lambda s: s.view())
        controller.advance_week()
    app.start(controller, "account", account=ACCOUNT)
    frames(app)


def test_every_fact_is_listed_once_newest_first(app: App) -> None:
    _played(app, 20)
    screen = app.screen
    facts = screen.facts()
    assert len(facts) >= 5
    assert _titles(screen.fact_box.html_text) == [h.best.title for h in reversed(facts)]


def test_a_long_list_scrolls_with_the_wheel_over_it(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    _played(app, 20)
    box = app.screen.fact_box
    bar = box.scroll_bar
    assert bar is not None, "six facts are taller than the panel: the box has a scroll bar"
    start = bar.start_percentage
    pos = box.rect.center
    # pygame_gui reads where the mouse is from SDL, which posted motion does not move under
    # the dummy video driver: the pointer is put over the box the way SDL would report it
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0), touch=False))  # fmt: skip
    frames(app)
    for _ in range(3):
        wheel = {"x": 0, "y": -1, "flipped": False, "precise_x": 0.0, "precise_y": -1.0}
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, touch=False, **wheel))
        frames(app)
    assert bar.start_percentage > start


def test_a_new_fact_is_added_to_the_open_screen(app: App) -> None:
    controller = games.new_game("standard", 1, autosave=False)
    app.start(controller, "account", account=ACCOUNT)
    frames(app)
    assert "None yet" in app.screen.fact_box.html_text
    controller.submit({"kind": "desk_research", "account": ACCOUNT})
    frames(app, 3)
    titles = _titles(app.screen.fact_box.html_text)
    assert titles == [h.best.title for h in reversed(app.screen.facts())] and titles
