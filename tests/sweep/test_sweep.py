"""`kamsim sweep`: the grid, the scenarios it makes, a known tipping point, worker invariance
and the trainer's mistakes in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamsim.audit import LESSONS
from kamsim.cli import main
from kamsim.errors import UserError
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sweep import grid, parse_param, sweep

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
ROUTINE = "dynamics.costs.routine_days_per_account"
DECLINE = tuple(lesson for lesson in LESSONS if lesson.id == "decline")


@pytest.fixture(scope="module")
def tutorial() -> Scenario:
    return load_scenario(TUTORIAL)


def test_values_run_from_low_to_high_and_whole_fields_are_rounded(tutorial: Scenario) -> None:
    assert parse_param("a.b=0:1:5").values == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert parse_param("a.b=2:2:1").values == (2.0,)
    (keys,) = grid.checked([parse_param("company.max_key_accounts=1:3:5")], tutorial)
    assert keys.whole and keys.values == (1.0, 2.0, 3.0)  # 1.5 and 2.5 round onto neighbours


def test_a_grid_point_is_the_file_with_the_value_set_and_checked_again(tutorial: Scenario) -> None:
    both = [f"{ROUTINE}=0.1:0.5:2", "projects.volume_rebate.rebate=0:0.2:2"]
    params = grid.checked([parse_param(text) for text in both], tutorial)
    assert grid.grid(params) == [(0.1, 0.0), (0.1, 0.2), (0.5, 0.0), (0.5, 0.2)]
    point = grid.scenario_at(tutorial, params, (0.5, 0.2))
    assert point.dynamics.costs.routine_days_per_account == 0.5
    assert next(p for p in point.projects if p.id == "volume_rebate").rebate == 0.2
    assert tutorial.dynamics.costs.routine_days_per_account != 0.5  # the original is untouched
    with pytest.raises(UserError, match=r"rebate=-1 is not valid"):
        grid.scenario_at(tutorial, [parse_param("projects.volume_rebate.rebate=-1:-1:1")], (-1,))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dynamics.consent", "write it as PATH=LO:HI:N"),
        ("x=a:1:2", "LO and HI must be numbers"),
        ("x=2:1:3", "need finite LO ≤ HI"),
        ("x=0:1:0", "N must be 1 to 400"),
        ("accounts.nowhere.market_value=1:2:2", "no item 'nowhere' in that list (ids: "),
        ("meta.title=1:2:2", "holds str"),
        ("company.nothing=1:2:2", "has no 'nothing' there"),
        ("accounts=1:2:2", "not a number"),
    ],
)
def test_a_trainers_mistake_is_said_in_words(tutorial: Scenario, text: str, message: str) -> None:
    with pytest.raises(UserError) as err:
        grid.checked([parse_param(text)], tutorial)
    assert message in str(err.value)
    assert err.value.exit_code == 2


def test_a_grid_past_400_points_is_refused(tutorial: Scenario) -> None:
    params = [parse_param(f"{ROUTINE}=0:1:21"), parse_param("company.budget=1000:9000:20")]
    with pytest.raises(UserError, match="420 points"):
        grid.checked(params, tutorial)


def test_the_sweep_finds_where_declining_starts_to_pay(tutorial: Scenario) -> None:
    """Declining frees the routine service days an account takes: on the tutorial the decline
    lesson is not taught at 0.2 days a week per account and is taught at 0.6 (a known tip)."""
    params = grid.checked([parse_param(f"{ROUTINE}=0.2:0.6:2")], tutorial)
    data = sweep(tutorial, params, runs=4, lessons=DECLINE, bots=("expert", "novice")).to_dict()
    assert [p["lessons"]["decline"]["teaches"] for p in data["points"]] == [False, True]
    assert data["tipping"]["lessons"]["decline"] == [
        {"param": ROUTINE, "from": 0.2, "to": 0.6, "change": "starts", "others": {}}
    ]
    assert data["games"] == 2 * 3 * 4  # expert, novice, the decline variant; 4 seeds; 2 points


def test_the_output_is_the_same_for_any_number_of_workers(tutorial: Scenario) -> None:
    params = grid.checked([parse_param(f"{ROUTINE}=0.1:0.3:2")], tutorial)
    out = []
    for workers in (1, 2):
        report = sweep(tutorial, params, 3, workers, lessons=DECLINE, bots=("expert", "random"))
        out.append(json.dumps(report.to_dict(), sort_keys=True))
    assert out[0] == out[1]


def test_the_command_writes_its_table_chart_and_page(tmp_path: Path, capsys) -> None:
    png, page = tmp_path / "sweep.png", tmp_path / "sweep.html"
    code = main(["sweep", str(TUTORIAL), "--param", f"{ROUTINE}=0.2:0.6:2", "--runs", "2",
                 "--lesson", "decline", "--png", str(png), "--html", str(page)])  # fmt: skip
    out = capsys.readouterr().out
    assert code in (0, 3)
    assert "lesson decline starts being taught between" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = page.read_text(encoding="utf-8")
    assert "Where it tips" in html and "data:image/png;base64," in html
    assert main(["sweep", str(TUTORIAL), "--param", f"{ROUTINE}=0:1:2", "--png", str(png)]) == 1
    assert "exists" in capsys.readouterr().err  # never replaced without --force
