"""The wheel carries everything kamsim reads at run time: every sub-package, the bundled
scenarios, the theme and fonts with their licence, and the licence of kamsim itself.

(`.ci/wheel_check` builds the wheel and plays from it outside the checkout; these tests catch
the usual slip, a new folder or file the packaging does not list, in a second.)
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _folder_of(package: str) -> Path:
    mapped = SETUPTOOLS.get("package-dir", {})
    if package in mapped:
        return ROOT / mapped[package]
    return ROOT.joinpath(*package.split("."))


def test_every_python_package_is_listed() -> None:
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kamsim").rglob("__init__.py")
    }
    listed = set(SETUPTOOLS["packages"])
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    for package in listed:
        assert (_folder_of(package) / "__init__.py").is_file(), package


def test_every_data_file_is_matched_by_a_package_data_glob() -> None:
    data = SETUPTOOLS["package-data"]
    for package in ("kamsim._scenarios", "kamsim._assets"):
        folder = _folder_of(package)
        files = [
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc")
        ]
        assert files, package
        missed = [f for f in files if not any(fnmatch.fnmatch(f, g) for g in data[package])]
        assert not missed, f"{package}: not in package-data: {missed}"


def test_the_licences_are_declared_and_shipped() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"  # PEP 639: an SPDX expression, not a table
    assert "Copyright (c) the kamsim authors" in (ROOT / "LICENSE").read_text()
    for name in project["license-files"]:
        assert (ROOT / name).is_file(), name
    assert "assets/fonts/LICENSE-DejaVu.txt" in project["license-files"]


def test_the_installed_package_finds_its_files() -> None:
    from kamsim.bundle import assets_dir, scenarios_dir

    assert (assets_dir() / "theme.json").is_file()
    assert (assets_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert sorted(p.name for p in scenarios_dir().glob("*.yaml")) == [
        "advanced.yaml",
        "standard.yaml",
        "tutorial.yaml",
    ]
