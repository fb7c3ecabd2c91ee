"""A person who declines a meeting request is not asked again that week: asking again is
refused at once, without another draw, and the view says so until the week ends."""

from __future__ import annotations

from typing import Any

from kamsim.sim import Simulation

from .conftest import make_scenario
from .helpers import meet

ASK = meet("riverside", "director", "listen")


def _busy(data: dict[str, Any]) -> None:
    data["accounts"][0]["stakeholders"][0]["availability"] = 0.3  # riverside's director


def _declined_seed() -> int:
    """The first seed on which the director declines the first request of week 1."""
    scenario = make_scenario(_busy)
    for seed in range(1, 200):
        if not Simulation(scenario, seed).submit(ASK).accepted:
            return seed
    raise AssertionError("no seed declines")


def _person(sim: Simulation) -> Any:
    return next(p for p in sim.view().account("riverside").people if p.id == "director")


def test_asking_again_the_same_week_is_refused_without_a_draw() -> None:
    scenario, seed = make_scenario(_busy), _declined_seed()
    sim = Simulation(scenario, seed)
    first = sim.submit(ASK)
    assert "declines the meeting request this week" in str(first.reason)
    assert _person(sim).declined_week == 1  # the view shows it at once
    for _ in range(5):  # however often, and with another purpose
        again = sim.submit(meet("riverside", "director", "discover"))
        assert not again.accepted and "already declined a meeting this week" in str(again.reason)
    sim.advance(2)
    assert _person(sim).declined_week == 1  # last week's: free to be asked this week
    retried = sim.submit(ASK)

    once = Simulation(scenario, seed)  # the same game without the retries
    once.submit(ASK)
    once.advance(2)
    plain = once.submit(ASK)
    assert retried.accepted == plain.accepted  # the retries drew nothing
    assert retried.messages == plain.messages


def test_other_people_can_still_be_met_the_same_week() -> None:
    sim = Simulation(make_scenario(_busy), _declined_seed())
    sim.submit(ASK)
    assert sim.submit(meet("riverside", "nurse", "listen")).accepted
