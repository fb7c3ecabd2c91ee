"""How discovered facts and their sources are worded for the trainee."""

from __future__ import annotations

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
