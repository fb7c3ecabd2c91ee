"""What the scenario's hidden truth says an expert would conclude about each account.

Scoring compares the trainee with this, never with a bot: the expert's tiers come from the
weighted attractiveness criteria and the company's key-account limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.sums import ordered_sum

TIER_ORDER = {Tier.DECLINE: 0, Tier.DEPRIORITISE: 1, Tier.MAINTAIN: 2, Tier.DEVELOP: 3,
              Tier.KEY: 4}  # fmt: skip


@dataclass(frozen=True)
class AccountTruth:
    """An account's true attractiveness (0–1), rank (1 = best) and the tier it deserves."""

    id: str
    attractiveness: float
    rank: int
    tier: Tier


def attractiveness(scenario: Scenario) -> dict[str, float]:
    """Σ weight × (score − 1)/4 with weights rescaled to sum to 1: 0 worst, 1 best."""
    weights = {c.id: c.weight for c in scenario.criteria}
    total = ordered_sum(weights.values()) or 1.0
    return {
        acc.id: ordered_sum(
            w * (acc.truth.criteria.get(cid, 1) - 1) / 4 for cid, w in weights.items()
        )
        / total
        for acc in scenario.accounts
    }


def expected_tiers(scenario: Scenario) -> dict[str, AccountTruth]:
    """Top accounts up to the key limit are key; misaligned ones are declined.

    Between the two, the better half of the rest is worth developing and the remainder is
    maintained or deprioritised by attractiveness. Ties keep scenario order (stable sort).
    """
    from kamsim.scoring.rubric import effective_rubric  # the rubric reads the scenario

    rubric = effective_rubric(scenario)
    scores = attractiveness(scenario)
    ranked = sorted(scores, key=lambda a: -scores[a])
    limit = scenario.company.max_key_accounts
    decline = rubric.get("truth.decline_below")
    deprioritise = rubric.get("truth.deprioritise_below")
    middle = [a for a in ranked[limit:] if scores[a] >= deprioritise]
    develop = set(middle[: max(1, int(len(middle) * rubric.get("truth.develop_share")))])
    out = {}
    for rank, acc in enumerate(ranked, start=1):
        score = scores[acc]
        if score < decline:
            tier = Tier.DECLINE
        elif rank <= limit:
            tier = Tier.KEY
        elif acc in develop:
            tier = Tier.DEVELOP
        else:
            tier = Tier.MAINTAIN if score >= deprioritise else Tier.DEPRIORITISE
        out[acc] = AccountTruth(acc, score, rank, tier)
    return out
