"""Committees follow the DMU's weighted views; a champion leaving changes the vote."""

from __future__ import annotations

from kamsim.sim import Simulation

from .conftest import make_scenario
from .helpers import decisions

SEEDS = range(40)


def _northfield(champ: float, sceptic: float, leaves: bool = True):
    def edit(data: dict) -> None:
        people = data["accounts"][1]["stakeholders"]
        people[0]["attitude"], people[1]["attitude"] = champ, sceptic
        if not leaves:
            data["events"] = [e for e in data["events"] if e["id"] != "nf_leaves"]

    return make_scenario(edit)


def _wins(scenario) -> int:
    total = 0
    for seed in SEEDS:
        sim = Simulation(scenario, seed)
        sim.advance(25)
        total += decisions(sim, "nf_committee")[0]["won"]
    return total


def test_positive_dmu_is_listed_more_often_than_negative() -> None:
    positive = _wins(_northfield(0.6, 0.4, leaves=False))
    negative = _wins(_northfield(-0.4, -0.5, leaves=False))
    assert positive >= negative + 15


def test_status_moves_one_step_per_decision(scenario) -> None:
    for seed in SEEDS:
        sim = Simulation(scenario, seed)
        sim.advance(25)
        (d,) = decisions(sim, "nf_committee")
        clear_loss = d["score"] + d["noise"] < scenario.dynamics.committee.clear_loss
        expected = "listed" if d["won"] else "not_listed" if clear_loss else "restricted"
        assert d["after"] == expected == sim.world.accounts["northfield"].formulary["curo"]


def test_champion_departure_changes_the_next_decision() -> None:
    stays, leaves = _northfield(0.8, -0.3, leaves=False), _northfield(0.8, -0.3)
    for seed in range(5):
        kept, lost = Simulation(stays, seed), Simulation(leaves, seed)
        kept.advance(25)
        lost.advance(25)
        # same dice (common random numbers), different voters
        assert (
            decisions(kept, "nf_committee")[0]["noise"]
            == decisions(lost, "nf_committee")[0]["noise"]
        )
        assert (
            decisions(lost, "nf_committee")[0]["score"]
            < decisions(kept, "nf_committee")[0]["score"] - 0.3
        )
    assert _wins(leaves) + 10 <= _wins(stays)


def test_leaver_cannot_be_met_and_replacement_can(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.advance(21)
    view = sim.view().account("northfield")
    assert {p.id: p.present for p in view.people} == {
        "champ": False,
        "sceptic": True,
        "newchief": True,
    }
    out = sim.submit(
        {"kind": "meet", "account": "northfield", "stakeholder": "champ", "purpose": "listen"}
    )
    assert not out.accepted and "has left" in (out.reason or "")


def test_committee_noise_does_not_depend_on_the_trainee(scenario) -> None:
    idle, busy = Simulation(scenario, 9), Simulation(scenario, 9)
    for week in range(1, 20):
        busy.advance(week)
        busy.submit(
            {"kind": "meet", "account": "riverside", "stakeholder": "nurse", "purpose": "listen"}
        )
    for sim in (idle, busy):
        sim.advance(31)
    assert (
        decisions(idle, "rs_committee")[0]["noise"] == decisions(busy, "rs_committee")[0]["noise"]
    )
