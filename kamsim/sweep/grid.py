"""The grid of a sensitivity sweep: `PATH=LO:HI:N` parameters and the scenarios they make.

A parameter is a dotted path into the scenario *file* (what a trainer writes), so anything
numeric can be swept: `dynamics.consent.threshold`, `company.max_key_accounts`,
`accounts.hollin_general.market_value`. A list is entered by an item's `id` (or by its
position, from 0); a `dynamics` value the file leaves at its default is added, so the
documented defaults can be swept without writing them out first. Each grid point's scenario
is the file's data with the values set, written out and loaded again through the same
checks as any scenario file, so a value out of range gets the validator's own message.
"""

from __future__ import annotations

import copy
import itertools
import math
from dataclasses import dataclass
from typing import Any

from kamsim.errors import UserError
from kamsim.scenario.model import Scenario

MAX_POINTS = 400  # grid points per sweep: each one is a calibration and an audit
EXIT_USAGE = 2


@dataclass(frozen=True)
class Param:
    """One swept parameter: where in the file, and the values it takes (LO..HI, N steps)."""

    path: str
    low: float
    high: float
    steps: int
    whole: bool = False  # the field holds whole numbers: values are rounded

    @property
    def values(self) -> tuple[float, ...]:
        if self.steps == 1:
            raw = [self.low]
        else:
            step = (self.high - self.low) / (self.steps - 1)
            raw = [self.low + i * step for i in range(self.steps)]
        if self.whole:
            return tuple(dict.fromkeys(float(round(v)) for v in raw))
        return tuple(round(v, 10) for v in raw)

    def label(self, value: float) -> str:
        return f"{int(value)}" if self.whole else f"{value:g}"


def parse_param(text: str) -> Param:
    """`PATH=LO:HI:N` → Param, or a UserError that says what is wrong with it."""
    path, eq, spec = text.partition("=")
    parts = spec.split(":")
    if not eq or not path.strip() or len(parts) != 3:
        raise UserError(f"--param {text!r}: write it as PATH=LO:HI:N, e.g. "
                        "dynamics.consent.threshold=0.4:0.8:5", EXIT_USAGE)  # fmt: skip
    try:
        low, high = float(parts[0]), float(parts[1])
        steps = int(parts[2])
    except ValueError:
        raise UserError(f"--param {text!r}: LO and HI must be numbers and N a whole number",
                        EXIT_USAGE) from None  # fmt: skip
    if not (math.isfinite(low) and math.isfinite(high)) or high < low:
        raise UserError(f"--param {text!r}: need finite LO ≤ HI", EXIT_USAGE)
    if not 1 <= steps <= MAX_POINTS:
        raise UserError(f"--param {text!r}: N must be 1 to {MAX_POINTS}", EXIT_USAGE)
    return Param(path.strip(), low, high, steps)


def _step(node: Any, key: str, path: str, create: bool) -> Any:
    """The child of a file node by key, list item id or index (None when absent)."""
    if isinstance(node, dict):
        if key not in node and create:
            node[key] = {}
        return node.get(key)
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and item.get("id") == key:
                return item
        if key.isdigit() and int(key) < len(node):
            return node[int(key)]
        ids = [str(i.get("id")) for i in node if isinstance(i, dict) and "id" in i]
        hint = f" (ids: {', '.join(ids[:8])}{', …' if len(ids) > 8 else ''})" if ids else ""
        raise UserError(f"--param {path}: no item '{key}' in that list{hint}", EXIT_USAGE)
    raise UserError(f"--param {path}: '{key}' is inside a value, not a section", EXIT_USAGE)


def set_value(data: dict[str, Any], path: str, value: float) -> None:
    """Set the number at `path` in the file data (in place); missing `dynamics` sections are
    added, anything else must exist in the file."""
    keys = path.split(".")
    node: Any = data
    for i, key in enumerate(keys[:-1]):
        create = keys[0] == "dynamics" and isinstance(node, dict)
        child = _step(node, key, path, create)
        if child is None:
            where = ".".join(keys[: i + 1])
            raise UserError(f"--param {path}: the scenario has no '{where}'", EXIT_USAGE)
        node = child
    last = keys[-1]
    if isinstance(node, list):
        _step(node, last, path, False)
        raise UserError(f"--param {path}: names a whole item, not a number in it", EXIT_USAGE)
    if not isinstance(node, dict):
        raise UserError(f"--param {path}: '{keys[-2]}' is a value, not a section", EXIT_USAGE)
    old = node.get(last)
    if last not in node and keys[0] != "dynamics":
        raise UserError(f"--param {path}: the scenario file has no '{last}' there", EXIT_USAGE)
    if old is not None and (isinstance(old, bool) or not isinstance(old, int | float | dict)):
        raise UserError(f"--param {path}: holds {type(old).__name__} {old!r}, not a number",
                        EXIT_USAGE)  # fmt: skip
    node[last] = int(value) if isinstance(old, int) and value == int(value) else value


def _model_value(scenario: Scenario, path: str) -> Any:
    """The value the loaded scenario holds at `path` (None when it cannot be followed)."""
    node: Any = scenario
    for key in path.split("."):
        if isinstance(node, list):
            node = next((x for x in node if getattr(x, "id", None) == key), None) or (
                node[int(key)] if key.isdigit() and int(key) < len(node) else None
            )
        else:
            node = getattr(node, key, None)
        if node is None:
            return None
    return node


def checked(params: list[Param], scenario: Scenario) -> list[Param]:
    """The params, each known to name a number of this scenario (whole numbers marked)."""
    out = []
    if scenario.canonical_text() is None:
        raise UserError("a sweep needs a scenario read from a file", EXIT_USAGE)
    seen = set()
    for p in params:
        if p.path in seen:
            raise UserError(f"--param {p.path}: given twice", EXIT_USAGE)
        seen.add(p.path)
        set_value(copy.deepcopy(scenario._source_data), p.path, p.low)
        current = _model_value(scenario, p.path)
        if current is not None and (isinstance(current, bool) or not isinstance(
                current, int | float)):  # fmt: skip
            raise UserError(f"--param {p.path}: is not a number in the scenario", EXIT_USAGE)
        out.append(Param(p.path, p.low, p.high, p.steps, whole=isinstance(current, int)))
    points = math.prod(len(p.values) for p in out)
    if points > MAX_POINTS:
        raise UserError(f"the grid has {points:,} points; at most {MAX_POINTS} (each point is a "
                        "calibration and an audit)", EXIT_USAGE)  # fmt: skip
    return out


def grid(params: list[Param]) -> list[tuple[float, ...]]:
    """Every combination of the parameters' values, the first parameter varying slowest."""
    return list(itertools.product(*(p.values for p in params)))


def scenario_at(scenario: Scenario, params: list[Param], point: tuple[float, ...]) -> Scenario:
    """The scenario with the grid point's values set, loaded through the scenario checks."""
    import yaml

    from kamsim.scenario.load import scenario_from_text
    from kamsim.scenario.problems import LoadError

    data = copy.deepcopy(scenario._source_data)  # the file's own data
    for p, value in zip(params, point, strict=True):
        set_value(data, p.path, value)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    try:
        return scenario_from_text(text)
    except LoadError as err:
        where = ", ".join(f"{p.path}={p.label(v)}" for p, v in zip(params, point, strict=True))
        errors = [e for e in err.problems if e.severity == "error"] or err.problems
        lines = "\n".join(
            f"  {e.path}: {e.message}" if e.path else f"  {e.message}" for e in errors
        )
        raise UserError(f"the scenario at {where} is not valid:\n{lines}", EXIT_USAGE) from None
