"""The effective rubric of a scenario: kamsim's rubric file with the scenario's overrides.

Every weight, threshold and feedback text the scoring uses comes from here, filled in one
place (as `Dynamics` does for the world), and its version is the hash of what is in effect:
the same version means the very same rules, whoever computed the score.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from kamsim.scenario.model import Scenario
from kamsim.scenario.rubric import Rubric as ScenarioRubric


@cache
def _defaults() -> dict[str, Any]:
    text = resources.files("kamsim.scoring").joinpath("rubric.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _competency_rows() -> tuple[dict[str, Any], ...]:
    text = resources.files("kamsim.scoring").joinpath("competencies.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text))


def default_paths() -> set[str]:
    """Every dotted path of a number or list in the default rubric (what overrides may name)."""
    out: set[str] = set()

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{prefix}.{key}" if prefix else str(key))
        else:
            out.add(prefix)

    walk({k: v for k, v in _defaults().items() if k != "texts"}, "")
    return out


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


def _scenario_overrides(r: ScenarioRubric) -> dict[str, Any]:
    """The values a scenario really set (a default written out changes nothing)."""
    out: dict[str, Any] = {}
    given = r.model_fields_set
    if "weights" in given:
        out["dimensions"] = r.weights.model_dump()
    if "level_cuts" in given:
        out["level_cuts"] = list(r.level_cuts)
    if "decline_below" in given:
        out["truth.decline_below"] = r.decline_below
    if "deprioritise_below" in given:
        out["truth.deprioritise_below"] = r.deprioritise_below
    if r.competency_weights:
        out["competency_weights"] = dict(sorted(r.competency_weights.items()))
    if r.version:
        out["scenario_label"] = r.version
    out.update(r.overrides)
    return out


@dataclass(frozen=True)
class EffectiveRubric:
    """The rules a game is scored by; `version` is their hash."""

    data: dict[str, Any]
    competencies: tuple[dict[str, Any], ...]
    version: str

    def get(self, path: str) -> Any:
        node: Any = self.data
        for part in path.split("."):
            node = node[part]
        return node

    def text(self, indicator: str, field: str, **values: Any) -> str:
        """A feedback text with its placeholders filled."""
        template = self.data["texts"].get(indicator, {}).get(field, "")
        try:
            return str(template).format(**values)
        except (KeyError, IndexError, ValueError):
            return str(template)

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "rubric": self.data, "competencies": self.competencies}


def _build(overrides: tuple[tuple[str, str], ...]) -> EffectiveRubric:
    data = copy.deepcopy(_defaults())
    data.setdefault("competency_weights", {})
    for path, value in overrides:
        _set(data, path, json.loads(value))
    competencies = _competency_rows()
    canonical = json.dumps({"rubric": data, "competencies": competencies}, sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)  # fmt: skip
    version = f"{data.get('label', '?')}-{hashlib.sha256(canonical.encode()).hexdigest()[:10]}"
    return EffectiveRubric(data, competencies, version)


@cache
def _cached(overrides: tuple[tuple[str, str], ...]) -> EffectiveRubric:
    return _build(overrides)


def effective_rubric(scenario: Scenario) -> EffectiveRubric:
    """The scenario's effective rubric (cached: scoring asks for it for every game)."""
    given = _scenario_overrides(scenario.scoring)
    key = tuple(sorted((k, json.dumps(v, sort_keys=True)) for k, v in given.items()))
    return _cached(key)
