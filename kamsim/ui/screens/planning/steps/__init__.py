"""The seven steps of a KAM plan, in order: one class per step, each in its own module."""

from __future__ import annotations

from kamsim.ui.screens.planning.step import Step
from kamsim.ui.screens.planning.steps.analysis import AnalysisStep
from kamsim.ui.screens.planning.steps.dmu import DmuStep
from kamsim.ui.screens.planning.steps.monitor import MonitorStep
from kamsim.ui.screens.planning.steps.objectives import ObjectivesStep
from kamsim.ui.screens.planning.steps.segment import SegmentStep
from kamsim.ui.screens.planning.steps.swot import SwotStep
from kamsim.ui.screens.planning.steps.tactics import TacticsStep

STEP_CLASSES: tuple[type[Step], ...] = (
    AnalysisStep, SegmentStep, DmuStep, SwotStep, ObjectivesStep, TacticsStep, MonitorStep,
)  # fmt: skip
STEPS = tuple((f"{s.number} {s.title}", s.tip) for s in STEP_CLASSES)  # (label, tooltip)

__all__ = ["STEPS", "STEP_CLASSES"]
