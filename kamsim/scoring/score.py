"""`score_game`: the whole assessment of a game, a pure function of scenario, seed and log.

The game passed in is the result of replaying (scenario, seed, actions); nothing else is read,
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


def score_game(sim: Simulation) -> Scorecard:
    """Score a game (normally finished) against the scenario's truth and rubric."""
    rec = GameRecord(sim)
    rubric = sim.scenario.scoring
    prio, prio_ind = prioritisation(rec)
    plan, plan_ind = plan_quality(rec)
    out, out_ind = outcomes(rec)
    indicators: list[Indicator] = [*prio_ind, *plan_ind, *behaviours(rec), *out_ind]
    unmeasured = frozenset(k.value for k in KpiKind) - {k.id.value for k in sim.scenario.kpis}
    comp, competencies = assess(
        indicators, rubric.level_cuts, rubric.competency_weights, unmeasured
    )
    dims = {"prioritisation": prio, "plan_quality": plan, "competencies": comp, "outcomes": out}
    weights = rubric.weights.model_dump()
    total = sum(dims[d] * weights[d] for d in DIMENSIONS) / (sum(weights.values()) or 1.0)
    return Scorecard(
        total=100 * total,
        dimensions={d: 100 * dims[d] for d in DIMENSIONS},
        indicators=tuple(indicators),
        competencies=tuple(competencies),
        rubric_version=rubric.version,
    )
