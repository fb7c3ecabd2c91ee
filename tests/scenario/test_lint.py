"""Second-stage checks: each cross-reference and design problem gets its own exact message."""

from __future__ import annotations

from pathlib import Path

from kamsim.scenario.load import check_file


def _only(path: Path) -> tuple[str, str]:
    """The single problem of a file, as (message after the position, the text it points at)."""
    checked = check_file(path)
    assert len(checked.problems) == 1, [p.format() for p in checked.problems]
    problem = checked.problems[0]
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    text = problem.format().split(":", 3)[3].strip()
    return text, line[problem.col - 1 :]


def test_unknown_link_target_suggests_nearest(write_variant) -> None:
    def edit(d):
        d["accounts"][0]["stakeholders"][0]["links"][0]["to"] = "gerit_vos"

    text, at = _only(write_variant(edit))
    assert text == ("accounts[0].stakeholders[0].links[0].to: unknown stakeholder of "
                    "harbourside 'gerit_vos'; did you mean 'gerrit_vos'?")  # fmt: skip
    assert at.startswith("gerit_vos")


def test_duplicate_question_id(write_variant, tutorial_data) -> None:
    def edit(d):
        d["questions"].append(dict(d["questions"][0]))

    first = tutorial_data["questions"][0]["id"]
    last = len(tutorial_data["questions"])
    text, at = _only(write_variant(edit))
    assert (
        text == f"questions[{last}].id: duplicate question id '{first}' (also at questions[0].id)"
    )
    assert at.startswith(first)


def test_fact_pointing_at_unknown_question(write_variant) -> None:
    def edit(d):
        d["facts"][0]["sources"][1]["question"] = "q_budgt"

    text, _ = _only(write_variant(edit))
    assert (
        text == "facts[0].sources[1].question: unknown question 'q_budgt'; did you mean 'q_budget'?"
    )


def test_account_without_decision_makers_is_an_error_when_a_committee_sits(write_variant):
    def edit(d):
        for person in d["accounts"][0]["stakeholders"]:
            person["committee_vote"] = False

    text, _ = _only(write_variant(edit))
    assert (
        text
        == "accounts[0].stakeholders: no stakeholder has committee_vote: true, so nobody decides"
    )


def test_event_after_the_end_is_a_warning(write_variant) -> None:
    def edit(d):
        d["events"][0]["week"] = 30

    checked = check_file(write_variant(edit))
    assert checked.scenario is not None  # warnings do not stop a game
    assert [p.format().split(": ", 1)[1] for p in checked.problems] == [
        "warning: events[0].week: week 30 is after the scenario ends (duration_weeks 16)"
    ]


def test_criteria_weights_must_sum_to_one(write_variant) -> None:
    def edit(d):
        d["criteria"][0]["weight"] = 0.5

    checked = check_file(write_variant(edit))
    assert [p.message for p in checked.warnings] == [
        "criteria weights sum to 1.30, not 1; they will be rescaled to sum to 1"
    ]


def test_missing_criterion_score(write_variant) -> None:
    def edit(d):
        del d["accounts"][1]["truth"]["criteria"]["value"]

    text, _ = _only(write_variant(edit))
    assert text == "accounts[1].truth.criteria: missing a score for criteria: value"


def test_fact_nobody_can_tell_truthfully(write_variant) -> None:
    def edit(d):
        for src in d["facts"][0]["sources"]:
            src["reliability"] = 0

    checked = check_file(write_variant(edit))
    assert [p.format().split(": ", 1)[1] for p in checked.warnings] == [
        "warning: facts[0].sources: no source can ever tell the truth of this fact"
    ]


def test_every_problem_is_reported_at_once(write_variant) -> None:
    def edit(d):
        d["facts"][0]["account"] = "nowhere"
        d["projects"][0]["colleagues"] = {"ghost": 1}
        d["events"][1]["product"] = "respirol"

    messages = [p.message for p in check_file(write_variant(edit)).errors]
    assert len(messages) == 3
    assert "unknown product 'respirol'; did you mean 'respirel'?" in messages


def test_duration_off_the_four_week_grid_is_a_warning(write_variant) -> None:
    def edit(d):
        d["meta"]["duration_weeks"] = 10

    checked = check_file(write_variant(edit))
    assert checked.scenario is not None
    assert [p.message for p in checked.warnings] == [
        "KPI months are 4 weeks; a last month shorter than that (duration 10) is booked as a "
        "full month: prefer a multiple of 4"
    ]


def test_a_partial_override_of_a_parameter_table_keeps_the_other_defaults(write_variant) -> None:
    """Tuning one purpose or one ceiling must not leave the others missing (KeyError later)."""
    from kamsim.sim import Simulation

    def edit(d):
        d["dynamics"] = {
            "meetings": {
                "promote": {"attitude": 0.1, "relationship": 0, "fatigue": 2, "days": 0.25}
            },
            "uptake": {"ceiling": {"listed": 0.45}},
        }

    checked = check_file(write_variant(edit))
    assert checked.scenario is not None and not checked.problems
    dyn = checked.scenario.dynamics
    assert dyn.meetings["promote"].fatigue == 2 and dyn.meetings["listen"].days == 0.5
    assert dyn.uptake.ceiling["listed"] == 0.45 and dyn.uptake.ceiling["preferred"] == 0.6
    sim = Simulation(checked.scenario, 1)
    assert sim.legal_actions()
    sim.advance(checked.scenario.meta.duration_weeks + 1)
    assert sim.finished


def test_a_topic_with_more_than_a_meetings_questions_is_an_error(write_variant) -> None:
    def edit(d):
        for q in d["questions"]:
            q["topic"] = "Everything"

    checked = check_file(write_variant(edit))
    errors = [p.format() for p in checked.problems if p.severity == "error"]
    assert len(errors) == 1, errors
    assert errors[0].split(":", 3)[3].strip() == (
        "questions[3].topic: topic 'Everything' has more than 3 questions, but a meeting asks "
        "at most 3: split it"
    )


def test_topics_on_some_questions_only_are_a_warning(write_variant) -> None:
    def edit(d):
        d["questions"][1]["topic"] = "Waits"
        d["questions"][2]["topic"] = "Waits"

    checked = check_file(write_variant(edit))
    assert [p.severity for p in checked.problems] == ["warning"]
    text = checked.problems[0].format()
    assert "questions[0]: 3 question(s) have no topic while others have one" in text
    assert "the topics are ignored" in text


def test_a_scenario_grouped_whole_has_no_topic_findings(write_variant) -> None:
    def edit(d):
        for i, q in enumerate(d["questions"]):
            q["topic"] = f"Topic {i // 3}"

    assert check_file(write_variant(edit)).problems == ()
