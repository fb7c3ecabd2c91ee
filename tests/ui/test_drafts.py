"""Nothing typed or chosen on the planning board is lost: Esc, another screen, a resize, a quit
and a resume all keep the draft (segment, needs, SWOT lines and the line being typed, the
table); writing the plan keeps the table for the agreement, and agreeing with influential
people missing from the table asks first."""

from __future__ import annotations

import json

import pygame

from kamsim.ui import games, theme
from kamsim.ui.app import App, Options
from kamsim.ui.controller import GameController
from kamsim.ui.drafts import SIDECAR_KEY, DraftBook
from kamsim.ui.plan_draft import PlanDraft
from tests.ui.conftest import click, frames, key, type_text

ACCOUNT = "millbrook"  # tutorial: a clinical director and a front-line nurse are known


def person_ids(game: GameController) -> tuple[str, str]:
    """The senior person (a director: visible standing) and the nurse (none)."""
    people = game.view.account(ACCOUNT).people
    assert len(people) == 2 and "Director" in people[0].role and people[1].front_line
    return people[0].id, people[1].id


def fill_the_board(app: App, game: GameController) -> None:
    """A trainee's unsaved work: a segment and a need, a SWOT line added and one half typed,
    an objective being typed, a person at the table."""
    app.push("account", account=ACCOUNT)
    frames(app)
    click(app, "desk_research")
    click(app, "plan")
    click(app, "step_2")
    click(app, "segment_total_value")
    click(app, "need_process_improvement")
    click(app, "step_4")
    click(app, "swot_kind_threat")
    click(app, "entry_swot_text")
    type_text(app, "Waits far above the published figure")
    click(app, "swot_add")
    click(app, "swot_kind_opportunity")
    click(app, "entry_swot_text")
    type_text(app, "Half typed")
    click(app, "step_5")
    click(app, "entry_target")
    type_text(app, "0.3")
    click(app, "step_3")
    click(app, f"consult_{person_ids(game)[0]}")


def assert_board_kept(app: App, game: GameController) -> None:
    """The board (reopened) shows everything `fill_the_board` put on it."""
    assert app.screen.name == "planning"
    draft = app.screen.draft
    assert draft.segment == "total_value"
    assert draft.needs == ["process_improvement"]
    assert [(s["kind"], s["text"]) for s in draft.swot] == [
        ("threat", "Waits far above the published figure")
    ]
    assert draft.swot_kind == "opportunity" and draft.swot_text == "Half typed"
    assert draft.target_text == "0.3"
    assert draft.consulted == [person_ids(game)[0]]
    click(app, "step_3")
    assert app.screen.buttons[f"consult_{person_ids(game)[0]}"].is_selected
    click(app, "step_4")
    assert app.screen.entries["swot_text"].get_text() == "Half typed"
    assert app.screen.buttons["swot_kind_opportunity"].is_selected
    click(app, "step_2")
    assert app.screen.buttons["segment_total_value"].is_selected
    click(app, "step_5")
    assert app.screen.entries["target"].get_text() == "0.3"


def test_esc_keeps_the_draft(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    key(app, pygame.K_ESCAPE)
    assert app.screen.name == "account"
    click(app, "plan")
    assert_board_kept(app, game)


def test_esc_while_typing_keeps_the_typed_text(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    click(app, "step_4")
    click(app, "entry_swot_text")
    type_text(app, " more")
    click(app, "step_4")  # out of the field, then away
    key(app, pygame.K_ESCAPE)
    click(app, "plan")
    click(app, "step_4")
    assert app.screen.entries["swot_text"].get_text() == "Half typed more"


def test_leaving_for_other_screens_keeps_the_draft(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    key(app, pygame.K_d, "d")
    assert app.screen.name == "dashboard"
    key(app, pygame.K_c, "c")
    click(app, "advance")  # a week goes by as well
    if app.report.is_open:  # the week's report, read and closed as a person would
        key(app, pygame.K_RETURN)
    app.go("account", account=ACCOUNT)
    frames(app)
    click(app, "plan")
    assert_board_kept(app, game)


def test_a_window_resize_keeps_the_draft(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    click(app, "step_4")
    click(app, "entry_swot_text")
    type_text(app, "!")  # still in the field when the window changes size
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1400, h=800, size=(1400, 800)))
    frames(app)
    assert app.window.get_size() == (1400, 800)
    assert app.screen.entries["swot_text"].get_text() == "Half typed!"
    app.screen.entries["swot_text"].set_text("Half typed")
    frames(app)
    assert_board_kept(app, game)


def test_quit_and_resume_keep_the_draft(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    app.quit()
    game.flush()
    sidecar = json.loads(game.save_path.with_suffix(".ui.json").read_text())
    assert sidecar["screen"] == "planning"
    assert sidecar[SIDECAR_KEY][ACCOUNT]["swot_text"] == "Half typed"
    resumed = games.resume_game(game.save_path)
    assert SIDECAR_KEY not in resumed.ui_state  # the drafts are not a screen parameter
    state = dict(resumed.ui_state)
    screen = state.pop("screen")
    params = {k: v for k, v in state.items() if k not in ("source", "week")}
    pygame.quit()
    theme.reset()
    again = App(Options(fast=True, driven=True))
    try:
        again.start(resumed, screen, **params)
        frames(again)
        assert_board_kept(again, resumed)
    finally:
        pygame.quit()
        theme.reset()


def test_the_table_survives_writing_the_plan(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    senior, nurse = person_ids(game)
    click(app, f"consult_{nurse}")
    key(app, pygame.K_w, "w")
    assert game.last_outcome.accepted and game.last_outcome.action["kind"] == "write_plan"
    assert app.screen.draft.consulted == [senior, nurse]
    key(app, pygame.K_ESCAPE)  # and leaving in between changes nothing
    click(app, "plan")
    key(app, pygame.K_a, "a")
    assert app.screen.question is None  # everyone is at the table: no question
    assert game.decisions()[-1][1] == {
        "kind": "agree_plan",
        "account": ACCOUNT,
        "stakeholders": [senior, nurse],
    }


def test_agreeing_without_the_senior_people_asks_first(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    senior, nurse = person_ids(game)
    click(app, f"consult_{senior}")  # off the table
    click(app, f"consult_{nurse}")
    key(app, pygame.K_w, "w")
    submitted = game.actions_submitted
    click(app, "agree")
    assert app.screen.question is not None
    assert game.view.account(ACCOUNT).people[0].name in app.screen.question
    assert game.actions_submitted == submitted  # nothing went to the customer yet
    key(app, pygame.K_ESCAPE)  # back to the table, still on the board
    assert app.screen.name == "planning" and app.screen.step == 3
    assert app.screen.question is None and game.actions_submitted == submitted
    click(app, "agree")
    click(app, "agree_confirm")
    assert game.decisions()[-1][1] == {
        "kind": "agree_plan",
        "account": ACCOUNT,
        "stakeholders": [nurse],
    }


def test_agreeing_with_nobody_at_the_table_asks_first(app: App, game: GameController) -> None:
    fill_the_board(app, game)
    click(app, f"consult_{person_ids(game)[0]}")  # the table is empty now
    key(app, pygame.K_w, "w")
    submitted = game.actions_submitted
    key(app, pygame.K_a, "a")
    assert "nobody present" in (app.screen.question or "")
    assert game.actions_submitted == submitted
    key(app, pygame.K_RETURN, "\r")  # agree anyway
    assert game.decisions()[-1][1]["stakeholders"] == []


def test_drafts_from_a_broken_sidecar_are_left_out() -> None:
    book = DraftBook.from_json(
        {
            "a": {"segment": "nonsense", "swot": [{"kind": "?", "text": 1}, "x"], "kpi": 3},
            "b": "not a draft",
            "c": {
                "objectives": [{"kpi": "share", "target": True, "by_week": 3}],
                "needs": ["drug_cost", 4, "drug_cost"],
                "consulted": "x",
            },
        }
    )
    assert book.get("b") is None
    a, c = book.get("a"), book.get("c")
    assert a == PlanDraft()
    assert c is not None and c.objectives == [] and c.needs == ["drug_cost"]
    assert c.consulted == []
    assert DraftBook.from_json([1, 2]).to_json() == {}


def test_a_draft_reads_back_exactly() -> None:
    draft = PlanDraft(
        "healthcare_costs",
        ["drug_cost"],
        [{"kind": "weakness", "text": "t", "facts": ["f1"]}],
        [{"kpi": "share", "target": 0.3, "by_week": 8}],
        ["p1"],
        ["someone"],
        "threat",
        "typing",
        ["f2"],
        "sales",
        "12",
        "9",
    )
    assert PlanDraft.from_json(json.loads(json.dumps(draft.to_json()))) == draft
