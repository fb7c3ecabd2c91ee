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
from kamsim.sim import Outcome, Simulation, View
from kamsim.sim.save import save_text
from kamsim.ui import memory
from kamsim.ui.asked import Asked, AskedIndex
from kamsim.ui.costs import ActionCosts
from kamsim.ui.drafts import SIDECAR_KEY, DraftBook
from kamsim.ui.paths import sidecar_path, sidecar_text
from kamsim.ui.saver import BackgroundWriter
from kamsim.ui.week_story import (
    WeekStory,
    coming_keys,
    entries_between,
    slips_known,
    week_story,
)
from kamsim.ui.words import Lexicon

NEXT_EVENT_MAX_WEEKS = 8  # "advance to next event" never jumps further than this in one go


@dataclass(frozen=True)
class FeedItem:
    """A line of the trainee's journal: what happened, when, and whether it went well."""

    week: int
    kind: str  # "ok", "refused", "news", "info"
    text: str
    dated: bool = False  # the text says its own weeks ("Week 8: …"): no "week N:" before it


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
        self.drafts = DraftBook()  # the planning board's drafts, saved with the UI state
        self.costs = ActionCosts(sim.scenario.dynamics)
        self.words = Lexicon(sim.scenario)  # ids in the game's own texts → names
        self._ui_state: dict[str, Any] = {}
        self._analysed: tuple[int, dict[str, set[str]]] = (-1, {})
        self._asked = AskedIndex()
        self._view: View | None = None
        self._news_seen = len(self.view.news)
        # Slips a report has told (a resumed game does not tell again what its reviews found)
        self._slips_told = slips_known(self.view)
        self._coming_told: frozenset[str] = frozenset()  # the last shown report's "coming up"
        self.last_story: WeekStory | None = None  # what the last advance brought, for the report
        self._settled = False  # memory.settle() has run for this game (at its first advance)

    # ------------------------------------------------------------------ UI state
    @property
    def ui_state(self) -> dict[str, Any]:
        """Where the trainee is (screen and its parameters), for the sidecar and resuming."""
        return self._ui_state

    @ui_state.setter
    def ui_state(self, state: dict[str, Any]) -> None:
        """A screen's state, or a whole sidecar read back on resume: the drafts in a sidecar
        go to `drafts` (a screen's state has none, and never wipes them)."""
        state = dict(state)
        if SIDECAR_KEY in state:
            self.drafts = DraftBook.from_json(state.pop(SIDECAR_KEY))
        self._ui_state = state

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

    def asked(self, account: str, person: str) -> dict[str, Asked]:
        """The questions the trainee put to this person, each with its last week and answer."""
        return self._asked.of(self.sim.log, account, person)

    def analysed(self, account: str) -> set[str]:
        """The analysis kinds (desk research, mapping) the trainee has done at the account:
        their own record, so a button can say that doing it again finds nothing new."""
        log = self.sim.log
        if self._analysed[0] != len(log):
            done: dict[str, set[str]] = {}
            for entry in log:
                action = entry.data.get("action") if entry.kind == "action" else None
                if isinstance(action, dict) and isinstance(action.get("account"), str):
                    done.setdefault(action["account"], set()).add(str(action.get("kind")))
            self._analysed = (len(log), done)
        return set(self._analysed[1].get(account, ()))

    def scorecard(self) -> dict[str, Any]:
        """The debrief's assessment of this game; a finished game is scored once."""
        if self._scorecard is None or self._scorecard[0] != len(self.sim.log):
            self._scorecard = (len(self.sim.log), scorecard_of(self.sim))
            if self.sim.finished:
                self.autosave()  # the sidecar keeps the total, for the list of saved games
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
            done = f"Done: {self.words.action(dict(action))}"
            lines = [self.words.humanise(m) for m in outcome.messages] or [done]
            if outcome.days:
                lines[-1] += f" ({outcome.days:g} field day{'s' if outcome.days != 1 else ''})"
            self.feed.extend(FeedItem(week, "ok", line) for line in lines)
        else:
            reason = self.words.humanise(str(outcome.reason))
            self.feed.append(FeedItem(week, "refused", f"Not possible: {reason}"))
        return outcome

    def note(self, kind: str, text: str) -> None:
        """A UI-side message for the journal (e.g. a form filled in wrongly)."""
        self.feed.append(FeedItem(self.sim.week, kind, text))

    def advance_week(self) -> list[dict[str, Any]]:
        """Run the world one week on, autosave, and return the news it brought.

        `last_story` then tells that week (`kamsim.ui.week_story`): the report the window
        shows, and a line in the journal.
        """
        if self.sim.finished:
            return []
        week = self.sim.week
        news = self._advance_one()
        self._tell(self.story_of(week, week))
        return news

    def advance_to_next_event(self) -> list[dict[str, Any]]:
        """Advance week by week until a week that matters, and return all the news it brought.

        A week matters when its story says so (`WeekStory.pause`): a committee or tender
        decision, news, a delivery, a slip shown, a campaign run undecided or arriving, a dated
        event this week, or month figures that moved. The check runs after every single week,
        so it can never run past a committee's decision; at most NEXT_EVENT_MAX_WEEKS weeks
        go by. `last_story` tells all the weeks that passed.
        """
        start = self.sim.week
        news: list[dict[str, Any]] = []
        for _ in range(NEXT_EVENT_MAX_WEEKS):
            if self.sim.finished:
                break
            week = self.sim.week
            news.extend(self._advance_one())
            if self.story_of(week, week).pause:
                break
        if self.sim.week > start:
            self._tell(self.story_of(start, self.sim.week - 1))
        return news

    def story_of(self, first: int, last: int) -> WeekStory:
        """The story of weeks `first`…`last` as the trainee may know it (see `week_story`)."""
        entries = entries_between(self.sim.log, first, last + 1)  # + the monthly reviews
        return week_story(entries, self.view, self.words, first, last, self._slips_told,
                          self._coming_told)  # fmt: skip

    def shown(self, story: WeekStory) -> None:
        """The window showed this story's report: what it said is coming is told."""
        self._coming_told = coming_keys(story)

    def prepare(self) -> None:
        """Pay a game's one-off costs while it opens (the screen is changing anyway), not in
        the middle of a week turn: the no-action baseline the first month end would compute,
        and freezing the game's long-lived objects out of the weekly garbage collection."""
        self.sim.prepare_baseline()
        memory.settle()
        self._settled = True

    def _advance_one(self) -> list[dict[str, Any]]:
        self.sim.advance(self.sim.week + 1)
        self._changed()
        self.autosave()
        if not self._settled:  # the game's long-lived objects leave the weekly collection
            memory.settle()
            self._settled = True
        memory.release()
        return self._new_news()

    def _tell(self, story: WeekStory) -> None:
        """Keep the story for the report, say it in a line of the journal, and remember the
        slips it told so the next report does not tell them again."""
        self.last_story = story
        self._slips_told = self._slips_told | slips_known(self.view)
        self.feed.append(FeedItem(story.last, "info", story.headline(), dated=True))

    def autosave(self) -> None:
        """Write the save and the UI sidecar atomically (nothing when autosave is off)."""
        if self.save_path is None:
            return
        state = dict(self.ui_state, source=self.source, week=self.sim.week)
        state[SIDECAR_KEY] = self.drafts.to_json()
        if self.sim.finished and self._scorecard is not None:
            state["score"] = self._scorecard[1].get("total")
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
            text = self.words.humanise(f"{item['title']}: {item['text']}")
            self.feed.append(FeedItem(item["week"], "news", text))
        return fresh


def _timeline(sim: Simulation) -> list[tuple[int, bool, str, str]]:
    """Decisions in words, with the scenario's names: the game is over when this is shown, so
    even people the trainee never found are named, as in the HTML debrief."""
    words = Lexicon(sim.scenario)
    rows = []
    for entry in sim.log:
        if entry.kind == "action":
            messages = entry.data.get("messages") or [""]
            rows.append((entry.week, True, words.action(dict(entry.data["action"])),
                         words.humanise(str(messages[0]))))  # fmt: skip
        elif entry.kind == "refused":
            action = entry.data["action"]
            text = words.action(dict(action)) if isinstance(action, dict) else str(action)
            rows.append((entry.week, False, text, words.humanise(str(entry.data["reason"]))))
    return rows
