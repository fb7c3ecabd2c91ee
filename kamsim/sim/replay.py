"""Rebuild a game from its scenario, seed and submissions: the basis of saves and audits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kamsim.scenario.model import Scenario
from kamsim.sim.actions import Action
from kamsim.sim.engine import Simulation


def replay(
    scenario: Scenario,
    seed: int,
    actions_with_weeks: Iterable[tuple[int, Action | Mapping[str, Any]]],
    until_week: int | None = None,
) -> Simulation:
    """Submit each action in its week (advancing the clock as needed) and return the game.

    Weeks must not go backwards. With `until_week` the clock is then advanced to that week, so
    a saved game resumes exactly where it was left.
    """
    sim = Simulation(scenario, seed)
    for week, action in actions_with_weeks:
        if week < sim.week:
            raise ValueError(f"action for week {week} comes after week {sim.week}")
        sim.advance(week)
        sim.submit(action)
    if until_week is not None:
        sim.advance(until_week)
    return sim
