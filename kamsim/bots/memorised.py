"""The memorised guide: a colleague's winning game, replayed step by step on another seed.

Business simulations with one fixed case get "winning guides": the expert's moves, written
down and copied. Parallel forms are the answer; this player is the check. It replays the
expert's submissions from one seed, week by week, on another seed, and retries a refused
step the week after (once), as a careful copier would. Where the forms differ, the copied
tiers, questions and plans no longer fit, and the score falls.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kamsim.bots.base import Action, ActionKey, action_key
from kamsim.bots.evidence import AccountEvidence
from kamsim.bots.expert import ExpertBot
from kamsim.sim.view import View

NAME = "memorised-guide"


class MemorisedGuideBot:
    name = NAME

    def __init__(self, guide: Iterable[tuple[int, dict[str, Any]]]) -> None:
        self._by_week: dict[int, list[Action]] = {}
        for week, action in guide:
            self._by_week.setdefault(week, []).append(dict(action))
        self._week = 0
        self._queue: list[Action] = []
        self._last: Action | None = None
        self._days = 0.0
        self._retry: list[Action] = []
        self._retried: set[ActionKey] = set()

    def decide(self, view: View) -> Action | None:
        if view.finished:
            return None
        if view.week != self._week:
            self._week = view.week
            self._queue = [*self._retry, *self._by_week.get(view.week, [])]
            self._retry, self._last = [], None
        elif self._last is not None and view.field_days_left >= self._days - 1e-9:
            key = action_key(self._last)  # nothing spent: refused (or free); retry it once
            if key not in self._retried and self._last["kind"] not in ("set_tier",):
                self._retried.add(key)
                self._retry.append(self._last)
        if not self._queue:
            self._last = None
            return None
        self._last, self._days = self._queue.pop(0), view.field_days_left
        return self._last


COPIED = "copied-debrief"


class CopiedDebriefBot(ExpertBot):
    """A colleague's debrief, copied: the expert's practices, with every tier set from week one
    to the tiers that debrief showed as right (the truth of the colleague's game).

    With one fixed case this player needs no research to prioritise and beats honest play; with
    parallel forms the copied tiers fit only when the seed drew the colleague's form.
    """

    name = COPIED

    def __init__(self, seed: int, copied: dict[str, str]) -> None:
        super().__init__(seed)
        self.copied = dict(copied)

    def tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        return {a: t for a, t in self.copied.items() if any(x.id == a for x in view.accounts)}
