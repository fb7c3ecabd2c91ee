"""The bundled tutorial plays end to end, and good KAM beats carpet-bombing there."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation, playbook_entries_from_data, replay, run_playbook

TUTORIAL = Path(__file__).parents[2] / "scenarios" / "tutorial.yaml"
pytestmark = pytest.mark.skipif(not TUTORIAL.exists(), reason="tutorial not written yet")


def _m(week: int, who: str, purpose: str, *questions: str, account: str = "millbrook") -> dict:
    return {
        "week": week,
        "action": {
            "kind": "meet",
            "account": account,
            "stakeholder": who,
            "purpose": purpose,
            "questions": list(questions),
        },
    }


EXPERT = [
    {"week": 1, "action": {"kind": "set_tier", "account": "millbrook", "tier": "key"}},
    {"week": 1, "action": {"kind": "set_tier", "account": "harbourside", "tier": "maintain"}},
    {"week": 1, "action": {"kind": "desk_research", "account": "millbrook"}},
    _m(1, "sister_kowal", "discover", "q_waits", "q_decision"),
    _m(1, "dr_anand", "listen"),
    {"week": 2, "action": {"kind": "map_dmu", "account": "millbrook"}},
    _m(2, "sister_kowal", "co_create"),
    {"week": 3, "action": {"kind": "hold_campaign", "campaign": "camp_winter_detail"}},
    _m(3, "ines_baptiste", "co_create"),
    _m(3, "dr_anand", "co_create"),
    {
        "week": 4,
        "action": {
            "kind": "write_plan",
            "account": "millbrook",
            "plan": {
                "segment": "total_value",
                "needs": ["process_improvement", "patient_experience"],
                "objectives": [{"kpi": "formulary_status", "target": 2, "by_week": 8}],
                "tactics": [{"project": "nurse_training_hub"}],
            },
        },
    },
    {
        "week": 4,
        "action": {
            "kind": "agree_plan",
            "account": "millbrook",
            "stakeholders": ["sister_kowal", "dr_anand", "ines_baptiste"],
        },
    },
    {"week": 6, "action": {"kind": "review_kpis", "account": "millbrook"}},
]

NOVICE = [
    {"week": 1, "action": {"kind": "set_tier", "account": "harbourside", "tier": "key"}},
    *[
        _m(w, who, "promote", account=acc)
        for w in (1, 2, 3, 4, 5, 6)
        for acc, who in (("harbourside", "prof_hale"), ("millbrook", "dr_anand"))
    ],
    {"week": 3, "action": {"kind": "approve_campaign", "campaign": "camp_winter_detail"}},
    {
        "week": 4,
        "action": {
            "kind": "write_plan",
            "account": "harbourside",
            "plan": {"tactics": [{"project": "volume_rebate"}]},
        },
    },
    {"week": 4, "action": {"kind": "agree_plan", "account": "harbourside"}},
]


@pytest.fixture(scope="module")
def tutorial() -> Scenario:
    return Scenario.model_validate(yaml.safe_load(TUTORIAL.read_text()))


def _millbrook_wins(tutorial: Scenario, playbook: list[dict], seeds: range) -> int:
    wins = 0
    for seed in seeds:
        sim = Simulation(tutorial, seed)
        run_playbook(sim, playbook_entries_from_data(sorted(playbook, key=lambda e: e["week"])))
        assert sim.finished
        wins += sim.world.accounts["millbrook"].wins
    return wins


def test_expert_plays_the_whole_tutorial(tutorial: Scenario) -> None:
    sim = Simulation(tutorial, 2)
    outcomes = run_playbook(sim, playbook_entries_from_data(EXPERT))
    refused = [o.reason for o in outcomes if not o.accepted]
    assert len(refused) <= 2, refused  # a meeting or two may be declined
    assert sim.finished and sim.view().to_dict()["kpis"]


def test_good_kam_beats_carpet_bombing_at_the_committee(tutorial: Scenario) -> None:
    seeds = range(10)
    expert = _millbrook_wins(tutorial, EXPERT, seeds)
    novice = _millbrook_wins(tutorial, NOVICE, seeds)
    assert expert >= 8 and expert >= novice + 4


BUNDLED = sorted(TUTORIAL.parent.glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenario_plays_and_replays(path: Path) -> None:
    """Every bundled scenario survives a random bot and replays to the same digest."""
    scenario = load_scenario(path)  # the loader: bundled files may vary by form
    sim = Simulation(scenario, 3)
    for step in range(scenario.meta.duration_weeks * 2):
        legal = sim.legal_actions()
        if legal:
            sim.submit(legal[(step * 7919) % len(legal)])
        sim.advance(sim.week + step % 2)
    sim.advance(scenario.meta.duration_weeks + 1)
    assert sim.finished
    assert replay(scenario, 3, sim.history, until_week=sim.week).digest() == sim.digest()
