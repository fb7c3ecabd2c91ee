"""Parallel forms: a scenario whose hidden truth varies with the seed, within authored bounds.

A trainer writes, in place of any value of a scenario file:

    by_form: {coast: …, city: …, default: …}    the value follows the form drawn for the seed
                                                  (a key may also be a tag several forms carry)
    one_of: [a, b, c]  (and optionally weights: [2, 1, 1])   one of these, drawn on its own
    between: [2, 4]                               a number in the range (whole numbers if both are)

and lists the forms at the top level (`forms: [{id, title, weight}]`). Each game draws its
form and every other variation from the seed, on a stream of its own (`Stream.FORM`), before
the game starts: the same seed gives every member of a cohort the same world, two seeds give
different ones, and a memorised walkthrough from one seed does not carry over to another.

The loader (`extract`) takes the variation out of the file's data, leaving the first form's
values in place (so the scenario validates as an ordinary one), and keeps each variation as
a `Point`: where it is, and its options. `resolve` puts one form's choices back in; the
loader validates every form that way, so each option is checked where it is written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kamsim.scenario.problems import dotted
from kamsim.sums import ordered_sum

NodePath = tuple[str | int, ...]
KEYWORDS = ("by_form", "one_of", "between")
DEFAULT = "default"


@dataclass(frozen=True)
class Point:
    """One variation in the scenario: where it is and what it can be."""

    path: NodePath
    kind: str  # "by_form" | "one_of" | "between"
    options: tuple[Any, ...] = ()  # one_of: the values; between: (lo, hi)
    by_form: Mapping[str, Any] = field(default_factory=dict)  # by_form: key written → value
    keys: Mapping[str, str] = field(default_factory=dict)  # by_form: form id → key it uses
    weights: tuple[float, ...] = ()  # one_of only
    integer: bool = False  # between two whole numbers

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": list(self.path), "kind": self.kind}
        if self.kind == "by_form":
            out["by_form"] = {f: self.by_form[k] for f, k in self.keys.items()}
        else:
            out["options"] = list(self.options)
        if self.weights:
            out["weights"] = list(self.weights)
        return out

    def passes(self, forms: list[str]) -> int:
        """How many validation passes it takes to see each of its options once."""
        if self.kind == "by_form":
            return len(forms)
        return len(self.options)

    def option_for(self, form: str, index: int) -> tuple[tuple[str | int, ...], Any]:
        """(where the option is written, its value) for a validation pass."""
        if self.kind == "by_form":
            key = self.keys[form]
            return ("by_form", key), self.by_form[key]
        i = index % len(self.options)
        return (self.kind, i), self.options[i]


@dataclass(frozen=True)
class Problem:
    """A variation written wrongly: where (a path in the file's data) and what."""

    path: NodePath
    message: str


@dataclass
class Extracted:
    data: dict[str, Any]  # the file's data with each variation replaced by its first option
    points: list[Point]
    problems: list[Problem]


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and any(k in value for k in KEYWORDS)


def _contains_node(value: Any) -> bool:
    if _is_node(value):
        return True
    if isinstance(value, dict):
        return any(_contains_node(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_node(v) for v in value)
    return False


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _form_keys(
    options: dict[str, Any], path: NodePath, tags: dict[str, list[str]]
) -> dict[str, str] | Problem:
    """Which key of a by_form each form uses: its id, else one of its tags, else 'default'."""
    keys = {}
    for form, form_tags in tags.items():
        if form in options:
            keys[form] = form
            continue
        tagged = [t for t in form_tags if t in options]
        if len(tagged) > 1:
            return Problem((*path, "by_form", tagged[1]), f"form '{form}' carries both tags "
                           f"'{tagged[0]}' and '{tagged[1]}': give it one value")  # fmt: skip
        if tagged:
            keys[form] = tagged[0]
        elif DEFAULT in options:
            keys[form] = DEFAULT
        else:
            return Problem((*path, "by_form"), f"no value for form '{form}': give it one (by "
                           "its id or one of its tags), or a 'default'")  # fmt: skip
    return keys


def _point(node: dict[str, Any], path: NodePath, tags: dict[str, list[str]]) -> Point | Problem:
    """The variation a node describes, or what is wrong with it."""
    forms = list(tags)
    keys = set(node)
    if "by_form" in keys:
        if keys != {"by_form"}:
            return Problem(path, "by_form cannot be mixed with other keys: put the whole value "
                                 "of each form under by_form")  # fmt: skip
        options = node["by_form"]
        if not isinstance(options, dict) or not options:
            return Problem(path, "by_form needs a mapping of form id → value")
        if not forms:
            return Problem(path, "by_form needs the forms listed at the top level ('forms:')")
        known = {*forms, *(t for ts in tags.values() for t in ts)}
        unknown = [k for k in options if k not in known and k != DEFAULT]
        if unknown:
            from kamsim.scenario.lint import suggest

            return Problem((*path, "by_form", unknown[0]),
                           f"unknown form or tag '{unknown[0]}'{suggest(unknown[0], known)}; the "
                           f"forms are {', '.join(forms)} (or 'default' for the rest)")  # fmt: skip
        form_keys = _form_keys(options, path, tags)
        if isinstance(form_keys, Problem):
            return form_keys
        return Point(path, "by_form", by_form=dict(options), keys=form_keys)
    if "one_of" in keys:
        if not keys <= {"one_of", "weights"}:
            return Problem(path, "one_of can only come with weights")
        options = node["one_of"]
        if not isinstance(options, list) or not options:
            return Problem((*path, "one_of"), "one_of needs a list of at least one value")
        weights = node.get("weights")
        if weights is None:
            return Point(path, "one_of", tuple(options))
        if (not isinstance(weights, list) or len(weights) != len(options)
                or not all(_number(w) and w > 0 for w in weights)):  # fmt: skip
            return Problem((*path, "weights"), f"weights must be {len(options)} positive numbers, "
                                                "one for each value of one_of")  # fmt: skip
        return Point(path, "one_of", tuple(options), weights=tuple(float(w) for w in weights))
    bounds = node["between"]
    if keys != {"between"}:
        return Problem(path, "between cannot be mixed with other keys")
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(_number(b) for b in bounds)):
        return Problem((*path, "between"), "between needs two numbers: [lowest, highest]")
    lo, hi = bounds
    if lo > hi:
        return Problem((*path, "between"), f"between [{lo}, {hi}]: the lowest comes first")
    integer = isinstance(lo, int) and isinstance(hi, int)
    return Point(path, "between", (lo, hi), integer=integer)


def _walk(value: Any, path: NodePath) -> Iterator[tuple[NodePath, Any]]:
    yield path, value
    if _is_node(value):
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))


def extract(data: dict[str, Any]) -> Extracted:
    """Take the variation out of a scenario file's data (see the module docstring)."""
    tags = form_tags(data)
    forms = list(tags)
    points: list[Point] = []
    problems: list[Problem] = []
    nodes = 0
    for path, value in _walk(data, ()):
        if not path or path[0] == "forms" or not _is_node(value):
            continue
        nodes += 1
        found = _point(value, path, tags)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        inner = found.by_form.values() if found.kind == "by_form" else found.options
        if any(_contains_node(v) for v in inner):
            problems.append(Problem(path, "a variation inside a variation is not supported: "
                                          "vary the whole value with one by_form"))  # fmt: skip
            continue
        points.append(found)
    if forms and not nodes:
        problems.append(Problem(("forms",), "forms are listed but no value uses by_form"))
    resolved = resolve(data, points, forms[0] if forms else "", 0) if points else data
    return Extracted(resolved, points, problems)


def form_tags(data: dict[str, Any]) -> dict[str, list[str]]:
    """Form id → its tags, in file order (what by_form keys may name)."""
    forms = data.get("forms")
    if not isinstance(forms, list):
        return {}
    out = {}
    for f in forms:
        if isinstance(f, dict) and isinstance(f.get("id"), str):
            tags = f.get("tags")
            out[f["id"]] = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
    return out


def _set(data: Any, path: NodePath, value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced (copies only along the path)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        out = dict(data)
        out[head] = _set(data[head], rest, value)
        return out
    out_list = list(data)
    out_list[head] = _set(data[head], rest, value)  # type: ignore[index]
    return out_list


def resolve(data: dict[str, Any], points: list[Point], form: str, index: int) -> dict[str, Any]:
    """The data with every variation set for one validation pass (form, option index)."""
    out = data
    for point in points:
        if point.kind == "between":
            value: Any = point.options[index % 2]
        else:
            value = point.option_for(form, index)[1]
        out = _set(out, point.path, value)
    return out


def remap(positions: Mapping[NodePath, Any], points: list[Point], form: str,
          index: int) -> dict[NodePath, Any]:  # fmt: skip
    """A pass's positions: each chosen option's entries moved to where its value now stands."""
    chosen: dict[NodePath, tuple[str | int, ...]] = {}
    for point in points:
        if point.kind == "between":
            chosen[point.path] = ("between", index % 2)
        else:
            chosen[point.path] = point.option_for(form, index)[0]
    out: dict[NodePath, Any] = {}
    for key, pos in positions.items():
        for n in range(len(key)):
            prefix = key[:n]
            if prefix in chosen:
                seg = chosen[prefix]
                if key[n : n + len(seg)] == seg:
                    out[(*prefix, *key[n + len(seg) :])] = pos
                break
        else:
            out[key] = pos
    return out


def passes(points: list[Point], forms: list[str]) -> list[tuple[str, int]]:
    """(form, option index) pairs that show every form and every option at least once."""
    n = max([len(forms), *(p.passes(forms) for p in points if p.kind != "by_form"), 1])
    if any(p.kind == "between" for p in points):
        n = max(n, 2)
    return [(forms[i % len(forms)] if forms else "", i) for i in range(n)]


# ---------------------------------------------------------------- drawing a form for a seed
@dataclass(frozen=True)
class Drawn:
    """A game's form: the form id and the value drawn for each independent variation."""

    form: str | None
    values: tuple[tuple[str, Any], ...]  # (dotted path, value) of one_of and between points

    def to_data(self) -> dict[str, Any]:
        return {"form": self.form, "values": {p: v for p, v in self.values}}

    def key(self) -> str:
        return json.dumps(self.to_data(), sort_keys=True)


def _pick(weights: list[float], u: float) -> int:
    total = ordered_sum(weights)
    edge = 0.0
    for i, w in enumerate(weights):
        edge += w / total
        if u < edge:
            return i
    return len(weights) - 1


def draw(forms: list[tuple[str, float]], points: list[Point], seed: int) -> Drawn:
    """The form and the independent variations of the game played on this seed."""
    from kamsim.sim.rng import Stream, Streams  # the dice live with the simulation

    streams = Streams(seed)
    form = None
    if forms:
        form = forms[_pick([w for _, w in forms], streams.uniform(Stream.FORM, "form"))][0]
    values = []
    for point in points:
        where = dotted(point.path)
        if point.kind == "one_of":
            weights = list(point.weights) or [1.0] * len(point.options)
            index = _pick(weights, streams.uniform(Stream.FORM, "one_of", where))
            values.append((where, point.options[index]))
        elif point.kind == "between":
            lo, hi = point.options
            u = streams.uniform(Stream.FORM, "between", where)
            value = lo + math.floor(u * (hi - lo + 1)) if point.integer else lo + u * (hi - lo)
            values.append((where, value))
    return Drawn(form, tuple(values))


def apply(data: dict[str, Any], points: list[Point], drawn: Drawn) -> dict[str, Any]:
    """The scenario data of one game: every variation set to what was drawn."""
    chosen = dict(drawn.values)
    out = data
    for point in points:
        if point.kind == "by_form":
            value = point.by_form[point.keys[str(drawn.form)]]
        else:
            value = chosen[dotted(point.path)]
        out = _set(out, point.path, value)
    return out
