"""Calendar: the year as a strip of weeks, known events ahead, the news so far, and time moving."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.base import Screen
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.news import draw_news

KINDS = {  # event kind → words (the kind of decision or news it is)
    "committee_meeting": "committee decides",
    "tender": "tender",
    "competitor_launch": "competitor launch",
    "competitor_contract": "competitor contract",
    "merger": "merger",
    "budget_cut": "budget cut",
    "policy_change": "policy change",
    "stakeholder_leaves": "someone leaves",
    "capacity_crisis": "capacity crisis",
}


def price_ask_text(event: dict) -> str | None:
    """A tender's asked discount, and what it means for our bid."""
    ask = event.get("price_ask")
    if ask is None:
        return None
    return (
        f"price asked: {ask * 100:.0f} % discount — we bid at it unless you decline KAM "
        "with the account"
    )


class CalendarScreen(Screen):
    name = "calendar"
    title = "Calendar"
    shortcuts = (
        ("N or Space", "advance one week"),
        ("Shift+N", "advance to the next event"),
    )

    def build(self) -> None:
        w, _ = self.rect.size
        self.button(
            "advance",
            (w - 470, 8, 220, 36),
            "Advance one week ▶",
            self.app.next_week,
            "The world moves on one week; the game autosaves",
            "primary",
        )
        self.button(
            "advance_event",
            (w - 242, 8, 230, 36),
            "To the next event ▶▶",
            lambda: self.app.next_week(to_event=True),
            "Advance week by week until news, a campaign request or a dated event",
        )

    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        view = self.controller.view
        title = draw.label(surface, "Calendar", (r.x + 14, r.y + 8), 20, theme.TEXT, True)
        left = (
            "the year is over"
            if view.finished
            else f"week {view.week} of {view.scenario['duration_weeks']} · "
            f"{view.weeks_left} week{'s' if view.weeks_left != 1 else ''} left, this one included"
        )
        draw.label(surface, left, (title.right + 16, r.y + 15), 13, theme.MUTED)
        strip = pygame.Rect(r.x + 12, r.y + 56, r.width - 24, 70)
        self._draw_strip(surface, strip)
        half = (r.width - 36) // 2
        top = strip.bottom + 22  # below the strip's legend, which sits under the strip
        ahead = pygame.Rect(r.x + 12, top, half, r.bottom - top - 12)
        inner = draw.panel(surface, ahead, "Known events ahead")
        names = {a.id: a.name for a in view.accounts}
        y = inner.y
        for e in sorted(view.calendar, key=lambda e: e["week"]):
            who = f" — {names.get(e['account'], 'an account')}" if e.get("account") else ""
            kind = KINDS.get(e["kind"])
            colour = theme.WARN if e["week"] == view.week else theme.TEXT
            text = f"◆ week {e['week']}: {e['title']}" + (f" ({kind})" if kind else "") + who
            room = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
            y = draw.paragraph(surface, text, room, 13, colour, spacing=3) + 3  # read whole
            ask = price_ask_text(e)
            if ask:
                y = draw.paragraph(
                    surface,
                    ask,
                    pygame.Rect(inner.x + 16, y, inner.width - 16, 32),
                    12,
                    theme.WARN,
                    spacing=2,
                )
            y += 2
            if y > inner.bottom - 20:
                break
        news = pygame.Rect(ahead.right + 12, ahead.y, half, ahead.height)
        inner = draw.panel(surface, news, "News so far")
        draw_news(surface, reversed(view.news), inner, humanise=self.controller.words.humanise)

    def _draw_strip(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        view = self.controller.view
        weeks = view.scenario["duration_weeks"]
        cell = rect.width / weeks
        events = {e["week"] for e in view.calendar}
        news = {n["week"] for n in view.news}
        for w in range(1, weeks + 1):
            box = pygame.Rect(int(rect.x + (w - 1) * cell), rect.y, max(2, int(cell) - 2), 40)
            past = w < view.week
            colour = theme.PANEL_HI if past else theme.PANEL
            pygame.draw.rect(surface, colour, box)
            if w == view.week:
                pygame.draw.rect(surface, theme.ACCENT, box, 2)
            if w in events:
                cx, cy = box.centerx, box.y + 12
                pygame.draw.polygon(
                    surface, theme.WARN, [(cx, cy - 6), (cx + 6, cy), (cx, cy + 6), (cx - 6, cy)]
                )
            if w in news:
                pygame.draw.circle(surface, theme.MUTED, (box.centerx, box.y + 30), 3)
            if w % 4 == 1:
                draw.label(surface, str(w), (box.x, box.bottom + 4), 10, theme.MUTED)
        draw.label(
            surface,
            "◆ known event   ● news   □ current week",
            (rect.right, rect.bottom + 2),
            11,
            theme.MUTED,
            align="right",
        )
