"""Bots see what a trainee sees and nothing else."""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

import pytest

from kamsim.bots import make_bot, play
from kamsim.bots.base import BaseBot
from kamsim.bots.runner import MAX_ACTIONS_PER_WEEK
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation, View

BOTS_DIR = Path(__file__).resolve().parents[2] / "kamsim" / "bots"
FORBIDDEN = {"world", "truth", "legal_actions", "_core", "catalog"}


def test_bot_code_never_names_the_hidden_state() -> None:
    for path in sorted(BOTS_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert ".scenario.accounts" not in source, path.name
        for node in ast.walk(ast.parse(source)):
            names = {
                ast.Attribute: lambda n: n.attr,
                ast.Name: lambda n: n.id,
                ast.alias: lambda n: n.name.rsplit(".", 1)[-1],
            }
            for kind, get in names.items():
                if isinstance(node, kind):
                    assert get(node) not in FORBIDDEN, f"{path.name}:{node.lineno}: {get(node)}"


class ViewOnly:
    """Wraps a bot: checks every call gets a View, and hands over a copy it cannot share."""

    def __init__(self, bot: Any) -> None:
        self.bot, self.name, self.calls = bot, bot.name, 0

    def decide(self, view: Any) -> dict | None:
        assert type(view) is View
        self.calls += 1
        return self.bot.decide(copy.deepcopy(view))


@pytest.mark.interpreted_only  # a test bot subclasses BaseBot
def test_bots_receive_only_views(tutorial: Scenario) -> None:
    for name in ("expert", "novice", "random"):
        proxy = ViewOnly(make_bot(name, 4))
        sim = play(tutorial, 4, proxy)
        assert proxy.calls >= tutorial.meta.duration_weeks
        assert sim.history == play(tutorial, 4, name).history
        assert not any(isinstance(v, Simulation) for v in vars(proxy.bot).values())


def _swap_criteria(scenario: Scenario, a: int, b: int) -> Scenario:
    accounts = list(scenario.accounts)
    first, second = accounts[a], accounts[b]
    accounts[a] = first.model_copy(
        update={"truth": first.truth.model_copy(update={"criteria": second.truth.criteria})}
    )
    accounts[b] = second.model_copy(
        update={"truth": second.truth.model_copy(update={"criteria": first.truth.criteria})}
    )
    return scenario.model_copy(update={"accounts": accounts})


def _inert_criteria(scenario: Scenario) -> Scenario:
    """The same scenario with criteria that only rank accounts (no world mechanism reads them),
    so changing an account's scores changes nothing the trainee could ever see."""
    criteria = [c.model_copy(update={"drives": None}) for c in scenario.criteria]
    return scenario.model_copy(update={"criteria": criteria})


def test_expert_ignores_a_changed_hidden_truth(tutorial: Scenario, standard: Scenario) -> None:
    for scenario, (a, b) in ((tutorial, (0, 1)), (standard, (0, 2))):
        inert = _inert_criteria(scenario)
        altered = _swap_criteria(inert, a, b)
        assert altered.accounts[a].truth.criteria != inert.accounts[a].truth.criteria
        assert play(altered, 2, "expert").history == play(inert, 2, "expert").history


class Stubborn(BaseBot):
    """Always wants the same impossible action."""

    name = "stubborn"

    def candidates(self, view: View):
        yield {"kind": "desk_research", "account": "nowhere"}


class Insistent:
    """Ignores refusals completely (no memory at all)."""

    name = "insistent"

    def decide(self, view: View) -> dict:
        return {"kind": "approve_campaign", "campaign": "nothing"}


@pytest.mark.interpreted_only  # a test bot subclasses BaseBot
def test_a_refused_action_is_not_retried(tutorial: Scenario) -> None:
    weeks = tutorial.meta.duration_weeks
    for bot in (Stubborn(1), Insistent()):
        sim = play(tutorial, 1, bot)
        assert sim.finished
        assert len(sim.history) == weeks  # once a week, never again in the same week
        assert MAX_ACTIONS_PER_WEEK > 1
