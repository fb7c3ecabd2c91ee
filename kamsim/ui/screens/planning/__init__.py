"""Planning board for one account: the seven steps of a KAM plan, written and agreed.

`screen.PlanningScreen` is a thin host (the step list on the left, the draft and Write/Agree on
the right, the agree question); each step is one small class in its own module, built into the
middle column when chosen. `readings` holds what the board reads out of the view.
"""

from kamsim.ui.screens.planning.readings import (
    SHOWN_FACTS,
    agree_obstacles,
    citable_facts,
    criteria_readings,
)
from kamsim.ui.screens.planning.screen import PlanningScreen
from kamsim.ui.screens.planning.steps import STEP_CLASSES, STEPS

__all__ = [
    "SHOWN_FACTS",
    "STEPS",
    "STEP_CLASSES",
    "PlanningScreen",
    "agree_obstacles",
    "citable_facts",
    "criteria_readings",
]
