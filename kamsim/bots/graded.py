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

    A tier one of them sets stays for the rest of the week: tier changes cost no field days,
    so without this the expert undid each of the novice's tier choices within the same week,
    the most consequential decisions were never really replaced, and a small share only
    mattered through rare sticky accidents (a bimodal score, ρ −0.89 on advanced).
    """

    def __init__(self, seed: int, share: float) -> None:
        self.name = graded_name(share)
        self.share = share
        self.expert = ExpertBot(seed)
        self.novice = NoviceBot(seed)
        self._rng = bot_rng(seed, self.name)
        self._week = 0
        self._done: set[str] = set()
        self._decided: dict[str, str] = {}  # account -> who set its tier this week

    def decide(self, view: View) -> Action | None:
        if view.week != self._week:
            self._week, self._done, self._decided = view.week, set(), {}
        first = "novice" if self._rng.random() < self.share else "expert"
        for who in (first, "expert" if first == "novice" else "novice"):
            if who in self._done:
                continue
            action = self._ask(who, view)
            if action is not None:
                return action
            self._done.add(who)
            if who == "expert" or self.share == 0:
                break
        return None

    def _ask(self, who: str, view: View) -> Action | None:
        """The player's next action; an account's tier set this week by the other stays set."""
        player = self.novice if who == "novice" else self.expert
        while True:
            action = player.decide(view)
            if action is None or action["kind"] != "set_tier":
                return action
            owner = self._decided.get(action["account"])
            if owner is None or owner == who:
                self._decided[action["account"]] = who
                return action
