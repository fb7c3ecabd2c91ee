"""Trend sparklines for the dashboard table: the shape of a series in a few pixels."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from kamsim.ui import theme


def trend_word(values: Sequence[float]) -> str:
    """The direction of the last months, as a word and an arrow (the colour's companion)."""
    if len(values) < 4:
        return "→ flat"
    recent = sum(values[-3:]) / 3
    before = sum(values[-6:-3]) / len(values[-6:-3]) if len(values) >= 6 else values[0]
    if before == 0:
        return "→ flat"
    change = (recent - before) / abs(before)
    if change > 0.02:
        return "↑ rising"
    if change < -0.02:
        return "↓ falling"
    return "→ flat"


def draw_sparkline(
    surface: pygame.Surface, rect: pygame.Rect, values: Sequence[float], split: int | None = None
) -> None:
    """A polyline scaled to `rect`; points from `split` on (the game's months) are brighter."""
    if len(values) < 2:
        return
    lo, hi = min(values), max(values)
    span = hi - lo or 1.0
    step = rect.width / (len(values) - 1)
    points = [
        (rect.x + i * step, rect.bottom - 1 - (v - lo) / span * (rect.height - 2))
        for i, v in enumerate(values)
    ]
    word = trend_word(values)
    colour = (
        theme.GOOD if word.startswith("↑") else theme.BAD if word.startswith("↓") else theme.MUTED
    )
    if split is None or split >= len(points):
        pygame.draw.aalines(surface, colour, False, points)
    else:
        pygame.draw.aalines(surface, theme.MUTED, False, points[: split + 1])
        if len(points) - split >= 2:
            pygame.draw.aalines(surface, colour, False, points[split:])
    pygame.draw.circle(surface, colour, (int(points[-1][0]), int(points[-1][1])), 2)
