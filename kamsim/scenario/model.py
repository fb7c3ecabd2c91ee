"""The root of a scenario file: everything the world, the scoring and the UI need."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kamsim.scenario.accounts import Account
from kamsim.scenario.base import Strict
from kamsim.scenario.dynamics import Dynamics
from kamsim.scenario.knowledge import Fact, Question
from kamsim.scenario.meta import Company, Meta
from kamsim.scenario.plans import Project
from kamsim.scenario.rubric import (
    Criterion,
    KpiDefinition,
    Rubric,
    default_criteria,
    default_kpis,
)
from kamsim.scenario.world import Event, Reaction


class Scenario(Strict):
    """A complete kamsim scenario. See docs/scenario-authoring.md for a walkthrough."""

    format: Literal[1] = Field(default=1, description="Version of the scenario format.")
    meta: Meta
    company: Company
    criteria: list[Criterion] = Field(
        default_factory=default_criteria, description="Account-attractiveness criteria."
    )
    kpis: list[KpiDefinition] = Field(default_factory=default_kpis)
    questions: list[Question] = Field(min_length=1, description="Questions for meetings.")
    accounts: list[Account] = Field(min_length=1)
    facts: list[Fact] = Field(default_factory=list)
    projects: list[Project] = Field(min_length=1, description="Joint-project catalogue.")
    reactions: list[Reaction] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    dynamics: Dynamics = Field(default_factory=Dynamics)
    scoring: Rubric = Field(default_factory=Rubric)

    def account(self, account_id: str) -> Account:
        """The account with this id (KeyError if none): ids are checked at load time."""
        for acc in self.accounts:
            if acc.id == account_id:
                return acc
        raise KeyError(account_id)
