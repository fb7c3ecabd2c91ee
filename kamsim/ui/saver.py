"""Autosaves written off the frame: fsync can take tens of milliseconds, a frame cannot.

The snapshot (the save's text) is taken on the main thread, so it is exactly the game as it
stood; only the atomic write runs on a worker. A newer snapshot replaces one still waiting, so
the files on disk are at most one write behind, and `flush` waits for them before quitting.

A failed write (a full or read-only disk) is never silent: `failure` says why until a later
write succeeds, and the snapshot that failed is kept so `retry` can try it again. The game
shows the failure at once, keeps trying, and asks before quitting with the week unsaved.
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
        self._unwritten: list[tuple[Path, str]] | None = None  # the snapshot that failed
        self._idle = threading.Event()
        self._idle.set()
        self.failure: str | None = None  # why the newest snapshot is not on disk
        self.failures = 0  # how many writes have failed so far (the UI notes each new one)

    def write(self, files: list[tuple[Path, str]]) -> None:
        """Queue these files' contents; returns at once."""
        with self._lock:
            self._pending = files
            if not self._idle.is_set():
                return  # the running worker picks the newest snapshot up
            self._idle.clear()
        threading.Thread(target=self._run, name="kamsim-autosave").start()

    def retry(self) -> None:
        """Try the snapshot that failed again (nothing if the last write succeeded)."""
        with self._lock:
            files = self._unwritten
        if files is not None and self._idle.is_set():
            self.write(files)

    def flush(self) -> None:
        """Wait until everything queued is on disk (or has failed: see `failure`)."""
        self._idle.wait()

    @property
    def saved(self) -> bool:
        """The newest snapshot is on disk."""
        return self._idle.is_set() and self.failure is None

    def _run(self) -> None:
        while True:
            with self._lock:
                files, self._pending = self._pending, None
                if files is None:
                    self._idle.set()
                    return
            path = None
            try:
                for path, text in files:
                    atomic_write_text(path, text)
            except OSError as err:
                reason = err.strerror or type(err).__name__
                with self._lock:
                    self._unwritten = files
                    self.failure = f"{reason} (writing {path})"  # the file, not its temp twin
                    self.failures += 1
            else:
                with self._lock:
                    if self._pending is None:
                        self._unwritten = None
                    self.failure = None
