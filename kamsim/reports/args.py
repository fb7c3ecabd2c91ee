"""The recording options of `run` and `play`, importable without the results store."""

from __future__ import annotations

import argparse
from typing import Any


def add_recording_args(parser: argparse.ArgumentParser) -> None:
    """`--participant NAME --cohort ID [--db FILE]`: record the finished game in the store."""
    group = parser.add_argument_group("recording results")
    group.add_argument("--participant", metavar="NAME", help="record the game for this trainee")
    group.add_argument("--cohort", metavar="ID", help="the workshop cohort to record it in")
    add_db_arg(group)


def add_db_arg(parser: Any) -> None:
    parser.add_argument(
        "--db", metavar="FILE", help="results database (default: the user's kamsim data folder)"
    )
