"""The random bot: a few random actions a week, built from ids the view shows.

It does not use `Simulation.legal_actions()` (not part of what a trainee sees, and slow on big
scenarios): it draws an action kind, then an account, person, question, project or campaign
visible in the view (the monthly review routine included, turned on or off at random). Many
draws are refused by the rules; that is part of what it tests.
"""

from __future__ import annotations

from collections.abc import Iterator

from kamsim.bots.base import Action, BaseBot, live_accounts, meet
from kamsim.sim.view import View

KINDS = ("desk_research", "map_pathway", "map_dmu", "meet", "meet", "meet", "set_tier",
         "write_plan", "agree_plan", "campaign", "review_kpis", "review_monthly")  # fmt: skip
PURPOSES = ("listen", "discover", "present_value", "co_create", "promote")
TIERS = ("key", "develop", "maintain", "deprioritise", "decline")
SEGMENTS = ("drug_price", "healthcare_costs", "total_value")
MAX_PER_WEEK = 4


class RandomBot(BaseBot):
    name = "random"

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self._quota_week = 0
        self._quota = 0

    def candidates(self, view: View) -> Iterator[Action]:
        if self._quota_week != view.week:
            self._quota_week, self._quota = view.week, int(self.rng.integers(1, MAX_PER_WEEK + 1))
        accounts = live_accounts(view)
        while self._quota > 0 and accounts:
            self._quota -= 1
            yield self.draw(view, accounts)

    def cost(self, action: Action) -> float:
        return 0.0  # let the rules refuse what does not fit

    def draw(self, view: View, accounts: list) -> Action:
        rng = self.rng
        acc = accounts[int(rng.integers(len(accounts)))]
        kind = KINDS[int(rng.integers(len(KINDS)))]
        if kind == "meet" and acc.people:
            person = acc.people[int(rng.integers(len(acc.people)))]
            n = int(rng.integers(0, 3))
            questions = tuple(
                view.questions[int(i)]["id"]
                for i in rng.choice(len(view.questions), size=n, replace=False)
            )
            return meet(acc.id, person.id, PURPOSES[int(rng.integers(len(PURPOSES)))], questions)
        if kind == "set_tier":
            return {"kind": "set_tier", "account": acc.id, "tier": TIERS[int(rng.integers(5))]}
        if kind == "write_plan":
            k = int(rng.integers(0, 3))
            picks = rng.choice(len(view.projects), size=min(k, len(view.projects)), replace=False)
            plan = {
                "segment": SEGMENTS[int(rng.integers(3))],
                "tactics": [{"project": view.projects[int(i)]["id"]} for i in picks],
            }
            return {"kind": "write_plan", "account": acc.id, "plan": plan}
        if kind == "agree_plan":
            people = [p.id for p in acc.people if rng.random() < 0.5]
            return {"kind": "agree_plan", "account": acc.id, "stakeholders": people}
        if kind == "campaign" and view.inbox:
            campaign = view.inbox[int(rng.integers(len(view.inbox)))]["id"]
            verb = "approve_campaign" if rng.random() < 0.5 else "hold_campaign"
            return {"kind": verb, "campaign": campaign}
        if kind == "review_monthly":  # the standing routine, turned the other way
            return {"kind": kind, "account": acc.id, "on": not acc.reviews_monthly}
        if kind in ("desk_research", "map_pathway", "map_dmu", "review_kpis"):
            return {"kind": kind, "account": acc.id}
        return {"kind": "review_kpis", "account": acc.id}
