"""Playbooks: scripted games as YAML lists of `{week: N, action: {...}}`.

Bots, tests and trainers' calibration runs use them. `playbook_entries_from_data` raises
pydantic's ValidationError (locations like `(3, "action", "meet", "purpose")`) so callers can map
errors to FILE:LINE:COL; `load_playbook` turns them into plain messages naming the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from kamsim.sim.actions import Action
from kamsim.sim.engine import Outcome, Simulation


class PlaybookEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    week: int = Field(ge=1, le=104)
    action: Action


_ENTRIES: TypeAdapter[list[PlaybookEntry]] = TypeAdapter(list[PlaybookEntry])


class PlaybookError(Exception):
    """A playbook that does not validate; `messages` lists every problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


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


def messages_from(err: ValidationError) -> list[str]:
    """Plain messages, one per problem, naming the entry: 'entry 3: action.meet.purpose: …'."""
    out = []
    for problem in err.errors():
        loc = list(problem["loc"])
        where = f"entry {loc.pop(0)}: " if loc and isinstance(loc[0], int) else ""
        out.append(f"{where}{'.'.join(str(p) for p in loc) or 'playbook'}: {problem['msg']}")
    return out


def load_playbook(path: str | Path) -> list[tuple[int, Action]]:
    """Read and validate a playbook file; raises PlaybookError with plain messages."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise PlaybookError([f"{path}: {err}"]) from None
    try:
        return playbook_entries_from_data(data)
    except ValidationError as err:
        raise PlaybookError(messages_from(err)) from None


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
