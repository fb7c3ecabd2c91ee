"""Strict JSON for files that come from elsewhere (result files, enrolments, pending games, saves).

Python's `json` accepts things a signed file must not carry: a key given twice (the last one
silently wins, so a file can show one scorecard to a person and another to a program), NaN and
Infinity (which then break canonical JSON further on), integers too large for SQLite, and
nesting deep enough to exhaust the interpreter's stack. Each is refused here with a message;
a UTF-8 byte-order mark, which some editors add, is accepted, since it changes no content.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

MAX_BYTES = 32 * 1024 * 1024  # a year of play is well under 1 MB
MAX_DEPTH = 64  # result files nest about 8 deep
INT_LIMIT = 2**63  # SQLite's INTEGER is a signed 64-bit number


class BadJson(ValueError):
    """The text is not JSON this program will read; the message says why."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise BadJson(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise BadJson(f"{name} is not a number JSON allows")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 19:
        shown = text if len(text) <= 24 else text[:24] + "…"
        raise BadJson(f"the integer {shown} is too large (at most 2^63 - 1)")
    value = int(text)
    if not -INT_LIMIT <= value < INT_LIMIT:
        raise BadJson(f"the integer {value} is too large (at most 2^63 - 1)")
    return value


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJson(f"the number {text[:24]} is out of range")
    return value


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest, counted without recursion (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def loads(text: str) -> Any:
    """Parse strict JSON; raises BadJson with the reason."""
    text = text.removeprefix("\ufeff")
    if nesting_depth(text) > MAX_DEPTH:
        raise BadJson(f"nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_int=_int,
            parse_float=_float,
        )
    except json.JSONDecodeError as err:
        raise BadJson(f"corrupt JSON: {err}") from None
    except RecursionError:  # unreachable after the depth check; kept as a guard
        raise BadJson(f"nested more than {MAX_DEPTH} levels deep") from None


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, refusing one too large to be a kamsim file (OSError as usual)."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BadJson(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def load_file(path: str | Path) -> Any:
    """A JSON file parsed strictly (BadJson, or OSError when it cannot be read)."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadJson(f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    return loads(text)


def read_document(path: str | Path, what: str) -> Any:
    """A file someone hands kamsim (an enrolment, a pending game), or a UserError that says
    what is wrong with it in words: missing, unreadable, or "not a usable <what>"."""
    from kamsim.errors import UserError

    try:
        return load_file(path)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read it ({err.strerror})") from None
    except BadJson as err:
        raise UserError(f"{path}: not {what} ({err})") from None
