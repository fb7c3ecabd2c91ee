"""Problem records shared by the scenario and playbook validators.

Trainers edit YAML files by hand; every complaint we make about a file has to
point at a line and column they can jump to in an editor, in the familiar
``FILE:LINE:COL: message`` shape that editors and CI logs already understand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["LoadError", "Problem", "dotted"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located at a 1-based line and column."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        """Render as ``FILE:LINE:COL: [warning: ]path: message`` (path omitted when empty)."""
        parts = [f"{self.file}:{self.line}:{self.col}:"]
        if self.severity == "warning":
            parts.append("warning:")
        if self.path:
            parts.append(f"{self.path}:")
        parts.append(self.message)
        return " ".join(parts)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order problems the way a reader scans a file: top to bottom, left to right."""
        return (self.file, self.line, self.col, self.path, self.message)


class LoadError(Exception):
    """A file could not be loaded; ``problems`` says every reason we found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def dotted(path: Sequence[str | int]) -> str:
    """``("accounts", 2, "name")`` -> ``accounts[2].name``: the form every message uses."""
    out = ""
    for segment in path:
        out += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if out else segment)
    return out
