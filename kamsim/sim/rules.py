"""Whether an action is allowed now, and why not: checks that never change the world.

`check` raises `Refusal` with a sentence the trainee can act on. The Simulation calls it before
applying an action, and `legal_actions` uses it to filter candidates, so both always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kamsim.scenario.base import Purpose
from kamsim.scenario.dynamics import Dynamics
from kamsim.scenario.model import Scenario
from kamsim.sim import actions as a
from kamsim.sim.replies import Reply
from kamsim.sim.rng import Streams
from kamsim.sim.state import AccountState, Answer, Catalog, Person, World
from kamsim.sums import ordered_sum

EPS = 1e-9


class Refusal(Exception):
    """An action the rules do not allow now; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Turn:
    """What a check or handler may read and use while dealing with one action."""

    scenario: Scenario
    catalog: Catalog
    world: World
    streams: Streams
    week: int
    days_left: float
    messages: list[str] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    started: list[tuple[str, str]] = field(default_factory=list)  # (account, project)
    overloaded: list[str] = field(default_factory=list)  # people pushed over their tolerance
    consent: Answer | None = None  # the customer's answer to a plan put to them
    replies: list[Reply] = field(default_factory=list)  # a meeting's answers (not logged)

    @property
    def dyn(self) -> Dynamics:
        return self.scenario.dynamics


def action_days(action: a.Action, dyn: Dynamics) -> float:
    """Field days the action takes; decisions at the desk (tiers, campaigns) take none."""
    costs = dyn.costs
    match action:
        case a.DeskResearch():
            return costs.desk_research_days
        case a.MapPathway():
            return costs.pathway_mapping_days
        case a.MapDmu():
            return costs.dmu_mapping_days
        case a.Meet():
            return dyn.meetings[action.purpose].days
        case a.WritePlan():
            return costs.plan_days
        case a.AgreePlan():
            return costs.agree_days
        case a.ReviewKpis():
            return costs.kpi_review_days
        case _:
            return 0.0


def account(turn: Turn, account_id: str, allow_declined: bool = False) -> AccountState:
    acc = turn.world.accounts.get(account_id)
    if acc is None:
        raise Refusal(f"there is no account '{account_id}'")
    if not acc.active:
        raise Refusal(f"{acc.spec.name} has merged into another account")
    if acc.declined and not allow_declined:
        raise Refusal(f"you declined KAM with {acc.spec.name}; set another tier first")
    return acc


def person(acc: AccountState, person_id: str) -> Person:
    who = acc.people.get(person_id)
    if who is None or not who.visible:
        raise Refusal(
            f"nobody called '{person_id}' is known at {acc.spec.name} "
            "(mapping the DMU may find more people)"
        )
    if not who.present:
        raise Refusal(f"{who.spec.name} has left {acc.spec.name}")
    return who


def new_projects(acc: AccountState) -> list[str]:
    """Projects of the latest plan not yet running or delivered: what agreeing would start."""
    if acc.plan is None:
        return []
    return [p for p in acc.plan.plan.project_ids if p not in acc.running and p not in acc.delivered]


def _check_meet(turn: Turn, action: a.Meet) -> None:
    acc = account(turn, action.account)
    person(acc, action.stakeholder)
    if action.purpose is Purpose.PROMOTE and action.questions:
        raise Refusal("a promotional call leaves no room for questions: you talk, they listen")
    for question in action.questions:
        if question not in turn.catalog.questions:
            raise Refusal(f"there is no question '{question}'")


def _check_write(turn: Turn, action: a.WritePlan) -> None:
    account(turn, action.account)
    for project in action.plan.project_ids:
        if project not in turn.catalog.projects:
            raise Refusal(f"there is no project '{project}' in the catalogue")
    known = turn.world.known_facts()
    for item in action.plan.swot:
        for fact in item.facts:
            if fact not in known:
                raise Refusal(f"fact '{fact}' is not among the facts you have discovered")


def _check_resources(turn: Turn, projects: list[str]) -> None:
    cost = ordered_sum(turn.catalog.projects[p].cost for p in projects)
    if cost > turn.world.budget + EPS:
        left = turn.world.budget
        raise Refusal(f"not enough budget: the plan needs {cost:,.0f}, {left:,.0f} left")
    needs: dict[str, float] = {}
    for project in projects:
        for colleague, days in turn.catalog.projects[project].colleagues.items():
            needs[colleague] = needs.get(colleague, 0.0) + days
    for colleague, need in needs.items():
        free = turn.world.colleague_free.get(colleague, 0.0)
        if need > free + EPS:
            raise Refusal(
                f"colleague '{colleague}' has {free:g} days free this month, "
                f"the plan needs {need:g}"
            )


def _check_agree(turn: Turn, action: a.AgreePlan) -> None:
    acc = account(turn, action.account)
    if acc.plan is None:
        raise Refusal(f"write a plan for {acc.spec.name} before agreeing it")
    if acc.plan is acc.agreed:
        raise Refusal(f"plan version {acc.plan.version} is already agreed")
    if not action.stakeholders:
        raise Refusal("nobody is at the table: name the people you will agree the plan with")
    if turn.week < acc.cooldown_until:
        raise Refusal(
            f"{acc.spec.name} said no to your last plan and will not discuss one again "
            f"before week {acc.cooldown_until}"
        )
    for who in action.stakeholders:
        person(acc, who)
    _check_resources(turn, new_projects(acc))


def _check_campaign(turn: Turn, campaign_id: str) -> None:
    campaign = turn.catalog.campaigns.get(campaign_id)
    if campaign is None:
        raise Refusal(f"there is no campaign '{campaign_id}'")
    if campaign_id in turn.world.campaigns:
        decision, week = turn.world.campaigns[campaign_id]
        raise Refusal(f"campaign '{campaign_id}' was already decided ({decision}, week {week})")
    if turn.week < campaign.week:
        raise Refusal(f"campaign '{campaign_id}' is not in your inbox yet")


def check(turn: Turn, action: a.Action) -> None:
    """Raise Refusal unless the action is allowed now (resources included)."""
    match action:
        case a.Meet():
            _check_meet(turn, action)
        case a.SetTier():
            account(turn, action.account, allow_declined=True)
        case a.WritePlan():
            _check_write(turn, action)
        case a.AgreePlan():
            _check_agree(turn, action)
        case a.ApproveCampaign() | a.HoldCampaign():
            _check_campaign(turn, action.campaign)
        case a.ReviewMonthly():
            acc = account(turn, action.account)
            if acc.review_monthly == action.on:
                state = "on" if action.on else "off"
                raise Refusal(f"the monthly KPI review of {acc.spec.name} is already {state}")
        case _:
            account(turn, action.account)
    days = action_days(action, turn.dyn)
    if days > turn.days_left + EPS:
        left = turn.days_left
        raise Refusal(f"not enough field days this week: it takes {days:g}, {left:g} left")
