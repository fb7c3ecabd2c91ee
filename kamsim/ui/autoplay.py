"""Autoplay: a bot plays through the real screens, acting only with posted mouse and key events.

The bot is asked exactly as `kamsim.bots.play` asks it (same views, same per-week rules: stop at
None, at a repeated refused action or at the weekly cap), so the game — and its digest — is the
one `kamsim run --bot` plays. Each decision becomes a script of clicks on named targets
(`Screen.targets()`), typed text and shortcut keys, one event batch per frame; the week report
that follows a week with news is read, then closed by a click on its Close button (or left by
its inbox button, for a campaign request it announced), as a person would. An
action the screens cannot express (e.g. a person the trainee has not found) is submitted
directly and counted in `fallbacks`, so a gap in the UI shows up instead of silently changing
the game.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pygame

from kamsim.bots import MAX_ACTIONS_PER_WEEK, make_bot
from kamsim.bots.base import ActionKey, action_key
from kamsim.sim.actions import action_to_dict, parse_action
from kamsim.sim.view import View
from kamsim.ui import switcher
from kamsim.ui.driver import Photographer
from kamsim.ui.plan_draft import KPIS, NEEDS, SEGMENTS, SWOT_KINDS, format_target
from kamsim.ui.screens.account import TIERS
from kamsim.ui.screens.meeting import MAX_QUESTIONS, PURPOSES
from kamsim.ui.screens.planning import SHOWN_FACTS, citable_facts
from kamsim.ui.screens.planning.steps.dmu import present_ids

if TYPE_CHECKING:
    from kamsim.ui.app import App

Step = tuple[Any, ...]
EXPERT_WAIT_S = 60.0  # how long autoplay waits for the debrief's expert game
TEXT_CHUNK = 16  # characters per posted TEXTINPUT event (SDL sends short chunks too)


PAGES_MAX = 10  # pages of the portfolio the script turns through looking for an account


class AutoplayError(RuntimeError):
    """The screens did not do what the script expected (a UI bug worth a loud failure)."""


class AutoPlayer:
    def __init__(self, app: App, bot: str, seed: int) -> None:
        self.app = app
        self.bot = make_bot(bot, seed)
        self.fallbacks = 0
        self.mismatches = 0
        # What a person would have pressed: clicks, key presses and characters typed. The
        # script takes the shortest way the screens offer (it stays on a meeting for the
        # next one at the same account, leaves a choice already made as it is), so this is
        # the input a year needs, the measure of the game's pace.
        self.inputs = {"clicks": 0, "keys": 0, "characters": 0}
        self._script = self._game()
        self._done = False

    @property
    def controller(self) -> Any:
        return self.app.controller

    # ------------------------------------------------------------------ the driver's calls
    def before_frame(self, app: App) -> None:
        self.tick()

    def after_frame(self, app: App) -> None:
        return None

    def stats(self) -> dict[str, int]:
        """What `kamsim play --autoplay` reports: gaps in the UI, and the inputs it took."""
        return {"fallbacks": self.fallbacks, "mismatches": self.mismatches, **self.inputs}

    def tick(self) -> None:
        """Post the next step's events; they are handled in this same frame."""
        if self._done:
            return
        try:
            step = next(self._script)
        except StopIteration:
            self._done = True
            self.app.running = False
            return
        self._post(step)

    def _post(self, step: Step) -> None:
        kind = step[0]
        if kind in ("click", "key"):
            self.inputs[f"{kind}s"] += 1
        elif kind == "type":
            self.inputs["characters"] += len(step[1])
        if kind == "click":
            rect = self._target(step[1])
            pos = rect.center
            for etype in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                extra = (
                    {"rel": (0, 0), "buttons": (0, 0, 0)}
                    if etype == pygame.MOUSEMOTION
                    else {"button": 1}
                )
                pygame.event.post(pygame.event.Event(etype, pos=pos, touch=False, **extra))
        elif kind == "key":
            key, unicode = step[1], step[2]
            pygame.event.post(
                pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)
            )
            pygame.event.post(
                pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0)
            )
        elif kind == "type":
            text = step[1]
            for i in range(0, len(text), TEXT_CHUNK):
                pygame.event.post(
                    pygame.event.Event(pygame.TEXTINPUT, text=text[i : i + TEXT_CHUNK])
                )

    def _targets(self) -> dict[str, pygame.Rect]:
        if self.app.report.is_open:  # modal: nothing else can be clicked
            return self.app.report.targets()
        screen = self.app.screen
        found = dict(self.app.hud.targets()) if screen and screen.in_game else {}
        if screen is not None:
            found.update(screen.targets())
        return found

    def _target(self, name: str) -> pygame.Rect:
        rect = self._targets().get(name)
        if rect is None:
            screen = self.app.screen.name if self.app.screen else "none"
            raise AutoplayError(f"no target '{name}' on screen '{screen}'")
        return rect

    def _has(self, name: str) -> bool:
        return name in self._targets()

    def _entry(self, name: str) -> Any:
        line = getattr(self.app.screen, "entries", {}).get(name)
        return line if line is not None and line.alive() else None

    def _focused(self, name: str) -> bool:
        line = self._entry(name)
        return line is not None and line in (self.app.manager.get_focus_set() or set())

    def _entry_text(self, name: str) -> str:
        line = self._entry(name)
        return "" if line is None else str(line.get_text())

    # ------------------------------------------------------------------ the game
    def _game(self) -> Iterator[Step]:
        yield ("wait",)  # the first screen is drawn (and photographed) before anything happens
        if self.app.screen is not None and self.app.screen.name == "briefing":
            yield ("click", "start")
        while not self.controller.finished:
            yield from self._week()
            if self.app.report.is_open:  # a week with news and nothing done after it
                yield ("click", "report_close")
            yield ("click", "next_week")  # the HUD button: the world moves on one week
        yield ("wait",)  # let the debrief draw (and be photographed)
        if any(isinstance(d, Photographer) for d in self.app.drivers):
            deadline = time.monotonic() + EXPERT_WAIT_S
            screen = self.app.screen
            while getattr(screen, "expert", 0) is None and time.monotonic() < deadline:
                time.sleep(0.01)  # the expert's game runs on the debrief's worker thread
                yield ("wait",)
            self.app.request_screenshot()
            yield ("wait",)

    def _week(self) -> Iterator[Step]:
        """Mirror of `kamsim.bots.runner.play_week`, acting through the screens."""
        refused: set[ActionKey] = set()
        for _ in range(MAX_ACTIONS_PER_WEEK):
            action = self.bot.decide(self.controller.view)
            if action is None or action_key(action) in refused:
                return
            yield from self._dismiss(action)
            before = self.controller.actions_submitted
            if expressible(action, self.controller.view):
                yield from self._perform(action)
            if self.controller.actions_submitted == before:
                self.fallbacks += 1
                self.controller.submit(action)
            last = self.controller.decisions()[-1][1]
            if last != canonical(action):
                self.mismatches += 1
            outcome = self.controller.last_outcome
            if outcome is None or not outcome.accepted:
                refused.add(action_key(action))

    def _dismiss(self, action: dict[str, Any]) -> Iterator[Step]:
        """The week report (read and photographed): closed, or left for the inbox when the
        week's first decision is a campaign request it announced."""
        if not self.app.report.is_open:
            return
        campaign = action.get("kind") in ("approve_campaign", "hold_campaign")
        yield (
            "click",
            "report_inbox" if campaign and self._has("report_inbox") else "report_close",
        )

    def _perform(self, action: dict[str, Any]) -> Iterator[Step]:
        kind = action.get("kind")
        account = action.get("account")
        if kind in ("approve_campaign", "hold_campaign"):
            yield from self._campaign(action)
            return
        if not isinstance(account, str):
            return
        if kind in ("desk_research", "set_tier") and not self._on("account", account):
            yield from self._portfolio(action)  # side by side with the other accounts
            return
        if kind == "meet" and self._on("inbox") and self._below("meeting"):
            yield ("key", pygame.K_ESCAPE, "\x1b")  # the inbox was opened over the meeting
        if kind == "meet" and self._on("meeting", account):
            yield from self._meet(action)  # the next meeting at the same account: stay here
            return
        other = f"with_{action.get('stakeholder')}"
        if kind == "meet" and self._on("meeting") and self._has(other):
            if not action.get("questions"):  # their row's own button holds it at once
                if getattr(self.app.screen, "purpose", None) != action.get("purpose"):
                    yield ("click", f"purpose_{action.get('purpose')}")
                yield ("click", f"now_{action.get('stakeholder')}")
                return
            yield ("click", other)  # someone at another key account, listed under the people
            if self._on("meeting", account):
                yield from self._meet(action)
                return
        if kind in SIMPLE and self._on("planning", account) and self._has(f"do_{kind}"):
            yield ("click", f"do_{kind}")  # on the board's step for it (7 after an agreement)
            return
        planning = kind in ("write_plan", "agree_plan")
        if not (planning and self._on("meeting", account) and self._has("plan")):
            yield from self._open_account(account)  # (the meeting has the board's button)
            if not self._on("account", account):
                return
        if kind in SIMPLE:
            yield ("click", kind)
        elif kind == "set_tier":
            if self._has(f"tier_{action.get('tier')}"):
                yield ("click", f"tier_{action['tier']}")
                if self._has("tier_confirm"):  # declining, or a key past the limit: it is sure
                    yield ("click", "tier_confirm")
        elif kind == "meet":
            yield from self._meet(action)
        elif kind == "write_plan":
            yield from self._write_plan(account, action.get("plan") or {})
        elif kind == "agree_plan":
            yield from self._agree(account, action.get("stakeholders") or [])

    def _on(self, screen: str, account: str | None = None) -> bool:
        s = self.app.screen
        return (
            s is not None
            and s.name == screen
            and (account is None or s.params.get("account") == account)
        )

    def _below(self, screen: str) -> bool:
        """Whether Esc leads back to this screen (the one under the current one)."""
        stack = self.app.stack
        return len(stack) > 1 and stack[-2].name == screen

    def _open_account(self, account: str) -> Iterator[Step]:
        if self._on("account", account):
            return
        if self._on("meeting", account) or self._on("planning", account):
            # one step back to the account, not round by the dashboard (the board has no
            # button for it: Esc)
            yield ("click", "back") if self._on("meeting") else ("key", pygame.K_ESCAPE, "\x1b")
            if self._on("account", account):
                return
        if self._on("meeting") or self._on("account"):  # another key account: one step
            yield from self._switch(account)
            if self._on("account", account):
                return
        if not self._on("dashboard"):
            yield ("click", "nav_dashboard")
        if self._has(f"account_{account}"):
            yield ("click", f"account_{account}")

    def _switch(self, account: str) -> Iterator[Step]:
        """From one account's screens to a key account's: its button, or `[` / `]`."""
        if self._has(f"goto_{account}"):
            yield ("click", f"goto_{account}")
            return
        here = str(self.app.screen.params.get("account")) if self.app.screen else ""
        for step, key, char in ((1, switcher.NEXT, "]"), (-1, switcher.PREVIOUS, "[")):
            if switcher.neighbour(self.controller.view, here, step) == account:
                yield ("key", key, char)
                return

    def _portfolio(self, action: dict[str, Any]) -> Iterator[Step]:
        """Research or a tier from the portfolio board (the dashboard's 'Research and tier')."""
        account = action["account"]
        if not self._on("portfolio"):
            if not self._on("dashboard"):
                yield ("click", "nav_dashboard")
            yield ("click", "portfolio")
        name = (f"research_{account}" if action["kind"] == "desk_research"
                else f"tier_{account}_{action.get('tier')}")  # fmt: skip
        for _ in range(PAGES_MAX):  # an account on another page: turn to it
            if self._has(name) or not self._has("page_next"):
                break
            yield ("key", pygame.K_PAGEDOWN, "")
        if not self._has(name):
            return
        yield ("click", name)
        if self._has("tier_confirm"):  # declining, or a key past the limit: it is sure
            yield ("click", "tier_confirm")

    def _campaign(self, action: dict[str, Any]) -> Iterator[Step]:
        if not self._on("inbox"):
            yield ("click", "nav_inbox")
        verb = "approve" if action["kind"] == "approve_campaign" else "hold"
        name = f"{verb}_{action.get('campaign')}"
        if self._has(name):
            yield ("click", name)

    def _meet(self, action: dict[str, Any]) -> Iterator[Step]:
        questions = list(action.get("questions") or [])
        names = [
            f"person_{action.get('stakeholder')}",
            f"purpose_{action.get('purpose')}",
            *(f"question_{q}" for q in questions),
        ]
        if not self._on("meeting"):
            person = f"person_{action.get('stakeholder')}"
            # the person on the account's network opens the meeting with them chosen
            yield ("click", person if self._has(person) else "meet")
        if len(set(questions)) != len(questions) or not all(self._has(n) for n in names):
            yield ("click", "back")
            return
        screen = self.app.screen
        chosen = {f"person_{getattr(screen, 'stakeholder', None)}",
                  f"purpose_{getattr(screen, 'purpose', None)}"}  # fmt: skip
        topic = next((name for name, members in getattr(screen, "topics", {}).items()
                      if list(members) == questions), None)  # fmt: skip
        if topic is not None:  # the whole of a topic: its heading holds the meeting on it
            names = [*names[:2], topic]
        now = f"now_{action.get('stakeholder')}"
        if topic is None and names[0] not in chosen and self._has(now):
            names = [*names[1:], now]  # the person's own button: chosen and held in one click
        for name in names:
            if name not in chosen:  # a person or purpose already chosen stays chosen
                yield ("click", name)
        if topic is None and names[-1] != now:
            yield ("click", "go")

    def _step(self, number: int) -> Iterator[Step]:
        """To a step of the planning board, unless it is open there already."""
        if getattr(self.app.screen, "step", None) != number:
            yield ("click", f"step_{number}")

    def _draft(self) -> Any:
        return getattr(self.app.screen, "draft", None)

    def _write_plan(self, account: str, plan: dict[str, Any]) -> Iterator[Step]:
        yield ("click", "plan")
        draft = self._draft()
        if draft is None or any((draft.segment, draft.needs, draft.swot, draft.objectives,
                                 draft.tactics, draft.swot_text, draft.swot_facts,
                                 draft.target_text)):  # fmt: skip
            yield ("click", "clear")  # a draft with something in it: start from nothing
        if plan.get("segment") or plan.get("needs"):
            yield from self._step(2)
            if plan.get("segment"):
                yield ("click", f"segment_{plan['segment']}")
            for need in plan.get("needs", []):
                yield ("click", f"need_{need}")
        if plan.get("swot"):
            yield from self._step(4)
            titles = {f.id: f.title for f in citable_facts(self.controller.view.facts, account)}
            for item in plan["swot"]:
                yield from self._swot_line(item, titles)
        if plan.get("objectives"):
            yield from self._step(5)
            for objective in plan["objectives"]:
                yield ("click", f"kpi_{objective['kpi']}")
                if not self._focused("target"):  # choosing the KPI puts the cursor there
                    yield ("click", "entry_target")
                yield ("type", format_target(objective["kpi"], objective["target"]))
                week, there = str(objective["by_week"]), self._entry_text("by_week")
                end = str(self.controller.view.scenario["duration_weeks"])
                if there != week and not (there == "" and week == end):  # empty: the year end
                    yield ("click", "entry_by_week")  # the cursor goes after what is there
                    for _ in there:
                        yield ("key", pygame.K_BACKSPACE, "")
                    yield ("type", week)
                yield ("click", "objective_add")
        if plan.get("tactics"):
            yield from self._step(6)
            for tactic in plan["tactics"]:
                yield ("click", f"project_{tactic['project']}")
        yield ("click", "write")

    def _swot_line(self, item: dict[str, Any], titles: dict[str, str]) -> Iterator[Step]:
        facts = list(item.get("facts", []))
        quick = f"quick_{item['kind']}_{facts[0]}" if len(facts) == 1 else ""
        if quick and titles.get(facts[0]) == item["text"] and self._has(quick):
            yield ("click", quick)  # the fact's own words, citing it alone: one click
            return
        draft = self._draft()
        if draft is None or draft.swot_kind != item["kind"]:  # the side chosen last stays
            yield ("click", f"swot_kind_{item['kind']}")
        facts = [f for f in item.get("facts", []) if self._has(f"fact_{f}")]
        if not facts or titles.get(facts[0]) != item["text"]:
            yield ("click", "entry_swot_text")
            yield ("type", item["text"])
        # else the first fact cited on the empty line writes its title there: no typing
        for fact in facts:
            yield ("click", f"fact_{fact}")
        yield ("click", "swot_add")

    def _agree(self, account: str, stakeholders: list[str]) -> Iterator[Step]:
        yield ("click", "plan")
        draft = self._draft()
        table = list(draft.consulted) if draft is not None else []
        if table != stakeholders[: len(table)]:  # not a start of the table wanted: empty it
            yield ("click", "clear")
            table = []
        missing = stakeholders[len(table) :]
        if missing:
            yield from self._step(3)
        here = present_ids(self.controller.view.account(account))
        if missing and stakeholders == here and self._has("seat_everyone"):
            yield ("click", "seat_everyone")  # the whole DMU present: one click
            missing = []
        for who in missing:
            if self._has(f"consult_{who}"):
                yield ("click", f"consult_{who}")
        yield ("click", "agree")
        if self._has("agree_confirm"):  # the bot chose this table: it agrees anyway
            yield ("click", "agree_confirm")


# ---------------------------------------------------------------------- what the UI can express
SIMPLE = ("desk_research", "map_pathway", "map_dmu", "review_kpis", "review_monthly")


def _unique_subset(items: Any, allowed: set[str]) -> bool:
    return isinstance(items, list) and len(set(items)) == len(items) and set(items) <= allowed


def expressible(action: dict[str, Any], view: View) -> bool:
    """Whether the screens can build exactly this action (else autoplay submits it directly)."""
    kind = action.get("kind")
    if kind in ("approve_campaign", "hold_campaign"):
        return any(c["id"] == action.get("campaign") for c in view.inbox)
    acc = next((a for a in view.accounts if a.id == action.get("account")), None)
    if acc is None:
        return False
    people = {p.id for p in acc.people}
    if kind == "review_monthly":  # its button turns the routine the other way
        return action.get("on", True) is not acc.reviews_monthly
    if kind in SIMPLE:
        return True
    if kind == "set_tier":
        return action.get("tier") in TIERS
    if kind == "meet":
        questions = action.get("questions", [])
        return (
            action.get("stakeholder") in people
            and action.get("purpose") in {p[0] for p in PURPOSES}
            and _unique_subset(questions, {q["id"] for q in view.questions})
            and len(questions) <= MAX_QUESTIONS
        )
    if kind == "agree_plan":
        return _unique_subset(action.get("stakeholders", []), people)
    if kind == "write_plan":
        facts = [f.id for f in citable_facts(view.facts, acc.id)][:SHOWN_FACTS]
        projects = {p["id"] for p in view.projects}
        return _plan_ok(action.get("plan"), set(facts), projects)
    return False


def _plan_ok(plan: Any, facts: set[str], projects: set[str]) -> bool:
    if not isinstance(plan, dict) or set(plan) - {
        "segment",
        "needs",
        "swot",
        "objectives",
        "tactics",
    }:
        return False
    tactics = [t.get("project") for t in plan.get("tactics", []) if isinstance(t, dict)]
    return (
        plan.get("segment") in (None, *SEGMENTS)
        and _unique_subset(plan.get("needs", []), set(NEEDS))
        and all(_swot_ok(item, facts) for item in plan.get("swot", []))
        and all(_objective_ok(o) for o in plan.get("objectives", []))
        and len(tactics) == len(plan.get("tactics", []))
        and _unique_subset(tactics, projects)
    )


def _swot_ok(item: Any, facts: set[str]) -> bool:
    if not isinstance(item, dict):
        return False
    text = item.get("text")
    return (
        item.get("kind") in SWOT_KINDS
        and isinstance(text, str)
        and text == text.strip()
        and bool(text)
        and "\n" not in text
        and _unique_subset(item.get("facts", []), facts)
    )


def _objective_ok(objective: Any) -> bool:
    if not isinstance(objective, dict):
        return False
    week, target = objective.get("by_week"), objective.get("target")
    return (
        objective.get("kpi") in KPIS
        and isinstance(week, int)
        and week >= 0
        and isinstance(target, int | float)
        and not isinstance(target, bool)
    )


def canonical(action: dict[str, Any]) -> dict[str, Any]:
    """The form the simulation logs a valid action in (invalid ones are logged as given)."""
    try:
        return action_to_dict(parse_action(action))
    except ValueError:
        return action
