"""Load a scenario file: YAML with positions → typed models → cross-reference lint.

All problems of a file come back at once, each with file, line and column, so a trainer
fixes a whole scenario in one pass.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from kamsim.scenario import variation
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
    """Every problem of a scenario file; `scenario` is None when any error was found.

    A file with parallel forms is checked once per form (and per option of its one_of and
    between values), each problem located where the offending option is written.
    """
    path = Path(path)
    try:
        loaded = load_yaml(path)
    except LoadError as err:
        return Checked(path, None, tuple(err.problems))
    extracted = variation.extract(loaded.data)
    if extracted.problems:
        problems = [
            Problem(loaded.file, *loaded.position_for(p.path), dotted(p.path), p.message)
            for p in extracted.problems
        ]
        problems += loaded.problems
        return Checked(path, None, tuple(sorted(problems, key=Problem.sort_key)))
    points = extracted.points
    forms = list(variation.form_tags(loaded.data))
    found: list[Problem] = []
    first_pass: set[tuple[int, int, str]] = set()
    first: Scenario | None = None
    for form, index in variation.passes(points, forms) if points else [("", 0)]:
        seen = _for_pass(loaded, points, form, index) if points else loaded
        try:
            scenario = Scenario.model_validate(seen.data)
        except ValidationError as err:
            new = problems_from_validation_error(err, seen, model=Scenario)
        else:
            new = _lint_problems(scenario, seen, form if forms else None)
            if index == 0:
                first = scenario
        if index == 0:
            first_pass = {(p.line, p.col, p.message) for p in new}
        elif form:  # what only this form gets wrong says so
            tag = f" (in form '{form}')"
            new = [
                p if (p.line, p.col, p.message) in first_pass or p.message.endswith(tag)
                else replace(p, message=p.message + tag)
                for p in new
            ]  # fmt: skip
        found += new
    # Problems of the text itself (loading went on so the rest is reported too) come once.
    problems = sorted([*_merge_forms(found), *loaded.problems], key=Problem.sort_key)
    errors = any(p.severity == "error" for p in problems)
    usable = (
        first.with_variation(points).with_source(loaded.data)
        if first is not None and not errors
        else None
    )
    return Checked(path, usable, tuple(problems))


FORM_TAG = re.compile(r" \(in form '([^']+)'\)$")


def _merge_forms(found: list[Problem]) -> list[Problem]:
    """One problem per place and message, naming every form it occurs in."""
    merged: dict[tuple, tuple[Problem, list[str]]] = {}
    for p in found:
        match = FORM_TAG.search(p.message)
        base = p.message[: match.start()] if match else p.message
        key = (p.file, p.line, p.col, p.path, base, p.severity)
        if key not in merged:
            merged[key] = (replace(p, message=base), [])
        if match and match.group(1) not in merged[key][1]:
            merged[key][1].append(match.group(1))
    out = []
    for problem, forms in merged.values():
        if forms:
            names = ", ".join(f"'{f}'" for f in forms)
            suffix = f" (in form {names})" if len(forms) == 1 else f" (in forms {names})"
            problem = replace(problem, message=problem.message + suffix)
        out.append(problem)
    return out


def _for_pass(loaded: LoadedYaml, points: list, form: str, index: int) -> LoadedYaml:
    """The file as one form sees it: that form's values in place, positions moved with them."""
    return replace(
        loaded,
        data=variation.resolve(loaded.data, points, form, index),
        positions=variation.remap(loaded.positions, points, form, index),
        key_positions=variation.remap(loaded.key_positions, points, form, index),
        hints=variation.remap(loaded.hints, points, form, index),
        raw_scalars=variation.remap(loaded.raw_scalars, points, form, index),
    )


def _lint_problems(
    scenario: Scenario, loaded: LoadedYaml, form: str | None = None
) -> list[Problem]:
    out = []
    for f in lint(scenario, forms=form is not None):
        line, col = loaded.position_for(f.path)
        message = f"{f.message} (in form '{form}')" if form and f.per_form else f.message
        out.append(Problem(loaded.file, line, col, dotted(f.path), message, f.severity))
    return out


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in a file, or LoadError listing every error (warnings do not stop it)."""
    checked = check_file(path)
    if checked.scenario is None:
        raise LoadError(list(checked.errors))
    return checked.scenario


@functools.lru_cache(maxsize=16)
def scenario_from_text(text: str) -> Scenario:
    """The scenario a canonical text (kept in a save or the results store) describes.

    Loaded through a file of a fixed name in a fresh temporary folder, so the checks and
    messages are the ones any scenario file gets and no name inside the text picks a path.
    """
    with tempfile.TemporaryDirectory(prefix="kamsim-scenario-") as folder:
        path = Path(folder) / "scenario.yaml"
        path.write_text(text, encoding="utf-8")
        return load_scenario(path)


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON: the same content gives the same hash anywhere.

    Formatting, comments and key order in the YAML do not change it; any content change does.
    Values equal to their defaults are left out, so writing a default out in full changes
    nothing, and a new optional field in a later kamsim does not orphan existing saves.
    """
    data: dict = scenario.model_dump(mode="json", exclude_defaults=True)
    if scenario.variation:  # the variation is content too (absent: the hash stays as it was)
        data = {"scenario": data, "variation": [p.to_data() for p in scenario.variation]}
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
