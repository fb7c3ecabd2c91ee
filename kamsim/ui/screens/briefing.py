"""Briefing: the story, the learning objectives, time and budget, and how to play."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.base import Screen, esc
from kamsim.ui.widgets import draw

HOW_TO_PLAY = (
    "1. Analyse: study the territory's hard data; run desk research; map pathways and DMUs.",
    "2. Prioritise: tier every account (key, develop, maintain, deprioritise or decline).",
    "3. Dig: meet the people with the right questions — one source rarely tells all.",
    "4. Plan: for each key account write a SWOT on discovered facts, KPI objectives and "
    "tactics from the catalogue.",
    "5. Co-create: hold co-creation meetings, then agree the plan with the people who decide.",
    "6. Protect: approve or hold back brand campaigns; overloaded customers turn away.",
    "7. Monitor: review the KPIs and adjust. Each 'Next week' moves the world on.",
)


class BriefingScreen(Screen):
    name = "briefing"
    title = "Briefing"
    shortcuts = (("Enter", "start: go to the territory dashboard"),)

    def build(self) -> None:
        view = self.controller.view
        meta = view.scenario
        w, h = self.rect.size
        left = int(w * 0.58)
        objectives = "".join(f"• {esc(o)}<br>" for o in meta["learning_objectives"])
        html = (
            f"<font size=5><b>{esc(meta['title'])}</b></font><br><br>"
            f"{esc(meta['briefing'])}<br><br><b>What you will practise</b><br>{objectives}"
        )
        self.text_box(html, (20, 16, left - 30, h - 32))
        self.button(
            "start",
            (w - 300, h - 64, 280, 44),
            "Start in the territory ▶  [Enter]",
            lambda: self.app.go("dashboard"),
            "Open the territory dashboard",
            "primary",
        )

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.defer(lambda: self.app.go("dashboard"))
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        view = self.controller.view
        meta = view.scenario
        r = self.rect
        x = r.x + int(r.width * 0.58)
        box = pygame.Rect(x, r.y + 16, r.right - x - 20, r.height - 100)
        inner = draw.panel(surface, box, "Time, budget and team")
        rows = [
            ("Therapy area", meta["therapy_area"]),
            ("Duration", f"{meta['duration_weeks']} weeks from {meta['start_date']}"),
            ("Field days", f"{view.field_days_left:g} this week (routine service takes some)"),
            ("Budget", theme.money(view.budget_left, meta["currency"]) + " for joint projects"),
            ("Key accounts", f"at most {view.max_key_accounts} can be served properly"),
            ("Accounts", f"{len(view.accounts)} institutions"),
            ("Colleagues", ", ".join(c["name"] for c in view.colleagues) or "none"),
            ("Products", ", ".join(p["name"] for p in view.products)),
        ]
        y = inner.y
        for key, value in rows:
            draw.label(surface, key, (inner.x, y), 13, theme.MUTED)
            y = (
                draw.paragraph(
                    surface, value, pygame.Rect(inner.x + 110, y, inner.width - 110, 60), 13
                )
                + 2
            )
        y += 8
        draw.label(surface, "How to play", (inner.x, y), 15, theme.ACCENT, True)
        y += 24
        for step in HOW_TO_PLAY:
            y = (
                draw.paragraph(
                    surface,
                    step,
                    pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                    12,
                    theme.TEXT,
                )
                + 3
            )
