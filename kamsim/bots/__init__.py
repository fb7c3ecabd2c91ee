"""Scripted strategies that play kamsim through the trainee's interface, for tests and calibration.

    from kamsim.bots import play, BOT_NAMES
    sim = play(scenario, seed=7, bot="expert")

A bot (`Bot` protocol) sees only `View`s and answers with action dicts; `play` runs a whole
game. The same `decide(view)` calls can drive the pygame UI's autoplay.
"""

from __future__ import annotations

import importlib
from typing import Any

from kamsim.bots.names import BOT_NAMES

_WHERE = {
    "Bot": "kamsim.bots.base",
    "bot_rng": "kamsim.bots.base",
    "MAX_ACTIONS_PER_WEEK": "kamsim.bots.runner",
    "make_bot": "kamsim.bots.runner",
    "play": "kamsim.bots.runner",
}

__all__ = ["BOT_NAMES", "MAX_ACTIONS_PER_WEEK", "Bot", "bot_rng", "make_bot", "play"]


def __getattr__(name: str) -> Any:
    """Load a public name on first use, so `kamsim --help` does not import the world."""
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
