"""Whatever runs the window besides a person: the App calls its drivers, it does not know them.

A driver gets two calls a frame: `before_frame` (post the events a person would have made:
autoplay) and `after_frame` (the frame is drawn: a photographer saves it). The App keeps only
the signal both need, `App.fresh`: something new came on screen this frame (a screen, a week
report, the debrief's expert game). `kamsim play` builds the drivers from its flags
(`drivers_for`), tests and benchmarks hand in their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pygame

if TYPE_CHECKING:
    from kamsim.ui.app import App, Options


class Driver(Protocol):
    def before_frame(self, app: App) -> None:
        """Before the frame's events are handled."""

    def after_frame(self, app: App) -> None:
        """After the frame is drawn and shown."""


class Photographer:
    """Saves every frame that shows something new as DIR/<screen>-<counter>.png."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.counter = 0

    def before_frame(self, app: App) -> None:
        return None

    def after_frame(self, app: App) -> None:
        if app.fresh:
            self.photograph(app)

    def photograph(self, app: App) -> Path | None:
        if app.screen is None:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        self.counter += 1
        name = "week_report" if app.report.is_open else app.screen.name
        path = self.folder / f"{name}-{self.counter:03d}.png"
        pygame.image.save(app.window, str(path))
        return path


def drivers_for(app: App, options: Options) -> list[Driver]:
    """The drivers `kamsim play`'s flags ask for (autoplay, screenshots), in calling order."""
    drivers: list[Driver] = []
    if options.autoplay:
        from kamsim.ui.autoplay import AutoPlayer

        drivers.append(AutoPlayer(app, options.autoplay, options.seed))
    if options.screenshots is not None:
        drivers.append(Photographer(options.screenshots))
    return drivers
