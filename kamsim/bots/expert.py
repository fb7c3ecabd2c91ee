"""The expert: the KAM planning process done well, from evidence a trainee can gather.

Research every account, rank them on criteria read from the facts (most reliable version
first), keep the key set within the company's limit, decline the misaligned, meet the right
people with the right questions (and check doubtful facts with a second source), write a plan
grounded in the facts, co-create it with the weighty members of the DMU, agree it, protect key
contacts from brand campaigns and review the KPIs monthly, updating the plan when they lag.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from kamsim.bots import planning
from kamsim.bots.base import EPS, Action, BaseBot, meet, present, seniority, workable
from kamsim.bots.evidence import AccountEvidence, read_all
from kamsim.bots.questions import Heard, pick_questions
from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.view import AccountView, PersonView, View

DEVELOP_SHARE = 1 / 3  # of the accounts between key and deprioritised
DEPRIORITISE_BELOW = 0.5
DECLINE_BELOW = 0.4
SWAP_MARGIN = 0.1  # a non-key account must beat a key one by this to take its place
CO_CREATE_SHARE = 0.75  # of the DMU's apparent weight to co-create with
CONTACT_EVERY = 3  # weeks between relationship visits to key people
UPDATE_EVERY = 8  # weeks between plan updates
TRENDS = ("falling", "flat", "rising")
# Routine service per live account, field days a week: the documented default (not in the view).
ROUTINE_DAYS = getattr(Dynamics().costs, "routine_days_per_account", 0.2)
AGREE_WAIT = 4  # weeks to wait for co-creation meetings before agreeing anyway


class ExpertBot(BaseBot):
    name = "expert"

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.researched: set[str] = set()
        self.asked: dict[tuple[str, str], dict[str, str]] = {}
        self.co_created: set[tuple[str, str]] = set()
        self.contact: dict[tuple[str, str], int] = {}
        self.reviewed: dict[str, int] = {}
        self.plan_week: dict[str, int] = {}
        self.lagging: set[str] = set()
        self._short_week = 0
        self._to_decline: list[str] = []
        self._cache: tuple[tuple[int, int], dict[str, AccountEvidence]] | None = None

    # ------------------------------------------------------------ memory
    def accepted(self, action: Action, view: View) -> None:
        kind, acc = action["kind"], action.get("account", "")
        if kind == "desk_research":
            self.researched.add(acc)
        elif kind == "meet":
            who = (acc, action["stakeholder"])
            self.contact[who] = view.week
            level = _person(view, acc, action["stakeholder"])
            asked = self.asked.setdefault(who, {})
            for q in action.get("questions", ()):
                asked[q] = level.relationship if level else "unknown"
            if action["purpose"] == "co_create":
                self.co_created.add(who)
        elif kind == "write_plan":
            self.plan_week[acc] = view.week
            self.lagging.discard(acc)
        elif kind == "review_kpis":
            self.reviewed[acc] = _latest_kpi_week(view, acc)

    def evidence(self, view: View) -> dict[str, AccountEvidence]:
        key = (view.week, len(view.facts))
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, read_all(view))
        return self._cache[1]

    # ------------------------------------------------------------ the week's priorities
    def candidates(self, view: View) -> Iterator[Action]:
        ev = self.evidence(view)
        accounts = workable(view)
        done = self.research_done(accounts)
        tiers = self.tiers(view, ev, final=done)
        chosen = tiers if done else self.provisional(view, ev)
        focus = [a for a in accounts if chosen.get(a.id) == "key"]
        yield from self.campaigns(view, focus)
        if not done:
            yield from self.make_time(view, accounts)
        yield from (
            {"kind": "set_tier", "account": a, "tier": t}
            for a, t in tiers.items()
            if view.account(a).tier != t
        )
        yield from self.research(accounts)
        yield from ({"kind": "map_dmu", "account": a.id} for a in focus if not a.dmu_mapped)
        if done:
            yield from ({"kind": "map_pathway", "account": a.id} for a in focus if not a.pathway)
            for acc in focus:
                yield from self.plan_steps(view, acc, ev[acc.id], len(focus))
            yield from self.reviews(view, focus)
        yield from self.discovery(view, focus, ev)
        suspects = [a for a in accounts if a.tier in ("develop", "maintain") and ev[a.id].doubts()]
        yield from self.discovery(view, suspects, ev, per_account=1)
        yield from self.maintenance(view, focus)

    def make_time(self, view: View, accounts: list[AccountView]) -> Iterator[Action]:
        """No field days for research at all: decline, on hard data, the least promising
        accounts (falling trend first, then weakest sales growth) so that the routine service
        of the rest leaves a day a week. Decided once a week, from the week's field days."""
        if self._short_week != view.week:
            self._short_week, self._to_decline = view.week, []
            short = self.costs["desk_research"] - view.field_days_left
            if short > EPS and not any(a.id in self.researched for a in accounts):
                n = min(len(accounts) - view.max_key_accounts, math.ceil(short / ROUTINE_DAYS))
                self._to_decline = [a.id for a in sorted(accounts, key=_promise)[: max(0, n)]]
        for acc in self._to_decline:
            yield {"kind": "set_tier", "account": acc, "tier": "decline"}

    def research_done(self, accounts: list[AccountView]) -> bool:
        return all(a.id in self.researched for a in accounts)

    def research(self, accounts: list[AccountView]) -> Iterator[Action]:
        todo = [a for a in accounts if a.id not in self.researched]
        for acc in sorted(todo, key=lambda a: (-a.hard_data["market_value"], a.id)):
            yield {"kind": "desk_research", "account": acc.id}

    # ------------------------------------------------------------ prioritisation
    def provisional(self, view: View, ev: dict[str, AccountEvidence]) -> dict[str, str]:
        """While research goes on: the best-looking aligned accounts are the focus."""
        ranked = _ranked([a for a in workable(view) if a.id in self.researched], ev)
        keep = [a for a in ranked if not ev[a].misaligned()][: view.max_key_accounts]
        return dict.fromkeys(keep, "key")

    def tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        """Decline the misaligned as soon as the evidence shows it; once every account is
        researched: key up to the limit (sticky), develop the next best, the rest by score."""
        live = [a for a in view.accounts if a.merged_into is None]
        out = {a.id: "decline" for a in live if a.tier == "decline"}
        ranked = _ranked([a for a in live if a.tier != "decline" and a.id in self.researched], ev)
        for acc in ranked:
            e = ev[acc]
            if (e.misaligned() and e.attractiveness < DEPRIORITISE_BELOW) or (
                e.attractiveness < DECLINE_BELOW and len(e.criteria) >= 2
            ):
                out[acc] = "decline"
        if not final:
            return out
        eligible = [a for a in ranked if a not in out]
        key = self.key_set(view, eligible, ev)
        middle = [
            a for a in eligible if a not in key and ev[a].attractiveness >= DEPRIORITISE_BELOW
        ]
        develop = set(middle[: max(1, round(len(middle) * DEVELOP_SHARE))])
        for acc in eligible:
            if acc in key:
                out[acc] = "key"
            elif acc in develop:
                out[acc] = "develop"
            elif ev[acc].attractiveness >= DEPRIORITISE_BELOW:
                out[acc] = "maintain"
            else:
                out[acc] = "deprioritise"
        return out

    def key_set(self, view: View, eligible: list[str], ev: dict[str, AccountEvidence]) -> list[str]:
        limit = view.max_key_accounts
        current = [a for a in eligible if view.account(a).tier == "key"][:limit]
        for acc in eligible:
            if acc in current:
                continue
            if len(current) < limit:
                current.append(acc)
                continue
            weakest = min(current, key=lambda a: ev[a].attractiveness)
            if ev[acc].attractiveness > ev[weakest].attractiveness + SWAP_MARGIN:
                current[current.index(weakest)] = acc
        return current

    # ------------------------------------------------------------ campaigns
    def campaigns(self, view: View, focus: list[AccountView]) -> Iterator[Action]:
        """Hold back campaigns that reach a key account; approve the rest."""
        keys = {a.id for a in focus}
        for campaign in view.inbox:
            targets = campaign["accounts"]
            clash = targets == "all" or bool(keys & set(targets))
            kind = "hold_campaign" if clash else "approve_campaign"
            yield {"kind": kind, "campaign": campaign["id"]}

    # ------------------------------------------------------------ the plan
    def plan_steps(
        self, view: View, acc: AccountView, ev: AccountEvidence, n_key: int
    ) -> Iterator[Action]:
        plan = acc.plan
        if plan is None or acc.id in self.lagging:
            if plan is None and not self.ready(view, acc, ev):
                return
            yield self.write(view, acc, ev, n_key)
            return
        if plan.status == "agreed":
            return
        waiting = view.week - self.plan_week.get(acc.id, view.week) < AGREE_WAIT
        missing = [p for p in self.co_create_with(acc) if (acc.id, p.id) not in self.co_created]
        if missing and waiting:
            for person in missing:
                yield meet(acc.id, person.id, "co_create")
            return
        yield {
            "kind": "agree_plan",
            "account": acc.id,
            "stakeholders": [p.id for p in present(acc)],
        }

    def ready(self, view: View, acc: AccountView, ev: AccountEvidence) -> bool:
        committee = planning.next_committee(view, acc.id)
        duration = view.week + view.weeks_left - 1
        deadline = max(2, min(duration // 3, (committee or duration) - 6))
        if view.week >= deadline:
            return True
        met_all = all(p.meetings > 0 for p in present(acc))
        return acc.dmu_mapped and met_all and bool(ev.needs)

    def write(self, view: View, acc: AccountView, ev: AccountEvidence, n_key: int) -> Action:
        unplanned = sum(
            1 for a in workable(view) if a.tier == "key" and (a.plan is None or a.id == acc.id)
        )
        share = max(1, min(unplanned, n_key))
        keep = tuple(t["project"] for t in acc.plan.plan["tactics"]) if acc.plan else ()
        plan = planning.grounded_plan(view, acc, ev, view.budget_left / share, keep, share)
        return {"kind": "write_plan", "account": acc.id, "plan": plan}

    def co_create_with(self, acc: AccountView) -> list[PersonView]:
        """The people who seem to carry most of the DMU's weight (title, seats, links)."""
        people = present(acc)
        weight = {p.id: 1.0 + seniority(p) for p in people}
        for p in people:
            for to, strength in p.links:
                if to in weight:
                    weight[to] += 0.5 if strength == "strong" else 0.25
        total = sum(weight.values())
        chosen, covered = [], 0.0
        for p in sorted(people, key=lambda p: (-weight[p.id], p.id)):
            if covered >= CO_CREATE_SHARE * total:
                break
            chosen.append(p)
            covered += weight[p.id]
        return chosen

    # ------------------------------------------------------------ monitoring
    def reviews(self, view: View, focus: list[AccountView]) -> Iterator[Action]:
        """A review of each agreed plan's KPIs after every month's figures."""
        for acc in focus:
            week = _latest_kpi_week(view, acc.id)
            agreed = acc.plan is not None and acc.plan.status == "agreed"
            if not agreed or self.reviewed.get(acc.id, 0) >= week:
                continue
            if self.lags(view, acc):
                self.lagging.add(acc.id)
            yield {"kind": "review_kpis", "account": acc.id}

    def lags(self, view: View, acc: AccountView) -> bool:
        """Share falling month on month, or objectives' trajectory missed, after a while."""
        if view.week - self.plan_week.get(acc.id, view.week) < UPDATE_EVERY:
            return False
        shares = acc.share_history
        return len(shares) >= 2 and shares[-1] < shares[-2]

    # ------------------------------------------------------------ meetings
    def discovery(
        self,
        view: View,
        accounts: list[AccountView],
        ev: dict[str, AccountEvidence],
        per_account: int = 99,
    ) -> Iterator[Action]:
        """Discovery meetings, people met least first across the accounts (round robin)."""
        rows = []
        for acc in accounts:
            people = sorted(present(acc), key=lambda p: (p.meetings, -seniority(p), p.id))
            rows += [
                (p.meetings, -seniority(p), acc.id, p.id, acc, p) for p in people[:per_account]
            ]
        if min(self.costs["meet:listen"], self.costs["meet:discover"]) > view.field_days_left + EPS:
            return  # no meeting fits in what is left of the week
        heard = Heard(view)
        for *_, acc, person in sorted(rows, key=lambda row: row[:4]):
            asked = self.asked.get((acc.id, person.id), {})
            questions = pick_questions(view, acc, person, ev[acc.id], asked, heard)
            if questions:
                purpose = "listen" if person.meetings == 0 else "discover"
                yield meet(acc.id, person.id, purpose, questions)

    def maintenance(self, view: View, focus: list[AccountView]) -> Iterator[Action]:
        for acc in focus:
            for person in sorted(present(acc), key=lambda p: (-seniority(p), p.id)):
                if view.week - self.contact.get((acc.id, person.id), 0) >= CONTACT_EVERY:
                    yield meet(acc.id, person.id, "listen")


def _promise(acc: AccountView) -> tuple[int, float, str]:
    """Hard-data promise, worst first: trend, then growth of sales over the record."""
    sales = acc.sales_history
    growth = sales[-1] / sales[0] - 1.0 if sales and sales[0] > 0 else 0.0
    return (TRENDS.index(acc.hard_data["trend"]), growth, acc.id)


def _ranked(ids: list[AccountView], ev: dict[str, AccountEvidence]) -> list[str]:
    return sorted((a.id for a in ids), key=lambda a: (-ev[a].attractiveness, a))


def _person(view: View, account: str, person: str) -> PersonView | None:
    return next((p for p in view.account(account).people if p.id == person), None)


def _latest_kpi_week(view: View, account: str) -> int:
    return max((int(r["week"]) for r in view.kpis if r["account"] == account), default=0)
