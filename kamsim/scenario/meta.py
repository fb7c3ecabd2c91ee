"""Scenario metadata and our side of the table: products, time, budget, colleagues, brand team."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from kamsim.scenario.base import Id, Strict, Text, Unit, Week


class Difficulty(StrEnum):
    TUTORIAL = "tutorial"
    STANDARD = "standard"
    ADVANCED = "advanced"


class Meta(Strict):
    """What the scenario is, for the picker, the briefing screen and the results store."""

    id: Id = Field(description="Unique id of the scenario; saves and results cite it.")
    title: Text = Field(description="Title shown in the scenario picker.")
    version: str = Field(
        description="The scenario's own version, e.g. '1.2'. Quote it so YAML keeps it as text.",
        min_length=1,
        max_length=20,
    )
    language: str = Field(
        default="en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="Language tag, e.g. 'en'."
    )
    therapy_area: Text = Field(description="Therapy area, e.g. 'multiple sclerosis'.")
    duration_weeks: int = Field(ge=4, le=104, description="Length of the simulated period.")
    start_date: dt.date = Field(
        default=dt.date(2027, 1, 4), description="Calendar date of week 1 (a Monday), for display."
    )
    difficulty: Difficulty = Field(description="tutorial, standard or advanced.")
    currency: str = Field(default="EUR", max_length=8, description="Currency of every amount.")
    learning_objectives: list[Text] = Field(
        min_length=1, description="What a trainee should learn; shown in the briefing."
    )
    briefing: Text = Field(description="The story the trainee reads before playing.")
    author: str | None = Field(default=None, description="Who wrote the scenario.")


class Product(Strict):
    """One of our products that accounts list, prescribe and buy."""

    id: Id
    name: Text = Field(description="Brand name shown to the trainee.")
    indication: Text = Field(description="What it treats.")
    annual_cost_per_patient: float = Field(
        gt=0, description="List price of a year's treatment; links patients to revenue."
    )
    margin: Unit = Field(default=0.7, description="Net margin on sales, used for ROI.")


class ColleagueRole(StrEnum):
    MSL = "msl"
    MARKET_ACCESS = "market_access"
    HEALTH_ECONOMICS = "health_economics"
    PATIENT_SERVICES = "patient_services"
    MEDICAL_EDUCATION = "medical_education"


class Colleague(Strict):
    """An internal expert the trainee can book into joint projects; scarce on purpose."""

    id: Id
    name: Text
    role: ColleagueRole
    days_per_month: int = Field(ge=0, le=22, description="Days a month this colleague can give.")


class BrandCampaign(Strict):
    """A promotional push the brand team wants to run; the trainee approves or holds it back."""

    id: Id
    title: Text
    product: Id = Field(description="Product the campaign promotes.")
    week: Week = Field(description="Week the request lands in the trainee's inbox.")
    channel: Text = Field(description="e.g. 'rep detailing wave', 'congress symposium'.")
    accounts: list[Id] | Literal["all"] = Field(
        default="all", description="Accounts whose people the campaign reaches."
    )
    pitch: Text = Field(description="What the brand team says it will achieve.")
    attitude_bump: Annotated[float, Field(ge=0, le=0.5)] = Field(
        default=0.05, description="Attitude gain for people who already lean positive."
    )
    fatigue: Annotated[float, Field(ge=0, le=5)] = Field(
        default=1.0, description="Promotional fatigue added to everyone it touches."
    )
    friction: Annotated[float, Field(ge=0, le=10)] = Field(
        default=1.0, description="Internal friction points if the trainee holds it back."
    )
    reach_days: Annotated[float, Field(ge=0, le=10)] = Field(
        default=1.0,
        description="Field effort (in KAM field days) the campaign adds in the month it runs, "
        "in every account it reaches: the brand team's reps do real work.",
    )


class Company(Strict):
    """Our side: what the trainee has to spend and whom they can call on."""

    products: list[Product] = Field(min_length=1)
    field_days_per_week: float = Field(
        gt=0, le=5, description="Days a week the trainee can spend on account work."
    )
    budget: float = Field(ge=0, description="Money for joint projects over the whole scenario.")
    max_key_accounts: int = Field(
        ge=1, le=20, description="Most key accounts the company can serve properly."
    )
    colleagues: list[Colleague] = Field(default_factory=list)
    brand_campaigns: list[BrandCampaign] = Field(default_factory=list)
