"""What each allowed action does to the world. `rules.check` has already passed.

Only the meeting can still be refused here: the stakeholder's answer to the request is a draw
from the responses stream, made before anything the trainee can see changes. Keep it so:
`Simulation.view()` hands out the previous view again after a refusal.
"""

from __future__ import annotations

from kamsim.scenario.base import Need, Purpose
from kamsim.scenario.dynamics import Dynamics
from kamsim.scenario.knowledge import Fact, Method
from kamsim.scenario.meta import BrandCampaign
from kamsim.scenario.rubric import Mechanism
from kamsim.sim import actions as a
from kamsim.sim import consent, market, people, replies
from kamsim.sim.effects import hear
from kamsim.sim.rng import Stream
from kamsim.sim.rules import Refusal, Turn, account, new_projects, person
from kamsim.sim.state import AccountState, Person, PlanState, World

_ANALYSIS = {
    "desk_research": Method.DESK_RESEARCH,
    "map_pathway": Method.PATHWAY_MAPPING,
    "map_dmu": Method.DMU_MAPPING,
}


def _true_version(
    turn: Turn,
    fact: Fact,
    reliability: float,
    source: str,
    trust: float | None = None,
    candid_at: float | None = None,
) -> bool:
    """Is the true version heard?

    A person with a `candid_at` threshold repeats the stated (misleading) version until their
    trust walking in reaches it, then tells the real one. Otherwise a draw from the disclosure
    stream keyed by fact and source, made only when it can matter (there is a misleading
    version and the source is unreliable).
    """
    if fact.misleading is None:
        return True
    if candid_at is not None and trust is not None:
        return trust >= candid_at
    if reliability >= 1.0:
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
        turn.replies.append(replies.dead_end(who, question, "nothing", turn.replies))
    for fact, src in told:
        if trust < src.min_relationship:
            turn.messages.append(f"{who.spec.name} stays vague on '{question}'.")
            turn.replies.append(replies.dead_end(who, question, "vague", turn.replies))
            continue
        source = f"meeting:{who.id}:{question}"
        true = _true_version(turn, fact, src.reliability, source, trust, src.candid_value)
        if hear(turn.world, fact, true, source, turn.week, src.reliability):
            turn.revealed.append(fact.id)
            turn.messages.append(f"{who.spec.name} tells you: {fact.title}.")
            turn.replies.append(replies.told(who, question, fact, src, true, new=True))
        else:  # told before, in this very version: they repeat it
            turn.replies.append(replies.told(who, question, fact, src, true, new=False))


def _meet(turn: Turn, action: a.Meet) -> None:
    acc = account(turn, action.account)
    who = person(acc, action.stakeholder)
    if who.declined_week == turn.week:  # asking again the same week is not another chance
        raise Refusal(f"{who.spec.name} has already declined a meeting this week")
    who.requests += 1
    chance = people.acceptance_chance(who, turn.dyn.hostility_refusal)
    if action.purpose is Purpose.CO_CREATE:  # openness to partnership: willing to co-create
        q = acc.criterion(Mechanism.OPENNESS)
        chance *= market.scaled(turn.dyn.criteria_effects.co_create_floor, q)
    # A draw is in [0, 1): it can refuse only when the chance is below 1.
    if (
        chance < 1.0
        and turn.streams.uniform(Stream.RESPONSES, acc.id, who.id, who.requests) >= chance
    ):
        who.declined_week = turn.week
        turn.world.declines += 1
        raise Refusal(f"{who.spec.name} declines the meeting request this week")
    trust = who.relationship
    match = people.interest_match(who, _topic(acc, action.purpose, turn))
    people.meet(who, action.purpose, match, turn.dyn, turn.week)
    if action.purpose is Purpose.PROMOTE and people.overload(who) > 0:
        turn.overloaded.append(who.id)
    noise = turn.streams.normal(Stream.PERCEPTION, acc.id, who.id, who.met)
    who.perceived = max(-1.0, min(1.0, who.attitude + turn.dyn.perception_sd * noise))
    turn.messages.append(f"You meet {who.spec.name} ({action.purpose.value}).")
    turn.replies.append(replies.greeting(who))
    for question in action.questions:
        _disclose(turn, acc, who, question, trust)
    who.asked |= frozenset(action.questions)


def _set_tier(turn: Turn, action: a.SetTier) -> None:
    """A new tier; declining (or un-declining) moves the share the account heads for."""
    acc = account(turn, action.account, allow_declined=True)
    was_declined = acc.declined
    acc.tier = action.tier
    if acc.declined != was_declined:
        openness = acc.criterion(Mechanism.OPENNESS)
        loss = turn.dyn.decline_share_loss * acc.share0 * openness
        acc.target_shift += -loss if acc.declined else loss
        if acc.declined:  # a partner notices being dropped; taking them back does not undo it
            for who in acc.present_people():
                people.persuade(who, -turn.dyn.decline_attitude_loss * openness)
    turn.messages.append(f"{acc.spec.name} is now tier '{action.tier.value}'.")


def _write_plan(turn: Turn, action: a.WritePlan) -> None:
    acc = account(turn, action.account)
    version = acc.plan.version + 1 if acc.plan else 1
    acc.plan = PlanState(plan=action.plan, version=version, week_written=turn.week)
    turn.messages.append(f"Plan version {version} for {acc.spec.name} written (draft).")


def _agree_plan(turn: Turn, action: a.AgreePlan) -> None:
    """Put the plan to the people at the table; they answer yes, not yet or no.

    Only a yes agrees it (`consent.answer`): money and colleagues are booked and new projects
    start. Co-created means the people who had a co_create meeting and are at the table hold
    at least `co_creation_share` of the present DMU's influence. An imposed plan (agreed, not
    co-created) costs the people left out attitude and trust; a co-created one deepens the
    relationship of those at the table. A "no" closes the door for a few weeks.
    """
    acc = account(turn, action.account)
    assert acc.plan is not None  # rules.check made sure
    dyn = turn.dyn
    table = tuple(dict.fromkeys(action.stakeholders))
    plan = acc.plan
    chosen = [turn.catalog.projects[p] for p in plan.plan.project_ids]
    reply = consent.answer(acc, table, chosen, dyn, turn.week)
    plan.answer = reply
    turn.consent = reply
    if reply.verdict != "yes":
        if reply.verdict == "no":
            acc.cooldown_until = turn.week + dyn.consent.cooldown_weeks
        said = "No" if reply.verdict == "no" else "Not yet"
        why = "; ".join(r.text for r in reply.reasons) or "they are not convinced"
        turn.messages.append(f"{acc.spec.name} answers: {said}. {why[0].upper()}{why[1:]}.")
        return
    consulted = [acc.people[p] for p in table]
    plan.co_created = consent.co_created(acc, table, dyn)
    plan.agreed_week = turn.week
    plan.consulted = table
    _recover_slips(turn, acc)
    _start_projects(turn, acc)
    acc.agreed = plan
    if plan.co_created:
        for who in consulted:
            people.relate(who, dyn.meetings[Purpose.CO_CREATE].relationship)
    else:
        for who in acc.present_people():
            if who.id not in plan.consulted:
                people.persuade(who, -dyn.imposed_penalty)
                people.relate(who, -dyn.imposed_trust_penalty)
    kind = "co-created" if plan.co_created else "agreed without most of the DMU"
    turn.messages.append(f"Plan version {plan.version} for {acc.spec.name} {kind}.")


def _recover_slips(turn: Turn, acc: AccountState) -> None:
    """An updated plan that keeps a slipping project the trainee knows of reschedules it."""
    keep = set(acc.plan.plan.project_ids) if acc.plan else set()
    soon = turn.week + turn.dyn.delivery.recovery_weeks
    for project_id in sorted(acc.known_slips & keep - acc.recovered):
        if project_id in acc.due and acc.due[project_id] > soon:
            acc.due[project_id] = soon
            acc.recovered.add(project_id)
            name = turn.catalog.projects[project_id].name
            turn.messages.append(f"{name} is back on track: due in week {soon}.")


def _start_projects(turn: Turn, acc: AccountState) -> None:
    world = turn.world
    for project_id in new_projects(acc):
        project = turn.catalog.projects[project_id]
        world.budget -= project.cost
        acc.investment += project.cost
        for colleague, days in project.colleagues.items():
            world.colleague_free[colleague] = world.colleague_free.get(colleague, 0.0) - days
        acc.running[project_id] = turn.week
        acc.due[project_id] = turn.week + project.duration_weeks - 1
        turn.started.append((acc.id, project_id))


def apply_campaign(world: World, campaign: BrandCampaign, dyn: Dynamics) -> list[str]:
    """An approved campaign: field effort in every account it reaches, a short bump where
    attitude is positive, and fatigue for everyone it touches.

    Over the tolerance the contact backfires (lasting attitude and trust loss) instead of
    bumping. Returns who was pushed over their tolerance, for the log (customer-centricity
    evidence).
    """
    pushed: list[str] = []
    targets = [
        acc
        for acc in world.accounts.values()
        if acc.active and (campaign.accounts == "all" or acc.id in campaign.accounts)
    ]
    for acc in targets:
        acc.effort_month += campaign.reach_days
        for who in acc.present_people():
            people.tire(who, campaign.fatigue)
            if people.backlash(who, dyn) > 0:
                pushed.append(who.id)
            elif who.attitude > 0:
                people.bump(who, campaign.attitude_bump)
    return pushed


def _approve(turn: Turn, action: a.ApproveCampaign) -> None:
    campaign = turn.catalog.campaigns[action.campaign]
    turn.overloaded.extend(apply_campaign(turn.world, campaign, turn.dyn))
    turn.world.campaigns[campaign.id] = ("approved", turn.week)
    turn.messages.append(f"The brand team runs '{campaign.title}'.")


def _hold(turn: Turn, action: a.HoldCampaign) -> None:
    """Hold a campaign back: it costs goodwill (friction) and the co-funding that goes with it.

    Goodwill is limited: a hold that would take the friction past `friction_limit` is
    overruled by the brand director, and the campaign runs as planned.
    """
    campaign = turn.catalog.campaigns[action.campaign]
    world = turn.world
    if world.friction + campaign.friction > turn.dyn.friction_limit + 1e-9:
        turn.overloaded.extend(apply_campaign(world, campaign, turn.dyn))
        world.campaigns[campaign.id] = ("overruled", turn.week)
        turn.messages.append(
            f"The brand director overrules you: you have used up your goodwill with the brand "
            f"team, and '{campaign.title}' runs as planned."
        )
        return
    world.friction += campaign.friction
    cost = min(world.budget, campaign.friction * turn.dyn.campaign_friction_cost)
    world.budget -= cost
    world.campaigns[campaign.id] = ("held", turn.week)
    turn.messages.append(
        f"You hold back '{campaign.title}'; the brand team is not pleased"
        + (f" and withdraws {cost:,.0f} of project co-funding." if cost > 0 else ".")
    )


def _review(turn: Turn, action: a.ReviewKpis) -> None:
    """A KPI review: the figures, and how the plan's projects really stand (slips show here)."""
    acc = account(turn, action.account)
    turn.world.reviews.append((turn.week, acc.id))
    acc.last_review = turn.week
    turn.messages.append(f"You review the KPIs of {acc.spec.name}.")
    for project_id in acc.slipped:
        if project_id not in acc.known_slips and project_id in acc.due:
            acc.known_slips.add(project_id)
            name = turn.catalog.projects[project_id].name
            turn.messages.append(
                f"{name} has slipped: now due in week {acc.due[project_id]}. Updating and "
                "re-agreeing the plan can bring it back."
            )


def _review_monthly(turn: Turn, action: a.ReviewMonthly) -> None:
    """Start or stop the standing review; the clock runs it (`Simulation._routine_reviews`)."""
    acc = account(turn, action.account)
    acc.review_monthly = action.on
    days = turn.dyn.costs.kpi_review_days
    if action.on:
        turn.messages.append(
            f"From now on you review the KPIs of {acc.spec.name} as each month's figures come "
            f"out: {days:g} field days at the month's end, from the days you have left that "
            "week (first thing the next week, when none are left)."
        )
    else:
        turn.messages.append(f"You stop the monthly KPI review of {acc.spec.name}.")


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
    "review_monthly": _review_monthly,
}


def apply(turn: Turn, action: a.Action) -> None:
    """Carry out an allowed action; may still raise Refusal (a declined meeting)."""
    HANDLERS[action.kind](turn, action)  # type: ignore[operator]
