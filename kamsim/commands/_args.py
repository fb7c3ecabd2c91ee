"""Argument types and groups that several commands share, so they read and fail alike."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

MAX_SEED = 2**63 - 1  # seeds are stored as SQLite integers and fed to numpy's generators
MAX_RUNS = 10_000  # seeds per calibration or audit on one machine (a sweep past it: Dask)


def whole_number(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number in [minimum, maximum], with a plain complaint."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum:,}")
        return value

    return parse


seed = whole_number(0, MAX_SEED)
runs = whole_number(1, MAX_RUNS)


def cpus() -> int:
    return os.cpu_count() or 1


def workers(text: str) -> int:
    """--workers: at least 1; more processes than this machine's CPUs only slow it down, so
    the number is capped there (the output does not depend on it)."""
    return min(whole_number(1)(text), cpus())


def add_save_source(p: argparse.ArgumentParser) -> None:
    """SAVE and --scenario: how commands that rebuild a saved game find it."""
    p.add_argument("save", metavar="SAVE", help="a save file written by run or play")
    p.add_argument("--scenario", metavar="SCENARIO",
                   help="scenario file or id (default: the id stored in the save)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON object")
