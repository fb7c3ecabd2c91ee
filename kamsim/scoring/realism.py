"""Is an objective specific and realistic? Judged against the account's own figures.

A target is realistic when it asks for progress the account can give within the scenario:
above where the KPI starts and not beyond what its formulary ceiling or potential allows.
"""

from __future__ import annotations

from kamsim.scenario.base import FORMULARY_LADDER
from kamsim.scenario.rubric import KpiKind
from kamsim.sim.actions import Objective
from kamsim.sim.state import AccountState

MAX_SHARE = 0.6  # no account gives one brand more than this share in a year
MAX_SALES_GROWTH = 1.0  # at most double the starting run-rate
MAX_ROI = 5.0
MAX_WIN_LOSS = 5.0


def realistic(objective: Objective, acc: AccountState, end_week: int) -> bool:
    """True when the objective has a date inside the game and a reachable, ambitious target."""
    if objective.by_week > end_week:
        return False
    kpi, target = objective.kpi, objective.target
    if kpi is KpiKind.SHARE:
        return acc.share0 < target <= min(MAX_SHARE, acc.share0 + 0.2)
    if kpi is KpiKind.SALES:
        monthly = acc.spec.hard_data.sales_history[-1]
        return monthly < target <= monthly * (1 + MAX_SALES_GROWTH)
    if kpi is KpiKind.FORMULARY_STATUS:
        start = FORMULARY_LADDER.index(acc.status0)
        return start < target <= min(3, start + 1)
    if kpi is KpiKind.SATISFACTION:
        return 5 <= target <= 9
    if kpi is KpiKind.PENETRATION_INDEX:
        return 100 <= target <= 200
    if kpi is KpiKind.ROI:
        return 0 < target <= MAX_ROI
    if kpi is KpiKind.WIN_LOSS:
        return 0 < target <= MAX_WIN_LOSS
    return 0 < target <= 1  # revenue_to_profit
