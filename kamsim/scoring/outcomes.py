"""Business outcomes: the KPIs against their targets, weighted modestly on purpose.

Sales alone cannot carry a game: customer satisfaction falls with overload and ROI falls with
money spent where it does not pay, so carpet-bombing does not buy outcome points either.
"""

from __future__ import annotations

from kamsim.scenario.rubric import KpiKind
from kamsim.scoring.card import Indicator
from kamsim.scoring.record import GameRecord

DIM = "outcomes"
GROWTH_FOR_FULL = 0.15  # incremental revenue over the no-action baseline that earns full credit


def _final(rec: GameRecord) -> dict[str, float | None]:
    for record in reversed(rec.world.kpis):
        if record["account"] == "territory":
            return {k: v for k, v in record.items() if isinstance(v, float | int | type(None))}
    return {}


def kpi_attainment(rec: GameRecord) -> list[Indicator]:
    """Each scenario KPI's final territory value as a fraction of its target (capped at 1)."""
    final = _final(rec)
    key = rec.key_accounts()
    out = []
    for kpi in rec.scenario.kpis:
        if kpi.id in (KpiKind.SALES, KpiKind.SHARE):
            continue
        value = final.get(kpi.id.value)
        if kpi.id is KpiKind.PENETRATION_INDEX:
            value = _key_penetration(rec, key)
        attained = max(0.0, min(1.0, value / kpi.target)) if value and kpi.target > 0 else 0.0
        shown = "none" if value is None else f"{value:.2f}"
        out.append(Indicator(kpi.id.value, DIM, kpi.name, attained, 1.0,
                             (rec.kpi_evidence(),) if attained > 0 else (),
                             f"{shown} against a target of {kpi.target:g}",
                             "" if attained == 1 else f"reach {kpi.target:g}"))  # fmt: skip
    return out


def _key_penetration(rec: GameRecord, key: list[str]) -> float | None:
    """Mean penetration index of the trainee's key accounts (the territory is 100 by design)."""
    latest = {r["account"]: r["penetration_index"] for r in rec.world.kpis if r["account"] in key}
    numbers = [v for v in latest.values() if isinstance(v, float | int)]
    return sum(numbers) / len(numbers) if numbers else None


def incremental_revenue(rec: GameRecord) -> Indicator:
    revenue = sum(a.revenue for a in rec.world.accounts.values())
    baseline = sum(a.baseline_revenue for a in rec.world.accounts.values())
    growth = (revenue - baseline) / baseline if baseline else 0.0
    value = max(0.0, min(1.0, growth / GROWTH_FOR_FULL))
    return Indicator("incremental_revenue", DIM, "Revenue above the no-action trend", value, 1.0,
                     (rec.kpi_evidence(),) if value > 0 else (),
                     f"{growth:+.1%} against the no-action baseline",
                     "" if value == 1 else "grow revenue through plans that fit")  # fmt: skip


def outcomes(rec: GameRecord) -> tuple[float, list[Indicator]]:
    indicators = [*kpi_attainment(rec), incremental_revenue(rec)]
    return sum(i.value for i in indicators) / len(indicators), indicators
