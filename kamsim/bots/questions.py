"""Choosing what to ask whom: the questions that speak to what is still unknown.

Which question a person answers is hidden; a trainee reads the question texts, asks about the
criteria and needs no fact has settled yet, re-asks when the relationship has grown (people
open up with trust), and checks doubtful facts by asking someone else the same question.
"""

from __future__ import annotations

from functools import lru_cache

from kamsim.bots.evidence import AccountEvidence
from kamsim.sim.topics import topic_groups
from kamsim.sim.view import AccountView, PersonView, View
from kamsim.sums import ordered_sum

PER_MEETING = 3
LEVELS = ("unknown", "transactional", "trusted", "partner")
RANK = {level: i for i, level in enumerate(LEVELS)}  # LEVELS.index, looked up thousands of times
TOPIC_WORDS = {
    "partnership": ("joint", "partner", "compan", "industry"),
    "alignment": ("priorit", "strategy", "years", "want"),
    "innovation": ("strategy", "data", "system", "outcome"),
    "implementation": ("system", "data", "staff", "skill", "capacity", "coping"),
    "value": ("outcome", "admission", "budget", "compare"),
    "needs": ("wait", "capacity", "pathway", "stuck", "budget", "biosimilar", "complain",
              "admission", "priorit"),
    "decision": ("decide", "decision", "final say", "committee"),
    "blockage": ("wait", "stuck", "capacity", "coping"),
}  # fmt: skip


@lru_cache(maxsize=1024)
def topics(text: str) -> frozenset[str]:
    """The topics a question's text touches, by keyword."""
    low = text.lower()
    return frozenset(t for t, words in TOPIC_WORDS.items() if any(w in low for w in words))


def _source(fact_source: str) -> tuple[str, str] | None:
    parts = fact_source.split(":")
    return (parts[1], parts[2]) if len(parts) == 3 and parts[0] == "meeting" else None


def told_by(fact_source: str) -> bool:
    """Whether a fact was told by someone in a meeting (what `Heard` reads)."""
    return _source(fact_source) is not None


def _fresh(question: str, asked: dict[str, str], level: str, told: set[str]) -> bool:
    """Not asked yet, or asked when trust was lower and nothing came of it."""
    if question in told:
        return False
    before = asked.get(question)
    return before is None or RANK[level] > RANK[before]


def _score(
    qid: str, text: str, acc: AccountView, ev: AccountEvidence, check: set[str], useful: set[str]
) -> float:
    score = 0.1 + 3.0 * (qid in check) + 0.5 * (qid in useful)
    for topic in topics(text):
        if topic == "needs":
            score += 1.0 if len(ev.needs) < 3 else 0.5
        elif topic == "blockage":
            score += 0.0 if any(f.implies.get("blockage") for f in ev.facts) else 1.0
        elif topic == "decision":
            score += 0.0 if acc.dmu_mapped else 0.5
        else:
            score += topic not in ev.criteria
    return score


class Heard:
    """Who has told us what, read once per view (every candidate meeting asks it)."""

    def __init__(self, view: View) -> None:
        self.useful: set[str] = set()  # questions that have revealed something from someone
        self.told: dict[str, set[str]] = {}  # person → questions they answered usefully
        for fact in view.facts:
            src = _source(fact.source)
            if src is not None:
                self.useful.add(src[1])
                self.told.setdefault(src[0], set()).add(src[1])


def pick_questions(
    view: View,
    acc: AccountView,
    person: PersonView,
    ev: AccountEvidence,
    asked: dict[str, str],
    heard: Heard | None = None,
) -> tuple[str, ...]:
    """Up to three questions for this person, most informative first (empty when exhausted)."""
    heard = heard or Heard(view)
    told, useful = heard.told.get(person.id, set()), heard.useful
    check = set()
    for fact in ev.doubtful:
        src = _source(fact.source)
        if src is not None and src[0] != person.id:
            check.add(src[1])
    scores = {
        q["id"]: _score(q["id"], q["text"], acc, ev, check, useful)
        for q in view.questions
        if _fresh(q["id"], asked, person.relationship, told)
    }
    groups = topic_groups(view.questions)
    if groups is None:
        return tuple(q for _, q in sorted((-v, q) for q, v in scores.items())[:PER_MEETING])
    # A topic is asked whole (one click on the meeting screen): worth what its fresh
    # questions are worth; the ones already answered ride along at no cost.
    best = min(
        ((-ordered_sum(scores.get(q, 0.0) for q in qs), i) for i, qs in enumerate(groups)),
        default=(0.0, -1),
    )
    return groups[best[1]] if best[0] < 0 else ()
