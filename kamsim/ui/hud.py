"""The top bar (where am I, how much time and money is left, where can I go) and status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from kamsim.ui import theme
from kamsim.ui.screens.base import label_width, set_selected, set_text, set_tip
from kamsim.ui.widgets import draw

if TYPE_CHECKING:
    from kamsim.ui.app import App

HEIGHT = 48
STATUS = 26
NEXT_WEEK_TIP = (
    "End this week: the world moves on one week (N or Space). Shift+N runs to the next "
    "event, never past a committee decision. A week with news ends with a report."
)

NAV = (  # name, label, shortcut hint, tooltip
    ("dashboard", "Territory", "D", "The accounts' hard data, tiers and this week's news (D)"),
    ("inbox", "Inbox", "I", "Brand-team campaign requests to approve or hold back (I)"),
    ("calendar", "Calendar", "C", "Known events ahead and the news so far (C)"),
    ("kpis", "KPIs", "K", "KPI charts for the territory and each account (K)"),
)


class Hud:
    """Built once per window size; texts update only when the numbers change."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}

    def build(self) -> None:
        self.kill()
        width = self.app.window.get_width()
        x = width - 8
        specs = [
            ("help", "? Help", "Shortcuts and how to play (F1 or ?)", None),
            (
                "next_week",
                "Next week ▶",
                NEXT_WEEK_TIP,
                "primary",
            ),
            *[(f"nav_{n}", f"{label} [{key}]", tip, "nav") for n, label, key, tip in reversed(NAV)],
        ]
        for name, label, tip, cls in specs:
            w = 128 if name == "next_week" else 92 if name == "help" else 116
            longest = {"nav_inbox": "Inbox (99) [I]", "next_week": "Next week ▶"}.get(name, label)
            w = max(w, label_width(longest, cls) + 6)  # a larger text size needs more
            x -= w + 6
            self.buttons[name] = pygame_gui.elements.UIButton(
                pygame.Rect(x, 8, w, HEIGHT - 16),
                label,
                self.app.manager,
                tool_tip_text=tip,
                # a class id only: per-widget object ids grow pygame_gui's theming cache forever
                object_id=ObjectID(class_id=f"@{cls}") if cls else None,
                command=self._command(name),
            )
        self.left_width = x - 16

    def _command(self, name: str) -> Callable[[], None]:
        """A no-argument callback (pygame_gui passes an event to callbacks that take one)."""
        return lambda: self.app.defer(lambda: self.app.hud_command(name))

    def kill(self) -> None:
        for button in self.buttons.values():
            button.kill()
        self.buttons = {}

    def update(self) -> None:
        controller = self.app.controller
        if controller is None or not self.buttons:
            return
        inbox = len(controller.view.inbox)
        set_text(self.buttons["nav_inbox"], f"Inbox ({inbox}) [I]" if inbox else "Inbox [I]")
        current = self.app.screen.name if self.app.screen else ""
        for name, *_ in NAV:
            set_selected(self.buttons[f"nav_{name}"], current == name)
        # the game is over: the same button leads back to the debrief
        set_text(self.buttons["next_week"], "Debrief ▶" if controller.finished else "Next week ▶")
        set_tip(self.buttons["next_week"], next_week_tip(inbox))

    def targets(self) -> dict[str, pygame.Rect]:
        return {name: b.rect.copy() for name, b in self.buttons.items()}

    def draw(self, surface: pygame.Surface) -> None:
        controller = self.app.controller
        if controller is None:
            return
        view = controller.view
        width = surface.get_width()
        pygame.draw.rect(surface, (17, 21, 30), (0, 0, width, HEIGHT))
        pygame.draw.line(surface, theme.GRID, (0, HEIGHT - 1), (width, HEIGHT - 1))
        meta = view.scenario
        duration = meta["duration_weeks"]
        week_text = "Game over" if view.finished else f"Week {view.week} / {duration}"
        x = 12
        r = draw.label(surface, week_text, (x, 6), 18, theme.TEXT, True)
        draw.bar(surface, pygame.Rect(x, 32, r.width, 5), (view.week - 1) / duration, theme.ACCENT)
        x = r.right + 22
        days = f"{view.field_days_left:g}"
        stats = [  # (title, value, a shorter value for a narrow bar or a large text size)
            ("Field days", f"{days} left this week", f"{days} d left"),
            ("Budget", theme.money(view.budget_left, meta["currency"]), None),
        ]
        for title, value, short in stats:
            fits = [v for v in (value, short) if v and x + self._width(v) <= self.left_width]
            if not fits:  # never under the buttons: a number cut off reads as another number
                break
            draw.label(surface, title, (x, 5), 11, theme.MUTED)
            r = draw.label(surface, fits[0], (x, 21), 15, theme.TEXT, True)
            x = r.right + 22
        if x < self.left_width - 100:
            draw.label(surface, meta["title"], (x, 15), 13, theme.MUTED, width=self.left_width - x)

    @staticmethod
    def _width(value: str) -> int:
        return theme.font(15, True).size(value)[0]

    def draw_status(self, surface: pygame.Surface) -> None:
        """The latest outcome, so every click has a visible consequence."""
        controller = self.app.controller
        height = surface.get_height()
        rect = pygame.Rect(0, height - STATUS, surface.get_width(), STATUS)
        pygame.draw.rect(surface, (17, 21, 30), rect)
        failure = controller.save_failure if controller is not None else None
        if failure is not None:  # until the save is back on disk, nothing else matters more
            text = f"✕ Not saved: {failure}. kamsim keeps trying; Ctrl+S tries now."
            draw.label(surface, text, (10, rect.y + 5), 13, theme.BAD, True, width=rect.width - 20)
            return
        if controller is None or not controller.feed:
            draw.label(surface, "F1 or ? for help", (10, rect.y + 5), 12, theme.MUTED)
            return
        item = controller.feed[-1]
        marks = {
            "ok": ("✓", theme.GOOD),
            "refused": ("✕", theme.BAD),
            "news": ("✉", theme.WARN),
            "info": ("•", theme.MUTED),
        }
        mark, colour = marks.get(item.kind, ("•", theme.MUTED))
        draw.label(
            surface,
            f"{mark} {item.text}" if item.dated else f"{mark} week {item.week}: {item.text}",
            (10, rect.y + 5),
            13,
            colour,
            width=rect.width - 160,
        )
        draw.label(
            surface, "F1 / ? help", (rect.right - 10, rect.y + 5), 12, theme.MUTED, align="right"
        )


def next_week_tip(undecided: int) -> str:
    """The Next week button's tooltip, warning before a week ends with requests undecided
    (the brand team then runs them as planned; the week report says so afterwards)."""
    if not undecided:
        return NEXT_WEEK_TIP
    them = "them" if undecided > 1 else "it"
    return (
        f"{undecided} campaign request{'s' if undecided > 1 else ''} still undecided: if you "
        f"end the week now, the brand team runs {them} as planned (Inbox, I, to decide). "
        + NEXT_WEEK_TIP
    )
