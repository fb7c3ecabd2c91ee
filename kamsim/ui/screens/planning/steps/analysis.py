"""Step 1, analysis: what is known of the account, and the analyses that find more."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.planning.step import GAP, Step, label

ANALYSES = ("desk_research", "map_pathway", "map_dmu")
ROW = 28  # one line of the checklist


class AnalysisStep(Step):
    number = 1
    title = "Analysis"
    tip = "What do you know? Desk research, pathway and DMU mapping."

    def build(self) -> None:
        y = self.top + 5 * ROW + GAP  # under the checklist `draw` writes
        for kind in ANALYSES:
            self.button(
                f"do_{kind}",
                (0, y, min(self.width, 340), 36),
                kind,  # worded with its cost by the board's `word_buttons`
                lambda k=kind: self.controller.submit({"kind": k, "account": self.account_id}),
                kind,
                None,
            )
            y += 42
        self.bottom = y

    def checklist(self) -> list[tuple[bool, str]]:
        """(done, what) for each sign that the account has been analysed enough to plan."""
        acc = self.account
        facts = {f.id for f in self.view.facts if f.account == acc.id}
        desk = any(f.source == "desk_research" for f in self.view.facts if f.account == acc.id)
        met = sum(1 for p in acc.people if p.meetings)
        return [
            (desk, "Desk research has found facts"),
            (acc.pathway_mapped, "Patient pathway mapped"),
            (acc.dmu_mapped, "DMU mapped (hidden members and links found)"),
            (met >= 2, f"Met {met} of {len(acc.people)} known people (several sources)"),
            (len(facts) >= 4, f"{len(facts)} facts discovered"),
        ]

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        drawn = []
        y = area.y + self.top
        for done, text in self.checklist():
            mark, colour = ("✓", theme.GOOD) if done else ("○", theme.MUTED)
            drawn.append(
                label(surface, f"{mark} {text}", (area.x, y), 14, colour, width=area.width)
            )
            y += ROW
        return drawn
