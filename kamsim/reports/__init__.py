"""Results, reports and xAPI: the store of recorded games, signed result files, debriefs.

    from kamsim.reports import record_game, add_recording_args, maybe_record
    run = record_game(None, sim, "ana@example.org", "2027-03-berlin", score_game(sim))

`kamsim.reports.individual`, `.cohort` (HTML/CSV with matplotlib charts) and `.xapi` are
imported by the commands that need them, so recording a game stays quick to import.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ResultsStore": "kamsim.reports.store",
    "StoredGame": "kamsim.reports.store",
    "add_recording_args": "kamsim.reports.args",
    "maybe_record": "kamsim.reports.recording",
    "open_store": "kamsim.reports.store",
    "record_game": "kamsim.reports.recording",
    "rescore_games": "kamsim.reports.recording",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Load a public name on first use, so the CLI does not import the store to build --help."""
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
