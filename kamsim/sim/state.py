"""The mutable world of one game. Only the Simulation and its helpers change it.

Static content stays in the scenario models (`spec` fields); these dataclasses hold what moves:
attitudes, shares, plans, discoveries, budgets. Dicts keep scenario order, so iterating them is
deterministic.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kamsim.scenario.accounts import Account, Stakeholder
from kamsim.scenario.base import FORMULARY_LADDER, FormularyStatus, Need, Tier
from kamsim.scenario.knowledge import Fact, Method, Source
from kamsim.scenario.meta import BrandCampaign
from kamsim.scenario.model import Scenario
from kamsim.scenario.plans import Project
from kamsim.scenario.rubric import Criterion, Mechanism
from kamsim.sim.actions import Plan
from kamsim.sums import ordered_sum

# Each formulary status's step on the ladder (0 not listed … 3 preferred), for quick look-ups.
LADDER_STEP: dict[FormularyStatus, int] = {s: step for step, s in enumerate(FORMULARY_LADDER)}


@dataclass(frozen=True)
class Catalog:
    """Scenario content indexed by id, built once per scenario for quick look-ups (read-only).

    `sources` indexes every way to discover a fact by (account, method) for analyses and by
    (account, person, question) for meetings, in scenario order, so finding what a meeting or
    an analysis reveals does not scan the whole territory's facts.
    """

    facts: dict[str, Fact]
    projects: dict[str, Project]
    campaigns: dict[str, BrandCampaign]
    questions: frozenset[str]
    sources: dict[tuple[str, ...], list[tuple[Fact, Source]]]

    def facts_via(self, account: str, method: Method) -> list[tuple[Fact, float]]:
        """Facts about the account an analysis method finds, with each source's reliability."""
        return [(fact, src.reliability) for fact, src in self.sources.get((account, method), [])]

    def facts_told(self, account: str, person: str, question: str) -> list[tuple[Fact, Source]]:
        """Facts this person tells when asked this question, each with its source (reliability,
        the trust needed, the trust from which they are candid, their words)."""
        return list(self.sources.get((account, person, question), []))


def _source_index(facts: list[Fact]) -> dict[tuple[str, ...], list[tuple[Fact, Source]]]:
    index: dict[tuple[str, ...], list[tuple[Fact, Source]]] = {}
    for fact in facts:
        for src in fact.sources:
            if src.via is Method.MEETING:
                key: tuple[str, ...] = (fact.account, str(src.stakeholder), str(src.question))
            else:
                key = (fact.account, src.via)
            index.setdefault(key, []).append((fact, src))
    return index


T = TypeVar("T")


class PerScenario(Generic[T]):
    """A value derived from a scenario's content alone, built once per scenario object.

    Every game of a scenario starts from the same content, so what follows from it alone (the
    catalogue's indexes, where the DMUs settle) need not be rebuilt per game: calibration
    plays thousands of games on a handful of scenario objects (one per parallel form).
    Scenarios are not hashable, so the key is the object's identity; the scenario is kept
    with its value, so its id cannot be reused while cached. Values are shared between
    games: they must never be changed.
    """

    def __init__(self, build: Callable[[Scenario], T], size: int = 16) -> None:
        self._build = build
        self._size = size
        self._cache: OrderedDict[int, tuple[Scenario, T]] = OrderedDict()

    def __call__(self, scenario: Scenario) -> T:
        key = id(scenario)
        hit = self._cache.get(key)
        if hit is not None and hit[0] is scenario:
            self._cache.move_to_end(key)
            return hit[1]
        value = self._build(scenario)
        self._cache[key] = (scenario, value)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return value


def new_catalog(scenario: Scenario) -> Catalog:
    return Catalog(
        facts={f.id: f for f in scenario.facts},
        projects={p.id: p for p in scenario.projects},
        campaigns={c.id: c for c in scenario.company.brand_campaigns},
        questions=frozenset(q.id for q in scenario.questions),
        sources=_source_index(scenario.facts),
    )


# The catalogue is never changed by a game, so all games of a scenario share one.
scenario_catalog: PerScenario[Catalog] = PerScenario(new_catalog)


@dataclass
class Person:
    """A stakeholder's moving state; `spec` is the authored person."""

    spec: Stakeholder
    attitude: float
    anchor: float  # Friedkin–Johnsen prejudice: where their view settles on its own
    relationship: float
    fatigue: float = 0.0
    visible: bool = True
    present: bool = True
    met: int = 0  # meetings held
    co_created: bool = False  # had a co_create meeting on this account
    perceived: float | None = None  # attitude as sensed at the last meeting
    contact_week: int = 0  # last week with non-promotional contact
    requests: int = 0  # meeting requests so far (keys the acceptance draw)
    declined_week: int | None = None  # the last week they declined a meeting request
    asked: frozenset[str] = frozenset()  # questions put to them in meetings held

    @property
    def id(self) -> str:
        return self.spec.id


def new_person(spec: Stakeholder) -> Person:
    return Person(
        spec=spec,
        attitude=spec.attitude,
        anchor=spec.attitude,
        relationship=spec.relationship_value,
        visible=spec.visible,
    )


@dataclass(frozen=True)
class Blocked:
    """An active pathway blockage (or capacity crisis) capping treated patients."""

    id: str
    cap: float
    resolved_by: frozenset[Need]
    projects: frozenset[str] = frozenset()  # when not empty, only these projects lift it

    def lifted_by(self, project_id: str, serves: set[Need]) -> bool:
        if self.projects:
            return project_id in self.projects
        return bool(self.resolved_by & serves)


@dataclass(frozen=True)
class Reason:
    """Why a customer did not say yes, in words a trainee can act on."""

    code: str  # table | veto | stance | trust | fit | shaped | cooldown
    text: str
    person: str | None = None


@dataclass(frozen=True)
class Answer:
    """The customer's answer to a plan put to them at an agreement meeting."""

    verdict: str  # "yes" | "not_yet" | "no"
    week: int
    support: float
    table_share: float
    reasons: tuple[Reason, ...] = ()


@dataclass
class PlanState:
    """The account's current plan and where it stands."""

    plan: Plan
    version: int
    week_written: int
    agreed_week: int | None = None
    co_created: bool = False
    consulted: tuple[str, ...] = ()
    answer: Answer | None = None  # the customer's latest answer to this version


@dataclass
class AccountState:
    """An account's moving state; `spec` is the authored account."""

    spec: Account
    share: float
    share0: float
    market_value: float
    formulary: dict[str, FormularyStatus]
    people: dict[str, Person]
    blockages: dict[str, Blocked]
    attitude0: float
    cap0: float
    status0: FormularyStatus
    tier: Tier | None = None
    merged_into: str | None = None
    target_shift: float = 0.0  # events and reactions moving the share we head for
    competitor_loss: float = 0.0  # share lost to competitor moves (feeds committee pressure)
    desk_done: bool = False
    pathway_mapped: bool = False
    dmu_mapped: bool = False
    plan: PlanState | None = None  # the latest version written (draft or agreed)
    agreed: PlanState | None = None  # the latest version agreed: what is being delivered
    running: dict[str, int] = field(default_factory=dict)  # project → start week
    due: dict[str, int] = field(default_factory=dict)  # running project → week it delivers
    slipped: dict[str, int] = field(default_factory=dict)  # project → week it slipped
    known_slips: set[str] = field(default_factory=set)  # slips a KPI review has shown
    recovered: set[str] = field(default_factory=set)  # slips a plan update rescheduled
    delivered: list[str] = field(default_factory=list)
    effort_month: float = 0.0  # field days spent this KPI month
    wins: int = 0
    losses: int = 0
    revenue: float = 0.0
    rebates: float = 0.0  # discounts given back (tender price, price offers), year to date
    tender_discount: float = 0.0  # the discount a won price tender gives on every sale
    investment: float = 0.0
    volume: float = 1.0  # authored sales level / the model's: month 1 continues the history
    q: dict[Mechanism, float] = field(default_factory=dict)  # criteria scores, 0–1
    cooldown_until: int = 0  # after a 'no', the first week a plan can be discussed again
    survey: float | None = None  # the latest satisfaction survey result (0–10)
    review_monthly: bool = False  # the standing monthly KPI review is on
    last_review: int = 0  # the week of the latest KPI review (0: never)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def declined(self) -> bool:
        return self.tier is Tier.DECLINE

    @property
    def active(self) -> bool:
        """Still an institution of the territory (not absorbed by a merger)."""
        return self.merged_into is None

    def present_people(self) -> list[Person]:
        return [p for p in self.people.values() if p.present]

    def capacity(self) -> float:
        """Fraction of eligible patients the pathway can treat now."""
        return min([b.cap for b in self.blockages.values()], default=1.0)

    def best_status(self) -> FormularyStatus:
        return max(self.formulary.values(), key=LADDER_STEP.__getitem__)

    def criterion(self, mechanism: Mechanism) -> float:
        """The account's 0–1 score on the criterion driving this mechanism (½ if none does)."""
        return self.q.get(mechanism, 0.5)


@dataclass(frozen=True)
class Hearing:
    """One time the trainee heard a fact: which version, from where, when."""

    fact: str
    account: str
    true_version: bool
    source: str  # e.g. "meeting:sister_kowal:q_waits", "desk_research", "event:ev_x"
    week: int
    reliability: float


@dataclass
class World:
    """Everything that moves in one game, apart from the simpy clock and the log."""

    accounts: dict[str, AccountState]
    budget: float
    colleague_free: dict[str, float]
    hearings: list[Hearing] = field(default_factory=list)
    campaigns: dict[str, tuple[str, int]] = field(default_factory=dict)  # id → (decision, week)
    news: list[tuple[int, str, str]] = field(default_factory=list)  # (week, title, text)
    fired: set[str] = field(default_factory=set)  # reactions that fired (once)
    friction: float = 0.0
    kpis: list[dict[str, object]] = field(default_factory=list)
    reviews: list[tuple[int, str]] = field(default_factory=list)
    declines: int = 0  # meeting requests declined so far (a refusal that changes the view)

    def heard(self, fact: str, source: str, true_version: bool | None = None) -> bool:
        """Heard from this source (in this version, when one is given)."""
        return any(
            h.fact == fact
            and h.source == source
            and (true_version is None or h.true_version == true_version)
            for h in self.hearings
        )

    def known_facts(self) -> set[str]:
        return {h.fact for h in self.hearings}


def weighted_attitude(people: list[Person]) -> float:
    """Influence-weighted attitude of these people (0 when none has influence)."""
    total = ordered_sum([p.spec.influence for p in people])
    if total == 0:
        return 0.0
    return ordered_sum([p.spec.influence * p.attitude for p in people]) / total


def dmu_attitude(account: AccountState) -> float:
    """Influence-weighted attitude of the people present: how the account leans."""
    return weighted_attitude(account.present_people())


def criteria_q(spec: Account, criteria: list[Criterion]) -> dict[Mechanism, float]:
    """Each mechanism's driving criterion, as (score − 1)/4 (a missing score counts 3)."""
    return {
        c.drives: (spec.truth.criteria.get(c.id, 3) - 1) / 4
        for c in criteria
        if c.drives is not None
    }


def history_level(history: list[float]) -> float:
    """Next month's sales on the authored trend: a least-squares line over the last six."""
    recent = history[-6:]
    n = len(recent)
    mean_x, mean_y = (n - 1) / 2, ordered_sum(recent) / n
    var = ordered_sum((x - mean_x) ** 2 for x in range(n))
    slope = (
        ordered_sum((x - mean_x) * (y - mean_y) for x, y in enumerate(recent)) / var if var else 0.0
    )
    return max(0.0, mean_y + slope * (n - mean_x))


def new_account(
    spec: Account, products: list[str], criteria: list[Criterion] | None = None
) -> AccountState:
    people = {s.id: new_person(s) for s in spec.stakeholders}
    blockages = {
        stage.blockage.id: Blocked(
            stage.blockage.id,
            stage.blockage.capacity_cap,
            frozenset(stage.blockage.resolved_by),
            frozenset(stage.blockage.projects),
        )
        for stage in spec.truth.pathway
        if stage.blockage is not None
    }
    formulary = {p: spec.hard_data.formulary.get(p, FormularyStatus.NOT_LISTED) for p in products}
    acc = AccountState(
        spec=spec,
        share=spec.hard_data.our_share,
        share0=spec.hard_data.our_share,
        market_value=spec.hard_data.market_value,
        formulary=formulary,
        people=people,
        blockages=blockages,
        attitude0=0.0,
        cap0=1.0,
        status0=FormularyStatus.NOT_LISTED,
    )
    acc.attitude0 = dmu_attitude(acc)
    acc.cap0 = acc.capacity()
    acc.status0 = acc.best_status()
    acc.q = criteria_q(spec, criteria or [])
    acc.volume = volume_scale(acc)
    return acc


# A KPI month is 4 simulated weeks of a 52-week year (see market.MONTH_OF_YEAR).
_MONTH = 4 / 52


def volume_scale(acc: AccountState) -> float:
    """Authored sales level over what the model books in month 1 with nothing changed.

    The hard data's market value, share and sales history are written by hand and rarely
    agree exactly; scaling the model's volume to the history makes the first simulated month
    continue the authored trend instead of jumping (lint warns when they disagree by far).
    """
    grown = acc.market_value * (1.0 + acc.spec.truth.potential_growth) ** _MONTH
    modelled = acc.share0 * grown * _MONTH
    level = history_level(list(acc.spec.hard_data.sales_history))
    return level / modelled if modelled > 0 and level > 0 else 1.0


def new_world(scenario: Scenario) -> World:
    products = [p.id for p in scenario.company.products]
    return World(
        accounts={a.id: new_account(a, products, scenario.criteria) for a in scenario.accounts},
        budget=scenario.company.budget,
        colleague_free={c.id: float(c.days_per_month) for c in scenario.company.colleagues},
    )
