"""The no-action baseline: the same world on the same seed, with nobody doing KAM.

Return on KAM is only meaningful against what would have happened anyway. The baseline game
lives through the very same events, committee dice, sales noise and brand campaigns (the
brand team runs every campaign as planned when nobody decides), so the difference between a
game and its baseline is what the trainee's choices earned, never luck.

A baseline depends only on (scenario, seed): it is computed once and kept in a small cache,
so the five bots of a calibration on one seed, or a game and its replay, share it.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kamsim.scenario.model import Scenario

CACHE_SIZE = 64


@dataclass(frozen=True)
class Baseline:
    """The no-action game's monthly KPI records, by (month, account or "territory")."""

    records: dict[tuple[int, str], dict[str, Any]]

    def record(self, month: int, account: str) -> dict[str, Any] | None:
        return self.records.get((month, account))


_CACHE: OrderedDict[tuple[int, int], tuple[Scenario, Baseline]] = OrderedDict()


def baseline(scenario: Scenario, seed: int) -> Baseline:
    """The no-action baseline of this scenario and seed (cached)."""
    key = (id(scenario), seed)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        _CACHE.move_to_end(key)
        return hit[1]
    from kamsim.sim.engine import Simulation  # the engine builds baselines, and uses them

    sim = Simulation(scenario, seed, counterfactual=True)
    sim.advance(scenario.meta.duration_weeks + 1)
    result = Baseline({(int(r["month"]), str(r["account"])): r for r in sim.world.kpis})
    _CACHE[key] = (scenario, result)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


class LazyBaseline:
    """A baseline computed on first use: a game that never reaches a month end needs none."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._scenario, self._seed = scenario, seed
        self._value: Baseline | None = None

    def record(self, month: int, account: str) -> dict[str, Any] | None:
        if self._value is None:
            self._value = baseline(self._scenario, self._seed)
        return self._value.record(month, account)
