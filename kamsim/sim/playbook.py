"""Playbooks: scripted games as YAML lists of `{week: N, action: {...}}`.

Bots, tests and trainers' calibration runs use them. `playbook_entries_from_data` raises
pydantic's ValidationError (locations like `(3, "action", "meet", "purpose")`) so callers can map
errors to FILE:LINE:COL; `load_playbook` reports them as located problems, like scenario errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from kamsim.scenario.base import Week
from kamsim.scenario.introspect import allowed_keys
from kamsim.scenario.messages import problems_from_validation_error
from kamsim.scenario.problems import LoadError
from kamsim.scenario.yamlload import load_yaml
from kamsim.sim.actions import ACTION_MODELS, Action
from kamsim.sim.engine import Outcome, Simulation


class PlaybookEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    week: Week  # strict: `week: true` is refused, not read as week 1
    action: Action


_ENTRIES: TypeAdapter[list[PlaybookEntry]] = TypeAdapter(list[PlaybookEntry])


def playbook_entries_from_data(data: Any) -> list[tuple[int, Action]]:
    """Validated (week, action) pairs; raises ValidationError (weeks must not go backwards)."""
    entries = _ENTRIES.validate_python(data)
    errors = [
        InitErrorDetails(
            type=PydanticCustomError(
                "week_order",
                "week {week} comes after week {previous}",
                {"week": e.week, "previous": entries[i - 1].week},
            ),
            loc=(i, "week"),
            input=e.week,
        )
        for i, e in enumerate(entries)
        if i > 0 and e.week < entries[i - 1].week
    ]
    if errors:
        raise ValidationError.from_exception_data("playbook", errors)
    return [(e.week, e.action) for e in entries]


def load_playbook(path: str | Path) -> list[tuple[int, Action]]:
    """Read and validate a playbook file; LoadError lists every problem with FILE:LINE:COL."""
    loaded = load_yaml(path, top="list")
    try:
        return playbook_entries_from_data(loaded.data)
    except ValidationError as err:
        allowed = partial(_allowed_keys, loaded.data)
        problems = problems_from_validation_error(err, loaded, allowed=allowed)
        raise LoadError(problems) from None


def _allowed_keys(data: Any, path: tuple[str | int, ...]) -> list[str]:
    """Keys a playbook mapping may hold at `path`, for "did you mean" on typos."""
    if len(path) == 1:
        return list(PlaybookEntry.model_fields)
    try:
        kind = data[path[0]]["action"]["kind"]
    except (LookupError, TypeError):
        return []
    model = ACTION_MODELS.get(kind) if path[1] == "action" else None
    return allowed_keys(model, path[2:]) if model else []


def run_playbook(sim: Simulation, entries: Iterable[tuple[int, Action]]) -> list[Outcome]:
    """Play the entries in their weeks, then run the world to the end of the game."""
    outcomes = []
    for week, action in entries:
        if week < sim.week:
            raise ValueError(f"playbook entry for week {week} comes after week {sim.week}")
        sim.advance(week)
        outcomes.append(sim.submit(action))
    sim.advance(sim.scenario.meta.duration_weeks + 1)
    return outcomes
