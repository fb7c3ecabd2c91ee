"""The `kamsim` command: one entry point for trainees, trainers and assessors.

Each sub-command lives in `kamsim.commands`; this module only builds the parser and turns
failures into plain messages and exit codes, never tracebacks (set KAMSIM_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from kamsim import __version__
from kamsim.commands import registrars
from kamsim.errors import UserError

EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kamsim",
        description="A serious game for pharmaceutical Key Account Management.",
    )
    parser.add_argument("--version", action="version", version=f"kamsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in registrars():
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except UserError as err:
        print(f"kamsim: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kamsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # the last line of defence: a message, not a traceback
        if os.environ.get("KAMSIM_DEBUG"):
            traceback.print_exc()
        print(
            f"kamsim: internal error: {type(err).__name__}: {err} "
            "(set KAMSIM_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
