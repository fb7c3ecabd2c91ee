"""What people say in a meeting, in their own words: the conversation a trainee reads.

The log keeps what happened (facts revealed, the messages of record), and replay and digests
depend on it, so these words are not logged: they are content (a stakeholder's `replies`, a
source's `says` in the scenario, with the plain defaults below) put together when the meeting
is held and handed back with its `Outcome`. Changing a line of dialogue in a scenario changes
no game.

Each answer also says why, in terms a trainee can act on: "not their area" (someone else may
know), "not yet" (they know, and will say more once they trust you), "already told you".
The hint never names who knows, nor how much trust is needed: finding out is the game.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kamsim.scenario.base import RelationshipLevel, relationship_level
from kamsim.scenario.knowledge import Fact, Source
from kamsim.sim.state import Person

Kind = Literal["greeting", "told", "again", "vague", "nothing"]

GREETINGS = {
    RelationshipLevel.UNKNOWN: "So — what brings you here?",
    RelationshipLevel.TRANSACTIONAL: "What can I do for you today?",
    RelationshipLevel.TRUSTED: "Good to see you again. Sit down.",
    RelationshipLevel.PARTNER: "Come in, I was hoping we would talk this week.",
}
DEFAULTS = {  # a few ways of saying each, so three questions do not get one line three times
    "nothing": (
        "That is not really something I deal with, I'm afraid.",
        "Honestly, I couldn't tell you: it's not my side of things.",
        "You would have to ask someone else about that one.",
    ),
    "vague": (
        "I'd rather not go into that just now.",
        "Let's just say it's complicated.",
        "It's early days for that conversation, I think.",
    ),
    "again": ("As I told you before:",),
}
HINTS = {
    "nothing": "not their area: someone closer to it may know",
    "vague": "they know more than they say: they may tell you once they trust you more",
    "again": "you had heard this from them already: nothing new",
}


@dataclass(frozen=True)
class Reply:
    """One answer in a meeting: to a question (None for the greeting), what kind of answer,
    the fact it gave (if any), the words said and, for a dead end, why."""

    question: str | None
    kind: Kind
    text: str
    fact: str | None = None
    hint: str | None = None


def greeting(person: Person) -> Reply:
    """The first words, by the relationship as it stands (visible to the trainee anyway)."""
    own = person.spec.replies.greeting
    level = relationship_level(person.relationship)
    return Reply(None, "greeting", own or GREETINGS[level])


def _default(kind: str, question: str) -> str:
    """One of the default lines, fixed by the question (crc32: the same on every machine)."""
    lines = DEFAULTS[kind]
    return lines[zlib.crc32(question.encode()) % len(lines)]


def dead_end(
    person: Person, question: str, kind: Literal["nothing", "vague"], said: Sequence[Reply] = ()
) -> Reply:
    """Their own line for it, once a meeting; said again in the same meeting, a default one."""
    own = getattr(person.spec.replies, kind)
    if own and any(r.text == own for r in said):
        own = None
    return Reply(question, kind, own or _default(kind, question), hint=HINTS[kind])


def told(person: Person, question: str, fact: Fact, source: Source, true: bool, new: bool) -> Reply:
    """A fact told: in the source's own words for the version told, else that version's text.
    A fact this person had told before is said again, marked as nothing new. (Whether the
    version is the true one is never shown: a trainee finds out by checking other sources.)"""
    version = fact.text if true or fact.misleading is None else fact.misleading.text
    words = (source.says if true else source.says_stated) or version
    if new:
        return Reply(question, "told", words, fact.id)
    lead = person.spec.replies.again or _default("again", question)
    return Reply(question, "again", f"{lead} {words}", fact.id, HINTS["again"])
