"""The advanced scenario's hidden backlog is lifted by those who hear the front line and map the
pathway, and almost never by those who skip either: the world, not the rubric, rewards both."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.scenario.load import load_scenario

ADVANCED = Path(__file__).resolve().parents[2] / "scenarios" / "advanced.yaml"
SEEDS = range(1, 13)


def _lifted(bot: str) -> int:
    """On how many seeds the backlog hospital's hidden blockage is gone at the year's end."""
    scenario = load_scenario(ADVANCED)
    lifted = 0
    for seed in SEEDS:
        form = scenario.for_seed(seed)[1].form
        account, blockage = (
            ("hollin_general", "chair_and_nurse")
            if "hollin" in form
            else ("harlow", "safety_check_backlog")
        )
        record = play(scenario, seed, bot).result().accounts[account]
        lifted += blockage not in record.blockages_left
    return lifted


@pytest.fixture(scope="module")
def expert_lifts() -> int:
    return _lifted("expert")


@pytest.mark.parametrize("variant", ["expert-no-front-line", "expert-no-pathway"])
def test_skipping_the_front_line_or_the_pathway_leaves_the_backlog(expert_lifts, variant) -> None:
    assert expert_lifts >= len(SEEDS) // 3
    assert _lifted(variant) <= expert_lifts - 3
