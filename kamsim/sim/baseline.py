"""The no-action baseline: the same world on the same seed, with nobody doing KAM.

Return on KAM is only meaningful against what would have happened anyway. The baseline game
lives through the very same events, committee dice, sales noise and brand campaigns (the
brand team runs every campaign as planned when nobody decides), so the difference between a
game and its baseline is what the trainee's choices earned, never luck.

A baseline depends only on (scenario, seed): it is computed once and kept in a cache, so
every bot of a calibration on one seed, or a game and its replay, share it. Calibration plays
each bot on every seed in turn, so the cache holds a few hundred seeds' baselines: that is
why they are kept compact.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from kamsim.sim.kpis import MONEY
from kamsim.sim.log import decision_records

if TYPE_CHECKING:
    from kamsim.scenario.model import Scenario

CACHE_SIZE = 256  # seeds: more than a calibration's default 200 runs (each bot cycles them)

# A record: its shape (keys, and where each money figure is; shared) and its values.
Shape = tuple[tuple[str, ...], tuple[tuple[str, int], ...]]
Row = tuple[Shape, tuple[Any, ...]]


@dataclass(frozen=True)
class Baseline:
    """The no-action game's monthly KPI records, by (month, account or "territory"), and its
    committee and tender decisions (each the log's decision entry with its week and day:
    scoring weighs a decision KPI by the odds each world had, not by the vote's roll).

    Each record is kept as its values, with the keys shared by every record of the same
    shape: a third of the memory of the dicts, so hundreds of baselines fit in the cache.
    """

    rows: dict[tuple[int, str], Row]
    decisions: tuple[MappingProxyType[str, Any], ...] = field(default=())

    @classmethod
    def of(
        cls, records: list[dict[str, Any]], decisions: tuple[MappingProxyType[str, Any], ...] = ()
    ) -> Baseline:
        shapes: dict[tuple[str, ...], Shape] = {}
        rows = {}
        for record in records:
            keys = tuple(record)
            shape = shapes.get(keys)
            if shape is None:
                money = tuple((k, keys.index(k)) for k in MONEY if k in keys)
                shape = shapes[keys] = (keys, money)
            rows[int(record["month"]), str(record["account"])] = (shape, tuple(record.values()))
        return cls(rows, decisions)

    def record(self, month: int, account: str) -> dict[str, Any] | None:
        """The record (a fresh dict), or None if the baseline has none for it."""
        row = self.rows.get((month, account))
        if row is None:
            return None
        (keys, _), values = row
        return dict(zip(keys, values, strict=True))

    def money(self, month: int, account: str) -> dict[str, Any] | None:
        """Only the record's money figures (`kpis.MONEY`): all that the monthly returns are
        measured against, so a game need not rebuild the whole record every month."""
        row = self.rows.get((month, account))
        if row is None:
            return None
        (_, money), values = row
        return {key: values[at] for key, at in money}


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
    result = Baseline.of(sim.world.kpis, decision_records(sim.log))
    _CACHE[key] = (scenario, result)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


class LazyBaseline:
    """A baseline computed on first use: a game that never reaches a month end needs none."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._scenario, self._seed = scenario, seed
        self._value: Baseline | None = None

    def value(self) -> Baseline:
        """The baseline, computed (or taken from the cache) on the first call."""
        if self._value is None:
            self._value = baseline(self._scenario, self._seed)
        return self._value

    def record(self, month: int, account: str) -> dict[str, Any] | None:
        return self.value().record(month, account)

    def money(self, month: int, account: str) -> dict[str, Any] | None:
        return self.value().money(month, account)

    @property
    def decisions(self) -> tuple[MappingProxyType[str, Any], ...]:
        return self.value().decisions
