"""A question already put to the person chosen says so on the meeting screen: a sign, and in
its tooltip when and what came of it, so a trainee does not ask the same dead end again."""

from __future__ import annotations

from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation
from kamsim.ui.app import App
from kamsim.ui.asked import LEGEND, AskedIndex
from tests.ui.conftest import click, frames, meeting_with_the_nurse


def _meet(sim: Simulation, who: str, *questions: str) -> None:
    out = sim.submit({"kind": "meet", "account": "millbrook", "stakeholder": who,
                      "purpose": "discover", "questions": list(questions)})  # fmt: skip
    assert out.accepted, out.reason


def test_the_log_tells_an_answer_from_a_dead_end() -> None:
    sim = Simulation(load_scenario(resolve("tutorial")), 1)
    index = AskedIndex()
    assert index.of(sim.log, "millbrook", "sister_kowal") == {}
    _meet(sim, "sister_kowal", "q_waits", "q_budget")
    asked = index.of(sim.log, "millbrook", "sister_kowal")
    assert asked["q_budget"].answer == "nothing"  # "No idea, love": not her area
    assert asked["q_waits"].answer in ("answered", "vague")
    assert asked["q_budget"].week == sim.week
    assert index.of(sim.log, "millbrook", "dr_anand") == {}  # another person: nothing asked


def test_the_meeting_screen_marks_what_was_asked_before(app: App, drawn_texts: list[str]) -> None:
    seen = drawn_texts
    meeting_with_the_nurse(app)
    frames(app)
    budget = app.screen.buttons["question_q_budget"]
    assert not budget.text.startswith("–")  # not asked yet
    assert LEGEND not in seen
    click(app, "question_q_budget")
    click(app, "go")
    seen.clear()
    frames(app)
    assert budget.text.startswith("– "), budget.text
    assert "nothing to add" in budget.tool_tip_text
    assert "Someone closer to it may know" in budget.tool_tip_text
    assert LEGEND in seen  # the signs are explained on screen
    others = [b for n, b in app.screen.buttons.items()
              if n.startswith("question_") and n != "question_q_budget"]  # fmt: skip
    assert not any(b.text[:2] in ("✓ ", "– ", "? ") for b in others)
    click(app, "person_dr_anand")  # another person: nothing asked of them yet
    frames(app)
    assert not budget.text.startswith("–")
