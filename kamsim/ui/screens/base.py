"""What every screen is: widgets built on `enter`, events in, state updated, then drawn.

`draw` never changes state. Button commands are deferred to the end of the frame's event
handling (`app.defer`) so a button may switch screens without pulling widgets out from under
pygame_gui while it is still dispatching the click.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer

from kamsim.ui import theme

if TYPE_CHECKING:
    from kamsim.ui.app import App
    from kamsim.ui.controller import GameController


class Screen:
    """Base class: subclasses set `name`, `title`, `shortcuts` and fill `build`/`refresh`."""

    name = "screen"
    title = ""
    in_game = True  # shows the top bar and status line
    shortcuts: tuple[tuple[str, str], ...] = ()

    def __init__(self, app: App, **params: Any) -> None:
        self.app = app
        self.params = params
        self.root: UIContainer | None = None
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self._seen_revision = -1

    @property
    def asking(self) -> bool:
        """A question is on screen that Enter answers (a decline, an agreement)."""
        return False

    # ------------------------------------------------------------------ lifecycle
    @property
    def controller(self) -> GameController:
        assert self.app.controller is not None
        return self.app.controller

    @property
    def rect(self) -> pygame.Rect:
        """The area this screen may use (below the top bar, above the status line)."""
        return self.app.content_rect(self.in_game)

    def enter(self) -> None:
        self.root = UIContainer(self.rect, self.app.manager)
        self.buttons, self.entries = {}, {}
        self.build()
        self._seen_revision = -1

    def exit(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    def rebuild(self) -> None:
        self.exit()
        self.enter()

    def build(self) -> None:
        """Create the widgets (positions relative to `self.rect`)."""

    def refresh(self) -> None:
        """Bring widget texts and cached drawings up to date with the controller's view."""

    def state(self) -> dict[str, Any]:
        """What the autosave sidecar stores so resuming reopens this screen."""
        return {"screen": self.name, **self.params}

    # ------------------------------------------------------------------ frame
    def handle_event(self, event: pygame.event.Event) -> bool:
        return False

    def update(self, dt: float) -> None:
        if self.app.controller is not None and self._seen_revision != self.controller.revision:
            self._seen_revision = self.controller.revision
            self.refresh()
        elif self._seen_revision == -1:
            self._seen_revision = 0
            self.refresh()

    def draw(self, surface: pygame.Surface) -> None:
        """Custom drawing under the widgets; must only read state."""

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Drawing above the widgets (hover tooltips of custom-drawn things)."""

    def targets(self) -> dict[str, pygame.Rect]:
        """Named clickable areas in window coordinates, for autoplay and tests."""
        found = {name: b.rect.copy() for name, b in self.buttons.items() if b.visible}
        found.update({f"entry_{name}": e.rect.copy() for name, e in self.entries.items()})
        return found

    # ------------------------------------------------------------------ widget helpers
    def button(
        self,
        name: str,
        rect: tuple[int, int, int, int],
        text: str,
        command: Callable[[], None],
        tip: str | None = None,
        cls: str | None = None,
    ) -> pygame_gui.elements.UIButton:
        """A button whose command runs after this frame's events (see module docstring).

        A label wider than the button (a large text size, a narrow window) is cut with "…"
        and said whole in the tooltip; pygame_gui would cut it mid-letter without a sign."""
        shown = fit_label(text, rect[2], cls)
        button = pygame_gui.elements.UIButton(
            pygame.Rect(rect),
            shown,
            self.app.manager,
            container=self.root,
            tool_tip_text=_tip(text, shown, tip),
            # a class id only: per-widget object ids grow pygame_gui's theming cache forever
            object_id=ObjectID(class_id=f"@{cls}") if cls else None,
            command=lambda: self.app.defer(command),
        )
        button.full_text, button.own_tip = text, tip  # what set_text and set_tip keep
        self.buttons[name] = button
        return button

    def entry(
        self, name: str, rect: tuple[int, int, int, int], placeholder: str = ""
    ) -> pygame_gui.elements.UITextEntryLine:
        line = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(rect),
            self.app.manager,
            container=self.root,
            placeholder_text=placeholder,
        )
        self.entries[name] = line
        return line

    def text_box(self, html: str, rect: tuple[int, int, int, int]) -> pygame_gui.elements.UITextBox:
        return pygame_gui.elements.UITextBox(
            html, pygame.Rect(rect), self.app.manager, container=self.root
        )


def set_text(button: pygame_gui.elements.UIButton, text: str) -> None:
    """A new label, cut to fit as `Screen.button` does (the whole of it then leads the
    tooltip); only when the text really changes (the top bar sets its labels every frame,
    and pygame_gui's set_text is slow)."""
    if getattr(button, "full_text", None) == text:
        return
    shown = fit_label(text, button.rect.width, _class(button))
    if button.text != shown:
        button.set_text(shown)
    button.full_text = text
    _show_tip(button)


def set_tip(button: pygame_gui.elements.UIButton, tip: str | None) -> None:
    """Change a button's tooltip (only when it really changes, like `set_text`)."""
    button.own_tip = tip
    _show_tip(button)


def _tip(full: str, shown: str, tip: str | None) -> str | None:
    """The tooltip of a button: a label that was cut to fit is said whole at its start."""
    if full == shown:
        return tip
    return f"{full}: {tip}" if tip else full


def _show_tip(button: pygame_gui.elements.UIButton) -> None:
    # A button made outside `Screen.button` (the top bar's) has its own tooltip as given.
    button.own_tip = getattr(button, "own_tip", button.tool_tip_text)
    tip = _tip(getattr(button, "full_text", button.text), button.text, button.own_tip)
    if button.tool_tip_text != tip:
        button.set_tooltip(tip)


def _class(button: pygame_gui.elements.UIButton) -> str | None:
    class_id = (getattr(button, "class_ids", None) or [None])[-1]
    return class_id.removeprefix("@") if isinstance(class_id, str) else None


def set_selected(button: pygame_gui.elements.UIButton, selected: bool) -> None:
    if selected and not button.is_selected:
        button.select()
    elif not selected and button.is_selected:
        button.unselect()


def esc(s: str) -> str:
    """Escape text for pygame_gui's HTML-ish text boxes."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def coloured(html: str, colour: tuple[int, int, int], pixel_size: int | None = None) -> str:
    """Text (already escaped) in a theme colour, and a size, for pygame_gui's text boxes."""
    hex_colour = "#{:02X}{:02X}{:02X}".format(*colour)
    size = f" pixel_size={pixel_size}" if pixel_size else ""
    return f"<font color='{hex_colour}'{size}>{html}</font>"


__all__ = ["Screen", "coloured", "esc", "set_selected", "set_text", "set_tip", "theme"]


BUTTON_FONTS = {"primary": (14, True), "nav": (13, True), "toggle": (12, False)}
BUTTON_PADDING = 14  # the theme's text padding, both sides, and a pixel of border each


def _button_font(cls: str | None) -> tuple[int, bool]:
    return BUTTON_FONTS.get(cls or "", (13, False))


def fit_label(text: str, width: int, cls: str | None = None) -> str:
    """The label as it fits a button `width` pixels wide (the theme's font for its class)."""
    return theme.fit(text, width - BUTTON_PADDING, *_button_font(cls))


def label_width(text: str, cls: str | None = None) -> int:
    """The width a button of class `cls` needs to show `text` whole."""
    return theme.font(*_button_font(cls)).size(text)[0] + BUTTON_PADDING
