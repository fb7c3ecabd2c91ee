"""Strategies a trainer wants the scoring to rank below the expert.

- novice: follows last year's sales, tiers too many accounts key, does little research, meets
  senior people to present and promote, approves every campaign, writes generic plans and
  agrees them without co-creation;
- carpet-bomber: every account key, every person met as often as the days allow, mostly
  promotion, every campaign approved, no plans;
- revenue-chaser: everything on the biggest accounts by sales, price-led plans, promotion.
"""

from __future__ import annotations

from collections.abc import Iterator

from kamsim.bots import planning
from kamsim.bots.base import (
    Action,
    BaseBot,
    by_sales,
    is_senior,
    live_accounts,
    meet,
    present,
    workable,
)
from kamsim.sim.view import AccountView, View

MAX_AGREE_TRIES = 3  # a hurried trainee gives up on a plan the resources do not cover


class SalesBot(BaseBot):
    """Shared by the sales-driven bots: tiers by sales, campaigns approved, senior meetings."""

    extra_key = 0  # key accounts beyond the company's limit
    research_top = 0  # desk research on this many top accounts by sales
    plan_from = 0.0  # fraction of the game after which plans are written (0 = no plans)
    prefer_price = False

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.researched: set[str] = set()
        self.agree_tries: dict[str, int] = {}

    def accepted(self, action: Action, view: View) -> None:
        if action["kind"] == "desk_research":
            self.researched.add(action["account"])

    def submitted(self, action: Action) -> None:
        if action["kind"] == "agree_plan":
            self.agree_tries[action["account"]] = self.agree_tries.get(action["account"], 0) + 1

    def candidates(self, view: View) -> Iterator[Action]:
        yield from ({"kind": "approve_campaign", "campaign": c["id"]} for c in view.inbox)
        tiers = self.tiers(view)
        yield from (
            {"kind": "set_tier", "account": a, "tier": t}
            for a, t in tiers.items()
            if view.account(a).tier != t
        )
        key = [a for a in workable(view) if tiers.get(a.id) == "key"]
        for acc in by_sales(workable(view))[: self.research_top]:
            if acc.id not in self.researched:
                yield {"kind": "desk_research", "account": acc.id}
        if self.plan_from and view.week >= self.plan_from * (view.week + view.weeks_left - 1):
            yield from self.plans(view, key)
        yield from self.meetings(view, key)

    def tiers(self, view: View) -> dict[str, str]:
        ranked = by_sales(live_accounts(view))
        n_key = min(len(ranked), view.max_key_accounts + self.extra_key)
        return {a.id: "key" if i < n_key else "maintain" for i, a in enumerate(ranked)}

    def plans(self, view: View, key: list[AccountView]) -> Iterator[Action]:
        open_ = [a for a in key if a.plan is None or a.plan.status != "agreed"]
        for acc in key:
            if acc.plan is None:
                plan = planning.generic_plan(view, acc, self.prefer_price, len(open_))
                yield {"kind": "write_plan", "account": acc.id, "plan": plan}
            elif acc.plan.status != "agreed" and self.agree_tries.get(acc.id, 0) < MAX_AGREE_TRIES:
                seniors = [p.id for p in present(acc) if is_senior(p)]
                yield {"kind": "agree_plan", "account": acc.id, "stakeholders": seniors}

    def meetings(self, view: View, key: list[AccountView]) -> Iterator[Action]:
        people = [(acc, p) for acc in key for p in present(acc) if is_senior(p)]
        people.sort(key=lambda ap: (ap[1].meetings, ap[0].id, ap[1].id))
        for acc, person in people:
            purpose = "present_value" if person.meetings % 2 == 0 else "promote"
            yield meet(acc.id, person.id, purpose)


class NoviceBot(SalesBot):
    name = "novice"
    extra_key = 2
    research_top = 2
    plan_from = 0.15


class RevenueChaserBot(SalesBot):
    name = "revenue-chaser"
    plan_from = 0.05
    prefer_price = True

    def meetings(self, view: View, key: list[AccountView]) -> Iterator[Action]:
        people = [(acc, p) for acc in key for p in present(acc) if is_senior(p)]
        people.sort(key=lambda ap: (ap[1].meetings, ap[0].id, ap[1].id))
        for acc, person in people:
            purpose = "promote" if person.meetings % 3 else "present_value"
            yield meet(acc.id, person.id, purpose)


class CarpetBomberBot(SalesBot):
    name = "carpet-bomber"

    def tiers(self, view: View) -> dict[str, str]:
        return {a.id: "key" for a in live_accounts(view)}

    def meetings(self, view: View, key: list[AccountView]) -> Iterator[Action]:
        people = [(acc, p) for acc in key for p in present(acc)]
        people.sort(key=lambda ap: (ap[1].meetings, ap[0].id, ap[1].id))
        promote = self.rng.random() < 0.8  # one draw per call keeps the stream short
        for acc, person in people:
            yield meet(acc.id, person.id, "promote" if promote else "present_value")
