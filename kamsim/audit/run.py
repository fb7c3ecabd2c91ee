"""`audit`: does the world teach each lesson? The expert against itself minus one practice.

For every lesson the scenario makes observable, the expert and the lesson's variant play the
same seeds, so each pair of games shares its dice (common random numbers). Per lesson:

- delta_outcome: mean over seeds of (expert's world outcome − variant's), the outcome being
  the territory's final `kam_value` (incremental net margin over the no-action baseline plus
  the value of the position left);
- paired_sd: the sd of those paired differences;
- effect_sd: delta_outcome / the sd of the expert's own outcome over the seeds;
- delta_total: mean of (expert's total score − variant's);
- teaches: effect_sd ≥ `min_effect` (0.5) and delta_total > 0: the world pays for the
  practice, and the score agrees.

`expert_tiers_correct` is the share of seeds on which the expert's final tiers were exactly the
expected ones (the scenario's truth), with the per-account share beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kamsim.audit.lessons import LESSONS, Lesson
from kamsim.calibrate.run import GameResult, Scorer, real_scorer, run_games
from kamsim.scenario.load import scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.sums import ordered_sum

EXPERT = "expert"
MIN_EFFECT = 0.5
DECIMALS = 4


@dataclass(frozen=True)
class Audit:
    """The outcome of an audit; `to_dict` is the `--json` contract."""

    data: dict[str, Any]

    @property
    def passed(self) -> bool:
        return all(row["teaches"] for row in self.data["lessons"] if row["observable"])

    def to_dict(self) -> dict[str, Any]:
        return self.data


def _r(value: float) -> float:
    return round(float(value), DECIMALS)


def _sd(values: Sequence[float]) -> float:
    return float(np.std(values, ddof=1)) if len(values) > 1 else 0.0


def lesson_row(
    lesson: Lesson, expert: dict[int, GameResult], variant: dict[int, GameResult], seed_sd: float,
    min_effect: float,
) -> dict[str, Any]:  # fmt: skip
    seeds = sorted(set(expert) & set(variant))
    d_out = [expert[s].outcome - variant[s].outcome for s in seeds]
    d_tot = [expert[s].total - variant[s].total for s in seeds]
    mean_out = float(np.mean(d_out)) if d_out else 0.0
    mean_tot = float(np.mean(d_tot)) if d_tot else 0.0
    effect = mean_out / seed_sd if seed_sd > 0 else (float("inf") if mean_out > 0 else 0.0)
    return {
        "id": lesson.id,
        "title": lesson.title,
        "variant": lesson.variant,
        "observable": True,
        "delta_outcome": _r(mean_out),
        "paired_sd": _r(_sd(d_out)),
        "effect_sd": _r(min(effect, 1e9)),
        "delta_total": _r(mean_tot),
        "expert_won": _r(ordered_sum(d > 0 for d in d_out) / len(d_out)) if d_out else 0.0,
        "teaches": bool(effect >= min_effect and mean_tot > 0),
    }


def _tiers_correct(games: dict[int, GameResult]) -> tuple[float, float]:
    """Share of seeds with every tier right, and the share of accounts tiered right (each
    game against the truth of the form its seed drew)."""
    whole = [all(dict(g.tiers).get(a) == t for a, t in g.expected) for g in games.values()]
    each = [dict(g.tiers).get(a) == t for g in games.values() for a, t in g.expected]
    n = max(1, len(whole))
    return ordered_sum(whole) / n, ordered_sum(each) / max(1, len(each))


def audit(
    scenario: Scenario,
    runs: int,
    workers: int = 1,
    scorer: Scorer | None = None,
    lessons: Sequence[Lesson] = LESSONS,
    min_effect: float = MIN_EFFECT,
    quiet: bool = True,
    scheduler: str | None = None,
) -> Audit:
    """Play the expert and every observable lesson's variant on seeds 1..runs and compare."""
    players = audit_players(scenario, lessons)
    tasks = [(bot, seed) for bot in players for seed in range(1, runs + 1)]
    results = run_games(scenario, tasks, workers, scorer or real_scorer(), quiet=quiet,
                        what="auditing", scheduler=scheduler)  # fmt: skip
    return audit_report(scenario, runs, results, lessons, min_effect)


def audit_players(scenario: Scenario, lessons: Sequence[Lesson] = LESSONS) -> list[str]:
    """The expert and the variant of every lesson this scenario makes observable."""
    return [EXPERT, *(lesson.variant for lesson in lessons if lesson.observable(scenario))]


def audit_report(
    scenario: Scenario,
    runs: int,
    results: Sequence[GameResult],
    lessons: Sequence[Lesson] = LESSONS,
    min_effect: float = MIN_EFFECT,
) -> Audit:
    """The audit of games already played (`audit_players` on seeds 1..runs; others ignored)."""
    shown = [(lesson, lesson.observable(scenario)) for lesson in lessons]
    players = audit_players(scenario, lessons)
    by_bot: dict[str, dict[int, GameResult]] = {bot: {} for bot in players}
    for result in results:
        if result.bot in by_bot:
            by_bot[result.bot][result.seed] = result
    expert = by_bot[EXPERT]
    outcomes = [g.outcome for g in expert.values()]
    seed_sd = _sd(outcomes)
    rows = []
    for lesson, seen in shown:
        if not seen:
            rows.append({"id": lesson.id, "title": lesson.title, "variant": lesson.variant,
                         "observable": False, "delta_outcome": None, "paired_sd": None,
                         "effect_sd": None, "delta_total": None, "expert_won": None,
                         "teaches": None})  # fmt: skip
            continue
        rows.append(lesson_row(lesson, expert, by_bot[lesson.variant], seed_sd, min_effect))
    whole, each = _tiers_correct(expert)
    return Audit({
        "scenario": scenario.meta.id,
        "scenario_hash": scenario_hash(scenario),
        "runs": runs,
        "outcome": {
            "name": "kam_value",
            "description": "incremental net margin over the same-world no-action baseline, "
                           "plus the end run-rate's margin difference for "
                           f"{scenario.dynamics.outcome.position_months:g} months",
            "expert_mean": _r(float(np.mean(outcomes)) if outcomes else 0.0),
            "seed_sd": _r(seed_sd),
        },
        "expert_total": _r(float(np.mean([g.total for g in expert.values()])) if expert else 0),
        "lessons": rows,
        "min_effect": min_effect,
        "expert_tiers_correct": _r(whole),
        "expert_tier_accuracy": _r(each),
    })  # fmt: skip
