"""pydantic validation errors → `FILE:LINE:COL: path: message` problems in plain English."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from kamsim.scenario.introspect import allowed_keys, field_bounds, field_choices
from kamsim.scenario.problems import Problem, dotted
from kamsim.scenario.words import number, python_words, short
from kamsim.scenario.yamlload import LoadedYaml, NodePath, Position

# --------------------------------------------------------------------------- validation errors

_NUMBER_ERRORS = frozenset(
    {"int_type", "int_parsing", "float_type", "float_parsing", "decimal_type", "decimal_parsing"}
)
_LIST_ERRORS = frozenset(
    {"list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"}
)
_MAPPING_ERRORS = frozenset(
    {"dict_type", "model_type", "model_attributes_type", "mapping_type", "dataclass_type"}
)
_DATE_ERRORS = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)
_BOUND_WORDS = (("ge", "at least"), ("gt", "more than"), ("le", "at most"), ("lt", "less than"))
_BOUND_ERRORS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})

AllowedKeys = Callable[[NodePath], Iterable[str]] | Mapping[NodePath, Iterable[str]]


@dataclass(frozen=True)
class _Translator:
    """Turns one pydantic error dict into a Problem, using the file's positions and hints."""

    loaded: LoadedYaml
    model: type[BaseModel] | None
    allowed: AllowedKeys | None

    def problem(self, error: Mapping[str, Any]) -> Problem:
        kind = error["type"]
        path = _data_path(self.loaded.data, error["loc"], kind == "missing")
        if kind in ("missing", "union_tag_not_found"):
            return self._missing(error, path)
        if kind == "extra_forbidden":
            return self._extra(path, error["loc"])
        if kind == "union_tag_invalid":
            path = (*path, _unquote(error["ctx"]["discriminator"]))
        message = self._message(error, path)
        hint = self.loaded.hints.get(path)
        if hint:
            message = f"{message}; hint: {hint}"
        return self._at(path, self.loaded.position_for(path), message)

    def _at(self, path: NodePath, position: Position, message: str) -> Problem:
        return Problem(self.loaded.file, position[0], position[1], dotted(path), message)

    def _missing(self, error: Mapping[str, Any], path: NodePath) -> Problem:
        if error["type"] == "union_tag_not_found":
            key = _unquote(error["ctx"]["discriminator"])
            return self._at(path, self.loaded.position_for(path), f"missing required key '{key}'")
        parent, key = path[:-1], path[-1] if path else "?"
        return self._at(parent, self.loaded.position_for(parent), f"missing required key '{key}'")

    def _extra(self, path: NodePath, loc: Sequence[str | int]) -> Problem:
        key = str(path[-1]) if path else "?"
        options = [k for k in self._allowed(path[:-1], loc[:-1]) if k != key]
        close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        if close:
            message = f"unknown key '{key}'; did you mean '{close[0]}'?"
        elif options:
            message = f"unknown key '{key}' (allowed keys: {', '.join(options)})"
        else:
            message = f"unknown key '{key}'"
        return self._at(path, self.loaded.key_position(path), message)

    def _allowed(self, parent: NodePath, parent_loc: Sequence[str | int]) -> list[str]:
        if isinstance(self.allowed, Mapping):
            return list(self.allowed.get(parent, ()))
        if callable(self.allowed):
            return list(self.allowed(parent))
        return allowed_keys(self.model, parent_loc) if self.model is not None else []

    def _message(self, error: Mapping[str, Any], path: NodePath) -> str:
        kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
        if kind in _BOUND_ERRORS:
            return self._range(ctx, error["loc"], value)
        if kind in ("literal_error", "enum", "union_tag_invalid"):
            return self._one_of(ctx, path, _tag_loc(error), value)
        return _simple_message(kind, error.get("msg", ""), value, ctx)

    def _range(self, ctx: Mapping[str, Any], loc: Sequence[str | int], value: Any) -> str:
        bounds = {**field_bounds(self.model, loc), **ctx}
        if "ge" in bounds and "le" in bounds:
            rule = f"between {number(bounds['ge'])} and {number(bounds['le'])}"
        else:
            rule = " and ".join(
                f"{words} {number(bounds[key])}" for key, words in _BOUND_WORDS if key in bounds
            )
        return f"must be {rule} (got {short(value)})"

    def _one_of(
        self, ctx: Mapping[str, Any], path: NodePath, loc: Sequence[str | int], value: Any
    ) -> str:
        choices = [str(c) for c in field_choices(self.model, loc)] or _parse_expected(ctx)
        if "tag" in ctx:
            value = ctx["tag"]
        message = f"must be one of: {', '.join(choices)} (got {short(value)})"
        lowered = {c.lower(): c for c in choices}
        text = self.loaded.raw_scalars.get(path, str(value))
        close = [lowered[text.lower()]] if text.lower() in lowered else []
        close = close or difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
        return f"{message}; did you mean '{close[0]}'?" if close else message


def _tag_loc(error: Mapping[str, Any]) -> tuple[str | int, ...]:
    """Model location of a value; for a bad union tag, the discriminator field itself."""
    loc = tuple(error["loc"])
    if error["type"] == "union_tag_invalid":
        return (*loc, _unquote(error["ctx"]["discriminator"]))
    return loc


def _simple_message(kind: str, msg: str, value: Any, ctx: Mapping[str, Any]) -> str:
    """Plain-English text for error types that need no model knowledge."""
    got = f"(got {python_words(value)})"
    sized = _sized_message(kind, value, ctx)
    if sized:
        return sized
    if kind in _NUMBER_ERRORS:
        return f"must be a number {got}"
    if kind == "int_from_float":
        return f"must be a whole number (got {short(value)})"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false {got}"
    if kind == "string_type":
        return f"must be text {got}"
    if kind in _LIST_ERRORS:
        return f"must be a list {got}"
    if kind in _MAPPING_ERRORS:
        return f"must be a mapping {got}"
    if kind in _DATE_ERRORS:
        return f"must be a date like 2025-03-31 {got}"
    if kind in ("value_error", "assertion_error"):
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return _reword(msg)


def _sized_message(kind: str, value: Any, ctx: Mapping[str, Any]) -> str | None:
    """Messages for length, pattern and multiple-of constraints."""
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "string_too_short":
        return f"must be at least {ctx.get('min_length')} characters long (got {len(value)})"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters long (got {len(value)})"
    if kind in ("too_short", "too_long"):
        limit = "at least" if kind == "too_short" else "at most"
        count = ctx.get("min_length" if kind == "too_short" else "max_length")
        return f"must have {limit} {count} item(s) (got {ctx.get('actual_length')})"
    if kind == "string_pattern_mismatch":
        return f"must match the pattern {ctx.get('pattern')} (got {short(value)})"
    if kind == "multiple_of":
        return f"must be a multiple of {number(ctx.get('multiple_of'))} (got {short(value)})"
    return None


def _reword(msg: str) -> str:
    """Fallback: pydantic's own sentence, turned into a 'must be …' phrase."""
    text = msg.replace("Input should be", "must be").replace("Input should", "must")
    return text[:1].lower() + text[1:] if text else "is not valid"


def _parse_expected(ctx: Mapping[str, Any]) -> list[str]:
    """Choices from pydantic's ``expected`` text, e.g. "'a', 'b' or 'c'"."""
    expected = ctx.get("expected_tags") or ctx.get("expected") or ""
    parts = re.split(r", | or ", str(expected))
    return [_unquote(part.strip()) for part in parts if part.strip()]


def _unquote(text: str) -> str:
    text = str(text)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _data_path(data: Any, loc: Sequence[str | int], keep_missing: bool) -> NodePath:
    """Pydantic location -> path in the data, dropping union/validator segments.

    Segments that are not in the data (``function-after[…]``, union member or
    tag names) are skipped; the final segment of a ``missing`` error is kept
    because it names the key the trainer has to add.
    """
    path: list[str | int] = []
    current = data
    for index, segment in enumerate(loc):
        if _has_child(current, segment):
            current = current[segment]
            path.append(segment)
        elif keep_missing and index == len(loc) - 1 and isinstance(current, dict):
            path.append(segment)
    return tuple(path)


def _has_child(container: Any, segment: str | int) -> bool:
    if isinstance(container, dict):
        return isinstance(segment, str) and segment in container
    if isinstance(container, list):
        return isinstance(segment, int) and 0 <= segment < len(container)
    return False


def _branch(data: Any, error: Mapping[str, Any]) -> tuple[tuple[Any, ...], str] | None:
    """(location of the union, member label) if the error sits inside a union member."""
    loc, current = error["loc"], data
    for index, segment in enumerate(loc):
        if _has_child(current, segment):
            current = current[segment]
        elif error["type"] == "missing" and index == len(loc) - 1:
            return None
        else:
            return tuple(loc[:index]), str(segment)
    return None


def _best_branches(errors: list[Any], data: Any) -> list[Any]:
    """Keep, per union, only the member(s) with the fewest errors.

    Pydantic reports why *every* union member failed; a trainer needs the
    member they were evidently writing, i.e. the one closest to passing.
    """
    counts: dict[tuple[Any, ...], dict[str, int]] = {}
    for error in errors:
        branch = _branch(data, error)
        if branch:
            members = counts.setdefault(branch[0], {})
            members[branch[1]] = members.get(branch[1], 0) + 1
    kept = []
    for error in errors:
        branch = _branch(data, error)
        if branch is None or counts[branch[0]][branch[1]] == min(counts[branch[0]].values()):
            kept.append(error)
    return kept


def problems_from_validation_error(
    err: ValidationError,
    loaded: LoadedYaml,
    *,
    model: type[BaseModel] | None = None,
    allowed: AllowedKeys | None = None,
) -> list[Problem]:
    """Translate every pydantic error into a located, plain-English Problem.

    ``model`` (the validated class) lets us suggest key names and show both
    bounds of a range; ``allowed`` overrides key suggestions per mapping path.
    """
    translator = _Translator(loaded, model, allowed)
    errors = _best_branches(err.errors(include_url=False), loaded.data)
    problems = [translator.problem(e) for e in errors]
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=Problem.sort_key)
