"""Attractiveness criteria, KPI definitions and scoring weights: what "good" means here."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kamsim.scenario.base import Id, Strict, Text, Unit


class Criterion(Strict):
    """An account-attractiveness criterion; the weighted sum ranks accounts."""

    id: Id
    name: Text
    weight: Unit = Field(description="Weight in the attractiveness score; weights sum to 1.")
    description: Text


def default_criteria() -> list[Criterion]:
    """The five selection criteria from account-management practice."""
    rows = [
        ("innovation", "Innovation readiness and patient orientation", 0.2,
         "Ready to try new ways of working that put patients first."),
        ("implementation", "Technological savvy and readiness to implement", 0.15,
         "Able to carry out solutions outside its comfort zone."),
        ("alignment", "Alignment of ambitions with ours", 0.25,
         "Its objectives point the same way as our portfolio's."),
        ("partnership", "Openness to partnership with industry", 0.15,
         "Comfortable working jointly with a pharmaceutical company."),
        ("value", "Value: revenue now and later, healthcare leadership", 0.25,
         "Current and future revenue, and its leadership in the health system."),
    ]  # fmt: skip
    return [Criterion(id=i, name=n, weight=w, description=d) for i, n, w, d in rows]


class KpiKind(StrEnum):
    WIN_LOSS = "win_loss"
    FORMULARY_STATUS = "formulary_status"
    PENETRATION_INDEX = "penetration_index"
    REVENUE_TO_PROFIT = "revenue_to_profit"
    SATISFACTION = "satisfaction"
    ROI = "roi"
    SALES = "sales"
    SHARE = "share"


class KpiDefinition(Strict):
    """A KPI the trainee is measured on, with the territory target."""

    id: KpiKind
    name: Text
    target: float
    description: Text


def default_kpis() -> list[KpiDefinition]:
    """The KPIs of the KAM planning literature, with the usual industry meanings."""
    rows = [
        (KpiKind.WIN_LOSS, "Win-to-lose ratio", 1.5,
         "Decisions won (listings, tenders, protocol inclusions) per decision lost."),
        (KpiKind.FORMULARY_STATUS, "Formulary status", 2.0,
         "Average step on the ladder 0 not listed, 1 restricted, 2 listed, 3 preferred."),
        (KpiKind.PENETRATION_INDEX, "Penetration index", 110.0,
         "Our share of the account's patients over our territory share, x100."),
        (KpiKind.REVENUE_TO_PROFIT, "Revenue-to-profit ratio", 0.55,
         "What revenue leaves after account-specific costs, as a fraction of revenue."),
        (KpiKind.SATISFACTION, "Customer satisfaction", 7.0,
         "What a survey of the DMU would say, 0–10."),
        (KpiKind.ROI, "Return on KAM investment", 1.0,
         "(Incremental net sales margin − investment) / investment."),
    ]  # fmt: skip
    return [KpiDefinition(id=k, name=n, target=t, description=d) for k, n, t, d in rows]


class ScoreWeights(Strict):
    """How the four dimensions add up to the total score; they must sum to 1."""

    prioritisation: Unit = 0.3
    plan_quality: Unit = 0.3
    competencies: Unit = 0.25
    outcomes: Unit = 0.15


class Rubric(Strict):
    """Optional tuning of the scoring; defaults are documented in docs/scoring.md."""

    version: str = Field(
        default="2",
        description="Rubric version; results cite it, and `kamsim rescore` records changes.",
    )
    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    level_cuts: Annotated[list[Unit], Field(min_length=3, max_length=3)] = Field(
        default_factory=lambda: [0.4, 0.6, 0.8],
        description="Indicator averages where levels 2, 3 and 4 start.",
    )
    decline_below: Unit = Field(
        default=0.4, description="True attractiveness (0–1) under which KAM should be declined."
    )
    deprioritise_below: Unit = Field(
        default=0.5, description="True attractiveness under which an account is deprioritised."
    )
    competency_weights: dict[Id, Annotated[float, Field(ge=0, le=10)]] = Field(
        default_factory=dict, description="Competency id → extra weight (default 1 each)."
    )
