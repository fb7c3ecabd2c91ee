"""The results store: what a recorded game keeps, how runs are found, rescoring with history."""

from __future__ import annotations

import argparse
import json
import sqlite3

import pytest

from kamsim.errors import UserError
from kamsim.reports import ResultsStore, add_recording_args, maybe_record, record_game
from kamsim.reports import games as games_mod
from kamsim.reports.paths import default_db
from kamsim.scoring import Competency, Evidence, Indicator, Scorecard, score_game
from kamsim.sim import Simulation, replay

from .conftest import bot_game, cli, scenario


def hand_card(total: float = 61.5, rubric: str = "hand-1") -> Scorecard:
    """A scorecard built by hand, as the store must accept any Scorecard."""
    indicator = Indicator(
        "tier:millbrook",
        "prioritisation",
        "Tier of <Millbrook>",
        0.75,
        1.0,
        (Evidence(2, "tiered millbrook as key", 3),),
        "close",
        "tier it key",
        "millbrook",
    )
    competency = Competency("courage", "Courage to prioritise", 0.7, 3, "Says no.", ("tier",))
    return Scorecard(
        total=total,
        dimensions={
            "prioritisation": 70.0,
            "plan_quality": 55.0,
            "competencies": 60.0,
            "outcomes": 50.0,
        },
        indicators=(indicator,),
        competencies=(competency,),
        rubric_version=rubric,
    )


def test_record_game_keeps_everything_that_rebuilds_the_game(store) -> None:
    sim = bot_game("tutorial", 1, "novice")
    run = record_game(store, sim, "Ana Costa", "berlin-03", hand_card())
    game = store.get(run)
    assert (game.participant, game.cohort, game.seed) == ("Ana Costa", "berlin-03", 1)
    assert game.scenario_id == "tutorial" and len(game.scenario_hash) == 64
    assert game.digest == sim.digest() and game.actions == sim.history
    assert game.scorecard == hand_card().to_dict() and game.rubric_version == "hand-1"
    assert game.total == 61.5 and game.played_at.endswith("Z")
    assert game.outcome["finished"] and set(game.outcome["tiers"]) == {
        a.id for a in sim.scenario.accounts
    }
    rebuilt = replay(sim.scenario, game.seed, game.actions, until_week=game.week)
    assert rebuilt.digest() == game.digest


def test_runs_are_found_by_id_or_uid_prefix(store, record) -> None:
    run = record("tutorial", 1, "expert", "Ana")
    record("tutorial", 2, "expert", "Ben")
    uid = store.get(run).uid
    assert store.get(str(run)).uid == uid
    assert store.get(uid[:8]).id == run and store.get(uid.upper()).id == run
    with pytest.raises(UserError, match="no stored game '999'"):
        store.get("999")
    with pytest.raises(UserError, match="is not a run"):
        store.get("ana")


def test_the_default_database_lives_in_the_data_folder(tmp_path) -> None:
    sim = bot_game("tutorial", 1, "random")
    run = record_game(None, sim, "Ana", "c1", score_game(sim))
    assert default_db() == tmp_path / "data" / "results.sqlite3"
    with ResultsStore(default_db(), create=False) as db:
        assert db.get(run).participant == "Ana"
        assert db.integrity() == "ok"
        mode = db._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_reading_a_missing_database_explains_what_to_do(tmp_path, capsys) -> None:
    assert cli("results", "--db", tmp_path / "none.sqlite3") == 1
    assert "no results database" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()


def test_a_newer_schema_is_refused(db_path, store) -> None:
    store._db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(UserError, match="schema 99 is newer"):
        ResultsStore(db_path)


def test_a_file_that_is_not_a_database_gives_a_message(tmp_path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database at all " * 100)
    with pytest.raises(UserError, match="not a usable kamsim results database"):
        ResultsStore(bad)


def test_results_lists_games_as_text_and_json(db_path, record, capsys) -> None:
    record("tutorial", 1, "expert", "Ana", "c1")
    record("tutorial", 1, "novice", "Ben", "c2")
    assert cli("results", "--db", db_path) == 0
    text = capsys.readouterr().out
    assert "Ana" in text and "Ben" in text
    assert cli("results", "--db", db_path, "--cohort", "c2", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["participant"] for r in rows] == ["Ben"]
    assert set(rows[0]) >= {"id", "uid", "scenario", "seed", "total", "rubric_version", "digest"}


def test_rescore_keeps_the_old_score_and_its_rubric(db_path, store, record, capsys) -> None:
    run = record("tutorial", 1, "novice", "Ana")
    before = store.get(run)

    def new_rubric(sim: Simulation) -> dict:
        card = score_game(sim).to_dict()
        return card | {"rubric_version": "next", "total": round(card["total"] / 2, 2)}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(games_mod, "scorecard_of", new_rubric)
        assert cli("rescore", "--db", db_path) == 0
        assert "1 rescored" in capsys.readouterr().out
        assert cli("rescore", "--db", db_path, "--cohort", "c1") == 0  # idempotent
        assert "0 rescored, 1 unchanged" in capsys.readouterr().out
    after = store.get(run)
    assert after.rubric_version == "next" and after.total == round(before.total / 2, 2)
    history = store.score_history(run)
    assert [(h["rubric_version"], h["current"]) for h in history] == [
        (before.rubric_version, False),
        ("next", True),
    ]
    assert history[0]["total"] == before.total


def test_rescore_reports_a_game_it_cannot_replay(tmp_path, capsys) -> None:
    # A database recorded without a key (no seals): the changed digest stands for a
    # simulation that changed since the game was recorded. In a sealed database the same
    # UPDATE is an edit, and test_tamper.py shows rescore reporting it as one.
    db_path = tmp_path / "unsealed.sqlite3"
    sim = bot_game("tutorial", 1, "novice")
    with ResultsStore(db_path, key=None) as unsealed:
        run = record_game(unsealed, sim, "Ana", "c1", score_game(sim))
        unsealed._db.execute("UPDATE games SET digest = 'x' WHERE id = ?", (run,))
    assert cli("rescore", "--db", db_path) == 1
    assert "no longer replays to the stored digest" in capsys.readouterr().out
    with ResultsStore(db_path) as store:
        assert len(store.score_history(run)) == 1


def test_every_game_has_exactly_one_current_score(store, record) -> None:
    run = record("tutorial", 1, "novice", "Ana")
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:
        db.execute(
            "INSERT INTO scores(game_id, rubric_version, total, scorecard, scored_at, "
            "current) VALUES (?, 'x', 1, '{}', 'now', 1)",
            (run,),
        )
    assert len(store.score_history(run)) == 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_recording_args(parser)
    return parser


def test_maybe_record_stores_a_finished_game_when_asked(tmp_path, capsys) -> None:
    sim = bot_game("tutorial", 2, "expert")
    db = tmp_path / "w.sqlite3"
    assert maybe_record(_parser().parse_args([]), sim) is None
    args = _parser().parse_args(["--participant", "Ana", "--cohort", "c9", "--db", str(db)])
    run = maybe_record(args, sim)
    assert "recorded as run 1" in capsys.readouterr().err
    with ResultsStore(db) as store:
        assert store.get(run).scorecard == score_game(sim).to_dict()


def test_maybe_record_refuses_half_the_flags_or_an_unfinished_game() -> None:
    with pytest.raises(UserError, match="both --participant"):
        maybe_record(
            _parser().parse_args(["--participant", "Ana"]), bot_game("tutorial", 1, "expert")
        )
    unfinished = Simulation(scenario("tutorial"), 1)
    with pytest.raises(UserError, match="only finished games"):
        maybe_record(_parser().parse_args(["--participant", "A", "--cohort", "c"]), unfinished)


def test_a_uid_prefix_made_only_of_digits_still_finds_its_game(store, record) -> None:
    run = record("tutorial", 1, "expert", "Ana")
    uid = store.get(run).uid
    store._db.execute("UPDATE games SET uid = ? WHERE id = ?", ("12345678" + uid[8:], run))
    assert store.get("12345678").id == run  # no run 12345678: read as the uid's first digits
    assert store.get(str(run)).id == run
