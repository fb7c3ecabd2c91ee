"""Where the game keeps its files: saves, UI sidecars and the trainer's own scenarios.

Everything lives under the platform's user data folder (platformdirs) so a trainee's games
survive updates; `KAMSIM_DATA_DIR` overrides it so tests and classrooms can use any folder.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim import safejson
from kamsim.reports import paths as reports_paths
from kamsim.scenario import catalog


def data_dir() -> Path:
    """The root of the game's user data (created on demand)."""
    root = reports_paths.data_dir()  # one definition for the game and the results store
    root.mkdir(parents=True, exist_ok=True)
    return root


def user_scenarios_dir() -> Path:
    """The folder where a trainer drops extra scenario YAML files for the picker (created, so
    the title screen can open it); the CLI searches the same folder (kamsim.scenario.catalog)."""
    data_dir()
    folder = catalog.user_scenarios_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def saves_dir() -> Path:
    folder = data_dir() / "saves"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_save_path(scenario_id: str, seed: int) -> Path:
    """A fresh save file name, so a new game never overwrites an older one."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = saves_dir() / f"{scenario_id}-seed{seed}-{stamp}.json"
    n = 2
    while path.exists():
        path = saves_dir() / f"{scenario_id}-seed{seed}-{stamp}-{n}.json"
        n += 1
    return path


def sidecar_path(save: Path) -> Path:
    """The small JSON beside a save that remembers which screen the trainee was on."""
    return save.with_suffix(".ui.json")


def sidecar_text(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, indent=1)


def read_sidecar(save: Path) -> dict[str, Any]:
    """The stored UI state, or {} when missing or unreadable (the game itself is in the save)."""
    try:
        data = safejson.loads(sidecar_path(save).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class SaveInfo:
    """One resumable game, as the picker lists it."""

    path: Path
    scenario_id: str
    seed: int | None
    week: int | None
    mtime: float
    problem: str | None = None  # why it cannot be read, shown instead of a Resume button
    title: str | None = None  # the scenario's title (saves before 0.x: None, the id is shown)
    finished: bool = False  # the year is over: the save opens the debrief
    score: float | None = None  # the total the debrief showed, from the sidecar


def _sidecar_score(save: Path) -> float | None:
    """The total the debrief showed, kept in the save's UI sidecar (None if never shown)."""
    try:
        data = safejson.loads(sidecar_path(save).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    score = data.get("score") if isinstance(data, dict) else None
    return float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None


def list_saves() -> list[SaveInfo]:
    """Saved games, newest first; unreadable files are listed with their problem."""
    found = []
    for path in saves_dir().glob("*.json"):
        if path.name.endswith(".ui.json"):
            continue
        try:
            data = safejson.loads(path.read_text(encoding="utf-8"))  # bounded: never recurses
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            title = data.get("scenario_title")
            info = SaveInfo(
                path,
                str(data.get("scenario_id")),
                data.get("seed"),
                data.get("week"),
                path.stat().st_mtime,
                title=title if isinstance(title, str) else None,
                finished=data.get("finished") is True,
                score=_sidecar_score(path),
            )
        except (OSError, ValueError) as err:
            info = SaveInfo(path, "?", None, None, 0.0, f"unreadable save ({err})")
        found.append(info)
    return sorted(found, key=lambda s: -s.mtime)
