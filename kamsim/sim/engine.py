"""The Simulation: one game on a simpy clock, driven only through actions.

Time is in days; week w spans days [7(w − 1), 7w). The trainee acts at the start of the current
week; `advance` runs the clock, and the world's processes fire on the last day of each week in a
fixed order (offsets below): dated and random events, campaign deadlines, project deliveries,
people's weekly drift, the month's uptake and KPIs (every 4th week and the last week), and the
refill of next week's field days. The standing monthly KPI reviews run as soon as a month's
figures are out, from the days the week left (or, with none left, first thing the next week).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any

import simpy
from pydantic import BaseModel, ValidationError

from kamsim.scenario.load import scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.sim import handlers, rules, world
from kamsim.sim.actions import Action, ReviewKpis, action_to_dict, canonical_action
from kamsim.sim.baseline import LazyBaseline
from kamsim.sim.effects import fire_reactions, reactions_by_action
from kamsim.sim.legal import candidates
from kamsim.sim.log import EventLog, LogEntry, digest, plain
from kamsim.sim.replies import Reply
from kamsim.sim.result import GameResult, build_result
from kamsim.sim.rng import Streams
from kamsim.sim.state import AccountState, Answer, World, new_world, scenario_catalog
from kamsim.sim.view import View, ViewCache, build_view

EVENTS, CAMPAIGNS, DELIVERIES, PEOPLE, MONTH, REFILL = 0.0, 0.1, 0.2, 0.5, 0.8, 0.9


@dataclass(frozen=True)
class Outcome:
    """The answer to a submitted action: accepted or refused, and what happened."""

    accepted: bool
    action: Mapping[str, Any]
    reason: str | None = None
    messages: tuple[str, ...] = ()
    revealed: tuple[str, ...] = ()
    days: float = 0.0
    # What the people said, in their words (a meeting's greeting and answers). Not logged:
    # dialogue is scenario content, and editing it must not change a game or its digest.
    replies: tuple[Reply, ...] = ()
    reactions: tuple[str, ...] = ()  # the messages of the scenario's reactions it set off

    def to_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "action": dict(self.action),
            "reason": self.reason,
            "messages": list(self.messages),
            "revealed": list(self.revealed),
            "days": self.days,
        }


class Simulation:
    """One game: `Simulation(scenario, seed)`, then `view`, `submit`, `advance`."""

    def __init__(self, scenario: Scenario, seed: int, *, counterfactual: bool = False) -> None:
        """`counterfactual=True` builds the no-action baseline game itself (no baseline).

        A scenario with parallel forms plays the form its seed draws: `template` is the
        scenario as written, `scenario` the one this game plays, `form` what was drawn.
        """
        self.template = scenario
        self.seed = seed
        scenario, self.form = scenario.for_seed(seed)
        self.scenario = scenario
        self._env = simpy.Environment()
        self._week = 1  # the week of `_env.now` (read a few times per action)
        self._core = world.Core(
            scenario,
            scenario_catalog(scenario),
            new_world(scenario),
            Streams(seed),
            EventLog(),
            None if counterfactual else LazyBaseline(scenario, seed),
        )
        world.settle(self._core)
        # This week's field days left. A plain number, not a simpy Container: nothing ever
        # waits for field days, and each get or put was an event for the clock to step through.
        self._days_left = self._days_available()
        self._week_days = self._days_left
        self._history: list[tuple[int, dict[str, Any]]] = []
        self._scenario_hash: str | None = None
        self._view_cache: ViewCache | None = None  # built on the first view (a baseline has none)
        self._accepted = 0  # accepted actions: with the week, what the view depends on
        self._last_view: tuple[tuple[int, int, int], View] | None = None
        # Accounts an accepted action may have changed since the last view was built; None
        # when anything may have (the clock moved, a campaign ran, a reaction fired).
        self._touched: set[str] | None = None
        start: dict[str, Any] = {"scenario": scenario.meta.id, "seed": seed}
        if self.form is not None:
            start["form"] = self.form.to_data()
        self._core.record(1, 0.0, "start", **start)
        self._start_processes()

    # ------------------------------------------------------------------ public surface
    @property
    def week(self) -> int:
        """The current week (1-based); duration + 1 once the game is over."""
        return self._week  # the clock moves only in `advance`, which keeps this up to date

    def prepare_baseline(self) -> None:
        """Compute the no-action baseline now instead of at the first month end, where it
        would stall that week's turn (the window does this while a game opens). Results do
        not change: the baseline is its own game on its own streams."""
        if self._core.baseline is not None:
            self._core.baseline.value()

    @property
    def finished(self) -> bool:
        return self.week > self.scenario.meta.duration_weeks

    @property
    def log(self) -> tuple[LogEntry, ...]:
        return self._core.log.entries

    @property
    def history(self) -> tuple[tuple[int, dict[str, Any]], ...]:
        """Every submission as (week, action dict): what a save file stores."""
        return tuple(self._history)

    @property
    def world(self) -> World:
        """The true state, for scoring, debriefs and tests. Never show it to the trainee."""
        return self._core.world

    @property
    def scenario_hash(self) -> str:
        """The scenario's content hash (computed once: saves cite it every week).

        Kept by hand, not with `functools.cached_property`: compiled (mypyc), that is a plain
        property and would hash the scenario at every call."""
        if self._scenario_hash is None:
            self._scenario_hash = scenario_hash(self.template)
        return self._scenario_hash

    def result(self) -> GameResult:
        """The game's frozen public end state (or its state so far): what scoring reads."""
        world = self._core.world
        months = [int(r["month"]) for r in world.kpis]  # type: ignore[call-overload]
        base: dict[str, dict[str, Any]] = {}
        decisions: tuple[Any, ...] = ()
        if months and self._core.baseline is not None:
            last = max(months)
            for name in [*world.accounts, "territory"]:
                record = self._core.baseline.record(last, name)
                if record is not None:
                    base[name] = record
            decisions = self._core.baseline.decisions
        return build_result(
            self.scenario, self.seed, self.finished, self.week, self.log, world, base, decisions
        )

    def digest(self) -> str:
        """SHA-256 of the canonical log: equal for equal games."""
        return digest(self.log)

    def view(self) -> View:
        """What the trainee knows now (never the hidden truth).

        Only accepted actions, the clock and a declined meeting request (the person is not
        asked again that week) change what the trainee sees; after any other refusal the
        previous view is still exact and is handed out again (views are immutable).
        """
        key = (self.week, self._accepted, self._core.world.declines)
        if self._last_view is None or self._last_view[0] != key:
            if self._view_cache is None:
                self._view_cache = ViewCache(self.scenario)
            view = build_view(
                self.scenario,
                self._core.world,
                self._core.catalog,
                self.week,
                self._days_left,
                self._view_cache,
                self._touched,
            )
            self._last_view = (key, view)
            self._touched = set()
        return self._last_view[1]

    def legal_actions(self) -> list[Action]:
        """A menu of actions the rules allow now (a meeting may still be declined).

        Each kind of action is offered once per target, not in every combination of its
        options: each known person once per meeting purpose, the discover meeting carrying the
        next three questions not yet put to them; an empty plan and one single-project plan per
        catalogue project. Other combinations the rules accept are legal too (see
        `kamsim.sim.legal`). Every action listed passes the same checks as `submit`.
        """
        if self.finished:
            return []
        found, turn = [], self._turn()  # checks only read the turn, so one serves all
        for action in candidates(self.scenario, self._core.world, self._core.catalog):
            try:
                rules.check(turn, action)
            except rules.Refusal:
                continue
            found.append(action)
        return found

    def submit(self, action: Action | Mapping[str, Any]) -> Outcome:
        """Try an action now. Never raises for a bad action: it is refused with a reason.

        A valid action is logged in its canonical form (every field, defaults included), so the
        same choice gives the same log whether a person, a bot or a playbook wrote it.
        """
        data = _as_dict(action)
        try:
            parsed, data = canonical_action(data)
        except ValidationError as err:
            self._history.append((self.week, data))
            return self._refuse(data, _validation_reason(err))
        self._history.append((self.week, data))
        if self.finished:
            return self._refuse(data, "the game is over")
        turn = self._turn()
        declines = self._core.world.declines
        try:
            rules.check(turn, parsed)
            handlers.apply(turn, parsed)
        except rules.Refusal as refusal:
            if self._core.world.declines != declines and self._touched is not None:
                # a declined meeting request marks the person: their account's view changes
                self._touched.add(parsed.account)  # type: ignore[union-attr]
            return self._refuse(data, refusal.reason)
        return self._accept(turn, parsed, data)

    def advance(self, until_week: int) -> None:
        """Run the world to the start of `until_week` (at most to the end of the game)."""
        until = min(until_week, self.scenario.meta.duration_weeks + 1)
        if until > self._week:
            self._touched = None  # the week's round may change any account
            try:
                self._env.run(until=(until - 1) * 7)
            finally:
                self._week = int(self._env.now // 7) + 1

    # ------------------------------------------------------------------ actions
    def _turn(self) -> rules.Turn:
        core = self._core
        return rules.Turn(
            self.scenario, core.catalog, core.world, core.streams, self.week, self._days_left
        )

    def _day(self) -> float:
        return (self.week - 1) * 7 + (self._week_days - self._days_left)

    def _refuse(self, data: dict[str, Any], reason: str) -> Outcome:
        self._core.record(self.week, self._day(), "refused", action=data, reason=reason)
        return Outcome(False, data, reason)

    def _accept(self, turn: rules.Turn, action: Action, data: dict[str, Any]) -> Outcome:
        self._accepted += 1
        day = self._day()
        days, reactions = self._spend_and_react(turn, action)
        self._touch(action, bool(reactions))
        messages = self._record_applied(
            "action", self.week, day, data, turn, days, reactions,
            **({"overloaded": turn.overloaded} if turn.overloaded else {}),
            **({"answer": _answer_data(turn.consent)} if turn.consent else {}),
        )  # fmt: skip
        return Outcome(True, data, None, tuple(messages), tuple(turn.revealed), days,
                       tuple(turn.replies), tuple(r.message for r in reactions))  # fmt: skip

    def _spend_and_react(self, turn: rules.Turn, action: Action) -> tuple[float, list[Any]]:
        """An applied action's field days (from this week's, and the account's month of
        effort) and the scenario's reactions it sets off."""
        days = rules.action_days(action, self.scenario.dynamics)
        if days > 0:
            self._days_left -= min(days, self._days_left)
            acc = self._core.world.accounts[action.account]  # type: ignore[union-attr]
            acc.effort_month += days
        core = self._core
        reactions = fire_reactions(
            core.world,
            core.catalog,
            self.scenario.dynamics,
            reactions_by_action(self.scenario).get(action.kind, ()),
            action,
            turn.week,
        )
        return days, reactions

    def _record_applied(
        self,
        kind: str,
        week: int,
        day: float,
        data: dict[str, Any],
        turn: rules.Turn,
        days: float,
        reactions: list[Any],
        **extra: object,
    ) -> list[str]:
        """Log an applied action (a submission's "action", the clock's "routine"): what it
        took, found and set off; returns its messages."""
        messages = [*turn.messages, *(r.message for r in reactions)]
        self._core.record(week, day, kind, action=data, days=days, revealed=turn.revealed,
                          reactions=[r.id for r in reactions], messages=messages,
                          **extra)  # fmt: skip
        return messages

    def _routine_reviews(
        self, week: int, accounts: list[AccountState], *, last_chance: bool
    ) -> list[AccountState]:
        """The standing monthly KPI reviews (`ReviewMonthly`) of these accounts, in `week`;
        returns those the week's field days could not hold.

        A month's figures are reviewed as soon as they are out, at the end of the month's last
        week, from the field days the trainee left that week (the routine never crowds out
        what they chose to do); those that found too few are reviewed first thing the next
        week (`last_chance`, from the fresh days; logged skipped if even those cannot hold it).

        Each is a KPI review as if submitted then (its days, the slips it shows, the
        scenario's reactions), logged as a "routine" entry rather than an "action": it is not
        a submission, and the save's action list, which replays the game, stays the
        trainee's own.
        """
        core, waiting = self._core, []
        for acc in accounts:
            review = ReviewKpis(account=acc.id)
            data = action_to_dict(review)
            day = (week - 1) * 7 + (self._week_days - self._days_left)
            turn = rules.Turn(
                self.scenario, core.catalog, core.world, core.streams, week, self._days_left
            )
            try:
                rules.check(turn, review)
            except rules.Refusal as refusal:
                if last_chance:
                    core.record(week, day, "routine", action=data, skipped=refusal.reason)
                else:
                    waiting.append(acc)
                continue
            handlers.apply(turn, review)
            days, reactions = self._spend_and_react(turn, review)
            self._record_applied("routine", week, day, data, turn, days, reactions)
        return waiting

    def _touch(self, action: Action, reacted: bool) -> None:
        """Note what an accepted action may have changed, for the next view.

        Every handler changes only its own account (and territory-wide figures the view
        reads afresh each time); a campaign reaches many accounts and a reaction's effects
        any, so after those every account is looked at again.
        """
        if self._touched is None:
            return
        account = getattr(action, "account", None)
        if reacted or account is None or action.kind in ("approve_campaign", "hold_campaign"):
            self._touched = None
        else:
            self._touched.add(account)

    # ------------------------------------------------------------------ world processes
    def _days_available(self) -> float:
        """Next week's field days: the week's days minus routine service of live accounts."""
        live = [a for a in self._core.world.accounts.values() if a.active and not a.declined]
        days = self.scenario.company.field_days_per_week
        routine = self.scenario.dynamics.costs.routine_days_per_account
        return max(0.0, days - routine * len(live))

    def _at(self, week: int, offset: float, fn: Callable[..., None], *args: Any) -> None:
        """Call fn(core, *args, week, day) on the last day of `week` (if the game lasts).

        Only for offsets before DELIVERIES: `_weekly` runs the rest of the week in one step.
        """
        assert offset < DELIVERIES, "the week's round after DELIVERIES runs in one step"
        if week > self.scenario.meta.duration_weeks:
            return
        when = (week - 1) * 7 + 6 + offset

        def process() -> Generator[simpy.Event, Any, None]:
            yield self._env.timeout(when - self._env.now)
            fn(self._core, *args, week, when)

        self._env.process(process())

    def _start_processes(self) -> None:
        for event in self.scenario.events:
            week = event.week or world.random_event_week(self._core, event)
            if week is not None:
                self._at(week, EVENTS, world.world_event, event)
        for campaign in self.scenario.company.brand_campaigns:
            self._at(campaign.week, CAMPAIGNS, world.campaign_deadline, campaign.id)
        self._env.process(self._weekly())

    def _weekly(self) -> Generator[simpy.Event, Any, None]:
        """The week's round after its events and campaign deadlines: deliveries, people, the
        month's end, the refill.

        Nothing else is ever scheduled between DELIVERIES and REFILL (dated processes use only
        the EVENTS and CAMPAIGNS offsets, and `advance` stops at week starts), so the four run
        in one step of the clock, in their order; what they log keeps its own offset's day.
        The standing monthly reviews run in the same step, after the month's figures: from
        the days the week left, or, for those that found none, from the next week's.
        """
        duration = self.scenario.meta.duration_weeks
        for week in range(1, duration + 1):
            end = (week - 1) * 7 + 6
            yield self._env.timeout(end + DELIVERIES - self._env.now)
            world.deliveries(self._core, week, end + DELIVERIES)
            world.weekly_people(self._core, week)  # at end + PEOPLE
            if week % 4 == 0 or week == duration:
                world.monthly(self._core, week, end + MONTH)
            waiting: list[AccountState] = []
            if week % 4 == 0 and week < duration:  # the figures are out: review them now
                routine = [a for a in self._core.world.accounts.values()
                           if a.review_monthly and a.active and not a.declined]  # fmt: skip
                waiting = self._routine_reviews(week, routine, last_chance=False)
            self._refill()  # at end + REFILL
            if waiting:  # the week left too few days: first thing the next week
                self._routine_reviews(week + 1, waiting, last_chance=True)

    def _refill(self) -> None:
        """Next week's field days, topped up or cut back to what routine service leaves.

        The level moves by the difference (as the Container it replaces did), which in floating
        point need not land exactly on the target: keep it so, the log's days depend on it.
        """
        target = self._days_available()
        if target > self._days_left:
            self._days_left += target - self._days_left
        elif target < self._days_left:
            self._days_left -= self._days_left - target
        self._week_days = target


def _as_dict(action: object) -> dict[str, Any]:
    """The dict form of whatever was submitted; anything else becomes an invalid action."""
    if isinstance(action, BaseModel):
        return action_to_dict(action)  # type: ignore[arg-type]
    if isinstance(action, Mapping):
        try:
            return plain(dict(action))  # a new dict (plain copies)
        except TypeError:
            pass
    return {"kind": None, "submitted": repr(action)}


def _answer_data(reply: Answer) -> dict[str, Any]:
    """The customer's answer as logged: verdict, support and the reasons given."""
    return {
        "verdict": reply.verdict,
        "support": reply.support,
        "table_share": reply.table_share,
        "reasons": [r.code for r in reply.reasons],
    }


def _validation_reason(err: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(p) for p in e['loc']) or 'action'}: {e['msg']}" for e in err.errors()
    ]
    return "invalid action: " + "; ".join(problems)
