"""Every bot plays the tutorial and the standard scenario to the end, deterministically."""

from __future__ import annotations

import pytest

from kamsim.bots import BOT_NAMES, make_bot, play
from kamsim.scenario.model import Scenario


@pytest.mark.parametrize("bot", BOT_NAMES)
@pytest.mark.parametrize("name", ["tutorial", "standard"])
def test_bot_finishes_and_repeats(request: pytest.FixtureRequest, name: str, bot: str) -> None:
    scenario: Scenario = request.getfixturevalue(name)
    first = play(scenario, 3, bot)
    again = play(scenario, 3, bot)
    assert first.finished
    assert first.digest() == again.digest()
    assert any(e.kind == "action" for e in first.log), "the bot never did anything"


def test_seed_changes_the_random_bot(tutorial: Scenario) -> None:
    assert play(tutorial, 1, "random").history != play(tutorial, 2, "random").history


def test_the_random_bot_turns_the_monthly_routine_on_and_off(standard: Scenario) -> None:
    """The fuzzing player reaches every action a screen offers, the standing routine too:
    on and off at random accounts, some refused (already so, or a declined account), and the
    clock then runs the reviews it left on."""
    sim = play(standard, 1, "random")
    toggles = [a for _, a in sim.history if a["kind"] == "review_monthly"]
    assert {a["on"] for a in toggles} == {True, False}
    assert any(e.kind == "routine" for e in sim.log)


@pytest.mark.parametrize("name", BOT_NAMES)
def test_a_bot_is_registered_under_its_own_name(name: str) -> None:
    """The name seeds the bot's generator and labels its results: the registry's key and the
    bot's own name must agree (the adversaries are registered by name, not by reading it)."""
    assert make_bot(name, 1).name == name


def test_unknown_bot_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="expert"):
        make_bot("genius", 1)


def test_expert_keeps_key_set_within_limit_and_declines(standard: Scenario) -> None:
    sim = play(standard, 5, "expert")
    view = sim.view()
    tiers = [a.tier for a in view.accounts]
    assert 0 < tiers.count("key") <= view.max_key_accounts
    assert "decline" in tiers
    assert all(a.plan and a.plan.status == "agreed" for a in view.accounts if a.tier == "key")


def test_novice_over_tiers_and_approves_everything(standard: Scenario) -> None:
    view = play(standard, 5, "novice").view()
    assert [a.tier for a in view.accounts].count("key") > view.max_key_accounts
    assert {c["decision"] for c in view.campaigns_decided} == {"approved"}
