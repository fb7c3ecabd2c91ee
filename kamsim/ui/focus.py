"""A keyboard path to every action: Tab and Shift+Tab walk a focus ring over the buttons on
screen (the top bar's too) in reading order, Enter presses the one in focus.

The shortcut keys of each screen stay the quick way; this is the complete way, for a player
who cannot use a mouse. Pressing is a posted left click at the button's centre, so a key press
does exactly what a click does (pygame_gui runs the button's command). The ring goes away when
the mouse is clicked or the screen changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from kamsim.ui import theme

if TYPE_CHECKING:
    from kamsim.ui.app import App

Button = pygame_gui.elements.UIButton


class Focus:
    def __init__(self, app: App) -> None:
        self.app = app
        self.button: Button | None = None
        self._screen: object = None  # the screen the focus belongs to

    def buttons(self) -> list[Button]:
        """The buttons a player can press now, top to bottom, left to right."""
        app, screen = self.app, self.app.screen
        found = list(screen.buttons.values()) if screen is not None else []
        if screen is not None and screen.in_game:
            found += list(app.hud.buttons.values())
        usable = [b for b in found if b.alive() and b.visible and b.is_enabled]
        return sorted(usable, key=lambda b: (b.rect.y, b.rect.x))

    def current(self) -> Button | None:
        if self._screen is not self.app.screen or (
            self.button is not None and not self.button.alive()
        ):
            self.button = None
        return self.button

    def move(self, step: int) -> None:
        buttons = self.buttons()
        if not buttons:
            self.button = None
            return
        now = self.current()
        at = buttons.index(now) if now in buttons else (-1 if step > 0 else 0)
        self.button = buttons[(at + step) % len(buttons)]
        self._screen = self.app.screen

    def press(self) -> bool:
        """Press the button in focus (False when none is)."""
        button = self.current()
        if button is None:
            return False
        pos = button.rect.center
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            event = pygame.event.Event(kind, pos=pos, button=1, touch=False, focus=True)
            pygame.event.post(event)
        return True

    def clear(self) -> None:
        self.button = None

    def draw(self, surface: pygame.Surface) -> None:
        button = self.current()
        if button is not None:
            pygame.draw.rect(surface, theme.WARN, button.rect.inflate(6, 6), 2, border_radius=6)
