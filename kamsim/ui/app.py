"""The main loop and the screen stack.

One frame: the drivers' `before_frame` (autoplay posts its events), handle events (global
shortcuts, pygame_gui, the screen), run deferred button commands, update, draw, the drivers'
`after_frame` (a photographer saves a frame showing something new; `kamsim.ui.driver`).
Screens come and go through `show` (replace), `push` and `back` (Esc).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from kamsim.errors import UserError
from kamsim.ui import hud, preferences, theme
from kamsim.ui.controller import GameController
from kamsim.ui.driver import Driver, drivers_for
from kamsim.ui.focus import Focus
from kamsim.ui.screens import registry
from kamsim.ui.screens.base import Screen
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.week_report import WeekReport

MIN_SIZE = (1152, 680)  # the smallest window at which no screen overlaps or cuts text
FPS = 60
SAVE_RETRY_SECONDS = 3.0  # how often a failed autosave is tried again
TEXT_SIZE_KEYS = {pygame.K_EQUALS: 1, pygame.K_PLUS: 1, pygame.K_KP_PLUS: 1,
                  pygame.K_MINUS: -1, pygame.K_KP_MINUS: -1}  # fmt: skip
EXIT_NOT_SAVED = 4  # `kamsim play`'s exit code when the game on screen could not be saved
GLOBAL_SHORTCUTS = (
    ("F1 or ?", "show or hide this help"),
    ("D / I / C / K", "territory dashboard / brand inbox / calendar / KPI monitor"),
    ("N or Space", "next week (the world moves on; autosaved)"),
    ("Shift+N", "advance to the next event (never past a committee decision)"),
    ("Enter or Esc", "close the week report shown after a week with news"),
    ("Esc", "back to the previous screen"),
    ("Ctrl+S", "save now (the game also saves every week and on quit)"),
    ("Tab / Shift+Tab, Enter", "move to the next / previous button, press it"),
    ("Ctrl+plus / Ctrl+minus", "larger or smaller text (normal, large, larger; kept)"),
)


@dataclass
class Options:
    """How `kamsim play` asked the window to run."""

    controller: GameController | None = None
    start_screen: str = "title"
    start_params: dict[str, Any] | None = None
    default_source: str = "standard"
    seed: int = 1
    size: tuple[int, int] = (1280, 720)
    autoplay: str | None = None
    screenshots: Path | None = None
    max_frames: int | None = None
    fast: bool = False
    driven: bool = False  # events come from code (tests, benchmarks), not from a person
    text_size: str | None = None  # theme.TEXT_SIZES; None: the player's saved preference
    autoplay_stats: dict[str, int] | None = None  # filled in after an autoplay run

    @property
    def unattended(self) -> bool:
        """Nobody at the window to answer a question (code drives it, or it stops by itself)."""
        return self.driven or bool(self.autoplay) or self.max_frames is not None


class App:
    """The window, the pygame_gui manager, the HUD and the stack of screens."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.window = _open_window(
            options.size,
            unattended=options.unattended,
        )
        theme.set_text_size(options.text_size or preferences.text_size())
        self.manager = _manager(options.size)
        self.controller = options.controller
        self.stack: list[Screen] = []
        self.hud = hud.Hud(self)
        self.report = WeekReport(self)  # what the weeks just played brought (modal)
        self.focus = Focus(self)  # Tab / Enter: every button by keyboard
        self.screens = registry()
        self.help_visible = False
        self.memory: dict[str, Any] = {}  # small UI preferences kept across screens (sorting)
        self.running = True
        self.frame = 0
        self.fresh = False  # something new came on screen this frame (for the drivers)
        self._deferred: list[Callable[[], None]] = []
        self.drivers: list[Driver] = []  # run_app adds those the options ask for
        self.exit_code = 0
        self.confirm_quit = False  # the "quit without saving?" question is on screen
        self._since_retry = 0.0

    # ------------------------------------------------------------------ screens
    @property
    def screen(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def content_rect(self, in_game: bool = True) -> pygame.Rect:
        w, h = self.window.get_size()
        if not in_game:
            return pygame.Rect(0, 0, w, h)
        return pygame.Rect(0, hud.HEIGHT, w, h - hud.HEIGHT - hud.STATUS)

    def make(self, name: str, **params: Any) -> Screen:
        return self.screens[name](self, **params)

    def show(self, name: str, **params: Any) -> None:
        """Replace the current screen (the stack below it stays, for Esc)."""
        if self.screen is not None:
            self.screen.exit()
            self.stack.pop()
        self._enter(self.make(name, **params))

    def push(self, name: str, **params: Any) -> None:
        if self.screen is not None:
            self.screen.exit()
        self._enter(self.make(name, **params))

    def back(self) -> None:
        """Esc: the previous screen, or the dashboard when there is none."""
        if len(self.stack) > 1:
            self.stack.pop().exit()
            self._enter(self.stack.pop())
        elif self.controller is not None and self.screen and self.screen.name != "dashboard":
            self.show("dashboard")

    def go(self, name: str, **params: Any) -> None:
        """Open a top-level game screen: the stack restarts at the dashboard."""
        for screen in self.stack:
            screen.exit()
        self.stack = []
        if name != "dashboard":
            self.stack.append(self.make("dashboard"))
        self._enter(self.make(name, **params))

    def _enter(self, screen: Screen) -> None:
        self.stack.append(screen)
        if screen.in_game and not self.hud.buttons:
            self.hud.build()
        elif not screen.in_game:
            self.hud.kill()
        screen.enter()
        if self.controller is not None:
            self.controller.ui_state = screen.state()
        self.fresh = True

    def start(self, controller: GameController, screen: str = "briefing", **params: Any) -> None:
        """Begin playing a game (new or resumed) on the given screen.

        The screen comes from the save's sidecar, which may be from another version or edited
        by hand: one that cannot be reopened (unknown, or naming an account that is not in the
        game) lands on the dashboard with a word in the journal, never a crash.
        """
        self.controller = controller
        self.report.close()
        for choice in ("meeting_purpose", "planning_steps"):  # made in another game: not this one's
            self.memory.pop(choice, None)
        controller.prepare()  # its one-off costs now, not in the first weeks' turns
        account = params.get("account")
        known = {a.id for a in controller.view.accounts} | {"territory"}
        if screen not in self.screens or (account is not None and account not in known):
            self._reopen_failed(screen)
            return
        try:
            self.go(screen, **params)
        except (LookupError, TypeError, ValueError, StopIteration):
            self._reopen_failed(screen)

    def _reopen_failed(self, screen: str) -> None:
        for left in self.stack:
            left.exit()
        self.stack = []
        self.go("dashboard")
        if self.controller is not None:
            self.controller.note("info", f"The screen you left ({screen!r}) could not be "
                                         "reopened; here is the territory dashboard.")  # fmt: skip

    def show_title(self) -> None:
        """Leave the game (saved) for the scenario picker."""
        self.save_now()
        self.report.close()
        for screen in self.stack:
            screen.exit()
        self.stack = []
        self.controller = None
        self._enter(self.make("title"))

    # ------------------------------------------------------------------ commands
    def defer(self, command: Callable[[], None]) -> None:
        self._deferred.append(command)

    def hud_command(self, name: str) -> None:
        if name == "help":
            self.help_visible = not self.help_visible
        elif name == "next_week":
            self.next_week()
        elif name.startswith("nav_"):
            self.go(name[4:])

    def next_week(self, to_event: bool = False) -> None:
        """End the week (or run to the next event), then tell what it brought.

        The week report opens when the story is worth showing; a quiet week only says so in
        the status line. A finished game goes to the debrief, which tells the last week.
        """
        controller = self.controller
        if controller is None or self.report.is_open:
            return
        if controller.finished:  # nothing left to play: back to the debrief from anywhere
            self.go("debrief")
            return
        if to_event:
            controller.advance_to_next_event()
        else:
            controller.advance_week()
        if controller.finished:
            self.go("debrief")
            return
        story = controller.last_story
        # "Advance to the next event" says why it stopped, even where that was told before
        if story is not None and (story.worth_showing or (to_event and story.pause)):
            self.report.open(story)
            controller.shown(story)

    def save_now(self) -> None:
        if self.controller is not None:
            self.controller.autosave()

    def quit(self, force: bool = False) -> None:
        """Save and close; with the week not on disk, ask first (a person) or exit non-zero.

        A window driven by code (tests, autoplay, a frame limit) cannot answer the question,
        so it quits and reports the failure through the exit code instead.
        """
        self.save_now()
        controller = self.controller
        if controller is not None:
            controller.flush()
            failure = controller.save_failure
            if failure is not None:
                if not (force or self.confirm_quit or self.options.unattended):
                    self.confirm_quit = True
                    return
                self.exit_code = EXIT_NOT_SAVED
        self.running = False

    # ------------------------------------------------------------------ events
    def _typing(self) -> bool:
        focus = self.manager.get_focus_set() or set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus)

    def _global_key(self, event: pygame.event.Event) -> bool:
        key, mods = event.key, event.mod
        if key == pygame.K_F1 or (event.unicode == "?" and not self._typing()):
            self.help_visible = not self.help_visible
            return True
        if self.help_visible and key == pygame.K_ESCAPE:
            self.help_visible = False
            return True
        if key == pygame.K_s and mods & pygame.KMOD_CTRL:
            self.save_now()
            return True
        if mods & pygame.KMOD_CTRL and key in TEXT_SIZE_KEYS:
            self.step_text_size(TEXT_SIZE_KEYS[key])
            return True
        if self._typing() or self.controller is None or not (self.screen and self.screen.in_game):
            return False
        if key == pygame.K_ESCAPE:
            self.back()
            return True
        if key in (pygame.K_n, pygame.K_SPACE):
            self.next_week(to_event=bool(mods & pygame.KMOD_SHIFT))
            return True
        pages = {pygame.K_d: "dashboard", pygame.K_i: "inbox", pygame.K_c: "calendar",
                 pygame.K_k: "kpis"}  # fmt: skip
        if key in pages and not mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.go(pages[key])
            return True
        return False

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if self.confirm_quit:  # the question takes every key until it is answered
            if event.type == pygame.KEYDOWN:
                if event.key in (pygame.K_q, pygame.K_RETURN, pygame.K_KP_ENTER):
                    self.quit(force=True)
                elif event.key == pygame.K_ESCAPE:
                    self.confirm_quit = False
            return
        if event.type == pygame.VIDEORESIZE:
            self._resize(event.w, event.h)
            return
        if self.report.is_open:  # modal: keys to the report, the mouse to pygame_gui only
            if not self.report.handle_event(event):
                self.manager.process_events(event)
            return
        if event.type == pygame.MOUSEBUTTONDOWN and not getattr(event, "focus", False):
            self.focus.clear()  # a real click: the mouse is in charge again
        if event.type == pygame.KEYDOWN and not self._typing():
            if event.key == pygame.K_TAB:
                self.focus.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return
            enter = event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            if enter and not (self.screen and self.screen.asking) and self.focus.press():
                return  # a question on screen takes Enter first (it answers it)
            if self.screen and self.screen.handle_event(event):
                return  # the screen's own keys (e.g. table navigation) come first
            if self._global_key(event):
                return
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            self.help_visible = not self.help_visible
            return
        if self.manager.process_events(event):
            return
        if self.screen is not None and event.type != pygame.KEYDOWN:
            self.screen.handle_event(event)

    def step_text_size(self, step: int) -> None:
        """Ctrl+plus / Ctrl+minus: the next text size up or down, kept for the next session."""
        names = list(theme.TEXT_SIZES)
        at = names.index(theme.text_size())
        size = names[max(0, min(len(names) - 1, at + step))]
        if size != theme.text_size():
            self.set_text_size(size)
        if self.controller is not None:
            self.controller.note("info", f"Text size: {size} (Ctrl+plus / Ctrl+minus).")

    def set_text_size(self, size: str) -> None:
        """Every font made again at the new size, and everything on screen rebuilt with it
        (pygame_gui fixes its fonts per manager, so the widgets move to a new one)."""
        if self.screen is not None:
            self.screen.exit()
        self.hud.kill()
        theme.set_text_size(size)
        preferences.save_text_size(size)
        self.manager = _manager(self.window.get_size())
        if self.screen is not None:
            if self.screen.in_game:
                self.hud.build()
            self.screen.enter()
        self.report.rebuild()

    def _resize(self, w: int, h: int) -> None:
        size = (max(MIN_SIZE[0], w), max(MIN_SIZE[1], h))
        if self.window.get_size() != size:
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager.set_window_resolution(size)
        if self.screen is not None:
            if self.screen.in_game:
                self.hud.build()
            self.screen.rebuild()
        self.report.rebuild()

    # ------------------------------------------------------------------ frame
    def step(self, dt: float) -> None:
        """One frame (tests call this directly)."""
        for driver in self.drivers:
            driver.before_frame(self)
        for event in pygame.event.get():
            self._handle(event)
        while self._deferred:
            self._deferred.pop(0)()
        if self.screen is not None:
            self.screen.update(dt)
        self._watch_save(dt)
        self.hud.update()
        self.manager.update(dt)  # after the screens so selections show in this very frame
        self.draw(self.window)
        pygame.display.flip()
        for driver in self.drivers:
            driver.after_frame(self)
        self.fresh = False
        self.frame += 1

    def _watch_save(self, dt: float) -> None:
        """Show an autosave failure at once and keep trying to write the game."""
        controller = self.controller
        if controller is None or controller.check_save() is None:
            self._since_retry = 0.0
            if self.confirm_quit:  # saved after all while the question was up: quit as asked
                self.confirm_quit = False
                self.running = False
            return
        self._since_retry += dt
        if self._since_retry >= SAVE_RETRY_SECONDS:
            self._since_retry = 0.0
            controller.retry_save()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BG)
        screen = self.screen
        if screen is not None:
            screen.draw(surface)
        if screen is not None and screen.in_game:
            self.hud.draw(surface)
            self.hud.draw_status(surface)
        self.manager.draw_ui(surface)
        if screen is not None:
            screen.draw_overlay(surface)
        self.focus.draw(surface)
        if self.help_visible:
            self._draw_help(surface)
        if self.confirm_quit:
            self._draw_quit_question(surface)

    def _draw_quit_question(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((8, 10, 16, 225))
        surface.blit(shade, (0, 0))
        rect = pygame.Rect(0, 0, min(720, surface.get_width() - 40), 150)
        rect.center = surface.get_rect().center
        inner = draw.panel(surface, rect, "Quit without saving?")
        failure = self.controller.save_failure if self.controller is not None else None
        text = (
            f"The game could not be saved: {failure}. If you quit now, the weeks since the "
            "last save are lost. Free some space or fix the folder, and kamsim saves on its "
            "own within seconds. Q or Enter: quit anyway. Esc: keep playing."
        )
        draw.paragraph(surface, text, inner, 14, theme.TEXT)

    def _draw_help(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((8, 10, 16, 215))
        surface.blit(shade, (0, 0))
        rect = pygame.Rect(0, 0, min(860, surface.get_width() - 40), 520).move(0, 0)
        rect.center = surface.get_rect().center
        inner = draw.panel(surface, rect, "Help — keyboard shortcuts (F1, ? or Esc closes)")
        y = inner.y + 4
        screen = self.screen
        sections = [("Everywhere", GLOBAL_SHORTCUTS)]
        if screen is not None and screen.shortcuts:
            sections.insert(
                0, (f"On this screen ({screen.title or screen.name})", screen.shortcuts)
            )
        # The keys' column is as wide as its longest entry (up to 40 % of the panel), so a
        # screen's "click …" entries are read whole, not cut.
        bold = theme.font(13, True)
        widest = max(bold.size(keys)[0] for _, rows in sections for keys, _ in rows)
        col = min(max(170, widest), int(inner.width * 0.4))
        for heading, rows in sections:
            draw.label(surface, heading, (inner.x, y), 14, theme.ACCENT, True)
            y += 24
            for keys, what in rows:
                draw.label(surface, keys, (inner.x + 10, y), 13, theme.WARN, True, width=col)
                draw.label(surface, what, (inner.x + col + 20, y), 13, theme.TEXT,
                           width=inner.width - col - 20)  # fmt: skip
                y += 21
            y += 8
        tips = (
            "How to play: study the territory, dig for facts (desk research, mapping, "
            "meetings with the right questions), tier your accounts, then write a plan "
            "for each key account and agree it with the people who decide. Hold back "
            "campaigns that would overload your customers. Every week you end moves the "
            "world on; the debrief at the end scores what you did and why."
        )
        draw.paragraph(
            surface, tips, pygame.Rect(inner.x, y, inner.width, inner.bottom - y), 13, theme.MUTED
        )

    def request_screenshot(self) -> None:
        """Say that something new is on screen (a photographer saves this frame; autoplay
        asks for the debrief once the expert has played)."""
        self.fresh = True

    def run(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            dt = clock.tick(0 if self.options.fast else FPS) / 1000.0
            self.step(dt)
            if self.options.max_frames is not None and self.frame >= self.options.max_frames:
                self.quit()
        return self.exit_code


NO_DISPLAY = (
    "On a machine without a display, let a bot play through the screens with "
    "SDL_VIDEODRIVER=dummy and --autoplay, or play headless with `kamsim run`."
)
INVISIBLE_DRIVERS = ("offscreen", "dummy")


def _open_window(size: tuple[int, int], unattended: bool = False) -> pygame.Surface:
    """The resizable window, or a UserError explaining how to run without a display.

    Without a display SDL quietly falls back to an invisible driver; a game nobody can see
    would wait for clicks forever, so that is refused unless a bot or a frame limit drives it.
    """
    try:
        pygame.display.init()
        pygame.font.init()
        window = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as err:
        raise UserError(f"cannot open a game window ({err}). {NO_DISPLAY}") from None
    driver = pygame.display.get_driver()
    if driver in INVISIBLE_DRIVERS and not unattended:
        pygame.display.quit()
        raise UserError(f"no display to show the game on (video driver '{driver}'). {NO_DISPLAY}")
    pygame.display.set_caption("kamsim — Key Account Management")
    pygame.key.set_repeat(400, 40)
    return window


def _manager(size: tuple[int, int]) -> pygame_gui.UIManager:
    """pygame_gui's manager with the game's theme at the player's text size."""
    manager = pygame_gui.UIManager(size, theme.gui_theme())
    # The week report's heading and the sizes the facts' text box writes in (pixel_size),
    # those the theme did not load already (pygame_gui warns of a font found unloaded, and of
    # one loaded twice).
    fonts = manager.get_theme().get_font_dictionary()
    wanted = [(18, True)] + [(size, bold) for size in (11, 12, 13) for bold in (False, True)]
    for size, bold in wanted:
        if not fonts.check_font_preloaded(fonts.create_font_id(theme.scaled(size), "dejavu",
                                                               bold, False)):  # fmt: skip
            fonts.preload_font(theme.scaled(size), "dejavu", bold=bold)
    return manager


def run_app(options: Options) -> int:
    """Open the window on the start screen and play until the window closes."""
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # the game makes no sound
    app = App(options)
    try:
        if options.controller is not None:
            app.start(options.controller, options.start_screen, **(options.start_params or {}))
        else:
            app.show("title")
        app.drivers.extend(drivers_for(app, options))
        code = app.run()
        options.controller = app.controller  # the game played, however it was started
        for driver in app.drivers:
            stats = getattr(driver, "stats", None)
            if stats is not None:
                options.autoplay_stats = stats()
        return code
    finally:
        if app.controller is not None:
            app.controller.flush()  # never leave with an autosave half-way to disk
        pygame.quit()
        theme.reset()
