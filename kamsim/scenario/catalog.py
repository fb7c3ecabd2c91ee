"""Where scenarios live: the bundled ones beside the package, and any file a trainer names."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from kamsim.errors import UserError

DEFAULT_SCENARIO = "standard"


def bundled_dir() -> Path:
    """The `scenarios/` folder of the checkout (KAMSIM_SCENARIOS overrides it)."""
    override = os.environ.get("KAMSIM_SCENARIOS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "scenarios"


def bundled() -> dict[str, Path]:
    """Bundled scenario id (its file stem) → path, in a stable order."""
    folder = bundled_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def resolve(name_or_path: str) -> Path:
    """A SCENARIO argument as a file: an existing path, else a bundled scenario's id."""
    path = Path(name_or_path)
    if path.exists() or path.suffix in (".yaml", ".yml") or os.sep in name_or_path:
        return path
    known = bundled()
    if name_or_path in known:
        return known[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    names = ", ".join(known) or "none found"
    raise UserError(
        f"no scenario file or bundled scenario called '{name_or_path}'{hint} (bundled: {names})"
    )
