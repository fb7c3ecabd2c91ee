"""Results, reports and xAPI: the store of recorded games, signed result files, debriefs.

    from kamsim.reports import record_game, add_recording_args, maybe_record
    run = record_game(None, sim, "ana@example.org", "2027-03-berlin", score_game(sim))

`kamsim.reports.individual`, `.cohort` (HTML/CSV with matplotlib charts) and `.xapi` are
imported by the commands that need them, so recording a game stays quick to import.
"""

from kamsim.reports.recording import (
    add_recording_args,
    maybe_record,
    open_store,
    record_game,
    rescore_games,
)
from kamsim.reports.store import ResultsStore, StoredGame

__all__ = [
    "ResultsStore",
    "StoredGame",
    "add_recording_args",
    "maybe_record",
    "open_store",
    "record_game",
    "rescore_games",
]
