"""`sweep`: does a scenario still teach when its dynamics move? Calibration and the lesson
audit at every point of a parameter grid.

At each grid point the scenario is rebuilt with the point's values (kamsim.sweep.grid) and
the field of bots (every bot and adversary) and the audit's players (the expert and each
observable lesson's variant) play seeds 1..runs. The expert is played once per seed and
serves both. The graded population and the two copiers of `calibrate` are left out: they
test the rubric, not the world, and do not move with the dynamics. All games of all points
go to one pool in a fixed order, so the output is the same for any number of workers.

Per point: the expert's separation (the share of seeds on which it beats each bot in total;
the weakest pair counts), the outcome separation over the field bots, and every lesson's
effect and verdict. Per lesson and per parameter: where it stops being taught, read along
that parameter's axis with the other parameters at each of their values.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kamsim.audit.lessons import LESSONS, Lesson
from kamsim.audit.run import MIN_EFFECT, audit_players, audit_report
from kamsim.bots import BOT_NAMES
from kamsim.calibrate.run import GameResult, Scorer, real_scorer, run_scenario_games
from kamsim.calibrate.stats import build_report
from kamsim.scenario.load import scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.sweep.grid import Param, grid, scenario_at

SEPARATION = 0.95
DECIMALS = 4


@dataclass(frozen=True)
class Sweep:
    """The outcome of a sweep; `to_dict` is the `--json` contract."""

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.data

    @property
    def holds(self) -> bool:
        """Every point separates and teaches every lesson its scenario makes observable."""
        return all(p["separation_ok"] and not p["not_taught"] for p in self.data["points"])


def sweep(
    scenario: Scenario,
    params: list[Param],
    runs: int,
    workers: int = 1,
    scorer: Scorer | None = None,
    lessons: Sequence[Lesson] = LESSONS,
    min_effect: float = MIN_EFFECT,
    min_separation: float = SEPARATION,
    quiet: bool = True,
    bots: Sequence[str] = BOT_NAMES,
    scheduler: str | None = None,
) -> Sweep:
    """Every grid point's calibration (the field `bots`, the expert first) and lesson audit."""
    points = grid(params)
    scenarios = [scenario_at(scenario, params, point) for point in points]
    players = [list(dict.fromkeys([*bots, *audit_players(sc, lessons)])) for sc in scenarios]
    tasks = [
        (i, bot, seed)
        for i, names in enumerate(players)
        for bot in names
        for seed in range(1, runs + 1)
    ]
    results = run_scenario_games(scenarios, tasks, workers, scorer or real_scorer(), runs,
                                 quiet, "sweeping", scheduler)  # fmt: skip
    by_point: list[list[GameResult]] = [[] for _ in points]
    for (i, _, _), result in zip(tasks, results, strict=True):
        by_point[i].append(result)
    rows = [
        _point_row(params, point, sc, runs, games, lessons, min_effect, min_separation, bots)
        for point, sc, games in zip(points, scenarios, by_point, strict=True)
    ]
    ids = [lesson.id for lesson in lessons]
    return Sweep({
        "scenario": scenario.meta.id,
        "scenario_hash": scenario_hash(scenario),
        "runs": runs,
        "params": [{"path": p.path, "values": list(p.values)} for p in params],
        "games": len(tasks),
        "min_effect": min_effect,
        "min_separation": min_separation,
        "points": rows,
        "tipping": {
            "lessons": {lid: _tipping(params, rows, lambda r, lid=lid: _taught(r, lid))
                        for lid in ids},
            "separation": _tipping(params, rows, lambda r: r["separation_ok"]),
        },
    })  # fmt: skip


def _r(value: float) -> float:
    return round(float(value), DECIMALS)


def _point_row(
    params: list[Param], point: tuple[float, ...], scenario: Scenario, runs: int,
    games: list[GameResult], lessons: Sequence[Lesson], min_effect: float,
    min_separation: float,
    bots: Sequence[str],
) -> dict[str, Any]:  # fmt: skip
    names = list(bots)
    field = [g for g in games if g.bot in names]
    cal = build_report(scenario, runs, names, field, min_separation).to_dict()
    aud = audit_report(scenario, runs, games, lessons, min_effect).to_dict()
    separation = cal["separation"]
    weakest = min(separation, key=lambda k: (separation[k], k)) if separation else None
    lesson_rows = {
        row["id"]: {k: row[k] for k in ("observable", "effect_sd", "delta_total", "teaches")}
        for row in aud["lessons"]
    }
    return {
        "values": {p.path: v for p, v in zip(params, point, strict=True)},
        "scenario_hash": scenario_hash(scenario),
        "expert_total": _r(cal["bots"]["expert"]["total"]["mean"]),
        "expert_outcome": aud["outcome"]["expert_mean"],
        "outcome_seed_sd": aud["outcome"]["seed_sd"],
        "separation_min": _r(separation[weakest]) if weakest else None,
        "separation_weakest": weakest.split(">", 1)[1] if weakest else None,
        "separation_ok": bool(cal["passed"]),
        "outcome_separation_ok": bool(cal["outcome_separation_passed"]),
        "lessons": lesson_rows,
        "not_taught": sorted(
            k for k, r in lesson_rows.items() if r["observable"] and not r["teaches"]
        ),
        "expert_tiers_correct": aud["expert_tiers_correct"],
    }


def _taught(row: dict[str, Any], lesson: str) -> bool | None:
    r = row["lessons"].get(lesson)
    return None if r is None or not r["observable"] else bool(r["teaches"])


def _tipping(params: list[Param], rows: list[dict[str, Any]], holds: Any) -> list[dict[str, Any]]:
    """Where a condition changes along each parameter's axis, the others held at each value.

    One entry per change: the parameter, the values on either side, the direction ("stops"
    when it held at the lower value, "starts" when it held at the higher), and the other
    parameters' values. Points where the condition does not apply (a lesson the scenario
    does not make observable there) are skipped over.
    """
    out: list[dict[str, Any]] = []
    for axis, param in enumerate(params):
        lines: dict[tuple[float, ...], list[tuple[float, bool]]] = {}
        for row in rows:
            values = tuple(row["values"][p.path] for p in params)
            rest = values[:axis] + values[axis + 1 :]
            state = holds(row)
            if state is not None:
                lines.setdefault(rest, []).append((values[axis], state))
        for rest, line in lines.items():
            line.sort()
            rest_params = [p.path for i, p in enumerate(params) if i != axis]
            for (a, sa), (b, sb) in itertools.pairwise(line):
                if sa != sb:
                    others = dict(zip(rest_params, rest, strict=True))
                    change = "stops" if sa else "starts"
                    out.append(
                        {
                            "param": param.path,
                            "from": a,
                            "to": b,
                            "change": change,
                            "others": others,
                        }
                    )
    return out
