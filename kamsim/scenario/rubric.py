"""Attractiveness criteria, KPI definitions and scoring weights: what "good" means here."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from kamsim.scenario.base import Id, Strict, Text, Unit


class Mechanism(StrEnum):
    """What a criterion does in the world, so the right key set is the one that pays.

    - uptake_speed: how fast the account adopts (the partial-adjustment speed of its share);
    - delivery: how reliably joint projects are delivered on time (slip risk);
    - plan_value: how much a joint plan is worth, and how readily it is agreed;
    - openness: willingness to meet, to co-create, and to respond to field effort;
    - market: the account's size and growth (the market value and potential in the data).
    """

    UPTAKE_SPEED = "uptake_speed"
    DELIVERY = "delivery"
    PLAN_VALUE = "plan_value"
    OPENNESS = "openness"
    MARKET = "market"


DEFAULT_DRIVES: dict[str, Mechanism] = {
    "innovation": Mechanism.UPTAKE_SPEED,
    "implementation": Mechanism.DELIVERY,
    "alignment": Mechanism.PLAN_VALUE,
    "partnership": Mechanism.OPENNESS,
    "value": Mechanism.MARKET,
}


class Criterion(Strict):
    """An account-attractiveness criterion; the weighted sum ranks accounts.

    A criterion with one of the five default ids drives its default mechanism unless it says
    otherwise (`drives: null` makes it rank accounts only).
    """

    @model_validator(mode="before")
    @classmethod
    def _default_drive(cls, data: Any) -> Any:
        ident = data.get("id") if isinstance(data, dict) else None
        if isinstance(ident, str) and "drives" not in data and ident in DEFAULT_DRIVES:
            return {**data, "drives": DEFAULT_DRIVES[data["id"]].value}
        return data

    id: Id
    name: Text
    weight: Unit = Field(description="Weight in the attractiveness score; weights sum to 1.")
    description: Text
    drives: Mechanism | None = Field(
        default=None,
        description="The world mechanism this criterion drives (each at most once); "
        "a criterion that drives nothing only ranks accounts.",
    )


def default_criteria() -> list[Criterion]:
    """The five selection criteria from account-management practice."""
    rows = [
        ("innovation", "Innovation readiness and patient orientation", 0.2,
         "Ready to try new ways of working that put patients first.", Mechanism.UPTAKE_SPEED),
        ("implementation", "Technological savvy and readiness to implement", 0.15,
         "Able to carry out solutions outside its comfort zone.", Mechanism.DELIVERY),
        ("alignment", "Alignment of ambitions with ours", 0.25,
         "Its objectives point the same way as our portfolio's.", Mechanism.PLAN_VALUE),
        ("partnership", "Openness to partnership with industry", 0.15,
         "Comfortable working jointly with a pharmaceutical company.", Mechanism.OPENNESS),
        ("value", "Value: revenue now and later, healthcare leadership", 0.25,
         "Current and future revenue, and its leadership in the health system.",
         Mechanism.MARKET),
    ]  # fmt: skip
    return [Criterion(id=i, name=n, weight=w, description=d, drives=m) for i, n, w, d, m in rows]


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
    """Optional tuning of the scoring; defaults are in kamsim's rubric file (docs/scoring.md).

    Only what a scenario sets here changes the rubric; the version stored with every score is
    a hash of the effective rubric, so a changed weight gives a new version by itself.
    """

    version: str | None = Field(
        default=None,
        description="A label of your own for this scenario's scoring (part of the rubric hash).",
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
    overrides: dict[
        Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)+$", max_length=120)],
        float | str | list[float],
    ] = Field(
        default_factory=dict,
        description="Any other rubric value by its dotted path in the rubric file, e.g. "
        "'prioritisation.weights.tier: 0.4' or 'outcomes.kam_value_full: 0.3'.",
    )
