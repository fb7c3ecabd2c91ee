"""Calibration: the JSON contract, identical results for any number of workers, exit codes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kamsim.bots import BOT_NAMES
from kamsim.calibrate import calibrate, cronbach_alpha, summarise
from kamsim.calibrate import run as calibrate_run
from kamsim.cli import main
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
KEYS = {"scenario", "scenario_hash", "runs", "bots", "separation", "separation_by_dimension",
        "reliability", "min_separation", "passed"}  # fmt: skip


@dataclass(frozen=True)
class FakeCompetency:
    id: str
    score: float


@dataclass(frozen=True)
class FakeCard:
    total: float
    dimensions: dict[str, float]
    competencies: tuple[FakeCompetency, ...]


def fake_scorer(sim: Simulation) -> FakeCard:
    """Scores from the game's own numbers: deterministic, and different for every game."""
    actions = len(sim.history)
    noise = int(sim.digest()[:4], 16) / 65535
    total = 100.0 - actions + noise
    dims = {"prioritisation": total, "plan_quality": noise * 100, "competencies": 50.0,
            "outcomes": float(actions)}  # fmt: skip
    comps = (FakeCompetency("a", noise), FakeCompetency("b", noise / 2 + 0.1))
    return FakeCard(total, dims, comps)


def novice_wins(sim: Simulation) -> FakeCard:
    card = fake_scorer(sim)
    return FakeCard(len(sim.history) * 1.0, card.dimensions, card.competencies)


@pytest.fixture(scope="module")
def tutorial() -> Scenario:
    return load_scenario(TUTORIAL)


def test_workers_do_not_change_results(tutorial: Scenario) -> None:
    one = calibrate(tutorial, 3, workers=1, scorer=fake_scorer).to_dict()
    two = calibrate(tutorial, 3, workers=2, scorer=fake_scorer).to_dict()
    assert one["graded"]["games"] == 3 * 7
    assert one["memorised_guide"]["pairs"] == one["copied_debrief"]["pairs"] == 3
    assert one == two
    assert set(one) >= KEYS
    assert set(one["bots"]) == set(BOT_NAMES)
    assert set(one["bots"]["novice"]) == {"prioritisation", "plan_quality", "competencies",
                                          "outcomes", "total"}  # fmt: skip
    assert set(one["separation"]) == {f"expert>{b}" for b in one["bots"] if b != "expert"}
    assert one["reliability"]["items"] == ["a", "b"]


def test_statistics() -> None:
    stats = summarise([1.0, 2.0, 3.0, 4.0])
    assert stats["mean"] == 2.5 and stats["median"] == 2.5 and stats["min"] == 1.0
    assert stats["sd"] == pytest.approx(1.2910, abs=1e-4)
    assert cronbach_alpha([[1, 1], [2, 2], [3, 3]]) == pytest.approx(1.0)
    assert cronbach_alpha([[1, 1]]) is None


def test_cli_json_contract_and_pass(monkeypatch, capsys) -> None:
    monkeypatch.setattr(calibrate_run, "real_scorer", lambda: fake_scorer)
    code = main(["calibrate", str(TUTORIAL), "--runs", "2", "--json", "--min-separation", "0"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["passed"] is True
    assert set(data) >= KEYS
    assert data["runs"] == 2 and data["scenario"] == "tutorial"
    assert set(data["bots"]["expert"]["total"]) == {"mean", "sd", "min", "p10", "median", "p90",
                                                    "max"}  # fmt: skip


def test_cli_exit_3_when_the_expert_does_not_separate(monkeypatch, capsys) -> None:
    monkeypatch.setattr(calibrate_run, "real_scorer", lambda: novice_wins)
    code = main(["calibrate", str(TUTORIAL), "--runs", "2"])
    out = capsys.readouterr().out
    assert code == 3
    assert "FAIL" in out and "expert" in out


def test_cli_rejects_bad_numbers(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["calibrate", str(TUTORIAL), "--runs", "0"])
    assert exc.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err


def test_early_sales_do_not_buy_a_win(tutorial: Scenario) -> None:
    """Where a bot out-sells the expert early on, the expert still scores higher (real scorer)."""
    report = calibrate_run.calibrate(tutorial, 6, workers=1).to_dict()
    checks = report["higher_early_sales"]
    assert set(checks) == {f"expert>{b}" for b in BOT_NAMES if b != "expert"}
    assert sum(c["seeds"] for c in checks.values()) > 0, "no bot out-sold the expert early"
    assert all(c["expert_still_won"] == c["seeds"] for c in checks.values())


def test_outcome_separation_is_required_over_the_field_bots_only(tutorial: Scenario) -> None:
    """Adversaries copy the expert's moves in the world, so only field bots must lose there."""
    from kamsim.bots.names import ADVERSARIAL, FIELD
    from kamsim.calibrate.run import GameResult as Game
    from kamsim.calibrate.stats import build_report

    def game(bot: str, seed: int, outcome: float) -> Game:
        return Game(bot, seed, outcome, {"outcomes": outcome}, (("a", 0.5), ("b", 0.4)))

    games = [game("expert", s, 50.0) for s in (1, 2)]
    games += [game(b, s, 10.0) for b in FIELD[1:] for s in (1, 2)]
    tie = [game(b, s, 50.0) for b in ADVERSARIAL for s in (1, 2)]  # the world pays them the same
    report = build_report(tutorial, 2, list(FIELD + ADVERSARIAL), games + tie, 0.95).to_dict()
    assert report["outcome_separation_over"] == list(FIELD[1:])
    assert report["outcome_separation_passed"] is True
    beaten = [game("novice", s, 60.0) if g.bot == "novice" else g
              for s in (1, 2) for g in games + tie if g.seed == s]  # fmt: skip
    assert (
        build_report(tutorial, 2, list(FIELD + ADVERSARIAL), beaten, 0.95).to_dict()[
            "outcome_separation_passed"
        ]
        is False
    )
