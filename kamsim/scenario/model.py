"""The root of a scenario file: everything the world, the scoring and the UI need."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from kamsim.scenario.accounts import Account
from kamsim.scenario.base import Id, Strict, Text
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


class FormSpec(Strict):
    """A parallel form of the case: values written `by_form` follow the form a seed draws."""

    id: Id = Field(description="Form id, used as a key under by_form ('default' is reserved).")
    title: Text = Field(description="What is different in this form, for the trainer.")
    weight: Annotated[float, Field(gt=0, le=1000)] = Field(
        default=1.0, description="How often it is drawn, relative to the other forms."
    )
    tags: list[Id] = Field(
        default_factory=list,
        description="Names several forms share, so a by_form can give them one value.",
    )
    description: Text | None = Field(default=None, description="Notes for the trainer.")

    @model_validator(mode="after")
    def _not_reserved(self) -> FormSpec:
        if self.id == "default" or "default" in self.tags:
            raise ValueError("'default' is reserved for a by_form's value for the other forms")
        return self


class Scenario(Strict):
    """A complete kamsim scenario. See docs/scenario-authoring.md for a walkthrough."""

    # Variation written in the file (by_form, one_of, between), taken out by the loader: see
    # kamsim.scenario.variation. The fields hold the first form's values.
    _variation: tuple[Any, ...] = PrivateAttr(default=())
    _games: dict[str, Scenario] = PrivateAttr(default_factory=dict)
    # The file's data as the loader read it (None for a scenario built in Python): what
    # `canonical_text` writes out, so the results store can keep a trainer's scenario by hash.
    _source_data: Any = PrivateAttr(default=None)
    _canonical: str | None = PrivateAttr(default=None)  # written once: a large file takes 0.2 s

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
    forms: list[FormSpec] = Field(
        default_factory=list,
        description="Parallel forms: each game draws one from its seed (see 'Parallel forms').",
    )

    def __copy__(self) -> Scenario:
        """A shallow copy, which `model_copy` makes (usually with fields changed): with its own
        memo of games and no file data, since the file no longer describes it.

        Pydantic copies private attributes shallowly, so a changed copy used to share the memo
        of `for_seed`: the copy's games, drawn from its changed fields, were then handed out
        as the original's (a test that altered a copy changed the original's later games).
        """
        copied = super().__copy__()
        copied._games = {}
        copied._source_data, copied._canonical = None, None
        return copied

    def account(self, account_id: str) -> Account:
        """The account with this id (KeyError if none): ids are checked at load time."""
        for acc in self.accounts:
            if acc.id == account_id:
                return acc
        raise KeyError(account_id)

    # ------------------------------------------------------------------ parallel forms
    @property
    def variation(self) -> tuple[Any, ...]:
        """The variation points the file wrote (empty for a scenario without variation)."""
        return self._variation

    def with_variation(self, points: list[Any]) -> Scenario:
        """This scenario carrying the loader's variation points."""
        self._variation = tuple(points)
        return self

    def with_source(self, data: Any) -> Scenario:
        """This scenario remembering the file data it was loaded from."""
        self._source_data, self._canonical = data, None
        return self

    def canonical_text(self) -> str | None:
        """The scenario's file data as canonical YAML (no comments or formatting; keys in file
        order, which the draw of parallel forms depends on), or None when not read from a file.

        Why not the model's own dump: the model normalises what the file wrote (defaults left
        out, variation taken out), so its dump is not a scenario file; the file's data is, and
        any kamsim loads this text back to this very scenario and hash. The results store keeps
        it under that hash, so a game on a trainer's own file replays after the file is gone.
        """
        if self._source_data is None:
            return None
        if self._canonical is None:
            import yaml

            dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            self._canonical = yaml.dump(
                self._source_data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
            )
        return self._canonical

    def for_seed(self, seed: int) -> tuple[Scenario, Any]:
        """The scenario of the game played on this seed, and what was drawn (None: no variation).

        Every form and option was validated when the file was loaded, so a game's scenario is
        built from them without surprises; games that draw the same values share one.
        """
        if not self._variation and not self.forms:
            return self, None
        from kamsim.scenario import variation as v

        drawn = v.draw([(f.id, f.weight) for f in self.forms], list(self._variation), seed)
        key = drawn.key()
        if key not in self._games:
            data = self.model_dump(mode="json", exclude={"forms"})
            game = Scenario.model_validate(v.apply(data, list(self._variation), drawn))
            self._games[key] = game
        return self._games[key], drawn
