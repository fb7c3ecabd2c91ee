"""Each screen driven by real events: what it shows, and what the game recorded."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, key, target, type_text


def test_title_lists_bundled_scenarios_and_starts_a_game(app: App) -> None:
    app.show("title")
    frames(app)
    labels = [b.text for n, b in app.screen.buttons.items() if n.startswith("scenario_")]
    assert len(labels) == 3
    assert [t.split(" — ")[1].split(",")[0] for t in labels] == ["tutorial", "standard", "advanced"]
    click(app, "scenario_0")  # easiest first: the tutorial
    key(app, pygame.K_RETURN, "\r")
    assert app.screen.name == "briefing"
    assert app.controller.sim.scenario.meta.id == "tutorial"
    assert app.controller.save_path is not None and app.controller.save_path.exists()


def test_title_rejects_a_bad_seed_with_a_message(app: App) -> None:
    app.show("title")
    frames(app)
    app.screen.entries["seed"].set_text("abc")
    click(app, "new_game")
    assert app.screen.name == "title"
    assert "whole number" in app.screen.message


def test_briefing_shows_the_story_then_enter_opens_the_dashboard(
    app: App, game: GameController
) -> None:
    app.go("briefing")
    frames(app)
    box = next(e for e in app.screen.root.elements if hasattr(e, "html_text"))
    assert "First steps" in box.html_text
    key(app, pygame.K_RETURN, "\r")
    assert app.screen.name == "dashboard"


def test_dashboard_sorts_and_opens_an_account(app: App, game: GameController) -> None:
    table = app.screen.table
    assert len(table.rows) == len(game.view.accounts) == 3
    click(app, "sort_sales")
    sales = [r["sort_sales"] for r in table.rows]
    assert sales == sorted(sales, reverse=True)
    click(app, "sort_sales")
    assert [r["sort_sales"] for r in table.rows] == sorted(sales)
    first = table.rows[0]["id"]
    rect = target(app, f"account_{first}")
    assert app.window.get_at((rect.x + 1, rect.centery))[:3] == theme.ACCENT  # selection bar
    click(app, f"account_{first}")
    assert app.screen.name == "account" and app.screen.params["account"] == first


def test_dashboard_keyboard_navigation(app: App, game: GameController) -> None:
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN, "\r")
    assert app.screen.name == "account"
    key(app, pygame.K_ESCAPE)
    assert app.screen.name == "dashboard"


def test_account_actions_reveal_facts_and_spend_field_days(app: App, game: GameController) -> None:
    app.push("account", account="millbrook")
    frames(app)
    days = game.view.field_days_left
    click(app, "desk_research")
    assert game.last_outcome.accepted
    assert game.view.field_days_left < days
    assert any(f.account == "millbrook" for f in game.view.facts)
    click(app, "tier_key")
    assert game.view.account("millbrook").tier == "key"
    assert app.screen.buttons["tier_key"].is_selected


def test_account_network_tooltip_and_click_to_meet(app: App, game: GameController) -> None:
    app.push("account", account="millbrook")
    frames(app)
    person = game.view.account("millbrook").people[0]
    pos = target(app, f"person_{person.id}").center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    )
    frames(app)
    tip = app.screen.network.tooltip_text()
    assert person.name in tip and "True influence is hidden" in tip
    click(app, f"person_{person.id}")
    assert app.screen.name == "meeting" and app.screen.stakeholder == person.id


def test_meeting_with_questions_shows_what_was_learned(app: App, game: GameController) -> None:
    acc = game.view.account("millbrook")
    app.push("meeting", account="millbrook")
    frames(app)
    person = acc.people[-1].id
    question = game.view.questions[0]["id"]
    click(app, f"person_{person}")
    click(app, "purpose_discover")
    click(app, f"question_{question}")
    assert app.screen.buttons[f"question_{question}"].is_selected
    key(app, pygame.K_RETURN, "\r")
    _, action = game.decisions()[-1]
    assert action == {
        "kind": "meet",
        "account": "millbrook",
        "stakeholder": person,
        "purpose": "discover",
        "questions": [question],
    }
    assert app.screen.result is game.last_outcome
    assert game.feed[-1].text  # the status line says what happened


def test_planning_board_builds_writes_and_agrees_a_plan(app: App, game: GameController) -> None:
    game.submit({"kind": "desk_research", "account": "millbrook"})
    fact = next(f.id for f in game.view.facts if f.account == "millbrook")
    app.push("planning", account="millbrook")
    frames(app)
    click(app, "step_2")
    click(app, "segment_total_value")
    click(app, "need_process_improvement")
    click(app, "step_4")
    click(app, "swot_kind_threat")
    click(app, "entry_swot_text")
    type_text(app, "Waits far above the published figure")
    click(app, f"fact_{fact}")
    click(app, "swot_add")
    click(app, "step_5")
    click(app, "kpi_share")
    click(app, "entry_target")
    type_text(app, "30")  # a share is typed as a percentage, as the dashboard shows it
    click(app, "entry_by_week")
    type_text(app, "8")
    click(app, "objective_add")
    click(app, "step_6")
    project = game.view.projects[0]["id"]
    click(app, f"project_{project}")
    key(app, pygame.K_w, "w")
    plan = game.view.account("millbrook").plan
    assert plan is not None and plan.status == "draft"
    assert plan.plan["swot"][0] == {
        "kind": "threat",
        "text": "Waits far above the published figure",
        "facts": [fact],
    }
    assert plan.plan["objectives"] == [{"kpi": "share", "target": 0.3, "by_week": 8}]
    assert plan.plan["tactics"] == [{"project": project}]
    click(app, "step_3")
    person = game.view.account("millbrook").people[0].id
    click(app, f"consult_{person}")
    click(app, "agree")
    assert game.decisions()[-1][1] == {
        "kind": "agree_plan",
        "account": "millbrook",
        "stakeholders": [person],
    }


def test_calendar_advances_and_autosaves(app: App, game: GameController) -> None:
    key(app, pygame.K_c, "c")
    assert app.screen.name == "calendar"
    click(app, "advance")
    assert game.week == 2
    game.flush()  # autosaves are written off the frame
    assert game.save_path.exists()
    assert '"screen": "calendar"' in game.save_path.with_suffix(".ui.json").read_text()
    if app.report.is_open:  # week 1's report: N does nothing until it is closed
        key(app, pygame.K_RETURN)
    key(app, pygame.K_n, "n", mod=pygame.KMOD_SHIFT)
    assert game.week > 2


def test_inbox_approve_or_hold(app: App, game: GameController) -> None:
    while not game.view.inbox and not game.finished:
        game.advance_week()
    key(app, pygame.K_i, "i")
    assert app.screen.name == "inbox"
    campaign = game.view.inbox[0]["id"]
    assert app.hud.buttons["nav_inbox"].text.startswith("Inbox (")
    click(app, f"hold_{campaign}")
    assert game.decisions()[-1][1] == {"kind": "hold_campaign", "campaign": campaign}
    assert any(d["id"] == campaign and d["decision"] == "held" for d in game.view.campaigns_decided)


def test_kpi_monitor_charts_and_review(app: App, game: GameController) -> None:
    for _ in range(4):
        game.advance_week()
    key(app, pygame.K_k, "k")
    assert app.screen.name == "kpis"
    assert app.screen.buttons["review"].is_enabled is False
    click(app, "kpi_account_millbrook")
    click(app, "review")
    assert game.decisions()[-1][1] == {"kind": "review_kpis", "account": "millbrook"}
    rect = app.content_rect()
    colours = {
        app.window.get_at((x, y))[:3]
        for x in range(rect.x + 300, rect.right, 7)
        for y in range(rect.y + 150, rect.centery, 7)
    }
    assert theme.SERIES[0] in colours  # the account's line is drawn


def test_help_overlay_toggles_and_darkens(app: App, game: GameController) -> None:
    before = app.window.get_at((5, 300))
    key(app, pygame.K_F1)
    assert app.help_visible
    after = app.window.get_at((5, 300))
    assert sum(after[:3]) < sum(before[:3])
    key(app, pygame.K_ESCAPE)
    assert not app.help_visible


def test_window_resize_rebuilds_the_screen(app: App, game: GameController) -> None:
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    frames(app)
    assert app.screen.table.rect.width > 1000
    assert target(app, "help").right > 1500


def test_the_dashboard_keeps_its_sort_through_a_resize(app: App, game: GameController) -> None:
    click(app, "sort_sales")
    click(app, "sort_sales")  # ascending now
    order = [r["id"] for r in app.screen.table.rows]
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    frames(app)
    table = app.screen.table
    assert (table.sort_key, table.descending) == ("sales", False)
    assert [r["id"] for r in table.rows] == order


def test_game_over_opens_the_debrief(app: App, game: GameController) -> None:
    while game.week < game.sim.scenario.meta.duration_weeks:
        game.advance_week()
    click(app, "next_week")
    assert game.finished and app.screen.name == "debrief"
    assert app.screen.card is not None and "total" in app.screen.card
    key(app, pygame.K_t, "t")
    assert app.screen.tab == "timeline"
    key(app, pygame.K_e, "e")
    rows = len(app.screen.card["indicators"])
    for _ in range(rows + 20):  # scrolling stops at the last row
        key(app, pygame.K_DOWN, "", n=1)
    assert app.screen.scroll == rows - 1
    key(app, pygame.K_ESCAPE, "")  # leave the debrief…
    assert app.screen.name != "debrief"
    click(app, "next_week")  # …and the HUD's button (now "Debrief ▶") leads back
    assert app.screen.name == "debrief"


def test_step_four_offers_each_fact_once_most_reliable_telling_first() -> None:
    from kamsim.sim.view import FactView
    from kamsim.ui.screens.planning import citable_facts

    def heard(fid: str, reliability: float, week: int) -> FactView:
        return FactView(fid, "acc", fid, "text", {}, f"src{week}", week, reliability)

    facts = [heard("wait", 0.2, 1), heard("chair", 1.0, 2), heard("wait", 0.95, 3),
             heard("other", 0.9, 1)]  # fmt: skip
    facts.append(FactView("x", "elsewhere", "x", "t", {}, "s", 1, 1.0))
    shown = citable_facts(facts, "acc")
    assert [(f.id, f.reliability) for f in shown] == [("chair", 1.0), ("wait", 0.95),
                                                      ("other", 0.9)]  # fmt: skip
