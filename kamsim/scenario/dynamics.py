"""Every number the world's mechanisms use, with defaults a trainer can override per scenario.

The defaults are documented in docs/model.md; keeping them here (not in the engine) means a
trainer can tune a scenario's feel without touching Python.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from kamsim.scenario.base import FormularyStatus, Purpose, Strict, Unit

Pos = Annotated[float, Field(ge=0)]


class MeetingEffect(Strict):
    """What one meeting of a given purpose does, before interest fit and fatigue."""

    attitude: Annotated[float, Field(ge=-0.5, le=0.5)]
    relationship: Annotated[float, Field(ge=-0.5, le=0.5)]
    fatigue: Annotated[float, Field(ge=0, le=5)]
    days: Annotated[float, Field(gt=0, le=5)] = Field(description="Field days it takes.")


def _meetings() -> dict[Purpose, MeetingEffect]:
    return {
        Purpose.LISTEN: MeetingEffect(attitude=0.02, relationship=0.06, fatigue=0.0, days=0.5),
        Purpose.DISCOVER: MeetingEffect(attitude=0.01, relationship=0.04, fatigue=0.1, days=0.5),
        Purpose.PRESENT_VALUE: MeetingEffect(
            attitude=0.05, relationship=0.03, fatigue=0.3, days=0.5
        ),
        Purpose.CO_CREATE: MeetingEffect(attitude=0.04, relationship=0.08, fatigue=0.2, days=1.0),
        Purpose.PROMOTE: MeetingEffect(attitude=0.04, relationship=0.0, fatigue=1.0, days=0.25),
    }


class Costs(Strict):
    """Field days and money each analysis tool takes."""

    desk_research_days: Pos = 1.0
    pathway_mapping_days: Pos = 2.0
    dmu_mapping_days: Pos = 1.0
    plan_days: Pos = Field(default=1.0, description="Days to write or update a plan.")
    kpi_review_days: Pos = 0.5
    agree_days: Pos = Field(default=1.0, description="Days for the plan agreement meeting.")


class Committee(Strict):
    """Formulary decisions: S = Σ influence·vote·attitude + β·fit + γ·evidence − pressure + bias."""

    beta_fit: Pos = 1.2
    gamma_evidence: Pos = 0.8
    bias: float = -0.35
    noise_sd: Pos = 0.25
    steepness: Annotated[float, Field(gt=0)] = 5.0
    competitor_pressure: Pos = Field(default=0.3, description="Per 0.1 of competitor contracts.")


class Uptake(Strict):
    """Monthly partial adjustment of our share toward a target share."""

    kappa: Unit = Field(default=0.25, description="Fraction of the gap closed each month.")
    ceiling: dict[FormularyStatus, Unit] = Field(
        default_factory=lambda: {
            FormularyStatus.NOT_LISTED: 0.05,
            FormularyStatus.RESTRICTED: 0.2,
            FormularyStatus.LISTED: 0.4,
            FormularyStatus.PREFERRED: 0.6,
        },
        description="Highest share each formulary status allows.",
    )
    attitude_weight: Unit = Field(default=0.5, description="How far prescriber attitude counts.")
    fit_weight: Unit = Field(default=0.4, description="How far plan fit counts.")
    effort_max: Unit = Field(default=0.08, description="Most share field effort alone can add.")
    effort_shape: Annotated[float, Field(gt=0)] = Field(default=2.0, description="ADBUDG c.")
    effort_half: Annotated[float, Field(gt=0)] = Field(
        default=3.0, description="Field days a month giving half the effort effect (ADBUDG d)."
    )


class Dynamics(Strict):
    """Parameters of the world's mechanisms (see docs/model.md)."""

    meetings: dict[Purpose, MeetingEffect] = Field(default_factory=_meetings)
    interest_bonus: Pos = Field(
        default=1.0, description="Extra attitude effect when the meeting meets their interests."
    )
    fatigue_decay: Unit = Field(default=0.25, description="Fraction of fatigue gone each week.")
    overload_penalty: Pos = Field(
        default=0.1, description="Attitude lost per unit of fatigue above tolerance."
    )
    influence_weekly: bool = Field(default=True, description="Opinion dynamics run every week.")
    relationship_decay: Unit = Field(default=0.005, description="Weekly fade without contact.")
    co_creation_bonus: Pos = Field(
        default=0.6, description="Extra effect of a plan agreed by most of the DMU's influence."
    )
    imposed_penalty: Unit = Field(
        default=0.3, description="Attitude lost by people who were not consulted on a plan."
    )
    campaign_friction_cost: Pos = Field(default=0.0, description="Money lost per friction point.")
    costs: Costs = Field(default_factory=Costs)
    committee: Committee = Field(default_factory=Committee)
    uptake: Uptake = Field(default_factory=Uptake)
