"""The build backend: setuptools', plus mypy when `KAMSIM_COMPILE=1` asks for a compiled build.

By default the wheel is pure Python and installs anywhere Python 3.11+ runs. With
`KAMSIM_COMPILE=1` the simulation, the bots and scoring (the code a calibration spends its
time in) are compiled with mypyc, as black and mypy ship themselves: the same source and the same
games, in about 0.7x the instructions; the wheel is then for one platform and Python.

A backend says what a build needs before the build runs, so mypy is asked for only then;
setuptools runs setup.py while answering, before mypy is there, so the extension modules
are made only in the build itself. An editable install stays interpreted: compiled modules
in the checkout would shadow the very sources being edited.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the backend's other hooks, unchanged)

MYPY = "mypy>=2.4,<3"
ROOT = Path(__file__).resolve().parents[1]
# Compiled: the simulation, the bots and scoring, but for the two modules holding pydantic
# models (mypyc cannot compile them) and the packages' __init__ files.
PACKAGES = ("kamsim/sim", "kamsim/bots", "kamsim/scoring")
MODULES = ("kamsim/sums.py",)  # the in-order sum every game's arithmetic goes through
INTERPRETED = {"kamsim/sim/actions.py", "kamsim/sim/playbook.py"}
# mypyc compiles from types, so the libraries the compiled code imports must be there too.
TYPED_BY = ("pydantic", "PyYAML", "simpy", "numpy")

_interpreted_only = False  # set by the hooks that must not compile


def compiling() -> bool:
    """Whether this build compiles (KAMSIM_COMPILE=1, or yes/true)."""
    return os.environ.get("KAMSIM_COMPILE", "").strip().lower() in {"1", "yes", "true"}


def compiled_modules() -> list[str]:
    """The source files mypyc compiles, as paths relative to the project."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).glob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if path.name != "__init__.py" and relative not in INTERPRETED:
                found.append(relative)
    return [*found, *MODULES]


def build_dependencies() -> list[str]:
    """mypy, and the core's libraries as pyproject.toml asks for them (so they cannot drift)."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        wanted = tomllib.load(f)["project"]["dependencies"]
    names = {n.lower() for n in TYPED_BY}
    return [MYPY, *(d for d in wanted if re.split(r"[<>=!~\[ ;]", d)[0].lower() in names)]


def extension_modules() -> list[Any]:
    """setup.py's extension modules: none unless this is a compiled wheel's build."""
    if _interpreted_only or not compiling():
        return []
    from mypyc.build import mypycify

    return list(mypycify(compiled_modules(), opt_level="3", debug_level="0"))


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    global _interpreted_only
    _interpreted_only = True
    needs = list(_setuptools.get_requires_for_build_wheel(config_settings))
    return [*needs, *build_dependencies()] if compiling() else needs


def _interpreted(name: str) -> Any:
    """setuptools' hook `name`, run with setup.py's extension modules left empty."""

    def hook(*args: Any, **kwargs: Any) -> Any:
        global _interpreted_only
        _interpreted_only = True
        return getattr(_setuptools, name)(*args, **kwargs)

    hook.__name__ = hook.__qualname__ = name
    return hook


# Metadata needs no compiling (the wheel's build does it), an editable install must not.
prepare_metadata_for_build_wheel = _interpreted("prepare_metadata_for_build_wheel")
get_requires_for_build_editable = _interpreted("get_requires_for_build_editable")
prepare_metadata_for_build_editable = _interpreted("prepare_metadata_for_build_editable")
build_editable = _interpreted("build_editable")
