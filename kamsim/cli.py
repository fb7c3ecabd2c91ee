"""The `kamsim` command: one entry point for trainees, trainers and assessors.

Each sub-command lives in `kamsim.commands`; this module only builds the parser and turns
failures into plain messages and exit codes, never tracebacks (set KAMSIM_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from kamsim import __version__
from kamsim.commands import registrars
from kamsim.commands._args import check_outputs
from kamsim.errors import UserError

EXIT_INTERNAL = 70
EXIT_FILES = 74  # a file or folder could not be read or written (sysexits' EX_IOERR)


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
    _tolerant_terminal()
    args = build_parser().parse_args(argv)
    try:
        check_outputs(args)
        return int(args.handler(args))
    except UserError as err:
        print(f"kamsim: {err}", file=sys.stderr)
        return err.exit_code
    except RecursionError:
        print("kamsim: an input file is nested too deeply to read (a JSON or YAML file with "
              "thousands of levels is not one kamsim wrote)", file=sys.stderr)  # fmt: skip
        return 1
    except KeyboardInterrupt:
        print("kamsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as err:  # a disk, folder or permission problem the user can fix
        print(f"kamsim: {file_problem(err)}", file=sys.stderr)
        return EXIT_FILES
    except Exception as err:  # the last line of defence: a message, not a traceback
        if os.environ.get("KAMSIM_DEBUG"):
            traceback.print_exc()
        print(
            f"kamsim: internal error: {type(err).__name__}: {err} "
            "(set KAMSIM_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def file_problem(err: OSError) -> str:
    """An OSError in words that say what to do about it."""
    where = f"'{err.filename}'" if err.filename else "a file"
    if isinstance(err, IsADirectoryError):
        return f"{where} is a folder: name a file inside it"
    if isinstance(err, NotADirectoryError):
        return f"a part of the path {where} is a file, not a folder"
    if isinstance(err, FileNotFoundError):
        return f"{where} does not exist (check the path and that its folder exists)"
    if isinstance(err, PermissionError):
        return f"no permission to use {where} (choose a folder you can write to)"
    if err.errno == 28:  # ENOSPC
        return f"the disk is full: {where} could not be written"
    return f"cannot use {where}: {err.strerror or err}"


# C0 and C1 control characters but tab, newline and carriage return (progress lines): in a
# name they could move the cursor, recolour or retitle the facilitator's terminal. Shown as
# visible escapes instead.
_CONTROLS = {
    c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (9, 10, 13)
}


class _VisibleControls:
    """A text stream that writes control characters as escapes (JSON output is unchanged:
    json.dumps never emits a raw control character)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_CONTROLS))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _tolerant_terminal() -> None:
    """Print any name safely: characters the terminal's encoding cannot show become escapes
    instead of a UnicodeEncodeError half-way through a report ("Zoë" on an ASCII terminal),
    and control characters (a participant named with escape codes) are shown, not obeyed."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, _VisibleControls):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
        setattr(sys, name, _VisibleControls(stream))


if __name__ == "__main__":
    sys.exit(main())
