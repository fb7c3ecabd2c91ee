"""The catalogue of joint projects a trainee can put into an account's tactical plan."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from kamsim.scenario.base import Id, Need, Segment, Strict, Text


class Project(Strict):
    """A joint project or service offered to an account; it works where it meets real needs."""

    id: Id
    name: Text
    description: Text
    cost: float = Field(ge=0, description="Budget it books.")
    duration_weeks: int = Field(ge=1, le=52, description="Weeks until it delivers its effect.")
    serves: list[Need] = Field(min_length=1, description="Needs it meets.")
    colleagues: dict[Id, Annotated[int, Field(ge=1, le=22)]] = Field(
        default_factory=dict, description="Colleague id → days a month it books while running."
    )
    segment_fit: dict[Segment, Annotated[float, Field(ge=-1, le=1)]] = Field(
        default_factory=dict,
        description="Extra fit by the account's true segment (-1 backfires … +1 ideal).",
    )
    evidence: Annotated[float, Field(ge=0, le=1)] = Field(
        default=0.0, description="Evidence it gives a committee once delivered (0–1)."
    )
    rebate: Annotated[float, Field(ge=0, le=0.5)] = Field(
        default=0.0,
        description="Share of the account's sales given back as a discount from the day the "
        "plan is agreed to the end (a price offer's margin cost).",
    )
