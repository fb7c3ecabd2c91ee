"""Monthly KPIs per account and for the territory, computed from state, never set directly.

Formulas (year to date unless said otherwise):

- sales: our sales booked this month; share: our share of the account's treated patients.
- win_loss: decisions won / max(decisions lost, 1) — with no loss it equals the wins.
- formulary_status: mean ladder step of our products (0 not listed … 3 preferred).
- penetration_index: account share / territory share × 100, the territory share being the
  market-value-weighted share of the active accounts (so the territory itself scores 100).
- revenue_to_profit: (revenue − investment in the account) / revenue; None without revenue.
  No discounts are modelled yet, so the investment is the joint-project budget booked.
- satisfaction: 0–10, influence-weighted over the DMU present, of
  w_r·relationship + w_a·(attitude + 1)/2 + w_o/(1 + fatigue over tolerance), the weights
  being `Dynamics.satisfaction` (0.4, 0.4, 0.2 by default).
- roi: (margin × (revenue − baseline revenue) − investment) / investment; None without
  investment. The baseline is the no-action trend: the starting share and starting pathway
  capacity held constant on the account's actual market value.
"""

from __future__ import annotations

from kamsim.scenario.base import FORMULARY_LADDER
from kamsim.scenario.dynamics import Satisfaction
from kamsim.scenario.rubric import KpiKind
from kamsim.sim.people import overload
from kamsim.sim.state import AccountState, Person

Kpis = dict[str, float | None]


def _person_satisfaction(p: Person, w: Satisfaction) -> float:
    return (
        w.relationship * p.relationship
        + w.attitude * (p.attitude + 1) / 2
        + w.overload / (1 + overload(p))
    )


def satisfaction(acc: AccountState, w: Satisfaction) -> float:
    people = acc.present_people()
    weight = sum(p.spec.influence for p in people)
    if weight == 0:
        return 0.0
    return 10 * sum(p.spec.influence * _person_satisfaction(p, w) for p in people) / weight


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def territory_share(accounts: list[AccountState]) -> float:
    value = sum(a.market_value for a in accounts)
    return sum(a.share * a.market_value for a in accounts) / value if value else 0.0


def account_kpis(
    acc: AccountState, sales: float, reference: float, margin: float, w: Satisfaction
) -> Kpis:
    steps = [FORMULARY_LADDER.index(s) for s in acc.formulary.values()]
    incremental = margin * (acc.revenue - acc.baseline_revenue)
    return {
        KpiKind.SALES.value: sales,
        KpiKind.SHARE.value: acc.share,
        KpiKind.WIN_LOSS.value: acc.wins / max(acc.losses, 1),
        KpiKind.FORMULARY_STATUS.value: sum(steps) / len(steps),
        KpiKind.PENETRATION_INDEX.value: _ratio(100 * acc.share, reference),
        KpiKind.REVENUE_TO_PROFIT.value: _ratio(acc.revenue - acc.investment, acc.revenue),
        KpiKind.SATISFACTION.value: satisfaction(acc, w),
        KpiKind.ROI.value: _ratio(incremental - acc.investment, acc.investment),
    }


def territory_kpis(
    accounts: list[AccountState], sales: dict[str, float], margin: float, rows: list[Kpis]
) -> Kpis:
    """The territory's KPIs; `rows` are the accounts' own (their status and satisfaction)."""
    revenue = sum(a.revenue for a in accounts)
    investment = sum(a.investment for a in accounts)
    baseline = sum(a.baseline_revenue for a in accounts)
    n = len(accounts)
    return {
        KpiKind.SALES.value: sum(sales.values()),
        KpiKind.SHARE.value: territory_share(accounts),
        KpiKind.WIN_LOSS.value: sum(a.wins for a in accounts)
        / max(sum(a.losses for a in accounts), 1),
        KpiKind.FORMULARY_STATUS.value: sum(r["formulary_status"] or 0 for r in rows) / n,
        KpiKind.PENETRATION_INDEX.value: 100.0,
        KpiKind.REVENUE_TO_PROFIT.value: _ratio(revenue - investment, revenue),
        KpiKind.SATISFACTION.value: sum(r["satisfaction"] or 0 for r in rows) / n,
        KpiKind.ROI.value: _ratio(margin * (revenue - baseline) - investment, investment),
    }


def monthly_records(
    week: int,
    month: int,
    accounts: list[AccountState],
    sales: dict[str, float],
    margin: float,
    w: Satisfaction,
) -> list[dict[str, object]]:
    """One KPI record per active account plus one for the territory ("territory")."""
    reference = territory_share(accounts)
    rows = [account_kpis(a, sales[a.id], reference, margin, w) for a in accounts]
    records: list[dict[str, object]] = [
        {"week": week, "month": month, "account": a.id, **row}
        for a, row in zip(accounts, rows, strict=True)
    ]
    territory = territory_kpis(accounts, sales, margin, rows)
    records.append({"week": week, "month": month, "account": "territory", **territory})
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
