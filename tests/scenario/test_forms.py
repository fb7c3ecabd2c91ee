"""Parallel forms: the hidden truth varies with the seed, within authored bounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kamsim.bots import play
from kamsim.cli import main
from kamsim.scenario.load import check_file, load_scenario, scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import Simulation, load_game, replay, save_game
from kamsim.sim.log import plain

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
STANDARD = ROOT / "scenarios" / "standard.yaml"

FORMS = """forms:
  - {id: north, title: North form}
  - {id: south, title: South form, weight: 2, tags: [warm]}
"""


def _variant(tmp_path: Path, millbrook_criteria: str, extra: str = "") -> Path:
    text = TUTORIAL.read_text("utf-8").replace("format: 1\n", "format: 1\n" + FORMS, 1)
    old = "criteria: {innovation: 5, implementation: 4, alignment: 5, partnership: 4, value: 3}"
    assert old in text
    text = text.replace(old, millbrook_criteria, 1)
    if extra:
        text = text.replace("      potential_growth: 0.45", f"      potential_growth: {extra}", 1)
        between = "      potential_growth: {between: [0.05, 0.15]}\n"
        text = text.replace("      potential_growth: 0.1\n", between, 1)
    path = tmp_path / "forms.yaml"
    path.write_text(text, "utf-8")
    return path


GOOD = """criteria:
        by_form:
          north: {innovation: 5, implementation: 4, alignment: 5, partnership: 4, value: 3}
          warm: {innovation: 2, implementation: 2, alignment: 2, partnership: 2, value: 2}"""
NESTED_FREE = GOOD.replace("partnership: 2, value: 2}", "partnership: 2, value: 9}")


def test_a_scenario_without_variation_keeps_its_hash_and_games() -> None:
    loaded = load_scenario(TUTORIAL)
    plain = Scenario.model_validate(yaml.safe_load(TUTORIAL.read_text("utf-8")))
    assert loaded.variation == () and scenario_hash(loaded) == scenario_hash(plain)
    games = [play(s, 3, "expert") for s in (loaded, plain)]
    assert games[0].digest() == games[1].digest()
    assert games[0].form is None and "form" not in games[0].log[0].data


def test_nested_variation_and_unknown_forms_are_refused_where_written(tmp_path: Path) -> None:
    checked = check_file(_variant(tmp_path, GOOD.replace("warm:", "warmer:")))
    assert checked.scenario is None
    problem = checked.errors[0]
    assert "unknown form or tag 'warmer'; did you mean 'warm'?" in problem.message
    nested = _variant(
        tmp_path,
        GOOD.replace("partnership: 2, value: 2}", "partnership: 2, value: {one_of: [1, 2]}}"),
    )
    assert "not supported" in check_file(nested).errors[0].message


def test_an_option_s_error_points_at_the_option_and_names_its_form(tmp_path: Path) -> None:
    path = _variant(tmp_path, NESTED_FREE)
    checked = check_file(path)
    (problem,) = checked.errors
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "value: 9" in t)
    assert problem.line == line
    assert problem.message == "must be between 1 and 5 (got 9) (in form 'south')"


def test_same_seed_same_form_and_game_two_seeds_differ(tmp_path: Path) -> None:
    scenario = load_scenario(_variant(tmp_path, GOOD, "{one_of: [0.3, 0.6]}"))
    assert len(scenario.variation) == 3  # by_form, between, one_of
    forms = {Simulation(scenario, s).form.form for s in range(1, 30)}
    assert forms == {"north", "south"}
    a, b = play(scenario, 7, "expert"), play(scenario, 7, "expert")
    assert a.form == b.form and a.digest() == b.digest()
    assert a.log[0].data["form"] == plain(a.form.to_data())  # in the log, so in the digest
    drawn = {Simulation(scenario, s).form.key() for s in range(1, 30)}
    assert len(drawn) > 2  # the independent values vary too
    north = next(s for s in range(1, 30) if Simulation(scenario, s).form.form == "north")
    south = next(s for s in range(1, 30) if Simulation(scenario, s).form.form == "south")
    tiers = [expected_tiers(Simulation(scenario, s).scenario)["millbrook"].tier for s in
             (north, south)]  # fmt: skip
    assert tiers[0] != tiers[1]  # the truth scoring judges against follows the form


def test_the_drawn_form_survives_save_and_replay(tmp_path: Path) -> None:
    scenario = load_scenario(STANDARD)
    sim = play(scenario, 5, "novice")
    path = tmp_path / "game.json"
    save_game(sim, path)
    loaded = load_game(path, scenario)
    assert loaded.form == sim.form and loaded.digest() == sim.digest()
    again = replay(scenario, 5, sim.history, until_week=sim.week)
    assert again.scenario is sim.scenario  # one scenario object per drawn form


@pytest.mark.parametrize("name", ["standard", "advanced"])
def test_the_bundled_scenarios_have_four_materially_different_forms(name: str) -> None:
    scenario = load_scenario(STANDARD.with_name(f"{name}.yaml"))
    assert len(scenario.forms) >= 4
    seen: dict[str, tuple] = {}
    for seed in range(1, 60):
        game = Simulation(scenario, seed)
        truth = expected_tiers(game.scenario)
        key = frozenset(a for a, t in truth.items() if t.tier.value == "key")
        declined = frozenset(a for a, t in truth.items() if t.tier.value == "decline")
        seen[game.form.form] = (key, declined)
    assert len(seen) == len(scenario.forms)
    assert len({k for k, _ in seen.values()}) >= 2  # the key set differs
    assert len({d for _, d in seen.values()}) >= 2  # the trap moves


def test_validate_reports_a_form_s_error_with_file_line_and_column(tmp_path, capsys) -> None:
    path = _variant(tmp_path, NESTED_FREE)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and "(in form 'south')" in out


@pytest.mark.parametrize("node", ["{between: [3, 1]}", "{one_of: [], weights: []}",
                                  "{one_of: [1, 2], weights: [1]}", "{by_form: {}}"])  # fmt: skip
def test_malformed_variation_gets_a_plain_message(tmp_path: Path, node: str) -> None:
    text = TUTORIAL.read_text("utf-8").replace("format: 1\n", "format: 1\n" + FORMS, 1)
    text = text.replace("      potential_growth: 0.45", f"      potential_growth: {node}", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, "utf-8")
    checked = check_file(path)
    assert checked.scenario is None and checked.errors
    assert checked.errors[0].line > 1


def test_the_form_played_reaches_the_json_result_and_the_scorecard(capsys) -> None:
    scenario = load_scenario(STANDARD)
    forms = {Simulation(scenario, seed).form.form: seed for seed in range(1, 40)}
    assert len(forms) >= 2
    for form, seed in sorted(forms.items())[:2]:
        assert main(["run", str(STANDARD), "--seed", str(seed), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["form"] == form and data["scores"]["form"] == form
    assert main(["run", str(TUTORIAL), "--seed", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["form"] is None


def test_advanced_does_not_reuse_the_standard_scenario_s_account_figures() -> None:
    """Each advanced account has its own market, sales and criteria in every form."""

    def figures(path: Path) -> set[tuple]:
        out = set()
        for seed in range(1, 30):
            for acc in Simulation(load_scenario(path), seed).scenario.accounts:
                crit = tuple(sorted(acc.truth.criteria.items()))
                out.add(("market", acc.hard_data.market_value))
                out.add(("sales", tuple(acc.hard_data.sales_history)))
                out.add(("profile", crit, acc.truth.segment))
        return out

    shared = figures(STANDARD) & figures(STANDARD.with_name("advanced.yaml"))
    assert not shared, shared


def test_a_changed_copy_never_hands_its_games_to_the_original() -> None:
    """`model_copy` copies private attributes shallowly: the copy once shared the original's
    memo of games per form, so a game played on a changed copy (different criteria here)
    became the original's game for the same draw, and changed a later game's digest."""
    from kamsim.bots import play
    from kamsim.scenario.catalog import resolve
    from kamsim.scenario.load import load_scenario, scenario_hash

    standard = load_scenario(resolve("standard"))
    before = play(standard, 2, "expert").digest()
    criteria = [c.model_copy(update={"drives": None}) for c in standard.criteria]
    changed = standard.model_copy(update={"criteria": criteria})
    assert changed.for_seed(2)[0].criteria != standard.for_seed(2)[0].criteria
    play(changed, 2, "expert")
    assert play(standard, 2, "expert").digest() == before
    assert changed.canonical_text() is None  # the file no longer describes the copy
    assert scenario_hash(changed) != scenario_hash(standard)
