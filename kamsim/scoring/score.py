"""`score_game`: the whole assessment of a game, a pure function of scenario, seed and log.

The game passed in is the result of replaying (scenario, seed, actions); only its frozen
public record (`Simulation.result`) and log are read, never the simulation's mutable state,
so the same inputs give the same scorecard on any machine.
"""

from __future__ import annotations

from kamsim.scenario.rubric import KpiKind
from kamsim.scoring.behaviours import behaviours
from kamsim.scoring.card import DIMENSIONS, Indicator, Scorecard
from kamsim.scoring.competencies import assess
from kamsim.scoring.outcomes import outcomes
from kamsim.scoring.plans import plan_quality
from kamsim.scoring.prioritisation import prioritisation
from kamsim.scoring.record import GameRecord
from kamsim.sim.engine import Simulation
from kamsim.sim.result import GameResult
from kamsim.sums import ordered_sum


def score_game(game: Simulation | GameResult) -> Scorecard:
    """Score a game (normally finished) against the scenario's truth and effective rubric."""
    result = game.result() if isinstance(game, Simulation) else game
    rec = GameRecord(result)
    rubric = rec.rubric
    prio, prio_ind = prioritisation(rec)
    plan, plan_ind = plan_quality(rec)
    out, out_ind = outcomes(rec)
    indicators: list[Indicator] = [*prio_ind, *plan_ind, *behaviours(rec), *out_ind]
    unmeasured = frozenset(k.value for k in KpiKind) - {k.id.value for k in result.scenario.kpis}
    comp, competencies = assess(
        indicators,
        list(rubric.get("level_cuts")),
        dict(rubric.get("competency_weights")),
        unmeasured,
        rubric.competencies,
    )
    dims = {"prioritisation": prio, "plan_quality": plan, "competencies": comp, "outcomes": out}
    weights = {d: float(w) for d, w in rubric.get("dimensions").items()}
    total = ordered_sum(dims[d] * weights[d] for d in DIMENSIONS) / (
        ordered_sum(weights.values()) or 1.0
    )
    return Scorecard(
        total=100 * total,
        dimensions={d: 100 * dims[d] for d in DIMENSIONS},
        indicators=tuple(indicators),
        competencies=tuple(competencies),
        rubric_version=rubric.version,
        form=_form(result),
    )


def _form(result: GameResult) -> str | None:
    """The form drawn for the game, as its log's first entry records it."""
    start = result.log[0].data if result.log else {}
    drawn = start.get("form")
    return drawn.get("form") if isinstance(drawn, dict) else None
