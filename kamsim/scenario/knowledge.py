"""What can be learned: questions to ask, hidden facts, and the ways each fact can be found."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from kamsim.scenario.base import (
    RELATIONSHIP_VALUES,
    Id,
    Need,
    RelationshipLevel,
    Segment,
    Strict,
    Text,
    Unit,
)


class Question(Strict):
    """A question the trainee can prepare for a meeting; facts say who answers it truthfully."""

    id: Id
    text: Text = Field(description="The question as the trainee sees it.")
    topic: Text | None = Field(
        default=None,
        description=(
            "A heading the meeting screen groups questions under (at most three to a topic, "
            "a meeting's limit): one click on it holds the meeting on all of the topic's "
            "questions, and the bots choose a topic rather than single questions. Give every "
            "question a topic or none."
        ),
    )


class Method(StrEnum):
    DESK_RESEARCH = "desk_research"
    MEETING = "meeting"
    PATHWAY_MAPPING = "pathway_mapping"
    DMU_MAPPING = "dmu_mapping"


class Source(Strict):
    """One way to discover a fact, and how trustworthy that way is."""

    via: Method
    stakeholder: Id | None = Field(default=None, description="Who tells it (via: meeting).")
    question: Id | None = Field(default=None, description="What to ask them (via: meeting).")
    reliability: Unit = Field(
        default=1.0, description="Chance the true version is heard; else the misleading one."
    )
    min_relationship: Unit = Field(
        default=0.0, description="Relationship needed before this person will say it."
    )
    candid_at: Unit | RelationshipLevel | None = Field(
        default=None,
        description="Relationship at which this person tells the real version; below it they "
        "repeat the misleading (stated) one. Needs the fact's 'misleading' version.",
    )
    says: Text | None = Field(
        default=None,
        description="This person's own words when they tell the true version (meeting "
        "sources); without it the meeting shows the fact's text.",
    )
    says_stated: Text | None = Field(
        default=None,
        description="Their words when they give the misleading (stated) version instead.",
    )

    @property
    def candid_value(self) -> float | None:
        if isinstance(self.candid_at, RelationshipLevel):
            return RELATIONSHIP_VALUES[self.candid_at]
        return self.candid_at

    @model_validator(mode="after")
    def _meeting_needs_who_and_what(self) -> Source:
        if self.via is Method.MEETING and (self.stakeholder is None or self.question is None):
            raise ValueError("a meeting source needs both 'stakeholder' and 'question'")
        if self.via is not Method.MEETING and (self.stakeholder or self.question):
            raise ValueError("only a meeting source names a 'stakeholder' or 'question'")
        if self.via is not Method.MEETING and self.candid_at is not None:
            raise ValueError("only a meeting source has 'candid_at' (trust is a person's)")
        if self.via is not Method.MEETING and (self.says or self.says_stated):
            raise ValueError("only a meeting source has 'says' or 'says_stated' (a person's words)")
        return self


class Implication(Strict):
    """What a fact tells a trainee who hears it: structured so plans can cite it."""

    needs: list[Need] = Field(default_factory=list, description="Needs the fact points to.")
    segment: Segment | None = Field(default=None, description="Segment the fact points to.")
    blockage: Id | None = Field(default=None, description="Pathway blockage the fact exposes.")
    criteria: dict[Id, Annotated[int, Field(ge=1, le=5)]] = Field(
        default_factory=dict, description="Criterion id → score the fact suggests."
    )
    swot: Literal["strength", "weakness", "opportunity", "threat"] | None = Field(
        default=None, description="Where it belongs in a SWOT of our position."
    )


class Version(Strict):
    """A telling of a fact: the text heard and what it implies."""

    text: Text
    implies: Implication = Field(default_factory=Implication)


class Fact(Strict):
    """A discoverable insight about an account; some sources give a misleading version."""

    id: Id
    account: Id
    title: Text = Field(description="Short label shown in the fact list and plan pickers.")
    text: Text = Field(description="The true version.")
    implies: Implication = Field(default_factory=Implication)
    misleading: Version | None = Field(
        default=None, description="What an unreliable source says instead."
    )
    sources: list[Source] = Field(min_length=1, description="Ways to discover it.")

    @model_validator(mode="after")
    def _candid_needs_misleading(self) -> Fact:
        if self.misleading is None and any(s.candid_at is not None for s in self.sources):
            raise ValueError(
                "a source with 'candid_at' needs the fact's 'misleading' version (what the "
                "person says until trust is high)"
            )
        return self
