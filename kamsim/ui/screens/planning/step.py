"""What every planning step is: widgets built top-down from a cursor, captions, a draw.

A step lays its widgets and fixed captions out from `top` downwards, each below the last, so
nothing it places can overlap; the host draws the captions and records where every line of
text went (`PlanningScreen.text_rects`), which the layout tests compare with the widgets.
Positions are relative to the step's container; `draw` gets the area in window coordinates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import pygame
import pygame_gui
from pygame_gui.core import UIContainer

from kamsim.sim.view import AccountView, View
from kamsim.ui import theme
from kamsim.ui.plan_draft import PlanDraft
from kamsim.ui.screens.base import label_width
from kamsim.ui.widgets import draw

if TYPE_CHECKING:
    from kamsim.ui.controller import GameController
    from kamsim.ui.screens.planning.screen import PlanningScreen

GAP = 8  # between a widget row and what follows it
CAPTION = 12  # caption font size


def glyph_width(glyph: str, least: int = 26) -> int:
    """A one-sign button's width (✕, S, W…): the sign whole at the player's text size (at the
    larger size a 26-pixel ✕ was cut to "…")."""
    return max(least, label_width(glyph) + 2)


def list_line(surface: pygame.Surface, text: str, area: pygame.Rect, y: int) -> pygame.Rect:
    """A line of a step's written list (SWOT lines, objectives), clear of its ✕ button."""
    return label(
        surface, text, (area.x, y), 12, theme.TEXT, width=area.width - glyph_width("✕") - 10
    )


def line_height(size: int, bold: bool = False) -> int:
    """The height one drawn line of text takes (what `draw.label` blits)."""
    return theme.font(size, bold).get_linesize()


@dataclass(frozen=True)
class Caption:
    """A fixed line of text a step places at build time (drawn by the host every frame)."""

    text: str
    x: int
    y: int
    width: int
    size: int = CAPTION
    colour: theme.Colour = theme.MUTED
    bold: bool = False


class Step:
    """One step of the plan: `build` its widgets, `draw` what changes with the view."""

    number: ClassVar[int] = 0
    title: ClassVar[str] = ""
    tip: ClassVar[str] = ""

    def __init__(self, board: PlanningScreen, root: UIContainer, size: tuple[int, int], top: int):
        self.board = board
        self.root = root
        self.width, self.height = size
        self.top = top
        self.captions: list[Caption] = []
        self.bottom = top  # under the last widget placed: where `draw` may go on

    # ------------------------------------------------------------------ what it reads
    @property
    def controller(self) -> GameController:
        return self.board.controller

    @property
    def view(self) -> View:
        return self.board.controller.view

    @property
    def draft(self) -> PlanDraft:
        return self.board.draft

    @property
    def account(self) -> AccountView:
        return self.board.account

    @property
    def account_id(self) -> str:
        return self.board.account_id

    # ------------------------------------------------------------------ building
    def build(self) -> None:
        """Create the step's widgets (positions relative to its container)."""

    def capture(self) -> None:
        """Keep what is typed in the step's fields in the draft (fields of this step only)."""

    def button(
        self,
        name: str,
        rect: tuple[int, int, int, int],
        text: str,
        command: Callable[[], None],
        tip: str | None = None,
        cls: str | None = "toggle",
    ) -> pygame_gui.elements.UIButton:
        return self.board.button_in(self.root, name, rect, text, command, tip, cls)

    def entry(
        self, name: str, rect: tuple[int, int, int, int], placeholder: str, text: str
    ) -> pygame_gui.elements.UITextEntryLine:
        return self.board.entry_in(self.root, name, rect, placeholder, text)

    def caption(
        self,
        text: str,
        y: int,
        x: int = 0,
        size: int = CAPTION,
        colour: theme.Colour = theme.MUTED,
        bold: bool = False,
        width: int | None = None,
    ) -> int:
        """Place a fixed line of text at (x, y); returns the y under it."""
        room = self.width - x if width is None else width
        self.captions.append(Caption(text, x, y, room, size, colour, bold))
        return y + line_height(size, bold) + 2

    def row_pitch(
        self, count: int, y: int, reserve: int = 0, most: int = 40, least: int = 26
    ) -> int:
        """The height per row that lets `count` rows fit under y (leaving `reserve`)."""
        room = self.height - y - reserve
        return max(least, min(most, room // max(1, count)))

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        """Draw what changes with the view; returns the rects of the text drawn."""
        return []


def paragraph(
    surface: pygame.Surface,
    text: str,
    rect: pygame.Rect,
    size: int = CAPTION,
    colour: theme.Colour = theme.TEXT,
    spacing: int = 4,
) -> pygame.Rect:
    """`draw.paragraph`, returning the rect its lines took (empty when nothing fitted)."""
    end = draw.paragraph(surface, text, rect, size, colour, spacing=spacing)
    return pygame.Rect(rect.x, rect.y, rect.width, max(0, end - rect.y))


def label(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    size: int = CAPTION,
    colour: theme.Colour = theme.TEXT,
    bold: bool = False,
    width: int | None = None,
) -> pygame.Rect:
    """`draw.label` (fitted to `width` with an ellipsis), returning the rect it took."""
    return draw.label(surface, text, pos, size, colour, bold, width=width)
