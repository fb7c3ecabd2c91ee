"""pydantic validation errors → `FILE:LINE:COL: path: message` problems in plain English."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from kamsim.scenario.base import Id
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
_CHOICE_ERRORS = frozenset({"literal_error", "enum"})
# Errors that say the value is of another kind altogether (text where a number belongs).
_TYPE_ERRORS = frozenset(
    _NUMBER_ERRORS | _LIST_ERRORS | _MAPPING_ERRORS | _DATE_ERRORS | _CHOICE_ERRORS
    | {"string_type", "bool_type", "bool_parsing"}
)  # fmt: skip
# A union whose every member refused the value's kind: one message lists what it may be.
_ALTERNATIVES = "kamsim_alternatives"

AllowedKeys = Callable[[NodePath], Iterable[str]] | Mapping[NodePath, Iterable[str]]

# A number outside its range: the field wanted a number and got one, so a YAML reading
# hint ("write '0.0' in quotes if you meant a version") would point the wrong way.
_RANGE_KINDS = _BOUND_ERRORS | {"multiple_of", "finite_number"}


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
        if hint and kind not in _RANGE_KINDS:  # a number out of range was meant as a number
            message = f"{message}; hint: {hint}"
        on_key = error["loc"][-1:] == ("[key]",)  # a bad key of a mapping: point at the key
        position = self.loaded.key_position(path) if on_key else self.loaded.position_for(path)
        return self._at(path, position, message)

    def _at(self, path: NodePath, position: Position, message: str) -> Problem:
        return Problem(self.loaded.file, position[0], position[1], dotted(path), message)

    def _missing(self, error: Mapping[str, Any], path: NodePath) -> Problem:
        if error["type"] == "union_tag_not_found":
            tag = _unquote(error["ctx"]["discriminator"])
            return self._at(path, self.loaded.position_for(path), f"missing required key '{tag}'")
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
        if kind == _ALTERNATIVES:
            return self._alternatives(ctx["members"], path, value)
        if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
            return self._id(error, path, value)
        return _simple_message(kind, error.get("msg", ""), value, ctx)

    def _range(self, ctx: Mapping[str, Any], loc: Sequence[str | int], value: Any) -> str:
        bounds = {**self._bounds(loc), **ctx}
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
        return message + self._did_you_mean(path, value, choices)

    def _did_you_mean(self, path: NodePath, value: Any, choices: Sequence[str]) -> str:
        """ "; did you mean 'x'?" for the choice the written text is closest to, or ""."""
        lowered = {c.lower(): c for c in choices}
        text = self.loaded.raw_scalars.get(path, str(value))
        close = [lowered[text.lower()]] if text.lower() in lowered else []
        close = close or difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
        return f"; did you mean '{close[0]}'?" if close else ""

    def _bounds(self, loc: Sequence[str | int]) -> dict[str, Any]:
        """The limits the model sets at `loc`, also when `loc` names a union member.

        Pydantic adds the member's label (`constrained-float`) to the location; the model
        knows the limits at the union's own place.
        """
        bounds = field_bounds(self.model, loc)
        branch = None if bounds else _branch(self.loaded.data, {"type": "", "loc": loc})
        return field_bounds(self.model, branch[0]) if branch else bounds

    def _alternatives(
        self, members: Sequence[Mapping[str, Any]], path: NodePath, value: Any
    ) -> str:
        """One message for a value every member of a union refused: what it may be, in words.

        `relationship: good` is neither a number nor a level name; two contradictory lines
        ("must be a number", "must be one of …") would each seem to rule out the other.
        """
        phrases = list(dict.fromkeys(self._kind_phrase(e) for e in members))
        choices = [c for e in members if e["type"] in _CHOICE_ERRORS for c in _choices(e)]
        message = f"must be {' or '.join(phrases)} (got {short(value)})"
        return message + (self._did_you_mean(path, value, choices) if choices else "")

    def _kind_phrase(self, error: Mapping[str, Any]) -> str:
        """What one union member accepts: 'a number from 0 to 1', 'one of: a, b', 'text' …"""
        kind = error["type"]
        if kind in _CHOICE_ERRORS:
            choices = _choices(error)
            return f"'{choices[0]}'" if len(choices) == 1 else f"one of: {', '.join(choices)}"
        if kind in _NUMBER_ERRORS:
            noun = "a whole number" if kind.startswith("int") else "a number"
            return noun + _limits_phrase(self._bounds(error["loc"]))
        return _KIND_PHRASES.get(kind, "a valid value")

    def _id(self, error: Mapping[str, Any], path: NodePath, value: Any) -> str:
        """An id in words, and the id the trainer probably meant (`Respirel` → `respirel`)."""
        text = str(value)
        rule = ID_WORDS + (", starting with a letter or digit" if text[:1] in "_-" else "")
        meant = self._known_ids.suggest(text, _referred_kind(path, error["loc"]))
        message = f"must be {rule} (got {short(value)})"
        return f"{message}; did you mean '{meant}'?" if meant and meant != text else message

    @cached_property
    def _known_ids(self) -> _KnownIds:
        return _KnownIds.of(self.loaded.data)


_KIND_PHRASES = {
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    **{kind: "a list" for kind in _LIST_ERRORS},
    **{kind: "a mapping" for kind in _MAPPING_ERRORS},
    **{kind: "a date like 2025-03-31" for kind in _DATE_ERRORS},
}


def _choices(error: Mapping[str, Any]) -> list[str]:
    return _parse_expected(error.get("ctx") or {})


def _limits_phrase(bounds: Mapping[str, Any]) -> str:
    """' from 0 to 1' or ' (at least 0)': a number's limits, to follow 'a number'."""
    if "ge" in bounds and "le" in bounds:
        return f" from {number(bounds['ge'])} to {number(bounds['le'])}"
    words = [f"{w} {number(bounds[key])}" for key, w in _BOUND_WORDS if key in bounds]
    return f" ({' and '.join(words)})" if words else ""


# --------------------------------------------------------------------------- ids in words

ID_PATTERN: str = next(m.pattern for m in get_args(Id)[1:] if getattr(m, "pattern", None))
ID_WORDS = "an id: lower-case letters, digits, _ and -"
_ID = re.compile(ID_PATTERN)
# Where a list of things with ids lives, under a key other than its kind's plural.
_HOLDER_KINDS = {"replacement": "stakeholders", "blockage": "blockages"}
# A field that names an id → the kind it names (the key of the list holding those things).
_REFERS_TO = {
    "product": "products", "formulary": "products",
    "account": "accounts", "accounts": "accounts", "merge_into": "accounts",
    "stakeholder": "stakeholders", "to": "stakeholders", "leaves": "stakeholders",
    "question": "questions", "fact": "facts", "reveal": "facts",
    "project": "projects", "projects": "projects", "campaign": "brand_campaigns",
    "colleagues": "colleagues", "criteria": "criteria", "blockage": "blockages",
}  # fmt: skip


def _referred_kind(path: NodePath, loc: Sequence[str | int]) -> str | None:
    """The kind of thing the id at `path` names; "id" for an id being defined."""
    if not path:
        return None
    names_a_key = tuple(loc[-1:]) == ("[key]",)
    field = path[-2] if (names_a_key or isinstance(path[-1], int)) and len(path) > 1 else path[-1]
    return "id" if field == "id" else _REFERS_TO.get(str(field))


def _slug(text: str) -> str:
    """The id a name would have: `Dr Anand` → `dr_anand`."""
    return re.sub(r"[^a-z0-9_-]+", "_", text.strip().lower()).strip("_-")


@dataclass(frozen=True)
class _KnownIds:
    """Every well-formed id written in the file, by kind, with its name: what a trainer may
    have meant by a malformed one."""

    kinds: Mapping[str, Mapping[str, str]]

    @classmethod
    def of(cls, data: Any) -> _KnownIds:
        found: dict[str, dict[str, str]] = {}
        _gather_ids(data, None, found)
        return cls(found)

    def suggest(self, text: str, kind: str | None) -> str | None:
        """The id meant: same letters in another case, an item's name, or a close id."""
        slug = _slug(text)
        if kind == "id":  # defining an id: the same name written as one
            return slug if _ID.fullmatch(slug) else None
        pool = dict(self.kinds.get(kind, {})) if kind else {}
        if not pool:
            pool = {i: n for ids in self.kinds.values() for i, n in ids.items()}
        by_name = {name.strip().lower(): i for i, name in pool.items() if name}
        if slug in pool:
            return slug
        if text.strip().lower() in by_name:
            return by_name[text.strip().lower()]
        close = difflib.get_close_matches(slug, sorted(pool), n=1, cutoff=0.6)
        close = close or [
            by_name[n] for n in difflib.get_close_matches(text.lower(), sorted(by_name), n=1)
        ]
        return close[0] if close else None


def _gather_ids(node: Any, key: str | None, found: dict[str, dict[str, str]]) -> None:
    """Collect `id` (and name or title) of every item, keyed by the list it sits in."""
    if isinstance(node, list):
        for item in node:
            if key and isinstance(item, dict):
                _record(item, key, found)
            _gather_ids(item, key, found)
    elif isinstance(node, dict):
        if key in _HOLDER_KINDS:
            _record(node, _HOLDER_KINDS[key], found)
        for child_key, child in node.items():
            _gather_ids(child, str(child_key), found)


def _record(item: dict[str, Any], kind: str, found: dict[str, dict[str, str]]) -> None:
    ident = item.get("id")
    if isinstance(ident, str) and _ID.fullmatch(ident):
        name = item.get("name") or item.get("title")
        found.setdefault(kind, {})[ident] = name if isinstance(name, str) else ""


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
    """Keep, per union, only the member(s) the trainer was evidently writing.

    Pydantic reports why *every* union member failed. A member of the value's own kind
    (its errors are about the value's limits, or deeper inside it) beats one of another
    kind; among those the one closest to passing, with the fewest errors, wins. When every
    member refused the value's kind, their errors become one that lists the alternatives.
    """
    members: dict[tuple[Any, ...], dict[str, list[Any]]] = {}
    for error in errors:
        branch = _branch(data, error)
        if branch:
            members.setdefault(branch[0], {}).setdefault(branch[1], []).append(error)
    chosen = {union: _chosen(union, found, data) for union, found in members.items()}
    kept: list[Any] = []
    merged: set[tuple[Any, ...]] = set()
    for error in errors:
        branch = _branch(data, error)
        if branch is None:
            kept.append(error)
            continue
        labels, alternatives = chosen[branch[0]]
        if alternatives is None and branch[1] in labels:
            kept.append(error)
        elif alternatives is not None and branch[0] not in merged:
            merged.add(branch[0])
            kept.append(alternatives)
    return kept


def _chosen(
    union: tuple[Any, ...], found: dict[str, list[Any]], data: Any
) -> tuple[set[str], dict[str, Any] | None]:
    """The member labels to report for one union, or one error naming every alternative."""
    here = _data_path(data, union, False)
    refused = {
        label for label, errs in found.items() if all(_wrong_kind(e, here, data) for e in errs)
    }
    pool = {label: errs for label, errs in found.items() if label not in refused} or found
    fewest = min(len(errs) for errs in pool.values())
    labels = {label for label, errs in pool.items() if len(errs) == fewest}
    if len(found) > 1 and refused == set(found):
        errs = [e for label in found for e in found[label]]
        return labels, {"type": _ALTERNATIVES, "loc": union, "input": errs[0].get("input"),
                        "ctx": {"members": errs}}  # fmt: skip
    return labels, None


def _wrong_kind(error: Mapping[str, Any], here: NodePath, data: Any) -> bool:
    """Did this union member refuse the value itself for being of another kind?"""
    path = _data_path(data, error["loc"], error["type"] == "missing")
    return error["type"] in _TYPE_ERRORS and path == here


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
