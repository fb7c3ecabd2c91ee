"""Sums are the same on every Python: the core adds up in order, never with built-in sum().

Python 3.12 made `sum()` of floats compensated. Before this, the same scenario, seed and
actions played a different game on 3.13 than on 3.11 in 19 of 44 checked games and
calibrations; with `ordered_sum` all 44 are identical (checked by hand with both
interpreters: CI has only one).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from kamsim.sums import ordered_sum

ROOT = Path(__file__).resolve().parents[1]
# What decides a game, its score and the calibration and audit verdicts.
CORE = ("scenario", "sim", "bots", "scoring", "calibrate", "audit", "sweep")


def test_values_are_added_in_order() -> None:
    values = [1e16, 1.0, -1e16]  # 1e16 + 1.0 rounds back to 1e16 when added in order
    assert ordered_sum(values) == 0.0
    if sys.version_info >= (3, 12):
        assert sum(values) == 1.0  # the compensated built-in: the difference this avoids


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], 0),
        ([True, False, True], 2),
        ([1, 2], 3),
        ([1, 2.5], 3.5),
        ((x / 10 for x in range(4)), 0.6000000000000001),
    ],
)
def test_it_is_the_old_sum(values: object, expected: float) -> None:
    got = ordered_sum(values)  # type: ignore[call-overload]
    assert got == expected and type(got) is type(expected)


def test_the_core_never_calls_the_builtin_sum() -> None:
    found = []
    for package in CORE:
        for path in sorted((ROOT / "kamsim" / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                if call and node.func.id == "sum":  # type: ignore[attr-defined]
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"use kamsim.sums.ordered_sum: {found}"
