"""`kamsim validate`, `schema` and `new` as a trainer meets them: exit codes and exact lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kamsim.cli import main
from tests.conftest import SCENARIOS

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def test_valid_files_exit_zero(capsys) -> None:
    assert main(["validate", *map(str, SCENARIOS)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert all(f"{p}: valid (0 errors, 0 warnings)" in err for p in SCENARIOS)


def test_one_bad_file_fails_the_run_and_all_problems_print(capsys) -> None:
    bad = BROKEN / "duplicate_keys.yaml"
    assert main(["validate", str(SCENARIOS[0]), str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad}:3:3: meta.title: duplicate key 'title' (first at line 2)",
        f"{bad}:6:5: accounts[0].name: duplicate key 'name' (first at line 5)",
    ]


def test_field_error_names_file_line_column_and_path(write_variant, capsys) -> None:
    def edit(d):
        d["accounts"][0]["stakeholders"][0]["influence"] = 1.4

    path = write_variant(edit)
    assert main(["validate", str(path)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith("accounts[0].stakeholders[0].influence: must be between 0 and 1 (got 1.4)")
    row, col = map(int, line[len(str(path)) + 1 :].split(":")[:2])
    assert path.read_text().splitlines()[row - 1][col - 1 :] == "1.4"


def test_unknown_key_gets_a_suggestion(write_variant, capsys) -> None:
    def edit(d):
        d["meta"]["tittle"] = d["meta"].pop("title")

    assert main(["validate", str(write_variant(edit))]) == 1
    out = capsys.readouterr().out
    assert "meta.tittle: unknown key 'tittle'; did you mean 'title'?" in out
    assert "meta: missing required key 'title'" in out


def test_warnings_fail_only_with_strict(write_variant, capsys) -> None:
    def edit(d):
        d["events"][0]["week"] = 30

    path = str(write_variant(edit))
    assert main(["validate", path]) == 0
    assert main(["validate", "--strict", path]) == 1
    assert "warning: events[0].week: week 30 is after" in capsys.readouterr().out


def test_missing_file_and_directory(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml"), str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{tmp_path / 'nope.yaml'}:1:1: file not found"
    assert out[1].startswith(f"{tmp_path}:1:1: ")


def test_schema_prints_2020_12_json(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "influence" in json.dumps(schema)


def test_new_writes_a_starter_that_validates(tmp_path: Path, capsys) -> None:
    target = tmp_path / "My Area.yaml"
    assert main(["new", str(target)]) == 0
    assert main(["validate", "--strict", str(target)]) == 0
    assert "id: my-area" in target.read_text()
    assert main(["new", str(target)]) == 1  # never overwrites a trainer's work
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["validate"], ["frobnicate"]])
def test_usage_errors_exit_two(args) -> None:
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\x00\xff\xfe binary")
    proc = subprocess.run(
        [sys.executable, "-m", "kamsim", "validate", str(junk)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout == (
        f"{junk}:1:2: the file is not UTF-8 text: byte 0xff at byte offset 1 cannot be read; "
        "save the file as UTF-8\n"
    )


def test_the_cli_starts_without_loading_the_world() -> None:
    """`kamsim --help` and friends must not import the simulation, the bots or the UI."""
    code = (
        "import sys; from kamsim.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('kamsim.sim', 'kamsim.bots.runner', 'kamsim.scoring', "
        "'kamsim.scenario.model', 'kamsim.calibrate', 'pygame', 'numpy') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_validate_accepts_a_bundled_scenario_s_id(capsys) -> None:
    assert main(["validate", "--strict", "advanced", "standard"]) == 0
    err = capsys.readouterr().err
    assert "advanced: valid" in err and "standard: valid" in err
