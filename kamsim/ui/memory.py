"""Giving freed memory back between weeks, so a long session stays flat.

Every week the screens are rebuilt and thousands of small surfaces are made and dropped; glibc
keeps the freed pages for reuse, so a year of autoplay used to grow the process by ~170 MiB it
never needed again. Between weeks (a moment nobody waits on) the collector runs and, where the
C library offers it, `malloc_trim` hands the free pages back to the system.

A full collection walks every tracked object, and most of them are the game's own for its whole
life (the scenario's models, the world's state, fonts): walking them took ~30 ms a week, the
longest pause in the game. `settle` moves what is alive once a game is under way into the
collector's permanent generation (`gc.freeze`), so the weekly collection walks only what was
made since: under 1 ms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def settle() -> None:
    """Collect, then exempt everything still alive from later collections (once per game:
    what a previous game left behind is collected first, then the new game is frozen)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def release() -> None:
    """Collect garbage and return free heap pages to the system (a no-op where unsupported)."""
    gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)
