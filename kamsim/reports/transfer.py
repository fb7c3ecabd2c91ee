"""Importing signed result files into a store: check, replay, rescore, then store.

Nothing in a file is trusted: the signature must match the facilitator's key, the log must
replay to the digest it claims, and the scores stored are the ones recomputed here. A file
scored by an older rubric is rescored (and said so); a file whose scores were edited under the
current rubric is refused.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kamsim.errors import UserError
from kamsim.reports.games import new_game
from kamsim.reports.recording import Scorer
from kamsim.reports.signing import Tampered, audit
from kamsim.reports.store import ResultsStore


@dataclass(frozen=True)
class Imported:
    """The fate of one file: stored (with its run id), already there, or refused."""

    path: Path
    status: str  # "stored", "duplicate" or "refused"
    run: int | None = None
    message: str = ""


def import_file(
    store: ResultsStore, path: str | Path, key: bytes, scorer: Scorer | None = None
) -> Imported:
    path = Path(path)
    try:
        checked = audit(path, key, scorer, allow_new_rubric=True)
    except Tampered as err:
        return Imported(path, "refused", message=str(err))
    except UserError as err:  # unreadable, or its scenario is missing here: the rest go on
        return Imported(path, "refused", message=str(err).removeprefix(f"{path}: "))
    g = checked.game
    existing = store.find_uid(g["uid"])
    if existing is not None:
        return Imported(path, "duplicate", existing, f"already stored as run {existing}")
    record = new_game(
        checked.sim,
        g["participant"],
        g["cohort"],
        uid=g["uid"],
        played_at=g["played_at"],
        source=f"import:{path.name}",
    )
    try:
        run = store.add(record, checked.recomputed)
    except sqlite3.IntegrityError:  # another import stored the same game a moment ago
        return Imported(path, "duplicate", store.find_uid(g["uid"]), "already stored")
    return Imported(path, "stored", run, "; ".join(checked.notes))
