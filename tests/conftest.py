"""Shared test helpers: the bundled scenarios and a way to write variants of them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture(scope="session")
def tutorial_data() -> dict[str, Any]:
    return yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))


@pytest.fixture
def write_variant(
    tmp_path: Path, tutorial_data: dict[str, Any]
) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """Write the tutorial, changed by `edit`, to a YAML file and return its path."""

    def make(edit: Callable[[dict[str, Any]], None]) -> Path:
        data = copy.deepcopy(tutorial_data)
        edit(data)
        path = tmp_path / "variant.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        return path

    return make
