"""Everything a trainee, a bot or a playbook can do, as immutable data.

One frozen pydantic model per `ActionKind`, told apart by `kind`. The same dict form serves UI
submissions, playbook entries, save files and the log, e.g.
``{"kind": "meet", "account": "millbrook", "stakeholder": "sister_kowal",
"purpose": "discover", "questions": ["q_waits"]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
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


FlatKey = tuple[tuple[str, Any], ...]


def flat_key(data: Mapping[str, Any]) -> FlatKey | None:
    """A hashable key for an action dict holding only strings, booleans and lists (or tuples)
    of strings under string names, as most actions do (a plan is the exception): two such
    dicts have the same key exactly when their canonical JSON is the same. None otherwise.

    Lists become tuples; a bool never equals a string or a tuple, and numbers, which would
    compare 1 == 1.0 == True, are left to the caller's slower path.
    """
    items = []
    for name, value in data.items():
        kind = type(value)
        if type(name) is not str:
            return None
        if kind is str or kind is bool:
            items.append((name, value))
        elif (kind is list or kind is tuple) and all(type(v) is str for v in value):
            items.append((name, tuple(value)))
        else:
            return None
    items.sort()
    return tuple(items)


# Flat actions submitted before → (the parsed action, its canonical dict). A game submits the
# same few hundred actions again and again, and validating then dumping each through pydantic
# was a fair part of a submission. Parsing is a pure function of the dict (the models are
# frozen), so the answer is kept; the dict is copied out, as callers may keep or change it.
_CANONICAL: dict[FlatKey, tuple[Action, dict[str, Any]]] = {}
_CANONICAL_MAX = 4096


def canonical_action(data: Mapping[str, Any]) -> tuple[Action, dict[str, Any]]:
    """`parse_action(data)` and its `action_to_dict`; raises pydantic.ValidationError."""
    key = flat_key(data)
    known = _CANONICAL.get(key) if key is not None else None
    if known is None:
        parsed = parse_action(data)
        known = (parsed, action_to_dict(parsed))
        if key is None or not _flat_numbers(known[1]):
            return known
        if len(_CANONICAL) >= _CANONICAL_MAX:
            _CANONICAL.clear()
        _CANONICAL[key] = known
    parsed, form = known
    return parsed, {k: list(v) if type(v) is list else v for k, v in form.items()}


def _flat_numbers(form: dict[str, Any]) -> bool:
    """No nested containers but lists of atoms: a copy of the top dict and its lists is whole."""
    atoms = (str, bool, int, float, type(None))
    return all(
        type(v) in atoms or (type(v) is list and all(type(x) in atoms for x in v))
        for v in form.values()
    )


def action_to_dict(action: Action) -> dict[str, Any]:
    """The dict form of an action (what `parse_action` reads back)."""
    return action.model_dump(mode="json")
