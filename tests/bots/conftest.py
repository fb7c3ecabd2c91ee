"""The bundled scenarios, loaded once for the bot tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario(SCENARIOS / "tutorial.yaml")


@pytest.fixture(scope="session")
def standard() -> Scenario:
    return load_scenario(SCENARIOS / "standard.yaml")


@pytest.fixture(scope="session")
def advanced() -> Scenario:
    return load_scenario(SCENARIOS / "advanced.yaml")
