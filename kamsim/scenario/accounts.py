"""Accounts: the institutions of the territory, what the trainee sees and what is really true."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from kamsim.scenario.base import (
    RELATIONSHIP_VALUES,
    FormularyStatus,
    Id,
    Need,
    RelationshipLevel,
    Segment,
    Signed,
    Strict,
    Text,
    Unit,
)
from kamsim.sums import ordered_sum

Score = Annotated[int, Field(ge=1, le=5, description="1 (very low) to 5 (very high).")]


class AccountKind(StrEnum):
    TEACHING_HOSPITAL = "teaching_hospital"
    DISTRICT_HOSPITAL = "district_hospital"
    REGIONAL_PAYER = "regional_payer"
    CARE_NETWORK = "care_network"
    RARE_DISEASE_CENTRE = "rare_disease_centre"
    AMBULATORY_CHAIN = "ambulatory_chain"
    GROUP_PRACTICE = "group_practice"


class Trend(StrEnum):
    RISING = "rising"
    FLAT = "flat"
    FALLING = "falling"


class GuidanceTarget(Strict):
    """A national or regional target the account reports against (met or missed)."""

    indicator: Text = Field(description="e.g. 'weeks from referral to first infusion'.")
    target: float
    actual: float = Field(description="The published figure (which may flatter reality).")
    unit: str = Field(default="", max_length=20)
    lower_is_better: bool = Field(default=True)

    @property
    def met(self) -> bool:
        return self.actual <= self.target if self.lower_is_better else self.actual >= self.target


class DataRow(Strict):
    """A free row of business-intelligence data shown in the account's hard data."""

    label: Text
    value: float | str
    unit: str = Field(default="", max_length=20)


class HardData(Strict):
    """What business intelligence gives the trainee on day one: data-heavy on purpose."""

    market_value: float = Field(
        gt=0, description="Annual spend on the therapy class in this account (all brands)."
    )
    our_share: Unit = Field(description="Our share of the account's treated patients now.")
    competitor_shares: dict[str, Unit] = Field(
        default_factory=dict, description="Competitor brand → share of treated patients."
    )
    sales_history: list[Annotated[float, Field(ge=0)]] = Field(
        min_length=3, max_length=36, description="Our monthly sales, oldest first."
    )
    treated_patients: int = Field(ge=0, description="Patients on the therapy class per year.")
    formulary: dict[Id, FormularyStatus] = Field(
        default_factory=dict, description="Product id → current formulary status."
    )
    trend: Trend
    guidance: list[GuidanceTarget] = Field(default_factory=list)
    extra: list[DataRow] = Field(default_factory=list, description="Further data rows.")

    @model_validator(mode="after")
    def _shares_fit(self) -> HardData:
        total = self.our_share + ordered_sum(self.competitor_shares.values())
        if total > 1.0001:
            raise ValueError(f"our_share plus competitor_shares add up to {total:.2f}, over 1")
        return self


class Blockage(Strict):
    """Something in the patient pathway that caps how many patients can be treated."""

    id: Id
    text: Text = Field(description="What is really blocked, e.g. 'six infusion chairs for 40'.")
    capacity_cap: Unit = Field(
        description="Fraction of eligible patients the pathway can treat while blocked."
    )
    resolved_by: list[Need] = Field(
        min_length=1, description="Needs a joint project must serve to remove the blockage."
    )
    projects: list[Id] = Field(
        default_factory=list,
        description="Catalogue projects that remove it; when given, only these do (a "
        "project serving the needs but not listed does not).",
    )


class PathwayStage(Strict):
    """A touchpoint on the patient pathway: referral, diagnosis, initiation, follow-up…"""

    id: Id
    name: Text
    blockage: Blockage | None = None


class Truth(Strict):
    """The hidden truth: only scoring and the debrief read it; the trainee must discover it."""

    criteria: dict[Id, Score] = Field(
        description="Criterion id → how the account scores on it (1–5)."
    )
    segment: Segment
    primary_needs: list[Need] = Field(min_length=1, max_length=3)
    secondary_needs: list[Need] = Field(default_factory=list, max_length=4)
    stated_goals: list[Text] = Field(min_length=1, description="What the account says it wants.")
    real_goals: list[Text] = Field(min_length=1, description="What it actually needs.")
    pathway: list[PathwayStage] = Field(default_factory=list)
    potential_growth: Annotated[float, Field(ge=-0.5, le=2.0)] = Field(
        default=0.0, description="Yearly growth of the market value (0.4 = +40 %)."
    )

    @model_validator(mode="after")
    def _needs_distinct(self) -> Truth:
        both = set(self.primary_needs) & set(self.secondary_needs)
        if both:
            raise ValueError(f"needs both primary and secondary: {', '.join(sorted(both))}")
        return self


class Link(Strict):
    """A working link through which one person's view sways another's."""

    to: Id = Field(description="Stakeholder id (same account) this person listens to.")
    strength: Unit = Field(description="How much weight they give that person's view.")


class Replies(Strict):
    """How this person answers in a meeting, in their own words (each optional: the game has a
    plain default for every one, `kamsim.sim.replies`)."""

    greeting: Text | None = Field(default=None, description="What they say as you sit down.")
    nothing: Text | None = Field(
        default=None, description="Asked something they do not know or do not deal with."
    )
    vague: Text | None = Field(
        default=None, description="Asked something they know but will not share yet."
    )
    again: Text | None = Field(
        default=None, description="Asked again what they already told you (before the reminder)."
    )


class Stakeholder(Strict):
    """A member of the account's decision-making unit."""

    id: Id
    name: Text
    role: Text = Field(description="Job title, e.g. 'Head of Pharmacy'.")
    influence: Unit = Field(description="Weight of this person's view in the account's decisions.")
    attitude: Signed = Field(description="Attitude to us: -1 hostile … +1 advocate.")
    relationship: Unit | RelationshipLevel = Field(
        default=RelationshipLevel.UNKNOWN,
        description="Relationship with us: 0–1 or unknown/transactional/trusted/partner.",
    )
    susceptibility: Unit = Field(
        default=0.3, description="How far their view moves toward their network's each week."
    )
    interests: list[Need] = Field(default_factory=list, description="Needs this person cares for.")
    committee_vote: bool = Field(
        default=False, description="Votes when the account's committee decides."
    )
    outside_roles: list[Text] = Field(default_factory=list, description="Seats, chairs, boards.")
    links: list[Link] = Field(default_factory=list)
    promo_tolerance: Annotated[float, Field(ge=0, le=10)] = Field(
        default=2.0, description="Fatigue above which more promotion backfires."
    )
    availability: Unit = Field(default=0.8, description="Chance they accept a meeting request.")
    visible: bool = Field(
        default=True, description="Known from the start; if false, found by mapping the DMU."
    )
    champion: bool = Field(default=False, description="Marks an internal champion (for texts).")
    front_line: bool = Field(
        default=False,
        description="Front-line staff (ward nurse, pharmacist, day-unit manager): shown to the "
        "trainee; they see the pathway every day and often know what seniors do not say.",
    )
    replies: Replies = Field(
        default_factory=Replies, description="Their own words in meetings (all optional)."
    )

    @property
    def relationship_value(self) -> float:
        if isinstance(self.relationship, RelationshipLevel):
            return RELATIONSHIP_VALUES[self.relationship]
        return self.relationship


class Account(Strict):
    """An institution of the territory with its hard data, hidden truth and DMU."""

    id: Id
    name: Text
    kind: AccountKind
    region: Text
    description: Text = Field(description="A short profile shown with the hard data.")
    hard_data: HardData
    truth: Truth
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    committee: Text | None = Field(
        default=None, description="Name of the body that decides formulary status."
    )
