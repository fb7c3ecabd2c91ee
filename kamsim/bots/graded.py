"""A graded population: the expert with a share of its decisions made by a novice instead.

A score that tracks skill must fall as play gets worse. `GradedBot(seed, share)` hands each
decision to the novice with probability `share` (a draw from the bot's own seeded generator),
so share 0 is the expert and share 1 the novice; calibration plays shares 0, 0.1, …, 0.6 and
checks the totals fall with the share (Spearman's rank correlation).
"""

from __future__ import annotations

from kamsim.bots.base import Action, bot_rng
from kamsim.bots.expert import ExpertBot
from kamsim.bots.naive import NoviceBot
from kamsim.sim.view import View

SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


def graded_name(share: float) -> str:
    return f"graded-{round(share * 100):02d}"


def share_of(name: str) -> float | None:
    """The novice share a graded bot's name encodes (None for any other name)."""
    prefix, _, number = name.partition("-")
    if prefix != "graded" or not number.isdigit():
        return None
    value = int(number)
    return value / 100 if 0 <= value <= 100 else None


class GradedBot:
    """Expert and novice sharing one game, decision by decision.

    Each week starts with the expert's turn; each later call goes to the novice with
    probability `share`. Once either is done for the week, the other finishes it.
    """

    def __init__(self, seed: int, share: float) -> None:
        self.name = graded_name(share)
        self.share = share
        self.expert = ExpertBot(seed)
        self.novice = NoviceBot(seed)
        self._rng = bot_rng(seed, self.name)
        self._week = 0
        self._done: set[str] = set()

    def decide(self, view: View) -> Action | None:
        if view.week != self._week:
            self._week, self._done = view.week, set()
        first = "novice" if self._rng.random() < self.share else "expert"
        for who in (first, "expert" if first == "novice" else "novice"):
            if who in self._done:
                continue
            player = self.novice if who == "novice" else self.expert
            action = player.decide(view)
            if action is not None:
                return action
            self._done.add(who)
            if who == "expert" or self.share == 0:
                break
        return None
