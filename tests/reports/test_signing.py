"""Signed result files: every edit is caught, and an import anywhere gives the same scores."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamsim.reports import ResultsStore

from .conftest import KEY, bot_game, cli

ROOT = Path(__file__).resolve().parents[2]


def _mac(doc: dict[str, Any], key: str = KEY) -> str:
    """HMAC-SHA256 as the format documents it, computed here independently."""
    body = {k: v for k, v in doc.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key.encode(), canonical, hashlib.sha256).hexdigest()


@pytest.fixture
def exported(db_path, record_played, tmp_path) -> Path:
    # a person's game (mode "ui"): import refuses a bot's game as an assessment
    run = record_played("tutorial", 1, "ana@example.org", "berlin")
    out = tmp_path / "ana.kamsim.json"
    assert cli("export", "result", run, "--out", out, "--db", db_path) == 0
    return out


def _edit(path: Path, change: Callable[[dict[str, Any]], None], *, resign: bool) -> Path:
    doc = json.loads(path.read_text())
    change(doc)
    if resign:
        doc["signature"]["value"] = _mac(doc)
    edited = path.with_name("edited.json")
    edited.write_text(json.dumps(doc))
    return edited


def test_an_exported_file_verifies(exported, capsys) -> None:
    doc = json.loads(exported.read_text())
    assert doc["format"] == "kamsim-result" and doc["signature"]["alg"] == "HMAC-SHA256"
    assert doc["signature"]["value"] == _mac(doc)
    assert KEY not in exported.read_text()
    assert cli("verify", exported) == 0
    assert "intact" in capsys.readouterr().out


def _raise_total(doc: dict[str, Any]) -> None:
    doc["scorecard"]["total"] = 99.0


def _raise_dimension(doc: dict[str, Any]) -> None:
    doc["scorecard"]["dimensions"]["prioritisation"] = 100.0


def _raise_level(doc: dict[str, Any]) -> None:
    doc["scorecard"]["competencies"][0]["level"] = 4


def _edit_action(doc: dict[str, Any]) -> None:
    first = next(a for a in doc["game"]["actions"] if a["action"]["kind"] == "set_tier")
    first["action"]["tier"] = "decline" if first["action"]["tier"] != "decline" else "key"


def _drop_action(doc: dict[str, Any]) -> None:
    del doc["game"]["actions"][-1]
    if doc["game"]["input_times"]:  # a forger keeps the times in step
        del doc["game"]["input_times"][-1]


def _change_seed(doc: dict[str, Any]) -> None:
    doc["game"]["seed"] += 1


def _rename(doc: dict[str, Any]) -> None:
    doc["game"]["participant"] = "someone else"


EDITS = [
    _raise_total,
    _raise_dimension,
    _raise_level,
    _edit_action,
    _drop_action,
    _change_seed,
    _rename,
]


@pytest.mark.parametrize("change", EDITS, ids=lambda f: f.__name__)
def test_any_edit_breaks_the_signature(exported, change, capsys) -> None:
    edited = _edit(exported, change, resign=False)
    assert cli("verify", edited) == 1
    assert "signature mismatch: the file was changed after it was signed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_raise_total, "scores differ from recomputation: total"),
        (_raise_dimension, "scores differ from recomputation: prioritisation"),
        (_raise_level, "scores differ from recomputation: details"),
        (_edit_action, "digest mismatch after replay"),
        (_drop_action, "digest mismatch after replay"),
        (_change_seed, "digest mismatch after replay"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_even_with_the_key_scores_and_logs_cannot_be_forged(exported, change, reason, capsys):
    edited = _edit(exported, change, resign=True)
    assert cli("verify", edited) == 1
    assert reason in capsys.readouterr().out
    assert cli("import", edited, "--db", exported.parent / "other.sqlite3") == 1
    with ResultsStore(exported.parent / "other.sqlite3") as other:
        assert other.games() == []


def test_a_forged_log_with_its_own_digest_earns_only_what_it_replays_to(exported, capsys):
    """Re-signing a different log with a matching digest just describes another game."""
    sim = bot_game("tutorial", 1, "expert")

    def swap(doc: dict[str, Any]) -> None:
        doc["game"]["actions"] = [{"week": w, "action": a} for w, a in sim.history]
        doc["game"]["digest"] = sim.digest()
        doc["game"]["input_times"] = None

    edited = _edit(exported, swap, resign=True)
    assert cli("verify", edited) == 1  # the novice's scores do not match the expert's log
    assert "scores differ" in capsys.readouterr().out


def test_a_tampered_signature_and_a_wrong_key_are_reported(exported, monkeypatch, capsys):
    def flip(doc: dict[str, Any]) -> None:
        value = doc["signature"]["value"]
        doc["signature"]["value"] = ("0" if value[0] != "0" else "1") + value[1:]

    assert cli("verify", _edit(exported, flip, resign=False)) == 1
    assert "signature mismatch" in capsys.readouterr().out
    monkeypatch.setenv("KAMSIM_RESULT_KEY", "another-key-fedcba9876543210")
    assert cli("verify", exported) == 1
    assert "signed with another key" in capsys.readouterr().out


def test_without_a_key_nothing_can_be_checked(exported, monkeypatch, capsys) -> None:
    monkeypatch.delenv("KAMSIM_RESULT_KEY")
    assert cli("verify", exported) == 2
    assert "no result key" in capsys.readouterr().err


def test_the_key_can_come_from_the_config_folder(exported, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("KAMSIM_RESULT_KEY")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "result.key").write_text(KEY + "\n")
    assert cli("verify", exported) == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [("{broken", "corrupt JSON"), ('{"format": "other"}', "not a kamsim result file")],
)
def test_corrupt_files_are_reported_as_edited(tmp_path, text, reason, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    assert cli("verify", bad) == 1
    assert reason in capsys.readouterr().out


def test_import_on_another_machine_gives_identical_scores(exported, db_path, tmp_path, capsys):
    """Another process (another hash seed, fresh caches, its own data folder) imports it."""
    other_home = tmp_path / "facilitator"
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="12345", KAMSIM_DATA_DIR=str(other_home)
    )
    done = subprocess.run(
        [sys.executable, "-m", "kamsim", "import", str(exported)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "stored as run 1" in done.stdout
    other = other_home / "results.sqlite3"
    with ResultsStore(db_path) as mine, ResultsStore(other) as theirs:
        a, b = mine.games()[0], theirs.games()[0]
    assert b.scorecard == a.scorecard and b.total == a.total
    assert (b.uid, b.digest, b.seed, b.participant, b.cohort, b.played_at) == (
        a.uid,
        a.digest,
        a.seed,
        a.participant,
        a.cohort,
        a.played_at,
    )
    assert b.source == f"import:{exported.name}"
    assert cli("import", exported, "--db", other) == 0
    assert "duplicate as run 1" in capsys.readouterr().out


def test_a_file_scored_by_an_older_rubric_is_rescored_on_import(exported, tmp_path, capsys):
    def older(doc: dict[str, Any]) -> None:
        doc["scorecard"]["rubric_version"] = "0"
        doc["scorecard"]["total"] = 12.0

    edited = _edit(exported, older, resign=True)
    assert cli("verify", edited) == 1
    assert "scored with rubric '0'" in capsys.readouterr().out
    db = tmp_path / "other.sqlite3"
    assert cli("import", edited, "--db", db) == 0
    original = json.loads(exported.read_text())["scorecard"]
    current = original["rubric_version"]
    assert f"rescored with rubric {current} (file: 0)" in capsys.readouterr().out
    with ResultsStore(db) as store:
        assert store.games()[0].scorecard == original


def test_import_reports_each_file_and_fails_if_any_was_refused(exported, tmp_path, capsys):
    bad = _edit(exported, _raise_total, resign=False)
    copy_ok = tmp_path / "ok.json"
    copy_ok.write_text(exported.read_text())
    db = tmp_path / "other.sqlite3"
    assert cli("import", bad, copy_ok, tmp_path / "missing.json", "--db", db) == 1
    captured = capsys.readouterr()
    assert "stored as run 1" in captured.out
    assert "edited.json: refused — signature mismatch" in captured.err
    assert "missing.json: refused — no such file" in captured.err


def test_a_changed_scenario_cannot_be_checked(exported, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    source = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
    text = source.read_text().replace("duration_weeks: 16", "duration_weeks: 15", 1)
    assert text != source.read_text()
    (folder / "tutorial.yaml").write_text(text)
    # the bundled tutorial changed since the game (a newer kamsim), and no database keeps it
    monkeypatch.setattr("kamsim.scenario.catalog.bundled_dir", lambda: folder)
    assert cli("verify", exported) == 2
    assert "is not the version this game was played on" in capsys.readouterr().err


def test_import_goes_on_past_files_it_cannot_read(tmp_path, capsys, monkeypatch) -> None:
    """One unreadable file (a folder, a missing file) is refused; the batch is not abandoned."""
    from kamsim.cli import main

    monkeypatch.setenv("KAMSIM_RESULT_KEY", "k" * 32)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    db = str(tmp_path / "r.db")
    assert main(["import", str(folder), str(tmp_path / "missing.json"), "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"{folder}: refused — cannot read it (Is a directory)" in err
    assert f"{tmp_path / 'missing.json'}: refused — no such file" in err
    assert main(["verify", str(folder)]) == 2
    assert f"{folder}: cannot check — cannot read it (Is a directory)" in capsys.readouterr().err
