"""Step 3, the DMU: who sits at the table when the plan is put to the customer."""

from __future__ import annotations

from kamsim.sim.view import AccountView
from kamsim.ui import theme
from kamsim.ui.screens.planning.step import GAP, Step
from kamsim.ui.widgets.plans import holding_up, person_label, person_tags

SEAT_ALL_H = 30


def present_ids(acc: AccountView) -> list[str]:
    """The people present at the account, in the DMU's order: "everyone" at the table."""
    return [p.id for p in acc.people if p.present]


def everyone_seated(acc: AccountView, consulted: list[str]) -> bool:
    here = present_ids(acc)
    return bool(here) and consulted == here


class DmuStep(Step):
    number = 3
    title = "DMU"
    tip = "Who decides? Choose who sits at the table when you agree the plan."

    def build(self) -> None:
        acc = self.account
        holding = holding_up(acc.plan)
        here = present_ids(acc)
        self.button(
            "seat_everyone",
            (0, self.top, min(self.width, 340), SEAT_ALL_H),
            f"Seat everyone present ({len(here)})",
            lambda: self._seat(here),
            "Put the plan to the whole DMU you know: everyone present sits at the table "
            "(a click on a person below seats or unseats them one by one).",
        )
        y = self.top + SEAT_ALL_H + GAP
        pitch = self.row_pitch(len(acc.people), y, GAP)
        for p in acc.people:
            tags = person_tags(p, holding)
            tip = (
                (f"{', '.join(tags).capitalize()}. " if tags else "")
                + f"{theme.attitude_label(p.perceived_attitude)}; relationship {p.relationship}; "
                f"{p.meetings} meeting(s). Click to seat them for the agreement."
            )
            self.button(
                f"consult_{p.id}",
                (0, y, self.width, pitch - 6),
                person_label(p, holding, self.width - 20, 12),
                lambda i=p.id: self.board.toggle(self.draft.consulted, i),
                tip,
            )
            y += pitch
        self.bottom = y

    def _seat(self, people: list[str]) -> None:
        """Everyone present at the table, in the DMU's order (the table is replaced)."""
        self.draft.consulted[:] = people
        self.board.sync()
