"""The results store: every recorded game and every score it was ever given, in SQLite (WAL).

A game is stored as what rebuilds it (scenario id and hash, seed, submissions) plus its digest,
who played it and in which cohort; scores live in their own table with the rubric version, so a
rescore adds a row and keeps the old one. Every write is one transaction with synchronous=FULL,
so a crash (or a kill) loses nothing committed and never leaves half a game.

Schema (version 1):

    games(id INTEGER PK, uid TEXT UNIQUE, participant, cohort, scenario_id, scenario_hash,
          seed INTEGER, week INTEGER, actions JSON, digest, outcome JSON,
          played_at, stored_at, source)
    scores(id INTEGER PK, game_id → games.id, rubric_version, total REAL, scorecard JSON,
           scored_at, current INTEGER)   -- exactly one current row per game
    meta(key PK, value)                  -- schema_version
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim.errors import UserError
from kamsim.reports.paths import default_db

SCHEMA_VERSION = 1
UID_PREFIX_MIN = 6

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS games (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    participant TEXT NOT NULL,
    cohort TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    seed INTEGER NOT NULL,
    week INTEGER NOT NULL,
    actions TEXT NOT NULL,
    digest TEXT NOT NULL,
    outcome TEXT NOT NULL,
    played_at TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS games_cohort ON games(cohort, id);
CREATE TABLE IF NOT EXISTS scores (
    id INTEGER PRIMARY KEY,
    game_id INTEGER NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    rubric_version TEXT NOT NULL,
    total REAL NOT NULL,
    scorecard TEXT NOT NULL,
    scored_at TEXT NOT NULL,
    current INTEGER NOT NULL CHECK (current IN (0, 1))
);
CREATE UNIQUE INDEX IF NOT EXISTS scores_current ON scores(game_id) WHERE current = 1;
CREATE INDEX IF NOT EXISTS scores_game ON scores(game_id, id);
"""

_SELECT = """
SELECT g.*, s.rubric_version, s.total, s.scorecard, s.scored_at
FROM games g JOIN scores s ON s.game_id = g.id AND s.current = 1
"""


def utc_now() -> str:
    """Now in UTC, ISO 8601 to the second with a Z: how every stored time is written."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class NewGame:
    """A game to store: what rebuilds it, who played it, and its derived outcome summary."""

    uid: str
    participant: str
    cohort: str
    scenario_id: str
    scenario_hash: str
    seed: int
    week: int
    actions: tuple[tuple[int, Mapping[str, Any]], ...]
    digest: str
    outcome: Mapping[str, Any]
    played_at: str
    source: str = "local"


@dataclass(frozen=True, kw_only=True)
class StoredGame(NewGame):
    """A stored game with its current score."""

    id: int
    stored_at: str
    rubric_version: str
    total: float
    scorecard: dict[str, Any]
    scored_at: str

    @property
    def label(self) -> str:
        """How reports name the game: the participant, and the run id."""
        return f"{self.participant} (#{self.id})"

    def summary(self) -> dict[str, Any]:
        """The listing form (`kamsim results --json`)."""
        return {
            "id": self.id,
            "uid": self.uid,
            "participant": self.participant,
            "cohort": self.cohort,
            "scenario": self.scenario_id,
            "scenario_hash": self.scenario_hash,
            "seed": self.seed,
            "digest": self.digest,
            "total": self.total,
            "dimensions": self.scorecard.get("dimensions", {}),
            "rubric_version": self.rubric_version,
            "played_at": self.played_at,
            "stored_at": self.stored_at,
            "source": self.source,
        }


def _row_to_game(row: sqlite3.Row) -> StoredGame:
    actions = tuple((int(a["week"]), dict(a["action"])) for a in json.loads(row["actions"]))
    return StoredGame(
        id=row["id"],
        uid=row["uid"],
        participant=row["participant"],
        cohort=row["cohort"],
        scenario_id=row["scenario_id"],
        scenario_hash=row["scenario_hash"],
        seed=row["seed"],
        week=row["week"],
        actions=actions,
        digest=row["digest"],
        outcome=json.loads(row["outcome"]),
        played_at=row["played_at"],
        stored_at=row["stored_at"],
        source=row["source"],
        rubric_version=row["rubric_version"],
        total=row["total"],
        scorecard=json.loads(row["scorecard"]),
        scored_at=row["scored_at"],
    )


def actions_json(actions: tuple[tuple[int, Mapping[str, Any]], ...]) -> list[dict[str, Any]]:
    """Submissions in the save-file form: [{week, action}]."""
    return [{"week": week, "action": dict(action)} for week, action in actions]


class ResultsStore:
    """One results database. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise UserError(
                f"no results database at {self.path} yet: record a game with "
                "--participant/--cohort, or bring results in with 'kamsim import'"
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise UserError(f"{self.path}: not a usable kamsim results database ({err})") from None
        except OSError as err:
            raise UserError(f"{self.path}: cannot open the results database ({err})") from None

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error: all of it or none of it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        with self.transaction() as db:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif int(row["value"]) > SCHEMA_VERSION:
                raise UserError(
                    f"{self.path}: results schema {row['value']} is newer than this kamsim "
                    f"reads ({SCHEMA_VERSION}); update kamsim"
                )

    # ------------------------------------------------------------------ writes
    def add(self, game: NewGame, scorecard: Mapping[str, Any], *, scored_at: str = "") -> int:
        """Store a game and its first score in one transaction; returns the run id."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO games(uid, participant, cohort, scenario_id, scenario_hash, seed,"
                " week, actions, digest, outcome, played_at, stored_at, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    game.uid,
                    game.participant,
                    game.cohort,
                    game.scenario_id,
                    game.scenario_hash,
                    game.seed,
                    game.week,
                    to_json(actions_json(game.actions)),
                    game.digest,
                    to_json(game.outcome),
                    game.played_at,
                    utc_now(),
                    game.source,
                ),
            )
            game_id = int(cur.lastrowid or 0)
            self._insert_score(db, game_id, scorecard, scored_at or utc_now())
        return game_id

    def rescore(
        self, game_id: int, scorecard: Mapping[str, Any], outcome: Mapping[str, Any]
    ) -> bool:
        """Make `scorecard` the game's current score, keeping the old one in the history.

        Returns False (and writes nothing) when the score is unchanged.
        """
        with self.transaction() as db:
            row = db.execute(
                "SELECT scorecard FROM scores WHERE game_id = ? AND current = 1", (game_id,)
            ).fetchone()
            if row is not None and row["scorecard"] == to_json(scorecard):
                return False
            db.execute("UPDATE scores SET current = 0 WHERE game_id = ?", (game_id,))
            db.execute("UPDATE games SET outcome = ? WHERE id = ?", (to_json(outcome), game_id))
            self._insert_score(db, game_id, scorecard, utc_now())
        return True

    @staticmethod
    def _insert_score(
        db: sqlite3.Connection, game_id: int, card: Mapping[str, Any], when: str
    ) -> None:
        db.execute(
            "INSERT INTO scores(game_id, rubric_version, total, scorecard, scored_at, current)"
            " VALUES (?, ?, ?, ?, ?, 1)",
            (game_id, str(card["rubric_version"]), float(card["total"]), to_json(card), when),
        )

    # ------------------------------------------------------------------ reads
    def games(self, cohort: str | None = None) -> list[StoredGame]:
        """Stored games with their current scores, oldest first (one cohort if given)."""
        if cohort is None:
            rows = self._db.execute(_SELECT + " ORDER BY g.id").fetchall()
        else:
            rows = self._db.execute(
                _SELECT + " WHERE g.cohort = ? ORDER BY g.id", (cohort,)
            ).fetchall()
        return [_row_to_game(r) for r in rows]

    def get(self, ref: str | int) -> StoredGame:
        """A game by run id (an integer) or by its uid (or a unique prefix of 6+ hex digits)."""
        text = str(ref).strip().lower()
        hexlike = len(text) >= UID_PREFIX_MIN and all(c in "0123456789abcdef-" for c in text)
        if not text.isdigit() and not hexlike:
            raise UserError(
                f"'{ref}' is not a run: give the run id from 'kamsim results' "
                f"(e.g. 12) or its uid (at least {UID_PREFIX_MIN} hex digits)"
            )
        rows = []
        if text.isdigit():
            rows = self._db.execute(_SELECT + " WHERE g.id = ?", (int(text),)).fetchall()
        if not rows and hexlike:  # a uid may start with digits only: try it as a uid prefix
            rows = self._db.execute(
                _SELECT + " WHERE g.uid LIKE ? ORDER BY g.id", (text.replace("-", "") + "%",)
            ).fetchall()
        if not rows:
            raise UserError(f"no stored game '{ref}' in {self.path} (see 'kamsim results')")
        if len(rows) > 1:
            ids = ", ".join(str(r["id"]) for r in rows)
            raise UserError(f"'{ref}' matches several games ({ids}); give more digits")
        return _row_to_game(rows[0])

    def find_uid(self, uid: str) -> int | None:
        row = self._db.execute("SELECT id FROM games WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else int(row["id"])

    def cohorts(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT cohort FROM games ORDER BY cohort").fetchall()
        return [r["cohort"] for r in rows]

    def score_history(self, game_id: int) -> list[dict[str, Any]]:
        """Every score the game was given, oldest first."""
        rows = self._db.execute(
            "SELECT rubric_version, total, scored_at, current FROM scores"
            " WHERE game_id = ? ORDER BY id",
            (game_id,),
        ).fetchall()
        return [dict(r) | {"current": bool(r["current"])} for r in rows]

    def integrity(self) -> str:
        """SQLite's own integrity check: 'ok' when the file is sound."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


def open_store(db: str | Path | None, *, create: bool = True) -> ResultsStore:
    """The store at `--db FILE`, or the embedded default in the user's data folder."""
    return ResultsStore(db or default_db(), create=create)
