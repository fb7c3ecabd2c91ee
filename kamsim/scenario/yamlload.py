"""Trainer-grade YAML loading: safe parsing with line/column for every value.

Scenario and playbook files are written by trainers, not programmers. A raw
PyYAML or pydantic traceback is useless to them, so this module

* reads files defensively (size cap, UTF-8 check, binary detection),
* composes the YAML node graph with PyYAML's SafeLoader but builds the Python
  values itself, so no tag can ever construct an arbitrary object,
* refuses tags, aliases, duplicate keys, non-text keys and deep nesting,
* remembers the (line, col) of every value and key, and the YAML 1.1 traps
  (``NO`` -> false, ``1.10`` -> 1.1, ``0755`` -> 493, ``12:30`` -> 750),
* and translates pydantic validation errors into ``FILE:LINE:COL: path: message``
  problems written in plain English.
"""

from __future__ import annotations

import difflib
import enum
import re
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kamsim.scenario.problems import LoadError, Problem, dotted

__all__ = [
    "LoadError",
    "LoadedYaml",
    "NodePath",
    "Problem",
    "allowed_keys",
    "load_yaml",
    "problems_from_validation_error",
]

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_NULL_TAG = _YAML_TAG_PREFIX + "null"
_IMPLICIT_TAGS = frozenset(
    _YAML_TAG_PREFIX + name for name in ("null", "bool", "int", "float", "timestamp")
)
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
# Upper bound on values produced when aliases are allowed (guards "billion laughs").
_MAX_EXPANDED_NODES = 200_000


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class LoadedYaml:
    """Plain Python data of a YAML file plus where each piece came from."""

    file: str
    text: str
    data: dict[str, Any]
    positions: dict[NodePath, Position]
    key_positions: dict[NodePath, Position] = field(default_factory=dict)
    hints: dict[NodePath, str] = field(default_factory=dict)
    raw_scalars: dict[NodePath, str] = field(default_factory=dict)

    def position_for(self, loc: Sequence[str | int]) -> Position:
        """Best (line, col) for a location, even one that is not in the file.

        Segments that do not exist in the data (a missing key, a pydantic union
        tag) are skipped, so the answer is the deepest existing node along the
        way, e.g. the mapping that lacks a required key.
        """
        current: NodePath = ()
        for segment in loc:
            if (*current, segment) in self.positions:
                current = (*current, segment)
        return self.positions.get(current, (1, 1))

    def key_position(self, path: Sequence[str | int]) -> Position:
        """(line, col) of the key that introduces ``path``; the value's position otherwise."""
        return self.key_positions.get(tuple(path)) or self.position_for(path)


# --------------------------------------------------------------------------- reading


class _Stop(Exception):
    """Internal: abort loading with one problem (turned into LoadError by load_yaml)."""

    def __init__(self, line: int, col: int, message: str, path: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.path = line, col, message, path


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` from a regular file, refusing anything else."""
    if not path.exists():
        raise _Stop(1, 1, "file not found")
    if path.is_dir():
        raise _Stop(1, 1, "this is a directory, not a YAML file")
    if not path.is_file():
        raise _Stop(1, 1, "this is not a regular file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Stop(1, 1, _too_big(size, max_bytes))
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _Stop(1, 1, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise _Stop(1, 1, _too_big(len(raw), max_bytes))
    return raw


def _too_big(size: int, max_bytes: int) -> str:
    return f"the file is {size:,} bytes, more than the limit of {max_bytes:,} bytes"


def _decode(raw: bytes) -> str:
    """Decode UTF-8 (dropping a BOM) and refuse control characters, with their position."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        raise _Stop(
            line,
            col,
            f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} at byte offset "
            f"{exc.start} cannot be read; save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, col = _char_position(text, bad.start())
        offset = len(text[: bad.start()].encode("utf-8")) + (len(raw) - len(text.encode()))
        raise _Stop(
            line,
            col,
            f"the file contains the control character 0x{ord(bad.group()):02x} at byte offset "
            f"{offset}; is this a binary file? Only plain text is allowed",
        )
    return text


def _byte_position(raw: bytes, offset: int) -> Position:
    """1-based (line, col) of a byte offset; col counts characters, as editors do."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(before) + 1


def _char_position(text: str, index: int) -> Position:
    """1-based (line, col) of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


# --------------------------------------------------------------------------- composing


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader whose composer records tags and aliases and stops deep nesting.

    Aliases are replaced by an empty placeholder node as soon as they are met,
    so an alias bomb never gets expanded at all.
    """

    def __init__(self, text: str, *, max_depth: int, allow_aliases: bool) -> None:
        super().__init__(text)
        self.max_depth = max_depth
        self.allow_aliases = allow_aliases
        self.depth = 0
        self.tags: list[tuple[str, yaml.Mark]] = []
        self.aliases: list[tuple[str, yaml.Mark]] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if not self.allow_aliases and self.check_event(AliasEvent):
            event = self.get_event()
            self.aliases.append((event.anchor, event.start_mark))
            return ScalarNode(_NULL_TAG, "", event.start_mark, event.end_mark)
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.tags.append((tag, event.start_mark))
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise _TooDeep(event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Unusual(Exception):
    """The fast path met something only the careful path reports well."""


def _fast_compose(text: str, max_depth: int) -> Node | None:
    """Compose a plain document with libyaml's C composer: most files are clean, and fast.

    Anything unusual — tags, anchors, aliases, several documents, tabs, any syntax error —
    raises _Unusual so the pure-Python path can report it with its precise messages. Depth is
    checked later, while the values are built.
    """
    if not getattr(yaml, "__with_libyaml__", False) or "\t" in text:
        raise _Unusual  # libyaml accepts some tabs that we want to report
    if any(ch in text for ch in "&*!") and _has_special_tokens(text):
        raise _Unusual
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        raise _Unusual from None


def _has_special_tokens(text: str) -> bool:
    """Does the text use anchors, aliases or tags (not just '&' or '!' inside prose)?"""
    special = (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)
    try:
        return any(isinstance(tok, special) for tok in yaml.scan(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return True


def _compose(text: str, max_depth: int, allow_aliases: bool) -> tuple[Node | None, list]:
    """Compose the node graph; return it with the problems met while composing."""
    try:
        return _fast_compose(text, max_depth), []
    except _Unusual:
        pass
    loader = _GuardedLoader(text, max_depth=max_depth, allow_aliases=allow_aliases)
    try:
        root = loader.get_single_node()
    except _TooDeep as exc:
        line, col = exc.mark.line + 1, exc.mark.column + 1
        raise _Stop(line, col, f"the data is nested more than {max_depth} levels deep") from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_stop(exc, text) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise _Stop(1, 1, f"the file is not valid YAML ({type(exc).__name__})") from None
    finally:
        loader.dispose()
    found = [_tag_stop(tag, mark) for tag, mark in loader.tags]
    if loader.aliases:
        found.append(_alias_stop(loader.aliases))
    return root, found


def _tag_stop(tag: str, mark: yaml.Mark) -> _Stop:
    shown = "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag
    return _Stop(mark.line + 1, mark.column + 1, f"YAML tags are not allowed; remove '{shown}'")


def _alias_stop(aliases: list[tuple[str, yaml.Mark]]) -> _Stop:
    anchor, mark = aliases[0]
    extra = f" (this file uses {len(aliases)} aliases)" if len(aliases) > 1 else ""
    return _Stop(
        mark.line + 1,
        mark.column + 1,
        f"YAML aliases are not allowed; write the value out in full instead of '*{anchor}'{extra}",
    )


# --------------------------------------------------------------------------- syntax errors

_TOKEN_WORDS = (
    ("<block end>", "the end of the indented block"),
    ("<block mapping start>", "a more indented key"),
    ("<block sequence start>", "a more indented list"),
    ("<stream end>", "the end of the file"),
    ("<document start>", "'---'"),
    ("<scalar>", "a value"),
    ("'?'", "a new key"),
)


def _syntax_stop(exc: yaml.MarkedYAMLError, text: str) -> _Stop:
    """Turn a PyYAML syntax error into one plain-English problem."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem, context = exc.problem or "", exc.context or ""
    ctx_line = exc.context_mark.line + 1 if exc.context_mark else line
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return _Stop(line, col, _tab_message(text, mark.index))
    if "quoted scalar" in context and exc.context_mark is not None:
        quote = text[exc.context_mark.index : exc.context_mark.index + 1]
        cm = exc.context_mark
        return _Stop(
            cm.line + 1,
            cm.column + 1,
            f"unclosed quote: the text starting with {quote} here is never closed "
            f"(no matching {quote} before the end of the file)",
        )
    return _Stop(line, col, _syntax_message(problem, context, ctx_line))


def _tab_message(text: str, index: int) -> str:
    line_start = text.rfind("\n", 0, index) + 1
    if text[line_start:index].strip(" \t") == "":
        return "tab character used for indentation; indent with spaces instead"
    return "tab character used as spacing; use spaces instead"


def _syntax_message(problem: str, context: str, ctx_line: int) -> str:
    if problem == "mapping values are not allowed here":
        return (
            "unexpected ':' here; check the indentation, or put the value in quotes "
            "if it contains ': '"
        )
    if problem.startswith("could not find expected ':'"):
        return f"expected 'key: value' (the entry starting at line {ctx_line} has no ':')"
    if problem == "but found another document":
        return "the file holds more than one YAML document; remove this '---' and what follows"
    if problem == "second occurrence" and "duplicate anchor" in context:
        return f"{context.split(';')[0].removeprefix('found ')} (first at line {ctx_line})"
    if "found character" in problem and "cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        return f"a value cannot start with '{char}'; put the value in quotes"
    for opener, closer, kind in (("[", "]", "list"), ("{", "}", "mapping")):
        if problem.startswith(f"expected ',' or '{closer}'"):
            return (
                f"the {kind} opened with '{opener}' at line {ctx_line} is not closed here; "
                f"add '{closer}' (or a ',' between items)"
            )
    if problem.startswith("expected <block end>"):
        return (
            f"this line is not indented like the block it belongs to (started at line {ctx_line})"
        )
    words = problem
    for token, word in _TOKEN_WORDS:
        words = words.replace(token, word)
    where = f" ({context} at line {ctx_line})" if context else ""
    return f"YAML syntax error: {words}{where}"


# --------------------------------------------------------------------------- building values


@dataclass
class _Builder:
    """Walks composed nodes into plain Python values, recording positions and problems."""

    max_depth: int
    budget: int | None = None
    positions: dict[NodePath, Position] = field(default_factory=dict)
    key_positions: dict[NodePath, Position] = field(default_factory=dict)
    hints: dict[NodePath, str] = field(default_factory=dict)
    raw_scalars: dict[NodePath, str] = field(default_factory=dict)
    problems: list[_Stop] = field(default_factory=list)
    constructor: SafeConstructor = field(default_factory=SafeConstructor)
    visited: int = 0

    def value(self, node: Node, path: NodePath, depth: int) -> Any:
        self.visited += 1
        if self.budget is not None and self.visited > self.budget:
            raise _Stop(1, 1, f"aliases expand the file to more than {self.budget:,} values")
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if depth > self.max_depth:  # files composed in C, and (recursive) aliases
            line, col = self.positions[path]
            raise _Stop(line, col, f"the data is nested more than {self.max_depth} levels deep")
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        raise _Stop(1, 1, f"unexpected YAML node {type(node).__name__}")

    def mapping(self, node: MappingNode, path: NodePath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in first_line:
                msg = f"duplicate key '{key}' (first at line {first_line[key]})"
                self.problems.append(_Stop(line, col, msg, dotted((*path, key))))
                continue
            first_line[key] = line
            self.key_positions[(*path, key)] = (line, col)
            result[key] = self.value(value_node, (*path, key), depth + 1)
        return result

    def key(self, node: Node, path: NodePath) -> str | None:
        """The key as text, or None after recording why it is not acceptable."""
        if isinstance(node, ScalarNode) and (node.style or node.tag not in _IMPLICIT_TAGS):
            return node.value  # text, or an explicit tag that is reported separately
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, ScalarNode) and (node.tag == _NULL_TAG or node.value == ""):
            msg = "empty key; every key must be text"
        elif isinstance(node, ScalarNode):
            shown = _python_words(self.scalar(node, ()))
            msg = (
                f"the key {node.value} is read as {shown}; keys must be text, "
                f"so write '{node.value}' in quotes"
            )
        else:
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            msg = f"keys must be text, not {kind}"
        self.problems.append(_Stop(line, col, msg, dotted(path)))
        return None

    def scalar(self, node: ScalarNode, path: NodePath) -> Any:
        if path:
            self.raw_scalars[path] = node.value
        value = _construct_scalar(self.constructor, node)
        if not node.style and path:  # plain (libyaml says "", PyYAML None)
            hint = _yaml11_hint(node.value, value)
            if hint:
                self.hints[path] = hint
        return value


def _construct_scalar(constructor: SafeConstructor, node: ScalarNode) -> Any:
    """Build one scalar by its resolved tag; anything unusual stays text."""
    builders: dict[str, Callable[[ScalarNode], Any]] = {
        _NULL_TAG: lambda _node: None,
        _YAML_TAG_PREFIX + "bool": constructor.construct_yaml_bool,
        _YAML_TAG_PREFIX + "int": constructor.construct_yaml_int,
        _YAML_TAG_PREFIX + "float": constructor.construct_yaml_float,
        _YAML_TAG_PREFIX + "timestamp": constructor.construct_yaml_timestamp,
    }
    build = builders.get(node.tag)
    if build is None:
        return node.value
    try:
        return build(node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return node.value  # e.g. 2024-02-30 or a 5000-digit number: keep the text


def _yaml11_hint(raw: str, value: Any) -> str | None:
    """Explain YAML 1.1 surprises for an unquoted scalar, or None if it reads as written."""
    if isinstance(value, bool):
        if raw.lower() in ("true", "false"):
            return None
        return _hint(raw, _python_words(value), "text")
    if isinstance(value, int) and ":" in raw:
        return _hint(raw, f"the number {value}", "a time or text")
    if isinstance(value, int) and _OCTAL.fullmatch(raw) and raw.strip("+-0_"):
        return _hint(raw, f"the number {value} (octal)", "text or a code")
    if isinstance(value, float) and ":" in raw:
        return _hint(raw, f"the number {_number(value)}", "a time or text")
    if isinstance(value, float) and "." in raw:
        fraction = re.split("[eE]", raw.split(".", 1)[1])[0]
        if fraction.endswith("0"):
            return _hint(raw, f"the number {_number(value)}", "a version or text")
    return None


def _hint(raw: str, reading: str, meant: str) -> str:
    return (
        f"the unquoted value {raw} is read as {reading}; "
        f"write '{raw}' in quotes if you meant {meant}"
    )


# --------------------------------------------------------------------------- public loader


def load_yaml(
    path: str | Path,
    *,
    max_bytes: int = 1_000_000,
    max_depth: int = 64,
    allow_aliases: bool = False,
    top: Literal["mapping", "list"] = "mapping",
) -> LoadedYaml:
    """Load a hand-written YAML file safely, or raise LoadError with located problems.

    `top` is what the document must hold: scenarios are mappings, playbooks are lists.
    """
    file = str(path)
    try:
        text = _decode(_read_bytes(Path(path), max_bytes))
        root, found = _compose(text, max_depth, allow_aliases)
        _check_top_level(root, top)
        budget = _MAX_EXPANDED_NODES if allow_aliases else None
        builder = _Builder(max_depth=max_depth, budget=budget)
        data = builder.value(root, (), 1)
    except _Stop as stop:
        raise LoadError([_problem(file, stop)]) from None
    problems = [_problem(file, s) for s in [*found, *builder.problems]]
    if problems:
        raise LoadError(sorted(problems, key=Problem.sort_key))
    return LoadedYaml(
        file=file,
        text=text,
        data=data,
        positions=builder.positions,
        key_positions=builder.key_positions,
        hints=builder.hints,
        raw_scalars=builder.raw_scalars,
    )


def _problem(file: str, stop: _Stop) -> Problem:
    return Problem(file, stop.line, stop.col, stop.path, stop.message)


def _check_top_level(root: Node | None, top: str) -> None:
    """The document must hold the expected kind; say so plainly for anything else."""
    wanted = "a mapping of keys" if top == "mapping" else "a list of '- ' items"
    if root is None:
        raise _Stop(1, 1, f"the file is empty (or has only comments); it must be {wanted}")
    expected = MappingNode if top == "mapping" else SequenceNode
    if isinstance(root, expected):
        return
    kinds = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a single value"}
    kind = kinds[type(root)]
    line, col = root.start_mark.line + 1, root.start_mark.column + 1
    if top == "mapping":
        raise _Stop(line, col, f"the top level must be a mapping of 'key: value' lines, not {kind}")
    raise _Stop(line, col, f"the top level must be a list of '- week: …' entries, not {kind}")


# --------------------------------------------------------------------------- words


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _python_words(value: Any) -> str:
    """How a trainer would name a parsed value: true, the number 3, text 'abc', a list …"""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, int | float):
        return f"the number {_number(value) if isinstance(value, float) else value}"
    if isinstance(value, str):
        return f"text '{_clip(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the {type(value).__name__} {value}"


def _short(value: Any) -> str:
    """Compact form for ``(got …)``: 'abc' for text, plain numbers, true/false."""
    if isinstance(value, str):
        return f"'{_clip(value)}'"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    return _python_words(value)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- model introspection


def _flatten(annotation: Any, metadata: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Unwrap Annotated / Optional / unions into (type, constraints) candidates."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _flatten(inner, [*metadata, *_expand_metadata(extra)])
    if origin in (Union, types.UnionType):
        found: list[tuple[Any, list[Any]]] = []
        for arg in get_args(annotation):
            if arg is not type(None):
                found.extend(_flatten(arg, metadata))
        return found
    return [(annotation, metadata)]


def _expand_metadata(items: Iterable[Any]) -> list[Any]:
    """FieldInfo objects inside Annotated carry their constraints in ``.metadata``."""
    out: list[Any] = []
    for item in items:
        out.extend(getattr(item, "metadata", None) or [item])
    return out


def _model_field(model: type[BaseModel], key: str) -> Any | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias, info.validation_alias):
            return info
    return None


def _step(candidate: tuple[Any, list[Any]], segment: str | int) -> list[tuple[Any, list[Any]]]:
    """Candidates one location segment deeper, for models, lists, tuples and dicts."""
    tp, _ = candidate
    origin, args = get_origin(tp), get_args(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(segment, str):
        info = _model_field(tp, segment)
        return _flatten(info.annotation, list(info.metadata)) if info else []
    if isinstance(segment, int) and origin is tuple and args:
        homogeneous = len(args) == 2 and args[1] is Ellipsis
        return _flatten(args[0] if homogeneous else args[min(segment, len(args) - 1)], [])
    if isinstance(segment, int) and origin in (list, set, frozenset, Sequence) and args:
        return _flatten(args[0], [])
    if isinstance(segment, str) and origin in (dict, Mapping) and len(args) == 2:
        return _flatten(args[1], [])
    return []


def _resolve(model: type[BaseModel], loc: Sequence[str | int]) -> list[tuple[Any, list[Any]]]:
    """All (type, constraints) candidates that a data path may refer to in ``model``."""
    candidates = _flatten(model, [])
    for segment in loc:
        deeper = [d for c in candidates for d in _step(c, segment)]
        candidates = deeper or _select(candidates, segment)
    return candidates


def _select(candidates: list[tuple[Any, list[Any]]], segment: str | int) -> list[Any]:
    """Narrow union members by a pydantic loc segment naming a class or a tag value.

    Markers such as ``function-after[…]`` leave the candidates alone; anything else
    that names no member means the location does not exist in the model.
    """
    chosen = [c for c in candidates if segment in _labels(c[0])]
    if chosen:
        return chosen
    return candidates if isinstance(segment, str) and "[" in segment else []


def _labels(tp: Any) -> set[Any]:
    """Names pydantic may use for a union member: its class name and its Literal tag values."""
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return {getattr(tp, "__name__", None)}
    labels: set[Any] = {tp.__name__}
    for info in tp.model_fields.values():
        for member, _ in _flatten(info.annotation, []):
            if get_origin(member) is Literal:
                labels.update(get_args(member))
    return labels


def allowed_keys(model_cls: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Keys a trainer may write in the mapping at ``loc`` (aliases win over field names)."""
    keys: list[str] = []
    for tp, _ in _resolve(model_cls, loc):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            for name, info in tp.model_fields.items():
                alias = info.validation_alias if isinstance(info.validation_alias, str) else None
                keys.append(alias or info.alias or name)
    return list(dict.fromkeys(keys))


def _bounds(model: type[BaseModel] | None, loc: Sequence[str | int]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if model is None:
        return found
    for _, metadata in _resolve(model, loc):
        for item in metadata:
            for attr in ("gt", "ge", "lt", "le"):
                if getattr(item, attr, None) is not None:
                    found.setdefault(attr, getattr(item, attr))
    return found


def _choices(model: type[BaseModel] | None, loc: Sequence[str | int]) -> list[Any]:
    if model is None:
        return []
    out: list[Any] = []
    for tp, _ in _resolve(model, loc):
        if get_origin(tp) is Literal:
            out.extend(get_args(tp))
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            out.extend(member.value for member in tp)
    return out


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
        bounds = {**_bounds(self.model, loc), **ctx}
        if "ge" in bounds and "le" in bounds:
            rule = f"between {_number(bounds['ge'])} and {_number(bounds['le'])}"
        else:
            rule = " and ".join(
                f"{words} {_number(bounds[key])}" for key, words in _BOUND_WORDS if key in bounds
            )
        return f"must be {rule} (got {_short(value)})"

    def _one_of(
        self, ctx: Mapping[str, Any], path: NodePath, loc: Sequence[str | int], value: Any
    ) -> str:
        choices = [str(c) for c in _choices(self.model, loc)] or _parse_expected(ctx)
        if "tag" in ctx:
            value = ctx["tag"]
        message = f"must be one of: {', '.join(choices)} (got {_short(value)})"
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
    got = f"(got {_python_words(value)})"
    sized = _sized_message(kind, value, ctx)
    if sized:
        return sized
    if kind in _NUMBER_ERRORS:
        return f"must be a number {got}"
    if kind == "int_from_float":
        return f"must be a whole number (got {_short(value)})"
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
        return f"must match the pattern {ctx.get('pattern')} (got {_short(value)})"
    if kind == "multiple_of":
        return f"must be a multiple of {_number(ctx.get('multiple_of'))} (got {_short(value)})"
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
