"""Bad input at the command line: a plain message and a documented exit code, never an
`internal error` (exit 70) and never a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kamsim.cli import EXIT_FILES, EXIT_INTERNAL, build_parser, file_problem, main
from kamsim.commands._args import MAX_RUNS, MAX_SEED, cpus
from tests.conftest import ROOT


def test_runs_past_the_limit_are_refused_before_any_work(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["calibrate", "tutorial", "--runs", str(MAX_RUNS + 1)])
    assert stop.value.code == 2
    assert "--runs: must be at most 10,000" in capsys.readouterr().err


def test_a_seed_sqlite_cannot_store_is_refused(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["run", "tutorial", "--seed", str(MAX_SEED + 1)])
    assert stop.value.code == 2
    assert "--seed: must be at most 9,223,372,036,854,775,807" in capsys.readouterr().err


def test_workers_are_capped_at_the_cpus() -> None:
    args = build_parser().parse_args(["audit", "tutorial", "--workers", "48"])
    assert args.workers == min(48, cpus())


def test_a_json_file_nested_100k_deep_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    code = main(["replay", str(deep)])
    err = capsys.readouterr().err
    assert code not in (0, EXIT_INTERNAL)
    assert "internal error" not in err and "nested more than 64 levels deep" in err


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (IsADirectoryError(errno.EISDIR, "Is a directory", "out"), "'out' is a folder"),
        (FileNotFoundError(errno.ENOENT, "No such file", "a/b.csv"), "'a/b.csv' does not exist"),
        (PermissionError(errno.EACCES, "Permission denied", "/r.html"), "no permission to use"),
        (OSError(errno.ENOSPC, "No space left on device", "r.json"), "the disk is full"),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory", "f/x"), "is a file, not a folder"),
    ],
)
def test_file_problems_say_what_to_do(error: OSError, words: str) -> None:
    assert words in file_problem(error)


def test_a_file_problem_anywhere_is_exit_74_not_internal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import kamsim.commands.scenario_cmds as cmds

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "starter.yaml")

    monkeypatch.setattr(cmds, "atomic_write_text", full_disk)
    monkeypatch.chdir(tmp_path)
    code = main(["new", "starter.yaml"])
    err = capsys.readouterr().err
    assert code == EXIT_FILES and "the disk is full" in err, err


def test_a_terminal_that_cannot_show_a_name_gets_an_escape_not_a_crash(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    env.pop("KAMSIM_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "kamsim", "validate", str(tmp_path / "Zoë.yaml")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Zo\\xeb.yaml" in done.stdout + done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_outputs_never_replace_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    save = tmp_path / "game.json"
    save.write_text("mine", "utf-8")
    assert main(["run", "tutorial", "--bot", "novice", "--save", str(save)]) == 1
    assert "already exists; choose another name or add --force" in capsys.readouterr().err
    assert save.read_text("utf-8") == "mine"  # nothing the user made is lost
    assert main(["run", "tutorial", "--bot", "novice", "--save", str(save), "--force"]) == 0
    assert save.read_text("utf-8") != "mine"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["run", "tutorial", "--save", "{tmp}"], "is a folder; name a file"),
        (["run", "tutorial", "--save", "{tmp}/no/such/game.json"], "does not exist"),
        (["report", "cohort", "c", "--csv", "{tmp}"], "--csv {tmp} is a folder"),
        (["report", "cohort", "c", "--html", "{tmp}/gone/r.html"], "does not exist"),
        (["export", "result", "1", "--out", "{tmp}"], "--out {tmp} is a folder"),
    ],
)
def test_output_paths_are_checked_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture, argv: list[str], words: str
) -> None:
    code = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 1
    assert words.replace("{tmp}", str(tmp_path)) in capsys.readouterr().err


def test_a_data_folder_that_is_a_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    afile = tmp_path / "data"
    afile.write_text("", "utf-8")
    monkeypatch.setenv("KAMSIM_DATA_DIR", str(afile))
    code = main(["run", "tutorial", "--bot", "novice", "--participant", "a", "--cohort", "c"])
    assert code == 1
    assert f"KAMSIM_DATA_DIR names {afile}, which is a file" in capsys.readouterr().err


def test_escape_codes_in_a_name_are_shown_not_obeyed(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    env = {**os.environ, "KAMSIM_DATA_DIR": str(tmp_path)}
    evil = "\x1b]0;pwned\x07\x1b[31mEve"
    args = ["--bot", "novice", "--participant", evil, "--cohort", "c", "--db", str(db)]
    for argv in (["run", "tutorial", *args], ["results", "--db", str(db)]):
        done = subprocess.run(
            [sys.executable, "-m", "kamsim", *argv],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        out = done.stdout + done.stderr
        assert "\x1b" not in out and "\x07" not in out
        assert "\\x1b[31mEve" in out


def test_a_damaged_schema_version_is_named_not_internal(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import sqlite3

    db = tmp_path / "r.sqlite3"
    assert main(["run", "tutorial", "--bot", "novice", "--participant", "a", "--cohort", "c",
                 "--db", str(db)]) == 0  # fmt: skip
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = 'zz' WHERE key = 'schema_version'")
    capsys.readouterr()
    assert main(["results", "--db", str(db)]) == 1
    assert "its schema version is 'zz', not a number" in capsys.readouterr().err


def test_more_workers_than_tasks_start_no_idle_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    import kamsim.calibrate.run as run

    started: list[int] = []

    class Pool:
        def __init__(self, workers: int, **_: object) -> None:
            started.append(workers)

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def map(self, fn: object, groups: list[list[object]], chunksize: int) -> list[object]:
            return [[None] * len(group) for group in groups]  # each seed's games, unplayed

    monkeypatch.setattr(run, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(run.os, "cpu_count", lambda: 64)
    run.run_games(None, [("expert", 1), ("novice", 1), ("random", 1)], 48, None)  # type: ignore[arg-type]
    assert started == [3]


def test_a_save_naming_a_500_character_scenario_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import json

    save = tmp_path / "game.json"
    assert main(["run", "tutorial", "--bot", "novice", "--save", str(save)]) == 0
    data = json.loads(save.read_text("utf-8"))
    data["scenario_id"] = "x" * 500
    save.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    assert main(["replay", str(save)]) == 1
    err = capsys.readouterr().err
    assert "is not a scenario id or a file name (too long or with control characters)" in err
    assert "x" * 100 not in err  # the message quotes the start, not 500 characters


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("- {week: true, action: {kind: desk_research, account: eastvale}}",
         "pb.yaml:1:10: [0].week: must be a number (got true)"),
        ("- {week: 1, action: {kind: write_plan, account: eastvale, plan: "
         "{objectives: [{kpi: sales, target: 1e400, by_week: 8}]}}}",
         "[0].action.plan.objectives[0].target: must be a finite number"),
    ],
)  # fmt: skip
def test_a_playbook_with_a_boolean_week_or_an_infinite_target_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture, entry: str, words: str
) -> None:
    """`week: true` was read as week 1, and a 1e400 target was stored as infinity, which made
    the replayed game differ from the one played."""
    book = tmp_path / "pb.yaml"
    book.write_text(entry + "\n", "utf-8")
    assert main(["run", "tutorial", "--playbook", str(book)]) == 1
    assert words in capsys.readouterr().err
