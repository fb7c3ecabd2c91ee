"""Starting and resuming games for the UI: scenario lookup, saves and their problems.

No pygame here: the picker screen and `kamsim play` share these functions, and every failure
becomes a `UserError` with a sentence the trainee can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim import safejson
from kamsim.errors import UserError
from kamsim.scenario import catalog
from kamsim.scenario.catalog import bundled, resolve
from kamsim.scenario.load import load_scenario, scenario_hash
from kamsim.scenario.meta import Difficulty
from kamsim.scenario.model import Scenario
from kamsim.scenario.problems import LoadError
from kamsim.sim import SaveError, Simulation, load_game
from kamsim.sim.save import kept_scenario
from kamsim.ui.controller import GameController
from kamsim.ui.paths import new_save_path, read_sidecar, user_scenarios_dir


@dataclass(frozen=True)
class ScenarioEntry:
    """A scenario the picker can offer (or explain why not)."""

    source: str  # bundled id or file path: what `open_scenario` takes
    origin: str  # "bundled" or "your folder"
    scenario: Scenario | None
    problem: str | None = None


def open_scenario(source: str) -> Scenario:
    """Load a scenario by bundled id or path; a UserError lists its problems."""
    try:
        return load_scenario(resolve(source))
    except LoadError as err:
        lines = "\n".join(p.format() for p in err.problems[:8])
        raise UserError(f"the scenario has errors:\n{lines}") from None
    except OSError as err:
        raise UserError(f"cannot read scenario {source}: {err.strerror}") from None


def available() -> list[ScenarioEntry]:
    """Bundled scenarios, easiest first, then the trainer's own from the user folder."""
    entries = []
    sources = [(sid, "bundled") for sid in bundled()]
    user_scenarios_dir()  # made on first use, so the title screen can open it
    sources += [(str(p), "your folder") for p in catalog.trainers().values()]
    for source, origin in sources:
        try:
            entries.append(ScenarioEntry(source, origin, open_scenario(source)))
        except UserError as err:
            entries.append(ScenarioEntry(source, origin, None, str(err)))
    return sorted(entries, key=_picker_order)


def _picker_order(entry: ScenarioEntry) -> tuple[int, int]:
    """Bundled before the trainer's own; within each, tutorial, standard, advanced."""
    level = list(Difficulty).index(entry.scenario.meta.difficulty) if entry.scenario else 3
    return (entry.origin != "bundled", level)


def new_game(source: str, seed: int, autosave: bool = True) -> GameController:
    scenario = open_scenario(source)
    sim = Simulation(scenario, seed)
    path = new_save_path(scenario.meta.id, seed) if autosave else None
    controller = GameController(sim, path, source)
    controller.autosave()
    controller.flush()  # the new game is on disk (and in the picker) before play starts
    return controller


def _scenario_for(save: Path, data: dict[str, Any]) -> tuple[Scenario, str]:
    """The scenario a save was played on: the sidecar's source, a bundled id, or the folder,
    if it still is what the game was played on; else the copy the save carries.

    A file of the right id that has changed since (or broken) is passed over for the save's
    own copy: a trainer edits scenarios between workshops, and the game must still resume.
    """
    scenario_id, digest = data["scenario_id"], data.get("scenario_hash")
    found: tuple[Scenario, str] | None = None
    candidates = [str(read_sidecar(save).get("source") or ""), scenario_id]
    for source in candidates:
        if source and (source in bundled() or Path(source).is_file()):
            try:
                scenario = open_scenario(source)
            except UserError:
                continue
            if scenario.meta.id == scenario_id:
                found = scenario, source
                break
    if found is None:
        for path in sorted(user_scenarios_dir().glob("*.y*ml")):
            try:
                scenario = open_scenario(str(path))
            except UserError:
                continue
            if scenario.meta.id == scenario_id:
                found = scenario, str(path)
                break
    if found is not None and scenario_hash(found[0]) == digest:
        return found
    kept = kept_scenario(data)
    if kept is not None:
        return kept, found[1] if found is not None else scenario_id
    if found is not None:
        return found  # load_game explains that the scenario has changed since
    raise UserError(f"{save}: the scenario '{scenario_id}' it was played on cannot be found")


def resume_game(save: str | Path) -> GameController:
    """Rebuild a saved game (autosaving on into the same file)."""
    path = Path(save)
    try:
        data = safejson.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UserError(f"{path}: cannot read the save file ({err.strerror})") from None
    except ValueError as err:
        raise UserError(f"{path}: not a kamsim save file (corrupt JSON: {err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("scenario_id"), str):
        raise UserError(f"{path}: not a kamsim save file (no scenario id)")
    scenario, source = _scenario_for(path, data)
    try:
        sim = load_game(path, scenario)
    except SaveError as err:
        raise UserError(str(err)) from None
    controller = GameController(sim, path, source)
    controller.ui_state = read_sidecar(path)
    return controller
