"""What an action will take, said before it is taken: field days and money.

The days come from the scenario's dynamics through the very function the rules charge with
(`kamsim.sim.rules.action_days`), so a button never promises a number the game does not use and
a trainer's tuned scenario shows its own numbers. Money is what the handlers book: a held
campaign's lost co-funding, the new projects of a plan when it is agreed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.actions import parse_action
from kamsim.sim.rules import action_days
from kamsim.sim.view import PlanView, View
from kamsim.ui import theme

PLACEHOLDER = "someone"  # an id for costing a kind of action before its target is chosen
REQUIRED: dict[str, dict[str, Any]] = {  # what a kind needs besides its account, to be costed
    "meet": {"stakeholder": PLACEHOLDER, "purpose": "discover"},
    "write_plan": {"plan": {}},
    "set_tier": {"tier": "maintain"},
    "approve_campaign": {"campaign": PLACEHOLDER},
    "hold_campaign": {"campaign": PLACEHOLDER},
}


class ActionCosts:
    """The field days and money of actions in one game's scenario."""

    def __init__(self, dynamics: Dynamics) -> None:
        self.dynamics = dynamics

    def days(self, action: Mapping[str, Any]) -> float:
        """Field days the action takes (0 for a desk decision or an action that is malformed)."""
        data = {"account": PLACEHOLDER, **action}
        for key, value in REQUIRED.get(str(data.get("kind")), {}).items():
            data.setdefault(key, value)
        try:
            return action_days(parse_action(data), self.dynamics)
        except ValidationError:
            return 0.0

    def kind_days(self, kind: str) -> float:
        return self.days({"kind": kind})

    def meeting_days(self, purpose: str) -> float:
        return self.days({"kind": "meet", "purpose": purpose})

    def hold_money(self, campaign: Mapping[str, Any], budget_left: float) -> float:
        """The project co-funding the brand team withdraws when this campaign is held back."""
        return min(budget_left, float(campaign["friction"]) * self.dynamics.campaign_friction_cost)


def new_project_cost(plan: PlanView | None, view: View) -> float:
    """What agreeing the written plan books: its projects not yet running or delivered."""
    if plan is None:
        return 0.0
    started = set(plan.running) | set(plan.delivered)
    costs = {p["id"]: float(p["cost"]) for p in view.projects}
    projects = [t.get("project") for t in plan.plan.get("tactics", [])]
    return sum(costs.get(p, 0.0) for p in projects if p not in started)


def days_short(days: float) -> str:
    """'0.5 d' for a button."""
    return f"{days:g} d"


def days_words(days: float) -> str:
    """'0.5 field days' for a tooltip or a sentence."""
    return f"{days:g} field day{'' if days == 1 else 's'}"


def takes(days: float, view: View, money: float = 0.0) -> str:
    """'Takes 0.5 field days (3.5 left this week).' plus the money, and a warning when the
    week's days do not cover it."""
    if days <= 0 and money <= 0:
        return "Takes no field days."
    parts = [days_words(days)] if days > 0 else []
    if money > 0:
        parts.append(theme.money(money, view.scenario["currency"]))
    text = f"Takes {' and '.join(parts)} ({view.field_days_left:g} field days left this week)."
    if days > view.field_days_left + 1e-9:
        text += " Not enough field days left this week: it would be refused."
    return text
