"""Step 6, tactics: joint projects from the catalogue, their cost against the budget left."""

from __future__ import annotations

from typing import Any

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.planning.step import GAP, Step, label, line_height


def project_words(project: dict[str, Any], currency: str) -> str:
    """'Infusion unit redesign — 30k EUR, 10 wk · serves process improvement'."""
    rebate = f" · a {project['rebate']:.0%} rebate on sales" if project.get("rebate") else ""
    serves = ", ".join(s.replace("_", " ") for s in project["serves"])
    return (f"{project['name']} — {theme.money(project['cost'], currency)}, "
            f"{project['duration_weeks']} wk{rebate} · serves {serves}")  # fmt: skip


class TacticsStep(Step):
    number = 6
    title = "Tactics"
    tip = "Joint projects from the catalogue: budget and colleagues are booked on agreement."

    def build(self) -> None:
        view = self.view
        currency = view.scenario["currency"]
        colleagues = {c["id"]: c["name"] for c in view.colleagues}
        reserve = 2 * line_height(13) + 3 * GAP  # the cost and the colleagues, under the list
        pitch = self.row_pitch(len(view.projects), self.top, reserve, 38, 28)
        y = self.top
        for p in view.projects:
            staff = ", ".join(
                f"{colleagues.get(c, 'a colleague')} {d:g} d" for c, d in p["colleagues"].items()
            )
            words = project_words(p, currency)
            self.button(
                f"project_{p['id']}",
                (0, y, self.width, pitch - 5),
                theme.fit(words, self.width - 20, 12),
                lambda i=p["id"]: self.board.toggle(self.draft.tactics, i),
                f"{words}. {p['description']} Colleagues: {staff or 'none'}.",
            )
            y += pitch
        self.bottom = y + GAP

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        view = self.view
        cost = sum(p["cost"] for p in view.projects if p["id"] in self.draft.tactics)
        colour = theme.BAD if cost > view.budget_left else theme.TEXT
        free = ", ".join(f"{c['name'].split()[-1]} {c['free_days']:g} d" for c in view.colleagues)
        y = area.y + self.bottom
        spent = f"Selected cost {theme.money(cost)} of {theme.money(view.budget_left)} budget left"
        return [
            label(surface, spent, (area.x, y), 13, colour, True, width=area.width),
            label(
                surface,
                f"Colleagues free this month: {free}",
                (area.x, y + line_height(13, True) + 2),
                12,
                theme.MUTED,
                width=area.width,
            ),
        ]
