"""A person's "Meet now" button holds the meeting with them at once, as prepared: a round of
listening or co-creation visits is one click a visit, not a choice of person and a Go."""

from __future__ import annotations

from kamsim.ui import games
from kamsim.ui.app import App
from tests.ui.conftest import click, frames

KEYS = ("kestrel_bay", "fenwick", "linden_valley")


def _meeting(app: App, account: str = "kestrel_bay") -> None:
    controller = games.new_game("standard", 1, autosave=False)
    for key in KEYS:
        assert controller.submit({"kind": "set_tier", "account": key, "tier": "key"}).accepted
    app.start(controller, "account", account=account)
    frames(app)
    click(app, "meet")


def _meetings(app: App) -> list[dict]:
    return [a for _, a in app.controller.sim.history if a["kind"] == "meet"]


def test_meet_now_holds_the_meeting_with_that_person_for_the_purpose_chosen(app: App) -> None:
    _meeting(app)
    click(app, "purpose_listen")
    button = app.screen.buttons["now_jill_parry"]
    assert button.text == "0.75 d ▸"  # its cost on the button, the listening meeting's
    days = app.controller.view.field_days_left
    click(app, "now_jill_parry")
    assert _meetings(app) == [{"kind": "meet", "account": "kestrel_bay",
                               "stakeholder": "jill_parry", "purpose": "listen",
                               "questions": []}]  # fmt: skip
    assert app.controller.view.field_days_left == days - 0.75
    screen = app.screen
    assert screen.result is not None and screen.result.accepted
    assert screen.stakeholder == "jill_parry" and screen.buttons["person_jill_parry"].is_selected


def test_meet_now_asks_the_questions_chosen_and_its_tooltip_says_so(app: App) -> None:
    _meeting(app)
    click(app, "question_q_budget")
    tip = app.screen.buttons["now_dr_mensah"].tool_tip_text
    assert "Dr Kofi Mensah" in tip and "asking the 1 question(s) chosen" in tip
    assert "field day" in tip
    click(app, "now_dr_mensah")
    assert _meetings(app)[-1]["questions"] == ["q_budget"]
    assert _meetings(app)[-1]["purpose"] == "discover"


def test_a_discovery_with_nothing_chosen_says_it_asks_nothing(app: App) -> None:
    _meeting(app)
    tip = app.screen.buttons["now_dr_mensah"].tool_tip_text
    assert "no questions (choose a topic for those)" in tip


def test_meet_now_at_another_key_account_holds_it_there(app: App) -> None:
    """Listed under the other key account: the meeting is held at that account, and its
    screen stays open on the result (Esc goes back to that account)."""
    _meeting(app)
    click(app, "purpose_co_create")
    view = app.controller.view
    person = next(p for p in view.account("fenwick").people if p.present)
    tip = app.screen.buttons[f"now_{person.id}"].tool_tip_text
    assert f"{person.name} at Fenwick" in tip and "co-create" in tip.lower()
    click(app, f"now_{person.id}")
    assert app.screen.name == "meeting" and app.screen.params["account"] == "fenwick"
    last = _meetings(app)[-1]
    assert (last["account"], last["stakeholder"], last["purpose"]) == ("fenwick", person.id,
                                                                        "co_create")  # fmt: skip
    assert app.screen.result is not None
