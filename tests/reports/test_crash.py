"""A writer killed with SIGKILL leaves the database consistent and loses nothing committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kamsim.reports import ResultsStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys, time
    from kamsim.bots import play
    from kamsim.reports import ResultsStore, record_game
    from kamsim.reports.games import new_game
    from kamsim.scenario.catalog import resolve
    from kamsim.scenario.load import load_scenario
    from kamsim.scoring import score_game

    sim = play(load_scenario(resolve("tutorial")), 1, "novice")
    card = score_game(sim)
    store = ResultsStore(sys.argv[1])
    mode = sys.argv[2]
    if mode == "mid":
        for i in range(3):
            record_game(store, sim, f"committed {i}", "c1", card)
        print("committed", flush=True)
        with store.transaction() as db:
            for i in range(200):  # a big, unfinished write
                db.execute(
                    "INSERT INTO games(uid, participant, cohort, scenario_id, scenario_hash, "
                    "seed, week, actions, digest, outcome, played_at, stored_at, source) "
                    "VALUES (?, 'ghost', 'c1', 't', 'h', 1, 1, ?, 'd', '{}', 'x', 'x', 'x')",
                    (f"ghost{i}", "[]" + " " * 20000),
                )
            print("inside", flush=True)
            time.sleep(60)
    else:
        i = 0
        while True:
            run = record_game(store, sim, f"loop {i}", "c1", card)
            print(run, flush=True)
            i += 1
    """
)


def _child(db: Path, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def test_kill_in_the_middle_of_a_transaction(tmp_path) -> None:
    db = tmp_path / "results.sqlite3"
    proc = _child(db, "mid")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "committed"
    assert proc.stdout.readline().strip() == "inside"
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 1_000_000  # uncommitted pages already spilled to disk
    _kill(proc)
    with ResultsStore(db) as store:
        assert store.integrity() == "ok"
        stored = store.games()
        assert [g.participant for g in stored] == [f"committed {i}" for i in range(3)]
        ghosts = store._db.execute("SELECT count(*) FROM games WHERE participant = 'ghost'")
        assert ghosts.fetchone()[0] == 0


def test_kill_while_recording_game_after_game(tmp_path) -> None:
    db = tmp_path / "results.sqlite3"
    proc = _child(db, "loop")
    assert proc.stdout is not None
    acknowledged = [int(proc.stdout.readline()) for _ in range(15)]
    _kill(proc)
    with ResultsStore(db) as store:
        assert store.integrity() == "ok"
        ids = {g.id for g in store.games()}  # games joined with their current score
        assert set(acknowledged) <= ids
        orphans = store._db.execute(
            "SELECT count(*) FROM games g WHERE NOT EXISTS "
            "(SELECT 1 FROM scores s WHERE s.game_id = g.id AND s.current = 1)"
        )
        assert orphans.fetchone()[0] == 0
