"""Trainer-grade YAML loading: safe parsing with line/column for every value.

Scenario and playbook files are written by trainers, not programmers. A raw
PyYAML or pydantic traceback is useless to them, so this module

* reads files defensively (size cap, UTF-8 check, binary detection),
* composes the YAML node graph with PyYAML's SafeLoader but builds the Python
  values itself, so no tag can ever construct an arbitrary object,
* refuses tags, aliases, duplicate keys, non-text keys and deep nesting,
* remembers the (line, col) of every value and key, and the YAML 1.1 traps
  (``NO`` -> false, ``1.10`` -> 1.1, ``0755`` -> 493, ``12:30`` -> 750),
* explains the layout slips that YAML reads as something else: a thousands separator
  inside ``{ }`` or ``[ ]`` (``1,064`` is two items) and a missing ``- `` that glues
  a list item onto the one before it,
* and leaves the translation of pydantic's errors into located, plain-English problems
  to ``kamsim.scenario.messages``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kamsim.scenario.problems import LoadError, Problem, dotted
from kamsim.scenario.words import number, python_words

__all__ = ["LoadError", "LoadedYaml", "NodePath", "Problem", "load_yaml"]

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
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
# An anchor, alias or tag starts a token: '&', '*' or '!' after a line start, blank, bracket,
# comma or colon and followed by text. Prose like "D&T" or "* note" in a comment does not.
_MAYBE_SPECIAL = re.compile(r"(?:^|[\s\[{,:])[&*!]\S", re.M)
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
    # Problems of the text that did not stop loading (a thousands separator in a list of
    # numbers reads as valid data), so the field checks still run and report the rest.
    problems: tuple[Problem, ...] = ()

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
    if _MAYBE_SPECIAL.search(text) and _has_special_tokens(text):
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
    text: str = ""
    positions: dict[NodePath, Position] = field(default_factory=dict)
    key_positions: dict[NodePath, Position] = field(default_factory=dict)
    hints: dict[NodePath, str] = field(default_factory=dict)
    raw_scalars: dict[NodePath, str] = field(default_factory=dict)
    problems: list[_Stop] = field(default_factory=list)
    notes: list[_Stop] = field(default_factory=list)  # reported, but loading goes on
    builders: dict[str, Callable[[ScalarNode], Any]] = field(
        default_factory=lambda: _scalar_builders(SafeConstructor())
    )
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
            if node.flow_style:
                self.notes.extend(_split_numbers_in_list(node, path, self.text, self.read))
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        raise _Stop(1, 1, f"unexpected YAML node {type(node).__name__}")

    def mapping(self, node: MappingNode, path: NodePath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        skip = self.explained_slips(node, path)
        for index, (key_node, value_node) in enumerate(node.value):
            if index in skip.get("pair", ()):
                continue
            key = self.key(key_node, path)
            if key is None:
                continue
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in first_line:
                if index not in skip.get("duplicate", ()):
                    msg = f"duplicate key '{key}' (first at line {first_line[key]})"
                    self.problems.append(_Stop(line, col, msg, dotted((*path, key))))
                continue
            first_line[key] = line
            self.key_positions[(*path, key)] = (line, col)
            result[key] = self.value(value_node, (*path, key), depth + 1)
        return result

    def explained_slips(self, node: MappingNode, path: NodePath) -> dict[str, set[int]]:
        """Report slips that one message explains better than a problem per key.

        Returns the indices of pairs to leave out ("pair": keys split off a number) and of
        duplicate keys already explained ("duplicate": a list item missing its '- ').
        """
        if node.flow_style:
            stops, pairs = _split_numbers_in_mapping(node, path, self.text)
            self.problems.extend(stops)
            return {"pair": pairs}
        if path and isinstance(path[-1], int):
            stops, duplicates = _missing_dashes(node, path)
            self.problems.extend(stops)
            return {"duplicate": duplicates}
        return {}

    def key(self, node: Node, path: NodePath) -> str | None:
        """The key as text, or None after recording why it is not acceptable."""
        if isinstance(node, ScalarNode) and (node.style or node.tag not in _IMPLICIT_TAGS):
            return node.value  # text, or an explicit tag that is reported separately
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, ScalarNode) and (node.tag == _NULL_TAG or node.value == ""):
            msg = "empty key; every key must be text"
        elif isinstance(node, ScalarNode):
            shown = python_words(self.scalar(node, ()))
            msg = (
                f"the key {node.value} is read as {shown}; keys must be text, "
                f"so write '{node.value}' in quotes"
            )
        else:
            kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
            msg = f"keys must be text, not {kind}"
        self.problems.append(_Stop(line, col, msg, dotted(path)))
        return None

    def read(self, node: ScalarNode) -> Any:
        """The value YAML gives a scalar, without recording it."""
        return _construct_scalar(self.builders, node)

    def scalar(self, node: ScalarNode, path: NodePath) -> Any:
        if path:
            self.raw_scalars[path] = node.value
        value = _construct_scalar(self.builders, node)
        if not node.style and path:  # plain (libyaml says "", PyYAML None)
            hint = _yaml11_hint(node.value, value)
            if hint:
                self.hints[path] = hint
        return value


def _scalar_builders(constructor: SafeConstructor) -> dict[str, Callable[[ScalarNode], Any]]:
    """Tag → how to build a value of it; anything else stays text."""
    return {
        _NULL_TAG: lambda _node: None,
        _YAML_TAG_PREFIX + "bool": constructor.construct_yaml_bool,
        _YAML_TAG_PREFIX + "int": constructor.construct_yaml_int,
        _YAML_TAG_PREFIX + "float": constructor.construct_yaml_float,
        _YAML_TAG_PREFIX + "timestamp": constructor.construct_yaml_timestamp,
    }


def _construct_scalar(builders: dict[str, Callable[[ScalarNode], Any]], node: ScalarNode) -> Any:
    """Build one scalar by its resolved tag; anything unusual stays text."""
    build = builders.get(node.tag)
    if build is None:
        return node.value
    try:
        return build(node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return node.value  # e.g. 2024-02-30 or a 5000-digit number: keep the text


def _yaml11_hint(raw: str, value: Any) -> str | None:
    """Explain YAML 1.1 surprises for an unquoted scalar, or None if it reads as written."""
    if isinstance(value, str) and _THOUSANDS.fullmatch(raw):
        return (
            f"the unquoted value {raw} is text, not a number; write numbers without "
            f"thousands separators ({raw.replace(',', '')})"
        )
    if isinstance(value, bool):
        if raw.lower() in ("true", "false"):
            return None
        return _hint(raw, python_words(value), "text")
    if isinstance(value, int) and ":" in raw:
        return _hint(raw, f"the number {value}", "a time or text")
    if isinstance(value, int) and _OCTAL.fullmatch(raw) and raw.strip("+-0_"):
        return _hint(raw, f"the number {value} (octal)", "text or a code")
    if isinstance(value, float) and ":" in raw:
        return _hint(raw, f"the number {number(value)}", "a time or text")
    if isinstance(value, float) and "." in raw:
        fraction = re.split("[eE]", raw.split(".", 1)[1])[0]
        if fraction.endswith("0"):
            return _hint(raw, f"the number {number(value)}", "a version or text")
    return None


def _hint(raw: str, reading: str, meant: str) -> str:
    return (
        f"the unquoted value {raw} is read as {reading}; "
        f"write '{raw}' in quotes if you meant {meant}"
    )


# --------------------------------------------------------------------------- layout slips

_INTEGER = re.compile(r"[-+]?[0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_UP_TO_THREE = re.compile(r"[-+]?[0-9]{1,3}")
_THREE = re.compile(r"[0-9]{3}")
_NUMBER = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _plain(node: Node, pattern: re.Pattern[str]) -> bool:
    """Is the node an unquoted scalar written exactly as `pattern`?"""
    return (
        isinstance(node, ScalarNode)
        and not node.style
        and pattern.fullmatch(node.value) is not None
    )


def _empty(node: Node) -> bool:
    """A value left out, as after the last key of `{value: 1,064}`."""
    return isinstance(node, ScalarNode) and not node.style and node.value == ""


def _glued(before: Node, after: Node, text: str) -> bool:
    """Are two nodes separated by a bare comma, with no space: `7,200`?"""
    end, start = before.end_mark.index, after.start_mark.index
    return start == end + 1 and text[end:start] == ","


def _and(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c': how a trainer lists things."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _split_numbers_in_list(
    node: SequenceNode, path: NodePath, text: str, read: Callable[[ScalarNode], Any]
) -> list[_Stop]:
    """`[7,200, 7600]` is silently three numbers, 7, 200 and 7600: say so where it happens.

    Only in a list of plain numbers, and only for a comma directly followed by exactly three
    digits, as a thousands separator is written; `[1, 2]` and `[0.4,0.6]` are left alone.
    """
    items = node.value
    if not items or not all(_plain(item, _NUMBER) for item in items):
        return []
    stops, start = [], 0
    while start < len(items):
        end = start
        while (
            end + 1 < len(items)
            and _plain(items[end], _UP_TO_THREE if end == start else _THREE)
            and _plain(items[end + 1], _THREE)
            and _glued(items[end], items[end + 1], text)
        ):
            end += 1
        if end > start:
            stops.append(_list_split_stop(items[start : end + 1], (*path, start), read))
        start = end + 1
    return stops


def _list_split_stop(
    parts: Sequence[ScalarNode], path: NodePath, read: Callable[[ScalarNode], Any]
) -> _Stop:
    written = ",".join(part.value for part in parts)
    values = [python_words(read(part)).removeprefix("the number ") for part in parts]
    count = _COUNTS.get(len(parts), str(len(parts)))
    message = (
        f"'{written}' reads as {count} numbers, {_and(values)}; write "
        f"{written.replace(',', '')} (or put a space after the comma if you meant "
        f"{count} numbers)"
    )
    mark = parts[0].start_mark
    return _Stop(mark.line + 1, mark.column + 1, message, dotted(path))


def _split_numbers_in_mapping(
    node: MappingNode, path: NodePath, text: str
) -> tuple[list[_Stop], set[int]]:
    """`{value: 1,064}` is read as `value: 1` and a new key `064`: one message at the number.

    Returns the problems and the indices of the pairs split off, which are then left out.
    """
    stops: list[_Stop] = []
    split_off: set[int] = set()
    pairs = node.value
    for index, (key_node, value_node) in enumerate(pairs):
        if index in split_off or not isinstance(key_node, ScalarNode):
            continue
        if not _plain(value_node, _INTEGER):
            continue
        tail: list[ScalarNode] = []
        last: Node = value_node
        for later in range(index + 1, len(pairs)):
            key, value = pairs[later]
            if not (_plain(key, _DIGITS) and _empty(value) and _glued(last, key, text)):
                break
            tail.append(key)
            split_off.add(later)
            last = key
        if tail:
            stops.append(_mapping_split_stop(value_node, tail, (*path, key_node.value)))
    return stops, split_off


def _mapping_split_stop(number: ScalarNode, tail: Sequence[ScalarNode], path: NodePath) -> _Stop:
    groups = [part.value for part in tail]
    written = ",".join([number.value, *groups])
    keys = f"a new key {groups[0]}" if len(groups) == 1 else f"the new keys {_and(groups)}"
    if len(groups) == 1 and len(groups[0]) != 3:
        fix = f"write decimals with a point ({number.value}.{groups[0]})"
    else:
        fix = f"write numbers without thousands separators ({written.replace(',', '')})"
    message = (
        f"inside {{ }} a comma separates items, so {written} was read as {number.value} "
        f"and {keys}; {fix}"
    )
    mark = number.start_mark
    return _Stop(mark.line + 1, mark.column + 1, message, dotted(path))


def _missing_dashes(node: MappingNode, path: NodePath) -> tuple[list[_Stop], set[int]]:
    """A list item written without its '- ' merges into the item above, so its keys repeat.

    One message per merged item replaces a "duplicate key" per key: when the repeats begin
    with the item's first key (where a '- ' belongs) and at least one more key repeats.
    Returns the problems and the indices of the duplicate keys they explain.
    """
    keys = [key.value if isinstance(key, ScalarNode) else None for key, _ in node.value]
    if not keys or keys[0] is None:
        return [], set()
    starts = [i for i, key in enumerate(keys) if i and key == keys[0]]
    stops: list[_Stop] = []
    explained: set[int] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(keys)
        repeats = [i for i in range(start, end) if keys[i] is not None and keys[i] in keys[:i]]
        if len(repeats) < 2:
            continue
        explained.update(repeats)
        names = [str(keys[i]) for i in repeats]
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        mark = node.value[start][0].start_mark
        line = mark.line + 1
        message = (
            f"from line {line} the keys {shown} repeat the item that starts at line "
            f"{node.start_mark.line + 1}; a '- ' is probably missing before '{names[0]}' "
            f"at line {line}"
        )
        stops.append(_Stop(line, mark.column + 1, message, dotted(path)))
    return stops, explained


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
        builder = _Builder(max_depth=max_depth, budget=budget, text=text)
        data = builder.value(root, (), 1)
    except _Stop as stop:
        raise LoadError([_problem(file, stop)]) from None
    problems = [_problem(file, s) for s in [*found, *builder.problems]]
    notes = [_problem(file, s) for s in builder.notes]
    if problems:
        raise LoadError(sorted([*problems, *notes], key=Problem.sort_key))
    return LoadedYaml(
        file=file,
        text=text,
        data=data,
        positions=builder.positions,
        key_positions=builder.key_positions,
        hints=builder.hints,
        raw_scalars=builder.raw_scalars,
        problems=tuple(sorted(notes, key=Problem.sort_key)),
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
