"""Tier changes that deserve a second look before they are made (pure: no pygame).

A tier costs no field day and is one key press away, so a slip of the finger could decline a
customer or crowd the key set unnoticed. Two changes are asked about, in words that say what
follows in the world: declining (routine service stops, which frees field days, and the
people there notice; taking the account back later does not undo that) and a key account
beyond the company's limit. Everything else happens at once, as before.
"""

from __future__ import annotations

from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.view import AccountView, View
from kamsim.ui.costs import days_words


def tier_question(view: View, acc: AccountView, tier: str, dynamics: Dynamics) -> str | None:
    """The question to ask before setting `tier` on `acc`, or None to set it straight away."""
    if tier == acc.tier:
        return None
    if tier == "decline":
        routine = days_words(dynamics.costs.routine_days_per_account)
        people = sum(1 for p in acc.people if p.present)
        return (
            f"Decline Key Account Management at {acc.name}? Its routine service stops, which "
            f"frees {routine} a week, and the {people} people you know there will notice. "
            "You can take it back later, but being dropped is not forgotten."
        )
    if tier == "key":
        keys = [a.name for a in view.accounts if a.tier == "key" and a.id != acc.id
                and a.merged_into is None]  # fmt: skip
        limit = view.max_key_accounts
        if len(keys) >= limit:
            return (
                f"Make {acc.name} a key account too? You already have {len(keys)} "
                f"({', '.join(keys)}), and the company backs {limit}: every key account "
                "shares your field days, the budget and the colleagues with the others."
            )
    return None
