"""Calibration: does a scenario reward good KAM? Every bot on many seeds, scored and compared.

from kamsim.calibrate import calibrate
report = calibrate(scenario, runs=200, workers=2)
report.to_dict()["separation"]["expert>novice"]
"""

from kamsim.calibrate.run import GameResult, calibrate, play_and_score
from kamsim.calibrate.stats import Calibration, cronbach_alpha, summarise

__all__ = ["Calibration", "GameResult", "calibrate", "cronbach_alpha", "play_and_score",
           "summarise"]  # fmt: skip
