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


def hints(fact: FactView) -> list[str]:
    """What the fact, as heard, suggests: SWOT side, segment, needs, blockage."""
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
    return out
