"""`kamsim run` and `kamsim replay` as scripts and assessors use them: the `--json` contract,
reproducibility across processes, saves that replay, and plain errors instead of tracebacks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

import kamsim.atomic
from kamsim.cli import main
from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation, load_game, save_game
from tests.conftest import ROOT

EXPERT = ROOT / "examples" / "tutorial-expert.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def _kamsim(*args: str, hash_seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("KAMSIM_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "kamsim", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def _run_json(capsys, *args: str) -> dict[str, Any]:
    assert main(["run", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _fails_plainly(capsys, args: list[str], expected: str) -> str:
    """The command exits 1 with one `kamsim: …` message naming the problem, no traceback."""
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("kamsim: ") and expected in err, err
    assert "Traceback" not in err and "internal error" not in err
    return err


# ---------------------------------------------------------------------- the --json contract
def test_json_output_is_byte_identical_across_processes_and_hash_seeds() -> None:
    args = ("run", "tutorial", "--seed", "3", "--playbook", str(EXPERT), "--json")
    first, second = _kamsim(*args, hash_seed="1"), _kamsim(*args, hash_seed="4242")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert {"scenario", "scenario_hash", "seed", "digest", "kpis", "refused"} <= set(data)
    assert data["scenario"] == "tutorial" and data["seed"] == 3
    assert len(data["scenario_hash"]) == len(data["digest"]) == 64
    assert set(data["kpis"]) == {"territory", "accounts"}
    assert set(data["kpis"]["accounts"]) == {"harbourside", "millbrook", "eastvale"}
    assert {"sales", "share", "satisfaction"} <= set(data["kpis"]["territory"])


def test_another_seed_gives_another_game(capsys) -> None:
    one = _run_json(capsys, "tutorial", "--seed", "1", "--playbook", str(EXPERT))
    two = _run_json(capsys, "tutorial", "--seed", "2", "--playbook", str(EXPERT))
    again = _run_json(capsys, "tutorial", "--seed", "1", "--playbook", str(EXPERT))
    assert one["digest"] != two["digest"]
    assert one == again


def test_expert_example_plays_with_only_its_commented_refusal(capsys) -> None:
    data = _run_json(capsys, "tutorial", "--playbook", str(EXPERT))
    assert [(r["week"], r["action"]["stakeholder"]) for r in data["refused"]] == [(2, "dr_anand")]
    assert data["kpis"]["accounts"]["millbrook"]["formulary_status"] == 2.0  # listed


# ---------------------------------------------------------------------- saves and replays
def test_save_then_replay_gives_the_same_digest(capsys, tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    played = _run_json(
        capsys, "tutorial", "--seed", "5", "--playbook", str(EXPERT), "--save", str(save)
    )
    assert main(["replay", str(save), "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["digest"] == played["digest"]
    assert replayed == played
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temp file left behind


def test_a_corrupt_save_is_a_plain_error(capsys, tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    save.write_text('{"format_version": 1, "scenario_id": "tutorial", "actions": [', "utf-8")
    _fails_plainly(capsys, ["replay", str(save)], "not a kamsim save file (corrupt JSON")


def test_a_corrupt_save_is_a_plain_error_from_the_real_command(tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    save.write_bytes(b"\x00\xff not json")
    done = _kamsim("replay", str(save))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("kamsim: ") and "not a kamsim save file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_save_of_a_changed_scenario_is_refused(capsys, tmp_path: Path, write_variant) -> None:
    save = tmp_path / "game.json"
    _run_json(capsys, "tutorial", "--playbook", str(EXPERT), "--save", str(save))
    changed = write_variant(lambda d: d["company"].update(budget=1))
    _fails_plainly(
        capsys, ["replay", str(save), "--scenario", str(changed)], "has changed since this game"
    )


def test_a_bad_playbook_names_file_line_and_column(capsys, tmp_path: Path) -> None:
    playbook = tmp_path / "broken.yaml"
    playbook.write_text(
        textwrap.dedent(
            """\
            - week: 1
              action: {kind: desk_research, account: millbrook}
            - week: 2
              action: {kind: meet, account: millbrook, stakeholder: sister_kowal, purpose: chat}
            """
        ),
        "utf-8",
    )
    err = _fails_plainly(capsys, ["run", "tutorial", "--playbook", str(playbook)], "purpose")
    assert err.strip() == (
        f"kamsim: {playbook}:4:80: [1].action.purpose: must be one of: listen, discover, "
        "present_value, co_create, promote (got 'chat')"
    )


def test_a_missing_playbook_is_a_plain_error(capsys, tmp_path: Path) -> None:
    _fails_plainly(
        capsys, ["run", "tutorial", "--playbook", str(tmp_path / "nope.yaml")], "nope.yaml"
    )


# ---------------------------------------------------------------------- crashes during a save
def test_a_failed_save_leaves_the_previous_save_intact(tmp_path: Path, monkeypatch) -> None:
    scenario = load_scenario(TUTORIAL)
    sim = Simulation(scenario, 1)
    save = tmp_path / "game.json"
    save_game(sim, save)
    before = save.read_bytes()
    sim.submit({"kind": "desk_research", "account": "millbrook"})
    sim.advance(3)

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash before the rename")

    monkeypatch.setattr(kamsim.atomic.os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        save_game(sim, save)
    assert save.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # the temp file is cleaned up
    assert load_game(save, scenario).week == 1


SAVE_LOOP = """
import sys
from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation, save_game

sim = Simulation(load_scenario(sys.argv[1]), 1)
for week in range(1, sim.scenario.meta.duration_weeks + 1):
    sim.submit({"kind": "desk_research", "account": "millbrook"})
    sim.advance(week + 1)
save_game(sim, sys.argv[2])
print("saved", flush=True)
while True:
    save_game(sim, sys.argv[2])
"""


def test_killing_the_process_mid_save_never_leaves_a_broken_file(tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    proc = subprocess.Popen(
        [sys.executable, "-c", SAVE_LOOP, str(TUTORIAL), str(save)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "saved"
        time.sleep(0.3)  # hundreds of saves in flight
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    data = json.loads(save.read_text("utf-8"))
    weeks = load_scenario(TUTORIAL).meta.duration_weeks
    assert data["week"] == weeks + 1 and len(data["actions"]) == weeks
    assert load_game(save, load_scenario(TUTORIAL)).finished
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "game.json"]
    assert all(name.startswith(".game.json.") and name.endswith(".tmp") for name in leftovers)


def test_unwritable_save_path_is_a_message(capsys) -> None:
    from kamsim.cli import main

    assert main(["run", "tutorial", "--save", "/nonexistent-folder/game.json"]) == 1
    err = capsys.readouterr().err
    assert "cannot write --save /nonexistent-folder/game.json: the folder" in err


def test_half_the_recording_names_is_refused_before_the_game(tmp_path, capsys) -> None:
    from kamsim.cli import main

    save = tmp_path / "s.json"
    assert main(["run", "tutorial", "--participant", "ana", "--save", str(save)]) == 1
    assert "give both --participant NAME and --cohort ID" in capsys.readouterr().err
    assert not save.exists()  # nothing was played
