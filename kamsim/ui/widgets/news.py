"""A column of news items (newest first), shared by the dashboard and the calendar."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pygame

from kamsim.ui import theme
from kamsim.ui.widgets import draw


def draw_news(
    surface: pygame.Surface,
    items: Iterable[Mapping[str, Any]],
    inner: pygame.Rect,
    fresh_from: int | None = None,
    humanise: Callable[[str], str] = str,
) -> None:
    """Title and text of each item until the panel is full; both wrap, so a headline in a
    narrow column is read whole rather than cut ("Cresswell me…").

    Items from week `fresh_from` on are marked NEW (a word and a colour, never colour alone).
    """
    y = inner.y
    for item in items:
        fresh = fresh_from is not None and item["week"] >= fresh_from
        label = f"{'● NEW ' if fresh else ''}week {item['week']}: {humanise(item['title'])}"
        colour = theme.WARN if fresh or fresh_from is None else theme.MUTED
        head = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        y = draw.paragraph(surface, label, head, 12, colour, True, spacing=3) + 1
        text_rect = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        said = humanise(item["text"])
        y = draw.paragraph(surface, said, text_rect, 12, theme.TEXT, spacing=2) + 6
        if y > inner.bottom - 24:
            break
