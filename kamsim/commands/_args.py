"""Argument types and groups that several commands share, so they read and fail alike."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum`, with a plain complaint."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more")
        return value

    return parse


seed = whole_number(0)


def add_save_source(p: argparse.ArgumentParser) -> None:
    """SAVE and --scenario: how commands that rebuild a saved game find it."""
    p.add_argument("save", metavar="SAVE", help="a save file written by run or play")
    p.add_argument("--scenario", metavar="SCENARIO",
                   help="scenario file or id (default: the id stored in the save)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON object")
