"""Question topics: the headings a scenario groups its meeting questions under.

A topic is the unit a trainee chooses on the meeting screen (one click asks all of it) and a
bot chooses too, so both read the grouping from here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=64)
def _groups(pairs: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, ...], ...] | None:
    if not pairs or any(topic is None for _, topic in pairs):
        return None
    order: dict[str, list[str]] = {}
    for qid, topic in pairs:
        order.setdefault(str(topic), []).append(qid)
    return tuple(tuple(qs) for qs in order.values())


def topic_groups(questions: tuple[dict[str, Any], ...]) -> tuple[tuple[str, ...], ...] | None:
    """The scenario's topics in screen order, each its questions; None when not grouped.

    A scenario that gives every question a topic is asked topic by topic (a weightier,
    rarer choice); one that gives none, question by question.
    """
    return _groups(tuple((q["id"], q.get("topic")) for q in questions))
