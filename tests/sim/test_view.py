"""The view shows what the trainee knows — never the hidden truth — and is JSON-ready."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kamsim.sim import Simulation

from .conftest import SCENARIO

TRUTH_KEYS = {
    "truth",
    "influence",
    "susceptibility",
    "committee_vote",
    "anchor",
    "attitude",
    "primary_needs",
    "secondary_needs",
    "segment_fit",
    "evidence",
    "champion",
    "availability",
    "promo_tolerance",
    "real_goals",
    "attitude_bump",
}
SEGMENTS = ("total_value", "drug_price", "healthcare_costs")


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _assert_no_truth(sim: Simulation) -> None:
    data = sim.view().to_dict()
    text = json.dumps(data)
    assert not (_keys(data) & TRUTH_KEYS)
    heard = {h.fact for h in sim.world.hearings}
    for fact in SCENARIO["facts"]:
        if fact["id"] not in heard:
            assert fact["id"] not in text and fact["text"] not in text
    for account in SCENARIO["accounts"]:
        for goal in account["truth"]["real_goals"]:
            assert goal not in text
    hidden = [p for p in sim.world.accounts["riverside"].people.values() if not p.visible]
    for person in hidden:
        assert f'"{person.id}"' not in text


def test_fresh_view_hides_truth(scenario) -> None:
    sim = Simulation(scenario, 0)
    _assert_no_truth(sim)
    text = json.dumps(sim.view().to_dict())
    assert not any(segment in text for segment in SEGMENTS)
    assert "Six infusion chairs" not in text


def test_view_is_json_round_trippable(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.advance(10)
    data = sim.view().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["week"] == 10 and data["weeks_left"] == 43
    assert [k["account"] for k in data["kpis"]][:4] == [
        "riverside",
        "northfield",
        "eastgate",
        "territory",
    ]


def test_calendar_shows_known_events_only(scenario) -> None:
    calendar = Simulation(scenario, 0).view().calendar
    assert [c["title"] for c in calendar] == [
        "Northfield committee",
        "Riverside committee",
        "Eastgate tender",
    ]


def test_perceived_attitude_only_for_people_met(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.submit(
        {"kind": "meet", "account": "riverside", "stakeholder": "nurse", "purpose": "listen"}
    )
    people = {p.id: p for p in sim.view().account("riverside").people}
    assert people["director"].perceived_attitude is None
    assert -1 <= people["nurse"].perceived_attitude <= 1


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), picks=st.lists(st.floats(0, 0.999), max_size=25))
def test_view_never_leaks_during_play(scenario, seed: int, picks: list[float]) -> None:
    sim = Simulation(scenario, seed)
    for pick in picks:
        legal = sim.legal_actions()
        if legal:
            sim.submit(legal[int(pick * len(legal))])
        sim.advance(sim.week + (pick > 0.6))
        _assert_no_truth(sim)
