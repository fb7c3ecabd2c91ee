"""Monthly KPIs per account and for the territory, computed from state, never set directly.

Money is year to date. "Baseline" is the same account in the no-action game on the same seed
(`kamsim.sim.baseline`): the same events, committees and noise, with nobody doing KAM and the
brand team running its campaigns as planned. Formulas:

- sales: our sales booked this month; share: our share of the account's treated patients.
- revenue, rebates, investment: sales, discounts given back (a won price tender, rebates in
  an agreed plan) and joint-project money booked, so far this year.
- net_margin = margin · revenue − rebates − investment.
- incremental_margin = net_margin − the baseline's net_margin: what KAM earned so far.
- kam_value = incremental_margin + the position left: (net run-rate − the baseline's) ×
  `outcome.position_months`, where net run-rate = run_rate · (margin − discount): the one
  figure of what the company earned from KAM, and what lessons are audited on.
- win_loss: decisions won / max(decisions lost, 1) — with no loss it equals the wins.
- formulary_status: mean ladder step of our products (0 not listed … 3 preferred).
- penetration_index: account share / territory share × 100, the territory share being the
  market-value-weighted share of the active accounts (so the territory itself scores 100).
- revenue_to_profit: (revenue − baseline revenue − extra rebates − investment) / (revenue −
  baseline revenue): what is left of the revenue KAM added after what it cost; none unless
  revenue is above the baseline by `outcome.material_revenue` of the baseline's revenue.
- roi: incremental_margin / investment; none without investment.
- satisfaction: 0–10, the latest survey (none before the first): `survey.sample` people drawn
  by influence, each answering 10 · (w_r·relationship + w_a·(attitude + 1)/2 +
  w_o/(1 + fatigue over tolerance) + w_v·value) + noise, value being the fit of the projects
  delivered (0–1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamsim.scenario.dynamics import Dynamics, Satisfaction, WorldOutcome
from kamsim.scenario.plans import Project
from kamsim.scenario.rubric import KpiKind
from kamsim.sim import market
from kamsim.sim.people import overload
from kamsim.sim.rng import Stream, Streams
from kamsim.sim.state import LADDER_STEP, AccountState, Person
from kamsim.sums import ordered_sum

if TYPE_CHECKING:
    from kamsim.sim.baseline import Baseline, LazyBaseline

Kpis = dict[str, float | None]
MONEY = ("revenue", "rebates", "investment", "net_margin", "run_rate", "net_run_rate")
# The KPI names as plain strings: an enum member's `.value` is a property lookup, and the
# records are built for every account every month.
SALES, SHARE, ROI = KpiKind.SALES.value, KpiKind.SHARE.value, KpiKind.ROI.value
WIN_LOSS, SATISFACTION = KpiKind.WIN_LOSS.value, KpiKind.SATISFACTION.value
FORMULARY_STATUS = KpiKind.FORMULARY_STATUS.value
PENETRATION_INDEX = KpiKind.PENETRATION_INDEX.value
REVENUE_TO_PROFIT = KpiKind.REVENUE_TO_PROFIT.value


def _person_satisfaction(p: Person, w: Satisfaction, value: float) -> float:
    return (
        w.relationship * p.relationship
        + w.attitude * (p.attitude + 1) / 2
        + w.overload / (1 + overload(p))
        + w.value * value
    )


def mutual_value(acc: AccountState, projects: dict[str, Project]) -> float:
    """What the account has received: the fit of the projects delivered, 0–1."""
    if not acc.delivered:
        return 0.0
    return max(0.0, market.fit(acc, [projects[p] for p in acc.delivered]))


def _landing(pool: list[Person], u: float) -> int:
    """Where a draw `u` in [0, total influence) lands: the person whose share covers it
    (the last one, should rounding leave a sliver over)."""
    for index, person in enumerate(pool):
        u -= person.spec.influence
        if u <= 0:
            return index
    return len(pool) - 1


def survey(
    acc: AccountState, projects: dict[str, Project], dyn: Dynamics, streams: Streams, week: int
) -> float | None:
    """A satisfaction survey: a few people drawn by influence, each answering with noise."""
    pool = [p for p in acc.present_people() if p.spec.influence > 0]
    if not pool:
        return None
    chosen: list[Person] = []
    for slot in range(min(dyn.survey.sample, len(pool))):
        total = ordered_sum([p.spec.influence for p in pool])
        u = streams.uniform(Stream.SURVEY, acc.id, week, "pick", slot) * total
        chosen.append(pool.pop(_landing(pool, u)))  # by position: `remove` compared people
    value = mutual_value(acc, projects)
    answers = []
    for person in chosen:
        true = 10 * _person_satisfaction(person, dyn.satisfaction, value)
        noise = dyn.survey.noise_sd * streams.normal(Stream.SURVEY, acc.id, week, person.id)
        answers.append(max(0.0, min(10.0, true + noise)))
    return ordered_sum(answers) / len(answers)


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def territory_share(accounts: list[AccountState]) -> float:
    value = ordered_sum(a.market_value for a in accounts)
    return ordered_sum(a.share * a.market_value for a in accounts) / value if value else 0.0


def _money(acc: AccountState, margin: float, projects: dict[str, Project]) -> Kpis:
    rate = market.run_rate(acc)
    return {
        "revenue": acc.revenue,
        "rebates": acc.rebates,
        "investment": acc.investment,
        "net_margin": margin * acc.revenue - acc.rebates - acc.investment,
        "run_rate": rate,
        "net_run_rate": rate * (margin - market.discount(acc, projects)),
    }


def _returns(row: Kpis, base: Kpis, outcome: WorldOutcome) -> Kpis:
    """What KAM added against the baseline: margin, position, ROI and revenue-to-profit.

    Revenue-to-profit is a ratio, blind to size: a few euros of noise above the baseline, at no
    cost, would read 100 %. It is measured only once KAM added a material share of revenue.
    """
    f = {k: float(row[k] or 0.0) for k in MONEY}
    b = {k: float(base.get(k) or 0.0) for k in MONEY}
    gained = f["net_margin"] - b["net_margin"]
    added = f["revenue"] - b["revenue"]
    kept = added - (f["rebates"] - b["rebates"]) - f["investment"]
    material = max(0.0, outcome.material_revenue * b["revenue"])
    return {
        "baseline_revenue": b["revenue"],
        "baseline_net_margin": b["net_margin"],
        "incremental_margin": gained,
        "kam_value": gained + (f["net_run_rate"] - b["net_run_rate"]) * outcome.position_months,
        ROI: _ratio(gained, f["investment"]),
        REVENUE_TO_PROFIT: kept / added if added > material else None,
    }


def account_kpis(
    acc: AccountState,
    sales: float,
    reference: float,
    margin: float,
    projects: dict[str, Project],
) -> Kpis:
    steps = [LADDER_STEP[s] for s in acc.formulary.values()]
    return {
        SALES: sales,
        SHARE: acc.share,
        **_money(acc, margin, projects),
        WIN_LOSS: acc.wins / max(acc.losses, 1),
        FORMULARY_STATUS: ordered_sum(steps) / len(steps),
        PENETRATION_INDEX: _ratio(100 * acc.share, reference),
        SATISFACTION: acc.survey,
    }


def territory_kpis(accounts: list[AccountState], sales: dict[str, float], rows: list[Kpis]) -> Kpis:
    """The territory's KPIs; `rows` are the accounts' own (money, status and satisfaction)."""
    surveyed = [r["satisfaction"] for r in rows if r["satisfaction"] is not None]
    n = len(accounts)
    return {
        SALES: ordered_sum(sales.values()),
        SHARE: territory_share(accounts),
        **{k: ordered_sum([float(r[k] or 0.0) for r in rows]) for k in MONEY},
        WIN_LOSS: ordered_sum(a.wins for a in accounts)
        / max(ordered_sum(a.losses for a in accounts), 1),
        FORMULARY_STATUS: ordered_sum(r["formulary_status"] or 0 for r in rows) / n,
        PENETRATION_INDEX: 100.0,
        SATISFACTION: ordered_sum(surveyed) / len(surveyed) if surveyed else None,
    }


def monthly_records(
    week: int,
    month: int,
    accounts: list[AccountState],
    sales: dict[str, float],
    margin: float,
    projects: dict[str, Project],
    dyn: Dynamics,
    baseline: Baseline | LazyBaseline | None,
) -> list[dict[str, object]]:
    """One KPI record per active account plus one for the territory ("territory").

    Without a baseline (this is the no-action game itself) each record is its own baseline.
    """
    reference = territory_share(accounts)
    rows = [account_kpis(a, sales[a.id], reference, margin, projects) for a in accounts]
    rows.append(territory_kpis(accounts, sales, rows))
    names = [a.id for a in accounts] + ["territory"]
    records: list[dict[str, object]] = []
    for name, row in zip(names, rows, strict=True):
        base = baseline.money(month, name) if baseline is not None else None
        row.update(_returns(row, base or row, dyn.outcome))
        records.append({"week": week, "month": month, "account": name, **row})
    return records


def latest(records: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    """The latest monthly record of each account and of "territory", without the keys that
    only place a record (account, month): what the game ended with."""
    out: dict[str, dict[str, object]] = {}
    for record in records:
        out[str(record["account"])] = {
            k: v for k, v in record.items() if k not in ("account", "month")
        }
    return out
