"""`kamsim audit`: the JSON contract, the verdicts and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamsim.audit import LESSONS, audit
from kamsim.cli import main
from kamsim.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
LESSON_KEYS = {"id", "title", "delta_outcome", "paired_sd", "effect_sd", "delta_total",
               "teaches"}  # fmt: skip


@pytest.fixture(scope="module")
def report() -> dict:
    return audit(load_scenario(TUTORIAL), 3).to_dict()


def test_the_json_contract(report: dict) -> None:
    assert {"scenario", "runs", "outcome", "lessons", "expert_tiers_correct"} <= set(report)
    assert report["scenario"] == "tutorial" and report["runs"] == 3
    assert {"name", "seed_sd"} <= set(report["outcome"]) and report["outcome"]["seed_sd"] > 0
    assert [r["id"] for r in report["lessons"]] == [lesson.id for lesson in LESSONS]
    for row in report["lessons"]:
        assert set(row) >= LESSON_KEYS
        if row["observable"]:
            effect = row["delta_outcome"] / report["outcome"]["seed_sd"]
            assert row["effect_sd"] == pytest.approx(effect, rel=1e-3, abs=1e-3)
        else:
            assert row["teaches"] is None  # the tutorial has no front-line-only fact, no rebate
    assert 0 <= report["expert_tiers_correct"] <= 1


def test_an_imposed_plan_loses_in_the_world_and_the_score(report: dict) -> None:
    row = next(r for r in report["lessons"] if r["id"] == "co-create")
    assert row["delta_outcome"] > 0 and row["delta_total"] > 0 and row["teaches"]


def test_exit_codes(capsys) -> None:
    assert main(["audit", str(TUTORIAL), "--runs", "2"]) == 3  # one key account cannot teach all
    out = capsys.readouterr().out
    assert "FAIL" in out and "does not teach" in out
    args = ["audit", str(TUTORIAL), "--runs", "3", "--json", "--lesson", "co-create"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in data["lessons"]] == ["co-create"]
    assert main(["audit", str(TUTORIAL), "--runs", "2", "--lesson", "nope"]) == 2
    assert "no lesson 'nope'" in capsys.readouterr().err


def test_workers_do_not_change_the_audit() -> None:
    scenario = load_scenario(TUTORIAL)
    lessons = tuple(lesson for lesson in LESSONS if lesson.id in ("listen", "co-create"))
    one = audit(scenario, 2, workers=1, lessons=lessons).to_dict()
    two = audit(scenario, 2, workers=2, lessons=lessons).to_dict()
    assert one == two
