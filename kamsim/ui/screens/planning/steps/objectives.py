"""Step 5, objectives: a KPI, a number target and a week for each."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.plan_draft import KPI_NAMES, KPIS, parse_target, show_target
from kamsim.ui.screens.planning.step import GAP, Step, glyph_width, label, line_height, list_line
from kamsim.vocabulary import PERCENT_KPIS, kpi_amount, kpi_label

LIST_LINE = 22
MOST_LINES = 8
NOW_KPIS = ("share", "satisfaction", "formulary_status")


class ObjectivesStep(Step):
    number = 5
    title = "Objectives"
    tip = "Specific, measurable: a KPI, a target and a week."

    def build(self) -> None:
        w = self.width
        y = self.top
        for i, kpi in enumerate(KPIS):
            self.button(
                f"kpi_{kpi}",
                ((i % 4) * (w // 4), y + (i // 4) * 36, w // 4 - 6, 30),
                KPI_NAMES[kpi],
                lambda k=kpi: self._kpi(k),
            )
        y += (len(KPIS) + 3) // 4 * 36 + GAP
        hint = "e.g. 35 (%)" if self.draft.kpi in PERCENT_KPIS else "e.g. 8.5"
        x = self._field("Target", "target", 0, y, 130, hint, self.draft.target_text)
        # Most objectives run to the plan year's end: an empty week means it (the field says
        # so), and a week typed stays for the next objective, so only a new deadline is typed.
        end = self.year_end
        x = self._field("by week", "by_week", x + 16, y, 80, f"{end} (end)", self.draft.week_text)
        add = (w - 150, y, 150, 32)
        if x + GAP > w - 150:  # a narrow board: the button goes under the fields
            y += 32 + GAP
            add = (0, y, 150, 32)
        self.button("objective_add", add, "+ Add objective", self._add, "Add the objective",
                    "primary")  # fmt: skip
        self.now_y = y + 32 + GAP
        self.list_y = self.now_y + line_height(12) + GAP
        self.shown_lines = max(
            0, min(MOST_LINES, len(self.draft.objectives), (self.height - self.list_y) // LIST_LINE)
        )
        remove = glyph_width("✕")
        for i in range(self.shown_lines):
            self.button(
                f"objective_remove_{i}",
                (w - remove - 4, self.list_y + i * LIST_LINE, remove, 20),
                "✕",
                lambda i=i: self.board.remove(self.draft.objectives, i),
                "Remove",
                None,
            )
        self.bottom = self.list_y + self.shown_lines * LIST_LINE

    @property
    def year_end(self) -> int:
        """The plan year's last week: an objective's deadline when none is typed."""
        return int(self.view.scenario["duration_weeks"])

    def _field(self, words: str, name: str, x: int, y: int, width: int, hint: str,
               text: str) -> int:  # fmt: skip
        """A caption and its entry on one row; returns the x after the entry."""
        words_w = theme.font(13).size(words)[0]
        self.caption(words, y + (32 - line_height(13)) // 2, x, 13, width=words_w)
        self.entry(name, (x + words_w + 8, y, width, 32), hint, text)
        return x + words_w + 8 + width

    def capture(self) -> None:
        for entry, attribute in (("target", "target_text"), ("by_week", "week_text")):
            line = self.board.entries.get(entry)
            if line is not None and line.alive():
                setattr(self.draft, attribute, line.get_text())

    def _kpi(self, kpi: str) -> None:
        unit_changes = (kpi in PERCENT_KPIS) != (self.draft.kpi in PERCENT_KPIS)
        self.draft.kpi = kpi
        if unit_changes:  # the target's hint says how to type it: a percentage or a number
            self.board.build_step()
        else:
            self.board.sync()
        target = self.board.entries.get("target")
        if target is not None and target.alive():  # the target is what comes next: type it
            self.board.app.manager.set_focus_set(target)

    def _add(self) -> None:
        entries = self.board.entries
        target = parse_target(self.draft.kpi, entries["target"].get_text())
        week = entries["by_week"].get_text().strip() or str(self.year_end)
        if target is None or not week.isdigit():
            self.controller.note("refused", "An objective needs a number target and a week.")
            return
        self.draft.objectives.append(
            {"kpi": self.draft.kpi, "target": target, "by_week": int(week)}
        )
        entries["target"].set_text("")  # the week stays: the next objective likely shares it
        self.draft.target_text = ""
        self.board.build_step()

    def now_text(self) -> str | None:
        """'Now: Share (%) 31% · Satisfaction no survey yet …' from the account's latest KPIs."""
        latest = [k for k in self.view.kpis if k["account"] == self.account_id]
        if not latest:
            return None
        now = latest[-1]
        return "Now: " + " · ".join(
            f"{kpi_label(k)} " + ("no survey yet" if now.get(k) is None else kpi_amount(k, now[k]))
            for k in NOW_KPIS
            if k in now
        )

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        drawn = []
        now = self.now_text()
        if now:
            drawn.append(label(surface, now, (area.x, area.y + self.now_y), 12, theme.WARN,
                               width=area.width))  # fmt: skip
        y = area.y + self.list_y
        for o in self.draft.objectives[: self.shown_lines]:
            target = show_target(o["kpi"], o["target"])
            text = f"• {kpi_label(o['kpi'])} → {target} by week {o['by_week']}"
            drawn.append(list_line(surface, text, area, y))
            y += LIST_LINE
        return drawn
