"""Changes to the world shared by events, reactions and discoveries."""

from __future__ import annotations

from collections.abc import Sequence

from kamsim.scenario.dynamics import Dynamics
from kamsim.scenario.knowledge import Fact
from kamsim.scenario.model import Scenario
from kamsim.scenario.world import Condition, Effect, Reaction
from kamsim.sim import people
from kamsim.sim.actions import Action, Meet
from kamsim.sim.state import (
    AccountState,
    Blocked,
    Catalog,
    Hearing,
    PerScenario,
    World,
    new_person,
)
from kamsim.sums import ordered_sum


def hear(
    world: World, fact: Fact, true_version: bool, source: str, week: int, reliability: float
) -> bool:
    """Record that the trainee heard a fact from a source; False if already heard so from it.

    A source tells one version, so asking again repeats it; but a person with a `candid_at`
    threshold gives the stated version until trust reaches it and the real one after: that
    second telling is a new hearing (the trainee sees both, from the same person)."""
    if world.heard(fact.id, source, true_version):
        return False
    world.hearings.append(Hearing(fact.id, fact.account, true_version, source, week, reliability))
    return True


def _accounts(world: World, account: str | None) -> list[AccountState]:
    """The account an effect targets; none named → every active account of the territory."""
    if account is None:
        return [a for a in world.accounts.values() if a.active]
    acc = world.accounts.get(account)
    return [acc] if acc is not None and acc.active else []


def _people(acc: AccountState, effect: Effect) -> list[people.Person]:
    if effect.stakeholder is None:
        return acc.present_people()
    person = acc.people.get(effect.stakeholder)
    return [person] if person is not None and person.present else []


def merge(world: World, absorbed: AccountState, into_id: str) -> None:
    """The absorbed account's market joins the absorber's; the absorbed one stops acting.

    Shares are blended by market value; the absorbed DMU no longer decides anything.
    """
    into = world.accounts.get(into_id)
    if into is None or into is absorbed or not into.active:
        return
    total = into.market_value + absorbed.market_value
    mine, theirs = into.market_value / total, absorbed.market_value / total
    into.share = into.share * mine + absorbed.share * theirs
    into.share0 = into.share0 * mine + absorbed.share0 * theirs
    into.volume = into.volume * mine + absorbed.volume * theirs
    into.market_value = total
    absorbed.merged_into = into.id


def _support_leaves(acc: AccountState, leaver: str, dyn: Dynamics, week: int) -> None:
    """Someone who agreed the plan leaves: if those who shaped it and remain no longer carry
    enough of the DMU's influence, the plan's running projects stall (they slip) and the plan
    is no longer co-created. A plan built with one champion is fragile; a broad one holds."""
    plan = acc.agreed
    if plan is None or leaver not in plan.consulted:
        return
    present = acc.present_people()
    total = ordered_sum(p.spec.influence for p in present)
    shaped = ordered_sum(
        p.spec.influence for p in present if p.id in plan.consulted and p.co_created
    )
    if total > 0 and shaped >= dyn.co_creation_share * total:
        return
    plan.co_created = False
    for project in list(acc.due):
        if project not in acc.slipped:
            acc.slipped[project] = week
            acc.due[project] = week + dyn.delivery.slip_weeks


def _apply_to_account(
    acc: AccountState,
    effect: Effect,
    source: str,
    competitor: bool,
    dyn: Dynamics,
    week: int = 0,
) -> None:
    for person in _people(acc, effect):
        people.persuade(person, effect.attitude)
        people.relate(person, effect.relationship)
        people.tire(person, effect.fatigue)
    acc.target_shift += effect.target_share
    if competitor and effect.target_share < 0:
        acc.competitor_loss -= effect.target_share
    acc.market_value *= 1.0 + effect.market_value
    if effect.leaves is not None and effect.leaves in acc.people:
        acc.people[effect.leaves].present = False
        _support_leaves(acc, effect.leaves, dyn, week)
    if effect.replacement is not None and effect.replacement.id not in acc.people:
        acc.people[effect.replacement.id] = new_person(effect.replacement)
    if effect.blockage_cap is not None:
        resolved_by = frozenset(dyn.crisis_resolved_by)
        acc.blockages[source] = Blocked(source, effect.blockage_cap, resolved_by)


def apply_effect(
    world: World,
    catalog: Catalog,
    dyn: Dynamics,
    effect: Effect,
    account: str | None,
    source: str,
    week: int,
    competitor: bool = False,
) -> None:
    """Apply an authored effect; `account` is the default when the effect names none.

    With neither, it applies to every active account of the territory (e.g. a competitor
    launch lowers every account's target share).
    """
    for acc in _accounts(world, effect.account or account):
        _apply_to_account(acc, effect, source, competitor, dyn, week)
        if effect.merge_into is not None:
            merge(world, acc, effect.merge_into)
    world.budget = max(0.0, world.budget + effect.budget)
    for fact_id in effect.reveal:
        if fact_id in catalog.facts:
            hear(world, catalog.facts[fact_id], True, source, week, 1.0)


def _relationship_ok(cond: Condition, action: Action, acc: AccountState | None) -> bool:
    if cond.min_relationship <= 0:
        return True
    who = cond.stakeholder or getattr(action, "stakeholder", None)
    person = acc.people.get(who) if acc is not None and who else None
    return person is not None and person.relationship >= cond.min_relationship


def _project_in(action: Action, acc: AccountState | None, project: str) -> bool:
    plan = getattr(action, "plan", None) or (acc.plan.plan if acc and acc.plan else None)
    return plan is not None and project in plan.project_ids


def matches(cond: Condition, action: Action, world: World, week: int) -> bool:
    """Does the trainee's (accepted) action trigger this condition?

    The kind and the week are checked first: most reactions fail there, cheaply. The other
    checks read only, so they stop at the first that fails.
    """
    if cond.action != action.kind or not cond.from_week <= week <= cond.to_week:
        return False
    account = getattr(action, "account", None)
    acc = world.accounts.get(account) if account else None
    return (
        (cond.account is None or cond.account == account)
        and (cond.stakeholder is None or cond.stakeholder == getattr(action, "stakeholder", None))
        and (cond.purpose is None or cond.purpose == getattr(action, "purpose", None))
        and (
            cond.question is None
            or (isinstance(action, Meet) and cond.question in action.questions)
        )
        and (cond.campaign is None or cond.campaign == getattr(action, "campaign", None))
        and (cond.tier is None or cond.tier == getattr(action, "tier", None))
        and (cond.project is None or _project_in(action, acc, cond.project))
        and _relationship_ok(cond, action, acc)
    )


def _by_action(scenario: Scenario) -> dict[str, tuple[Reaction, ...]]:
    """The scenario's reactions by the kind of action that triggers them, in scenario order."""
    index: dict[str, list[Reaction]] = {}
    for reaction in scenario.reactions:
        index.setdefault(reaction.when.action.value, []).append(reaction)
    return {kind: tuple(found) for kind, found in index.items()}


# Every accepted action looks for the reactions it triggers; only those of its kind can.
reactions_by_action: PerScenario[dict[str, tuple[Reaction, ...]]] = PerScenario(_by_action)


def fire_reactions(
    world: World,
    catalog: Catalog,
    dyn: Dynamics,
    reactions: Sequence[Reaction],
    action: Action,
    week: int,
) -> list[Reaction]:
    """Apply every reaction the action triggers (once-only ones at most once a game).

    `reactions` may be all of the scenario's or only those of the action's kind
    (`reactions_by_action`): the others never match.
    """
    fired = []
    for reaction in reactions:
        if reaction.once and reaction.id in world.fired:
            continue
        if not matches(reaction.when, action, world, week):
            continue
        world.fired.add(reaction.id)
        apply_effect(
            world,
            catalog,
            dyn,
            reaction.effects,
            getattr(action, "account", None),
            f"reaction:{reaction.id}",
            week,
        )
        fired.append(reaction)
    return fired
