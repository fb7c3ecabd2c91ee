"""Argument types and groups that several commands share, so they read and fail alike."""

from __future__ import annotations

import argparse
import os
import re
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


def scheduler(text: str) -> str:
    """--scheduler: 'local', or a Dask scheduler's address (tcp://HOST:PORT, or HOST:PORT)."""
    text = text.strip()
    if text == "local" or re.fullmatch(r"(tcp|tls|inproc|ucx)://\S+|[\w.-]+:\d{1,5}", text):
        return text
    raise argparse.ArgumentTypeError(
        f"expected 'local' or a Dask scheduler address such as tcp://10.0.0.5:8786, not {text!r}"
    )


def add_scheduler(p: argparse.ArgumentParser) -> None:
    """--scheduler for the commands that play many games (calibrate, audit, sweep)."""
    p.add_argument(
        "--scheduler",
        type=scheduler,
        metavar="ADDRESS",
        help="play the games on a Dask cluster: a scheduler's address (tcp://HOST:8786), or "
        "'local' for a cluster of --workers processes here; the output is the same. Needs "
        "pip install 'kamsim[dask]'",
    )


def add_save_source(p: argparse.ArgumentParser) -> None:
    """SAVE and --scenario: how commands that rebuild a saved game find it."""
    p.add_argument("save", metavar="SAVE", help="a save file written by run or play")
    p.add_argument("--scenario", metavar="SCENARIO",
                   help="scenario file or id (default: the id stored in the save)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON object")


def add_force(p: argparse.ArgumentParser, *outputs: str) -> None:
    """--force, and which of the command's options name files it writes: a command refuses
    to replace an existing file unless told to (see `check_outputs`)."""
    p.add_argument("--force", action="store_true", help="overwrite output files that exist")
    p.set_defaults(output_options=outputs)


def check_outputs(args: argparse.Namespace) -> None:
    """Before any work: each output file can be written and replaces nothing by accident.

    Checked up front so an hour of calibration or a long import is not lost at its last step
    to a typo in a path, and so a trainee's save or a facilitator's report is never silently
    overwritten.
    """
    from pathlib import Path

    from kamsim.errors import UserError

    for option in getattr(args, "output_options", ()):
        value = getattr(args, option, None)
        if not value:
            continue
        path = Path(value)
        flag = f"--{option}"
        if path.is_dir():
            raise UserError(f"{flag} {path} is a folder; name a file, e.g. {path / 'out'}")
        if not path.parent.is_dir():
            raise UserError(f"cannot write {flag} {path}: the folder {path.parent} does not exist")
        if path.exists() and not getattr(args, "force", False):
            raise UserError(f"{flag} {path} already exists; choose another name or add --force")
