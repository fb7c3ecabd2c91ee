"""The append-only event log: the only output of a game, and what scoring reads.

Entries are immutable records of JSON-compatible data. `canonical_json` fixes key order and
float formatting so the SHA-256 `digest` is the same on every machine for the same game.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Any

FLOAT_DECIMALS = 6


_ATOMS = frozenset((str, int, bool, type(None)))  # exact types that are already plain
_isfinite = math.isfinite


def plain(value: Any) -> Any:
    """A deep, JSON-compatible copy: enums to values, tuples to lists, floats rounded."""
    kind = type(value)  # fast paths for the exact built-in types, which make up most logs
    if kind is float:
        return _float(value)
    if kind in _ATOMS:
        return value
    if kind is dict:
        return _plain_dict(value)
    if kind is list or kind is tuple:
        return _plain_list(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    raise TypeError(f"not loggable: {type(value).__name__}")


def _plain_dict(value: dict[Any, Any]) -> dict[str, Any]:
    """`plain` of a dict, with the scalar cases inlined: a month's KPI records are a few
    hundred floats, and a recursive call per value was most of what logging them cost."""
    out = {}
    for key, item in value.items():
        kind = type(item)
        if kind is float:
            item = _float(item)
        elif kind not in _ATOMS:
            item = plain(item)
        out[key if type(key) is str else str(key)] = item
    return out


def _plain_list(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    """`plain` of a list or tuple, with the scalar cases inlined (as `_plain_dict`)."""
    out = []
    for item in value:
        kind = type(item)
        if kind is float:
            item = _float(item)
        elif kind not in _ATOMS:
            item = plain(item)
        out.append(item)
    return out


_SCALE = 10.0**FLOAT_DECIMALS
_EXACT_BELOW = 2.0**44  # |value · 10^6| below this is within 2^-10 of the exact product


def _float(value: float) -> float | None:
    """Rounded to FLOAT_DECIMALS, −0.0 as 0.0, and None for NaN or infinity.

    Always exactly `round(value, 6)`, which goes through a decimal string and was most of the
    cost of logging a month's KPI figures; most values take a shortcut with the same bits.
    Integral values are already round. Otherwise s = fl(value·10^6): below 2^44 it is within
    2^-10 of the exact product, so if s is within 0.49 of the integer n nearest to it, the
    exact product rounds to n too, and n / 10^6 (n exact, the division correctly rounded) is
    the double nearest to n·10^-6, which is what `round` returns. Near-ties, huge values, NaN
    and ±inf go through `round`.
    """
    if value.is_integer():  # a third of logged figures (0.0, 3.0…): already round
        return value + 0.0  # (−0.0 + 0.0 is 0.0)
    scaled = value * _SCALE
    if -_EXACT_BELOW < scaled < _EXACT_BELOW:
        whole = round(scaled)
        if -0.49 < scaled - whole < 0.49:
            return whole / _SCALE if whole else 0.0
    if not _isfinite(value):
        return None
    rounded = round(value, FLOAT_DECIMALS)
    return rounded if rounded else 0.0


@dataclass(frozen=True)
class LogEntry:
    """Something that happened: an action, a refusal, a world event, a monthly figure…"""

    week: int
    day: float
    kind: str
    data: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain JSON-compatible data."""
        return {
            "week": self.week,
            "day": plain(self.day),
            "kind": self.kind,
            "data": plain(self.data),
        }


class EventLog:
    """Append-only list of entries; readers get a tuple so they cannot change history."""

    def __init__(self) -> None:
        self._entries: list[LogEntry] = []

    def append(self, week: int, day: float, kind: str, data: Mapping[str, Any]) -> LogEntry:
        entry = LogEntry(week, float(day), kind, MappingProxyType(plain(data)))
        self._entries.append(entry)
        return entry

    @property
    def entries(self) -> tuple[LogEntry, ...]:
        return tuple(self._entries)


def decision_records(entries: Iterable[LogEntry]) -> tuple[MappingProxyType[str, Any], ...]:
    """Each committee or tender decision's logged data, with its week and day: what scoring
    reads of a game's (and its no-action baseline's) decisions."""
    return tuple(
        MappingProxyType({"week": e.week, "day": e.day, **e.data})
        for e in entries
        if e.kind == "decision"
    )


def canonical_json(entries: Iterable[LogEntry]) -> str:
    """The log as JSON with sorted keys, no whitespace and floats rounded to 6 decimals."""
    rows = [entry.to_dict() for entry in entries]
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), allow_nan=False)


def digest(entries: Iterable[LogEntry]) -> str:
    """SHA-256 hex of the canonical log: equal digests mean equal games."""
    return hashlib.sha256(canonical_json(entries).encode("utf-8")).hexdigest()
