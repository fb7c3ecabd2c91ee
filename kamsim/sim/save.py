"""Save files: a game is its scenario, seed and submissions, so that is all a save stores.

Format (JSON): {"format_version": 1, "kamsim_version", "scenario_id", "scenario_hash", "seed",
"week", "actions": [{"week": N, "action": {...}}], "scenario_text"}. `week` is where the clock
stood when saved. `scenario_text` (optional, added in 0.x without a format change: older saves
load as before) is the scenario's canonical text, so a save made on a trainer's file still
resumes when that file has moved, changed or gone, and one made on a bundled scenario survives
an upgrade that changes it; it is used only when it loads to the save's own hash.
`scenario_title` and `finished` (optional too) are for lists of saves: a picker names the
scenario and tells a finished game from one to resume without loading either.
Writes are atomic (temp file in the same folder, fsync, os.replace) so a crash never leaves
half a save; loading reports a clear `SaveError` instead of a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kamsim import __version__, safejson
from kamsim.atomic import atomic_write_text
from kamsim.scenario.load import scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.sim.engine import Simulation
from kamsim.sim.replay import replay

FORMAT_VERSION = 1


class SaveError(Exception):
    """A save file that cannot be loaded, with a message a person can act on."""


def save_data(sim: Simulation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "kamsim_version": __version__,  # for diagnosis: which engine played it
        "scenario_id": sim.scenario.meta.id,
        "scenario_title": sim.scenario.meta.title,
        "scenario_hash": sim.scenario_hash,
        "finished": sim.finished,
        "seed": sim.seed,
        "week": sim.week,
        "actions": [{"week": week, "action": action} for week, action in sim.history],
    }
    text = sim.template.canonical_text()
    if text is not None:
        data["scenario_text"] = text
    return data


def save_text(sim: Simulation) -> str:
    """The save file's text (what `save_game` writes)."""
    return json.dumps(save_data(sim), sort_keys=True, indent=1)


def save_game(sim: Simulation, path: str | Path) -> None:
    """Write the save atomically: a crash leaves the previous save or this one, never half."""
    atomic_write_text(path, save_text(sim))


def _read(path: Path) -> dict[str, Any]:
    """The save's JSON, read with the bounded reader: a file nested 100k deep, a NaN or a key
    given twice is "not a kamsim save file", never a crash of the reader."""
    try:
        data = safejson.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SaveError(f"{path}: cannot read the save file ({err.strerror})") from None
    except (UnicodeDecodeError, ValueError) as err:
        raise SaveError(f"{path}: not a kamsim save file (corrupt JSON: {err})") from None
    if not isinstance(data, dict):
        raise SaveError(f"{path}: not a kamsim save file (expected a JSON object)")
    return data


def _check(path: Path, data: dict[str, Any], scenario: Scenario) -> None:
    if data.get("format_version") != FORMAT_VERSION:
        raise SaveError(
            f"{path}: save format {data.get('format_version')!r} is not supported "
            f"(this kamsim reads format {FORMAT_VERSION})"
        )
    if data.get("scenario_id") != scenario.meta.id:
        raise SaveError(
            f"{path}: saved for scenario {data.get('scenario_id')!r}, not {scenario.meta.id!r}"
        )
    if data.get("scenario_hash") != scenario_hash(scenario):
        raise SaveError(
            f"{path}: scenario {scenario.meta.id!r} has changed since this game "
            "was saved; it cannot be replayed faithfully"
        )
    seed, week, actions = data.get("seed"), data.get("week"), data.get("actions")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise SaveError(f"{path}: 'seed' must be a non-negative integer")
    if not isinstance(week, int) or week < 1:
        raise SaveError(f"{path}: 'week' must be a positive integer")
    if not isinstance(actions, list) or not all(
        isinstance(a, dict) and isinstance(a.get("week"), int) and isinstance(a.get("action"), dict)
        for a in actions
    ):
        raise SaveError(f"{path}: 'actions' must be a list of {{week, action}} objects")


def kept_scenario(data: dict[str, Any]) -> Scenario | None:
    """The scenario the save carries, if it has one that loads to the hash the save cites.

    Why the hash check: the text is only a copy; the hash is what the game was played on, so a
    copy edited by hand (or damaged) is ignored rather than replayed as if it were the game's.
    """
    text, digest = data.get("scenario_text"), data.get("scenario_hash")
    if not isinstance(text, str) or not isinstance(digest, str):
        return None
    from kamsim.scenario.load import scenario_from_text
    from kamsim.scenario.problems import LoadError

    try:
        scenario = scenario_from_text(text)
    except (LoadError, OSError):
        return None
    same = scenario.meta.id == data.get("scenario_id") and scenario_hash(scenario) == digest
    return scenario if same else None


def read_save(path: str | Path) -> dict[str, Any]:
    """The save file's data, or SaveError saying why it is not a save."""
    return _read(Path(path))


def load_game(path: str | Path, scenario: Scenario) -> Simulation:
    """Rebuild a saved game on its scenario; raises SaveError with a clear message."""
    source = Path(path)
    data = _read(source)
    _check(source, data, scenario)
    entries = [(a["week"], a["action"]) for a in data["actions"]]
    try:
        return replay(scenario, data["seed"], entries, until_week=data["week"])
    except ValueError as err:
        raise SaveError(f"{source}: {err}") from None
