"""Title and scenario picker: bundled and trainer scenarios, a seed, and saved games to resume."""

from __future__ import annotations

import time

import pygame

from kamsim.errors import UserError
from kamsim.ui import games, paths, theme
from kamsim.ui.screens.base import Screen, set_selected
from kamsim.ui.widgets import draw

MAX_SAVES = 8


class TitleScreen(Screen):
    name = "title"
    title = "Title and scenario picker"
    in_game = False
    shortcuts = (
        ("↑ / ↓", "choose a scenario"),
        ("Enter", "start a new game on the chosen scenario"),
        ("R", "resume the most recent saved game"),
    )

    def build(self) -> None:
        self.entries_found = games.available()
        self.saves = paths.list_saves()[:MAX_SAVES]
        default = self.params.get("selected") or self.app.options.default_source
        ids = [e.source for e in self.entries_found]
        self.selected = ids.index(default) if default in ids else 0
        self.message = self.params.get("message", "")
        w, h = self.rect.size
        col = scenario_column(w)
        x0, y = 40, 150
        for i, entry in enumerate(self.entries_found):
            label = _entry_label(entry)
            shown = theme.fit(label, col - 22, 13)  # cut only in a narrow window …
            tip = _entry_tip(entry) if shown == label else f"{label}: {_entry_tip(entry)}"
            button = self.button(
                f"scenario_{i}", (x0, y, col, 52), shown, lambda i=i: self._select(i), tip,
                "toggle",
            )  # fmt: skip
            if entry.scenario is None:
                button.disable()
            y += 58
        y += 10
        self.seed_y = y
        seed = self.entry("seed", (x0 + 60, y, 120, 32), "seed")
        seed.set_text(str(self.params.get("seed", self.app.options.seed)))
        self.button(
            "new_game",
            (x0 + 200, y - 2, col - 200, 36),
            "New game ▶  [Enter]",
            self._new_game,
            "Start the chosen scenario with this seed",
            "primary",
        )
        self._build_saves(x0 + col + 60, w - (x0 + col + 60) - 40)
        self.button("quit", (w - 140, h - 56, 100, 36), "Quit", self.app.quit, "Close the game")
        self._select(self.selected)

    def _build_saves(self, x: int, width: int) -> None:
        y = 150
        for i, save in enumerate(self.saves):
            button = self.button(
                f"resume_{i}",
                (x, y, width, 40),
                _save_label(save),
                lambda s=save: self._resume(s.path),
                save.problem or _save_tip(save),
                "toggle",
            )
            if save.problem:
                button.disable()
            y += 46

    # ------------------------------------------------------------------ commands
    def _select(self, index: int) -> None:
        self.selected = index
        for i in range(len(self.entries_found)):
            set_selected(self.buttons[f"scenario_{i}"], i == index)

    def _new_game(self) -> None:
        if not self.entries_found:
            self.message = "No scenarios found."
            return
        entry = self.entries_found[self.selected]
        text = self.entries["seed"].get_text().strip() or "1"
        if not text.isdigit():
            self.message = f"The seed must be a whole number of 0 or more, not '{text}'."
            return
        try:
            controller = games.new_game(entry.source, int(text))
        except UserError as err:
            self.message = str(err)
            return
        self.app.start(controller, "briefing")

    def _resume(self, path: object) -> None:
        try:
            controller = games.resume_game(path)  # type: ignore[arg-type]
        except UserError as err:
            self.message = str(err)
            return
        state = dict(controller.ui_state)
        screen = state.pop("screen", "dashboard")
        for key in ("source", "week"):
            state.pop(key, None)
        if screen not in self.app.screens or screen == "title":
            screen = "dashboard"
        if controller.finished:
            screen, state = "debrief", {}
        self.app.start(controller, screen, **state)

    # ------------------------------------------------------------------ frame
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_UP, pygame.K_DOWN) and self.entries_found:
            step = 1 if event.key == pygame.K_DOWN else -1
            self._select((self.selected + step) % len(self.entries_found))
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.defer(self._new_game)
            return True
        if event.key == pygame.K_r and self.saves and self.saves[0].problem is None:
            self.app.defer(lambda: self._resume(self.saves[0].path))
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        col = scenario_column(w)
        draw.label(surface, "kamsim", (40, 28), 40, theme.TEXT, True)
        draw.label(
            surface, "A year as a pharmaceutical Key Account Manager", (40, 84), 16, theme.MUTED
        )
        draw.label(surface, "Choose a scenario", (40, 122), 15, theme.ACCENT, True)
        draw.label(surface, "Seed", (40, self.seed_y + 6), 14, theme.TEXT)
        draw.label(
            surface,
            "Same scenario + seed = the same world (fair comparisons).",
            (40, self.seed_y + 42),
            12,
            theme.MUTED,
        )
        x = 40 + col + 60
        draw.label(surface, "Saved games: resume, or open a debrief", (x, 122), 15, theme.ACCENT,
                   True)  # fmt: skip
        if not self.saves:
            draw.label(
                surface,
                "No saved games yet: games save every week and on quit.",
                (x, 152),
                13,
                theme.MUTED,
            )
        folder = paths.user_scenarios_dir()
        draw.label(
            surface,
            f"Your own scenarios: put YAML files in {folder}",
            (40, h - 50),
            12,
            theme.MUTED,
            width=w - 220,
        )
        if self.message:
            rect = pygame.Rect(40, self.seed_y + 70, col, h - self.seed_y - 130)
            draw.paragraph(surface, "✕ " + self.message, rect, 13, theme.BAD)


def _save_label(save: paths.SaveInfo) -> str:
    """A saved game as the list shows it: the scenario's title, and where the year stands
    (a finished game says so, with the total its debrief gave, rather than offering a resume)."""
    if save.problem is not None:
        return f"{save.path.name}: unreadable"
    when = time.strftime("%d %b %H:%M", time.localtime(save.mtime)) if save.mtime else ""
    name = save.title or save.scenario_id
    if save.finished:
        score = f" · score {save.score:.0f}" if save.score is not None else ""
        return f"{name} · seed {save.seed} · finished{score} · {when}"
    return f"{name} · seed {save.seed} · week {save.week} · {when}"


def _save_tip(save: paths.SaveInfo) -> str:
    if save.finished:
        return f"Open the debrief of this finished game ({save.path.name})"
    return f"Resume {save.path.name} where you left it"


def _entry_label(entry: games.ScenarioEntry) -> str:
    if entry.scenario is None:
        name = entry.source.replace("\\", "/").rsplit("/", 1)[-1]  # the path is in the tooltip
        return f"✕ {name} ({entry.origin}): has errors"
    meta = entry.scenario.meta
    return (
        f"{meta.title} — {meta.difficulty.value}, {meta.duration_weeks} weeks, "
        f"{len(entry.scenario.accounts)} accounts"
    )


def scenario_column(width: int) -> int:
    """The scenario list's width: a bundled scenario's one-line label needs about 590 px;
    the saved games to the right keep at least 420."""
    return min(620, width - 480)


def _entry_tip(entry: games.ScenarioEntry) -> str:
    if entry.scenario is None:
        return f"{entry.source}: {entry.problem or 'cannot be loaded'}"
    meta = entry.scenario.meta
    return f"{meta.therapy_area} ({entry.origin}: {entry.source})"
