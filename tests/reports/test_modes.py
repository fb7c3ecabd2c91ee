"""How a game was played: the mode each command records, and the time of each input."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kamsim.reports import modes
from kamsim.sim import Simulation

from .conftest import scenario


def test_the_window_notes_the_time_of_each_submission(monkeypatch) -> None:
    sim = Simulation(scenario("tutorial"), 1)
    account = scenario("tutorial").accounts[0].id
    sim.submit({"kind": "desk_research", "account": account})  # before a resume: no time
    controller = SimpleNamespace(sim=sim, submit=sim.submit)
    clock = modes.time_inputs(controller)
    assert clock is not None
    now = iter([1_800_000_000.0, 1_800_000_060.0])
    monkeypatch.setattr(modes.time, "time", lambda: next(now))
    controller.submit({"kind": "desk_research", "account": account})
    controller.submit({"kind": "no_such_action"})  # refused, but still an input
    assert clock.for_history(len(sim.history)) == (None, 1_800_000_000.0, 1_800_000_060.0)
    assert modes.time_inputs(None) is None


@pytest.mark.parametrize(
    ("mode", "assessable"),
    [
        ("ui", True),
        ("bot:expert", False),
        ("autoplay:novice", False),
        ("playbook", False),
        ("unknown", False),
    ],
)
def test_only_a_person_at_the_screen_is_assessed(mode, assessable) -> None:
    assert modes.MODE.match(mode)
    assert modes.is_assessable(mode) is assessable
    assert "not recorded" not in modes.describe(mode) or mode == "unknown"
