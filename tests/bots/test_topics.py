"""Bots choose what a trainee chooses: where a scenario groups its questions into topics, every
meeting the expert holds asks one whole topic (the meeting screen's one click); where it does
not, up to three single questions."""

from __future__ import annotations

from kamsim.bots import play
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.sim.topics import topic_groups


def _asked(scenario: str) -> tuple[tuple[tuple[str, ...], ...] | None, list[tuple[str, ...]]]:
    sc = load_scenario(resolve(scenario))
    sim = play(sc, 1, "expert")
    groups = topic_groups(sim.view().questions)
    asked = [tuple(a["questions"]) for _, a in sim.history
             if a.get("kind") == "meet" and a.get("questions")]  # fmt: skip
    return groups, asked


def test_the_expert_asks_whole_topics_where_a_scenario_has_them() -> None:
    groups, asked = _asked("standard")
    assert groups is not None and len(groups) == 5
    assert asked and all(q in groups for q in asked)
    assert len(set(asked)) == len(groups)  # it ranges over all of them, not one favourite


def test_without_topics_the_expert_picks_single_questions() -> None:
    groups, asked = _asked("tutorial")
    assert groups is None
    assert asked and all(1 <= len(q) <= 3 for q in asked)


def test_topic_groups_need_every_question_grouped() -> None:
    whole = ({"id": "a", "topic": "T"}, {"id": "b", "topic": "U"}, {"id": "c", "topic": "T"})
    assert topic_groups(whole) == (("a", "c"), ("b",))
    partial = ({"id": "a", "topic": "T"}, {"id": "b"})
    assert topic_groups(partial) is None
    assert topic_groups(()) is None
