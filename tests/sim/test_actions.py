"""Actions: one dict form for UI, playbooks, saves and the log."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kamsim.scenario.base import ActionKind
from kamsim.sim import action_to_dict, parse_action

EXAMPLES = [
    {"kind": "desk_research", "account": "riverside"},
    {"kind": "map_pathway", "account": "riverside"},
    {"kind": "map_dmu", "account": "riverside"},
    {
        "kind": "meet",
        "account": "riverside",
        "stakeholder": "nurse",
        "purpose": "discover",
        "questions": ["q_waits", "q_budget"],
    },
    {"kind": "set_tier", "account": "eastgate", "tier": "decline"},
    {
        "kind": "write_plan",
        "account": "riverside",
        "plan": {
            "segment": "total_value",
            "needs": ["process_improvement"],
            "swot": [
                {
                    "kind": "opportunity",
                    "text": "Chairs are the bottleneck.",
                    "facts": ["rs_capacity"],
                }
            ],
            "objectives": [{"kpi": "share", "target": 0.25, "by_week": 40}],
            "tactics": [{"project": "flow_redesign"}],
        },
    },
    {"kind": "agree_plan", "account": "riverside", "stakeholders": ["director", "nurse"]},
    {"kind": "approve_campaign", "campaign": "camp"},
    {"kind": "hold_campaign", "campaign": "camp"},
    {"kind": "review_kpis", "account": "riverside"},
    {"kind": "review_monthly", "account": "riverside", "on": True},
]


def test_every_action_kind_has_an_example() -> None:
    assert {e["kind"] for e in EXAMPLES} == {k.value for k in ActionKind}


@pytest.mark.parametrize("data", EXAMPLES, ids=lambda d: d["kind"])
def test_dict_form_round_trips(data: dict) -> None:
    action = parse_action(data)
    again = parse_action(action_to_dict(action))
    assert again == action
    assert hash(again) == hash(action)  # frozen and hashable


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "fly", "account": "x"},
        {"kind": "meet", "account": "riverside", "stakeholder": "nurse", "purpose": "chat"},
        {
            "kind": "meet",
            "account": "riverside",
            "stakeholder": "nurse",
            "purpose": "listen",
            "questions": ["a", "b", "c", "d"],
        },
        {"kind": "desk_research", "account": "riverside", "extra": 1},
        {
            "kind": "write_plan",
            "account": "r",
            "plan": {"tactics": [{"project": "a"}, {"project": "a"}]},
        },
    ],
)
def test_malformed_actions_are_rejected(data: dict) -> None:
    with pytest.raises(ValidationError):
        parse_action(data)
