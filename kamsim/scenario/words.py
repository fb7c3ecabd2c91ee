"""How values are named in messages to trainers: plain words, never Python reprs."""

from __future__ import annotations

from typing import Any


def number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def python_words(value: Any) -> str:
    """How a trainer would name a parsed value: true, the number 3, text 'abc', a list …"""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, int | float):
        return f"the number {number(value) if isinstance(value, float) else value}"
    if isinstance(value, str):
        return f"text '{clip(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the {type(value).__name__} {value}"


def short(value: Any) -> str:
    """Compact form for ``(got …)``: 'abc' for text, plain numbers, true/false."""
    if isinstance(value, str):
        return f"'{clip(value)}'"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return python_words(value)


def clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
