"""No internal id reaches the screen: every text drawn on every screen is read for id-shaped
tokens (snake_case words, `a:b:c` sources, and any token spelled exactly like a scenario id or
an action kind) in every bundled scenario, after some weeks of the expert's play so the screens
have content (facts, plans, answers, KPIs, campaigns, the week report, the debrief).

Texts are collected where all drawing passes (`theme.text`, under `draw.label` and
`draw.paragraph`) and from the pygame_gui elements on screen (buttons, their tooltips, text
boxes), so a new screen or widget is covered without touching this test.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pygame
import pytest

from kamsim.bots.runner import make_bot, play_week
from kamsim.scenario.base import Need, Purpose, Segment, Tier
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation
from kamsim.sim.actions import ACTION_MODELS
from kamsim.ui import theme
from kamsim.ui.app import App, Options
from kamsim.ui.controller import GameController
from kamsim.ui.plan_draft import KPIS
from kamsim.ui.screens.planning import STEP_CLASSES
from tests.ui.conftest import click, frames, key, spy_drawn

GAMES = {"tutorial": 3, "standard": 14, "advanced": 12}  # scenario → weeks the expert plays first
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+|[A-Za-z][A-Za-z0-9]*")
EXPERT_WAIT_S = 60.0


def scenario_ids(scenario: Scenario) -> set[str]:
    """Every id a trainee should never read: the scenario's and the game's vocabulary."""
    ids = {a.id for a in scenario.accounts}
    ids |= {p.id for a in scenario.accounts for p in a.stakeholders}
    ids |= {q.id for q in scenario.questions} | {f.id for f in scenario.facts}
    ids |= {p.id for p in scenario.projects} | {p.id for p in scenario.company.products}
    ids |= {c.id for c in scenario.criteria} | {e.id for e in scenario.events}
    ids |= {c.id for c in scenario.company.brand_campaigns}
    ids |= {c.id for c in scenario.company.colleagues}
    ids |= set(ACTION_MODELS) | {p.value for p in Purpose} | set(KPIS)
    ids |= {s.value for s in Segment} | {n.value for n in Need}
    # ids that are plain English words read as words ("Listen", "key account")
    return {i for i in ids if "_" in i or i not in ENGLISH}


ENGLISH = {t.value for t in Tier} | {"meet", "listen", "discover", "promote", "roi",
                                     "sales", "share", "satisfaction", "reputation", "value",
                                     "partnership", "innovation", "implementation",
                                     "alignment"}  # fmt: skip


def id_tokens(text: str, ids: set[str]) -> list[str]:
    return [t for t in TOKEN.findall(text) if "_" in t or ":" in t or t in ids]


class Seen:
    """Every text drawn, and on which screen."""

    def __init__(self) -> None:
        self.where = "start"
        self.texts: dict[str, set[str]] = {}

    def add(self, text: str) -> None:
        if text:
            self.texts.setdefault(text, set()).add(self.where)

    def gui(self, app: App) -> None:
        """The texts of the pygame_gui elements alive now (buttons, tooltips, text boxes)."""
        for element in app.manager.get_sprite_group().sprites():
            if not element.alive() or not element.visible:
                continue
            for attr in ("text", "tool_tip_text", "html_text"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    self.add(re.sub(r"<[^>]+>", " ", value))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[Seen]:
    record = Seen()
    spy_drawn(monkeypatch, record.add)
    yield record


def played(name: str, weeks: int) -> Simulation:
    """The expert's game after `weeks` weeks, stopped at a week with a campaign request
    pending (if one comes within a few weeks), so the inbox has a card to show."""
    scenario = load_scenario(resolve(name))
    sim, bot = Simulation(scenario, 1), make_bot("expert", 1)
    while not sim.finished and (sim.week <= weeks or not sim.view().inbox):
        if sim.week > weeks + 6:
            break
        play_week(sim, bot, Simulation.view)
        sim.advance(sim.week + 1)
    return sim


def visit(app: App, seen: Seen, where: str, n: int = 3) -> None:
    seen.where = where
    frames(app, n)
    seen.gui(app)
    key(app, pygame.K_F1, n=2)  # the help overlay of this screen
    key(app, pygame.K_F1, n=1)


def walk(app: App, seen: Seen, controller: GameController) -> None:
    view = controller.view
    app.start(controller, "dashboard")
    visit(app, seen, "dashboard")
    planned = [a for a in view.accounts if a.plan is not None] or list(view.accounts[:1])
    for acc in view.accounts:
        app.go("account", account=acc.id)
        visit(app, seen, f"account {acc.id}")
    acc = planned[0]
    app.go("account", account=acc.id)
    frames(app)
    click(app, "meet")
    person = acc.people[0].id
    click(app, f"person_{person}")
    click(app, "purpose_discover")
    for q in view.questions[:2]:
        click(app, f"question_{q['id']}")
    click(app, "go")
    visit(app, seen, "meeting")
    for acc in planned:
        app.go("planning", account=acc.id)
        for step in range(1, len(STEP_CLASSES) + 1):
            click(app, f"step_{step}")
            visit(app, seen, f"planning {acc.id} step {step}")
    click(app, "clear")
    click(app, "step_3")
    click(app, f"consult_{planned[-1].people[-1].id}")
    key(app, pygame.K_a, "a")  # agreeing with people missing asks first
    visit(app, seen, "planning question")
    key(app, pygame.K_ESCAPE)
    for screen in ("inbox", "calendar", "kpis", "portfolio"):
        app.go(screen)
        visit(app, seen, screen)
    app.go("kpis", account=planned[0].id)
    visit(app, seen, "kpis account")
    walk_week_reports(app, seen, controller)
    app.go("debrief")
    deadline = time.monotonic() + EXPERT_WAIT_S
    while app.screen.expert is None and time.monotonic() < deadline:
        time.sleep(0.05)
        frames(app, 1)
    for tab in ("evidence", "timeline", "expert"):
        click(app, f"tab_{tab}")
        visit(app, seen, f"debrief {tab}")


def walk_week_reports(app: App, seen: Seen, controller: GameController) -> None:
    """The report of every week played so far (decisions, news, answers, sales, campaigns),
    then the real one: N on the dashboard, read, and closed with Enter."""
    app.go("dashboard")
    frames(app)
    app.report.open(controller.story_of(1, controller.week - 1))
    visit(app, seen, "week report (all weeks so far)")
    app.report.scroll(1.0)  # the end of a long story: "coming up"
    visit(app, seen, "week report (all weeks so far)")
    key(app, pygame.K_RETURN)
    for _ in range(3):  # the next weeks as a trainee sees them
        key(app, pygame.K_n, "n")
        visit(app, seen, f"week report week {controller.week - 1}")
        if app.report.is_open:
            key(app, pygame.K_RETURN)
    assert not app.report.is_open


@pytest.mark.parametrize("name", sorted(GAMES))
def test_no_internal_id_is_drawn_on_any_screen(name: str, seen: Seen) -> None:
    sim = played(name, GAMES[name])
    ids = scenario_ids(sim.scenario)
    app = App(Options(fast=True, driven=True))
    try:
        walk(app, seen, GameController(sim, None, name))
    finally:
        pygame.quit()
        theme.reset()
    found = {
        text: tokens for text in seen.texts if (tokens := id_tokens(text, ids))
    }  # fmt: skip
    report = "\n".join(
        f"{sorted(seen.texts[text])[0]}: {tokens} in {text[:140]!r}"
        for text, tokens in sorted(found.items())
    )
    places = {where for wheres in seen.texts.values() for where in wheres}
    assert {"dashboard", "meeting", "planning question", "inbox", "calendar", "kpis", "portfolio",
            "debrief evidence", "debrief timeline", "debrief expert",
            "week report (all weeks so far)"} <= places  # fmt: skip
    assert any(p.startswith("planning ") and p.endswith(f"step {len(STEP_CLASSES)}")
               for p in places)  # fmt: skip
    if any(e.kind == "decision" for e in sim.log):  # the report told them, in words
        assert any("Committee decisions" in text for text in seen.texts)
    assert any(text.startswith("Put the plan to the customer") for text in seen.texts)
    assert any("field days left this week" in text for text in seen.texts)  # tooltips read
    assert any(text.startswith("What if: the expert's") for text in seen.texts)
    assert not found, f"ids on screen in the {name} scenario:\n{report}"
