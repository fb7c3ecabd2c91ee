"""Debrief: scores, competency levels, the evidence, the decision timeline, and the expert's
game on the same scenario and seed ("what if") for comparison.

Scoring the trainee is fast; the expert's whole game is not, so it runs on a worker thread
while the screen stays responsive.
"""

from __future__ import annotations

import threading
from typing import Any

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.base import Screen, set_selected
from kamsim.ui.widgets import draw

TABS = (("evidence", "Evidence [E]"), ("timeline", "Your decisions [T]"),
        ("expert", "Expert's decisions [X]"))  # fmt: skip
LEFT = 420
DIM_NAMES = {"prioritisation": "Prioritisation", "plan_quality": "Plan quality",
             "competencies": "Competencies", "outcomes": "Business outcomes"}  # fmt: skip


class DebriefScreen(Screen):
    name = "debrief"
    title = "Debrief"
    shortcuts = (("E / T / X", "evidence / your decisions / the expert's decisions"),
                 ("↑ / ↓ or wheel", "scroll the list"))  # fmt: skip

    def build(self) -> None:
        self.tab = str(self.params.get("tab", "evidence"))
        self.scroll = 0
        self.card: dict[str, Any] | None = None
        self.error = ""
        self.expert: dict[str, Any] | None = None
        w = self.rect.width
        room = w - 180 - 12 - (LEFT + 24)  # the tabs stop short of "New game…"
        step = min(190, room // len(TABS))
        for i, (tab, label) in enumerate(TABS):
            self.button(
                f"tab_{tab}",
                (LEFT + 24 + i * step, 8, step - 8, 32),
                label,
                lambda t=tab: self._tab(t),
                None,
                "toggle",
            )
        self.button(
            "title",
            (w - 180, 8, 168, 32),
            "New game…",
            lambda: self.app.show_title(),
            "Back to the scenario picker",
        )
        self._tab(self.tab)
        try:
            self.card = self.controller.scorecard()
        except Exception as err:  # scoring is another team's module: show, never crash
            self.error = f"Scoring is not available: {type(err).__name__}: {err}"
        self._timeline = self.controller.timeline()
        self._start_expert()

    def _start_expert(self) -> None:
        def work() -> None:
            try:
                self.expert = self.controller.expert_what_if()
            except Exception as err:  # the same: a message, not a crash
                self.expert = {"error": f"{type(err).__name__}: {err}"}

        if self.app.options.autoplay is None or self.app.options.screenshots is not None:
            threading.Thread(target=work, daemon=True).start()

    def _tab(self, tab: str) -> None:
        self.tab, self.scroll = tab, 0
        self.params["tab"] = tab
        for t, _ in TABS:
            set_selected(self.buttons[f"tab_{t}"], t == tab)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self._scroll_to(self.scroll - event.y * 2)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        keys = {pygame.K_e: "evidence", pygame.K_t: "timeline", pygame.K_x: "expert"}
        if event.key in keys:
            tab = keys[event.key]
            self.app.defer(lambda: self._tab(tab))
        elif event.key in (pygame.K_DOWN, pygame.K_UP):
            self._scroll_to(self.scroll + (1 if event.key == pygame.K_DOWN else -1))
        else:
            return False
        return True

    def _scroll_to(self, row: int) -> None:
        """Scroll within the current list: never past its last row, never above its first."""
        self.scroll = max(0, min(row, self._row_count() - 1))

    def _row_count(self) -> int:
        if self.tab == "timeline":
            return len(self._timeline)
        if self.tab == "expert":
            return len((self.expert or {}).get("timeline", []))
        return len((self.card or {}).get("indicators", []))

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        left = pygame.Rect(r.x + 12, r.y + 8, LEFT, r.height - 16)
        self._draw_scores(surface, left)
        area = pygame.Rect(left.right + 12, r.y + 48, r.right - left.right - 24, r.height - 56)
        inner = draw.panel(surface, area)
        if self.error:
            draw.paragraph(surface, self.error, inner, 13, theme.BAD)
            return
        surface.set_clip(inner)
        getattr(self, f"_draw_{self.tab}")(surface, inner)
        surface.set_clip(None)

    def _draw_scores(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        inner = draw.panel(surface, rect, "Your assessment")
        card = self.card or {}
        expert = (self.expert or {}).get("card")
        total = card.get("total")
        draw.label(
            surface,
            "—" if total is None else f"{total:.0f}",
            (inner.x, inner.y),
            40,
            theme.TEXT,
            True,
        )
        draw.label(surface, "/ 100", (inner.x + 86, inner.y + 22), 14, theme.MUTED)
        status = (
            "expert on your world: computing…"
            if self.expert is None
            else f"expert on your world: {expert['total']:.0f}"
            if expert
            else f"expert: {self.expert.get('error', 'n/a')}"
        )
        draw.label(
            surface, status, (inner.x + 150, inner.y + 22), 13, theme.WARN, width=inner.width - 150
        )
        y = inner.y + 62
        for key, name in DIM_NAMES.items():
            you = card.get("dimensions", {}).get(key)
            exp = expert["dimensions"].get(key) if expert else None
            draw.label(surface, name, (inner.x, y), 13, theme.TEXT, True)
            nums = f"you {you:.0f}" if you is not None else "you —"
            nums += f" · expert {exp:.0f}" if exp is not None else ""
            draw.label(surface, nums, (inner.right, y), 12, theme.MUTED, align="right")
            draw.bar(
                surface,
                pygame.Rect(inner.x, y + 19, inner.width, 8),
                (you or 0) / 100,
                theme.ACCENT,
            )
            if exp is not None:
                ex = inner.x + int(inner.width * exp / 100)
                pygame.draw.line(surface, theme.WARN, (ex, y + 15), (ex, y + 30), 3)
            y += 38
        draw.label(surface, "▮ expert's score marked in amber", (inner.x, y - 4), 11, theme.MUTED)
        y += 16
        draw.label(surface, "Competencies (level 1–4)", (inner.x, y), 14, theme.ACCENT, True)
        y += 22
        for comp in card.get("competencies", []):
            if y > inner.bottom - 30:
                break
            level = int(comp["level"])
            dots = "●" * level + "○" * (4 - level)
            colour = theme.GOOD if level >= 3 else theme.WARN if level == 2 else theme.BAD
            draw.label(
                surface, f"{dots} {comp['name']}", (inner.x, y), 12, colour, True, width=inner.width
            )
            draw.label(
                surface,
                self.controller.words.humanise(comp["anchor"]),
                (inner.x + 14, y + 16),
                11,
                theme.MUTED,
                width=inner.width - 14,
            )
            y += 36

    def _draw_evidence(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        indicators = sorted(
            (self.card or {}).get("indicators", []), key=lambda i: -i["weight"] * (1 - i["value"])
        )
        draw.label(
            surface,
            "Where the points went — biggest shortfalls first",
            (inner.x, inner.y),
            14,
            theme.ACCENT,
            True,
        )
        y = inner.y + 24
        words = self.controller.words.humanise
        for ind in indicators[self.scroll :]:
            if y > inner.bottom - 40:
                break
            value = ind["value"]
            colour = theme.GOOD if value >= 0.75 else theme.WARN if value >= 0.4 else theme.BAD
            mark = "✓" if value >= 0.75 else "◐" if value >= 0.4 else "✕"
            draw.label(
                surface,
                f"{mark} {words(ind['label'])}",
                (inner.x, y),
                13,
                colour,
                True,
                width=inner.width - 170,
            )
            draw.label(
                surface,
                f"{value:.0%} · {ind['dimension'].replace('_', ' ')}",
                (inner.right, y),
                12,
                theme.MUTED,
                align="right",
            )
            y += 18
            if ind.get("comment"):
                draw.label(
                    surface,
                    words(ind["comment"]),
                    (inner.x + 16, y),
                    12,
                    theme.TEXT,
                    width=inner.width - 16,
                )
                y += 16
            if ind.get("expert"):
                draw.label(
                    surface,
                    f"Expert: {words(ind['expert'])}",
                    (inner.x + 16, y),
                    12,
                    theme.WARN,
                    width=inner.width - 16,
                )
                y += 16
            for ev in ind.get("evidence", [])[:2]:
                draw.label(
                    surface,
                    f"week {ev['week']}: {words(ev['what'])}",
                    (inner.x + 16, y),
                    11,
                    theme.MUTED,
                    width=inner.width - 16,
                )
                y += 15
            y += 6

    def _draw_rows(
        self,
        surface: pygame.Surface,
        inner: pygame.Rect,
        title: str,
        rows: list[tuple[int, bool, str, str]],
    ) -> None:
        draw.label(surface, title, (inner.x, inner.y), 14, theme.ACCENT, True)
        y = inner.y + 24
        for week, ok, action, note in rows[self.scroll :]:
            if y > inner.bottom - 34:
                break
            mark, colour = ("✓", theme.TEXT) if ok else ("✕", theme.BAD)
            draw.label(
                surface,
                f"w{week:>2}  {mark} {action}",
                (inner.x, y),
                12,
                colour,
                width=inner.width,
            )
            if note:
                draw.label(
                    surface, note, (inner.x + 40, y + 15), 11, theme.MUTED, width=inner.width - 40
                )
            y += 34 if note else 18

    def _draw_timeline(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        self._draw_rows(surface, inner, f"Your {len(self._timeline)} decisions", self._timeline)

    def _draw_expert(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        if self.expert is None:
            draw.label(
                surface,
                "The expert is playing your world… (a few seconds)",
                inner.topleft,
                13,
                theme.MUTED,
            )
            return
        if "error" in self.expert:
            draw.paragraph(surface, f"Not available: {self.expert['error']}", inner, 13, theme.BAD)
            return
        rows = self.expert["timeline"]
        self._draw_rows(
            surface,
            inner,
            f"What if: the expert's {len(rows)} decisions on the same scenario and seed",
            rows,
        )
