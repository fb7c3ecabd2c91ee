"""Scoring: prioritisation, plan quality, competencies and outcomes, each with its evidence.

`score_game(sim)` is a pure function of the game (scenario, seed, action log) and the
scenario's truth and rubric; see docs/scoring.md for every indicator and weight.
"""

from kamsim.scoring.card import DIMENSIONS, Competency, Evidence, Indicator, Scorecard
from kamsim.scoring.score import score_game

__all__ = ["DIMENSIONS", "Competency", "Evidence", "Indicator", "Scorecard", "score_game"]
