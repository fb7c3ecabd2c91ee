"""How the world moves: effects, reactions to the trainee's actions, and world events."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from kamsim.scenario.accounts import Stakeholder
from kamsim.scenario.base import ActionKind, Id, Purpose, Strict, Text, Tier, Unit, Week

Delta = Annotated[float, Field(ge=-1, le=1)]


class Effect(Strict):
    """Changes to the world. Each field is optional; the ones given all apply together."""

    account: Id | None = Field(default=None, description="Account affected (default: the event's).")
    stakeholder: Id | None = Field(
        default=None, description="Person affected; without it people effects hit the whole DMU."
    )
    attitude: Delta = Field(default=0.0, description="Change of attitude.")
    relationship: Delta = Field(default=0.0, description="Change of relationship.")
    fatigue: Annotated[float, Field(ge=-5, le=5)] = Field(default=0.0)
    target_share: Delta = Field(
        default=0.0, description="Change of the share our uptake is heading for (e.g. -0.05)."
    )
    market_value: Annotated[float, Field(ge=-0.9, le=2)] = Field(
        default=0.0, description="Relative change of the account's market value (-0.1 = -10 %)."
    )
    budget: float = Field(default=0.0, description="Change of our remaining budget.")
    reveal: list[Id] = Field(default_factory=list, description="Facts that become known.")
    leaves: Id | None = Field(default=None, description="Stakeholder who leaves the account.")
    replacement: Stakeholder | None = Field(
        default=None, description="Who takes the leaver's seat (a new person, met from scratch)."
    )
    merge_into: Id | None = Field(
        default=None, description="The account absorbs the event's account (merger)."
    )
    blockage_cap: Unit | None = Field(
        default=None, description="Capacity crisis: caps treated patients at this fraction."
    )


class Condition(Strict):
    """When a reaction fires: every field given must match the trainee's action."""

    action: ActionKind = Field(description="The kind of action that triggers it.")
    account: Id | None = None
    stakeholder: Id | None = None
    purpose: Purpose | None = None
    question: Id | None = None
    project: Id | None = None
    campaign: Id | None = None
    tier: Tier | None = None
    min_relationship: Unit = 0.0
    from_week: Week = 1
    to_week: Week = 104


class Reaction(Strict):
    """A scripted response: the stakeholder or account reacts to a matching action."""

    id: Id
    when: Condition
    message: Text = Field(description="What the trainee is told happened.")
    effects: Effect = Field(default_factory=Effect)
    once: bool = Field(default=True, description="Fires at most once per game.")


class EventKind(StrEnum):
    COMMITTEE_MEETING = "committee_meeting"
    TENDER = "tender"
    COMPETITOR_LAUNCH = "competitor_launch"
    COMPETITOR_CONTRACT = "competitor_contract"
    MERGER = "merger"
    BUDGET_CUT = "budget_cut"
    POLICY_CHANGE = "policy_change"
    STAKEHOLDER_LEAVES = "stakeholder_leaves"
    CAPACITY_CRISIS = "capacity_crisis"
    CUSTOM = "custom"


DECISION_KINDS = (EventKind.COMMITTEE_MEETING, EventKind.TENDER)


class Event(Strict):
    """Something the world does on its own, on a date or at random from the seeded stream."""

    id: Id
    kind: EventKind
    title: Text
    news: Text = Field(description="The news item the trainee reads when it happens.")
    week: Week | None = Field(default=None, description="Week it happens (dated event).")
    rate_per_year: Annotated[float, Field(gt=0, le=12)] | None = Field(
        default=None, description="Random event: expected occurrences a year (at most one)."
    )
    window: tuple[Week, Week] | None = Field(
        default=None, description="Random event: [first week, last week] it can happen in."
    )
    account: Id | None = Field(default=None, description="Account it concerns.")
    product: Id | None = Field(default=None, description="Product decided (committee, tender).")
    price_ask: Annotated[float, Field(ge=0, le=0.6)] | None = Field(
        default=None,
        description="Tender: the discount the account asks for. Unless KAM with the account "
        "was declined, we bid at that price, and a win gives it on every later sale.",
    )
    known_in_advance: bool = Field(
        default=True,
        description="Shown on the trainee's calendar before it happens (dated events only).",
    )
    effects: Effect = Field(default_factory=Effect)

    @model_validator(mode="after")
    def _when(self) -> Event:
        if (self.week is None) == (self.rate_per_year is None):
            raise ValueError("give either 'week' (dated) or 'rate_per_year' (random), not both")
        if self.kind in DECISION_KINDS and (self.account is None or self.product is None):
            raise ValueError(f"a {self.kind.value} needs 'account' and 'product'")
        if self.price_ask is not None and self.kind is not EventKind.TENDER:
            raise ValueError("only a tender has a 'price_ask'")
        return self
