"""A meeting as a conversation: what you asked, what they said, and why a dead end is one.

The lines come from the meeting's `Outcome.replies` (`kamsim.sim.replies`): the person's own
words, from the scenario or the game's defaults. `conversation_lines` is pure (no pygame), so
tests can read exactly what the screen will show; `draw_conversation` lays it out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pygame

from kamsim.sim.replies import Reply
from kamsim.ui import theme
from kamsim.ui.widgets import draw

Style = Literal["you", "said", "new", "again", "why"]
STYLE: dict[Style, tuple[int, theme.Colour, bool, int]] = {  # size, colour, bold, indent
    "you": (12, theme.MUTED, True, 0),
    "said": (12, theme.TEXT, False, 10),
    "new": (11, theme.GOOD, True, 10),
    "again": (11, theme.MUTED, False, 10),
    "why": (11, theme.WARN, False, 10),
}


@dataclass(frozen=True)
class Line:
    style: Style
    text: str


def conversation_lines(
    replies: Sequence[Reply],
    person: str,
    questions: Mapping[str, str],
    fact_titles: Mapping[str, str],
    known_before: set[str] | frozenset[str] = frozenset(),
    humanise: Callable[[str], str] = str,
) -> list[Line]:
    """The meeting in lines: the greeting, then each question with its answer.

    A fact told is marked new only when the trainee had not heard it at all before this
    meeting (from anyone); one they knew from elsewhere is "heard again", a second source.
    """
    out: list[Line] = []
    for reply in replies:
        if reply.question is None:
            out.append(Line("said", f"{person}: “{humanise(reply.text)}”"))
            continue
        asked = questions.get(reply.question, humanise(reply.question))
        out.append(Line("you", f"You ask: {asked}"))
        out.append(Line("said", f"“{humanise(reply.text)}”"))
        title = fact_titles.get(reply.fact or "", "")
        if reply.kind == "told" and reply.fact not in known_before:
            out.append(Line("new", f"✓ New fact: {title}"))
        elif reply.kind == "told":
            out.append(Line("again", f"↻ Heard again, from a second source: {title}"))
        if reply.hint:
            out.append(Line("why", f"({reply.hint})"))
    return out


def draw_conversation(surface: pygame.Surface, lines: Sequence[Line], rect: pygame.Rect) -> int:
    """Draw the lines top-down inside `rect`, wrapped; returns the y after the last one drawn.
    What does not fit is cut at a whole line, with a last line saying so."""
    y = rect.y
    for i, line in enumerate(lines):
        size, colour, bold, indent = STYLE[line.style]
        box = pygame.Rect(rect.x + indent, y, rect.width - indent, rect.bottom - y)
        needed = len(theme.wrap(line.text, box.width, size, bold))
        line_h = theme.font(size, bold).get_linesize()
        if y + needed * line_h > rect.bottom - line_h and i < len(lines) - 1:
            draw.label(surface, "… more than fits here", (rect.x, y), 11, theme.MUTED)
            return y + line_h
        y = draw.paragraph(surface, line.text, box, size, colour, bold) + 2
    return y
