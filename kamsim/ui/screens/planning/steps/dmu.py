"""Step 3, the DMU: who sits at the table when the plan is put to the customer."""

from __future__ import annotations

from kamsim.ui import theme
from kamsim.ui.screens.planning.step import GAP, Step
from kamsim.ui.widgets.plans import holding_up, person_label, person_tags


class DmuStep(Step):
    number = 3
    title = "DMU"
    tip = "Who decides? Choose who sits at the table when you agree the plan."

    def build(self) -> None:
        acc = self.account
        holding = holding_up(acc.plan)
        pitch = self.row_pitch(len(acc.people), self.top, GAP)
        y = self.top
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
