"""Importing signed result files into a store: check, replay, rescore, then store.

Nothing in a file is trusted: the signature must match the facilitator's key (or the
participant key the facilitator derives from the file's enrolment), the log must replay to the
digest it claims, and the scores stored are the ones recomputed here. Then the game must be an
assessment (finished, played by a person, on the cohort's world), must not take another game's
uid, and must not be a copy of another participant's log. A file scored by an older rubric is
rescored (and said so); a file whose scores were edited under the current rubric is refused.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kamsim.errors import UserError
from kamsim.reports.assessment import assess
from kamsim.reports.games import keeping_scenario, new_game
from kamsim.reports.recording import Scorer
from kamsim.reports.signing import Audit, Tampered, audit
from kamsim.reports.store import DatabaseBusy, ResultsStore


@dataclass(frozen=True)
class Imported:
    """The fate of one file: stored (with its run id), already there, or refused."""

    path: Path
    status: str  # "stored", "duplicate" or "refused"
    run: int | None = None
    message: str = ""


def check_file(
    store: ResultsStore, path: Path, key: bytes, scorer: Scorer | None = None
) -> tuple[Audit, list[str]]:
    """Everything import checks before it writes: Tampered/UserError with the reason."""
    checked = audit(path, key, scorer, allow_new_rubric=True, store=store)
    notes = checked.notes + assess(checked, store)
    return checked, notes


def import_file(
    store: ResultsStore, path: str | Path, key: bytes, scorer: Scorer | None = None
) -> Imported:
    path = Path(path)
    try:
        checked, notes = check_file(store, path, key, scorer)
    except Tampered as err:
        return Imported(path, "refused", message=str(err))
    except DatabaseBusy:
        raise
    except UserError as err:  # unreadable, or its scenario is missing here: the rest go on
        return Imported(path, "refused", message=str(err).removeprefix(f"{path}: "))
    g = checked.game
    existing = store.game_by_uid(g["uid"])
    if existing is not None:
        if (existing.participant, existing.digest) == (g["participant"], g["digest"]):
            return Imported(path, "duplicate", existing.id, f"already stored as run {existing.id}")
        return Imported(
            path,
            "refused",
            existing.id,
            f"its uid {g['uid'][:8]}… is already stored for another game (run {existing.id} "
            f"of {existing.participant!r}, another log): one of the two is not what it "
            "claims; look at both before you delete either",
        )
    copies = [
        c for c in store.same_log(g["cohort"], g["digest"]) if c.participant != g["participant"]
    ]
    if copies and checked.sim.history:
        first = copies[0]
        return Imported(
            path,
            "refused",
            first.id,
            f"the same decisions, week by week, as run {first.id} of {first.participant!r}: "
            "a copied game (which one is the original the files cannot tell)",
        )
    earlier = [o.id for o in store.games(g["cohort"]) if o.participant == g["participant"]]
    if earlier:  # a second try on the same world: both are kept, the facilitator decides
        runs = ", ".join(map(str, earlier))
        notes.append(f"{g['participant']} already has run(s) {runs} in cohort {g['cohort']}")
    record = new_game(
        checked.sim,
        g["participant"],
        g["cohort"],
        uid=g["uid"],
        played_at=g["played_at"],
        source=f"import:{path.name}",
        mode=checked.mode,
        input_times=checked.input_times,
    )
    try:
        run = store.add(keeping_scenario(record, checked.sim, store), checked.recomputed)
    except sqlite3.IntegrityError:  # another import stored the same game a moment ago
        return Imported(path, "duplicate", store.find_uid(g["uid"]), "already stored")
    return Imported(path, "stored", run, "; ".join(notes))
