"""Shared building blocks of the scenario format.

Every model is strict (`extra="forbid"`) and frozen: a trainer's typo must be reported, never
silently ignored, and a loaded scenario must not change while a game runs on it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64),
    Field(description="An identifier: lower-case letters, digits, '-' and '_'."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Signed = Annotated[float, Field(ge=-1.0, le=1.0)]
# strict: `week: true` is YAML's boolean, not week 1 (lax validation would read it as 1)
Week = Annotated[
    int, Field(ge=1, le=104, strict=True, description="A week of the scenario, 1-based.")
]


class Strict(BaseModel):
    """Base of every scenario model: unknown keys rejected, immutable after loading."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


class Need(StrEnum):
    """Institutional needs from the segment framework (beyond drug and healthcare cost)."""

    DRUG_COST = "drug_cost"
    HEALTHCARE_COST = "healthcare_cost"
    PROCESS_IMPROVEMENT = "process_improvement"
    TREATMENT_QUALITY = "treatment_quality"
    EMPLOYEE_CAPABILITY = "employee_capability"
    REVENUE_ENHANCEMENT = "revenue_enhancement"
    PATIENT_EXPERIENCE = "patient_experience"
    REPUTATION = "reputation"


class Segment(StrEnum):
    """Account archetypes: what the institution is really buying."""

    DRUG_PRICE = "drug_price"
    HEALTHCARE_COSTS = "healthcare_costs"
    TOTAL_VALUE = "total_value"


class Tier(StrEnum):
    """How much account management an account gets; `decline` means no KAM at all."""

    KEY = "key"
    DEVELOP = "develop"
    MAINTAIN = "maintain"
    DEPRIORITISE = "deprioritise"
    DECLINE = "decline"


class FormularyStatus(StrEnum):
    """Formulary ladder; a committee moves a product at most one step per decision."""

    NOT_LISTED = "not_listed"
    RESTRICTED = "restricted"
    LISTED = "listed"
    PREFERRED = "preferred"


FORMULARY_LADDER: tuple[FormularyStatus, ...] = tuple(FormularyStatus)


class Purpose(StrEnum):
    """Why we meet someone; it decides what the meeting can achieve and what it costs them."""

    LISTEN = "listen"
    DISCOVER = "discover"
    PRESENT_VALUE = "present_value"
    CO_CREATE = "co_create"
    PROMOTE = "promote"


class RelationshipLevel(StrEnum):
    """Named relationship levels; each maps to a point on the 0–1 scale."""

    UNKNOWN = "unknown"
    TRANSACTIONAL = "transactional"
    TRUSTED = "trusted"
    PARTNER = "partner"


RELATIONSHIP_VALUES: dict[RelationshipLevel, float] = {
    RelationshipLevel.UNKNOWN: 0.0,
    RelationshipLevel.TRANSACTIONAL: 0.25,
    RelationshipLevel.TRUSTED: 0.55,
    RelationshipLevel.PARTNER: 0.8,
}


# Highest floor first: read for every person in every view, so a loop that stops at the
# first floor reached rather than a list of all of them.
_FLOORS_DOWN = sorted(RELATIONSHIP_VALUES.items(), key=lambda item: -item[1])


def relationship_level(value: float) -> RelationshipLevel:
    """The named level a relationship value has reached (below every floor: the lowest)."""
    for level, floor in _FLOORS_DOWN:
        if value >= floor:
            return level
    return RelationshipLevel.UNKNOWN


class ActionKind(StrEnum):
    """Everything a trainee (or a bot) can do; reactions and playbooks name these."""

    DESK_RESEARCH = "desk_research"
    MAP_PATHWAY = "map_pathway"
    MAP_DMU = "map_dmu"
    MEET = "meet"
    SET_TIER = "set_tier"
    WRITE_PLAN = "write_plan"
    AGREE_PLAN = "agree_plan"
    APPROVE_CAMPAIGN = "approve_campaign"
    HOLD_CAMPAIGN = "hold_campaign"
    REVIEW_KPIS = "review_kpis"
    REVIEW_MONTHLY = "review_monthly"
