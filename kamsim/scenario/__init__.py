"""Scenario format: YAML files validated into strict, frozen, documented models."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Scenario": "kamsim.scenario.model",
}

__all__ = ["Scenario"]


def __getattr__(name: str) -> Any:
    """Load a public name on first use, so `kamsim --help` does not import the world."""
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
