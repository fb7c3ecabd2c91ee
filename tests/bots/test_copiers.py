"""Copying a colleague does not carry over to another form: the memorised guide (their game,
replayed) and the copied debrief (their right tiers, set from week one) fall clearly below
honest play when the seed draws another form."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.bots.memorised import CopiedDebriefBot, MemorisedGuideBot
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.scoring import score_game
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import Simulation

STANDARD = Path(__file__).resolve().parents[2] / "scenarios" / "standard.yaml"


@pytest.fixture(scope="module")
def standard() -> Scenario:
    return load_scenario(STANDARD)


def _pairs(scenario: Scenario, want_same: bool, n: int) -> list[tuple[int, int]]:
    """(colleague's seed, own seed) pairs whose forms are (not) the same."""
    form = {s: Simulation(scenario, s).form.form for s in range(1, 40)}
    out = [(a, b) for a in form for b in form
           if a != b and (form[a] == form[b]) is want_same]  # fmt: skip
    return out[:n]


def test_a_replayed_guide_from_another_form_scores_far_below_the_expert(standard) -> None:
    for source, seed in _pairs(standard, want_same=False, n=2):
        guide = MemorisedGuideBot(play(standard, source, "expert").history)
        gap = score_game(play(standard, seed, "expert")).total - score_game(
            play(standard, seed, guide)).total  # fmt: skip
        assert gap >= 10, (source, seed, gap)


def test_copied_tiers_from_another_form_cost_the_copier(standard) -> None:
    for source, seed in _pairs(standard, want_same=False, n=2):
        copied = {a: t.tier.value for a, t in expected_tiers(Simulation(standard, source)
                                                             .scenario).items()}  # fmt: skip
        expert = score_game(play(standard, seed, "expert")).total
        copier = score_game(play(standard, seed, CopiedDebriefBot(seed, copied))).total
        assert expert - copier >= 5, (source, seed, expert, copier)
