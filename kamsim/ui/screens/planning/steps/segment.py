"""Step 2, segment and tier: the tier (at once), the segment and needs (in the draft)."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.plan_draft import NEEDS, SEGMENTS
from kamsim.ui.screens.account import TIER_COST, TIER_TIPS, TIERS
from kamsim.ui.screens.planning.readings import criteria_readings
from kamsim.ui.screens.planning.step import GAP, Step, label, line_height, paragraph

CRITERION_LINE = 19


class SegmentStep(Step):
    number = 2
    title = "Segment & tier"
    tip = "Which segment is it really, what does it need, how much do you invest?"

    def build(self) -> None:
        w = self.width
        y = self.caption("Tier (submitted at once)", self.top)
        for i, tier in enumerate(TIERS):
            self.button(
                f"tier_{tier}",
                (i * (w // 5), y, w // 5 - 6, 32),
                theme.TIER_MARK[tier],
                lambda t=tier: self.controller.submit(
                    {"kind": "set_tier", "account": self.account_id, "tier": t}
                ),
                f"{TIER_TIPS[tier]} {TIER_COST}",
            )
        y = self.caption("Segment you believe in", y + 32 + GAP)
        for i, seg in enumerate(SEGMENTS):
            self.button(
                f"segment_{seg}",
                (i * (w // 3), y, w // 3 - 6, 32),
                seg.replace("_", " ").capitalize(),
                lambda s=seg: self._segment(s),
                "What the institution is really buying (click again to unset)",
            )
        y = self.caption("Needs that matter to them (order = priority)", y + 32 + GAP)
        for i, need in enumerate(NEEDS):
            self.button(
                f"need_{need}",
                ((i % 2) * (w // 2), y + (i // 2) * 36, w // 2 - 6, 30),
                need.replace("_", " ").capitalize(),
                lambda n=need: self.board.toggle(self.draft.needs, n),
                "Toggle this need",
            )
        self.bottom = y + (len(NEEDS) + 1) // 2 * 36 + GAP

    def _segment(self, seg: str) -> None:
        self.draft.segment = None if self.draft.segment == seg else seg
        self.board.sync()

    def suggestions(self) -> str:
        """'healthcare cost ×2, total value ×1': what the account's facts point to."""
        suggested: dict[str, int] = {}
        for f in self.view.facts:
            if f.account == self.account_id:
                for key in [f.implies.get("segment"), *f.implies.get("needs", [])]:
                    if key:
                        suggested[key] = suggested.get(key, 0) + 1
        return ", ".join(f"{k.replace('_', ' ')} ×{n}" for k, n in sorted(suggested.items()))

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        y = area.y + self.bottom
        text = f"Your facts point to: {self.suggestions() or 'nothing yet — dig first'}"
        box = paragraph(surface, text, pygame.Rect(area.x, y, area.width, 3 * 16), 12, theme.WARN)
        drawn = [box]
        y = box.bottom + GAP
        drawn.append(
            label(
                surface,
                "Attractiveness: the criteria (their weight) and what your facts suggest",
                (area.x, y),
                12,
                theme.MUTED,
                width=area.width,
            )
        )
        y += line_height(12) + 4
        for name, weight, reading in criteria_readings(self.view, self.account_id):
            if y + line_height(12) > area.bottom:
                break  # the window is too short for every criterion: never draw past it
            drawn.append(
                label(
                    surface,
                    f"{name} ({weight:.0%}): {reading or 'no fact speaks to it yet'}",
                    (area.x, y),
                    12,
                    theme.TEXT if reading else theme.MUTED,
                    width=area.width,
                )
            )
            y += CRITERION_LINE
        return drawn
