"""The quick keys and the remembered parse of actions agree with canonical JSON and pydantic."""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any

import pytest
from pydantic import ValidationError

from kamsim.bots.base import action_key
from kamsim.sim.actions import action_to_dict, canonical_action, flat_key, parse_action

DISCOVER = {"kind": "meet", "account": "a", "stakeholder": "p", "purpose": "discover"}
ACTIONS: list[dict[str, Any]] = [
    {"kind": "review_monthly", "account": "a", "on": True},
    {"kind": "review_monthly", "account": "a", "on": 1},
    {"kind": "review_monthly", "account": "a", "on": 1.0},
    {"kind": "review_monthly", "account": "a", "on": "true"},
    {"kind": "review_monthly", "account": "a", "on": ["true"]},
    {"kind": "meet", "account": "a", "stakeholder": "p", "purpose": "listen"},
    {"account": "a", "kind": "meet", "purpose": "listen", "stakeholder": "p"},
    {"kind": "meet", "account": "a", "stakeholder": "p", "purpose": "listen", "questions": []},
    {**DISCOVER, "questions": ["q1", "q2"]},
    {**DISCOVER, "questions": ("q1", "q2")},
    {**DISCOVER, "questions": ["q2", "q1"]},
    {"kind": "write_plan", "account": "a", "plan": {"tactics": [{"project": "x"}]}},
    {"kind": "write_plan", "account": "a", "plan": {"tactics": [{"project": "y"}]}},
    {"kind": "set_tier", "account": "a", "tier": None},
]


def canonical(action: dict[str, Any]) -> str:
    return json.dumps(action, sort_keys=True, separators=(",", ":"))


@pytest.mark.parametrize("a, b", list(combinations(ACTIONS, 2)))
def test_keys_are_equal_exactly_when_the_json_is(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert (action_key(a) == action_key(b)) == (canonical(a) == canonical(b))
    hash(action_key(a))


def test_only_flat_actions_take_the_quick_key() -> None:
    assert flat_key({"kind": "map_dmu", "account": "a"}) == (("account", "a"), ("kind", "map_dmu"))
    for odd in ({"on": 1}, {"on": None}, {"plan": {}}, {"q": [1]}, {1: "a"}):
        assert flat_key(odd) is None


def test_a_remembered_parse_is_the_parse_and_its_dict_is_fresh() -> None:
    data = {**DISCOVER, "questions": ["q1"]}
    first_parsed, first = canonical_action(data)
    assert first_parsed == parse_action(data) and first == action_to_dict(parse_action(data))
    first["questions"].append("changed")
    first["account"] = "changed"
    again_parsed, again = canonical_action(dict(data))
    assert again == action_to_dict(parse_action(data))
    assert again_parsed is first_parsed  # remembered, not parsed again
    with pytest.raises(ValidationError):
        canonical_action({"kind": "meet", "account": "a"})
    with pytest.raises(ValidationError):
        canonical_action({"kind": "meet", "account": "a"})  # and again: nothing was kept of it
