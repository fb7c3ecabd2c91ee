"""The newer parts of the view in plain words: names, never ids; words, not only colours."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pygame
import pytest

from kamsim.sim.view import FactView
from kamsim.ui import games, theme
from kamsim.ui.screens.calendar import price_ask_text
from kamsim.ui.screens.inbox import hold_text, intensity, load_text
from kamsim.ui.widgets.facts import hints, score_word
from kamsim.ui.widgets.plans import (
    answer_text,
    cooldown_text,
    holding_up,
    person_label,
    slipping_lines,
)

VETO = {
    "code": "veto",
    "person": "owen_tate",
    "text": "Owen Tate (Operations Manager, Day Care Unit) is not won over and holds it up",
}
TRUST = {"code": "trust", "person": None, "text": "they hardly know you yet"}  # fmt: skip


def plan(**kw: object) -> SimpleNamespace:
    fields = {"answer": None, "slipping": (), "cooldown_until": 0, "status": "draft"}
    return SimpleNamespace(**{**fields, **kw})


def test_the_customers_answer_is_its_reasons_text_never_codes_or_ids() -> None:
    said = answer_text(plan(answer={"verdict": "not_yet", "week": 12, "reasons": [VETO, TRUST]}))
    assert said == (
        "Week 12 — the customer said: Not yet. Owen Tate (Operations Manager, Day Care Unit) is "
        "not won over and holds it up; they hardly know you yet."
    )
    assert "owen_tate" not in said and "veto" not in said
    no = answer_text(
        plan(
            answer={
                "verdict": "no",
                "week": 8,
                "reasons": [
                    {
                        "code": "stance",
                        "person": None,
                        "text": "their ambitions do not point our way",
                    }
                ],
            }
        )
    )
    assert no == "Week 8 — the customer said: No. Their ambitions do not point our way."
    assert answer_text(plan(answer={"verdict": "yes", "week": 9, "reasons": []})).endswith("Yes.")
    assert answer_text(plan()) is None and answer_text(None) is None


def test_who_holds_the_plan_up_is_read_from_the_answer() -> None:
    answer = {"verdict": "not_yet", "week": 3, "reasons": [VETO, TRUST]}
    assert holding_up(plan(answer=answer)) == {"owen_tate"}
    assert holding_up(plan()) == set()


def test_slips_name_the_project_and_the_new_week() -> None:
    view = SimpleNamespace(projects=({"id": "icr", "name": "Infusion unit capacity redesign"},))
    lines = slipping_lines(plan(slipping=(("icr", 38),)), view)
    assert lines == ["Running late: Infusion unit capacity redesign, now due week 38 — update "
                     "and re-agree the plan to bring it back"]  # fmt: skip
    assert (
        "at Kestrel Bay," in slipping_lines(plan(slipping=(("icr", 38),)), view, "Kestrel Bay")[0]
    )


def test_the_wait_after_a_no_is_shown_only_while_it_is_ahead() -> None:
    assert cooldown_text(plan(cooldown_until=12), 9) == (
        "They will not discuss a new plan before week 12."
    )
    assert cooldown_text(plan(cooldown_until=12), 12) is None
    assert cooldown_text(plan(cooldown_until=0), 1) is None


@pytest.fixture
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    theme.reset()


def test_a_long_role_is_shortened_but_the_front_line_label_stays(fonts: None) -> None:
    role = "IBD Infusion Nurse and Day Unit Coordinator, Weekend Service"
    nurse = SimpleNamespace(
        id="n", name="Mathilde Lacroix", present=True, front_line=True, role=role
    )
    label = person_label(nurse, {"n"}, 340, 12)
    assert label.endswith(" · front line · holds up the plan") and "…" in label
    boss = SimpleNamespace(id="b", name="Dr B", present=False, front_line=False, role="Head")
    assert person_label(boss, set(), 340) == "Dr B — Head (has left)"


def test_a_fact_suggests_criteria_by_name_in_words() -> None:
    criterion = {"id": "alignment", "name": "Alignment of ambitions with ours", "weight": 0.25}
    view = SimpleNamespace(attractiveness_criteria=(criterion,))
    fact = FactView("f", "a", "t", "x", {"criteria": {"alignment": 1}, "swot": "threat"}, "s", 1, 1)
    assert hints(fact, view) == [
        "SWOT: threat",
        "suggests: Alignment of ambitions with ours — very low",
    ]
    assert [score_word(s) for s in (1, 2, 3, 4, 5, 4.6)] == [
        "very low", "low", "medium", "high", "very high", "very high"]  # fmt: skip


def test_a_campaign_is_worded_by_its_load_reach_and_cost() -> None:
    assert [intensity(f) for f in (0.4, 0.69, 0.7, 1.49, 1.5, 3)] == [
        "light", "light", "medium", "medium", "heavy", "heavy"]  # fmt: skip
    heavy = {"fatigue": 2.5, "reach_days": 2.0, "friction": 1.5}
    assert load_text(heavy) == (
        "Load on each person it reaches: heavy (2.5 calls' worth of fatigue); reps add 2 field "
        "days of effort in each account"
    )
    assert hold_text(heavy, 0.0, 6.0)[0] == "Holding it back costs goodwill: 1.5 points of friction"
    assert "brand director would overrule you" in hold_text(heavy, 5.0, 6.0)[0]


def test_a_tenders_price_ask_is_a_percentage_and_what_it_means() -> None:
    assert price_ask_text({"price_ask": 0.45}) == (
        "price asked: 45 % discount — we bid at it unless you decline KAM with the account"
    )
    assert price_ask_text({"price_ask": None}) is None


def test_a_question_named_in_the_log_is_quoted_once() -> None:
    """The log quotes the question's id ('q_capacity'); its words come in “quotes” already."""
    controller = games.new_game("standard", 1, autosave=False)
    question = controller.view.questions[1]
    said = controller.words.humanise(f"Dr Kofi Mensah has nothing to add on '{question['id']}'.")
    assert said == f"Dr Kofi Mensah has nothing to add on “{question['text']}”."


def test_a_tier_change_in_the_log_reads_as_a_sentence() -> None:
    """The journal once read "Greyhaven Regional Health Fund is now tier 'decline'."."""
    controller = games.new_game("standard", 1, autosave=False)
    name = controller.view.account("greyhaven").name
    outcome = controller.sim.submit({"kind": "set_tier", "account": "greyhaven", "tier": "decline"})
    (logged,) = outcome.messages
    assert logged == f"{name} is now tier 'decline'."  # the log's own words: digests stay
    said = controller.words.humanise(logged)
    assert said == f"You decline key account management with {name}."
    key = controller.words.humanise(f"{name} is now tier 'key'.")
    assert key == f"{name} is now a key account."
    assert "'" not in controller.words.humanise(f"{name} is now tier 'deprioritise'.")
    dotted = controller.words.humanise("week 3: St. Aldric Hospital is now tier 'decline'.")
    assert dotted == "week 3: You decline key account management with St. Aldric Hospital."
