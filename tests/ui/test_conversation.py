"""The meeting's conversation lines: questions in the trainee's words, answers in the person's,
new facts told apart from ones heard again, and a reason for every dead end."""

from __future__ import annotations

from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation
from kamsim.sim.replies import HINTS
from kamsim.ui.widgets.conversation import conversation_lines


def _meeting(sim: Simulation, who: str, *questions: str):
    return sim.submit({"kind": "meet", "account": "millbrook", "stakeholder": who,
                       "purpose": "discover", "questions": list(questions)})  # fmt: skip


def test_the_nurse_in_her_own_words_and_a_fact_known_before_is_not_new() -> None:
    scenario = load_scenario(resolve("tutorial"))
    sim = Simulation(scenario, 1)
    questions = {q.id: f"“{q.text}”" for q in scenario.questions}
    titles = {f.id: f.title for f in scenario.facts}
    out = _meeting(sim, "sister_kowal", "q_waits", "q_budget")
    assert out.accepted, out.reason
    lines = conversation_lines(out.replies, "Agnes Kowal", questions, titles)
    texts = [line.text for line in lines]
    assert texts[0] == "Agnes Kowal: “Five minutes between patients, that's all I've got.”"
    assert texts[1].startswith("You ask: “") and "wait" in texts[1]
    said = texts[2]
    assert said in ("“Fourteen weeks, most of them. I train every patient to inject myself, and "
                    "my slots are full till spring.”", "“Within four weeks, like the report says. "
                    "Though it doesn't always feel like it.”")  # fmt: skip
    assert texts[3].startswith("✓ New fact: ")
    assert "“No idea, love. I'm with the patients all day.”" in texts
    assert f"({HINTS['nothing']})" in texts
    known = {f.id for f in sim.view().facts}  # as if she were the second to tell it
    again = conversation_lines(out.replies, "Agnes Kowal", questions, titles, known)
    assert not any(line.style == "new" for line in again)  # known before: not news
    assert any(line.text.startswith("↻ Heard again") for line in again)
    assert all("_" not in line.text for line in lines)  # no ids reach the screen


def test_the_meeting_screen_shows_the_conversation(monkeypatch) -> None:
    """Clicked through the real screen: the answers are drawn in the person's words."""
    import pygame

    from kamsim.ui import theme
    from kamsim.ui.app import App, Options
    from kamsim.ui.widgets import draw
    from tests.ui.conftest import click, frames, meeting_with_the_nurse

    seen: list[str] = []
    paragraph = draw.paragraph

    def spy(surface: pygame.Surface, text: str, *args: object, **kw: object) -> int:
        seen.append(text)
        return paragraph(surface, text, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(draw, "paragraph", spy)
    app = App(Options(fast=True, driven=True))
    try:
        meeting_with_the_nurse(app)
        click(app, "question_q_budget")
        click(app, "go")
        seen.clear()
        frames(app)
        assert "Agnes Kowal: “Five minutes between patients, that's all I've got.”" in seen
        assert "“No idea, love. I'm with the patients all day.”" in seen
        assert f"({HINTS['nothing']})" in seen
        assert not any("has nothing to add" in text for text in seen)  # not the log's line
    finally:
        pygame.quit()
        theme.reset()
