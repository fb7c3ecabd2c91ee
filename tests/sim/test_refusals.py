"""`submit` never raises for a bad action: it refuses with a reason, and logs the refusal."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kamsim.sim import Simulation

from .conftest import agreeable, make_scenario
from .helpers import meet, play


def _fresh(sim: Simulation) -> None:
    """No setup."""


def _spend_week(sim: Simulation) -> None:
    for _ in range(3):
        sim.submit({"kind": "map_pathway", "account": "riverside"})


def _decline_eastgate(sim: Simulation) -> None:
    sim.submit({"kind": "set_tier", "account": "eastgate", "tier": "decline"})


AT_TABLE = {"stakeholders": ["director", "nurse"]}


def _agreed(sim: Simulation) -> None:
    sim.submit({"kind": "write_plan", "account": "riverside", "plan": {}})
    sim.submit({"kind": "agree_plan", "account": "riverside", **AT_TABLE})


def _campaign_held(sim: Simulation) -> None:
    play(sim, 6, {"kind": "hold_campaign", "campaign": "camp"})


def _big_plan(sim: Simulation) -> None:
    tactics = [{"project": p} for p in ("flow_redesign", "rebate", "bim")]
    sim.submit({"kind": "write_plan", "account": "riverside", "plan": {"tactics": tactics}})


def _greedy_plan(sim: Simulation) -> None:
    sim.submit(
        {"kind": "write_plan", "account": "riverside", "plan": {"tactics": [{"project": "bim"}]}}
    )
    sim.submit({"kind": "agree_plan", "account": "riverside", **AT_TABLE})
    sim.submit(
        {"kind": "write_plan", "account": "northfield", "plan": {"tactics": [{"project": "bim"}]}}
    )


def _after_leaving(sim: Simulation) -> None:
    sim.advance(21)


def _game_over(sim: Simulation) -> None:
    sim.advance(60)


CASES: list[tuple[str, Callable[[Simulation], None], dict, str]] = [
    (
        "unknown account",
        _fresh,
        {"kind": "desk_research", "account": "nowhere"},
        "no account 'nowhere'",
    ),
    ("unknown stakeholder", _fresh, meet("riverside", "ghost", "listen"), "nobody called"),
    ("hidden not mapped", _fresh, meet("riverside", "pharmacist", "listen"), "nobody called"),
    (
        "unknown question",
        _fresh,
        meet("riverside", "nurse", "discover", "q_nope"),
        "no question 'q_nope'",
    ),
    (
        "field days",
        _spend_week,
        {"kind": "map_pathway", "account": "riverside"},
        "not enough field days",
    ),
    (
        "budget",
        _big_plan,
        {"kind": "agree_plan", "account": "riverside", **AT_TABLE},
        "not enough budget",
    ),
    (
        "colleague capacity",
        _greedy_plan,
        {"kind": "agree_plan", "account": "northfield", "stakeholders": ["champ"]},
        "colleague 'heor'",
    ),
    (
        "empty table",
        _big_plan,
        {"kind": "agree_plan", "account": "riverside"},
        "nobody is at the table",
    ),
    (
        "promotion with questions",
        _fresh,
        {**meet("riverside", "director", "promote"), "questions": ["q_waits"]},
        "no room for questions",
    ),
    ("declined account", _decline_eastgate, meet("eastgate", "buyer", "listen"), "declined KAM"),
    (
        "plan not written",
        _fresh,
        {"kind": "agree_plan", "account": "riverside", **AT_TABLE},
        "write a plan",
    ),
    (
        "plan already agreed",
        _agreed,
        {"kind": "agree_plan", "account": "riverside", **AT_TABLE},
        "already agreed",
    ),
    (
        "undiscovered fact",
        _fresh,
        {
            "kind": "write_plan",
            "account": "riverside",
            "plan": {"swot": [{"kind": "threat", "text": "x", "facts": ["rs_capacity"]}]},
        },
        "not among the facts you have discovered",
    ),
    (
        "unknown project",
        _fresh,
        {"kind": "write_plan", "account": "riverside", "plan": {"tactics": [{"project": "nope"}]}},
        "no project",
    ),
    (
        "campaign not in inbox",
        _fresh,
        {"kind": "approve_campaign", "campaign": "camp"},
        "not in your inbox yet",
    ),
    (
        "campaign decided",
        _campaign_held,
        {"kind": "approve_campaign", "campaign": "camp"},
        "already decided",
    ),
    (
        "unknown campaign",
        _fresh,
        {"kind": "hold_campaign", "campaign": "nope"},
        "no campaign 'nope'",
    ),
    ("stakeholder left", _after_leaving, meet("northfield", "champ", "listen"), "has left"),
    ("game over", _game_over, {"kind": "review_kpis", "account": "riverside"}, "game is over"),
    ("malformed", _fresh, {"kind": "meet", "account": "riverside"}, "invalid action"),
    ("not a dict", _fresh, "desk_research", "invalid action"),  # type: ignore[list-item]
]


@pytest.mark.parametrize(
    ("setup", "action", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_refused_with_reason(setup, action, reason: str) -> None:
    sim = Simulation(make_scenario(agreeable), 0)
    setup(sim)
    before = sim.view().to_dict()
    out = sim.submit(action)
    assert not out.accepted
    assert reason in (out.reason or ""), out.reason
    assert sim.log[-1].kind == "refused" and sim.log[-1].data["reason"] == out.reason
    after = sim.view().to_dict()
    assert after == before  # a refusal changes nothing the trainee can see


def test_meeting_declined_by_an_unavailable_person() -> None:
    def edit(data: dict) -> None:
        data["accounts"][0]["stakeholders"][1]["availability"] = 0.0

    sim = Simulation(make_scenario(edit), 0)
    out = sim.submit(meet("riverside", "nurse", "listen"))
    assert not out.accepted and "declines the meeting" in (out.reason or "")
    routine = 3 * sim.scenario.dynamics.costs.routine_days_per_account
    assert sim.view().field_days_left == pytest.approx(4 - routine)


def test_mapping_a_dmu_that_finds_someone_does_not_say_nothing_came_up() -> None:
    from pathlib import Path

    from kamsim.scenario.load import load_scenario

    scenario = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "standard.yaml")
    sim = Simulation(scenario, 1)
    outcome = sim.submit({"kind": "map_dmu", "account": "greyhaven"})
    assert outcome.revealed == ()  # no fact comes with it: only the person found
    assert any(m.startswith("You identify ") for m in outcome.messages)
    assert "Nothing new comes up." not in outcome.messages
