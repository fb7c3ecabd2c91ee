"""Who is missing from the table before a plan is put to the customer.

Judged only from what the trainee can see: a person's visible standing (the same measure that
sizes them on the DMU network: seniority in the title, committee seats, outside roles, known
strong links) and whether the customer's last answer named them as holding the plan up. The
hidden influence is never used, so the question is the one a careful trainee would ask.
"""

from __future__ import annotations

from collections.abc import Collection

from kamsim.sim.view import AccountView, PersonView
from kamsim.ui.widgets.network import standing
from kamsim.ui.widgets.plans import holding_up

INFLUENTIAL_STANDING = 1  # any visible sign of weight (a senior title, a seat, a strong link)


def missing_at_table(acc: AccountView, consulted: Collection[str]) -> list[PersonView]:
    """Present people who look influential, or hold the plan up, and are not at the table."""
    holding = holding_up(acc.plan)
    return [
        p
        for p in acc.people
        if p.present
        and p.id not in consulted
        and (standing(p) >= INFLUENTIAL_STANDING or p.id in holding)
    ]


def agree_question(acc: AccountView, consulted: Collection[str]) -> str | None:
    """The sentence asking to confirm an agreement with people missing, or None when the
    table looks complete."""
    at_table = [p for p in acc.people if p.id in consulted and p.present]
    if not at_table:
        return (
            f"Nobody sits at the table: the plan would be put to {acc.name} with nobody "
            "present. Choose the people in step 3 first."
        )
    missing = missing_at_table(acc, consulted)
    if not missing:
        return None
    holding = holding_up(acc.plan)
    who = "; ".join(
        f"{p.name} ({p.role}{', holds the plan up' if p.id in holding else ''})" for p in missing
    )
    return (
        f"Not at the table: {who}. People left out of a plan that is imposed on them turn "
        "against it. Agree anyway?"
    )
