"""Small drawing primitives shared by the widgets and screens (all read-only on state)."""

from __future__ import annotations

import math

import pygame

from kamsim.ui import theme
from kamsim.ui.theme import Colour


def label(
    surface: pygame.Surface,
    s: str,
    pos: tuple[int, int],
    size: int = 14,
    colour: Colour = theme.TEXT,
    bold: bool = False,
    align: str = "left",
    width: int | None = None,
) -> pygame.Rect:
    """Blit one line of text; `align` is left, right or centre of `pos` (x). Returns its rect."""
    if width is not None:
        s = theme.fit(s, width, size, bold)
    surf = theme.text(s, size, colour, bold)
    x, y = pos
    if align == "right":
        x -= surf.get_width()
    elif align == "centre":
        x -= surf.get_width() // 2
    return surface.blit(surf, (x, y))


def paragraph(
    surface: pygame.Surface,
    s: str,
    rect: pygame.Rect,
    size: int = 14,
    colour: Colour = theme.TEXT,
    bold: bool = False,
    spacing: int = 4,
) -> int:
    """Wrapped text inside `rect` (clipped at its bottom); returns the y after the last line."""
    y = rect.y
    line_h = theme.font(size, bold).get_linesize() + spacing - 4
    for line in theme.wrap(s, rect.width, size, bold):
        if y + line_h > rect.bottom:
            break
        surface.blit(theme.text(line, size, colour, bold), (rect.x, y))
        y += line_h
    return y


def question_box(surface: pygame.Surface, box: pygame.Rect, text: str) -> None:
    """A question that waits for an answer (a decline, a key account past the limit): a
    framed panel with its words, the two answer buttons' row left free at its foot."""
    pygame.draw.rect(surface, theme.PANEL, box, border_radius=6)
    pygame.draw.rect(surface, theme.WARN, box, 2, border_radius=6)
    words = box.inflate(-24, -24)
    words.height -= 48
    paragraph(surface, text, words, 13, theme.TEXT)


def panel(surface: pygame.Surface, rect: pygame.Rect, title: str | None = None) -> pygame.Rect:
    """A rounded panel with an optional heading; returns the inner rect below the heading."""
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=6)
    inner = rect.inflate(-16, -12)
    if title:
        label(surface, title, (inner.x, inner.y), 15, theme.TEXT, bold=True, width=inner.width)
        inner = pygame.Rect(inner.x, inner.y + 24, inner.width, inner.height - 24)
    return inner


def bar(surface: pygame.Surface, rect: pygame.Rect, fraction: float, colour: Colour) -> None:
    """A horizontal gauge filled to `fraction` (0–1)."""
    pygame.draw.rect(surface, theme.PANEL_HI, rect, border_radius=3)
    filled = rect.copy()
    filled.width = int(rect.width * max(0.0, min(1.0, fraction)))
    if filled.width > 0:
        pygame.draw.rect(surface, colour, filled, border_radius=3)


def tooltip(surface: pygame.Surface, s: str, pos: tuple[int, int], width: int = 320) -> None:
    """A hover box for custom-drawn things, kept inside the window."""
    lines = theme.wrap(s, width - 16, 12)
    line_h = theme.font(12).get_linesize()
    w = min(width, max(theme.font(12).size(line)[0] for line in lines) + 16)
    rect = pygame.Rect(pos[0] + 14, pos[1] + 14, w, line_h * len(lines) + 10)
    rect.clamp_ip(surface.get_rect())
    pygame.draw.rect(surface, (15, 19, 27), rect, border_radius=4)
    pygame.draw.rect(surface, theme.ACCENT, rect, 1, border_radius=4)
    for i, line in enumerate(lines):
        surface.blit(theme.text(line, 12), (rect.x + 8, rect.y + 5 + i * line_h))


def dashed_line(
    surface: pygame.Surface,
    colour: theme.Colour,
    a: tuple[float, float],
    b: tuple[float, float],
    dash: float = 6.0,
    width: int = 1,
) -> None:
    """A dashed line (pygame has none): dashes and gaps of `dash` pixels, starting with a dash.

    Dashed means "weak" on the DMU network and "target" on charts, next to solid lines.
    """
    length = max(1.0, math.hypot(b[0] - a[0], b[1] - a[1]))
    for i in range(0, int(length // dash) + 1, 2):
        t0, t1 = i * dash / length, min(1.0, (i + 1) * dash / length)
        p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
        p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
        pygame.draw.line(surface, colour, p0, p1, width)
