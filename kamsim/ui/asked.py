"""What the trainee already asked each person, and how it went, read back from the game's log.

Preparing a discovery meeting, a trainee needs to know which questions they already put to
this person: "nothing to add" means someone else holds the answer, "stayed vague" means ask
again once trust has grown, an answer means asking again repeats it unless trust has grown.
Without it the meeting screen let a trainee ask the same dead end three times with no hint.
The game's own record says all of it (a meeting's messages name each dead end in fixed words),
so nothing new is logged and the digests of recorded games stay as they are. Pure data, no
pygame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

Answer = Literal["answered", "nothing", "vague"]

# The log's words for a dead end (kamsim/sim/handlers.py `_disclose`), after the person's name.
NOTHING = "has nothing to add on '{question}'."
VAGUE = "stays vague on '{question}'."


@dataclass(frozen=True)
class Asked:
    """The last time a question was put to a person: the week, and what came of it."""

    week: int
    answer: Answer


def _answer(question: str, messages: Sequence[Any]) -> Answer:
    nothing, vague = NOTHING.format(question=question), VAGUE.format(question=question)
    for message in messages:
        text = str(message)
        if text.endswith(nothing):
            return "nothing"
        if text.endswith(vague):
            return "vague"
    return "answered"


class AskedIndex:
    """(account, person) → {question: the last time it was asked}, kept up with the log.

    Each call reads only the entries added since the last one: a year's log holds thousands.
    """

    def __init__(self) -> None:
        self._read = 0
        self._asked: dict[tuple[str, str], dict[str, Asked]] = {}

    def of(self, log: Sequence[Any], account: str, person: str) -> dict[str, Asked]:
        for entry in log[self._read :]:
            action = entry.data.get("action") if entry.kind == "action" else None
            if not isinstance(action, dict) or action.get("kind") != "meet":
                continue
            who = (str(action.get("account")), str(action.get("stakeholder")))
            messages = entry.data.get("messages") or ()
            for question in action.get("questions") or ():
                self._asked.setdefault(who, {})[question] = Asked(
                    entry.week, _answer(question, messages)
                )
        self._read = len(log)
        return dict(self._asked.get((account, person), {}))


MARKS: dict[Answer, str] = {"answered": "✓", "nothing": "–", "vague": "?"}
LEGEND = "Asked before: ✓ answered · – nothing to add · ? stayed vague"


def mark(asked: Asked | None) -> str:
    """The sign in front of a question already asked of this person ('' if never asked)."""
    return f"{MARKS[asked.answer]} " if asked is not None else ""


def tip(asked: Asked, person: str, relationship: str) -> str:
    """What the trainee can act on: ask someone else, ask again later, or not again yet."""
    when = f"You asked {person} this in week {asked.week}"
    if asked.answer == "nothing":
        return f"{when}: nothing to add. Someone closer to it may know."
    if asked.answer == "vague":
        return (
            f"{when}: they stayed vague. Ask again once the relationship has grown "
            f"(now {relationship})."
        )
    return (
        f"{when} and they answered. Asked again they repeat it, unless the relationship has "
        f"grown since (now {relationship}): people say more to those they trust."
    )
