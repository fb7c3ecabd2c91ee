from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "tutorial.yaml")
