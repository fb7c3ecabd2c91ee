"""Autosaves written off the frame: fsync can take tens of milliseconds, a frame cannot.

The snapshot (the save's text) is taken on the main thread, so it is exactly the game as it
stood; only the atomic write runs on a worker. A newer snapshot replaces one still waiting, so
the files on disk are at most one write behind, and `flush` waits for them before quitting.
"""

from __future__ import annotations

import threading
from pathlib import Path

from kamsim.atomic import atomic_write_text


class BackgroundWriter:
    """One worker at a time writes the latest snapshot of some files, atomically."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[tuple[Path, str]] | None = None
        self._idle = threading.Event()
        self._idle.set()
        self.error: str | None = None

    def write(self, files: list[tuple[Path, str]]) -> None:
        """Queue these files' contents; returns at once."""
        with self._lock:
            self._pending = files
            if not self._idle.is_set():
                return  # the running worker picks the newest snapshot up
            self._idle.clear()
        threading.Thread(target=self._run, name="kamsim-autosave").start()

    def flush(self) -> None:
        """Wait until everything queued is on disk."""
        self._idle.wait()

    def _run(self) -> None:
        while True:
            with self._lock:
                files, self._pending = self._pending, None
                if files is None:
                    self._idle.set()
                    return
            try:
                for path, text in files:
                    atomic_write_text(path, text)
            except OSError as err:
                self.error = f"autosave failed: {err.strerror} ({err.filename})"
