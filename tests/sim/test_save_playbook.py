"""Save files and playbooks: clear errors, faithful replays."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from kamsim.scenario.problems import LoadError
from kamsim.sim import (
    SaveError,
    Simulation,
    load_game,
    load_playbook,
    playbook_entries_from_data,
    run_playbook,
    save_game,
)

from .conftest import make_scenario
from .test_determinism import SCRIPT

PLAYBOOK = """
- week: 1
  action: {kind: desk_research, account: riverside}
- week: 2
  action: {kind: meet, account: riverside, stakeholder: nurse, purpose: listen}
- week: 6
  action: {kind: hold_campaign, campaign: camp}
"""


def _midgame(scenario) -> Simulation:
    sim = Simulation(scenario, 4)
    for week, action in SCRIPT:
        sim.advance(week)
        sim.submit(action)
    sim.advance(15)
    return sim


def test_save_and_load_resume_the_same_game(scenario, tmp_path) -> None:
    sim = _midgame(scenario)
    path = tmp_path / "game.json"
    save_game(sim, path)
    loaded = load_game(path, scenario)
    assert loaded.week == 15 and loaded.digest() == sim.digest()
    for game in (sim, loaded):
        game.advance(53)
    assert loaded.digest() == sim.digest()
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temp file left


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "corrupt JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"format_version": 99}', "save format 99 is not supported"),
    ],
)
def test_corrupt_saves_give_clear_errors(scenario, tmp_path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SaveError, match=message):
        load_game(path, scenario)


def test_save_for_a_changed_scenario_is_refused(scenario, tmp_path) -> None:
    path = tmp_path / "game.json"
    save_game(_midgame(scenario), path)
    changed = make_scenario(lambda d: d["company"].update(budget=1))
    with pytest.raises(SaveError, match="has changed"):
        load_game(path, changed)
    data = json.loads(path.read_text())
    data["seed"] = -1
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="seed"):
        load_game(path, scenario)


def test_missing_save_file(scenario, tmp_path) -> None:
    with pytest.raises(SaveError, match="cannot read"):
        load_game(tmp_path / "nope.json", scenario)


def test_playbook_runs_to_the_end(scenario, tmp_path) -> None:
    path = tmp_path / "pb.yaml"
    path.write_text(PLAYBOOK)
    sim = Simulation(scenario, 0)
    outcomes = run_playbook(sim, load_playbook(path))
    assert [o.accepted for o in outcomes] == [True, True, True]
    assert sim.finished


def test_playbook_errors_name_the_entry(tmp_path) -> None:
    data = [
        {"week": 2, "action": {"kind": "desk_research", "account": "a"}},
        {"week": 1, "action": {"kind": "meet", "account": "a"}},
    ]
    with pytest.raises(ValidationError) as info:
        playbook_entries_from_data(data)
    assert info.value.errors()[0]["loc"][0] == 1
    order = [
        {"week": 2, "action": {"kind": "desk_research", "account": "a"}},
        {"week": 1, "action": {"kind": "desk_research", "account": "a"}},
    ]
    with pytest.raises(ValidationError) as info:
        playbook_entries_from_data(order)
    assert info.value.errors()[0]["loc"] == (1, "week")
    path = tmp_path / "bad.yaml"
    path.write_text("- week: 0\n  action: {kind: fly}\n")
    with pytest.raises(LoadError) as err:
        load_playbook(path)
    assert [p.format() for p in err.value.problems] == [
        f"{path}:1:9: [0].week: must be at least 1 (got 0)",
        f"{path}:2:18: [0].action.kind: must be one of: desk_research, map_pathway, map_dmu, "
        "meet, set_tier, write_plan, agree_plan, approve_campaign, hold_campaign, review_kpis, "
        "review_monthly (got 'fly')",
    ]
