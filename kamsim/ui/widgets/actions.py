"""How the analysis actions are offered on a button: what they do, what they take, and what
they would still find, before the trainee clicks.

Shared by the account view and the planning board's first step, so both say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamsim.sim.view import AccountView, View
from kamsim.ui.costs import ActionCosts, days_short, takes
from kamsim.ui.screens.base import set_selected, set_text, set_tip

if TYPE_CHECKING:
    from pygame_gui.elements import UIButton

DONE_LABELS = {  # kind → its label once doing it again would find nothing new
    "desk_research": "Researched ✓",
    "map_pathway": "Pathway mapped ✓",
    "map_dmu": "DMU mapped ✓",
}
ANALYSIS = {  # kind → (label, what it does)
    "desk_research": (
        "Desk research",
        "Read reports, websites and data on the account: finds published facts.",
    ),
    "map_pathway": (
        "Map pathway",
        "Map the patient pathway: shows its stages; blockages appear as facts point at them.",
    ),
    "map_dmu": (
        "Map DMU",
        "Map the decision-making unit: finds hidden members and their links.",
    ),
    "review_kpis": (
        "Review KPIs",
        "Review this account's KPIs: the monitoring step of the plan; shows projects running late.",
    ),
}


def blocked(acc: AccountView) -> str | None:
    """Why nothing can be done at the account now, as the view tells it (else None)."""
    if acc.merged_into is not None:
        return "This account has merged into another: it would be refused."
    if acc.tier == "decline":
        return "You declined KAM with this account: set another tier first, or it is refused."
    return None


def already(kind: str, acc: AccountView, done: set[str]) -> str | None:
    """Why doing it (again) would bring nothing new, as far as the trainee can tell."""
    if kind == "desk_research" and kind in done:
        return "Done here already: desk research again finds nothing new."
    if kind == "map_pathway" and acc.pathway_mapped:
        return "The pathway is mapped already: mapping it again shows nothing new."
    if kind == "map_dmu" and acc.dmu_mapped:
        return "The DMU is mapped already: mapping again only finds people who joined since."
    return None


def analysis_label(kind: str, acc: AccountView, done: set[str], costs: ActionCosts) -> str:
    """'Desk research · 0.5 d', or 'Researched ✓ · 0.5 d' once it would find nothing new."""
    label = DONE_LABELS[kind] if already(kind, acc, done) else ANALYSIS[kind][0]
    return f"{label} · {days_short(costs.kind_days(kind))}"


def analysis_tip(
    kind: str, acc: AccountView, done: set[str], view: View, costs: ActionCosts
) -> str:
    """What it does, whether it would still find anything, and what it takes."""
    what = ANALYSIS[kind][1]
    note = blocked(acc) or already(kind, acc, done)
    return " ".join(filter(None, (what, note, takes(costs.kind_days(kind), view))))


def monthly_toggle(acc: AccountView) -> dict[str, object]:
    """The action behind the monthly review's button (and R): the routine the other way."""
    return {"kind": "review_monthly", "account": acc.id, "on": not acc.reviews_monthly}


def word_monthly(button: UIButton, acc: AccountView, view: View, costs: ActionCosts) -> None:
    """The monthly review's button, on the account view or the board: state, cost, tooltip."""
    set_text(button, monthly_label(acc, costs))
    set_tip(button, monthly_tip(acc, view, costs))
    set_selected(button, acc.reviews_monthly)


def monthly_label(acc: AccountView, costs: ActionCosts) -> str:
    """'Monthly KPI review: off · 0.25 d a month', or on with the week of the last review."""
    if not acc.reviews_monthly:
        return (
            f"Monthly KPI review: off · {days_short(costs.kind_days('review_kpis'))} a month  [R]"
        )
    last = f"last in week {acc.last_review}" if acc.last_review else "none yet"
    return f"Monthly KPI review: on ✓ · {last}  [R]"


def monthly_tip(acc: AccountView, view: View, costs: ActionCosts) -> str:
    """What the standing review does, what it takes each month, and what it has done."""
    days = costs.kind_days("review_kpis")
    what = (
        "A standing routine: this account's KPIs are reviewed as each month's figures come "
        f"out, {days:g} field days each time, as a review by hand would take, from the days "
        "you left that week (first thing the next week, when none were left). It shows "
        "projects running late."
    )
    last = (f"Last reviewed in week {acc.last_review}." if acc.last_review
            else "Not reviewed yet.")  # fmt: skip
    turn = ("Click to stop it (it takes no field days to change)." if acc.reviews_monthly
            else "Click to start it (it takes no field days to change).")  # fmt: skip
    return " ".join(filter(None, (what, last, blocked(acc), turn)))
