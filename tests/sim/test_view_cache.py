"""The view a game hands out is always the one built afresh from the world.

`Simulation.view()` keeps its last view until an action is accepted or the clock moves, and
`ViewCache` rebuilds only the parts that changed; both are only speed. Whole bot games check
that every view handed out equals one built with no cache at all, and that a kept view is
never handed out once the world has moved.
"""

from __future__ import annotations

import pytest

from kamsim.bots import play
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation, View
from kamsim.sim.view import build_view


def _fresh(sim: Simulation) -> View:
    core = sim._core  # the test looks behind the public surface on purpose
    return build_view(sim.scenario, core.world, core.catalog, sim.week, sim._days_left)


@pytest.mark.parametrize(
    ("scenario", "bot", "seed"),
    [("standard", "expert", 1), ("standard", "novice", 2), ("advanced", "random", 1),
     ("advanced", "expert-no-dmu", 2), ("tutorial", "carpet-bomber", 1)],
)  # fmt: skip
def test_every_view_equals_a_fresh_one(scenario: str, bot: str, seed: int) -> None:
    checked = 0

    def view_of(sim: Simulation) -> View:
        nonlocal checked
        view = sim.view()
        assert view == _fresh(sim), f"week {sim.week}: the kept view went stale"
        checked += 1
        return view

    sim = play(load_scenario(resolve(scenario)), seed, bot, view_of)
    assert checked > sim.scenario.meta.duration_weeks
    assert sim.view() == _fresh(sim)


def test_view_is_kept_until_the_world_moves() -> None:
    sim = Simulation(load_scenario(resolve("standard")), 1)
    first = sim.view()
    assert sim.view() is first  # nothing happened: the same view
    account = first.accounts[0].id
    assert not sim.submit({"kind": "set_tier", "account": account, "tier": "nonsense"}).accepted
    assert sim.view() is first  # a refusal changes nothing the trainee sees
    assert sim.submit({"kind": "set_tier", "account": account, "tier": "key"}).accepted
    after = sim.view()
    assert after is not first and after.account(account).tier == "key"
    assert after == _fresh(sim)
    sim.advance(sim.week + 1)
    moved = sim.view()
    assert moved is not after and moved.week == after.week + 1
    assert moved == _fresh(sim)
