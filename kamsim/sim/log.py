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


def plain(value: Any) -> Any:
    """A deep, JSON-compatible copy: enums to values, tuples to lists, floats rounded."""
    kind = type(value)  # fast paths for the exact built-in types, which make up most logs
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return _float(value)
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list:
        return [plain(v) for v in value]
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


def _float(value: float) -> float | None:
    """Rounded to FLOAT_DECIMALS, −0.0 as 0.0, and None for NaN or infinity."""
    if not math.isfinite(value):
        return None
    rounded = round(value, FLOAT_DECIMALS)
    return 0.0 if rounded == 0 else rounded


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


def canonical_json(entries: Iterable[LogEntry]) -> str:
    """The log as JSON with sorted keys, no whitespace and floats rounded to 6 decimals."""
    rows = [entry.to_dict() for entry in entries]
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), allow_nan=False)


def digest(entries: Iterable[LogEntry]) -> str:
    """SHA-256 hex of the canonical log: equal digests mean equal games."""
    return hashlib.sha256(canonical_json(entries).encode("utf-8")).hexdigest()
