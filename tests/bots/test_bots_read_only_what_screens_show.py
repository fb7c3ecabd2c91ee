"""Bots see exactly what a screen shows a trainee: every part of the View a bot reads, some
screen renders.

Both sides read through the recording proxy of `tests.view_tracking`:

- bots play whole games of the bundled scenarios with `kamsim.bots.play(..., view_of=...)`;
- the real screens are driven headless through games played by bots, and every screen is
  drawn whenever a new kind of state first appears (a campaign in the inbox, a customer's
  answer with reasons, a cooling-off after a "no", a project running late, the end …), reading
  the proxy that `GameController.view` — the one place screens get their view — returns.

A bot path no screen reads is information a trainee never sees: the test fails and names it.
Ids a screen reads only to look up names (a person, a project) count as shown, because the
screen shows what they stand for.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import copy
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pygame
import pytest

from kamsim.bots import BOT_NAMES, MAX_ACTIONS_PER_WEEK, make_bot, play
from kamsim.bots.base import Bot, action_key
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation, View
from kamsim.sim.view import AccountView
from kamsim.ui import theme
from kamsim.ui.app import App, Options
from kamsim.ui.controller import GameController
from tests.view_tracking import Recorder, covered, uncovered

# The bots are handed recording proxies of views, which a compiled bot refuses (it checks
# that a view is a View).
pytestmark = pytest.mark.interpreted_only

BOT_GAMES = {"tutorial": (1, 2), "standard": (1,)}  # scenario → seeds each bot plays
# Games whose screens are toured, until every state in WANTED has been drawn: the novice meets
# "not yet" and "no" (reasons, a wait), the expert agreed plans and reviews that show slips;
# the others are there in case a change to the scenarios moves those states elsewhere.
SCREEN_GAMES = (("standard", "novice", 1), ("standard", "expert", 1),
                ("standard", "no-customer", 1), ("standard", "all-key", 1),
                ("standard", "expert", 2), ("tutorial", "expert", 1))  # fmt: skip
WANTED = frozenset({
    "start", "end", "inbox", "inbox naming accounts", "facts on criteria", "survey", "dmu mapped",
    "pathway mapped", "blockage", "front line", "outside roles", "agreed", "plan with tactics",
    "answer with reasons", "holder named", "cooldown", "slipping", "reviewed monthly",
})  # fmt: skip
MEETING_IN = "novice"  # the game in which a meeting is also held through the meeting screen
Shoot = Callable[[str], None]


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return {name: load_scenario(resolve(name)) for name in ("tutorial", "standard")}


# ---------------------------------------------------------------------- the bots' side
@pytest.fixture(scope="module")
def bot_games(scenarios: dict[str, Scenario]) -> tuple[dict[str, set[str]], dict[Any, str]]:
    """Path → the bots (and games) that read it; and each game's digest."""
    reads: dict[str, set[str]] = {}
    digests: dict[Any, str] = {}
    for name, seeds in BOT_GAMES.items():
        for bot in BOT_NAMES:
            for seed in seeds:
                recorder = Recorder()
                sim = play(
                    scenarios[name], seed, bot, view_of=lambda s, r=recorder: r.wrap(s.view())
                )
                digests[name, bot, seed] = sim.digest()
                for path in recorder.paths:
                    reads.setdefault(path, set()).add(f"{bot} ({name}, seed {seed})")
    return reads, digests


@pytest.fixture(scope="module")
def bot_reads(bot_games: tuple[dict[str, set[str]], dict[Any, str]]) -> dict[str, set[str]]:
    return bot_games[0]


# ---------------------------------------------------------------------- the screens' side
def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        app.step(1 / 60)


def post(app: App, etype: int, **attrs: Any) -> None:
    pygame.event.post(pygame.event.Event(etype, **attrs))


def click(app: App, name: str) -> None:
    """Click a named target at its centre, as a person would."""
    assert app.screen is not None
    pos = app.screen.targets()[name].center
    post(app, pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    post(app, pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
    post(app, pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
    frames(app, 2)


@contextmanager
def recorded_screens(recorder: Recorder) -> Iterator[None]:
    """Screens (and the top bar) read `GameController.view`: hand them the recording proxy."""
    real = GameController.view.fget
    assert real is not None

    def view(self: GameController) -> View:
        current = real(self)
        made = self.__dict__.get("_recorded")
        if made is None or made[0] is not current:
            made = (current, recorder.wrap(current))
            self.__dict__["_recorded"] = made
        return made[1]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(GameController, "view", property(view))
        yield


def features(view: View) -> set[str]:
    """The kinds of state this view holds that every screen should have drawn once."""
    out = {"start"} if view.week == 1 else set()
    checks = {
        "end": view.finished,
        "inbox": bool(view.inbox),
        "inbox naming accounts": any(c["accounts"] != "all" for c in view.inbox),
        "kpis": bool(view.kpis),
        "survey": any(k.get("satisfaction") is not None for k in view.kpis),
        "campaigns decided": bool(view.campaigns_decided),
    }
    out |= {name for name, hit in checks.items() if hit}
    for acc in view.accounts:
        out |= account_features(acc, view)
    return out


def account_features(acc: AccountView, view: View) -> set[str]:
    """What one account's screens can show (its facts are drawn on its own screens only)."""
    plan = acc.plan
    answer = plan.answer if plan else None
    facts = [f for f in view.facts if f.account == acc.id]
    checks = {
        "tiered": acc.tier is not None,
        "dmu mapped": acc.dmu_mapped,
        "pathway mapped": acc.pathway_mapped,
        "blockage": any(s.blockage for s in acc.pathway),
        "front line": any(p.front_line for p in acc.people),
        "outside roles": any(p.outside_roles for p in acc.people),
        "met": any(p.meetings for p in acc.people),
        "facts": bool(facts),
        "facts on criteria": any(f.implies.get("criteria") for f in facts),
        "facts on needs": any(f.implies.get("needs") for f in facts),
        "facts from meetings": any(f.source.startswith("meeting:") for f in facts),
        "plan": plan is not None,
        "plan with tactics": bool(plan and plan.plan.get("tactics")),
        "agreed": plan is not None and plan.status == "agreed",
        "running": bool(plan and plan.running),
        "answer": bool(answer),
        "answer with reasons": bool(answer and answer["reasons"]),
        "holder named": bool(answer and any(r["person"] for r in answer["reasons"])),
        "cooldown": bool(plan and plan.cooldown_until > view.week),
        "slipping": bool(plan and plan.slipping),
        "reviewed monthly": acc.reviews_monthly and acc.last_review > 0,
    }
    return {name for name, hit in checks.items() if hit}


def covering(view: View) -> list[AccountView]:
    """A few accounts whose states together hold every account-level state of the view,
    the account with the most to show first (drawing all of them each time would be slow)."""
    states = {a.id: account_features(a, view) for a in view.accounts}
    left = set().union(*states.values())
    chosen: list[AccountView] = []
    while left:
        best = max(view.accounts, key=lambda a: (len(states[a.id] & left), a.id))
        chosen.append(best)
        left -= states[best.id]
    return chosen or list(view.accounts[:1])


def hold_a_meeting(app: App, view: View) -> None:
    """Through the meeting screen, as a trainee would: whom, why, one question, Enter."""
    acc = max(view.accounts, key=lambda a: (len(a.people), a.id))
    app.push("meeting", account=acc.id)
    frames(app)
    click(app, f"person_{acc.people[0].id}")
    click(app, "purpose_discover")
    click(app, f"question_{view.questions[0]['id']}")
    click(app, "go")


def visit_every_screen(app: App, controller: GameController, shoot: Shoot | None) -> None:
    view = controller.sim.view()  # the real view: which screens to open is the test's business

    def show(how: Callable[..., None], name: str, label: str = "", **params: Any) -> None:
        how(name, **params)
        frames(app)
        if shoot is not None:
            shoot(f"{name}{label}")

    accounts = covering(view)
    show(app.go, "briefing")
    show(app.go, "dashboard")
    for acc in accounts:
        show(app.push, "account", f"-{acc.id}", account=acc.id)
        person = next(iter(acc.people), None)
        if person is not None:  # hover a node of the DMU: its tooltip
            pos = app.screen.targets()[f"person_{person.id}"].center  # type: ignore[union-attr]
            post(app, pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
            frames(app)
        show(app.push, "meeting", f"-{acc.id}", account=acc.id)
        app.back()
    focus = accounts[0].id
    for step in range(1, 8):
        show(app.push, "planning", f"-{focus}-{step}", account=focus, step=step)
    for acc in accounts[1:]:
        if acc.plan is not None:
            show(app.push, "planning", f"-{acc.id}-7", account=acc.id, step=7)
    show(app.go, "inbox")
    show(app.go, "calendar")
    for account in ("territory", *(a.id for a in accounts)):
        show(app.go, "kpis", f"-{account}", account=account)
    if controller.finished:
        show(app.go, "debrief")


def bot_week(
    controller: GameController, bot: Bot, looked: Callable[[], None] = lambda: None
) -> None:
    """The bot's week, as `kamsim.bots.runner.play_week`, submitted through the controller;
    `looked()` after each accepted action, since a state can come and go within one week (a
    review shows a slip, the update that follows recovers it)."""
    refused: set[Any] = set()
    for _ in range(MAX_ACTIONS_PER_WEEK):
        action = bot.decide(controller.sim.view())
        if action is None or action_key(action) in refused:
            return
        if controller.submit(action).accepted:
            looked()
        else:
            refused.add(action_key(action))


def tour(
    app: App,
    scenario: Scenario,
    bot_name: str,
    seed: int,
    recorder: Recorder,
    seen: set[str],
    shoot: Shoot | None = None,
) -> None:
    """Play a game with a bot; draw every screen whenever a kind of state not in `seen`
    appears (and add it to `seen`). `shoot(label)` is called after each screen is drawn (to
    save screenshots when looking at the screens by eye)."""
    sim = Simulation(scenario, seed)
    with recorder.paused():
        controller = GameController(sim, None, "test")
    app.start(controller, "briefing")
    frames(app)
    bot = make_bot(bot_name, seed)

    def look() -> None:
        new = features(sim.view()) - seen
        if new:
            seen.update(new)
            visit_every_screen(app, controller, shoot)
            if "start" in new and bot_name == MEETING_IN:
                hold_a_meeting(app, sim.view())

    while True:
        look()
        if sim.finished:
            return
        bot_week(controller, bot, look)
        with recorder.paused():
            controller.advance_week()


@pytest.fixture(scope="module")
def screen_reads(scenarios: dict[str, Scenario]) -> tuple[set[str], set[str]]:
    """The paths the screens read, and the kinds of state they were drawn in."""
    recorder = Recorder()
    seen: set[str] = set()
    app = App(Options(fast=True, driven=True))
    try:
        with recorded_screens(recorder):
            for name, bot, seed in SCREEN_GAMES:
                if seen >= WANTED:
                    break
                tour(app, scenarios[name], bot, seed, recorder, seen)
    finally:
        pygame.quit()
        theme.reset()
    return recorder.paths, seen


# ---------------------------------------------------------------------- the rule
def test_bots_read_only_what_screens_show(
    bot_reads: dict[str, set[str]], screen_reads: tuple[set[str], set[str]]
) -> None:
    shown, _ = screen_reads
    missing = uncovered(set(bot_reads), shown)
    lines = [f"  {path}   read by {', '.join(sorted(bot_reads[path])[:4])}" for path in missing]
    assert not missing, (
        "Bots read parts of the View that no screen shows a trainee (make a screen show each "
        "in words, or stop the bot reading it):\n" + "\n".join(lines)
    )


def test_the_screens_were_drawn_in_the_states_that_matter(
    screen_reads: tuple[set[str], set[str]],
) -> None:
    """Otherwise the comparison above would be vacuous for what those states hold."""
    _, seen = screen_reads
    assert seen >= WANTED, f"never drawn in any of {SCREEN_GAMES}: {sorted(WANTED - seen)}"


def test_the_bots_read_what_the_new_view_fields_hold(bot_reads: dict[str, set[str]]) -> None:
    """The recording sees into nested dataclasses, dicts and tuples (not just the top level)."""
    for path in ("accounts[].people[].front_line", "facts[].implies.criteria.*",
                 "kpis[].share", "inbox[].fatigue", "accounts[].hard_data.market_value",
                 "accounts[].plan.slipping[][]", "accounts[].plan.cooldown_until"):  # fmt: skip
        assert path in bot_reads, path


def test_a_screen_that_stops_showing_a_field_is_caught(
    scenarios: dict[str, Scenario], bot_reads: dict[str, set[str]]
) -> None:
    """The screens word each person's front-line role; stop that and the rule above fails."""
    from kamsim.ui.widgets import plans

    def without_front_line(person: Any, holding: set[str], week: int | None = None) -> list[str]:
        return [plans.HOLDS_UP] if person.id in holding else []

    recorder = Recorder()
    app = App(Options(fast=True, driven=True))
    try:
        with recorded_screens(recorder), pytest.MonkeyPatch.context() as mp:
            original = plans.person_tags
            for module in [m for n, m in sys.modules.items() if n.startswith("kamsim.ui")]:
                if getattr(module, "person_tags", None) is original:
                    mp.setattr(module, "person_tags", without_front_line)
            sim = Simulation(scenarios["tutorial"], 1)
            with recorder.paused():
                controller = GameController(sim, None, "test")
            app.start(controller, "dashboard")
            visit_every_screen(app, controller, None)
    finally:
        pygame.quit()
        theme.reset()
    assert "accounts[].people[].name" in recorder.paths
    assert "accounts[].people[].front_line" in uncovered(set(bot_reads), recorder.paths)


# ---------------------------------------------------------------------- the proxy itself
def test_the_proxy_reads_like_the_view_and_records_paths(scenarios: dict[str, Scenario]) -> None:
    sim = Simulation(scenarios["tutorial"], 1)
    sim.submit({"kind": "desk_research", "account": sim.view().accounts[0].id})
    real = sim.view()
    recorder = Recorder()
    view = recorder.wrap(real)
    assert isinstance(view, View) and view == real
    acc = view.account(real.accounts[0].id)
    assert isinstance(acc, AccountView) and acc.name == real.accounts[0].name
    assert [p.front_line for p in acc.people] == [p.front_line for p in real.accounts[0].people]
    assert acc.hard_data["market_value"] == real.accounts[0].hard_data["market_value"]
    assert "trend" in acc.hard_data and acc.hard_data.get("nothing", 3) == 3
    assert sum(acc.sales_history[-3:]) == sum(real.accounts[0].sales_history[-3:])
    fact = view.facts[0]
    assert dict(fact.implies.items()) == real.facts[0].implies
    assert len(view.questions) == len(real.questions)
    assert copy.deepcopy(view.facts[0]) == real.facts[0]
    assert recorder.paths >= {
        "accounts", "accounts[]", "accounts[].people[].front_line", "accounts[].name",
        "accounts[].hard_data.market_value", "accounts[].hard_data.trend",
        "accounts[].hard_data.nothing", "accounts[].sales_history[]", "facts[].implies.*",
        "facts[].text", "facts[].reliability",  # the deep copy read the whole fact
    }  # fmt: skip
    assert not any(p.startswith("kpis") for p in recorder.paths)


@pytest.mark.parametrize("bot", ["expert", "novice", "random", "no-customer"])
def test_a_bot_plays_the_same_game_through_the_proxy(
    scenarios: dict[str, Scenario], bot_games: tuple[dict[str, set[str]], dict[Any, str]], bot: str
) -> None:
    """The proxy reads like the view: the bot decides exactly as it does on the real one."""
    _, digests = bot_games
    assert digests["standard", bot, 1] == play(scenarios["standard"], 1, bot).digest()


def test_a_name_read_is_covered_by_reading_every_value() -> None:
    shown = {"facts[].implies.criteria.*", "kpis[].share", "a.*[]"}
    assert covered("facts[].implies.criteria.alignment", shown)
    assert covered("facts[].implies.criteria.*", shown)
    assert covered("kpis[].share", shown) and not covered("kpis[].roi", shown)
    assert covered("a.b[]", shown) and not covered("a.b", shown)
    assert not covered("facts[].implies", {"facts[].implies.criteria.*"})
