"""MACs over the results database's rows, and the seal that lists them.

Why: the database is an ordinary SQLite file. Whoever can write it can `UPDATE scores SET
total = 99`, swap two names, copy the expert's row, move a game to another cohort, hide one
(clear its current score) or delete it, and the reports would show it as if kamsim had stored
it. Each row therefore carries a MAC, under the key of the machine that stored it, over every
column that a report shows or a rescore uses (and its own id, so a row copied elsewhere does
not verify). The seal in `meta` is a MAC over the list of every row id with its MAC, so a
deleted row leaves a named gap and an old row put back is seen as out of date. Without the key
nobody can make a MAC that verifies; with the facilitator's key one can, which is why the
facilitator's key stays on the facilitator's machine.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kamsim.reports.keys import mac

GAME_COLUMNS = (
    "id",
    "uid",
    "participant",
    "cohort",
    "scenario_id",
    "scenario_hash",
    "seed",
    "week",
    "actions",
    "digest",
    "outcome",
    "played_at",
    "stored_at",
    "source",
    "mode",
    "input_times",
)
SCORE_COLUMNS = ("id", "game_id", "rubric_version", "total", "scorecard", "scored_at")
COHORT_COLUMNS = ("cohort", "scenario_id", "scenario_hash", "seed", "enrolled_at")


def game_mac(key: bytes, row: Any) -> str:
    return mac(key, ["game", *(row[c] for c in GAME_COLUMNS)])


def score_mac(key: bytes, row: Any) -> str:
    return mac(key, ["score", *(row[c] for c in SCORE_COLUMNS)])


def cohort_mac(key: bytes, row: Any) -> str:
    return mac(key, ["cohort", *(row[c] for c in COHORT_COLUMNS)])


def sealed_state(db: sqlite3.Connection) -> dict[str, list[list[Any]]]:
    """Every row's id and MAC, in id order: what the seal vouches for."""
    return {
        "games": [[r[0], r[1] or ""] for r in db.execute("SELECT id, mac FROM games ORDER BY id")],
        "scores": [
            [r[0], r[1] or ""] for r in db.execute("SELECT id, mac FROM scores ORDER BY id")
        ],
        "cohorts": [
            [r[0], r[1] or ""] for r in db.execute("SELECT cohort, mac FROM cohorts ORDER BY 1")
        ],
    }


def write_seal(db: sqlite3.Connection, key: bytes, key_id: str) -> None:
    """Reseal after a write, inside the writer's transaction."""
    state = json.dumps(sealed_state(db), separators=(",", ":"))
    for name, value in (
        ("seal_key_id", key_id),
        ("sealed", state),
        ("seal", mac(key, ["seal", key_id, state])),
    ):
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (name, value))


def reseal_all(db: sqlite3.Connection, key: bytes, key_id: str) -> None:
    """Seal every row afresh under `key` (a laptop's database, when its enrolment changes)."""
    for table, sign in (("games", game_mac), ("scores", score_mac)):
        for row in db.execute(f"SELECT * FROM {table}").fetchall():
            db.execute(f"UPDATE {table} SET mac = ? WHERE id = ?", (sign(key, row), row["id"]))
    for row in db.execute("SELECT * FROM cohorts").fetchall():
        db.execute(
            "UPDATE cohorts SET mac = ? WHERE cohort = ?", (cohort_mac(key, row), row["cohort"])
        )
    write_seal(db, key, key_id)


@dataclass
class Integrity:
    """What `check` found: per game, and for the database as a whole."""

    checked: bool = True
    reason: str = ""  # why it could not be checked
    games: dict[int, list[str]] = field(default_factory=dict)
    store: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.checked and not self.store and not any(self.games.values())

    def flag(self, game_id: int, problem: str) -> None:
        self.games.setdefault(game_id, []).append(problem)

    def of(self, game_id: int) -> str:
        """One game's verdict as listings show it: 'ok', 'unchecked (…)' or the problems."""
        if not self.checked:
            return f"unchecked ({self.reason})"
        return "; ".join(self.games.get(game_id, [])) or "ok"

    def problems(self) -> list[str]:
        """Every problem as a line: the database's first, then each game's."""
        if not self.checked:
            return [f"cannot check the database: {self.reason}"]
        lines = list(self.store)
        lines += [f"run {g}: {p}" for g, found in sorted(self.games.items()) for p in found]
        return lines


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT key, value FROM meta")}


def check(db: sqlite3.Connection, key: bytes | None, key_id: str | None) -> Integrity:
    """Every row against its MAC and the seal; nothing is trusted that the key did not vouch for."""
    meta = _meta(db)
    sealed_by = meta.get("seal_key_id")
    has_rows = db.execute("SELECT 1 FROM games LIMIT 1").fetchone() is not None
    removed = False
    if sealed_by is None:
        macs = db.execute(
            "SELECT 1 FROM games WHERE mac IS NOT NULL UNION SELECT 1 FROM scores"
            " WHERE mac IS NOT NULL LIMIT 1"
        ).fetchone()
        if macs is None or key_id is None:  # truly never sealed (or nothing to check with)
            if not has_rows:
                return Integrity()
            return Integrity(checked=False, reason="no game in it was sealed (no key when stored)")
        sealed_by, removed = key_id, True  # sealed rows without a seal: it was taken away
    if key is None:
        return Integrity(checked=False, reason=f"sealed with key {sealed_by}, not on this machine")
    if key_id != sealed_by:
        return Integrity(
            checked=False, reason=f"sealed with key {sealed_by}, this machine's key is {key_id}"
        )
    out = Integrity()
    if removed:
        out.store.append("the database's seal was removed outside kamsim")
    state = meta.get("sealed", "")
    if meta.get("seal") != mac(key, ["seal", sealed_by, state]):
        out.store.append("the database's seal was edited outside kamsim")
        sealed: dict[str, list[list[Any]]] = {"games": [], "scores": [], "cohorts": []}
    else:
        sealed = json.loads(state)
    _check_games(db, key, out, {i: m for i, m in sealed["games"]})
    _check_scores(db, key, out, {i: m for i, m in sealed["scores"]})
    _check_cohorts(db, key, out, {c: m for c, m in sealed["cohorts"]})
    return out


def _check_games(db: sqlite3.Connection, key: bytes, out: Integrity, sealed: dict) -> None:
    seen = set()
    for row in db.execute("SELECT * FROM games ORDER BY id"):
        gid = row["id"]
        seen.add(gid)
        if not row["mac"]:
            out.flag(gid, "unsealed (stored without a key)")
        elif row["mac"] != game_mac(key, row):
            out.flag(gid, "EDITED: the game's row was changed outside kamsim")
        elif gid not in sealed:
            out.flag(gid, "EDITED: a game row added outside kamsim")
        elif sealed[gid] != row["mac"]:
            out.flag(gid, "EDITED: the row is an older version put back")
    for gid in sorted(set(sealed) - seen):
        out.store.append(f"run {gid} was deleted outside kamsim (a gap in the sealed runs)")


def _check_scores(db: sqlite3.Connection, key: bytes, out: Integrity, sealed: dict) -> None:
    seen = set()
    latest: dict[int, int] = {}
    current: dict[int, list[int]] = {}
    for row in db.execute("SELECT * FROM scores ORDER BY id"):
        sid, gid = row["id"], row["game_id"]
        seen.add(sid)
        latest[gid] = max(latest.get(gid, 0), sid)
        if row["current"]:
            current.setdefault(gid, []).append(sid)
        if not row["mac"]:
            out.flag(gid, "unsealed score (stored without a key)")
        elif row["mac"] != score_mac(key, row):
            out.flag(gid, "EDITED: a score was changed outside kamsim")
        elif sid not in sealed or sealed[sid] != row["mac"]:
            out.flag(gid, "EDITED: a score row added or put back outside kamsim")
    for sid in sorted(set(sealed) - seen):
        out.store.append(f"score {sid} was deleted outside kamsim")
    for row in db.execute("SELECT id FROM games ORDER BY id"):
        gid = row["id"]
        if gid not in latest:
            out.flag(gid, "EDITED: the game has no score (hidden from every listing)")
        elif current.get(gid) != [latest[gid]]:
            out.flag(gid, "EDITED: its current score is not its latest (hidden or swapped)")


def _check_cohorts(db: sqlite3.Connection, key: bytes, out: Integrity, sealed: dict) -> None:
    seen = set()
    for row in db.execute("SELECT * FROM cohorts ORDER BY cohort"):
        seen.add(row["cohort"])
        if row["mac"] != cohort_mac(key, row) or sealed.get(row["cohort"]) != row["mac"]:
            out.store.append(f"cohort {row['cohort']!r}: its enrolment was changed outside kamsim")
    for name in sorted(set(sealed) - seen):
        out.store.append(f"cohort {name!r}: its enrolment was deleted outside kamsim")
