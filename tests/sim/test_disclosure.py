"""Asking the right person the right question is the skill."""

from __future__ import annotations

from kamsim.sim import Simulation

from .helpers import meet

TRUE_TEXT = "Patients wait sixteen weeks for an infusion chair."
MISLEADING_TEXT = "Waits are within two weeks."


def _heard(sim: Simulation, source_prefix: str) -> str:
    facts = [
        f for f in sim.view().facts if f.id == "rs_capacity" and f.source.startswith(source_prefix)
    ]
    assert len(facts) == 1
    return facts[0].text


def test_nurse_tells_what_the_director_hides(scenario) -> None:
    director_misleads = nurse_true = 0
    for seed in range(20):
        sim = Simulation(scenario, seed)
        assert sim.submit(meet("riverside", "director", "discover", "q_waits")).accepted
        assert sim.submit(meet("riverside", "nurse", "discover", "q_waits")).accepted
        director_misleads += _heard(sim, "meeting:director") == MISLEADING_TEXT
        nurse_true += _heard(sim, "meeting:nurse") == TRUE_TEXT
    assert director_misleads >= 14
    assert nurse_true >= 17


def test_blockage_shows_only_when_a_heard_fact_exposes_it(scenario) -> None:
    seed = next(s for s in range(50) if _director_misleads(scenario, s))
    sim = Simulation(scenario, seed)
    sim.submit({"kind": "map_pathway", "account": "riverside"})
    sim.submit(meet("riverside", "director", "discover", "q_waits"))
    stages = {s.id: s for s in sim.view().account("riverside").pathway}
    assert stages["infusion"].blockage is None
    sim.submit(meet("riverside", "nurse", "discover", "q_waits"))
    if _heard(sim, "meeting:nurse") == TRUE_TEXT:
        stages = {s.id: s for s in sim.view().account("riverside").pathway}
        assert stages["infusion"].blockage == "Six infusion chairs for forty patients."


def _director_misleads(scenario, seed: int) -> bool:
    sim = Simulation(scenario, seed)
    sim.submit(meet("riverside", "director", "discover", "q_waits"))
    return _heard(sim, "meeting:director") == MISLEADING_TEXT


def test_pathway_is_hidden_until_mapped(scenario) -> None:
    sim = Simulation(scenario, 0)
    assert sim.view().account("riverside").pathway == ()
    sim.submit({"kind": "map_pathway", "account": "riverside"})
    assert [s.id for s in sim.view().account("riverside").pathway] == ["referral", "infusion"]


def test_trust_threshold_keeps_people_quiet(scenario) -> None:
    sim = Simulation(scenario, 0)
    out = sim.submit(meet("riverside", "director", "discover", "q_budget"))
    assert out.accepted and "rs_trusted" not in out.revealed
    sim.world.accounts["riverside"].people["director"].relationship = 0.6
    out = sim.submit(meet("riverside", "director", "discover", "q_budget"))
    assert out.revealed == ("rs_trusted",)


def test_dmu_mapping_finds_the_hidden_pharmacist(scenario) -> None:
    sim = Simulation(scenario, 0)
    names = lambda: [p.id for p in sim.view().account("riverside").people]  # noqa: E731
    assert "pharmacist" not in names()
    out = sim.submit({"kind": "map_dmu", "account": "riverside"})
    assert out.revealed == ("rs_pharmacy",)
    assert "pharmacist" in names()
    director = sim.view().account("riverside").people[0]
    assert director.links == (("pharmacist", "strong"),)


def test_desk_research_reveals_desk_facts_once(scenario) -> None:
    sim = Simulation(scenario, 0)
    assert sim.submit({"kind": "desk_research", "account": "riverside"}).revealed == (
        "rs_strategy",
    )
    again = sim.submit({"kind": "desk_research", "account": "riverside"})
    assert again.accepted and again.revealed == ()
