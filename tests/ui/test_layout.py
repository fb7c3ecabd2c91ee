"""What is on screen reads at 1280×720 and at the minimum window: nothing overlaps or clips.

Rects come from what the screens drew or built this frame (widgets' rects, the rects the text
was blitted to), not from layout constants.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from itertools import combinations

import pygame
import pygame_gui
import pytest

from kamsim.sim.view import FactView
from kamsim.ui import games, theme
from kamsim.ui.app import MIN_SIZE, App, Options
from kamsim.ui.controller import GameController
from kamsim.ui.screens.account import _stage_font
from kamsim.ui.screens.dashboard import account_row
from kamsim.ui.screens.planning import STEP_CLASSES
from kamsim.ui.widgets.facts import heard_facts, split_new
from kamsim.ui.widgets.table import share_widths
from tests.ui.conftest import frames

SIZES = [(1280, 720), MIN_SIZE, (1920, 1080)]
ACCOUNT = "fenwick"  # standard: three people, a pathway with a blockage


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized(request: pytest.FixtureRequest) -> Iterator[tuple[App, GameController]]:
    app = App(Options(fast=True, driven=True, size=request.param))
    controller = games.new_game("standard", 1, autosave=False)
    for kind in ("desk_research", "map_pathway", "map_dmu"):
        controller.submit({"kind": kind, "account": ACCOUNT})
    app.start(controller, "dashboard")
    frames(app)
    yield app, controller
    pygame.quit()
    theme.reset()


def overlaps(rects: list[pygame.Rect]) -> list[tuple[pygame.Rect, pygame.Rect]]:
    real = [r for r in rects if r.width > 1 and r.height > 1]
    return [(a, b) for a, b in combinations(real, 2) if a.colliderect(b)]


def test_the_window_cannot_be_made_smaller_than_min_size(app: App, game: GameController) -> None:
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500)))
    frames(app)
    assert app.window.get_size() == MIN_SIZE
    assert MIN_SIZE[0] >= 1152 and MIN_SIZE[1] >= 680  # the board's columns need this much


def test_no_two_things_on_the_planning_board_overlap(sized: tuple[App, GameController]) -> None:
    app, _ = sized
    app.push("planning", account=ACCOUNT)
    frames(app)
    screen = app.screen
    window = app.window.get_rect()
    for step in range(1, len(STEP_CLASSES) + 1):
        screen._go_step(step)
        frames(app)
        widgets = [b.rect for b in screen.buttons.values() if b.visible and b.alive()]
        widgets += [e.rect for e in screen.entries.values() if e.alive()]
        texts = list(screen.text_rects)
        assert len(texts) > 8, f"step {step}: the board drew almost no text"
        assert not overlaps(texts + widgets), f"step {step} at {window.size}"
        content = app.content_rect()
        for rect in texts + widgets:
            assert content.contains(rect), f"step {step}: {rect} outside {content}"


def test_step_titles_sit_above_their_subtitles_and_tools(sized: tuple[App, GameController]) -> None:
    app, _ = sized
    app.push("planning", account=ACCOUNT)
    frames(app)
    screen = app.screen
    for step in range(1, len(STEP_CLASSES) + 1):
        screen._go_step(step)
        frames(app)
        title, *subtitle = screen.text_rects[1 : 2 + len(screen.subtitle_lines())]
        tools = [b.rect for n, b in screen.step_buttons.items()]
        assert all(title.bottom <= s.top for s in subtitle)
        assert all(subtitle[-1].bottom <= t.top for t in tools)


def test_dashboard_names_and_types_are_whole(sized: tuple[App, GameController]) -> None:
    """At 1280×720 and larger no name or type is cut; at the minimum only names may be (their
    whole text shows on hover), and no number or word of the other columns ever is."""
    app, _ = sized
    table = app.screen.table
    wide = app.window.get_width() >= 1280
    assert table.rows
    for row in table.rows:
        for i, col in enumerate(table.columns):
            if col.painter is not None:
                continue
            whole = table.shown_text(row, i) == col.text(row)
            if wide or col.key not in ("name", "kind"):
                assert whole, f"{col.key}: {col.text(row)!r} shown as {table.shown_text(row, i)!r}"
    for col, width in zip(table.columns, table.widths(), strict=True):
        assert theme.font(12, True).size(col.title)[0] <= width - 10


def test_a_cut_name_is_read_whole_on_hover(app: App) -> None:
    app.window = pygame.display.set_mode(MIN_SIZE)
    controller = games.new_game("advanced", 1, autosave=False)
    app.start(controller, "dashboard")
    frames(app)
    table = app.screen.table
    cut = [(i, r) for i, r in enumerate(table.rows) if table.shown_text(r, 0) != r["name"]]
    for index, row in cut[:1]:
        rect = table.row_rect(index)
        assert rect is not None
        assert table.clipped_at((rect.x + 20, rect.centery)) == row["name"]


def test_dmu_legend_is_clear_of_the_people(sized: tuple[App, GameController]) -> None:
    app, _ = sized
    app.push("account", account=ACCOUNT)
    frames(app)
    screen = app.screen
    words, legend = screen.network.word_rects, screen.legend_rects
    assert words and legend
    assert not overlaps(legend + words)
    for rect in words + legend:
        assert screen.network_rect.contains(rect)


def test_pathway_stage_names_fit_their_boxes(sized: tuple[App, GameController]) -> None:
    app, controller = sized
    acc = controller.view.account(ACCOUNT)
    assert acc.pathway
    app.push("account", account=ACCOUNT)
    frames(app)
    net = app.screen.network_rect
    inner_w = net.width - 16
    n = len(acc.pathway)
    width = (inner_w - 14 * (n - 1)) // n - 8
    room = app.screen.rect.bottom - net.bottom - 22 - 12 - 24 - 20
    size, height = _stage_font(acc, width, room)
    line = theme.font(size).get_linesize() - 3
    for stage in acc.pathway:
        lines = theme.wrap(stage.name, width, size)
        assert all(theme.font(size).size(w)[0] <= width for w in stage.name.split())
        assert len(lines) * line <= height - 6, stage.name


def _heard_twice(controller: GameController) -> FactView:
    """Make the cached view hold the account's first fact heard a second time, elsewhere."""
    view = controller.view
    first = next(f for f in view.facts if f.account == ACCOUNT)
    again = dataclasses.replace(first, source="map_dmu_again", week=first.week + 1)
    controller._view = dataclasses.replace(view, facts=(*view.facts, again))
    return first


def test_a_fact_heard_from_two_sources_is_listed_and_counted_once(app: App) -> None:
    controller = games.new_game("standard", 1, autosave=False)
    controller.submit({"kind": "desk_research", "account": ACCOUNT})
    app.start(controller, "dashboard")
    frames(app)
    distinct = len({f.id for f in controller.view.facts if f.account == ACCOUNT})
    first = _heard_twice(controller)
    assert account_row(controller.view.account(ACCOUNT), controller.view)["facts"] == str(distinct)
    app.push("account", account=ACCOUNT)
    frames(app)
    listed = app.screen.facts()
    assert len(listed) == distinct
    twice = next(h for h in listed if h.id == first.id)
    assert len(twice.hearings) == 2  # listed once, with both its sources


def test_heard_facts_keeps_every_source_in_order() -> None:
    def heard(fid: str, source: str, week: int) -> FactView:
        return FactView(fid, "acc", fid, "text", {}, source, week, 0.9)

    facts = [heard("a", "desk_research", 1), heard("b", "x", 1), heard("a", "meeting:p:q", 3)]
    grouped = heard_facts(facts, "acc")
    assert [h.id for h in grouped] == ["a", "b"]
    assert [f.source for f in grouped[0].hearings] == ["desk_research", "meeting:p:q"]


def test_a_fact_heard_again_is_not_new() -> None:
    assert split_new(["a", "b", "a"], {"b"}) == (["a"], ["b"])


def test_columns_without_a_floor_keep_their_width_when_floored_ones_can_give() -> None:
    """Rounding the floored columns' cuts must not push every column into shrinking (the Tier
    column read "– untier…" at the minimum window by one pixel)."""
    needs, floors = [256, 103, 75, 46, 122], [110, 60, None, None, 80]
    widths = share_widths(needs, [0.3, 0.1, 0.1, 0.1, 0.1], floors, 540)
    assert sum(widths) == 540
    assert widths[2:4] == [75, 46]
    assert all(w >= f for w, f in zip(widths, floors, strict=True) if f is not None)


def test_kpi_account_list_names_fit_their_buttons(sized: tuple[App, GameController]) -> None:
    """The list is as wide as its longest name (up to a limit): no name runs past its button's
    edge; one that would is cut with "…" and whole in the tooltip."""
    app, controller = sized
    app.go("kpis")
    frames(app)
    screen = app.screen
    for acc in controller.view.accounts:
        button = screen.buttons[f"kpi_account_{acc.id}"]
        assert theme.font(13).size(button.text)[0] <= button.rect.width - 20, button.text
        assert button.text == acc.name or (
            button.text.endswith("…") and button.tool_tip_text == acc.name
        )
    assert all(b.text == a.name for a in controller.view.accounts
               if (b := screen.buttons[f"kpi_account_{a.id}"]))  # fmt: skip


def _buttons(app: App) -> list[pygame.Rect]:
    return [
        e.rect
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIButton) and e.alive() and e.visible
        and not isinstance(e.ui_container, pygame_gui.elements.UIScrollingContainer)
    ]  # fmt: skip


@pytest.mark.parametrize("screen", ["dashboard", "account", "meeting", "inbox", "calendar",
                                    "kpis", "portfolio", "debrief"])  # fmt: skip
def test_no_two_buttons_overlap(sized: tuple[App, GameController], screen: str) -> None:
    """Every button on every screen (and the top bar's) has its own room at every size: the
    debrief's tabs ran under "New game…" at the minimum window."""
    assert_buttons_apart(sized[0], screen)


def assert_buttons_apart(app: App, screen: str, account: str = ACCOUNT) -> None:
    """Open `screen` (at `account` where it needs one): its buttons and the top bar's are
    more than four, none overlaps another, all inside the window."""
    params = {"account": account} if screen in ("account", "meeting", "planning") else {}
    app.go(screen, **params)
    frames(app)
    window = app.window.get_rect()
    rects = _buttons(app)
    assert len(rects) > 4
    assert not overlaps(rects), f"{screen} at {window.size}: {overlaps(rects)[:3]}"
    assert all(window.contains(r) for r in rects)


@pytest.mark.parametrize("text", ["normal", "larger"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_question_list_stays_clear_of_the_buttons(size: tuple[int, int], text: str) -> None:
    """The advanced scenario's eighteen questions ran under Back, and off the window, at
    1152×680: every question has its own room inside the window, and so has the line that
    explains the signs of questions asked before."""
    app = App(Options(fast=True, driven=True, size=size, text_size=text))
    try:
        controller = games.new_game("advanced", 1, autosave=False)
        app.start(controller, "dashboard")
        frames(app)
        account = max(controller.view.accounts, key=lambda a: len(a.people)).id
        assert_buttons_apart(app, "meeting", account)
        screen = app.screen
        assert screen is not None
        questions = [b.rect for n, b in screen.buttons.items() if n.startswith("question_")]
        assert len(questions) == len(controller.view.questions) == 18
        legend = screen.rect.y + screen.legend_y
        assert max(r.bottom for r in questions) < legend
        assert legend + 14 <= app.window.get_rect().bottom
    finally:
        pygame.quit()
        theme.reset()
