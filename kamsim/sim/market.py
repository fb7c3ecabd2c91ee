"""Accounts as markets: plan fit, committee decisions and monthly uptake.

Fit normalisation: a plan's raw fit is, summed over the agreed plan's projects, 1 per TRUE
primary need served + 0.5 per true secondary need served + the project's `segment_fit` for the
account's TRUE segment. It is divided by what one ideal project would score (every primary need
+ every secondary need + a perfect segment fit of 1) and clipped to [−1, 1]; a co-created plan
multiplies that by (1 + co_creation_bonus). No agreed plan means fit 0.

The account's criteria act here too (`AccountState.criterion`, each 0–1): `plan_value` (aligned
ambitions) scales what a plan's fit is worth, `openness` scales what field effort buys, and
`uptake_speed` (innovation readiness) scales how fast the share moves.
"""

from __future__ import annotations

import math

from kamsim.scenario.accounts import Truth
from kamsim.scenario.base import FORMULARY_LADDER, FormularyStatus
from kamsim.scenario.dynamics import Committee, Dynamics, Uptake
from kamsim.scenario.plans import Project
from kamsim.scenario.rubric import Mechanism
from kamsim.sim.state import AccountState, Person, dmu_attitude
from kamsim.sums import ordered_sum

# A KPI month is 4 simulated weeks: the fraction of a year's market value it books. Not a
# Dynamics parameter: it follows from the calendar (the month process runs every 4th week of a
# 52-week year), so changing it alone would make a year book more or less than a year.
MONTH_OF_YEAR = 4 / 52


def scaled(floor: float, q: float) -> float:
    """floor + (1 − floor)·q: a criterion's effect, never quite switched off."""
    return floor + (1.0 - floor) * q


def project_fit(truth: Truth, project: Project) -> float:
    """Raw fit of one project to the account's true needs and segment."""
    served = ordered_sum(
        1.0 if need in truth.primary_needs else 0.5 if need in truth.secondary_needs else 0.0
        for need in project.serves
    )
    return served + project.segment_fit.get(truth.segment, 0.0)


def truth_fit(truth: Truth, chosen: list[Project]) -> float:
    """Fit of these projects to an account's truth, over what one ideal project scores,
    clipped to [−1, 1]. Scoring judges a plan's tactics with this same measure."""
    ideal = len(truth.primary_needs) + 0.5 * len(truth.secondary_needs) + 1.0
    raw = ordered_sum(project_fit(truth, p) for p in chosen)
    return max(-1.0, min(1.0, raw / ideal))


def fit(acc: AccountState, chosen: list[Project]) -> float:
    """`truth_fit` for an account of the game."""
    return truth_fit(acc.spec.truth, chosen)


def plan_fit(acc: AccountState, projects: dict[str, Project], dyn: Dynamics) -> float:
    """Fit of the agreed plan, in [−(1 + bonus), 1 + bonus] (see the module docstring).

    `uptake.delivered_weight` of it waits for delivery: (1 − w)·fit(agreed projects) +
    w·fit(projects delivered), so a project that slips holds back part of the plan's effect.
    """
    if acc.agreed is None:
        return 0.0
    w = dyn.uptake.delivered_weight
    promised = fit(acc, [projects[p] for p in acc.agreed.plan.project_ids])
    done = fit(acc, [projects[p] for p in acc.delivered]) if acc.delivered else 0.0
    value = (1.0 - w) * promised + w * done
    return value * (1.0 + dyn.co_creation_bonus) if acc.agreed.co_created else value


def plan_effect(acc: AccountState, projects: dict[str, Project], dyn: Dynamics) -> float:
    """What the agreed plan's fit is worth in this account: aligned ambitions make it count."""
    q = acc.criterion(Mechanism.PLAN_VALUE)
    return plan_fit(acc, projects, dyn) * scaled(dyn.criteria_effects.value_floor, q)


def evidence(acc: AccountState, projects: dict[str, Project]) -> float:
    """Evidence delivered projects put before a committee, capped at 1."""
    return min(1.0, ordered_sum(projects[p].evidence for p in acc.delivered))


def trusted_view(people: list[Person], trust_weight: float) -> float:
    """Influence-weighted attitude, each raised by trust (0 when nobody has influence)."""
    total = ordered_sum(p.spec.influence for p in people)
    if total == 0:
        return 0.0
    weighted = ordered_sum(
        p.spec.influence * (p.attitude + trust_weight * p.relationship) for p in people
    )
    return weighted / total


def committee_score(acc: AccountState, fit: float, proof: float, c: Committee) -> float:
    """S = voters' trusted view + β·fit + γ·evidence − competitor pressure + bias.

    Voters are the people present with `committee_vote` (everyone present if nobody has one);
    each votes with their attitude plus `trust_weight` × relationship.
    """
    people = acc.present_people()
    voters = [p for p in people if p.spec.committee_vote] or people
    views = trusted_view(voters, c.trust_weight)
    pressure = c.competitor_pressure * acc.competitor_loss / c.pressure_unit
    return views + c.beta_fit * fit + c.gamma_evidence * proof - pressure + c.bias


def win_chance(score: float, noise: float, c: Committee) -> float:
    """p = logistic(steepness · (S + noise))."""
    return 1.0 / (1.0 + math.exp(-c.steepness * (score + noise)))


def step_status(status: FormularyStatus, steps: int) -> FormularyStatus:
    """Move along the formulary ladder, staying on it."""
    index = FORMULARY_LADDER.index(status) + steps
    return FORMULARY_LADDER[max(0, min(len(FORMULARY_LADDER) - 1, index))]


def effort_response(days: float, u: Uptake) -> float:
    """ADBUDG: max · E^c / (d^c + E^c): diminishing returns on field days in a month."""
    if days <= 0:
        return 0.0
    reach = days**u.effort_shape
    return u.effort_max * reach / (u.effort_half**u.effort_shape + reach)


def target_share(acc: AccountState, effect: float, dyn: Dynamics) -> float:
    """s*: the share the account heads for this month.

    Starts from the starting share moved by `status_weight` × the change of the status's
    ceiling (a listing opens the door, a lost one closes it), plus the DMU's attitude change
    since the start and the plan's effect (both in units of the status ceiling), plus field
    effort (as far as the account is open to it)
    and event shifts, capped by the ceiling. The starting status keeps at least the starting
    share, so a quiet world stays where it is.
    """
    u, ce = dyn.uptake, dyn.criteria_effects
    status = acc.best_status()
    ceiling = u.ceiling[status]
    base = acc.share0 + u.status_weight * (ceiling - u.ceiling[acc.status0])
    drive = u.attitude_weight * (dmu_attitude(acc) - acc.attitude0) + u.fit_weight * effect
    cap = max(ceiling, acc.share0) if status is acc.status0 else ceiling
    openness = scaled(ce.effort_floor, acc.criterion(Mechanism.OPENNESS))
    effort = effort_response(acc.effort_month, u) * openness
    raw = base + ceiling * drive + effort + acc.target_shift
    return max(0.0, min(cap, raw))


def speed(acc: AccountState, dyn: Dynamics) -> float:
    """This account's partial-adjustment speed: innovation readiness makes it adopt faster."""
    q = acc.criterion(Mechanism.UPTAKE_SPEED)
    return dyn.uptake.kappa * scaled(dyn.criteria_effects.speed_floor, q)


def run_rate(acc: AccountState) -> float:
    """Expected sales of a month at today's share, market and capacity (no noise).

    The market value is what the account spends on the patients it treats today, so the
    pathway's capacity counts relative to where it started: lifting a blockage that capped
    treatment at 0.75 treats a third more patients.
    """
    capacity = acc.capacity()
    if acc.cap0 > 0:
        capacity /= acc.cap0
    return acc.share * acc.market_value * MONTH_OF_YEAR * capacity * acc.volume


def discount(acc: AccountState, projects: dict[str, Project]) -> float:
    """Share of sales given back: a won price tender's discount plus the agreed plan's rebates."""
    offered = 0.0
    if acc.agreed is not None:
        offered = ordered_sum(projects[p].rebate for p in acc.agreed.plan.project_ids)
    return min(0.9, acc.tender_discount + offered)


def month(acc: AccountState, effect: float, dyn: Dynamics, noise: float, rebate: float) -> float:
    """One month of uptake: grow the market, move the share, book sales. Returns sales."""
    u = dyn.uptake
    acc.market_value *= (1.0 + acc.spec.truth.potential_growth) ** MONTH_OF_YEAR
    acc.share += speed(acc, dyn) * (target_share(acc, effect, dyn) - acc.share)
    acc.share = max(0.0, min(1.0, acc.share))
    sales = max(0.0, run_rate(acc) * (1.0 + u.sales_noise_sd * noise))
    acc.revenue += sales
    acc.rebates += sales * rebate
    acc.effort_month = 0.0
    return sales
