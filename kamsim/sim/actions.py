"""Everything a trainee, a bot or a playbook can do, as immutable data.

One frozen pydantic model per `ActionKind`, told apart by `kind`. The same dict form serves UI
submissions, playbook entries, save files and the log, e.g.
``{"kind": "meet", "account": "millbrook", "stakeholder": "sister_kowal",
"purpose": "discover", "questions": ["q_waits"]}``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from kamsim.scenario.base import Id, Need, Purpose, Segment, Tier
from kamsim.scenario.rubric import KpiKind


class _Model(BaseModel):
    """Strict and frozen, like the scenario models: typos are errors, actions never change."""

    # No NaN or infinity: a target of 1e400 would be stored as inf, which JSON cannot carry, and
    # the replayed game would then differ from the one played.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class SwotItem(_Model):
    """One line of the trainee's SWOT, with the discovered facts it rests on."""

    kind: Literal["strength", "weakness", "opportunity", "threat"]
    text: str = Field(min_length=1, max_length=1000)
    facts: tuple[Id, ...] = Field(default=(), description="Discovered fact ids cited.")


class Objective(_Model):
    """A measurable objective: which KPI, what value, by when."""

    kpi: KpiKind
    target: float
    by_week: int = Field(ge=1, le=104)


class Tactic(_Model):
    """A joint project from the catalogue; its colleagues and budget come from the catalogue."""

    project: Id


class Plan(_Model):
    """The trainee's account plan: their diagnosis, objectives and tactics."""

    segment: Segment | None = Field(default=None, description="The segment they believe in.")
    needs: tuple[Need, ...] = Field(default=(), description="Needs they believe matter.")
    swot: tuple[SwotItem, ...] = ()
    objectives: tuple[Objective, ...] = ()
    tactics: tuple[Tactic, ...] = ()

    @field_validator("tactics")
    @classmethod
    def _distinct_projects(cls, tactics: tuple[Tactic, ...]) -> tuple[Tactic, ...]:
        ids = [t.project for t in tactics]
        if len(ids) != len(set(ids)):
            raise ValueError("a project can appear only once in a plan")
        return tactics

    @property
    def project_ids(self) -> tuple[str, ...]:
        return tuple(t.project for t in self.tactics)


class DeskResearch(_Model):
    kind: Literal["desk_research"] = "desk_research"
    account: Id


class MapPathway(_Model):
    kind: Literal["map_pathway"] = "map_pathway"
    account: Id


class MapDmu(_Model):
    kind: Literal["map_dmu"] = "map_dmu"
    account: Id


class Meet(_Model):
    kind: Literal["meet"] = "meet"
    account: Id
    stakeholder: Id
    purpose: Purpose
    questions: tuple[Id, ...] = Field(default=(), max_length=3)


class SetTier(_Model):
    """`tier: decline` means declining to run KAM with the account at all."""

    kind: Literal["set_tier"] = "set_tier"
    account: Id
    tier: Tier


class WritePlan(_Model):
    kind: Literal["write_plan"] = "write_plan"
    account: Id
    plan: Plan


class AgreePlan(_Model):
    """Agree the current plan with the stakeholders present (co-creating) at the meeting."""

    kind: Literal["agree_plan"] = "agree_plan"
    account: Id
    stakeholders: tuple[Id, ...] = ()


class ApproveCampaign(_Model):
    kind: Literal["approve_campaign"] = "approve_campaign"
    campaign: Id


class HoldCampaign(_Model):
    kind: Literal["hold_campaign"] = "hold_campaign"
    campaign: Id


class ReviewKpis(_Model):
    kind: Literal["review_kpis"] = "review_kpis"
    account: Id


class ReviewMonthly(_Model):
    """A standing routine: the account's KPIs reviewed as each month's figures come out.

    Each review is the same as a `review_kpis` (the same field days, the same slips shown),
    done by the clock as the figures come out, from the field days the week left (first thing
    the next week when it left none), so a trainee who keeps a monthly governance rhythm
    decides it once instead of clicking it every month.
    """

    kind: Literal["review_monthly"] = "review_monthly"
    account: Id
    on: bool = True


Action = Annotated[
    DeskResearch
    | MapPathway
    | MapDmu
    | Meet
    | SetTier
    | WritePlan
    | AgreePlan
    | ApproveCampaign
    | HoldCampaign
    | ReviewKpis
    | ReviewMonthly,
    Field(discriminator="kind"),
]

ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)
ACTION_MODELS: dict[str, type[BaseModel]] = {
    cls.model_fields["kind"].default: cls
    for cls in (DeskResearch, MapPathway, MapDmu, Meet, SetTier, WritePlan, AgreePlan,
                ApproveCampaign, HoldCampaign, ReviewKpis, ReviewMonthly)
}  # fmt: skip


def parse_action(data: Any) -> Action:
    """An action from its dict form; raises pydantic.ValidationError when malformed."""
    return ACTION_ADAPTER.validate_python(data)


def action_to_dict(action: Action) -> dict[str, Any]:
    """The dict form of an action (what `parse_action` reads back)."""
    return action.model_dump(mode="json")
