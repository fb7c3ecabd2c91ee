"""How discovered facts and their sources are worded for the trainee.

The view lists every hearing: a fact told by two people is two hearings. The trainee knows one
fact from two sources, so lists and counts go through `heard_facts` (one entry per fact, with
all its sources), and a fact is "new" only the first time it is heard (`split_new`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from kamsim.sim.view import FactView, View

METHODS = {
    "desk_research": "Desk research",
    "pathway_mapping": "Pathway mapping",
    "dmu_mapping": "DMU mapping",
}


def source_label(fact: FactView, view: View) -> str:
    """'Meeting with Beatriz Amaral (asked: How is the unit coping…)' rather than raw ids."""
    if not fact.source.startswith("meeting:"):
        return METHODS.get(fact.source, fact.source.replace("_", " ").capitalize())
    _, person_id, question = [*fact.source.split(":"), "", ""][:3]
    acc = next((a for a in view.accounts if a.id == fact.account), None)
    person = next((p for p in acc.people if p.id == person_id), None) if acc else None
    who = f"{person.name}, {person.role}" if person else person_id
    asked = next((q["text"] for q in view.questions if q["id"] == question), question)
    return f"Meeting with {who} — asked: {asked}"


def reliability_label(value: float) -> str:
    """Dots and a word: the source's reliability is a hint, not a verdict."""
    dots = round(value * 4)
    word = "high" if value >= 0.85 else "medium" if value >= 0.6 else "low"
    return f"source reliability {word} {'●' * dots}{'○' * (4 - dots)} ({value:.0%})"


SCORE_WORDS = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


def score_word(score: float) -> str:
    """A 1–5 criterion score in words (1 very low … 5 very high)."""
    return SCORE_WORDS[min(5, max(1, round(score)))]


def criterion_names(view: View) -> dict[str, str]:
    return {c["id"]: c["name"] for c in view.attractiveness_criteria}


def hints(fact: FactView, view: View) -> list[str]:
    """What the fact, as heard, suggests: SWOT side, segment, needs, blockage, and how the
    account scores on the attractiveness criteria (by the criterion's name, in words)."""
    implies = fact.implies
    out = []
    if implies.get("swot"):
        out.append(f"SWOT: {implies['swot']}")
    if implies.get("segment"):
        out.append(f"segment: {implies['segment'].replace('_', ' ')}")
    if implies.get("needs"):
        out.append("needs: " + ", ".join(n.replace("_", " ") for n in implies["needs"]))
    if implies.get("blockage"):
        out.append("pathway blockage")
    criteria = implies.get("criteria") or {}
    if criteria:
        names = criterion_names(view)
        out += [
            f"suggests: {names.get(c, c.replace('_', ' '))} — {score_word(score)}"
            for c, score in criteria.items()
        ]
    return out


@dataclass(frozen=True)
class HeardFact:
    """One fact as the trainee knows it: every hearing of it, in the order heard."""

    hearings: tuple[FactView, ...]

    @property
    def id(self) -> str:
        return self.hearings[0].id

    @property
    def best(self) -> FactView:
        """The telling from the most reliable source (the first heard among equals)."""
        return max(self.hearings, key=lambda f: f.reliability)

    @property
    def told_differently(self) -> bool:
        """Sources told different versions: one of them is misleading."""
        return len({f.text for f in self.hearings}) > 1


def heard_facts(facts: Iterable[FactView], account: str | None = None) -> list[HeardFact]:
    """Each fact once (of one account, or all), in the order first heard, with its sources."""
    grouped: dict[str, list[FactView]] = {}
    for fact in facts:
        if account is None or fact.account == account:
            grouped.setdefault(fact.id, []).append(fact)
    return [HeardFact(tuple(hearings)) for hearings in grouped.values()]


def fact_count(facts: Iterable[FactView], account: str) -> int:
    """How many facts are known of the account (a fact heard twice counts once)."""
    return len({f.id for f in facts if f.account == account})


def sources_lines(heard: HeardFact, view: View) -> list[str]:
    """'week 1 · Desk research', then 'also week 3 · Meeting with …' for each other source."""
    return [
        f"{'also ' if i else ''}week {f.week} · {source_label(f, view)}"
        for i, f in enumerate(heard.hearings)
    ]


def split_new(
    revealed: Iterable[str], known_before: Collection[str]
) -> tuple[list[str], list[str]]:
    """(facts heard for the first time, facts heard again from another source), each once."""
    new: list[str] = []
    again: list[str] = []
    for fid in dict.fromkeys(revealed):
        (again if fid in known_before else new).append(fid)
    return new, again
