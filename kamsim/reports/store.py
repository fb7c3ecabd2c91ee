"""The results store: every recorded game and every score it was ever given, in SQLite (WAL).

A game is stored as what rebuilds it (scenario id and hash, seed, submissions) plus its digest,
who played it and in which cohort; scores live in their own table with the rubric version, so a
rescore adds a row and keeps the old one. Every write is one transaction with synchronous=FULL,
so a crash (or a kill) loses nothing committed and never leaves half a game.

The database is the facilitator's, and anyone who can write the file can edit it with sqlite3.
So every row carries a MAC under the machine's key (the facilitator's, or on a laptop its
participant key, see `kamsim.reports.seal`), and a seal in `meta` lists every sealed row: an
edited, copied, deleted or hidden row is found by `check()` and flagged wherever games are
listed. A writer waits up to $KAMSIM_DB_WAIT seconds (default 30) for another program's
transaction, then says so (DatabaseBusy) instead of blaming the file.

Schema (version 2):

    games(id INTEGER PK, uid TEXT UNIQUE, participant, cohort, scenario_id, scenario_hash,
          seed INTEGER, week INTEGER, actions JSON, digest, outcome JSON,
          played_at, stored_at, source, mode, input_times JSON, mac)
    scores(id INTEGER PK, game_id → games.id, rubric_version, total REAL, scorecard JSON,
           scored_at, current INTEGER, mac)   -- exactly one current row per game
    cohorts(cohort PK, scenario_id, scenario_hash, seed, enrolled_at, mac)
    scenarios(hash PK, scenario_id, text)     -- each cited scenario's text, by content hash
    meta(key PK, value)                       -- schema_version, seal_key_id, sealed, seal
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim.errors import UserError
from kamsim.reports import seal
from kamsim.reports.keys import StoreKey, store_key
from kamsim.reports.paths import default_db

SCHEMA_VERSION = 2
UID_PREFIX_MIN = 6
WAIT_ENV = "KAMSIM_DB_WAIT"
DEFAULT_WAIT_SECONDS = 30.0
EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: try again later
SEED_LIMIT = 2**63  # SQLite's INTEGER is a signed 64-bit number
_AUTO: Any = object()

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
CREATE TABLE IF NOT EXISTS cohorts (
    cohort TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    seed INTEGER NOT NULL,
    enrolled_at TEXT NOT NULL,
    mac TEXT
);
CREATE TABLE IF NOT EXISTS scenarios (
    hash TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    text TEXT NOT NULL
);
"""

# Columns added by schema 2 to the tables of schema 1 (ALTER TABLE on an older database).
ADDED_COLUMNS = {
    "games": [
        ("mode", "TEXT NOT NULL DEFAULT 'unknown'"),
        ("input_times", "TEXT NOT NULL DEFAULT 'null'"),
        ("mac", "TEXT"),
    ],
    "scores": [("mac", "TEXT")],
}

_SELECT = """
SELECT g.*, s.rubric_version, s.total, s.scorecard, s.scored_at
FROM games g JOIN scores s ON s.game_id = g.id AND s.current = 1
"""


class DatabaseBusy(UserError):
    """Another program holds the database's write lock for longer than we wait."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(
            f"another program holds the results database {path} (waited {waited:g} s; "
            f"${WAIT_ENV} sets how long)",
            EXIT_BUSY,
        )
        self.path = path


def wait_seconds() -> float:
    """How long a writer waits for another's transaction: $KAMSIM_DB_WAIT, else 30 s."""
    text = os.environ.get(WAIT_ENV, "")
    try:
        value = float(text) if text else DEFAULT_WAIT_SECONDS
    except ValueError:
        raise UserError(f"${WAIT_ENV} must be a number of seconds, not {text!r}", 2) from None
    if not 0 <= value <= 3600:
        raise UserError(f"${WAIT_ENV} must be between 0 and 3600 seconds", 2)
    return value


def _is_busy(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return isinstance(err, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def check_seed(seed: int) -> None:
    """Refuse a seed SQLite cannot store, before an hour of play rather than after it."""
    if not 0 <= seed < SEED_LIMIT:
        raise UserError(
            f"seed {seed} cannot be recorded: the results store keeps seeds from 0 to 2^63 - 1"
        )


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
    mode: str = "unknown"  # how it was played: see kamsim.reports.modes
    input_times: tuple[float | None, ...] | None = None  # wall clock of each submission
    # The scenario's canonical text, kept by its hash when the store lacks it (None: do not
    # keep it), so the game replays after its file has moved or changed.
    scenario_text: str | None = None


@dataclass(frozen=True, kw_only=True)
class StoredGame(NewGame):
    """A stored game with its current score."""

    id: int
    stored_at: str
    rubric_version: str
    total: float
    scorecard: dict[str, Any]
    scored_at: str
    integrity: str = "ok"  # "ok", "unchecked (…)" or what the database check found

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
            "mode": self.mode,
            "integrity": self.integrity,
        }


def _row_to_game(row: sqlite3.Row, integrity: str = "ok") -> StoredGame:
    times = json.loads(row["input_times"])
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
        mode=row["mode"],
        input_times=None if times is None else tuple(times),
        integrity=integrity,
    )


def actions_json(actions: tuple[tuple[int, Mapping[str, Any]], ...]) -> list[dict[str, Any]]:
    """Submissions in the save-file form: [{week, action}]."""
    return [{"week": week, "action": dict(action)} for week, action in actions]


def game_fields(game: NewGame | StoredGame) -> dict[str, Any]:
    """What rebuilds a game and says how it was played, as result and pending files carry it."""
    return {
        "uid": game.uid,
        "participant": game.participant,
        "cohort": game.cohort,
        "scenario_id": game.scenario_id,
        "scenario_hash": game.scenario_hash,
        "seed": game.seed,
        "week": game.week,
        "actions": actions_json(game.actions),
        "digest": game.digest,
        "played_at": game.played_at,
        "mode": game.mode,
        "input_times": None if game.input_times is None else list(game.input_times),
    }


class ResultsStore:
    """One results database. Use as a context manager, or call `close()`.

    `key` seals what this store writes and checks what it reads; by default the machine's
    key (`kamsim.reports.keys.store_key`), None for none.
    """

    def __init__(
        self, path: str | Path, *, create: bool = True, key: StoreKey | None = _AUTO
    ) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise UserError(
                f"no results database at {self.path} yet: record a game with "
                "--participant/--cohort, or bring results in with 'kamsim import'"
            )
        self.key: StoreKey | None = store_key() if key is _AUTO else key
        self.wait = wait_seconds()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=self.wait)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            if _is_busy(err):
                raise DatabaseBusy(self.path, self.wait) from None
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
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if _is_busy(err):
                raise DatabaseBusy(self.path, self.wait) from None
            raise
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as err:
            self._db.execute("ROLLBACK")
            if _is_busy(err):
                raise DatabaseBusy(self.path, self.wait) from None
            raise

    def _migrate(self) -> None:
        with self.transaction() as db:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            for table, columns in ADDED_COLUMNS.items():
                have = {r["name"] for r in db.execute(f"PRAGMA table_info({table})")}
                for name, decl in columns:
                    if name not in have:
                        db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = None if row is None else str(row["value"])
            if version is not None and not version.isdigit():
                raise UserError(
                    f"{self.path}: not a usable kamsim results database (its schema version "
                    f"is {version[:40]!r}, not a number: the file was edited or damaged)"
                )
            if version is not None and int(version) > SCHEMA_VERSION:
                raise UserError(
                    f"{self.path}: results schema {version} is newer than this kamsim "
                    f"reads ({SCHEMA_VERSION}); update kamsim"
                )
            if version is None or int(version) < SCHEMA_VERSION:
                db.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )

    # ------------------------------------------------------------------ sealing
    def _sealing_key(self, db: sqlite3.Connection) -> bytes | None:
        """The key to seal a write with; refuses to write unsealed rows into a sealed store."""
        row = db.execute("SELECT value FROM meta WHERE key = 'seal_key_id'").fetchone()
        sealed_by = None if row is None else row["value"]
        if self.key is None:
            if sealed_by is not None:
                raise UserError(
                    f"{self.path} is sealed with key {sealed_by}, which is not on this machine: "
                    "writing to it without the key would leave rows nobody can check"
                )
            return None
        if (
            sealed_by is not None
            and sealed_by != self.key.key_id
            and self.key.owner != "facilitator"
        ):
            # A laptop enrolled again (a new cohort): its own database is sealed only against
            # accidents, since its owner holds the key; it follows the enrolment it holds now.
            seal.reseal_all(db, self.key.key, self.key.key_id)
        elif sealed_by is not None and sealed_by != self.key.key_id:
            raise UserError(
                f"{self.path} is sealed with key {sealed_by}; this machine's key is "
                f"{self.key.key_id}"
            )
        return self.key.key

    def _seal_row(self, db: sqlite3.Connection, key: bytes | None, table: str, rowid: int) -> None:
        if key is None:
            return
        row = db.execute(f"SELECT * FROM {table} WHERE id = ?", (rowid,)).fetchone()
        value = seal.game_mac(key, row) if table == "games" else seal.score_mac(key, row)
        db.execute(f"UPDATE {table} SET mac = ? WHERE id = ?", (value, rowid))

    def _reseal(self, db: sqlite3.Connection, key: bytes | None) -> None:
        if key is not None and self.key is not None:
            seal.write_seal(db, key, self.key.key_id)

    def check(self) -> seal.Integrity:
        """Every row against its MAC and the seal (see `kamsim.reports.seal`)."""
        key = None if self.key is None else self.key.key
        return seal.check(self._db, key, None if self.key is None else self.key.key_id)

    # ------------------------------------------------------------------ writes
    def add(self, game: NewGame, scorecard: Mapping[str, Any], *, scored_at: str = "") -> int:
        """Store a game and its first score in one transaction; returns the run id."""
        check_seed(game.seed)
        times = None if game.input_times is None else list(game.input_times)
        with self.transaction() as db:
            key = self._sealing_key(db)
            cur = db.execute(
                "INSERT INTO games(uid, participant, cohort, scenario_id, scenario_hash, seed,"
                " week, actions, digest, outcome, played_at, stored_at, source, mode,"
                " input_times) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    game.mode,
                    to_json(times),
                ),
            )
            game_id = int(cur.lastrowid or 0)
            if game.scenario_text is not None:
                self._keep_scenario(db, game.scenario_hash, game.scenario_id, game.scenario_text)
            self._seal_row(db, key, "games", game_id)
            self._insert_score(db, key, game_id, scorecard, scored_at or utc_now())
            self._reseal(db, key)
        return game_id

    def rescore(
        self, game_id: int, scorecard: Mapping[str, Any], outcome: Mapping[str, Any]
    ) -> bool:
        """Make `scorecard` the game's current score, keeping the old one in the history.

        Returns False (and writes nothing) when the score is unchanged.
        """
        with self.transaction() as db:
            key = self._sealing_key(db)
            row = db.execute(
                "SELECT scorecard FROM scores WHERE game_id = ? AND current = 1", (game_id,)
            ).fetchone()
            if row is not None and row["scorecard"] == to_json(scorecard):
                return False
            db.execute("UPDATE scores SET current = 0 WHERE game_id = ?", (game_id,))
            db.execute("UPDATE games SET outcome = ? WHERE id = ?", (to_json(outcome), game_id))
            self._seal_row(db, key, "games", game_id)
            self._insert_score(db, key, game_id, scorecard, utc_now())
            self._reseal(db, key)
        return True

    def _insert_score(
        self,
        db: sqlite3.Connection,
        key: bytes | None,
        game_id: int,
        card: Mapping[str, Any],
        when: str,
    ) -> None:
        cur = db.execute(
            "INSERT INTO scores(game_id, rubric_version, total, scorecard, scored_at, current)"
            " VALUES (?, ?, ?, ?, ?, 1)",
            (game_id, str(card["rubric_version"]), float(card["total"]), to_json(card), when),
        )
        self._seal_row(db, key, "scores", int(cur.lastrowid or 0))

    @staticmethod
    def _keep_scenario(db: sqlite3.Connection, digest: str, scenario_id: str, text: str) -> None:
        """Keep a scenario's text under its content hash. It needs no seal: whoever reads it
        back checks that it loads to that very hash (`kamsim.reports.games.scenario_for`), so
        an edited text is refused, never used; the first text kept for a hash stays."""
        db.execute(
            "INSERT OR IGNORE INTO scenarios(hash, scenario_id, text) VALUES (?, ?, ?)",
            (digest, scenario_id, text),
        )

    def enrol_cohort(
        self, cohort: str, scenario_id: str, scenario_hash: str, seed: int, scenario_text: str
    ) -> bool:
        """Register the cohort's world (and the scenario's text, by hash); False if it was.

        A cohort plays one world: enrolling it again on another scenario or seed is refused.
        """
        check_seed(seed)
        with self.transaction() as db:
            key = self._sealing_key(db)
            if key is None:
                raise UserError("enrolling a cohort needs the facilitator's key on this machine")
            row = db.execute("SELECT * FROM cohorts WHERE cohort = ?", (cohort,)).fetchone()
            if row is not None:
                if (row["scenario_hash"], row["seed"]) != (scenario_hash, seed):
                    raise UserError(
                        f"cohort '{cohort}' is enrolled on {row['scenario_id']} seed "
                        f"{row['seed']} (hash {row['scenario_hash'][:12]}…); a cohort plays "
                        "one world: choose another cohort id"
                    )
                return False
            self._keep_scenario(db, scenario_hash, scenario_id, scenario_text)
            db.execute(
                "INSERT INTO cohorts(cohort, scenario_id, scenario_hash, seed, enrolled_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (cohort, scenario_id, scenario_hash, seed, utc_now()),
            )
            row = db.execute("SELECT * FROM cohorts WHERE cohort = ?", (cohort,)).fetchone()
            db.execute(
                "UPDATE cohorts SET mac = ? WHERE cohort = ?", (seal.cohort_mac(key, row), cohort)
            )
            self._reseal(db, key)
        return True

    # ------------------------------------------------------------------ reads
    def games(self, cohort: str | None = None) -> list[StoredGame]:
        """Stored games with their current scores, oldest first (one cohort if given).

        Each carries its integrity verdict; a game whose rows were edited is still listed (and
        flagged), so an edit is seen rather than hidden.
        """
        if cohort is None:
            rows = self._db.execute(_SELECT + " ORDER BY g.id").fetchall()
        else:
            rows = self._db.execute(
                _SELECT + " WHERE g.cohort = ? ORDER BY g.id", (cohort,)
            ).fetchall()
        found = self.check()
        return [_row_to_game(r, found.of(r["id"])) for r in rows]

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
        return _row_to_game(rows[0], self.check().of(rows[0]["id"]))

    def find_uid(self, uid: str) -> int | None:
        row = self._db.execute("SELECT id FROM games WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else int(row["id"])

    def game_by_uid(self, uid: str) -> StoredGame | None:
        rows = self._db.execute(_SELECT + " WHERE g.uid = ?", (uid,)).fetchall()
        return _row_to_game(rows[0]) if rows else None

    def same_log(self, cohort: str, digest: str) -> list[StoredGame]:
        """Games of a cohort with this digest: the same scenario, seed and decisions."""
        rows = self._db.execute(
            _SELECT + " WHERE g.cohort = ? AND g.digest = ? ORDER BY g.id", (cohort, digest)
        ).fetchall()
        return [_row_to_game(r) for r in rows]

    def cohort_world(self, cohort: str) -> dict[str, Any] | None:
        """The enrolled cohort's scenario id, hash and seed (None if it was never enrolled)."""
        row = self._db.execute(
            "SELECT scenario_id, scenario_hash, seed FROM cohorts WHERE cohort = ?", (cohort,)
        ).fetchone()
        return None if row is None else dict(row)

    def scenario_text(self, scenario_hash: str) -> tuple[str, str] | None:
        """(id, YAML text) of a scenario a stored game or an enrolled cohort cites, by hash."""
        row = self._db.execute(
            "SELECT scenario_id, text FROM scenarios WHERE hash = ?", (scenario_hash,)
        ).fetchone()
        return None if row is None else (row["scenario_id"], row["text"])

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


def store_path(db: str | Path | None) -> Path:
    return Path(db) if db else default_db()
