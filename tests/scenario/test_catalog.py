"""Which file a SCENARIO argument names: bundled ids, a trainer's folders beside them, paths;
and the canonical text the results store keeps, which loads back to the very same scenario."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kamsim.errors import UserError
from kamsim.scenario import catalog
from kamsim.scenario.load import load_scenario, scenario_hash

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMSIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KAMSIM_SCENARIOS", raising=False)


def _scenario_in(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(), encoding="utf-8")
    return path


def test_the_bundled_scenarios_come_from_the_package() -> None:
    assert list(catalog.bundled()) == ["advanced", "standard", "tutorial"]
    assert catalog.bundled_dir().samefile(ROOT / "scenarios")  # the one source, mapped


def test_the_picker_folder_is_searched_beside_the_bundled_ones(tmp_path: Path) -> None:
    own = _scenario_in(tmp_path / "data" / "scenarios", "harbour")
    assert catalog.resolve("harbour") == own
    assert catalog.resolve("tutorial") == catalog.bundled()["tutorial"]


def test_kamsim_scenarios_adds_folders_and_hides_nothing(tmp_path, monkeypatch) -> None:
    first = _scenario_in(tmp_path / "a", "coast")
    second = _scenario_in(tmp_path / "b", "city")
    _scenario_in(tmp_path / "b", "coast")  # the first folder named wins
    _scenario_in(tmp_path / "b", "standard")  # a bundled id keeps meaning the bundled world
    folders = os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")])
    monkeypatch.setenv("KAMSIM_SCENARIOS", folders)
    assert catalog.resolve("coast") == first
    assert catalog.resolve("city") == second
    assert catalog.resolve("standard") == catalog.bundled()["standard"]
    assert list(catalog.bundled()) == ["advanced", "standard", "tutorial"]


def test_an_unknown_name_says_how_to_point_at_a_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        catalog.resolve("harbor")
    message = str(err.value)
    assert "no scenario file or bundled scenario called 'harbor'" in message
    assert "bundled: advanced, standard, tutorial" in message
    assert "Give the file's path (e.g. ./harbor.yaml)" in message
    assert str(tmp_path / "data" / "scenarios") in message
    assert not (tmp_path / "data").exists()  # looking made no folders


@pytest.mark.parametrize("name", ["tutorial", "standard", "advanced"])
def test_the_canonical_text_loads_back_to_the_same_hash(name: str, tmp_path: Path) -> None:
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    text = scenario.canonical_text()
    assert text is not None and "#" not in text.splitlines()[0]
    copy = tmp_path / "copy.yaml"
    copy.write_text(text, encoding="utf-8")
    again = load_scenario(copy)
    assert scenario_hash(again) == scenario_hash(scenario)
    assert again.canonical_text() == text  # canonical: a fixed point
