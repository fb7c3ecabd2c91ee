"""Business outcomes: what KAM earned in the world, and the KPIs against the no-action world.

Every outcome is measured against the same world with nobody doing KAM (the baseline game on
the same seed), so doing nothing scores nothing and luck cancels out:

- kam_value: the territory's KAM value (incremental net margin + the position left) over the
  rubric's `kam_value_full` share of the baseline's net margin;
- each scenario KPI except sales and share: (value − baseline value) over (target − baseline
  value), capped at 1; where the no-action world already meets the target, the KPI must still
  improve by `kpi_min_gain` of the target. The penetration index is the trainee's key accounts'
  share over the same accounts' baseline share, × 100 (100 = no change). The win-to-lose ratio
  and the formulary status are read, in both worlds, on the votes' odds rather than their roll
  (`kamsim.scoring.odds`): a committee's dice must not decide a KPI credit.

Carpet-bombing cannot buy outcome points: overload costs attitude, trust and survey scores,
rebates cost margin, and money spent where it does not fit lowers ROI and revenue-to-profit.
"""

from __future__ import annotations

from typing import Any

from kamsim.scenario.rubric import KpiKind
from kamsim.scoring import odds
from kamsim.scoring.card import Indicator
from kamsim.scoring.record import GameRecord
from kamsim.sim.log import decision_records
from kamsim.sums import ordered_sum

DIM = "outcomes"


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _key_penetration(rec: GameRecord) -> float | None:
    """100 × the key accounts' market-weighted share over the same accounts' baseline share."""
    keys = rec.key_accounts()
    mine = base = 0.0
    for acc in keys:
        final = rec.final_record(acc)
        bfinal = rec.baseline_final(acc)
        share, bshare = _num(final.get("share")), _num(bfinal.get("share"))
        value = _num(final.get("run_rate"))
        bvalue = _num(bfinal.get("run_rate"))
        if share is None or bshare is None or not value or not bvalue:
            continue
        mine += value
        base += bvalue
    return 100 * mine / base if base > 0 else None


DECIDED = (KpiKind.WIN_LOSS, KpiKind.FORMULARY_STATUS)  # read on the votes' odds


def _decision_kpis(rec: GameRecord) -> tuple[odds.DecisionKpis, odds.DecisionKpis] | None:
    """The decision KPIs on the odds, the player's and the no-action world's, as of the game's
    last monthly KPI record (None before the first)."""
    last = rec.kpi_evidence().entry
    if last is None:
        return None
    day = rec.log[last].day
    mine = decision_records(rec.log[:last])
    active = [a for a, r in rec.result.accounts.items() if r.active]
    theirs = odds.decisions_until(rec.result.baseline_decisions, day)
    return (odds.expected(rec.scenario, mine, active),
            odds.expected(rec.scenario, theirs, active))  # fmt: skip


def kpi_attainment(rec: GameRecord) -> list[Indicator]:
    final = rec.final_record()
    base = dict(rec.result.baseline_final.get("territory") or {})
    min_gain = float(rec.rubric.get("outcomes.kpi_min_gain"))
    decided = _decision_kpis(rec) if any(k.id in DECIDED for k in rec.scenario.kpis) else None
    out = []
    for kpi in rec.scenario.kpis:
        if kpi.id in (KpiKind.SALES, KpiKind.SHARE):
            continue
        rolled = ""
        value: float | None
        before: float | None
        if kpi.id is KpiKind.PENETRATION_INDEX:
            value, before = _key_penetration(rec), 100.0
        elif kpi.id in DECIDED and decided is not None:
            mine, theirs = (getattr(d, kpi.id.value) for d in decided)
            fell = _num(final.get(kpi.id.value))
            value, before = mine, theirs
            rolled = "" if fell is None else f" ({fell:.3g} as the votes fell)"
        else:
            value = _num(final.get(kpi.id.value))
            before = _num(base.get(kpi.id.value))
            if kpi.id in (KpiKind.ROI, KpiKind.REVENUE_TO_PROFIT):
                before = 0.0  # the no-action world earns no return on nothing
        start = before if before is not None else 0.0
        gain = max(kpi.target - start, min_gain * abs(kpi.target))
        attained = max(0.0, min(1.0, (value - start) / gain)) if value is not None and gain else 0
        shown = "none" if value is None else f"{value:.3g}"
        if rolled:
            shown = f"{shown} on the votes' odds{rolled}"
        out.append(Indicator.scored(
            kpi.id.value, DIM, rec.rubric.text("kpi", "label", kpi=kpi.name), attained,
            (rec.kpi_evidence(),), f"{shown} against {start:.3g} in the no-action world and a "
            f"target of {kpi.target:g}", rec.rubric.text("kpi", "expert", target=f"{kpi.target:g}"),
        ))  # fmt: skip
    return out


def kam_value(rec: GameRecord) -> Indicator:
    final = rec.final_record()
    value = float(final.get("kam_value") or 0.0)
    base = float(rec.baseline_final("territory").get("net_margin") or 0.0)
    year = min(1.0, rec.duration / 52)  # a shorter game has less time to earn it
    full = float(rec.rubric.get("outcomes.kam_value_full")) * base * year
    credit = value / full if full > 0 else 0.0
    currency = rec.scenario.meta.currency
    return Indicator.scored("kam_value", DIM, rec.rubric.text("kam_value", "label"), credit,
                            (rec.kpi_evidence(),),
                            f"{value:,.0f} {currency} earned over the no-action world "
                            f"({value / base:+.1%} of its net margin)" if base else "no baseline",
                            rec.rubric.text("kam_value", "expert"))  # fmt: skip


def outcomes(rec: GameRecord) -> tuple[float, list[Indicator]]:
    world = kam_value(rec)
    kpis = kpi_attainment(rec)
    weight = float(rec.rubric.get("outcomes.kam_value_weight"))
    world = Indicator(world.id, world.dimension, world.label, world.value, weight, world.evidence,
                      world.comment, world.expert)  # fmt: skip
    indicators = [world, *kpis]
    total = ordered_sum(i.weight for i in indicators)
    return ordered_sum(i.value * i.weight for i in indicators) / total, indicators
