"""The build backend asks for mypy only for a compiled build, and compiles the right modules.

The compiled build itself (and that it plays the same games) is checked by .ci/compiled_check:
it takes two minutes of C compiling, too long for the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_backend"))
import kamsim_build  # noqa: E402


def test_the_simulation_the_bots_and_scoring_are_compiled_but_for_the_pydantic_models() -> None:
    modules = kamsim_build.compiled_modules()
    wanted = {"kamsim/sim/engine.py", "kamsim/sim/view.py", "kamsim/bots/expert.py",
              "kamsim/scoring/score.py", "kamsim/scoring/record.py"}  # fmt: skip
    assert wanted <= set(modules)
    assert not {"kamsim/sim/actions.py", "kamsim/sim/playbook.py"} & set(modules)
    assert not [m for m in modules if m.endswith("__init__.py")]
    prefixes = ("kamsim/sim/", "kamsim/bots/", "kamsim/scoring/", "kamsim/sums.py")
    assert all(m.startswith(prefixes) for m in modules)


def test_no_compiled_module_caches_with_cached_property() -> None:
    """mypyc compiles `functools.cached_property` as a plain property (python/mypy#21611,
    open): no error, only the value made again at every read. The view's look-up by id
    was, 250,000 times in 60 games, and the scoring record's tiers by week at every credit,
    which made compiled scoring two to four times slower than interpreted."""
    found = [
        f"{module}:{number}"
        for module in kamsim_build.compiled_modules()
        for number, line in enumerate((ROOT / module).read_text().splitlines(), 1)
        if "cached_property" in line
        and not line.lstrip().startswith(("#", '"'))
        and "`functools.cached_property`" not in line
    ]
    assert not found, f"cached_property in compiled modules: {found}"


def test_the_build_dependencies_follow_pyproject() -> None:
    needs = kamsim_build.build_dependencies()
    assert needs[0].startswith("mypy")
    names = [n.split(">")[0].split("=")[0] for n in needs[1:]]
    assert sorted(names) == sorted(kamsim_build.TYPED_BY)
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        declared = tomllib.load(f)["project"]["dependencies"]
    assert set(needs[1:]) <= set(declared)


class _Setuptools:
    """setuptools' hooks as the backend calls them (the real ones run setup.py)."""

    @staticmethod
    def get_requires_for_build_wheel(config_settings: object = None) -> list[str]:
        return ["wheel-needs"]

    @staticmethod
    def get_requires_for_build_editable(config_settings: object = None) -> list[str]:
        return ["editable-needs"]


@pytest.mark.parametrize("flag", ["", "0", "no", "1", "yes", "TRUE"])
def test_a_wheel_build_asks_for_mypy_only_when_compiling(
    flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMSIM_COMPILE", flag)
    monkeypatch.setattr(kamsim_build, "_setuptools", _Setuptools)
    monkeypatch.setattr(kamsim_build, "_interpreted_only", False)
    needs = kamsim_build.get_requires_for_build_wheel()
    compiling = flag.lower() in ("1", "yes", "true")
    assert needs == (["wheel-needs", *kamsim_build.build_dependencies()] if compiling
                     else ["wheel-needs"])  # fmt: skip
    assert kamsim_build.get_requires_for_build_editable() == ["editable-needs"]


def test_an_editable_install_never_compiles(monkeypatch: pytest.MonkeyPatch) -> None:
    """setuptools runs setup.py inside the hook: the extension modules it finds are empty."""

    class Setuptools:
        @staticmethod
        def build_editable(*args: object) -> str:
            return repr(kamsim_build.extension_modules())  # what setup.py would pass on

    monkeypatch.setenv("KAMSIM_COMPILE", "1")
    monkeypatch.setattr(kamsim_build, "_setuptools", Setuptools)
    monkeypatch.setattr(kamsim_build, "_interpreted_only", False)
    assert kamsim_build.build_editable("dist") == "[]"
