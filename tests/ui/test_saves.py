"""Autosave, resume (the same game on the same screen) and errors shown as messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamsim.errors import UserError
from kamsim.ui import games, paths
from kamsim.ui.app import App
from tests.ui.conftest import click, frames


def test_resume_restores_the_game_and_the_screen(app: App) -> None:
    game = games.new_game("tutorial", 3)
    app.start(game, "dashboard")
    frames(app)
    game.submit({"kind": "desk_research", "account": "millbrook"})
    click(app, "account_millbrook")
    click(app, "next_week")  # autosaves, with the account screen in the sidecar
    game.flush()  # the autosave is written off the frame; a later session reads it from disk
    resumed = games.resume_game(game.save_path)
    assert resumed.sim.digest() == game.sim.digest()
    assert resumed.ui_state["screen"] == "account"
    assert resumed.ui_state["account"] == "millbrook"


def test_picker_lists_saves_and_resumes_onto_the_saved_screen(app: App) -> None:
    game = games.new_game("tutorial", 4)
    game.ui_state = {"screen": "kpis", "account": "eastvale"}
    game.advance_week()
    game.flush()
    app.show("title")
    frames(app)
    click(app, "resume_0")
    assert app.screen.name == "kpis" and app.screen.selected == "eastvale"
    assert app.controller.week == 2


def test_a_corrupt_save_is_listed_as_unreadable_and_explained(app: App) -> None:
    (paths.saves_dir() / "broken.json").write_text("{not json", encoding="utf-8")
    app.show("title")
    frames(app)
    assert not app.screen.buttons["resume_0"].is_enabled
    with pytest.raises(UserError, match="corrupt JSON"):
        games.resume_game(paths.saves_dir() / "broken.json")


def test_a_save_for_a_missing_scenario_is_a_clear_error(tmp_path: Path) -> None:
    save = tmp_path / "other.json"
    save.write_text(
        json.dumps(
            {"format_version": 1, "scenario_id": "nowhere", "seed": 1, "week": 1, "actions": []}
        ),
        encoding="utf-8",
    )
    with pytest.raises(UserError, match=r"'nowhere'.*cannot be found"):
        games.resume_game(save)


def test_a_broken_user_scenario_shows_its_problem_in_the_picker(app: App) -> None:
    (paths.user_scenarios_dir() / "mine.yaml").write_text("meta: {id: 3\n", encoding="utf-8")
    app.show("title")
    frames(app)
    button = app.screen.buttons["scenario_3"]
    assert "has errors" in button.text and not button.is_enabled


def test_quit_saves(app: App) -> None:
    game = games.new_game("tutorial", 5)
    app.start(game, "dashboard")
    game.submit({"kind": "desk_research", "account": "eastvale"})
    app.quit()
    assert games.resume_game(game.save_path).sim.digest() == game.sim.digest()


@pytest.mark.parametrize(
    "sidecar",
    [
        {"screen": "no_such_screen"},
        {"screen": "account", "account": "not_in_this_game"},
        {"screen": "kpis", "account": "nope"},
    ],
)
def test_a_sidecar_naming_what_is_not_there_lands_on_the_dashboard(
    app: App, sidecar: dict[str, str]
) -> None:
    game = games.new_game("tutorial", 6)
    game.advance_week()
    game.flush()
    resumed = games.resume_game(game.save_path)
    state = {k: v for k, v in sidecar.items() if k != "screen"}
    app.start(resumed, sidecar["screen"], **state)
    frames(app)
    assert app.screen is not None and app.screen.name == "dashboard"
    assert "could not be reopened" in resumed.feed[-1].text


def test_a_save_nested_100k_deep_is_listed_and_refused_in_words(app: App) -> None:
    deep = paths.saves_dir() / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (paths.saves_dir() / "deep.ui.json").write_text("{" * 50_000, encoding="utf-8")
    app.show("title")
    frames(app)
    assert not app.screen.buttons["resume_0"].is_enabled
    with pytest.raises(UserError, match="nested more than 64 levels deep"):
        games.resume_game(deep)
    assert paths.read_sidecar(deep) == {}


def test_a_game_on_a_trainers_file_resumes_after_the_file_changed_or_went(app: App) -> None:
    """The save carries the scenario's text; it is used when the file is no longer the one the
    game was played on (edited between workshops, or deleted)."""
    source = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
    own = paths.user_scenarios_dir() / "lindmoor.yaml"
    text = source.read_text(encoding="utf-8").replace("  id: tutorial\n", "  id: lindmoor\n", 1)
    own.write_text(text, encoding="utf-8")
    game = games.new_game(str(own), 5)
    game.submit({"kind": "desk_research", "account": "millbrook"})
    game.advance_week()
    game.flush()
    own.write_text(text.replace("    weight: 0.2\n", "    weight: 0.3\n", 1), encoding="utf-8")
    assert games.resume_game(game.save_path).sim.digest() == game.sim.digest()
    own.unlink()
    assert games.resume_game(game.save_path).sim.digest() == game.sim.digest()


def test_a_finished_game_is_listed_with_its_score_and_opens_the_debrief(app: App) -> None:
    game = games.new_game("tutorial", 5)
    while not game.finished:
        game.advance_week()
    app.start(game, "debrief")
    frames(app)
    total = game.scorecard()["total"]
    game.flush()
    unfinished = games.new_game("tutorial", 6)
    unfinished.advance_week()
    unfinished.flush()
    app.show("title")
    frames(app)
    labels = {b.text for name, b in app.screen.buttons.items() if name.startswith("resume_")}
    title = game.sim.scenario.meta.title
    (done,) = [t for t in labels if "finished" in t]
    assert done.startswith(f"{title} · seed 5 · finished · score {total:.0f} · ")
    assert any(t.startswith(f"{title} · seed 6 · week 2 · ") for t in labels)
    assert not any("tutorial ·" in t for t in labels)  # the title, never the scenario's id
    name = next(n for n, b in app.screen.buttons.items() if "finished" in b.text)
    click(app, name)
    assert app.screen.name == "debrief"
