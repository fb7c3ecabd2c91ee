"""The graded population measures what it claims: a share of the expert's decisions made by a
novice, each decision lasting as a person's would (not undone by the other within the week)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kamsim.bots import play
from kamsim.bots.base import Action
from kamsim.bots.expert import ExpertBot
from kamsim.bots.graded import GradedBot
from kamsim.scenario.model import Scenario
from kamsim.sim.view import View


@pytest.mark.interpreted_only  # patches a bot's method
def test_a_tier_set_this_week_is_not_undone_the_same_week(standard: Scenario) -> None:
    bot = GradedBot(4, 0.4)
    setters: dict[tuple[int, str], set[str]] = defaultdict(set)
    for who, player in (("novice", bot.novice), ("expert", bot.expert)):
        decide = player.decide

        def noted(view: View, decide=decide, who=who) -> Action | None:  # type: ignore[no-untyped-def]
            action = decide(view)
            if action is not None and action["kind"] == "set_tier":
                setters[(view.week, action["account"])].add(who)
            return action

        player.decide = noted  # type: ignore[method-assign]
    play(standard, 4, bot)
    proposed = [k for k, who in setters.items() if len(who) == 2]
    assert proposed, "the novice and the expert never disagreed on a tier: the test proves nothing"
    tiers_set = [
        (e.week, e.data["action"]["account"])
        for e in play(standard, 4, GradedBot(4, 0.4)).log
        if e.kind == "action" and e.data["action"]["kind"] == "set_tier"
    ]
    twice = [k for k in set(tiers_set) if tiers_set.count(k) > 1]
    assert not twice, f"a tier set and reset in the same week: {twice[:3]}"


class KeysTarnby(ExpertBot):
    """Week 7: a colleague makes Tarnby key (the big seller the expert would not choose, and
    whose misfit the evidence does not yet show); the rest of the year the expert plays."""

    def decide(self, view: View) -> Action | None:
        if view.week == 7 and view.account("tarnby").tier != "key":
            return {"kind": "set_tier", "account": "tarnby", "tier": "key"}
        return super().decide(view)


def _keys(sim: object) -> list[str]:
    return sorted(a.id for a in sim.view().accounts if a.tier == "key")  # type: ignore[attr-defined]


@pytest.mark.interpreted_only  # a test bot subclasses ExpertBot
def test_the_expert_weighs_a_key_it_did_not_choose_like_any_other(advanced: Scenario) -> None:
    """Its key set is sticky (a swap needs a margin) only for the keys it chose itself: before,
    a colleague's week-7 choice stayed key all year on 5 of these 6 seeds."""
    for seed in range(1, 7):
        assert _keys(play(advanced, seed, KeysTarnby(seed))) == _keys(
            play(advanced, seed, ExpertBot(seed))
        ), seed
