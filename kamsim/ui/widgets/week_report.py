"""The week report: a modal pygame_gui window telling what the weeks just played brought.

Opened by the window after "Next week" or "Advance to the next event" when the story is worth
showing (`WeekStory.worth_showing`: a quiet week is only a line in the status bar, so nobody
dismisses an empty box every week, nor one that only repeats what the last report said is
coming). It blocks the screens below until dismissed — Enter, Esc, its Close button, the title
bar's ✕, or its inbox button (I) when campaign requests wait — so five quick presses of N can
no longer run past committee decisions unseen: while it is open, N and Space do nothing. The
text is a pygame_gui text box (it scrolls: ↑/↓, Page Up/Down, the mouse wheel); the content
comes, already in words, from `kamsim.ui.week_story`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from kamsim.ui import theme
from kamsim.ui.screens.base import coloured, esc
from kamsim.ui.week_story import WeekStory, coming_keys

if TYPE_CHECKING:
    from kamsim.ui.app import App

MAX_SIZE = (900, 660)
MARGIN = 24  # from the edges of the area below the top bar
BUTTON = (200, 40)
SCROLL_LINES = 0.08  # ↑/↓ scroll this share of the text; Page Up/Down four times as much
SHADE = (8, 10, 16, 170)

MARKS = {"good": ("✓", theme.GOOD), "bad": ("✕", theme.BAD), "warn": ("!", theme.WARN),
         "info": ("•", theme.MUTED)}  # fmt: skip


def story_html(story: WeekStory) -> str:
    """The story as pygame_gui's HTML-ish text: a heading per section, a mark per line."""
    parts = []
    if story.undecided:
        n = len(story.undecided)
        said = f"You ended the week with {n} campaign request{'s' if n > 1 else ''} undecided."
        parts.append(coloured(f"<b>{said}</b>", theme.WARN) + "<br><br>")
    for section in story.sections:
        parts.append(coloured(f"<b>{esc(section.title)}</b>", theme.ACCENT) + "<br>")
        for line in section.lines:
            mark, colour = MARKS.get(line.tone, MARKS["info"])
            parts.append(f"{coloured(f'<b>{mark}</b>', colour)} {esc(line.text)}<br>")
            if line.detail:
                parts.append(coloured(esc(line.detail), theme.MUTED) + "<br>")
        parts.append("<br>")
    inbox = "; I opens the inbox" if story_has_requests(story) else ""
    parts.append(coloured(f"Enter or Esc closes this report; ↑/↓ scroll it{inbox}.", theme.MUTED))
    return "".join(parts)


def story_has_requests(story: WeekStory) -> bool:
    """Whether the story tells of campaign requests in the inbox (its button opens it)."""
    return any(key.startswith("inbox:") for key in coming_keys(story))


class WeekReport:
    """The report window and the shade behind it; at most one is open at a time."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.story: WeekStory | None = None
        self.window: pygame_gui.elements.UIWindow | None = None
        self.text: pygame_gui.elements.UITextBox | None = None
        self.close_button: pygame_gui.elements.UIButton | None = None
        self.inbox_button: pygame_gui.elements.UIButton | None = None
        self.shade: pygame_gui.elements.UIImage | None = None

    # ------------------------------------------------------------------ open and close
    @property
    def is_open(self) -> bool:
        """Open until dismissed; the title bar's ✕ kills the window, which counts as closing."""
        if self.window is not None and not self.window.alive():
            self.close()
        return self.window is not None

    def open(self, story: WeekStory) -> None:
        self.close()
        self.story = story
        self._build()

    def close(self) -> None:
        for element in (self.window, self.shade):
            if element is not None and element.alive():
                element.kill()
        self.window = self.text = self.close_button = self.inbox_button = self.shade = None

    def rebuild(self) -> None:
        """After a resize: the same story, laid out for the new window size."""
        if self.story is not None and self.window is not None:
            self._build()

    def _build(self) -> None:
        for element in (self.window, self.shade):
            if element is not None and element.alive():
                element.kill()
        story = self.story
        assert story is not None
        manager = self.app.manager
        size = self.app.window.get_size()
        shade = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill(SHADE)
        self.shade = pygame_gui.elements.UIImage(pygame.Rect((0, 0), size), shade, manager)
        area = self.app.content_rect()
        w = min(MAX_SIZE[0], area.width - 2 * MARGIN)
        h = min(MAX_SIZE[1], area.height - 2 * MARGIN)
        rect = pygame.Rect(0, 0, w, h)
        rect.center = area.center
        window = pygame_gui.elements.UIWindow(
            rect, manager, window_display_title=story.title, draggable=False,
            object_id=ObjectID(object_id="#week_report"),
        )  # fmt: skip
        window.set_blocking(True)
        inner = window.get_container().get_rect()
        iw, ih = inner.width, inner.height
        self.text = pygame_gui.elements.UITextBox(
            story_html(story),
            pygame.Rect(10, 10, iw - 20, ih - BUTTON[1] - 30),
            manager,
            container=window,
        )
        self.close_button = pygame_gui.elements.UIButton(
            pygame.Rect(iw - BUTTON[0] - 10, ih - BUTTON[1] - 10, *BUTTON),
            "Close ▶  [Enter]",
            manager,
            container=window,
            tool_tip_text="Back to the game (Enter or Esc)",
            object_id=ObjectID(class_id="@primary"),
            command=lambda: self.app.defer(self.close),
        )
        self.inbox_button = None
        if story_has_requests(story):
            self.inbox_button = pygame_gui.elements.UIButton(
                pygame.Rect(iw - 2 * BUTTON[0] - 20, ih - BUTTON[1] - 10, *BUTTON),
                "Open the inbox ▸  [I]",
                manager,
                container=window,
                tool_tip_text="Close the report and decide this week's campaign requests (I)",
                command=lambda: self.app.defer(self.to_inbox),
            )
        self.window = window
        self.app.request_screenshot()

    def to_inbox(self) -> None:
        """Close the report and open the inbox over the screen it was read on: the week's
        campaign requests one click on, and Esc (Back) returns to where the week began."""
        self.close()
        if self.app.screen is None or self.app.screen.name != "inbox":
            self.app.push("inbox")

    # ------------------------------------------------------------------ input
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Keys while open: Enter/Esc close, ↑/↓ and Page Up/Down scroll, F1 and Ctrl+S work
        as everywhere; every other key is swallowed (N or Space must not end another week
        with the report unread). Mouse events go on to pygame_gui (the window blocks the
        rest), never to the screen below."""
        if not self.is_open or event.type != pygame.KEYDOWN:
            return False
        app = self.app
        if event.key == pygame.K_F1 or event.unicode == "?":
            app.help_visible = not app.help_visible
        elif app.help_visible and event.key == pygame.K_ESCAPE:
            app.help_visible = False
        elif event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            app.save_now()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
            self.close()
        elif event.key == pygame.K_i and self.inbox_button is not None:
            self.to_inbox()
        elif event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = SCROLL_LINES * (4 if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) else 1)
            self.scroll(-step if event.key in (pygame.K_UP, pygame.K_PAGEUP) else step)
        return True

    def scroll(self, by: float) -> None:
        """Scroll the text by a share of its length (nothing when it fits)."""
        bar = getattr(self.text, "scroll_bar", None)
        if bar is None:
            return
        bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + by)))

    # ------------------------------------------------------------------ reading
    def targets(self) -> dict[str, pygame.Rect]:
        """The report's clickable things, for autoplay and tests."""
        if not self.is_open or self.close_button is None:
            return {}
        found = {"report_close": self.close_button.rect.copy()}
        if self.inbox_button is not None:
            found["report_inbox"] = self.inbox_button.rect.copy()
        return found

    def html(self) -> str:
        """The text shown (tests read it)."""
        return self.text.html_text if self.text is not None else ""
