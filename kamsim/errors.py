"""Errors that reach the user as a message and an exit code, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix: a missing file, a bad argument, a corrupt save."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
