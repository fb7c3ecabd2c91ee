"""Is an objective specific, realistic, and was it met? Judged against the account itself.

Specific: a KPI, a target and a date inside the game, after the plan was agreed. Realistic:
above where the account stood when the plan was agreed and within what the world can give in
the weeks left (a formulary step needs a committee or tender before the date; a satisfaction
target needs a survey; a share target cannot pass the next status's ceiling). Met: the KPI's
monthly record at the date reached the target. A claim earns credit only where the world
could make it true, and fully only where it did.
"""

from __future__ import annotations

from dataclasses import dataclass

from kamsim.scenario.base import FORMULARY_LADDER, FormularyStatus
from kamsim.scenario.rubric import KpiKind
from kamsim.scenario.world import DECISION_KINDS
from kamsim.scoring.record import GameRecord
from kamsim.sim.actions import Objective
from kamsim.sim.world import survey_due
from kamsim.sums import ordered_sum
from kamsim.vocabulary import kpi_amount, kpi_words

# KPIs whose reachable window starts where the account stood; the others (ratios of what KAM
# earns) start from nothing.
STARTED = frozenset({KpiKind.SHARE, KpiKind.SALES, KpiKind.FORMULARY_STATUS,
                     KpiKind.SATISFACTION, KpiKind.PENETRATION_INDEX})  # fmt: skip


@dataclass(frozen=True)
class Judged:
    specific: bool
    realistic: bool
    met: bool
    why: str


def _start(rec: GameRecord, account: str, kpi: KpiKind, week: int) -> float | None:
    """The KPI where the account stood when the plan was agreed (its last record before)."""
    record = rec.record_at(account, week)
    if record is not None and record.get(kpi.value) is not None:
        return float(record[kpi.value])
    acc = rec.scenario.account(account)
    if kpi is KpiKind.SHARE:
        return acc.hard_data.our_share
    if kpi is KpiKind.SALES:
        return acc.hard_data.sales_history[-1]
    if kpi is KpiKind.FORMULARY_STATUS:
        statuses = [FORMULARY_LADDER.index(s) for s in acc.hard_data.formulary.values()]
        return float(max(statuses, default=0))
    if kpi is KpiKind.PENETRATION_INDEX:
        return 100.0
    return None


def _decisions_between(rec: GameRecord, account: str, start: int, end: int) -> int:
    return ordered_sum(
        1
        for e in rec.scenario.events
        if e.kind in DECISION_KINDS and e.account == account and e.week and start <= e.week <= end
    )


def _surveys_between(rec: GameRecord, start: int, end: int) -> bool:
    every = rec.scenario.dynamics.survey.every_weeks
    return any(
        survey_due(w, every, rec.duration)
        for w in range(start, end + 1)
        if w % 4 == 0 or w == rec.duration
    )


def _best_status(rec: GameRecord, account: str, week: int) -> int:
    """The account's best formulary step at the start of `week`, from the scenario and the
    decisions logged before it. The world caps a share by its best listing, not by the
    average step the formulary KPI shows."""
    steps = {p: FORMULARY_LADDER.index(s) for p, s in rec.scenario.account(account).hard_data
             .formulary.items()}  # fmt: skip
    for when, product, after in rec.decisions.get(account, ()):
        if when < week:
            steps[product] = FORMULARY_LADDER.index(FormularyStatus(after))
    return max(steps.values(), default=0)


def _share_reach(
    rec: GameRecord, account: str, start: float, agreed: int, by: int, decisions: int
) -> float:
    """The most share the world can give by `by`: each month-end the share closes at most
    `uptake.kappa` of its gap to the cap (`market.month`, at the fastest an account
    adopts). A yearly allowance instead (0.25 a year) judged a target "outside" on half the
    expert's standard plans whose accounts went on to reach more."""
    duration = rec.duration
    months = ordered_sum(1 for w in range(agreed, by + 1) if w % 4 == 0 or w == duration)
    cap = _share_cap(rec, account, agreed, decisions)
    kappa = rec.scenario.dynamics.uptake.kappa
    return max(start, cap - (cap - start) * (1.0 - kappa) ** months)


def _share_cap(rec: GameRecord, account: str, agreed: int, decisions: int) -> float:
    """The highest share the world lets the account head for (`market.target_share`): its
    best listing's ceiling, one step up when a decision falls before the date, and never below
    the starting share while the account keeps its starting listing."""
    ceilings = rec.scenario.dynamics.uptake.ceiling
    best, first = _best_status(rec, account, agreed), _best_status(rec, account, 0)
    top = len(FORMULARY_LADDER) - 1
    cap = ceilings[FORMULARY_LADDER[min(top, best + (1 if decisions else 0))]]
    if best == first:
        cap = max(cap, rec.scenario.account(account).hard_data.our_share)
    return cap


def _reach(rec: GameRecord, account: str, kpi: KpiKind, start: float, agreed: int,
           by: int) -> tuple[float, float] | None:  # fmt: skip
    """(lowest ambitious, highest reachable) target for this KPI in the weeks available.

    A target must ask for at least `ambition` of what the world could give by its date: "one
    tenth of a point more share" is met by doing nothing much, and a rubric that pays for it
    pays for sandbagging (the `sandbag` adversary out-scored the expert on the advanced
    scenario with such targets)."""
    bounds = _window(rec, account, kpi, start, agreed, by)
    if bounds is None:
        return None
    low, high = bounds
    ambition = float(rec.rubric.get("objectives.ambition"))
    floor = start if kpi in STARTED else 0.0
    return max(low, floor + ambition * (high - floor)), high


def _window(rec: GameRecord, account: str, kpi: KpiKind, start: float, agreed: int,
            by: int) -> tuple[float, float] | None:  # fmt: skip
    o = rec.rubric.get("objectives")
    years = max(0.0, (by - agreed) / 52)
    decisions = _decisions_between(rec, account, agreed, by)
    if kpi is KpiKind.SHARE:
        return start + 0.005, _share_reach(rec, account, start, agreed, by, decisions)
    if kpi is KpiKind.SALES:
        return start * 1.01, start * (1 + float(o["sales_gain_per_year"]) * max(years, 0.25))
    if kpi is KpiKind.FORMULARY_STATUS:
        if decisions == 0:
            return None
        return start + 0.5, min(3.0, start + decisions)
    if kpi is KpiKind.SATISFACTION:
        if not _surveys_between(rec, agreed, by):
            return None
        return start + 0.1, min(10.0, start + float(o["satisfaction_gain"]))
    if kpi is KpiKind.PENETRATION_INDEX:
        return start * 1.01, start * (1 + float(o["penetration_gain"]))
    if kpi is KpiKind.WIN_LOSS:
        if decisions == 0:
            return None
        return 0.0001, float(o["max_win_loss"])
    if kpi is KpiKind.ROI:
        return 0.0001, float(o["max_roi"])
    return 0.0001, 1.0  # revenue_to_profit


def judge(rec: GameRecord, account: str, objective: Objective, agreed: int) -> Judged:
    """Specific, realistic and met, for one objective of a plan agreed in week `agreed`."""
    if not agreed <= objective.by_week <= rec.duration:
        return Judged(False, False, False, "its date is outside the plan's time in the game")
    kpi = objective.kpi
    start = _start(rec, account, kpi, agreed)
    if kpi is KpiKind.SATISFACTION and start is None:
        start = 5.0
    if start is None:
        start = 0.0
    bounds = _reach(rec, account, kpi, start, agreed, objective.by_week)
    if bounds is None:
        return Judged(True, False, False, "nothing in the calendar could move it by that date")
    low, high = bounds
    realistic = low <= objective.target <= high
    record = rec.record_at(account, objective.by_week)
    value = record.get(kpi.value) if record else None
    met = realistic and value is not None and float(value) >= objective.target
    k = kpi.value
    where = "within" if realistic else "outside"
    verdict = ""
    if objective.target < low:
        ambition = float(rec.rubric.get("objectives.ambition"))
        verdict = f" (asks too little: at least {ambition:.0%} of what the world could give)"
    elif objective.target > high:
        verdict = f" (more than the world can give by week {objective.by_week})"
    why = (f"{kpi_words(k)} from {kpi_amount(k, start)}: target {kpi_amount(k, objective.target)} "
           f"{where} {kpi_amount(k, low)}–{kpi_amount(k, high)}{verdict}"
           + (f"; reached {kpi_amount(k, float(value))}" if value is not None else ""))  # fmt: skip
    return Judged(True, realistic, met, why)
