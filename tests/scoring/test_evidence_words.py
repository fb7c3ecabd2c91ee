"""The scoring's own texts (labels, comments, evidence, expert advice) are read by trainees in
the debrief and by assessors on paper: they must carry names and words, never ids."""

from __future__ import annotations

import re

import pytest

from kamsim.bots import play
from kamsim.bundle import scenarios_dir
from kamsim.scenario.load import load_scenario
from kamsim.scoring import score_game

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # drug_price, map_dmu, kb_real_wait


@pytest.mark.parametrize("scenario", ["tutorial", "standard"])
@pytest.mark.parametrize("bot", ["expert", "novice"])
def test_scorecard_texts_have_no_ids(scenario: str, bot: str) -> None:
    sim = play(load_scenario(scenarios_dir() / f"{scenario}.yaml"), 1, bot)
    card = score_game(sim)
    texts = []
    for ind in card.indicators:
        texts += [ind.label, ind.comment, ind.expert, *(e.what for e in ind.evidence)]
    found = sorted({m for t in texts for m in SNAKE.findall(t)})
    assert not found, f"ids in the scorecard's texts: {found}"
    actions = [t for t in texts if " at " in t]
    assert any(
        t.startswith("DMU mapping at") or t.startswith("Desk research at") for t in actions
    ), "evidence for analysis actions reads as the game names them"
