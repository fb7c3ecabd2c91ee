"""The trainee's plan drafts, one per account, kept for the whole game.

The planning board edits the draft held here rather than one of its own, so a draft outlives
the screen (Esc, another screen, a window resize) and, saved in the UI sidecar beside the save,
a quit and a resume. No pygame: the controller owns the book and tests read it directly.
"""

from __future__ import annotations

from typing import Any

from kamsim.sim.view import PlanView
from kamsim.ui.plan_draft import PlanDraft

SIDECAR_KEY = "plan_drafts"  # where the drafts live in the UI sidecar's JSON


class DraftBook:
    """Account id → the draft on its planning board."""

    def __init__(self) -> None:
        self._drafts: dict[str, PlanDraft] = {}

    def draft(self, account: str, plan: PlanView | None) -> PlanDraft:
        """The account's draft; the first time, a copy of its written plan and its table."""
        found = self._drafts.get(account)
        if found is None:
            found = PlanDraft.from_plan(plan.plan if plan else None, plan.consulted if plan else ())
            self._drafts[account] = found
        return found

    def get(self, account: str) -> PlanDraft | None:
        return self._drafts.get(account)

    def __contains__(self, account: object) -> bool:
        return account in self._drafts

    def to_json(self) -> dict[str, Any]:
        return {account: d.to_json() for account, d in sorted(self._drafts.items())}

    @classmethod
    def from_json(cls, data: Any) -> DraftBook:
        """The drafts of a sidecar; anything that is not a draft is left out, never raised."""
        book = cls()
        if isinstance(data, dict):
            for account, value in data.items():
                draft = PlanDraft.from_json(value)
                if isinstance(account, str) and draft is not None:
                    book._drafts[account] = draft
        return book
