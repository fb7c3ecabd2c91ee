"""The customer's answer to a plan: agreeing is their decision, not a formality.

Each present person's support for the plan is

    s_i = attitude_i + trust_weight · (relationship_i − trust_ref)
          + shaped_weight · [had a co-creation meeting] + interest_weight · match_i

where match_i is the share of their interests the plan's projects serve. The table's support
is the influence-weighted mean of s_i over the people at the table, plus
`fit_weight · fit` (the plan's fit to the account's true needs and segment) and the account's
stance, `stance_weight · (q_plan_value − ½) + openness_weight · (q_openness − ½)`.

The answer, in this order (`Consent` parameters):
- **no** when support < `no_below`: the account will not discuss a plan for a few weeks;
- **not yet** when the people at the table hold less than `quorum` of the present DMU's
  influence, or when anyone with influence ≥ `veto_influence` opposes it (s_i < 0), at the
  table or not, known to the trainee or not;
- **yes** when support ≥ `yes_at`; otherwise **not yet**.

Every "not yet" and "no" comes with reasons in words a trainee can act on (who is missing or
opposed, thin trust, a plan that misses what matters, ambitions that point elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterable

from kamsim.scenario.dynamics import Dynamics
from kamsim.scenario.plans import Project
from kamsim.scenario.rubric import Mechanism
from kamsim.sim import market
from kamsim.sim.people import interest_match
from kamsim.sim.state import AccountState, Answer, Person, Reason
from kamsim.sums import ordered_sum

LOW_FIT = 0.35  # below this a plan "does not answer what matters most" to the customer


def person_support(person: Person, topic: set, dyn: Dynamics) -> float:
    """How far this person backs a plan on this topic (the needs its projects serve)."""
    c = dyn.consent
    return (
        person.attitude
        + c.trust_weight * (person.relationship - c.trust_ref)
        + c.shaped_weight * person.co_created
        + c.interest_weight * interest_match(person, topic)
    )


def stance(acc: AccountState, dyn: Dynamics) -> float:
    """The account's own leaning on joint plans: aligned ambitions and openness."""
    c = dyn.consent
    return c.stance_weight * (acc.criterion(Mechanism.PLAN_VALUE) - 0.5) + c.openness_weight * (
        acc.criterion(Mechanism.OPENNESS) - 0.5
    )


def _who(person: Person) -> str:
    """How the customer names someone: by name if the trainee knows them, else by role."""
    if person.visible:
        return f"{person.spec.name} ({person.spec.role})"
    return f"someone you have not identified yet ({person.spec.role.lower()})"


def answer(
    acc: AccountState,
    table_ids: Iterable[str],
    chosen: list[Project],
    dyn: Dynamics,
    week: int,
) -> Answer:
    """The account's answer to these projects put to these people (see the module docstring)."""
    c = dyn.consent
    present = acc.present_people()
    table = [p for p in present if p.id in set(table_ids)]
    topic = {n for project in chosen for n in project.serves}
    support_of = {p.id: person_support(p, topic, dyn) for p in present}
    total = ordered_sum(p.spec.influence for p in present) or 1.0
    at_table = ordered_sum(p.spec.influence for p in table)
    share = at_table / total
    fit = market.fit(acc, chosen)
    lean = stance(acc, dyn)
    mean = (
        ordered_sum(p.spec.influence * support_of[p.id] for p in table) / at_table
        if at_table
        else 0.0
    )
    support = mean + c.fit_weight * fit + lean

    reasons: list[Reason] = []
    if lean < 0:
        reasons.append(Reason("stance", "their ambitions do not point the way ours do; they see "
                                        "little in a joint plan with us"))  # fmt: skip
    if support < c.no_below:
        return Answer("no", week, support, share, tuple(reasons))
    if share < c.quorum:
        reasons.insert(0, Reason("table", "the people who carry the decision are not at the "
                                          "table"))  # fmt: skip
    opposed = [p for p in present if p.spec.influence >= c.veto_influence and support_of[p.id] < 0]
    for person in sorted(opposed, key=lambda p: (-p.spec.influence, p.id)):
        reasons.append(Reason("veto", f"{_who(person)} is not won over and holds it up",
                              person.id if person.visible else None))  # fmt: skip
    if share >= c.quorum and not opposed and support >= c.yes_at:
        return Answer("yes", week, support, share, ())
    trust = ordered_sum(p.relationship for p in table) / len(table) if table else 0.0
    if trust < c.trust_ref:
        reasons.append(Reason("trust", "they hardly know you yet: trust is thin"))
    if fit < LOW_FIT:
        reasons.append(Reason("fit", "the plan does not answer what matters most to them"))
    shaped = ordered_sum(p.spec.influence for p in table if p.co_created)
    if shaped < dyn.co_creation_share * total:
        reasons.append(Reason("shaped", "few of them shaped the plan with you"))
    return Answer("not_yet", week, support, share, tuple(reasons))


def co_created(acc: AccountState, table_ids: Iterable[str], dyn: Dynamics) -> bool:
    """People at the table who had a co-creation meeting hold enough of the DMU's influence."""
    present = acc.present_people()
    table = set(table_ids)
    total = ordered_sum(p.spec.influence for p in present)
    shaped = ordered_sum(p.spec.influence for p in present if p.id in table and p.co_created)
    return total > 0 and shaped >= dyn.co_creation_share * total
