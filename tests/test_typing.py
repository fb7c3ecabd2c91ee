"""The headless core type-checks (mypy, configured in pyproject.toml).

An annotation that lies misleads every reader, and a compiler most of all: mypyc turns each
annotated value into a run-time check. Compiling the simulation and the bots with it (a
scratch experiment for issue 15) played the same games in 0.70x the instructions, but only
after their annotations had been made true. This keeps them true.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ("kamsim/scenario", "kamsim/sim", "kamsim/bots", "kamsim/scoring")


def test_the_headless_core_type_checks(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extras")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), *CORE],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
