"""A finished game, indexed for scoring: who did what, when, on which account.

Scoring reads the scenario's truth, the world's final state and the log; this module turns
the log into look-ups once, so each indicator is a short function and the evidence for every
credit points at real log entries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.scenario.names import Names
from kamsim.scoring.card import Evidence
from kamsim.scoring.truth import AccountTruth, expected_tiers
from kamsim.sim.engine import Simulation
from kamsim.sim.state import World


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

    @property
    def account(self) -> str | None:
        return self.action.get("account")

    def evidence(self, what: str | None = None) -> Evidence:
        return Evidence(self.week, what or self.text, self.index)


class GameRecord:
    """Look-ups over one game: actions by account and kind, effort, money, truth."""

    def __init__(self, sim: Simulation) -> None:
        self.scenario: Scenario = sim.scenario
        self.world: World = sim.world
        self.log = sim.log
        self.truth: dict[str, AccountTruth] = expected_tiers(sim.scenario)
        names = Names(sim.scenario)
        self.acts: list[Act] = [
            Act(i, e.week, e.data["action"]["kind"], dict(e.data["action"]),
                float(e.data.get("days", 0.0)), tuple(e.data.get("revealed", ())),
                names.action(dict(e.data["action"])))
            for i, e in enumerate(sim.log)
            if e.kind == "action"
        ]  # fmt: skip
        self.by_account: dict[str, list[Act]] = defaultdict(list)
        for act in self.acts:
            if act.account:
                self.by_account[act.account].append(act)

    def of_kind(self, kind: str, account: str | None = None) -> list[Act]:
        source = self.by_account.get(account, []) if account else self.acts
        return [a for a in source if a.kind == kind]

    @cached_property
    def tiers(self) -> dict[str, Tier | None]:
        """The trainee's final tier per account (None when never tiered)."""
        return {acc_id: acc.tier for acc_id, acc in self.world.accounts.items()}

    @cached_property
    def days(self) -> dict[str, float]:
        """Field days the trainee spent on each account."""
        spent: dict[str, float] = defaultdict(float)
        for act in self.acts:
            if act.account:
                spent[act.account] += act.days
        return dict(spent)

    def key_accounts(self) -> list[str]:
        """The trainee's key accounts, in scenario order."""
        return [a for a, t in self.tiers.items() if t is Tier.KEY]

    def true_key(self) -> set[str]:
        return {a for a, t in self.truth.items() if t.tier is Tier.KEY}

    def last_tier_act(self, account: str) -> Act | None:
        acts = self.of_kind("set_tier", account)
        return acts[-1] if acts else None

    def kpi_evidence(self) -> Evidence:
        """The last monthly KPI record, as evidence for outcome credits."""
        for i in range(len(self.log) - 1, -1, -1):
            if self.log[i].kind == "kpis":
                return Evidence(self.log[i].week, "monthly KPI record", i)
        return Evidence(self.scenario.meta.duration_weeks, "no KPI record", None)
