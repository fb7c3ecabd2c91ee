"""What the world does on its own: events, decisions, deliveries, campaign deadlines, months.

The Simulation calls these from its simpy processes; each works on a `Core` (the game's
content, state, random streams and log) and logs what happened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kamsim.scenario.base import FormularyStatus
from kamsim.scenario.model import Scenario
from kamsim.scenario.rubric import Mechanism
from kamsim.scenario.world import Event, EventKind
from kamsim.sim import kpis, market, people
from kamsim.sim.effects import apply_effect
from kamsim.sim.handlers import apply_campaign
from kamsim.sim.log import EventLog
from kamsim.sim.rng import Stream, Streams
from kamsim.sim.state import AccountState, Catalog, PerScenario, World, dmu_attitude, new_world
from kamsim.sums import ordered_sum

if TYPE_CHECKING:
    from kamsim.sim.baseline import LazyBaseline

COMPETITOR_KINDS = (EventKind.COMPETITOR_LAUNCH, EventKind.COMPETITOR_CONTRACT)


@dataclass
class Core:
    """One game's content, state, dice and log: what every world process works on."""

    scenario: Scenario
    catalog: Catalog
    world: World
    streams: Streams
    log: EventLog
    baseline: LazyBaseline | None = None  # the no-action game on the same seed (None: this is it)
    networks: dict[str, people.Network] = field(default_factory=dict)  # account → its DMU's
    members: dict[str, list[people.Person]] = field(default_factory=dict)  # who each is for

    def network(self, account: str, present: list[people.Person]) -> people.Network:
        """The account's influence network, rebuilt only when its people present change.

        Checked weekly for every account, so it compares the person lists (a C loop that
        first checks identity) rather than rebuilding the tuple of their ids.
        """
        net = self.networks.get(account)
        if net is None or self.members.get(account) != present:
            net = self.networks[account] = people.network(present)
            self.members[account] = present
        return net

    def record(self, week: int, day: float, kind: str, **data: object) -> None:
        self.log.append(week, day, kind, data)

    def news(self, week: int, title: str, text: str) -> None:
        self.world.news.append((week, title, text))


SETTLE_STEPS = 200


@dataclass(frozen=True)
class Settled:
    """Where each DMU's views settle before week 1 (see `settle`), per account."""

    attitudes: dict[str, tuple[float, ...]]  # the settled attitude of each person present
    attitude0: dict[str, float]  # the DMU's influence-weighted attitude once settled
    networks: dict[str, people.Network]  # the influence network of the people present


def _settle_people(present: list[people.Person], net: people.Network) -> None:
    """Friedkin–Johnsen steps until no view moves by 1e-12 (at most SETTLE_STEPS)."""
    for _ in range(SETTLE_STEPS):
        before = [p.attitude for p in present]
        people.opinion_step(present, net)
        if max(abs(p.attitude - b) for p, b in zip(present, before, strict=True)) < 1e-12:
            break


def _settled(scenario: Scenario) -> Settled:
    """Settle a fresh world of the scenario: every game starts from this very state."""
    attitudes, attitude0, networks = {}, {}, {}
    for acc in new_world(scenario).accounts.values():
        present = acc.present_people()
        if not present:
            continue
        net = networks[acc.id] = people.network(present)
        _settle_people(present, net)
        attitudes[acc.id] = tuple(p.attitude for p in present)
        attitude0[acc.id] = dmu_attitude(acc)
    return Settled(attitudes, attitude0, networks)


# Settling depends on the scenario alone (a fresh world), so it is done once per scenario.
settled_state: PerScenario[Settled] = PerScenario(_settled)


def settle(core: Core) -> None:
    """Before week 1, let each DMU's views settle where its own influence network holds them.

    Authored attitudes are people's own convictions (the anchors); what they say on day one
    is where listening to each other takes them (the Friedkin–Johnsen equilibrium). Starting
    there means a quiet world stays where it is instead of drifting in the first weeks.

    `core.world` must be the scenario's fresh world (`new_world`): the settled views are
    computed once per scenario (`settled_state`) and copied in.
    """
    if not core.scenario.dynamics.influence_weekly:
        return
    done = settled_state(core.scenario)
    for acc in core.world.accounts.values():
        present = acc.present_people()
        if not present:
            continue
        for person, attitude in zip(present, done.attitudes[acc.id], strict=True):
            person.attitude = attitude
        acc.attitude0 = done.attitude0[acc.id]
        core.networks[acc.id] = done.networks[acc.id]
        core.members[acc.id] = present


def random_event_week(core: Core, event: Event) -> int | None:
    """The week a random event happens, drawn at the start from the events stream.

    Each week of its window it happens with probability 1 − exp(−rate/52), at most once; every
    draw is keyed by (event, week), so it never depends on what the trainee does.
    """
    assert event.rate_per_year is not None
    duration = core.scenario.meta.duration_weeks
    first, last = event.window or (1, duration)
    chance = 1.0 - math.exp(-event.rate_per_year / 52)
    for week in range(first, min(last, duration) + 1):
        if core.streams.uniform(Stream.EVENTS, event.id, week) < chance:
            return week
    return None


def world_event(core: Core, event: Event, week: int, day: float) -> None:
    """An event happens: news, its effects, and a decision if it is a committee or tender."""
    core.news(week, event.title, event.news)
    slipped = {a.id: dict(a.slipped) for a in core.world.accounts.values()}
    apply_effect(
        core.world,
        core.catalog,
        core.scenario.dynamics,
        event.effects,
        event.account,
        f"event:{event.id}",
        week,
        competitor=event.kind in COMPETITOR_KINDS,
    )
    core.record(week, day, "event", event=event.id, event_kind=event.kind.value)
    for acc in core.world.accounts.values():  # a champion gone can stall a plan's projects
        before = slipped.get(acc.id, {})
        # In the order the slips happened: a set difference would order them by string hash,
        # which changes with PYTHONHASHSEED and so would change the log between processes.
        for project in [p for p in acc.slipped if p not in before]:
            core.record(week, day, "slip", account=acc.id, project=project,
                        due=acc.due.get(project), cause="support left")  # fmt: skip
    if event.kind in (EventKind.COMMITTEE_MEETING, EventKind.TENDER):
        decide(core, event, week, day)


def decide(core: Core, event: Event, week: int, day: float) -> None:
    """A committee or tender decides; wins and losses feed the win-to-lose KPI."""
    assert event.account is not None and event.product is not None
    acc = core.world.accounts.get(event.account)
    if acc is None or not acc.active:
        return
    dyn = core.scenario.dynamics
    if event.kind is EventKind.TENDER and acc.declined:
        _no_bid(core, event, acc, week, day)
        return
    fit = market.plan_effect(acc, core.catalog.projects, dyn)
    score = market.committee_score(
        acc, fit, market.evidence(acc, core.catalog.projects), dyn.committee
    )
    if event.kind is EventKind.TENDER and event.price_ask:
        score += dyn.committee.price_weight * event.price_ask
    noise = dyn.committee.noise_sd * core.streams.normal(Stream.COMMITTEE, event.id)
    chance = market.win_chance(score, noise, dyn.committee)
    won = core.streams.uniform(Stream.COMMITTEE, event.id, "vote") < chance
    before = acc.formulary.get(event.product, FormularyStatus.NOT_LISTED)
    after = _decision_status(event, before, won, score + noise < dyn.committee.clear_loss)
    if event.kind is EventKind.TENDER:
        swing = dyn.committee.tender_swing
        acc.target_shift += swing if won else -swing
        if won and event.price_ask:
            acc.tender_discount = max(acc.tender_discount, event.price_ask)
    acc.formulary[event.product] = after
    acc.wins += won
    acc.losses += not won
    result = "won" if won else "lost"
    core.news(week, f"{event.title}: {result}", f"Status of {event.product}: {after.value}.")
    core.record(
        week,
        day,
        "decision",
        event=event.id,
        account=acc.id,
        product=event.product,
        score=score,
        noise=noise,
        chance=chance,
        won=won,
        before=before.value,
        after=after.value,
    )


def _no_bid(core: Core, event: Event, acc: AccountState, week: int, day: float) -> None:
    """KAM with the account was declined: we do not chase its price; a competitor wins."""
    acc.target_shift -= core.scenario.dynamics.committee.tender_swing
    core.news(week, f"{event.title}: no bid",
              f"You declined KAM with {acc.spec.name}, so we did not bid at its price; the "
              "tender went to a competitor and our margin stays whole.")  # fmt: skip
    core.record(week, day, "decision", event=event.id, account=acc.id, product=event.product,
                bid=False, won=False)  # fmt: skip


def _decision_status(
    event: Event, before: FormularyStatus, won: bool, clear_loss: bool
) -> FormularyStatus:
    """A tender won makes us preferred; a committee moves one step up, or down on a clear loss."""
    if event.kind is EventKind.TENDER:
        return FormularyStatus.PREFERRED if won else before
    if won:
        return market.step_status(before, 1)
    return market.step_status(before, -1) if clear_loss else before


def campaign_deadline(core: Core, campaign_id: str, week: int, day: float) -> None:
    """Undecided at the end of its week, a campaign runs anyway: the brand team approves it."""
    if campaign_id in core.world.campaigns:
        return
    campaign = core.catalog.campaigns[campaign_id]
    pushed = apply_campaign(core.world, campaign, core.scenario.dynamics)
    core.world.campaigns[campaign_id] = ("auto-approved", week)
    core.news(week, campaign.title, "Undecided by you, the brand team ran it as planned.")
    extra = {"overloaded": pushed} if pushed else {}
    core.record(week, day, "campaign_auto", campaign=campaign_id, **extra)


def deliveries(core: Core, week: int, day: float) -> None:
    """Projects due this week deliver, or slip (once) with a risk readiness to implement sets."""
    for acc in core.world.accounts.values():
        for project_id, due in list(acc.due.items()):
            if due != week:
                continue
            if project_id not in acc.slipped and _slips(core, acc, project_id):
                _slip(core, acc, project_id, week, day)
            else:
                deliver(core, acc, project_id, week, day)


def slip_chance(acc: AccountState, core: Core) -> float:
    """slip_min + (slip_max − slip_min)·(1 − q_delivery), × co_created_factor if co-created."""
    d = core.scenario.dynamics.delivery
    chance = d.slip_min + (d.slip_max - d.slip_min) * (1.0 - acc.criterion(Mechanism.DELIVERY))
    if acc.agreed is not None and acc.agreed.co_created:
        chance *= d.co_created_factor
    return chance


def _slips(core: Core, acc: AccountState, project_id: str) -> bool:
    return core.streams.uniform(Stream.DELIVERY, acc.id, project_id) < slip_chance(acc, core)


def _slip(core: Core, acc: AccountState, project_id: str, week: int, day: float) -> None:
    """Late: due `slip_weeks` later unless a plan update brings it back; the table's trust dips."""
    d = core.scenario.dynamics.delivery
    acc.slipped[project_id] = week
    acc.due[project_id] = week + d.slip_weeks
    table = acc.agreed.consulted if acc.agreed else ()
    for person_id in table:
        if person_id in acc.people:
            people.relate(acc.people[person_id], -d.slip_trust_penalty)
    core.record(week, day, "slip", account=acc.id, project=project_id, due=week + d.slip_weeks)


def deliver(core: Core, acc: AccountState, project_id: str, week: int, day: float) -> None:
    """A project delivers: evidence for committees, and blockages it resolves are lifted."""
    acc.running.pop(project_id, None)
    acc.due.pop(project_id, None)
    acc.delivered.append(project_id)
    project = core.catalog.projects[project_id]
    lifted = [b.id for b in acc.blockages.values() if b.lifted_by(project_id, set(project.serves))]
    for blockage in lifted:
        del acc.blockages[blockage]
    core.news(week, f"{project.name} delivered", f"The project at {acc.spec.name} is done.")
    late = project_id in acc.slipped
    core.record(week, day, "delivery", account=acc.id, project=project_id, lifted=lifted,
                **({"late": True} if late else {}))  # fmt: skip


def weekly_people(core: Core, week: int) -> None:
    dyn = core.scenario.dynamics
    for acc in core.world.accounts.values():
        if acc.active:
            present = acc.present_people()
            if present:
                people.weekly(present, dyn, week, core.network(acc.id, present))


def monthly(core: Core, week: int, day: float) -> None:
    """Uptake, sales, surveys and KPIs for the month that ends; colleagues' next month booked."""
    month = (week + 3) // 4
    dyn = core.scenario.dynamics
    active = [a for a in core.world.accounts.values() if a.active]
    sales = {}
    for acc in active:
        effect = market.plan_effect(acc, core.catalog.projects, dyn)
        noise = core.streams.normal(Stream.SALES, acc.id, month)
        rebate = market.discount(acc, core.catalog.projects)
        sales[acc.id] = market.month(acc, effect, dyn, noise, rebate)
    for acc in active:
        _broken_commitments(acc, dyn.delivery.slip_trust_penalty / 2)
    if survey_due(week, dyn.survey.every_weeks, core.scenario.meta.duration_weeks):
        for acc in active:
            acc.survey = kpis.survey(acc, core.catalog.projects, dyn, core.streams, week)
    products = core.scenario.company.products
    margin = ordered_sum(p.margin for p in products) / len(products)
    records = kpis.monthly_records(
        week, month, active, sales, margin, core.catalog.projects, dyn, core.baseline
    )
    core.world.kpis.extend(records)
    core.record(week, day, "kpis", records=records)
    _book_colleagues(core)


def _broken_commitments(acc: AccountState, penalty: float) -> None:
    """Every month a slipped project waits without a plan update, the table's trust wears."""
    stuck = [p for p in acc.slipped if p in acc.due and p not in acc.recovered]
    table = acc.agreed.consulted if acc.agreed else ()
    for _ in stuck:
        for person_id in table:
            if person_id in acc.people:
                people.relate(acc.people[person_id], -penalty)


def survey_due(week: int, every: int, duration: int) -> bool:
    """Surveys run at the month ending nearest each `every` weeks, and in the last month."""
    return week == duration or (week // 4) % max(1, round(every / 4)) == 0


def _book_colleagues(core: Core) -> None:
    """A new month: each colleague's days minus what running projects keep booking."""
    free = {c.id: float(c.days_per_month) for c in core.scenario.company.colleagues}
    for acc in core.world.accounts.values():
        for project_id in acc.running:
            for colleague, days in core.catalog.projects[project_id].colleagues.items():
                free[colleague] = free.get(colleague, 0.0) - days
    core.world.colleague_free = free
