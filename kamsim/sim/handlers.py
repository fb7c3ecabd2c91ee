"""What each allowed action does to the world. `rules.check` has already passed.

Only the meeting can still be refused here: the stakeholder's answer to the request is a draw
from the responses stream, made before anything the trainee can see changes. Keep it so:
`Simulation.view()` hands out the previous view again after a refusal.
"""

from __future__ import annotations

from kamsim.scenario.base import Need, Purpose
from kamsim.scenario.knowledge import Fact, Method
from kamsim.scenario.meta import BrandCampaign
from kamsim.sim import actions as a
from kamsim.sim import people
from kamsim.sim.effects import hear
from kamsim.sim.rng import Stream
from kamsim.sim.rules import Refusal, Turn, account, new_projects, person
from kamsim.sim.state import AccountState, Person, PlanState, World

_ANALYSIS = {
    "desk_research": Method.DESK_RESEARCH,
    "map_pathway": Method.PATHWAY_MAPPING,
    "map_dmu": Method.DMU_MAPPING,
}


def _true_version(turn: Turn, fact: Fact, reliability: float, source: str) -> bool:
    """Is the true version heard? A draw from the disclosure stream keyed by fact and source,
    made only when it can matter (there is a misleading version and the source is unreliable).
    """
    if fact.misleading is None or reliability >= 1.0:
        return True
    return turn.streams.uniform(Stream.DISCLOSURE, fact.id, source) < reliability


def _analyse(turn: Turn, action: a.DeskResearch | a.MapPathway | a.MapDmu) -> None:
    """Desk research and mapping: reveal the facts that method finds for the account."""
    acc = account(turn, action.account)
    method = _ANALYSIS[action.kind]
    for fact, reliability in turn.catalog.facts_via(acc.id, method):
        true = _true_version(turn, fact, reliability, method.value)
        if hear(turn.world, fact, true, method.value, turn.week, reliability):
            turn.revealed.append(fact.id)
    found = []
    if method is Method.DMU_MAPPING:
        found = [p for p in acc.people.values() if p.present and not p.visible]
        for who in found:
            who.visible = True
            turn.messages.append(f"You identify {who.spec.name} ({who.spec.role}) in the DMU.")
        acc.dmu_mapped = True
    acc.pathway_mapped |= method is Method.PATHWAY_MAPPING
    acc.desk_done |= method is Method.DESK_RESEARCH
    if not turn.revealed and not found:
        turn.messages.append("Nothing new comes up.")


def _topic(acc: AccountState, purpose: Purpose, turn: Turn) -> set[Need]:
    """What a value or co-creation meeting talks about: the needs the plan's projects serve."""
    if purpose not in (Purpose.PRESENT_VALUE, Purpose.CO_CREATE) or acc.plan is None:
        return set()
    return {n for p in acc.plan.plan.project_ids for n in turn.catalog.projects[p].serves}


def _disclose(turn: Turn, acc: AccountState, who: Person, question: str, trust: float) -> None:
    """What the person says to one question, given the trust they had walking in."""
    told = turn.catalog.facts_told(acc.id, who.id, question)
    if not told:
        turn.messages.append(f"{who.spec.name} has nothing to add on '{question}'.")
    for fact, reliability, min_trust in told:
        if trust < min_trust:
            turn.messages.append(f"{who.spec.name} stays vague on '{question}'.")
            continue
        source = f"meeting:{who.id}:{question}"
        true = _true_version(turn, fact, reliability, source)
        if hear(turn.world, fact, true, source, turn.week, reliability):
            turn.revealed.append(fact.id)
            turn.messages.append(f"{who.spec.name} tells you: {fact.title}.")


def _meet(turn: Turn, action: a.Meet) -> None:
    acc = account(turn, action.account)
    who = person(acc, action.stakeholder)
    who.requests += 1
    chance = people.acceptance_chance(who, turn.dyn.hostility_refusal)
    # A draw is in [0, 1): it can refuse only when the chance is below 1.
    if (
        chance < 1.0
        and turn.streams.uniform(Stream.RESPONSES, acc.id, who.id, who.requests) >= chance
    ):
        raise Refusal(f"{who.spec.name} declines the meeting request this week")
    trust = who.relationship
    match = people.interest_match(who, _topic(acc, action.purpose, turn))
    people.meet(who, action.purpose, match, turn.dyn, turn.week)
    if action.purpose is Purpose.PROMOTE and people.overload(who) > 0:
        turn.overloaded.append(who.id)
    noise = turn.streams.normal(Stream.PERCEPTION, acc.id, who.id, who.met)
    who.perceived = max(-1.0, min(1.0, who.attitude + turn.dyn.perception_sd * noise))
    turn.messages.append(f"You meet {who.spec.name} ({action.purpose.value}).")
    for question in action.questions:
        _disclose(turn, acc, who, question, trust)
    who.asked |= frozenset(action.questions)


def _set_tier(turn: Turn, action: a.SetTier) -> None:
    acc = account(turn, action.account, allow_declined=True)
    acc.tier = action.tier
    turn.messages.append(f"{acc.spec.name} is now tier '{action.tier.value}'.")


def _write_plan(turn: Turn, action: a.WritePlan) -> None:
    acc = account(turn, action.account)
    version = acc.plan.version + 1 if acc.plan else 1
    acc.plan = PlanState(plan=action.plan, version=version, week_written=turn.week)
    turn.messages.append(f"Plan version {version} for {acc.spec.name} written (draft).")


def _agree_plan(turn: Turn, action: a.AgreePlan) -> None:
    """Agree the plan: book money and colleagues, start new projects, judge co-creation.

    Co-created means the people who had a co_create meeting and are at the table hold at least
    `co_creation_share` (default half) of the present DMU's influence. An imposed plan costs
    the people left out `imposed_penalty` attitude; a co-created one deepens the relationship
    of those present.
    """
    acc = account(turn, action.account)
    assert acc.plan is not None  # rules.check made sure
    consulted = [acc.people[p] for p in dict.fromkeys(action.stakeholders)]
    present = acc.present_people()
    total = sum(p.spec.influence for p in present)
    co_weight = sum(p.spec.influence for p in consulted if p.co_created)
    plan = acc.plan
    plan.co_created = total > 0 and co_weight >= turn.dyn.co_creation_share * total
    plan.agreed_week = turn.week
    plan.consulted = tuple(p.id for p in consulted)
    _start_projects(turn, acc)
    acc.agreed = plan
    if plan.co_created:
        for who in consulted:
            people.relate(who, turn.dyn.meetings[Purpose.CO_CREATE].relationship)
    else:
        for who in present:
            if who.id not in plan.consulted:
                people.persuade(who, -turn.dyn.imposed_penalty)
    kind = "co-created" if plan.co_created else "agreed without most of the DMU"
    turn.messages.append(f"Plan version {plan.version} for {acc.spec.name} {kind}.")


def _start_projects(turn: Turn, acc: AccountState) -> None:
    world = turn.world
    for project_id in new_projects(acc):
        project = turn.catalog.projects[project_id]
        world.budget -= project.cost
        acc.investment += project.cost
        for colleague, days in project.colleagues.items():
            world.colleague_free[colleague] = world.colleague_free.get(colleague, 0.0) - days
        acc.running[project_id] = turn.week
        turn.started.append((acc.id, project_id))


def apply_campaign(world: World, campaign: BrandCampaign, penalty: float) -> list[str]:
    """An approved campaign: a short bump where attitude is positive, fatigue for everyone.

    Over the tolerance the contact backfires (lasting attitude loss) instead of bumping.
    Returns who was pushed over their tolerance, for the log (customer-centricity evidence).
    """
    pushed: list[str] = []
    targets = [
        acc
        for acc in world.accounts.values()
        if acc.active and (campaign.accounts == "all" or acc.id in campaign.accounts)
    ]
    for acc in targets:
        for who in acc.present_people():
            people.tire(who, campaign.fatigue)
            excess = people.overload(who)
            if excess > 0:
                people.persuade(who, -penalty * excess)
                pushed.append(who.id)
            elif who.attitude > 0:
                people.bump(who, campaign.attitude_bump)
    return pushed


def _approve(turn: Turn, action: a.ApproveCampaign) -> None:
    campaign = turn.catalog.campaigns[action.campaign]
    turn.overloaded.extend(apply_campaign(turn.world, campaign, turn.dyn.overload_penalty))
    turn.world.campaigns[campaign.id] = ("approved", turn.week)
    turn.messages.append(f"The brand team runs '{campaign.title}'.")


def _hold(turn: Turn, action: a.HoldCampaign) -> None:
    campaign = turn.catalog.campaigns[action.campaign]
    world = turn.world
    world.friction += campaign.friction
    world.budget = max(0.0, world.budget - campaign.friction * turn.dyn.campaign_friction_cost)
    world.campaigns[campaign.id] = ("held", turn.week)
    turn.messages.append(f"You hold back '{campaign.title}'; the brand team is not pleased.")


def _review(turn: Turn, action: a.ReviewKpis) -> None:
    acc = account(turn, action.account)
    turn.world.reviews.append((turn.week, acc.id))
    turn.messages.append(f"You review the KPIs of {acc.spec.name}.")


HANDLERS = {
    "desk_research": _analyse,
    "map_pathway": _analyse,
    "map_dmu": _analyse,
    "meet": _meet,
    "set_tier": _set_tier,
    "write_plan": _write_plan,
    "agree_plan": _agree_plan,
    "approve_campaign": _approve,
    "hold_campaign": _hold,
    "review_kpis": _review,
}


def apply(turn: Turn, action: a.Action) -> None:
    """Carry out an allowed action; may still raise Refusal (a declined meeting)."""
    HANDLERS[action.kind](turn, action)  # type: ignore[operator]
