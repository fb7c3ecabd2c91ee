"""Where scenarios live: the bundled ones inside the package, a trainer's own folders, any file.

A SCENARIO argument is a file, a bundled id (`tutorial`, `standard`, `advanced`), or the name
(file stem) of a scenario in a trainer's folder: `$KAMSIM_SCENARIOS` (one folder, or several
separated by the system's path separator) and the game's user scenario folder, the one the
window's picker lists (`<data dir>/scenarios`). These folders are searched *beside* the bundled
scenarios, never instead of them; a bundled id wins over a file of the same name, so the ids
the documents use always mean the same world (a trainer's file can still be named by path).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from kamsim.bundle import scenarios_dir
from kamsim.errors import UserError

DEFAULT_SCENARIO = "standard"
SCENARIOS_ENV = "KAMSIM_SCENARIOS"
SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """The bundled scenarios' folder: the package's `kamsim._scenarios` (`scenarios/` in the
    repository)."""
    return scenarios_dir()


def bundled() -> dict[str, Path]:
    """Bundled scenario id (its file stem) → path, in a stable order."""
    return _in_folder(bundled_dir())


def user_scenarios_dir() -> Path:
    """The folder where a trainer drops scenario files for the picker (not created here:
    looking for a scenario should not make folders)."""
    from kamsim.reports.paths import data_dir

    return data_dir() / "scenarios"


def trainer_dirs() -> list[Path]:
    """A trainer's scenario folders, in search order: $KAMSIM_SCENARIOS, then the user folder."""
    listed = os.environ.get(SCENARIOS_ENV, "")
    folders = [Path(p) for p in listed.split(os.pathsep) if p]
    return [*folders, user_scenarios_dir()]


def trainers() -> dict[str, Path]:
    """Scenarios in the trainer's folders by file stem (the first folder holding a name wins)."""
    found: dict[str, Path] = {}
    for folder in reversed(trainer_dirs()):
        found.update(_in_folder(folder))
    return found


def _in_folder(folder: Path) -> dict[str, Path]:
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:  # no such folder (yet), or not one: nothing to offer from it
        return {}
    return {p.stem: p for p in files}


def known() -> dict[str, Path]:
    """Every scenario a name can pick: the trainer's folders, with the bundled ids on top."""
    return trainers() | bundled()


MAX_NAME = 255  # longer is no file name on any common file system


def resolve(name_or_path: str) -> Path:
    """A SCENARIO argument as a file: an existing path, a bundled id, a trainer's scenario."""
    if len(name_or_path) > MAX_NAME or any(ord(c) < 32 for c in name_or_path):
        shown = name_or_path[:40].encode("unicode_escape").decode("ascii")
        raise UserError(f"'{shown}…' is not a scenario id or a file name (too long or with "
                        "control characters); a save or result file naming it was edited or "
                        "damaged")  # fmt: skip
    path = Path(name_or_path)
    if path.exists() or path.suffix in SUFFIXES or os.sep in name_or_path:
        return path
    choices = known()
    if name_or_path in choices:
        return choices[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(choices), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    names = ", ".join(bundled()) or "none found"
    own = ", ".join(sorted(trainers())) or "none"
    folders = ", ".join(str(f) for f in trainer_dirs())
    raise UserError(
        f"no scenario file or bundled scenario called '{name_or_path}'{hint} (bundled: {names}; "
        f"in your scenario folders: {own}). Give the file's path (e.g. "
        f"./{name_or_path}.yaml), or put it in one of: {folders} (${SCENARIOS_ENV} adds folders)"
    )
