"""Adding numbers up in order, the same on every Python.

CPython 3.12 made the built-in `sum()` of floats compensated (Neumaier's algorithm): more
accurate, but different in the last bits from 3.11's plain left-to-right addition. A game is
a chain of such sums (influence, support, shares, the KPIs), and a last-bit difference there
tips a vote or a threshold weeks later: on 3.13 the same scenario, seed and actions played a
different game from 3.11 in 19 of 44 checked games and calibrations. Saves, digests and
scores must be the same on every machine, so the simulation, the bots and the scoring add up
with `ordered_sum`, which is 3.11's `sum()` on every version (tests/test_sums.py keeps the
built-in out of them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, overload


@overload
def ordered_sum(values: Iterable[int]) -> int: ...
@overload
def ordered_sum(values: Iterable[float]) -> float: ...
def ordered_sum(values: Iterable[Any]) -> Any:
    """The values added one after another from 0, as `sum(values)` did before Python 3.12
    (0 for none, an int for ints and booleans, a float once a float is added). A loop, not
    `functools.reduce(operator.add, values, 0)`: compiled, mypyc types that fold by its start,
    an int, and refuses the first float (CI's compiled check caught it); it was no cheaper."""
    total: Any = 0
    for value in values:
        total = total + value
    return total
