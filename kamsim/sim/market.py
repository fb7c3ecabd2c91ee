"""Accounts as markets: plan fit, committee decisions and monthly uptake.

Fit normalisation: a plan's raw fit is, summed over the agreed plan's projects, 1 per TRUE
primary need served + 0.5 per true secondary need served + the project's `segment_fit` for the
account's TRUE segment. It is divided by what one ideal project would score (every primary need
+ every secondary need + a perfect segment fit of 1) and clipped to [−1, 1]; a co-created plan
multiplies that by (1 + co_creation_bonus). No agreed plan means fit 0.
"""

from __future__ import annotations

import math

from kamsim.scenario.base import FORMULARY_LADDER, FormularyStatus
from kamsim.scenario.dynamics import Committee, Dynamics, Uptake
from kamsim.scenario.plans import Project
from kamsim.sim.state import AccountState, dmu_attitude, weighted_attitude

# A KPI month is 4 simulated weeks: the fraction of a year's market value it books. Not a
# Dynamics parameter: it follows from the calendar (the month process runs every 4th week of a
# 52-week year), so changing it alone would make a year book more or less than a year.
MONTH_OF_YEAR = 4 / 52


def project_fit(acc: AccountState, project: Project) -> float:
    """Raw fit of one project to the account's true needs and segment."""
    truth = acc.spec.truth
    served = sum(
        1.0 if need in truth.primary_needs else 0.5 if need in truth.secondary_needs else 0.0
        for need in project.serves
    )
    return served + project.segment_fit.get(truth.segment, 0.0)


def fit(acc: AccountState, chosen: list[Project]) -> float:
    """Fit of these projects to the account's truth, over what one ideal project scores,
    clipped to [−1, 1]. Scoring judges a plan's tactics with this same measure."""
    truth = acc.spec.truth
    ideal = len(truth.primary_needs) + 0.5 * len(truth.secondary_needs) + 1.0
    raw = sum(project_fit(acc, p) for p in chosen)
    return max(-1.0, min(1.0, raw / ideal))


def plan_fit(acc: AccountState, projects: dict[str, Project], dyn: Dynamics) -> float:
    """Fit of the agreed plan, in [−(1 + bonus), 1 + bonus] (see the module docstring)."""
    if acc.agreed is None:
        return 0.0
    value = fit(acc, [projects[p] for p in acc.agreed.plan.project_ids])
    return value * (1.0 + dyn.co_creation_bonus) if acc.agreed.co_created else value


def evidence(acc: AccountState, projects: dict[str, Project]) -> float:
    """Evidence delivered projects put before a committee, capped at 1."""
    return min(1.0, sum(projects[p].evidence for p in acc.delivered))


def committee_score(acc: AccountState, fit: float, proof: float, c: Committee) -> float:
    """S = weighted view of the voters + β·fit + γ·evidence − competitor pressure + bias.

    Voters are the people present with `committee_vote` (everyone present if nobody has one).
    """
    people = acc.present_people()
    voters = [p for p in people if p.spec.committee_vote] or people
    views = weighted_attitude(voters)
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


def target_share(acc: AccountState, fit: float, u: Uptake) -> float:
    """s*: the share the account heads for this month.

    Starts from today's share rescaled by how far the formulary status has moved (a listing
    opens the door), plus the DMU's attitude change since the start and the plan fit (both in
    units of the status ceiling), plus field effort and event shifts, capped by the ceiling.
    The starting status keeps at least the starting share, so a quiet world stays where it is.
    """
    status = acc.best_status()
    ceiling = u.ceiling[status]
    start_ceiling = u.ceiling[acc.status0]
    base = acc.share0 * ceiling / start_ceiling if start_ceiling > 0 else acc.share0
    drive = u.attitude_weight * (dmu_attitude(acc) - acc.attitude0) + u.fit_weight * fit
    cap = max(ceiling, acc.share0) if status is acc.status0 else ceiling
    raw = base + ceiling * drive + effort_response(acc.effort_month, u) + acc.target_shift
    return max(0.0, min(cap, raw))


def month(acc: AccountState, fit: float, u: Uptake, noise: float) -> float:
    """One month of uptake: grow the market, move the share, book sales. Returns sales."""
    acc.market_value *= (1.0 + acc.spec.truth.potential_growth) ** MONTH_OF_YEAR
    acc.share += u.kappa * (target_share(acc, fit, u) - acc.share)
    acc.share = max(0.0, min(1.0, acc.share))
    value = acc.market_value * MONTH_OF_YEAR
    sales = max(0.0, acc.share * value * acc.capacity() * (1.0 + u.sales_noise_sd * noise))
    acc.revenue += sales
    acc.baseline_revenue += acc.share0 * value * acc.cap0
    acc.effort_month = 0.0
    return sales
