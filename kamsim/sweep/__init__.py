"""Sensitivity sweeps: calibration and the lesson audit over a grid of scenario parameters.

from kamsim.sweep import parse_param, sweep
report = sweep(scenario, [parse_param("dynamics.consent.threshold=0.4:0.8:5")], runs=50)
report.to_dict()["tipping"]
"""

from kamsim.sweep.grid import Param, parse_param
from kamsim.sweep.run import Sweep, sweep

__all__ = ["Param", "Sweep", "parse_param", "sweep"]
