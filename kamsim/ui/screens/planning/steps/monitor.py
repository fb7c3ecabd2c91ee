"""Step 7, monitor and agree: the written plan's standing, a KPI review and the standing
monthly review."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.planning.step import GAP, Step, label, paragraph
from kamsim.ui.widgets.plans import plan_lines, project_list

ROW = 24


class MonitorStep(Step):
    number = 7
    title = "Monitor & agree"
    tip = "Write the plan, agree it with the DMU, review the KPIs."

    def build(self) -> None:
        self.button(
            "do_review_kpis",
            (0, self.top, min(self.width, 340), 36),
            "review_kpis",  # worded with its cost by the board's `word_buttons`
            lambda: self.controller.submit({"kind": "review_kpis", "account": self.account_id}),
            "review_kpis",
            None,
        )
        self.button(
            "do_review_monthly",
            (0, self.top + 36 + GAP, min(self.width, 340), 36),
            "review_monthly",  # worded, on or off with its cost, by the board's `word_buttons`
            self.board.toggle_monthly,
            "review_monthly",
        )
        self.bottom = self.top + 2 * 36 + 3 * GAP

    def rows(self) -> list[str]:
        """The written plan in a few lines (empty before one is written)."""
        plan = self.account.plan
        if plan is None:
            return []
        names = {p.id: p.name for p in self.account.people}
        return [
            f"Version {plan.version}, {plan.status}, written week {plan.week_written}",
            f"Agreed week {plan.agreed_week}" if plan.agreed_week else "Not agreed yet",
            "Agreed with: "
            + (", ".join(names.get(c, "someone who has left") for c in plan.consulted) or "—"),
            "Running: " + project_list(plan.running, self.view),
            "Delivered: " + project_list(plan.delivered, self.view),
        ]

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        y = area.y + self.bottom
        rows = self.rows()
        if not rows:
            text = "No plan written yet: Write plan records the draft."
            return [label(surface, text, (area.x, y), 13, theme.MUTED, width=area.width)]
        drawn = []
        for row in rows:
            drawn.append(label(surface, row, (area.x, y), 13, theme.TEXT, width=area.width))
            y += ROW
        for text, colour in plan_lines(self.account, self.view):
            box = paragraph(surface, text, pygame.Rect(area.x, y + 6, area.width,
                                                       max(0, area.bottom - y - 6)), 13, colour,
                            spacing=3)  # fmt: skip
            if box.height:
                drawn.append(box)
            y = box.bottom
        return drawn
