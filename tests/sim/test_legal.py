"""`legal_actions`: a short, faithful menu — everything on it passes the rules `submit` applies."""

from __future__ import annotations

from kamsim.scenario.base import Purpose
from kamsim.sim import Simulation
from kamsim.sim import actions as a
from kamsim.sim.rules import check

from .helpers import play


def _meets(sim: Simulation, account: str, who: str) -> list[a.Meet]:
    return [
        m
        for m in sim.legal_actions()
        if isinstance(m, a.Meet) and m.account == account and m.stakeholder == who
    ]


def test_every_listed_action_passes_the_rules(scenario) -> None:
    sim = Simulation(scenario, 4)
    for week in (1, 2, 6):
        sim.advance(week)
        turn = sim._turn()
        for action in sim.legal_actions():
            check(turn, action)  # raises Refusal if the menu lied


def test_listed_actions_are_accepted_unless_the_person_declines(scenario) -> None:
    sim = Simulation(scenario, 4)
    sim.advance(6)
    for action in sim.legal_actions():
        probe = Simulation(scenario, 4)
        probe.advance(6)
        outcome = probe.submit(action)
        assert outcome.accepted or "declines the meeting" in (outcome.reason or ""), outcome


def test_each_person_is_offered_once_per_purpose(scenario) -> None:
    sim = Simulation(scenario, 1)
    meets = _meets(sim, "riverside", "nurse")
    assert sorted(m.purpose for m in meets) == sorted(Purpose)
    assert all(m.questions == () for m in meets if m.purpose is not Purpose.DISCOVER)


def test_discover_meeting_works_through_the_questions(scenario) -> None:
    sim = Simulation(scenario, 1)
    asked: list[str] = []
    for week in (1, 2, 3):
        sim.advance(week)
        (discover,) = [m for m in _meets(sim, "riverside", "nurse") if m.purpose == "discover"]
        if not discover.questions:
            break
        assert sim.submit(discover).accepted  # the nurse's availability is 1
        asked += discover.questions
    assert asked == [q.id for q in scenario.questions]


def test_a_declined_account_offers_only_a_new_tier(scenario) -> None:
    sim = Simulation(scenario, 1)
    play(sim, 1, {"kind": "set_tier", "account": "eastgate", "tier": "decline"})
    kinds = {x.kind for x in sim.legal_actions() if getattr(x, "account", None) == "eastgate"}
    assert kinds == {"set_tier"}


def test_nothing_that_takes_days_is_listed_once_the_week_is_spent(scenario) -> None:
    sim = Simulation(scenario, 1)
    for _ in range(7):
        sim.submit({"kind": "desk_research", "account": "riverside"})
    assert sim.view().field_days_left < 0.5  # less than the shortest meeting but promotion
    kinds = {x.kind for x in sim.legal_actions()}
    assert kinds <= {"set_tier", "meet", "approve_campaign", "hold_campaign", "review_monthly"}
    assert all(x.purpose is Purpose.PROMOTE for x in sim.legal_actions() if isinstance(x, a.Meet))
