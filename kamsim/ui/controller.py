"""The one object that owns the game: the only place that submits, advances and saves.

Screens read `controller.view` (a cached `Simulation.view()`) and call the verbs here; they never
touch the Simulation. Autosave happens after every simulated week and on quit, atomically, with a
sidecar JSON remembering the screen, so a crash loses at most the current week.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim.reports.games import expert_game, scorecard_of
from kamsim.scenario.names import Names
from kamsim.sim import Outcome, Simulation, View
from kamsim.sim.save import save_text
from kamsim.ui import memory
from kamsim.ui.paths import sidecar_path, sidecar_text
from kamsim.ui.saver import BackgroundWriter

NEXT_EVENT_MAX_WEEKS = 8  # "advance to next event" never jumps further than this in one go


@dataclass(frozen=True)
class FeedItem:
    """A line of the trainee's journal: what happened, when, and whether it went well."""

    week: int
    kind: str  # "ok", "refused", "news", "info"
    text: str


class GameController:
    """Holds the Simulation for the screens; counts changes so screens rebuild only on change."""

    def __init__(self, sim: Simulation, save_path: Path | None, source: str = "") -> None:
        self.sim = sim
        self.save_path = save_path
        self.writer = BackgroundWriter()
        self._failures_noted = 0
        self._scorecard: tuple[int, dict[str, Any]] | None = None
        self._expert: dict[str, Any] | None = None
        self.source = source  # how to find the scenario again on resume (bundled id or path)
        self.revision = 0
        self.feed: list[FeedItem] = []
        self.last_outcome: Outcome | None = None
        self.ui_state: dict[str, Any] = {}
        self._view: View | None = None
        self._news_seen = len(self.view.news)

    # ------------------------------------------------------------------ reading
    @property
    def view(self) -> View:
        """What the trainee knows now; rebuilt only after something changed."""
        if self._view is None:
            self._view = self.sim.view()
        return self._view

    @property
    def week(self) -> int:
        return self.sim.week

    @property
    def finished(self) -> bool:
        return self.sim.finished

    @property
    def actions_submitted(self) -> int:
        return len(self.sim.history)

    def decisions(self) -> tuple[tuple[int, dict[str, Any]], ...]:
        """The trainee's own submissions (week, action): their decision timeline."""
        return self.sim.history

    def timeline(self) -> list[tuple[int, bool, str, str]]:
        """The trainee's decisions as (week, accepted, the action in words, reason or reply)."""
        return _timeline(self.sim)

    def scorecard(self) -> dict[str, Any]:
        """The debrief's assessment of this game; a finished game is scored once."""
        if self._scorecard is None or self._scorecard[0] != len(self.sim.log):
            self._scorecard = (len(self.sim.log), scorecard_of(self.sim))
        return self._scorecard[1]

    def expert_what_if(self) -> dict[str, Any]:
        """The expert bot on the same scenario and seed: its scorecard and its decisions.

        Slow (a whole game); the debrief runs it on a worker thread, once per game.
        """
        if self._expert is None:
            expert = expert_game(self.sim.scenario, self.sim.seed)
            self._expert = {"card": scorecard_of(expert), "timeline": _timeline(expert)}
        return self._expert

    # ------------------------------------------------------------------ verbs
    def submit(self, action: Mapping[str, Any]) -> Outcome:
        """Submit one action and journal the answer (accepted or refused with its reason)."""
        outcome = self.sim.submit(action)
        self._changed()
        self.last_outcome = outcome
        week = self.sim.week
        if outcome.accepted:
            lines = list(outcome.messages) or [f"Done: {action.get('kind')}"]
            if outcome.days:
                lines[-1] += f" ({outcome.days:g} field day{'s' if outcome.days != 1 else ''})"
            self.feed.extend(FeedItem(week, "ok", line) for line in lines)
        else:
            self.feed.append(FeedItem(week, "refused", f"Not possible: {outcome.reason}"))
        return outcome

    def note(self, kind: str, text: str) -> None:
        """A UI-side message for the journal (e.g. a form filled in wrongly)."""
        self.feed.append(FeedItem(self.sim.week, kind, text))

    def advance_week(self) -> list[dict[str, Any]]:
        """Run the world one week on, autosave, and return the news it brought."""
        if self.sim.finished:
            return []
        self.sim.advance(self.sim.week + 1)
        self._changed()
        self.autosave()
        memory.release()
        return self._new_news()

    def advance_to_next_event(self) -> list[dict[str, Any]]:
        """Advance week by week until news, a campaign request or a dated event arrives."""
        news: list[dict[str, Any]] = []
        for _ in range(NEXT_EVENT_MAX_WEEKS):
            if self.sim.finished:
                break
            news = self.advance_week()
            view = self.view
            dated = any(e["week"] == view.week for e in view.calendar)
            if news or view.inbox or dated:
                break
        return news

    def autosave(self) -> None:
        """Write the save and the UI sidecar atomically (nothing when autosave is off)."""
        if self.save_path is None:
            return
        state = dict(self.ui_state, source=self.source, week=self.sim.week)
        self.writer.write([
            (self.save_path, save_text(self.sim)),
            (sidecar_path(self.save_path), sidecar_text(state)),
        ])  # fmt: skip

    @property
    def save_failure(self) -> str | None:
        """Why the game as it stands is not on disk (None when it is, or autosave is off)."""
        if self.save_path is None:
            return None
        return self.writer.failure

    def check_save(self) -> str | None:
        """Note a new autosave failure in the journal once, and try the failed write again.

        Called every frame or so by the window: a full disk is shown the moment it bites, and
        the game keeps trying, so freeing space is enough to get the save back.
        """
        failure = self.save_failure
        if failure is not None and self.writer.failures != self._failures_noted:
            self._failures_noted = self.writer.failures
            self.note("refused", f"Autosave failed: {failure}. The game is kept in memory; "
                                 "kamsim keeps trying to save it.")  # fmt: skip
        return failure

    def retry_save(self) -> None:
        if self.save_failure is not None:
            self.writer.retry()

    def flush(self) -> None:
        """Block until the last autosave is on disk (before quitting)."""
        self.writer.flush()

    # ------------------------------------------------------------------ internals
    def _changed(self) -> None:
        self._view = None
        self.revision += 1

    def _new_news(self) -> list[dict[str, Any]]:
        news = list(self.view.news)
        fresh = news[self._news_seen :]
        self._news_seen = len(news)
        for item in fresh:
            self.feed.append(FeedItem(item["week"], "news", f"{item['title']}: {item['text']}"))
        return fresh


def _timeline(sim: Simulation) -> list[tuple[int, bool, str, str]]:
    """Decisions in words, with the scenario's names: the game is over when this is shown, so
    even people the trainee never found are named, as in the HTML debrief."""
    names = Names(sim.scenario)
    rows = []
    for entry in sim.log:
        if entry.kind == "action":
            messages = entry.data.get("messages") or [""]
            rows.append((entry.week, True, names.action(dict(entry.data["action"])),
                         str(messages[0])))  # fmt: skip
        elif entry.kind == "refused":
            action = entry.data["action"]
            text = names.action(dict(action)) if isinstance(action, dict) else str(action)
            rows.append((entry.week, False, text, str(entry.data["reason"])))
    return rows
