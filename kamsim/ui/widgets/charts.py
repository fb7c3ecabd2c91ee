"""Line charts for the KPI monitor, drawn with pygame (axes, gridlines, legend, targets)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from kamsim.ui import theme
from kamsim.ui.widgets import draw


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[float, float], ...]  # (week, value)
    colour: theme.Colour
    dashed: bool = False


def _nice_range(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        pad = abs(hi) * 0.1 or 1.0
        return lo - pad, hi + pad
    pad = (hi - lo) * 0.08
    return lo - pad, hi + pad


def _fmt(value: float, span: float) -> str:
    """Axis labels with as many decimals as the range needs to tell ticks apart."""
    if abs(value) >= 1000 and span >= 1000:
        # Money in k or M with the decimals the gridlines' step needs: a flat 729–730k month
        # reads 729.2k, 729.5k … instead of "730k" twice.
        unit, suffix = (1e6, "M") if abs(value) >= 1e6 else (1e3, "k")
        step = span / 4 / unit
        decimals = 0 if step >= 1 else min(3, math.ceil(-math.log10(step) - 1e-9))
        return f"{value / unit:.{decimals}f}{suffix}"
    decimals = 0 if span >= 40 else 1 if span >= 4 else 2 if span >= 0.4 else 3
    step = span / 4  # the gridlines' step: a flat share (0.2375…0.2405) needs a 4th decimal
    if 0 < step < 1:
        decimals = max(decimals, min(6, math.ceil(-math.log10(step) - 1e-9)))
    return f"{value:.{decimals}f}"


def line_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    title: str,
    series: Sequence[Series],
    x_range: tuple[float, float],
    targets: Sequence[tuple[float, float, str]] = (),
    empty: str = "no data yet — KPIs are recorded every 4 weeks",
) -> None:
    """A titled chart; `targets` are (week, value, label) objectives drawn as ◆ marks;
    `empty` is what it says while there is nothing to draw."""
    inner = draw.panel(surface, rect, title)
    values = [v for s in series for _, v in s.points] + [t[1] for t in targets]
    plot = pygame.Rect(inner.x + 48, inner.y + 4, inner.width - 56, inner.height - 40)
    if not values or plot.width < 20 or plot.height < 20:
        draw.label(surface, empty, inner.topleft, 12, theme.MUTED, width=inner.width)
        return
    lo, hi = _nice_range(values)
    x0, x1 = x_range
    span_x = (x1 - x0) or 1.0

    def at(x: float, y: float) -> tuple[float, float]:
        return (
            plot.x + (x - x0) / span_x * plot.width,
            plot.bottom - (y - lo) / (hi - lo) * plot.height,
        )

    for i in range(5):
        y = plot.bottom - i * plot.height / 4
        pygame.draw.line(surface, theme.GRID, (plot.x, y), (plot.right, y))
        draw.label(
            surface,
            _fmt(lo + (hi - lo) * i / 4, hi - lo),
            (plot.x - 6, int(y) - 7),
            11,
            theme.MUTED,
            align="right",
        )
    for w in range(int(x0), int(x1) + 1):
        if w % 4 == 0 or w == int(x0):
            x, _ = at(w, lo)
            draw.label(surface, f"w{w}", (int(x), plot.bottom + 4), 10, theme.MUTED, align="centre")
    for s in series:
        _draw_series(surface, s, at)
    for week, value, text in targets:
        x, y = at(week, value)
        pygame.draw.polygon(surface, theme.WARN, [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)])
        draw.label(surface, text, (int(x) - 8, int(y) - 20), 11, theme.WARN, align="right")
    _legend(surface, series, pygame.Rect(plot.x, plot.bottom + 18, plot.width, 16))


def _draw_series(surface: pygame.Surface, s: Series, at: object) -> None:
    pts = [at(x, y) for x, y in s.points]  # type: ignore[operator]
    if len(pts) >= 2:
        if s.dashed:
            for a, b in itertools.pairwise(pts):
                draw.dashed_line(surface, s.colour, a, b, dash=6, width=2)
        else:
            pygame.draw.lines(surface, s.colour, False, pts, 2)
    for p in pts:
        pygame.draw.circle(surface, s.colour, (int(p[0]), int(p[1])), 3)


def _legend(surface: pygame.Surface, series: Sequence[Series], rect: pygame.Rect) -> None:
    x = rect.x
    for s in series:
        if x > rect.right - 40:
            break
        y = rect.y + 7
        if s.dashed:
            pygame.draw.line(surface, s.colour, (x, y), (x + 6, y), 2)
            pygame.draw.line(surface, s.colour, (x + 10, y), (x + 16, y), 2)
        else:
            pygame.draw.line(surface, s.colour, (x, y), (x + 16, y), 2)
        r = draw.label(surface, s.name, (x + 20, rect.y), 11, theme.TEXT, width=160)
        x = r.right + 14
