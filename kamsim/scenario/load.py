"""Load a scenario file: YAML with positions → typed models → cross-reference lint.

All problems of a file come back at once, each with file, line and column, so a trainer
fixes a whole scenario in one pass.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kamsim.scenario.lint import lint
from kamsim.scenario.messages import problems_from_validation_error
from kamsim.scenario.model import Scenario
from kamsim.scenario.problems import LoadError, Problem, dotted
from kamsim.scenario.yamlload import LoadedYaml, load_yaml


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one file: the scenario when it is usable, and every problem."""

    path: Path
    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def check_file(path: str | Path) -> Checked:
    """Every problem of a scenario file; `scenario` is None when any error was found."""
    path = Path(path)
    try:
        loaded = load_yaml(path)
    except LoadError as err:
        return Checked(path, None, tuple(err.problems))
    try:
        scenario = Scenario.model_validate(loaded.data)
    except ValidationError as err:
        problems = problems_from_validation_error(err, loaded, model=Scenario)
        return Checked(path, None, tuple(problems))
    problems = sorted(_lint_problems(scenario, loaded), key=Problem.sort_key)
    usable = scenario if not any(p.severity == "error" for p in problems) else None
    return Checked(path, usable, tuple(problems))


def _lint_problems(scenario: Scenario, loaded: LoadedYaml) -> list[Problem]:
    out = []
    for f in lint(scenario):
        line, col = loaded.position_for(f.path)
        out.append(Problem(loaded.file, line, col, dotted(f.path), f.message, f.severity))
    return out


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in a file, or LoadError listing every error (warnings do not stop it)."""
    checked = check_file(path)
    if checked.scenario is None:
        raise LoadError(list(checked.errors))
    return checked.scenario


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON: the same content gives the same hash anywhere.

    Formatting, comments and key order in the YAML do not change it; any content change does.
    Values equal to their defaults are left out, so writing a default out in full changes
    nothing, and a new optional field in a later kamsim does not orphan existing saves.
    """
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
