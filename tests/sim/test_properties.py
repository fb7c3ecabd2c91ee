"""Property tests: random legal play never breaks the world's invariants or replay."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsim.sim import Simulation, replay

STEPS = st.lists(
    st.tuples(st.integers(0, 3), st.floats(0, 1, exclude_max=True), st.booleans()),
    max_size=30,
)
JUNK = [
    {"kind": "meet"},
    {"kind": "desk_research", "account": "nowhere"},
    {"kind": "agree_plan", "account": "riverside", "stakeholders": ["ghost"]},
]


def _check_invariants(sim: Simulation) -> None:
    world = sim.world
    view = sim.view()
    assert world.budget >= 0 and view.field_days_left >= -1e-9
    assert all(days >= -1e-9 for days in world.colleague_free.values())
    for acc in world.accounts.values():
        assert 0 <= acc.share <= 1
        for p in acc.people.values():
            assert -1 <= p.attitude <= 1 and -1 <= p.anchor <= 1
            assert 0 <= p.relationship <= 1 and p.fatigue >= 0


def _play(sim: Simulation, steps) -> None:
    for advance, pick, junk in steps:
        sim.advance(sim.week + advance)
        if sim.finished:
            break
        if junk:
            sim.submit(JUNK[int(pick * len(JUNK))])
            continue
        legal = sim.legal_actions()
        if legal:
            sim.submit(legal[int(pick * len(legal))])
        _check_invariants(sim)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), steps=STEPS)
def test_random_play_keeps_invariants_and_replays(scenario, seed: int, steps) -> None:
    sim = Simulation(scenario, seed)
    _play(sim, steps)
    sim.advance(60)
    _check_invariants(sim)
    assert sim.finished
    assert replay(scenario, seed, sim.history, until_week=sim.week).digest() == sim.digest()
