"""A progress bar on stderr for the commands that can take minutes (import, rescore, export,
report cohort): replaying and scoring a cohort's games is seconds each, and a terminal that
stays silent for minutes looks hung.

The bar (tqdm) appears only on a terminal, only after `DELAY_SECONDS`, and never with
`--quiet`: pipes, CI logs and the tests see nothing, and stdout (what scripts read) is never
touched. It redraws with a carriage return alone (one bar at position 0, fixed width, no
cursor-movement codes), so it passes unchanged through kamsim.cli's stream proxy, which shows
other control characters as escapes.

To give another command a bar: `add_quiet_arg(parser)` when building its parser, then
`for item in track(items, "what", quiet=args.quiet): …` (or `with bar(total, "what",
quiet=…) as step: … step()` when the work is not one loop over a list).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

DELAY_SECONDS = 2.0  # quick commands stay silent: the bar shows once work has taken this long
WIDTH = 80  # every redraw as wide as the last, so a carriage return alone overwrites it
HEIGHT = 24  # tqdm hides bars below this row; ours is always on row 0


def add_quiet_arg(parser: argparse.ArgumentParser) -> None:
    """--quiet: no progress bar (it is never shown when stderr is not a terminal anyway)."""
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar on stderr")


def shown(quiet: bool = False, stream: TextIO | None = None) -> bool:
    """Whether a bar would be drawn: on a terminal and not --quiet."""
    out = sys.stderr if stream is None else stream
    if quiet or out is None:
        return False
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False


def _bar(total: int | None, what: str, unit: str, quiet: bool, stream: TextIO | None,
         delay: float) -> Any:  # fmt: skip
    from tqdm import tqdm  # imported when a command runs, so `kamsim --help` stays quick

    out = sys.stderr if stream is None else stream
    return tqdm(
        total=total,
        desc=what,
        unit=unit,
        file=out,
        disable=not shown(quiet, out),
        delay=delay,
        leave=False,  # the command's own summary line follows; the bar is erased with "\r"
        ncols=WIDTH,
        dynamic_ncols=False,
        position=0,  # never nested: a position above 0 would move the cursor with ANSI codes
        nrows=HEIGHT,  # not asked of the terminal: a size it cannot tell would hide the bar
        mininterval=0.5,
    )


def track(
    items: Iterable[T],
    what: str,
    *,
    quiet: bool = False,
    total: int | None = None,
    unit: str = "game",
    stream: TextIO | None = None,
    delay: float = DELAY_SECONDS,
) -> Iterator[T]:
    """Yield `items`, with a bar counting them (the total from len() when it has one)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with _bar(total, what, unit, quiet, stream, delay) as progress:
        for item in items:
            yield item
            progress.update(1)


@contextmanager
def bar(
    total: int | None,
    what: str,
    *,
    quiet: bool = False,
    unit: str = "step",
    stream: TextIO | None = None,
    delay: float = DELAY_SECONDS,
) -> Iterator[Callable[[], None]]:
    """A bar for work that is not one loop: call the function it gives after each step."""
    with _bar(total, what, unit, quiet, stream, delay) as progress:
        yield lambda: progress.update(1)


def echo(text: str, file: TextIO | None = None) -> None:
    """Print a line while a bar may be showing: the bar is erased first and redrawn after,
    so the line never lands in the middle of it (stdout unless `file` is given)."""
    from tqdm import tqdm

    out = sys.stdout if file is None else file
    with tqdm.external_write_mode(file=out):
        print(text, file=out)
