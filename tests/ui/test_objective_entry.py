"""An objective takes a KPI click and its number: the cursor waits in the target, an empty week
means the plan year's end, and a week typed stays for the next objective (the autoplay's input
count measures it)."""

from __future__ import annotations

from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from tests.ui.conftest import click, frames, type_text


def _objectives(app: App, game: GameController) -> None:
    app.push("planning", account="millbrook")
    frames(app)
    click(app, "step_5")


def test_choosing_a_kpi_puts_the_cursor_in_its_target(app: App, game: GameController) -> None:
    _objectives(app, game)
    click(app, "kpi_share")
    assert app.screen.entries["target"] in app.manager.get_focus_set()
    type_text(app, "35")  # no click on the field first
    assert app.screen.entries["target"].get_text() == "35"


def test_an_empty_week_is_the_plan_years_end(app: App, game: GameController) -> None:
    _objectives(app, game)
    end = game.view.scenario["duration_weeks"]
    assert str(end) in app.screen.entries["by_week"].placeholder_text
    click(app, "kpi_share")
    type_text(app, "35")
    click(app, "objective_add")
    assert app.screen.draft.objectives == [{"kpi": "share", "target": 0.35, "by_week": end}]


def test_a_typed_week_stays_for_the_next_objective(app: App, game: GameController) -> None:
    _objectives(app, game)
    click(app, "kpi_share")
    type_text(app, "35")
    click(app, "entry_by_week")
    type_text(app, "8")
    click(app, "objective_add")
    assert app.screen.entries["by_week"].get_text() == "8"
    assert app.screen.entries["target"].get_text() == ""
    click(app, "kpi_satisfaction")
    type_text(app, "6")
    click(app, "objective_add")
    assert [o["by_week"] for o in app.screen.draft.objectives] == [8, 8]


def test_an_objective_without_a_target_is_refused(app: App, game: GameController) -> None:
    _objectives(app, game)
    click(app, "kpi_share")
    click(app, "objective_add")
    assert app.screen.draft.objectives == []
    assert "number target" in game.feed[-1].text
