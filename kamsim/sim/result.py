"""The frozen record of a game: what scoring, debriefs and reports read.

Scoring must not depend on the simulation's mutable internals: it reads the event log, the
scenario and this snapshot of the game's public end state (plans in force, deliveries, money,
what was heard, the monthly KPI records and the same-world baseline's last month). Everything
here is immutable, so a score can be recomputed from it and nothing can change it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.sim.actions import Plan
from kamsim.sim.log import LogEntry
from kamsim.sim.state import AccountState, Hearing, PlanState, World


@dataclass(frozen=True)
class PlanRecord:
    """A plan version and how the customer took it."""

    version: int
    plan: Plan
    week_written: int
    agreed_week: int | None
    co_created: bool
    consulted: tuple[str, ...]
    verdict: str | None  # the customer's latest answer to this version


@dataclass(frozen=True)
class AccountRecord:
    """An account at the end of the game."""

    id: str
    tier: Tier | None
    active: bool
    merged_into: str | None
    in_force: PlanRecord | None  # the plan agreed with the customer (what is delivered)
    latest: PlanRecord | None  # the latest version written (maybe a never-agreed draft)
    delivered: tuple[str, ...]
    slipped: tuple[tuple[str, int], ...]  # (project, week it slipped)
    recovered: tuple[str, ...]
    investment: float
    share0: float
    present: tuple[str, ...]  # people still there at the end
    blockages_left: tuple[str, ...]


@dataclass(frozen=True)
class GameResult:
    """A game's public end state, for scoring: immutable, built once by `Simulation.result`."""

    scenario: Scenario
    seed: int
    finished: bool
    week: int
    log: tuple[LogEntry, ...]
    accounts: MappingProxyType[str, AccountRecord]
    hearings: tuple[Hearing, ...]
    reviews: tuple[tuple[int, str], ...]
    campaigns: MappingProxyType[str, tuple[str, int]]  # id → (decision, week)
    kpis: tuple[MappingProxyType[str, Any], ...]
    baseline_final: MappingProxyType[str, MappingProxyType[str, Any]]  # account → record
    budget_left: float
    friction: float
    # The no-action game's committee and tender decisions (log data with week and day).
    baseline_decisions: tuple[MappingProxyType[str, Any], ...] = ()

    def known_facts(self) -> set[str]:
        return {h.fact for h in self.hearings}


def _plan(state: PlanState | None) -> PlanRecord | None:
    if state is None:
        return None
    return PlanRecord(state.version, state.plan, state.week_written, state.agreed_week,
                      state.co_created, tuple(state.consulted),
                      state.answer.verdict if state.answer else None)  # fmt: skip


def _account(acc: AccountState) -> AccountRecord:
    return AccountRecord(
        id=acc.id,
        tier=acc.tier,
        active=acc.active,
        merged_into=acc.merged_into,
        in_force=_plan(acc.agreed),
        latest=_plan(acc.plan),
        delivered=tuple(acc.delivered),
        slipped=tuple(acc.slipped.items()),
        recovered=tuple(sorted(acc.recovered)),
        investment=acc.investment,
        share0=acc.share0,
        present=tuple(p.id for p in acc.present_people()),
        blockages_left=tuple(acc.blockages),
    )


def _frozen(record: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(record))


def build_result(
    scenario: Scenario,
    seed: int,
    finished: bool,
    week: int,
    log: tuple[LogEntry, ...],
    world: World,
    baseline_final: dict[str, dict[str, Any]],
    baseline_decisions: tuple[MappingProxyType[str, Any], ...] = (),
) -> GameResult:
    return GameResult(
        scenario=scenario,
        seed=seed,
        finished=finished,
        week=week,
        log=log,
        accounts=MappingProxyType({a: _account(s) for a, s in world.accounts.items()}),
        hearings=tuple(world.hearings),
        reviews=tuple(world.reviews),
        campaigns=MappingProxyType(dict(world.campaigns)),
        kpis=tuple(_frozen(r) for r in world.kpis),
        baseline_final=MappingProxyType({a: _frozen(r) for a, r in baseline_final.items()}),
        budget_left=world.budget,
        friction=world.friction,
        baseline_decisions=baseline_decisions,
    )
