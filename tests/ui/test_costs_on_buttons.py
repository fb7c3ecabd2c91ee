"""Every action says what it takes before it is taken: field days (and money where it has any)
on its button and in its tooltip, read from the scenario's dynamics — a scenario with other
numbers shows other numbers — and what doing it again would bring, where the view can tell."""

from __future__ import annotations

import pygame

from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation
from kamsim.ui import theme
from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, key

ACCOUNT = "millbrook"


def tuned_tutorial() -> Scenario:
    """The tutorial with field days no default has, so only the dynamics can explain them."""
    scenario = load_scenario(resolve("tutorial"))
    dyn = scenario.dynamics
    costs = dyn.costs.model_copy(
        update={
            "desk_research_days": 0.75,
            "plan_days": 0.4,
            "agree_days": 0.6,
            "kpi_review_days": 0.3,
            "dmu_mapping_days": 0.7,
        }
    )
    meetings = dict(dyn.meetings)
    for purpose, days in (("discover", 0.6), ("co_create", 1.2)):
        key_ = next(k for k in meetings if k.value == purpose)
        meetings[key_] = meetings[key_].model_copy(update={"days": days})
    tuned = dyn.model_copy(update={"costs": costs, "meetings": meetings})
    return scenario.model_copy(update={"dynamics": tuned})


def start(app: App, scenario: Scenario | None = None) -> GameController:
    sim = Simulation(scenario or tuned_tutorial(), 1)
    controller = GameController(sim, None, "tutorial")
    app.start(controller, "account", account=ACCOUNT)
    frames(app)
    return controller


def text(app: App, name: str) -> str:
    return str(app.screen.buttons[name].text)


def tip(app: App, name: str) -> str:
    return str(app.screen.buttons[name].tool_tip_text)


def test_account_actions_show_their_days_from_the_dynamics(app: App) -> None:
    start(app)
    assert text(app, "desk_research") == "Desk research · 0.75 d"
    assert "Takes 0.75 field days" in tip(app, "desk_research")
    assert text(app, "map_dmu") == "Map DMU · 0.7 d"
    assert text(app, "review_kpis") == "Review KPIs · 0.3 d"
    assert "takes no field days" in tip(app, "tier_key")
    assert "discover 0.6" in tip(app, "meet") and "co-create 1.2" in tip(app, "meet")


def test_repeated_desk_research_says_it_finds_nothing_new(app: App) -> None:
    game = start(app)
    click(app, "desk_research")
    assert game.last_outcome.accepted
    assert text(app, "desk_research") == "Researched ✓ · 0.75 d"
    assert "nothing new" in tip(app, "desk_research")
    click(app, "map_dmu")
    assert text(app, "map_dmu").startswith("DMU mapped ✓")
    assert "people who joined since" in tip(app, "map_dmu")


def test_meeting_purposes_show_days_and_co_creation_says_it_costs_double(app: App) -> None:
    start(app)
    click(app, "meet")
    assert text(app, "purpose_discover") == "Discover · 0.6 d"
    assert text(app, "purpose_co_create") == "Co-create · 1.2 d"
    assert "twice a discovery meeting" in tip(app, "purpose_co_create")
    click(app, "purpose_co_create")
    assert text(app, "go").startswith("Hold the meeting · 1.2 d")
    assert "Takes 1.2 field days" in tip(app, "go")


def test_planning_write_and_agree_show_days_and_money(app: App) -> None:
    game = start(app)
    click(app, "plan")
    assert text(app, "write").startswith("✎ Write plan · 0.4 d")
    assert "Takes 0.4 field days" in tip(app, "write")
    assert text(app, "agree").startswith("✓ Agree plan · 0.6 d")
    assert "No plan is written yet" in tip(app, "agree")  # why it would be refused
    assert text(app, "do_desk_research") == "Desk research · 0.75 d"
    click(app, "step_6")
    project = game.view.projects[0]
    click(app, f"project_{project['id']}")
    key(app, pygame.K_w, "w")
    assert game.last_outcome.accepted and game.last_outcome.days == 0.4
    price = theme.money(project["cost"], game.view.scenario["currency"])
    assert f"0.6 d + {price}" in text(app, "agree")
    assert f"Takes 0.6 field days and {price}" in tip(app, "agree")
    assert "No plan is written yet" not in tip(app, "agree")
    click(app, "step_7")
    assert text(app, "do_review_kpis") == "Review KPIs · 0.3 d"


def test_holding_a_campaign_shows_the_co_funding_it_costs(app: App) -> None:
    game = start(app, load_scenario(resolve("tutorial")))
    while not game.view.inbox:
        game.advance_week()
    key(app, pygame.K_i, "i")
    campaign = game.view.inbox[0]
    money = campaign["friction"] * game.sim.scenario.dynamics.campaign_friction_cost
    assert text(app, f"hold_{campaign['id']}") == f"⊘ Hold back · −{theme.money(money)}"
    assert "no field days" in tip(app, f"approve_{campaign['id']}")
    budget = game.view.budget_left
    click(app, f"hold_{campaign['id']}")
    assert game.view.budget_left == budget - money


def test_a_week_without_the_days_says_so_before_the_click(app: App) -> None:
    game = start(app)
    while game.view.field_days_left >= 0.75:
        assert game.submit({"kind": "map_pathway", "account": "eastvale"}).accepted or (
            game.submit({"kind": "review_kpis", "account": "eastvale"}).accepted
        )
    frames(app)
    assert "Not enough field days left this week" in tip(app, "desk_research")


def test_a_declined_account_says_its_actions_would_be_refused(app: App) -> None:
    start(app)
    click(app, "tier_decline")
    click(app, "tier_confirm")  # declining asks first (tests/ui/test_tier_questions.py)
    assert "You declined KAM with this account" in tip(app, "desk_research")
    click(app, "desk_research")
    assert not app.controller.last_outcome.accepted
