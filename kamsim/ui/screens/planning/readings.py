"""What the planning board reads out of the view: facts to cite, criteria, why "agree" fails.

Pure functions of the view (no widgets), so the steps, autoplay and tests share one reading.
"""

from __future__ import annotations

from collections.abc import Iterable

from kamsim.sim.view import AccountView, FactView, View
from kamsim.ui.widgets.actions import blocked
from kamsim.ui.widgets.facts import score_word

SHOWN_FACTS = 12  # facts offered for citing in step 4 (the most reliably heard first)


def citable_facts(facts: Iterable[FactView], account: str) -> list[FactView]:
    """Each fact of the account once, in the telling from the most reliable source heard,
    most reliable first: a fact heard from three people is one fact to cite, not three."""
    best: dict[str, FactView] = {}
    for fact in facts:
        if fact.account == account and (
            fact.id not in best or fact.reliability > best[fact.id].reliability
        ):
            best[fact.id] = fact
    return sorted(best.values(), key=lambda f: (-f.reliability, f.week, f.id))


def criteria_readings(view: View, account: str) -> list[tuple[str, float, str | None]]:
    """(criterion name, weight, what the account's facts suggest in words, or None)."""
    facts = citable_facts(view.facts, account)
    out = []
    for c in view.attractiveness_criteria:
        scores = [s for f in facts if (s := (f.implies.get("criteria") or {}).get(c["id"]))]
        reading = None
        if scores:
            mean = sum(scores) / len(scores)
            reading = (
                f"{score_word(mean)} (from {len(scores)} fact{'s' if len(scores) > 1 else ''})"
            )
        out.append((c["name"], float(c["weight"]), reading))
    return out


def agree_obstacles(acc: AccountView, view: View, money: float) -> list[str]:
    """What the view already tells would make the customer refuse to hear the plan now."""
    plan = acc.plan
    found = []
    if blocked(acc):
        found.append(str(blocked(acc)))
    if plan is None:
        found.append("No plan is written yet: write the draft first, or it is refused.")
    elif plan.cooldown_until > view.week:
        found.append(f"After their no, they will not discuss a plan before week "
                     f"{plan.cooldown_until}: it would be refused.")  # fmt: skip
    if money > view.budget_left + 1e-9:
        found.append("The budget left does not cover the plan's new projects: it is refused.")
    return found
