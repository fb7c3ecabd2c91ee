"""A finished game, indexed for scoring: who did what, when, on which account.

Scoring reads only the scenario's truth, the game's frozen result (`Simulation.result`) and
its log; this module turns the log into look-ups once (actions by account and kind, the tier
each account had in each week), so each indicator is a short function and the evidence for
every credit points at real log entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.scenario.names import Names
from kamsim.scoring.card import Evidence
from kamsim.scoring.rubric import EffectiveRubric, effective_rubric
from kamsim.scoring.truth import AccountTruth, expected_tiers
from kamsim.sim.result import AccountRecord, GameResult
from kamsim.sums import ordered_sum

T = TypeVar("T")


@dataclass(frozen=True)
class Act:
    """An accepted action with its place in the log."""

    index: int
    week: int
    kind: str
    action: dict[str, Any]
    days: float
    revealed: tuple[str, ...]
    text: str  # the action in words, with the scenario's names
    answer: str | None = None  # the customer's verdict, for a plan put to them

    @property
    def account(self) -> str | None:
        return self.action.get("account")

    def evidence(self, what: str | None = None) -> Evidence:
        return Evidence(self.week, what or self.text, self.index)


class GameRecord:
    """Look-ups over one game: actions by account and kind, effort, tiers over time, truth."""

    def __init__(self, result: GameResult) -> None:
        self.result = result
        self.scenario: Scenario = result.scenario
        self.rubric: EffectiveRubric = effective_rubric(result.scenario)
        self.log = result.log
        self.truth: dict[str, AccountTruth] = expected_tiers(result.scenario)
        self.names = Names(result.scenario)
        # A standing monthly review the clock ran is a review the trainee chose: it counts.
        self.acts: list[Act] = [
            Act(i, e.week, e.data["action"]["kind"], dict(e.data["action"]),
                float(e.data.get("days", 0.0)), tuple(e.data.get("revealed", ())),
                self.names.action(dict(e.data["action"])),
                (e.data.get("answer") or {}).get("verdict"))
            for i, e in enumerate(result.log)
            if e.kind == "action" or (e.kind == "routine" and "skipped" not in e.data)
        ]  # fmt: skip
        self.by_account: dict[str, list[Act]] = defaultdict(list)
        for act in self.acts:
            if act.account:
                self.by_account[act.account].append(act)
        self._memos: dict[str, Any] = {}

    def _memo(self, name: str, make: Callable[[], T]) -> T:
        """`make()`, made once per record. By hand, not with `functools.cached_property`:
        compiled (mypyc), that is a plain property and would make it at every read."""
        if name not in self._memos:
            self._memos[name] = make()
        return self._memos[name]

    @property
    def duration(self) -> int:
        return self.scenario.meta.duration_weeks

    def account(self, account_id: str) -> AccountRecord:
        return self.result.accounts[account_id]

    def name(self, account_id: str) -> str:
        return self.scenario.account(account_id).name

    def of_kind(self, kind: str, account: str | None = None) -> list[Act]:
        source = self.by_account.get(account, []) if account else self.acts
        return [a for a in source if a.kind == kind]

    @property
    def decisions(self) -> dict[str, list[tuple[int, str, str]]]:
        return self._memo("decisions", self._decisions)

    def _decisions(self) -> dict[str, list[tuple[int, str, str]]]:
        """Per account, its committee and tender decisions: (week, product, status after).
        A tender not bid for (KAM declined) leaves the listing as it was and is left out."""
        out: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for e in self.log:
            if e.kind == "decision" and "after" in e.data:
                out[str(e.data["account"])].append(
                    (e.week, str(e.data["product"]), str(e.data["after"]))
                )
        return out

    @property
    def tiers(self) -> dict[str, Tier | None]:
        return self._memo("tiers", self._tiers)

    def _tiers(self) -> dict[str, Tier | None]:
        """The trainee's final tier per account (None when never tiered)."""
        return {acc_id: acc.tier for acc_id, acc in self.result.accounts.items()}

    @property
    def tier_weeks(self) -> dict[str, list[Tier | None]]:
        return self._memo("tier_weeks", self._tier_weeks)

    def _tier_weeks(self) -> dict[str, list[Tier | None]]:
        """Per account, the tier it had in each week 1..duration (as the week ended)."""
        out: dict[str, list[Tier | None]] = {}
        for acc in self.result.accounts:
            current: Tier | None = None
            changes = {a.week: Tier(a.action["tier"]) for a in self.of_kind("set_tier", acc)}
            weeks: list[Tier | None] = []
            for week in range(1, self.duration + 1):
                current = changes.get(week, current)
                weeks.append(current)
            out[acc] = weeks
        return out

    def scored_weeks(self) -> range:
        """The weeks tiers are scored in: after the research grace at the start."""
        share = float(self.rubric.get("prioritisation.grace_share"))
        grace = max(
            round(self.duration * share), int(self.rubric.get("prioritisation.grace_min_weeks"))
        )
        return range(min(grace, self.duration - 1) + 1, self.duration + 1)

    @property
    def days(self) -> dict[str, float]:
        return self._memo("days", self._days)

    def _days(self) -> dict[str, float]:
        """Field days the trainee spent on each account."""
        spent: dict[str, float] = defaultdict(float)
        for act in self.acts:
            if act.account:
                spent[act.account] += act.days
        return dict(spent)

    def days_after(self, account: str, week: int) -> float:
        return ordered_sum(a.days for a in self.by_account.get(account, []) if a.week >= week)

    def key_accounts(self) -> list[str]:
        """The trainee's key accounts at the end, in scenario order."""
        return [a for a, t in self.tiers.items() if t is Tier.KEY]

    def true_key(self) -> set[str]:
        return {a for a, t in self.truth.items() if t.tier is Tier.KEY}

    @property
    def plan_weights(self) -> dict[str, float]:
        return self._memo("plan_weights", self._plan_weights)

    def _plan_weights(self) -> dict[str, float]:
        """How much each account's plan counts, in scenario order (accounts that count at all).

        A true key account deserved a plan whatever the trainee chose: weight 1. Any other
        account owes one for as long as the trainee held it key: the share of the scored weeks
        it was key. Judging only the final key set let a trainee demote every key account whose
        plan had failed in the last week and be judged on the plans that worked.
        """
        true = self.true_key()
        weeks = self.scored_weeks()
        out: dict[str, float] = {}
        for acc in self.result.accounts:
            if acc in true:
                out[acc] = 1.0
                continue
            held = self.tier_weeks[acc]
            share = ordered_sum(held[w - 1] is Tier.KEY for w in weeks) / len(weeks)
            if share > 0:
                out[acc] = share
        return out

    def planned_accounts(self) -> list[str]:
        """Accounts whose plans are judged: the true key ones and any the trainee held key."""
        return list(self.plan_weights)

    def plan_weighted(self, values: dict[str, float]) -> float:
        """The mean of per-account values, each weighted as its plan counts (0 without any)."""
        weights = self.plan_weights
        total = ordered_sum(weights[a] for a in values)
        return ordered_sum(v * weights[a] for a, v in values.items()) / total if total else 0.0

    def last_tier_act(self, account: str) -> Act | None:
        acts = self.of_kind("set_tier", account)
        return acts[-1] if acts else None

    def final_record(self, account: str = "territory") -> dict[str, Any]:
        kpis = self.result.kpis
        for i in range(len(kpis) - 1, -1, -1):  # latest first (compiled, `reversed` crashes mypyc)
            if kpis[i]["account"] == account:
                return dict(kpis[i])
        return {}

    def baseline_final(self, account: str) -> Mapping[str, Any]:
        """The no-action game's last record of the account (empty if it has none)."""
        return self.result.baseline_final.get(account) or {}

    def record_at(self, account: str, week: int) -> dict[str, Any] | None:
        """The account's last monthly KPI record on or before this week."""
        found = None
        for record in self.result.kpis:
            if record["account"] == account and int(record["week"]) <= week:
                found = record
        return dict(found) if found is not None else None

    def kpi_evidence(self) -> Evidence:
        """The last monthly KPI record, as evidence for outcome credits."""
        for i in range(len(self.log) - 1, -1, -1):
            if self.log[i].kind == "kpis":
                return Evidence(self.log[i].week, "monthly KPI record", i)
        return Evidence(self.duration, "no KPI record", None)
