"""Stakeholders react: overload backfires, opinions spread, campaigns tire people."""

from __future__ import annotations

from kamsim.sim import Simulation
from kamsim.sim.people import acceptance_chance

from .helpers import meet, play


def test_repeated_promotion_raises_fatigue_and_cuts_attitude(scenario) -> None:
    once = Simulation(scenario, 1)
    once.submit(meet("riverside", "director", "promote"))
    after_one = once.world.accounts["riverside"].people["director"]
    sim = Simulation(scenario, 1)
    accepted = sum(sim.submit(meet("riverside", "director", "promote")).accepted for _ in range(8))
    director = sim.world.accounts["riverside"].people["director"]
    assert accepted >= 3
    assert director.fatigue > director.spec.promo_tolerance
    assert director.attitude < director.spec.attitude < after_one.attitude + 0.05
    assert director.anchor < director.spec.attitude  # a lasting loss, not a blip


def test_overload_makes_people_decline_meetings(scenario) -> None:
    sim = Simulation(scenario, 0)
    director = sim.world.accounts["riverside"].people["director"]
    hostility = scenario.dynamics.hostility_refusal
    fresh = acceptance_chance(director, hostility)
    director.fatigue = 4.0
    assert acceptance_chance(director, hostility) < fresh / 2
    director.fatigue, director.attitude = 0.0, -1.0
    assert acceptance_chance(director, hostility) == fresh * (1 - hostility)


def test_fatigue_wears_off_week_by_week(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.submit(meet("riverside", "director", "promote"))
    start = sim.world.accounts["riverside"].people["director"].fatigue
    sim.advance(5)
    assert 0 < sim.world.accounts["riverside"].people["director"].fatigue < start / 2


def test_winning_the_opinion_leader_spreads(scenario) -> None:
    """Riverside's pharmacist listens to the nurse: winning the nurse moves the pharmacist."""
    quiet, active = Simulation(scenario, 0), Simulation(scenario, 0)
    for week in (1, 2, 3):
        for _ in range(3):
            play(active, week, meet("riverside", "nurse", "listen"))
    for sim in (quiet, active):
        sim.advance(8)
    pharmacist = lambda s: s.world.accounts["riverside"].people["pharmacist"].attitude  # noqa: E731
    assert pharmacist(active) > pharmacist(quiet)


def test_approved_campaign_tires_everyone_held_one_costs_friction(scenario) -> None:
    approve, hold = Simulation(scenario, 0), Simulation(scenario, 0)
    assert play(approve, 6, {"kind": "approve_campaign", "campaign": "camp"}).accepted
    assert play(hold, 6, {"kind": "hold_campaign", "campaign": "camp"}).accepted
    nurse = lambda s: s.world.accounts["riverside"].people["nurse"]  # noqa: E731
    assert nurse(approve).fatigue == 1.5 and nurse(hold).fatigue == 0
    assert hold.world.friction == 1.0 and approve.world.friction == 0


def test_undecided_campaign_runs_anyway_and_is_logged(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.advance(7)
    assert [e.data["campaign"] for e in sim.log if e.kind == "campaign_auto"] == ["camp"]
    assert sim.world.campaigns["camp"] == ("auto-approved", 6)
