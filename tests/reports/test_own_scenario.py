"""A trainer's own scenario file, end to end: the game is recorded, the file is deleted, and
the debrief, the report, xAPI, rescore and verify still find the scenario (the results store
keeps its canonical text by the hash the game cites), with the scores unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kamsim.reports import ResultsStore
from kamsim.reports.games import scenario_for
from kamsim.reports.individual import debrief_for

from .conftest import cli

SOURCE = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


def _own_scenario(folder: Path) -> Path:
    """The tutorial as a trainer's own file: another id and one value changed (another hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SOURCE.read_text(encoding="utf-8")
    text = text.replace("  id: tutorial\n", "  id: lindmoor\n", 1)
    text = text.replace("    weight: 0.2\n", "    weight: 0.3\n", 1)
    assert "id: lindmoor" in text and "weight: 0.3" in text
    path = folder / "lindmoor.yaml"
    path.write_text("# a trainer's comment, not kept\n" + text, encoding="utf-8")
    return path


@pytest.fixture
def recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, float]:
    """A bot game on a trainer's file in a temporary folder, recorded; then the file is gone."""
    own = _own_scenario(tmp_path / "trainer")
    db = tmp_path / "r.sqlite3"
    assert cli("run", own, "--bot", "novice", "--seed", 4, "--json",
               "--participant", "ana", "--cohort", "lind", "--db", db) == 0  # fmt: skip
    total = json.loads(capsys.readouterr().out)["scores"]["total"]
    own.unlink()
    return db, total


def test_the_game_replays_after_its_scenario_file_is_deleted(recorded, tmp_path, capsys):
    db, total = recorded
    with ResultsStore(db) as store:
        game = store.get(1)
        assert game.total == total
        debrief = debrief_for(store, game)  # what `report individual` shows
        assert debrief.sim.scenario.meta.id == "lindmoor"
        assert debrief.sim.digest() == game.digest
        assert debrief.game.total == total and debrief.expert_card is not None

    page = tmp_path / "ana.html"
    assert cli("report", "individual", 1, "--html", page, "--db", db) == 0
    assert "lindmoor" in page.read_text(encoding="utf-8")

    statements = tmp_path / "ana.xapi.json"
    assert cli("export", "xapi", 1, "--out", statements, "--db", db) == 0
    done = [s for s in json.loads(statements.read_text()) if s["verb"]["id"].endswith("completed")]
    assert [s["result"]["score"]["raw"] for s in done] == [total]

    capsys.readouterr()
    assert cli("rescore", "--db", db) == 0
    assert "1 game(s): 0 rescored, 1 unchanged, 0 could not" in capsys.readouterr().out
    with ResultsStore(db) as store:
        assert store.get(1).total == total

    result = tmp_path / "ana.kamsim.json"
    assert cli("export", "result", 1, "--out", result, "--db", db) == 0
    capsys.readouterr()
    # a bot's game is no assessment (exit 1), but it is checked: the scenario was found
    assert cli("verify", result, "--db", db) == 1
    assert "intact but NOT AN ASSESSMENT" in capsys.readouterr().out


def test_without_the_kept_text_the_error_says_how_to_point_at_the_file(recorded, capsys):
    db, _ = recorded
    with sqlite3.connect(db) as raw:  # as a database from before this kamsim kept scenarios
        raw.execute("DELETE FROM scenarios")
    assert cli("rescore", "--db", db) == 1
    out = capsys.readouterr().out
    assert "scenario 'lindmoor' is not bundled, not in your scenario folders" in out
    assert "copy the scenario file it was played on into" in out


def test_the_user_scenario_folder_is_searched_when_the_text_is_not_kept(recorded, tmp_path):
    db, _ = recorded
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM scenarios")
    _own_scenario(tmp_path / "data" / "scenarios")  # the picker's folder (KAMSIM_DATA_DIR)
    with ResultsStore(db) as store:
        game = store.get(1)
        assert scenario_for(game.scenario_id, game.scenario_hash, store).meta.id == "lindmoor"


def test_an_edited_kept_text_is_refused_not_used(recorded, capsys):
    db, _ = recorded
    with sqlite3.connect(db) as raw:
        (text,) = raw.execute("SELECT text FROM scenarios").fetchone()
        raw.execute("UPDATE scenarios SET text = ?", (text.replace("0.3", "0.9", 1),))
    assert cli("rescore", "--db", db) == 1
    assert "not bundled, not in your scenario folders" in capsys.readouterr().out


def test_debrief_of_a_save_finds_the_kept_scenario(tmp_path, capsys):
    """`kamsim debrief SAVE` on a recorded game whose scenario file is gone: the default
    results database keeps the scenario, so the save's hash finds it."""
    own = _own_scenario(tmp_path / "trainer")
    save = tmp_path / "ana.save.json"
    assert cli("run", own, "--bot", "novice", "--seed", 4, "--json", "--save", save,
               "--participant", "ana", "--cohort", "lind") == 0  # fmt: skip
    total = json.loads(capsys.readouterr().out)["scores"]["total"]
    own.unlink()
    assert cli("debrief", save, "--json") == 0
    assert json.loads(capsys.readouterr().out)["scores"]["total"] == total
    (tmp_path / "data" / "results.sqlite3").unlink()  # no database: the save's own copy
    assert cli("debrief", save, "--json") == 0
    assert json.loads(capsys.readouterr().out)["scores"]["total"] == total
    data = json.loads(save.read_text(encoding="utf-8"))
    del data["scenario_text"]  # a save from before saves carried it: say how to name the file
    save.write_text(json.dumps(data), encoding="utf-8")
    assert cli("debrief", save) == 1
    assert "--scenario FILE" in capsys.readouterr().err


def test_a_save_carries_its_scenario_when_the_file_changes_or_goes(tmp_path, capsys):
    """Not recorded anywhere: the save alone replays the game, on the scenario it was played
    on, after the trainer's file was edited and after it was deleted."""
    own = _own_scenario(tmp_path / "data" / "scenarios")  # the user scenario folder
    save = tmp_path / "ana.save.json"
    assert cli("run", own, "--bot", "expert", "--seed", 2, "--json", "--save", save) == 0
    played = json.loads(capsys.readouterr().out)
    own.write_text(own.read_text(encoding="utf-8").replace("weight: 0.3", "weight: 0.4", 1))
    assert cli("replay", save, "--json") == 0  # the folder's file has another hash now
    again = json.loads(capsys.readouterr().out)
    assert (again["digest"], again["scores"]["total"]) == (
        played["digest"],
        played["scores"]["total"],
    )
    own.unlink()
    assert cli("replay", save, "--json") == 0
    assert json.loads(capsys.readouterr().out)["digest"] == played["digest"]


def test_an_edited_copy_in_a_save_is_not_used(tmp_path, capsys):
    own = _own_scenario(tmp_path / "trainer")
    save = tmp_path / "ana.save.json"
    assert cli("run", own, "--bot", "novice", "--seed", 2, "--save", save) == 0
    own.unlink()
    data = json.loads(save.read_text(encoding="utf-8"))
    data["scenario_text"] = data["scenario_text"].replace("weight: 0.3", "weight: 0.9", 1)
    save.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert cli("replay", save) == 1
    assert "--scenario FILE" in capsys.readouterr().err


def test_a_broken_file_of_the_same_name_does_not_hide_the_kept_copy(recorded, tmp_path, capsys):
    db, _ = recorded
    folder = tmp_path / "data" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "lindmoor.yaml").write_text("meta: {id: 3\n", encoding="utf-8")
    assert cli("rescore", "--db", db) == 0
    assert "1 unchanged" in capsys.readouterr().out
