"""The files kamsim ships beside its code: the bundled scenarios, the window's theme and fonts.

They are kept at the top of the repository (`scenarios/`, `assets/`), where trainers and the
documents point, and the build maps those folders into the package as `kamsim._scenarios` and
`kamsim._assets` (pyproject.toml, `package-dir`). Reading them through importlib.resources
rather than from a path next to the source is what makes an installed wheel find them: the
same call works from a wheel, an sdist and an editable checkout.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from kamsim.errors import UserError

SCENARIOS_PACKAGE = "kamsim._scenarios"
ASSETS_PACKAGE = "kamsim._assets"


@functools.cache
def _folder(package: str) -> Path:
    """The installed folder of a data package, as a real path (pygame and the YAML loader
    open files by name). pip always installs kamsim unpacked, so this is a plain folder."""
    try:
        found = resources.files(package)
    except ModuleNotFoundError:
        raise UserError(
            f"kamsim's bundled files ({package}) are not installed: reinstall kamsim "
            "(in a checkout: pip install -e .)"
        ) from None
    if not isinstance(found, Path) or not found.is_dir():
        raise UserError(f"kamsim's bundled files ({package}) are not a folder on disk: {found}")
    return found


def scenarios_dir() -> Path:
    """The bundled scenarios (`scenarios/` in the repository)."""
    return _folder(SCENARIOS_PACKAGE)


def assets_dir() -> Path:
    """The theme and fonts (`assets/` in the repository)."""
    return _folder(ASSETS_PACKAGE)
