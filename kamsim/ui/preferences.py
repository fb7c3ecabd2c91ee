"""The player's own settings that outlast a game (today: the text size), in the data folder.

A file that is missing, unreadable or edited into nonsense gives the defaults, never a crash;
writing is atomic and a failure to write only costs the setting, never the game.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kamsim import safejson
from kamsim.atomic import atomic_write_text
from kamsim.ui import paths, theme

FILE = "preferences.json"


def _path() -> Path:
    return paths.data_dir() / FILE


def load() -> dict[str, Any]:
    try:
        data = safejson.loads(_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def text_size() -> str:
    """The saved text size, or "normal" (an unknown name is ignored)."""
    size = load().get("text_size")
    return size if isinstance(size, str) and size in theme.TEXT_SIZES else "normal"


def save_text_size(size: str) -> bool:
    """Keep the text size for the next session; False when the file cannot be written."""
    data = load()
    data["text_size"] = size
    try:
        atomic_write_text(_path(), json.dumps(data, indent=1, sort_keys=True))
    except OSError:
        return False
    return True
