"""The expert: the KAM planning process done well, from evidence a trainee can gather.

Research every account, rank them on criteria read from the facts (most reliable version
first), keep the key set within the company's limit, decline the misaligned, map the DMU and
the patient pathway of each key account, meet the right people (front-line staff too) with the
right questions, write a plan grounded in the facts, co-create it with the weighty members of
the DMU and win over whoever the customer says holds it up, agree it with them at the table,
judge each brand campaign against the plan, review the KPIs monthly and update the plan when a
project slips or the share lags.

Every practice is a switch (`Practices`): the lesson audit turns one off at a time.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from kamsim.bots import planning
from kamsim.bots.base import (
    EPS,
    Action,
    BaseBot,
    by_sales,
    meet,
    present,
    same_items,
    seniority,
    workable,
    yearly_sales,
)
from kamsim.bots.evidence import AccountEvidence, EvidenceReader, read_all
from kamsim.bots.practices import Practices
from kamsim.bots.questions import Heard, pick_questions, told_by
from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.view import AccountView, FactView, PersonView, PlanView, View
from kamsim.sums import ordered_sum

DEVELOP_SHARE = 0.3334  # of the accounts between key and deprioritised, a third rounded down
DEPRIORITISE_BELOW = 0.5
DECLINE_BELOW = 0.4
SWAP_MARGIN = 0.1  # a non-key account must beat a key one by this to take its place
CO_CREATE_SHARE = 0.75  # of the DMU's apparent weight to co-create with
CONTACT_EVERY = 3  # weeks between relationship visits to key people
SERVE_EVERY = 4  # weeks between visits to an account kept (not declined) against advice
UPDATE_EVERY = 8  # weeks between plan updates for a lagging share
RETRY_AFTER = 2  # weeks before a plan the customer said "not yet" to is put again
TRENDS = ("falling", "flat", "rising")
HEAVY_CAMPAIGN = 1.0  # fatigue per contact from which a campaign would tire key people
# Routine service per live account, field days a week: the documented default (not in the view).
ROUTINE_DAYS = getattr(Dynamics().costs, "routine_days_per_account", 0.2)
AGREE_WAIT = 4  # weeks to wait for co-creation meetings before agreeing anyway

_Reading = tuple[tuple[dict[str, Any], ...], tuple[FactView, ...]]  # (criteria, facts heard)


def _standing(view: View) -> tuple[tuple[str, str | None, str | None], ...]:
    """Each account's id, merger and tier: what the tiers are chosen again for."""
    return tuple((a.id, a.merged_into, a.tier) for a in view.accounts)


def _same_key(known: tuple[object, ...], now: tuple[object, ...]) -> bool:
    """Keys of objects kept from an earlier view (compared by identity) then of numbers
    (by value): (account view, catalogue, colleagues' rows, budget, share)."""
    return same_items(known[:3], now[:3]) and known[3:] == now[3:]


def _same_reading(known: _Reading, now: _Reading) -> bool:
    """The same criteria and facts as a reading kept from an earlier view (views share the
    facts tuple until a fact is heard)."""
    return known[0] is now[0] and same_items(known[1], now[1])


class ExpertBot(BaseBot):
    name = "expert"

    def __init__(self, seed: int, practices: Practices | None = None, name: str | None = None):
        self.practices = practices or Practices()
        if name:
            self.name = name
        super().__init__(seed)
        self.researched: set[str] = set()
        self.asked: dict[tuple[str, str], dict[str, str]] = {}
        self.co_created: set[tuple[str, str]] = set()
        self.contact: dict[tuple[str, str], int] = {}
        self.reviewed: dict[str, int] = {}
        self.plan_week: dict[str, int] = {}
        self.put_week: dict[str, int] = {}
        self.lagging: set[str] = set()
        self.updated_slips: set[tuple[str, str]] = set()
        self.replanned: set[tuple[str, str]] = set()  # (account, blockage) updated for
        self.own_keys: set[str] = set()  # accounts this expert made key itself
        self._short_week = 0
        self._to_decline: list[str] = []
        # (criteria, facts) read → evidence; (facts) read → who told what (see `same_items`)
        self._cache: tuple[_Reading, dict[str, AccountEvidence]] | None = None
        self._heard: tuple[_Reading, Heard] | None = None
        self._reader = EvidenceReader()
        # (evidence readings, the choice's inputs, the accounts read and their standing, tiers)
        self._tiers_known: (
            tuple[tuple[AccountEvidence, ...], tuple[object, ...], tuple[AccountView, ...],
                  tuple[object, ...], dict[str, str]] | None
        ) = None  # fmt: skip
        self._kpi_weeks: tuple[object, dict[str, int]] | None = None  # (KPI records, weeks)
        self._unplanned: tuple[View, int] | None = None  # (view, key accounts without a plan)
        # account → (its view, the size of `replanned`, the blockages no agreed project answers)
        self._unanswered: dict[str, tuple[AccountView, int, list[str]]] = {}
        # account → (what `blockage_project` read, the project it found)
        self._fixes: dict[str, tuple[tuple[object, ...], str | None]] = {}
        # (account, person) → (what the questions were picked from, the questions)
        self._questions: dict[tuple[str, str], tuple[tuple[object, ...], tuple[str, ...]]] = {}

    # ------------------------------------------------------------ memory
    def submitted(self, action: Action) -> None:
        if action["kind"] == "set_tier":
            if action["tier"] == "key":
                self.own_keys.add(action["account"])
            else:
                self.own_keys.discard(action["account"])

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
        elif kind == "agree_plan":
            self.put_week[acc] = view.week
        elif kind == "review_kpis":
            self.reviewed[acc] = self.latest_kpi_week(view, acc)

    def refused(self, action: Action, view: View) -> None:
        """A plan the rules would not let us put (budget or colleagues short): rewrite it."""
        if action["kind"] == "agree_plan":
            self.lagging.add(action["account"])

    def evidence(self, view: View) -> dict[str, AccountEvidence]:
        """The evidence read from the facts heard, read again only when a fact is added.

        `read_all` reads only the facts, the criteria and the accounts' hard data, and the
        last two are fixed for a game (the criteria object tells one game from another).
        """
        key = (view.attractiveness_criteria, view.facts)
        if self._cache is None or not _same_reading(self._cache[0], key):
            self._cache = (key, read_all(view, self._reader))
        return self._cache[1]

    def heard(self, view: View) -> Heard:
        """Who told what: a reading of the facts alone, redone only when a fact told in a
        meeting is added. Facts found otherwise (desk research, the pathway) tell nothing of
        who said what, so the reading stays the same object, and the questions picked with it
        stay picked (see `questions`)."""
        key = (view.attractiveness_criteria, view.facts)
        known = self._heard
        if known is not None and _same_reading(known[0], key):
            return known[1]
        heard = Heard(view) if known is None or not _adds_nothing_told(known[0], key) else known[1]
        self._heard = (key, heard)
        return heard

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
        if self.practices.map_dmu:
            yield from ({"kind": "map_dmu", "account": a.id} for a in focus if not a.dmu_mapped)
        if done:
            if self.practices.map_pathway:
                yield from (
                    {"kind": "map_pathway", "account": a.id} for a in focus if not a.pathway_mapped
                )
            for acc in focus:
                yield from self.plan_steps(view, acc, ev[acc.id], len(focus))
            if self.practices.monitor:
                yield from self.reviews(view, focus)
            if self.practices.rebates:
                yield from self.rebate_offers(view, accounts, focus)
        yield from self.discovery(view, focus, ev)
        suspects = [  # the next best could still be key; doubtful ones may need declining
            a
            for a in accounts
            if a.tier == "develop" or (a.tier == "maintain" and ev[a.id].doubts())
        ]
        yield from self.discovery(view, suspects, ev, per_account=1)
        yield from self.maintenance(view, focus)
        if not self.practices.decline:
            yield from self.serve(view, [a for a in accounts if self._should_decline(ev[a.id])])

    def make_time(self, view: View, accounts: list[AccountView]) -> Iterator[Action]:
        """No field days for research at all: decline, on hard data, the least promising
        accounts (falling trend first, then weakest sales growth) so that the routine service
        of the rest leaves a day a week. Decided once a week, from the week's field days."""
        if not self.practices.decline:
            return
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

    @staticmethod
    def _should_decline(e: AccountEvidence) -> bool:
        return (e.misaligned() and e.attractiveness < DEPRIORITISE_BELOW) or (
            e.attractiveness < DECLINE_BELOW and len(e.criteria) >= 2
        )

    def tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        """Decline the misaligned as soon as the evidence shows it; once every account is
        researched: key up to the limit (sticky), develop the next best, the rest by score.

        Decided again only when what it reads has changed: the accounts' evidence readings,
        their ids, mergers and tiers, the research done, the limit.
        Sales move the choice only when the biggest misfit is made key: then every time.
        The answer is shared between calls: read it, never change it.
        """
        if self.practices.swap_key_for_sales:
            return self._tiers(view, ev, final)
        key = (
            final,
            view.max_key_accounts if final else None,
            frozenset(self.researched),
            frozenset(self.own_keys),
        )
        known = self._tiers_known
        # A fact heard makes a new evidence dict, but only the account it is about gets a
        # new reading (`EvidenceReader`): the same readings choose the same tiers.
        readings = tuple(ev.values())
        # Views share the account views nothing touched: the same ones have the same ids,
        # mergers and tiers, and only otherwise are those compared.
        if (
            known is not None
            and known[1] == key
            and same_items(known[0], readings)
            and (same_items(known[2], view.accounts) or known[3] == _standing(view))
        ):
            self._tiers_known = (known[0], key, view.accounts, known[3], known[4])
            return known[4]
        out = self._tiers(view, ev, final)
        self._tiers_known = (readings, key, view.accounts, _standing(view), out)
        return out

    def _tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        live = [a for a in view.accounts if a.merged_into is None]
        out = {a.id: "decline" for a in live if a.tier == "decline"}
        ranked = _ranked([a for a in live if a.tier != "decline" and a.id in self.researched], ev)
        misfits = [a for a in ranked if self._should_decline(ev[a])]
        swap = None
        if self.practices.swap_key_for_sales and misfits:
            swap = max(misfits, key=lambda a: (yearly_sales(view.account(a)), a))
        if self.practices.decline:
            out.update({a: "decline" for a in misfits if a != swap})
        if not final:
            return out
        eligible = [a for a in ranked if a not in out]
        key = self.key_set(view, [a for a in eligible if a not in misfits], ev)
        if swap is not None and key:
            weakest = min(key, key=lambda a: (ev[a].attractiveness, a))
            key[key.index(weakest)] = swap
        middle = [
            a for a in eligible if a not in key and ev[a].attractiveness >= DEPRIORITISE_BELOW
        ]
        develop = set(middle[: max(1, int(len(middle) * DEVELOP_SHARE))])
        for acc in eligible:
            if acc in key:
                out[acc] = "key"
            elif acc in misfits:
                out[acc] = "maintain"  # kept, against the evidence (practice off)
            elif acc in develop:
                out[acc] = "develop"
            elif ev[acc].attractiveness >= DEPRIORITISE_BELOW:
                out[acc] = "maintain"
            else:
                out[acc] = "deprioritise"
        return out

    def key_set(self, view: View, eligible: list[str], ev: dict[str, AccountEvidence]) -> list[str]:
        limit = view.max_key_accounts
        # Sticky only for its own choices: a key account someone else chose (a colleague's
        # decision, in the graded population) is weighed again like any other.
        mine = [a for a in eligible if a in self.own_keys]
        current = [a for a in mine if view.account(a).tier == "key"][:limit]
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
        """Hold back heavy campaigns that reach a key account; approve the rest."""
        keys = {a.id for a in focus}
        rule = self.practices.campaigns
        for campaign in view.inbox:
            targets = campaign["accounts"]
            clash = targets == "all" or bool(keys & set(targets))
            heavy = float(campaign.get("fatigue", HEAVY_CAMPAIGN)) >= HEAVY_CAMPAIGN
            hold = rule == "hold_all" or (rule == "judge" and clash and heavy)
            kind = "hold_campaign" if hold else "approve_campaign"
            yield {"kind": kind, "campaign": campaign["id"]}

    # ------------------------------------------------------------ the plan
    def plan_steps(
        self, view: View, acc: AccountView, ev: AccountEvidence, n_key: int
    ) -> Iterator[Action]:
        plan = acc.plan
        slipping = plan is not None and any(
            (acc.id, p) not in self.updated_slips for p, _ in plan.slipping
        )
        unanswered = self.unanswered_blockages(view, acc)
        if unanswered and self.blockage_fix(view, acc, n_key) is None:
            # Nothing affordable answers it now: an update would change nothing. Colleagues'
            # days come back as projects are delivered, so look again next week.
            unanswered = []
        if (
            plan is None
            or acc.id in self.lagging
            or (slipping and plan.status == "agreed")
            or unanswered
        ):
            if plan is None and not self.ready(view, acc, ev):
                return
            if slipping:
                self.updated_slips.update((acc.id, p) for p, _ in plan.slipping)  # type: ignore[union-attr]
            self.replanned.update((acc.id, text) for text in unanswered)
            yield self.write(view, acc, ev, n_key)
            return
        if plan.status == "agreed" or view.week < plan.cooldown_until:
            return
        yield from self.win_over(view, acc, plan.answer)
        if not self.practices.co_create:
            if self._retry_ok(view, acc):
                yield self.agree(acc, [max(present(acc), key=_weight_order).id])
            return
        waiting = view.week - self.plan_week.get(acc.id, view.week) < AGREE_WAIT
        missing = [p for p in self.co_create_with(acc) if (acc.id, p.id) not in self.co_created]
        if missing and waiting:
            for person in missing:
                yield meet(acc.id, person.id, "co_create")
            return
        if self._retry_ok(view, acc):
            yield self.agree(acc, [p.id for p in present(acc)])

    def _retry_ok(self, view: View, acc: AccountView) -> bool:
        put = self.put_week.get(acc.id)
        return put is None or view.week - put >= RETRY_AFTER

    @staticmethod
    def agree(acc: AccountView, table: list[str]) -> Action:
        return {"kind": "agree_plan", "account": acc.id, "stakeholders": table}

    def win_over(self, view: View, acc: AccountView, answer: dict | None) -> Iterator[Action]:
        """After a "not yet": meet the people the customer named as holding the plan up."""
        if not answer or answer["verdict"] == "yes":
            return
        named = [r["person"] for r in answer["reasons"] if r["code"] == "veto" and r["person"]]
        for person_id in named:
            person = next((p for p in present(acc) if p.id == person_id), None)
            if person is None:
                continue
            shaped = (acc.id, person_id) in self.co_created
            if self.practices.co_create and not shaped:
                yield meet(acc.id, person_id, "co_create")
            yield meet(acc.id, person_id, "listen" if self.practices.listen else "promote")

    def ready(self, view: View, acc: AccountView, ev: AccountEvidence) -> bool:
        committee = planning.next_committee(view, acc.id)
        duration = view.week + view.weeks_left - 1
        deadline = max(2, min(duration // 3, (committee or duration) - 6))
        if view.week >= deadline:
            return True
        met_all = all(p.meetings > 0 for p in self.meetable(acc))
        mapped = acc.dmu_mapped or not self.practices.map_dmu
        return mapped and met_all and bool(ev.needs)

    def unanswered_blockages(self, view: View, acc: AccountView) -> list[str]:
        """Blockages the mapped pathway shows that no project of the agreed plan answers.

        A plan agreed before the front line was heard can miss the real hold-up: a KAM who
        monitors the account updates it, once per blockage found.
        """
        plan = acc.plan
        if not self.practices.monitor or plan is None or plan.status != "agreed":
            return []
        # An account view is immutable, and `replanned` only grows: the same view and size
        # give the same answer (the view is kept with it, so its id stays its own).
        known = self._unanswered.get(acc.id)
        if known is not None and known[0] is acc and known[1] == len(self.replanned):
            return known[2]
        out = self._unanswered_blockages(view, acc, plan)
        self._unanswered[acc.id] = (acc, len(self.replanned), out)
        return out

    def _unanswered_blockages(self, view: View, acc: AccountView, plan: PlanView) -> list[str]:
        found = [t for t in planning.exposed_blockages(acc) if (acc.id, t) not in self.replanned]
        if not found:  # most of the time: the catalogue need not be read
            return []
        chosen = {t["project"] for t in plan.plan["tactics"]}
        projects = [p for p in view.projects if p["id"] in chosen]
        return [
            text
            for text in found
            if not any(planning.blockage_match(p, [text]) >= 1.0 for p in projects)
        ]

    def _share(self, view: View, acc: AccountView, n_key: int) -> int:
        """How many plans still to write split the budget and colleagues' days.

        Those are the live key accounts without a plan, and this one: the count of the first
        is kept per view (each key account weighs its share at every decision).
        """
        memo = self._unplanned
        if memo is None or memo[0] is not view:
            count = ordered_sum(1 for a in workable(view) if a.tier == "key" and a.plan is None)
            memo = self._unplanned = (view, count)
        unplanned = memo[1]
        if acc.plan is not None and acc.tier == "key" and acc.merged_into is None:
            unplanned += 1
        return max(1, min(unplanned, n_key))

    def blockage_fix(self, view: View, acc: AccountView, n_key: int) -> str | None:
        """The affordable project that would answer an open blockage of the agreed plan."""
        if acc.plan is None:
            return None
        share = self._share(view, acc, n_key)
        # What `blockage_project` reads: the account view (immutable, its plan and pathway),
        # the catalogue, the colleagues' rows (shared while their free days are unchanged),
        # the budget and the share. Mostly the same from one decision to the next.
        key = (acc, view.projects, view.colleagues, view.budget_left, share)
        known = self._fixes.get(acc.id)
        if known is not None and _same_key(known[0], key):
            return known[1]
        plan = acc.plan.plan
        running = tuple(t["project"] for t in plan["tactics"])
        found = planning.blockage_project(view, acc, plan, view.budget_left / share, share, running)
        self._fixes[acc.id] = (key, found)
        return found

    def write(self, view: View, acc: AccountView, ev: AccountEvidence, n_key: int) -> Action:
        share = self._share(view, acc, n_key)
        # An agreed plan keeps its projects when it is updated; a draft the rules refused (budget
        # or colleagues short) is rebuilt from what is free now, or it would be refused again.
        agreed = acc.plan is not None and acc.plan.status == "agreed"
        keep = tuple(t["project"] for t in acc.plan.plan["tactics"]) if acc.plan and agreed else ()
        allowance = view.budget_left / share
        if self.practices.fit_plan:
            plan = planning.grounded_plan(view, acc, ev, allowance, keep, share)
            if agreed and self.practices.monitor:
                extra = planning.blockage_project(view, acc, plan, allowance, share, keep)
                if extra is not None:
                    plan["tactics"].append({"project": extra})
        else:
            plan = planning.misfit_plan(view, acc, ev, allowance, share)
        if self.practices.rebates:
            plan = planning.with_rebate(view, plan)
        return {"kind": "write_plan", "account": acc.id, "plan": plan}

    def co_create_with(self, acc: AccountView) -> list[PersonView]:
        """The people who seem to carry most of the DMU's weight (title, seats, links)."""
        people = self.meetable(acc)
        if not self.practices.broad_support:
            return [max(people, key=_weight_order)] if people else []
        weight = _apparent_weight(people)
        total = ordered_sum(weight.values())
        chosen, covered = [], 0.0
        for p in sorted(people, key=lambda p: (-weight[p.id], p.id)):
            if covered >= CO_CREATE_SHARE * total:
                break
            chosen.append(p)
            covered += weight[p.id]
        return chosen

    def rebate_offers(
        self, view: View, accounts: list[AccountView], focus: list[AccountView]
    ) -> Iterator[Action]:
        """The price-led mistake: a rebate-only plan put to every non-key account too."""
        keys = {a.id for a in focus}
        for acc in accounts:
            if acc.id in keys or acc.tier == "decline":
                continue
            plan = acc.plan
            if plan is None:
                offer = planning.with_rebate(view, planning.empty_plan())
                if offer["tactics"]:
                    yield {"kind": "write_plan", "account": acc.id, "plan": offer}
            elif (
                plan.status != "agreed"
                and self._retry_ok(view, acc)
                and view.week >= plan.cooldown_until
            ):
                yield self.agree(acc, [p.id for p in present(acc)])

    # ------------------------------------------------------------ monitoring
    def reviews(self, view: View, focus: list[AccountView]) -> Iterator[Action]:
        """A review of each agreed plan's KPIs after every month's figures: by hand at the
        agreement, then as a standing monthly routine (set once, run by the clock as the
        figures come out), read from the account's last review once it ran."""
        for acc in focus:
            agreed = acc.plan is not None and acc.plan.agreed_week is not None
            if not agreed:
                continue
            if not acc.reviews_monthly:
                yield {"kind": "review_monthly", "account": acc.id, "on": True}
            week = self.latest_kpi_week(view, acc.id)
            if self.reviewed.get(acc.id, 0) >= week:
                continue
            if self.lags(view, acc):
                self.lagging.add(acc.id)
            if acc.reviews_monthly and acc.last_review >= week:
                self.reviewed[acc.id] = week  # the routine read them as they came out
                continue
            yield {"kind": "review_kpis", "account": acc.id}

    def lags(self, view: View, acc: AccountView) -> bool:
        """Share falling month on month, after a while on the same plan."""
        if view.week - self.plan_week.get(acc.id, view.week) < UPDATE_EVERY:
            return False
        shares = acc.share_history
        return len(shares) >= 2 and shares[-1] < shares[-2]

    def latest_kpi_week(self, view: View, account: str) -> int:
        """The week of the account's latest KPI record (0 before the first month's).

        Views share the KPI records until a month ends, so each account's answer is kept
        with the records it was read from (kept, so their id stays theirs).
        """
        if self._kpi_weeks is None or self._kpi_weeks[0] is not view.kpis:
            self._kpi_weeks = (view.kpis, {})
        weeks = self._kpi_weeks[1]
        if account not in weeks:
            weeks[account] = _latest_kpi_week(view, account)
        return weeks[account]

    # ------------------------------------------------------------ meetings
    def meetable(self, acc: AccountView) -> list[PersonView]:
        """The people present this expert would meet (front-line staff only if practised)."""
        people = present(acc)
        if not self.practices.front_line:
            people = [p for p in people if not p.front_line]
        return people

    def discovery(
        self,
        view: View,
        accounts: list[AccountView],
        ev: dict[str, AccountEvidence],
        per_account: int = 99,
    ) -> Iterator[Action]:
        """Discovery meetings, people met least first across the accounts (round robin)."""
        rows = []
        for acc in accounts:  # front-line staff first: they see what seniors do not say
            people = sorted(
                self.meetable(acc),
                key=lambda p: (p.meetings, not p.front_line, -seniority(p), p.id),
            )
            rows += [
                (p.meetings, not p.front_line, -seniority(p), acc.id, p.id, acc, p)
                for p in people[:per_account]
            ]
        if min(self.costs["meet:listen"], self.costs["meet:discover"]) > view.field_days_left + EPS:
            return  # no meeting fits in what is left of the week
        heard = self.heard(view)
        for *_, acc, person in sorted(rows, key=lambda row: row[:5]):
            if not self.practices.listen:
                if person.meetings < 2:
                    yield meet(acc.id, person.id, "promote")
                continue
            questions = self.questions(view, acc, person, ev[acc.id], heard)
            if questions:
                purpose = "listen" if person.meetings == 0 else "discover"
                yield meet(acc.id, person.id, purpose, questions)

    def questions(
        self, view: View, acc: AccountView, person: PersonView, ev: AccountEvidence, heard: Heard
    ) -> tuple[str, ...]:
        """`pick_questions`, picked again only when something it reads has changed.

        Its inputs are the question list, the account's evidence and who told what (objects
        kept while the facts heard are unchanged), the person's relationship, whether the DMU
        is mapped and what we asked them: the same inputs pick the same questions.
        """
        who = (acc.id, person.id)
        asked = self.asked.get(who, {})
        key = (view.questions, ev, heard, person.relationship, acc.dmu_mapped)
        known = self._questions.get(who)
        if known is not None and same_items(known[0][:5], key) and known[0][5] == asked:
            return known[1]
        picked = pick_questions(view, acc, person, ev, asked, heard)
        self._questions[who] = ((*key, dict(asked)), picked)
        return picked

    def maintenance(self, view: View, focus: list[AccountView]) -> Iterator[Action]:
        purpose = "listen" if self.practices.listen else "promote"
        for acc in focus:
            for person in sorted(self.meetable(acc), key=lambda p: (-seniority(p), p.id)):
                if view.week - self.contact.get((acc.id, person.id), 0) >= CONTACT_EVERY:
                    yield meet(acc.id, person.id, purpose)

    def serve(self, view: View, accounts: list[AccountView]) -> Iterator[Action]:
        """Keeping misaligned accounts served: regular visits to their senior people."""
        for acc in by_sales(accounts):
            for person in sorted(present(acc), key=lambda p: (-seniority(p), p.id))[:2]:
                if view.week - self.contact.get((acc.id, person.id), 0) >= SERVE_EVERY:
                    yield meet(acc.id, person.id, "present_value")


def _adds_nothing_told(known: _Reading, now: _Reading) -> bool:
    """The facts now are those known, then only facts nobody told in a meeting."""
    before, facts = known[1], now[1]
    return (
        known[0] is now[0]
        and len(facts) >= len(before)
        and same_items(before, facts[: len(before)])
        and not any(told_by(f.source) for f in facts[len(before) :])
    )


def _apparent_weight(people: list[PersonView]) -> dict[str, float]:
    """How much each person seems to weigh: title, seats, and who listens to them."""
    weight = {p.id: 1.0 + seniority(p) for p in people}
    for p in people:
        for to, strength in p.links:
            if to in weight:
                weight[to] += 0.5 if strength == "strong" else 0.25
    return weight


def _weight_order(person: PersonView) -> tuple[float, str]:
    return (seniority(person), person.id)


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
