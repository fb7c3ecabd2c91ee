"""Every number the world's mechanisms use, with defaults a trainer can override per scenario.

The defaults are documented in docs/model.md; keeping them here (not in the engine) means a
trainer can tune a scenario's feel without touching Python.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from kamsim.scenario.base import FormularyStatus, Need, Purpose, Strict, Unit

Pos = Annotated[float, Field(ge=0)]


def _merged(data: Any, key: str, defaults: dict[str, Any]) -> Any:
    """`data` with the table under `key` completed by its defaults (the trainer's entries win).

    Anything malformed is passed through untouched, for field validation to report.
    """
    if isinstance(data, dict) and isinstance(data.get(key), dict):
        return {**data, key: {**defaults, **data[key]}}
    return data


def _ceilings() -> dict[FormularyStatus, float]:
    return {
        FormularyStatus.NOT_LISTED: 0.05,
        FormularyStatus.RESTRICTED: 0.2,
        FormularyStatus.LISTED: 0.4,
        FormularyStatus.PREFERRED: 0.6,
    }


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

    desk_research_days: Pos = Field(default=0.5, description="Field days of desk research.")
    pathway_mapping_days: Pos = Field(
        default=1.0, description="Field days to map a patient pathway (fits a normal week)."
    )
    dmu_mapping_days: Pos = Field(default=0.5, description="Field days to map a DMU.")
    plan_days: Pos = Field(default=0.5, description="Days to write or update a plan.")
    kpi_review_days: Pos = Field(default=0.25, description="Field days of a KPI review.")
    agree_days: Pos = Field(default=0.5, description="Days for the plan agreement meeting.")
    routine_days_per_account: Pos = Field(
        default=0.15,
        description=(
            "Field days a week that routine service (orders, queries) takes for every account "
            "not declined; declining an account frees them."
        ),
    )


class Committee(Strict):
    """Formulary decisions: S = Σ influence·vote·attitude + β·fit + γ·evidence − pressure + bias."""

    beta_fit: Pos = Field(default=1.2, description="Weight of the agreed plan's effect in S.")
    gamma_evidence: Pos = Field(default=0.8, description="Weight of delivered evidence in S.")
    bias: float = Field(default=-0.35, description="Constant in S: a committee's reluctance.")
    noise_sd: Pos = Field(default=0.25, description="Sd of a decision's noise (committee stream).")
    steepness: Annotated[float, Field(gt=0)] = Field(
        default=5.0, description="Slope of the logistic turning S + noise into a win chance."
    )
    competitor_pressure: Pos = Field(default=0.3, description="Per 0.1 of competitor contracts.")
    pressure_unit: Annotated[float, Field(gt=0, le=1)] = Field(
        default=0.1,
        description="Target share lost to competitor moves that adds one competitor_pressure.",
    )
    clear_loss: float = Field(
        default=-0.8,
        description="A decision lost with S + noise below this drops the product one step.",
    )
    tender_swing: Unit = Field(
        default=0.05, description="Target-share change from a tender: + when won, - when lost."
    )
    trust_weight: Pos = Field(
        default=0.3,
        description="How far a voter's relationship with us (0–1) adds to their vote.",
    )
    price_weight: Pos = Field(
        default=3.0,
        description="A price tender's score gains this × the discount we bid: price-only "
        "buyers follow price, whatever they think of us.",
    )


class Uptake(Strict):
    """Monthly partial adjustment of our share toward a target share."""

    @model_validator(mode="before")
    @classmethod
    def _complete_ceiling(cls, data: Any) -> Any:
        """A trainer who tunes one status's ceiling keeps the others (no missing key later)."""
        return _merged(data, "ceiling", {k.value: v for k, v in _ceilings().items()})

    kappa: Unit = Field(default=0.25, description="Fraction of the gap closed each month.")
    ceiling: dict[FormularyStatus, Unit] = Field(
        default_factory=_ceilings,
        description="Highest share each formulary status allows; statuses left out keep "
        "their defaults.",
    )
    status_weight: Unit = Field(
        default=0.5,
        description="Share gained (lost) per unit of ceiling when the formulary status moves.",
    )
    attitude_weight: Unit = Field(default=0.3, description="How far prescriber attitude counts.")
    fit_weight: Unit = Field(default=0.15, description="How far plan fit counts.")
    delivered_weight: Unit = Field(
        default=0.6,
        description="Share of a plan's effect that waits for its projects to be delivered; "
        "the rest comes with the customer's commitment when the plan is agreed.",
    )
    effort_max: Unit = Field(default=0.05, description="Most share field effort alone can add.")
    effort_shape: Annotated[float, Field(gt=0)] = Field(default=2.0, description="ADBUDG c.")
    effort_half: Annotated[float, Field(gt=0)] = Field(
        default=3.0, description="Field days a month giving half the effort effect (ADBUDG d)."
    )
    sales_noise_sd: Pos = Field(
        default=0.02, description="Relative sd of the monthly sales noise (sales stream)."
    )


class Satisfaction(Strict):
    """Weights of the satisfaction KPI's parts; they add up to 1 so the KPI stays in 0–10."""

    relationship: Unit = Field(default=0.3, description="Weight of the relationship (0–1).")
    attitude: Unit = Field(default=0.3, description="Weight of the attitude, rescaled to 0–1.")
    overload: Unit = Field(
        default=0.2, description="Weight of 1 / (1 + fatigue over promotion tolerance)."
    )
    value: Unit = Field(
        default=0.2,
        description="Weight of the mutual value received: the fit of the delivered projects.",
    )

    @model_validator(mode="after")
    def _add_up_to_one(self) -> Satisfaction:
        total = self.relationship + self.attitude + self.overload + self.value
        if abs(total - 1.0) > 1e-6:
            raise ValueError(
                f"the satisfaction weights must add up to 1 (they add up to {total:g})"
            )
        return self


class Survey(Strict):
    """Satisfaction is measured as a survey would: a few people asked, with noise."""

    every_weeks: Annotated[int, Field(ge=4, le=52)] = Field(
        default=12, description="Weeks between surveys (rounded to KPI months); also the last."
    )
    sample: Annotated[int, Field(ge=1, le=20)] = Field(
        default=3, description="People of the DMU asked (drawn by influence)."
    )
    noise_sd: Annotated[float, Field(ge=0, le=3)] = Field(
        default=0.6, description="Sd of one answer's noise on the 0–10 scale."
    )


class CriteriaEffects(Strict):
    """How the account's criteria act: each q = (score − 1)/4, from 0 (score 1) to 1 (score 5).

    A floor keeps a little of the effect at the lowest score, so nothing is switched off.
    """

    speed_floor: Unit = Field(
        default=0.35, description="Uptake speed × (floor + (1 − floor)·q) of 'uptake_speed'."
    )
    value_floor: Unit = Field(
        default=0.2, description="A plan's fit counts × (floor + (1 − floor)·q) of 'plan_value'."
    )
    effort_floor: Unit = Field(
        default=0.2, description="Field effort counts × (floor + (1 − floor)·q) of 'openness'."
    )
    co_create_floor: Unit = Field(
        default=0.4,
        description="A co-creation request is accepted × (floor + (1 − floor)·q) of 'openness'.",
    )


class Consent(Strict):
    """The customer's answer to a plan put to them: yes, not yet (and why) or no.

    Each present person's support s = attitude + trust_weight·(relationship − trust_ref) +
    shaped_weight (if they had a co-creation meeting) + interest_weight·(share of their
    interests the plan serves). The table's support is its influence-weighted mean, plus
    fit_weight·(the plan's fit to the true needs) and the account's stance:
    stance_weight·(q_plan_value − ½) + openness_weight·(q_openness − ½).
    """

    quorum: Unit = Field(
        default=0.5, description="Share of the present DMU's influence that must be at the table."
    )
    yes_at: float = Field(default=0.3, description="Support from which the answer is yes.")
    no_below: float = Field(default=-0.2, description="Support under which the answer is no.")
    trust_weight: Pos = Field(default=0.8, description="Support per unit of relationship.")
    trust_ref: Unit = Field(default=0.3, description="Relationship that adds nothing.")
    shaped_weight: Pos = Field(default=0.3, description="Support from having shaped the plan.")
    interest_weight: Pos = Field(
        default=0.3, description="Support when the plan serves all of a person's interests."
    )
    fit_weight: Pos = Field(
        default=0.5, description="Support per unit of the plan's fit to the true needs."
    )
    stance_weight: Pos = Field(default=1.2, description="Weight of aligned ambitions.")
    openness_weight: Pos = Field(default=0.6, description="Weight of openness to partnership.")
    veto_influence: Unit = Field(
        default=0.15,
        description="Someone this influential who opposes (support < 0) and is not won over "
        "holds the plan up: 'not yet'.",
    )
    cooldown_weeks: Annotated[int, Field(ge=0, le=26)] = Field(
        default=4, description="After a 'no', weeks before the account discusses a plan again."
    )


class Delivery(Strict):
    """Projects are delivered, or slip; readiness to implement explains the risk."""

    slip_min: Unit = Field(default=0.1, description="Slip chance at the best readiness.")
    slip_max: Unit = Field(default=0.9, description="Slip chance at the worst readiness.")
    co_created_factor: Unit = Field(
        default=0.8,
        description="A co-created plan's slip chance × this: the customer puts in its own effort.",
    )
    slip_weeks: Annotated[int, Field(ge=1, le=52)] = Field(
        default=26, description="Weeks a slipped project runs late unless the plan is updated."
    )
    recovery_weeks: Annotated[int, Field(ge=1, le=26)] = Field(
        default=2,
        description="Weeks to delivery after a plan update that keeps a slipping project "
        "(agreed once a KPI review showed the slip).",
    )
    slip_trust_penalty: Unit = Field(
        default=0.15,
        description="Relationship lost by the plan's table when a project slips, and half as "
        "much again every month it stays slipped without a plan update (a broken commitment).",
    )


class WorldOutcome(Strict):
    """The one figure of what KAM earned: incremental net margin + the position left."""

    position_months: Annotated[float, Field(ge=0, le=24)] = Field(
        default=4.0,
        description="Months of the end run-rate's margin difference counted as the value of "
        "the position the year leaves.",
    )
    material_revenue: Annotated[float, Field(ge=0, le=0.5)] = Field(
        default=0.01,
        description="Revenue-to-profit is measured only once revenue is above the baseline by "
        "this share of the baseline's revenue: a ratio of noise is not a result.",
    )


class Dynamics(Strict):
    """Parameters of the world's mechanisms (see docs/model.md)."""

    @model_validator(mode="before")
    @classmethod
    def _complete_meetings(cls, data: Any) -> Any:
        """A trainer who tunes one purpose keeps the others (no missing key later)."""
        return _merged(data, "meetings", {p.value: m for p, m in _meetings().items()})

    meetings: dict[Purpose, MeetingEffect] = Field(
        default_factory=_meetings,
        description="Effect of a meeting per purpose; purposes left out keep their defaults.",
    )
    interest_bonus: Pos = Field(
        default=1.0, description="Extra attitude effect when the meeting meets their interests."
    )
    fatigue_decay: Unit = Field(default=0.25, description="Fraction of fatigue gone each week.")
    overload_penalty: Pos = Field(
        default=0.25, description="Attitude lost per unit of fatigue above tolerance."
    )
    hostility_refusal: Unit = Field(
        default=0.5,
        description=(
            "How far hostility lowers the chance of accepting a meeting: at attitude -1 the "
            "chance is multiplied by 1 minus this."
        ),
    )
    perception_sd: Pos = Field(
        default=0.15, description="Sd of the noise on the attitude a trainee senses in a meeting."
    )
    influence_weekly: bool = Field(default=True, description="Opinion dynamics run every week.")
    relationship_decay: Unit = Field(default=0.005, description="Weekly fade without contact.")
    co_creation_bonus: Pos = Field(
        default=0.4, description="Extra effect of a plan agreed by most of the DMU's influence."
    )
    co_creation_share: Unit = Field(
        default=0.5,
        description=(
            "Share of the present DMU's influence that must have had a co_create meeting and "
            "sit at the agreement for a plan to count as co-created."
        ),
    )
    imposed_penalty: Unit = Field(
        default=0.3, description="Attitude lost by people who were not consulted on a plan."
    )
    campaign_friction_cost: Pos = Field(
        default=6000.0,
        description="Budget the brand team's goodwill costs per friction point of a held "
        "campaign (they stop co-funding your projects).",
    )
    friction_limit: Annotated[float, Field(ge=0, le=100)] = Field(
        default=6.0,
        description="Internal goodwill: holds are accepted while the friction they add stays "
        "within this; past it the brand director overrules you and the campaign runs.",
    )
    decline_share_loss: Unit = Field(
        default=0.4,
        description="Declining KAM ends our routine service: the account's target share "
        "falls by this fraction of its starting share while declined, × q of its openness to "
        "partnership (a partner misses us; a price buyer does not notice).",
    )
    decline_attitude_loss: Unit = Field(
        default=0.15,
        description="Attitude its people lose when an account is declined, × q of its openness.",
    )
    overload_trust_penalty: Pos = Field(
        default=0.08, description="Relationship lost per unit of fatigue above tolerance."
    )
    imposed_trust_penalty: Unit = Field(
        default=0.05, description="Relationship lost by people left out of an imposed plan."
    )
    crisis_resolved_by: list[Need] = Field(
        default_factory=lambda: [Need.PROCESS_IMPROVEMENT],
        description=(
            "A capacity crisis (an effect's blockage_cap) is lifted by a delivered project "
            "serving any of these needs."
        ),
    )
    satisfaction: Satisfaction = Field(default_factory=Satisfaction)
    survey: Survey = Field(default_factory=Survey)
    criteria_effects: CriteriaEffects = Field(default_factory=CriteriaEffects)
    consent: Consent = Field(default_factory=Consent)
    delivery: Delivery = Field(default_factory=Delivery)
    outcome: WorldOutcome = Field(default_factory=WorldOutcome)
    costs: Costs = Field(default_factory=Costs)
    committee: Committee = Field(default_factory=Committee)
    uptake: Uptake = Field(default_factory=Uptake)
