"""Sub-commands of `kamsim`.

Every module here lists its parser builders in `REGISTER` (and may set `ORDER` for where its
commands appear in `--help`); the CLI finds them by import, so adding a command never means
editing a central list.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

Register = Callable[[Any], None]


def registrars() -> list[Register]:
    """Every command module's registrars, in their modules' ORDER, then name."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 50), m.__name__))
    return [reg for m in modules for reg in getattr(m, "REGISTER", [])]
