"""A sortable, clickable data table drawn directly (far faster than a grid of widgets).

Click a header to sort (again to reverse); click a row or press Enter to open it; ↑/↓ move
the selection; the mouse wheel scrolls. Rows are plain dicts with an "id".

Columns are as wide as their content (the header or the widest cell, measured whenever the
rows or the table's width change), and the room left over is shared by the columns' `width`
weights: a name is never cut off beside a half-empty column of three-digit numbers. Only when
the table is narrower than its content do columns shrink, the ones with a `floor` first (names
and words, down to their floor; numbers keep their width), and a cut cell says so with "…"
and shows its whole text on hover (`clipped_at`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from kamsim.ui import theme
from kamsim.ui.widgets import draw

Row = dict[str, Any]


CELL_SIZE = 13  # cell font size
HEAD_SIZE = 12  # header font size (bold)
PAD = 10  # a cell's inner margins, both sides together
MARK = " ▼"  # the sort mark a header may carry


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: float  # weight: its share of the room left once every column has its content
    align: str = "left"
    fmt: Callable[[Row], str] | None = None
    colour: Callable[[Row], theme.Colour] | None = None
    painter: Callable[[pygame.Surface, pygame.Rect, Row], None] | None = None
    tip: str = ""
    measure: Callable[[Row], int] | None = None  # a painted cell's width (painter columns)
    floor: int | None = None  # may shrink down to this many pixels when room is short

    def text(self, row: Row) -> str:
        return self.fmt(row) if self.fmt else str(row.get(self.key, ""))

    def need(self, rows: list[Row], sorted_by: bool = False) -> int:
        """The pixels its header (with the sort mark when sorted by it) and widest cell take."""
        head = theme.font(HEAD_SIZE, True).size(self.title + (MARK if sorted_by else ""))[0]
        if self.measure is not None:
            cells = max((self.measure(r) for r in rows), default=0)
        else:
            font = theme.font(CELL_SIZE)
            cells = max((font.size(self.text(r))[0] for r in rows), default=0)
        return max(head, cells) + PAD


def share_widths(needs: list[int], weights: list[float], floors: list[int | None], total: int
                 ) -> list[int]:  # fmt: skip
    """Column widths that add up to `total`: each its need plus a weighted share of what is
    left; when short, the columns with a floor give up room first, then all alike."""
    spare = total - sum(needs)
    if spare >= 0:
        weight = sum(weights) or 1.0
        widths = [n + int(spare * w / weight) for n, w in zip(needs, weights, strict=True)]
    else:
        give = [max(0, n - f) if f is not None else 0 for n, f in zip(needs, floors, strict=True)]
        can = sum(give)
        cut = min(-spare, can)
        # Each cut rounds up (never below its floor, as cut <= can), so the rounding cannot
        # leave the floored columns a pixel short and push every column into shrinking; the
        # pixel or two cut too many go back to the first column below.
        widths = [n - (-(-cut * g // can) if can else 0) for n, g in zip(needs, give, strict=True)]
        short = sum(widths) - total
        if short > 0:  # not even the floors fit: everything gives in proportion
            scale = total / sum(widths)
            widths = [int(w * scale) for w in widths]
    widths[0] += total - sum(widths)  # rounding: the first column takes the odd pixels
    return widths


class Table:
    """State (sort, selection, scroll) lives here; `draw` only reads it."""

    HEADER = 28

    def __init__(self, columns: list[Column], on_open: Callable[[str], None]) -> None:
        self.columns = columns
        self.on_open = on_open
        self.rect = pygame.Rect(0, 0, 100, 100)
        self.rows: list[Row] = []
        self.sort_key: str | None = None
        self.descending = False
        self.selected = 0
        self.scroll = 0
        self.hover: int | None = None
        self.hover_header: int | None = None
        self._widths: list[int] = []
        self._widths_for: tuple[object, ...] = ()  # (table width, rows version, sort key)
        self._rows_version = 0

    # ------------------------------------------------------------------ data
    def set_rows(self, rows: list[Row]) -> None:
        self.rows = list(rows)
        self._rows_version += 1
        self._sort()

    def widths(self) -> list[int]:
        """Each column's width in pixels (measured again when the rows or the width change)."""
        key = (self.rect.width, self._rows_version, self.sort_key)
        if key != self._widths_for:
            self._widths = share_widths(
                [c.need(self.rows, c.key == self.sort_key) for c in self.columns],
                [c.width for c in self.columns],
                [c.floor for c in self.columns],
                self.rect.width,
            )
            self._widths_for = key
        return self._widths

    def shown_text(self, row: Row, index: int) -> str:
        """What a text cell shows: its text, cut with "…" only when its column is too narrow."""
        col = self.columns[index]
        return theme.fit(col.text(row), self.widths()[index] - PAD, CELL_SIZE)

    def clipped_at(self, pos: tuple[int, int]) -> str | None:
        """The whole text of a cut-off cell under `pos` (for a hover tooltip), else None."""
        index = self._index_at(pos)
        if index is None:
            return None
        row, x = self.rows[index], self.rect.x
        for i, (col, w) in enumerate(zip(self.columns, self.widths(), strict=True)):
            if x <= pos[0] < x + w:
                full = col.text(row)
                return full if col.painter is None and self.shown_text(row, i) != full else None
            x += w
        return None

    def sort_by(self, key: str) -> None:
        """Sort by a column; the same column again reverses the order."""
        if self.sort_key == key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, key not in ("name",)
        self._sort()

    def _sort(self) -> None:
        if self.sort_key is None:
            return
        key = self.sort_key

        def value(row: Row) -> tuple[int, Any]:
            v = row.get(f"sort_{key}", row.get(key))
            return (0, v) if v is not None else (1, 0)

        present = [r for r in self.rows if value(r)[0] == 0]
        missing = [r for r in self.rows if value(r)[0] == 1]
        present.sort(key=lambda r: value(r)[1], reverse=self.descending)
        self.rows = present + missing

    # ------------------------------------------------------------------ geometry
    @property
    def row_height(self) -> int:
        """Rows shrink (down to 22 px) so that 20 accounts fit a 720-pixel window."""
        avail = self.rect.height - self.HEADER
        return max(22, min(30, avail // max(1, len(self.rows))))

    def visible_rows(self) -> int:
        return max(1, (self.rect.height - self.HEADER) // self.row_height)

    def row_rect(self, index: int) -> pygame.Rect | None:
        """Where row `index` (in sorted order) is drawn, or None when scrolled out of view."""
        pos = index - self.scroll
        if not 0 <= pos < self.visible_rows():
            return None
        top = self.rect.y + self.HEADER + pos * self.row_height
        return pygame.Rect(self.rect.x, top, self.rect.width, self.row_height)

    def rect_of(self, row_id: str) -> pygame.Rect | None:
        for i, row in enumerate(self.rows):
            if row["id"] == row_id:
                return self.row_rect(i)
        return None

    def header_rects(self) -> list[pygame.Rect]:
        x, rects = self.rect.x, []
        for w in self.widths():
            rects.append(pygame.Rect(x, self.rect.y, w, self.HEADER))
            x += w
        return rects

    def _index_at(self, pos: tuple[int, int]) -> int | None:
        for i in range(self.scroll, min(len(self.rows), self.scroll + self.visible_rows())):
            rect = self.row_rect(i)
            if rect and rect.collidepoint(pos):
                return i
        return None

    # ------------------------------------------------------------------ events
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.hover = self._index_at(event.pos)
            heads = self.header_rects()
            self.hover_header = next(
                (i for i, r in enumerate(heads) if r.collidepoint(event.pos)), None
            )
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for col, rect in zip(self.columns, self.header_rects(), strict=True):
                if rect.collidepoint(event.pos):
                    self.sort_by(col.key)
                    return True
            index = self._index_at(event.pos)
            if index is not None:
                self.selected = index
                self.on_open(self.rows[index]["id"])
                return True
        elif event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self._scroll_to(self.scroll - event.y)
            return True
        elif event.type == pygame.KEYDOWN and self.rows:
            return self._key(event.key)
        return False

    def _key(self, key: int) -> bool:
        if key in (pygame.K_DOWN, pygame.K_UP):
            step = 1 if key == pygame.K_DOWN else -1
            self.selected = max(0, min(len(self.rows) - 1, self.selected + step))
            if self.selected < self.scroll:
                self._scroll_to(self.selected)
            elif self.selected >= self.scroll + self.visible_rows():
                self._scroll_to(self.selected - self.visible_rows() + 1)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.on_open(self.rows[self.selected]["id"])
            return True
        return False

    def _scroll_to(self, value: int) -> None:
        self.scroll = max(0, min(max(0, len(self.rows) - self.visible_rows()), value))

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, theme.PANEL, self.rect, border_radius=6)
        for i, (col, rect) in enumerate(zip(self.columns, self.header_rects(), strict=True)):
            self._draw_header(surface, col, rect, i == self.hover_header)
        end = min(len(self.rows), self.scroll + self.visible_rows())
        for i in range(self.scroll, end):
            self._draw_row(surface, i)
        if len(self.rows) > self.visible_rows():
            draw.label(
                surface,
                f"rows {self.scroll + 1}–{end} of {len(self.rows)} (scroll)",
                (self.rect.right - 8, self.rect.bottom - 16),
                11,
                theme.MUTED,
                align="right",
            )

    def _draw_header(
        self, surface: pygame.Surface, col: Column, rect: pygame.Rect, hover: bool
    ) -> None:
        if hover:
            pygame.draw.rect(surface, theme.PANEL_HI, rect)
        mark = ""
        if col.key == self.sort_key:
            mark = " ▼" if self.descending else " ▲"
        colour = theme.ACCENT if col.key == self.sort_key else theme.MUTED
        x = rect.right - PAD // 2 if col.align == "right" else rect.x + PAD // 2
        draw.label(surface, col.title + mark, (x, rect.y + 6), HEAD_SIZE, colour, True, col.align,
                   rect.width - PAD)  # fmt: skip

    def _draw_row(self, surface: pygame.Surface, index: int) -> None:
        rect = self.row_rect(index)
        if rect is None:
            return
        row = self.rows[index]
        if index == self.selected:
            pygame.draw.rect(surface, theme.PANEL_HI, rect)
            pygame.draw.rect(surface, theme.ACCENT, (rect.x, rect.y, 3, rect.height))
        elif index == self.hover:
            pygame.draw.rect(surface, (40, 48, 66), rect)
        x = rect.x
        for col, w in zip(self.columns, self.widths(), strict=True):
            cell = pygame.Rect(x + PAD // 2, rect.y, w - PAD, rect.height)
            if col.painter:
                col.painter(surface, cell.inflate(0, -8), row)
            else:
                colour = col.colour(row) if col.colour else theme.TEXT
                tx = cell.right if col.align == "right" else cell.x
                ty = rect.y + (rect.height - 16) // 2
                draw.label(
                    surface,
                    col.text(row),
                    (tx, ty),
                    CELL_SIZE,
                    colour,
                    False,
                    col.align,
                    cell.width,
                )
            x += w
        pygame.draw.line(surface, (44, 52, 70), rect.bottomleft, rect.bottomright)
