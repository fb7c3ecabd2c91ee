"""The rules that make scores defensible: truth-based tiers and evidence-based grounding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.scoring import score_game
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import replay

TIERS = [t.value for t in Tier]


def _tiering(tiers: dict[str, str]) -> list[tuple[int, dict]]:
    return [(1, {"kind": "set_tier", "account": a, "tier": t}) for a, t in tiers.items()]


def _prioritisation(scenario: Scenario, tiers: dict[str, str], seed: int = 1) -> float:
    sim = replay(scenario, seed, _tiering(tiers), until_week=scenario.meta.duration_weeks + 1)
    return score_game(sim).dimensions["prioritisation"]


def test_expected_tiers_follow_weighted_criteria(tutorial: Scenario) -> None:
    truth = expected_tiers(tutorial)
    assert truth["millbrook"].tier is Tier.KEY  # small account, best partner
    assert truth["harbourside"].tier is Tier.DECLINE  # biggest sales, misaligned
    assert truth["millbrook"].rank == 1


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_wrong_tier_never_raises_prioritisation(tutorial: Scenario, data) -> None:
    right = {a: t.tier.value for a, t in expected_tiers(tutorial).items()}
    account = data.draw(st.sampled_from(sorted(right)))
    wrong = data.draw(st.sampled_from([t for t in TIERS if t != right[account]]))
    seed = data.draw(st.integers(0, 1000))
    assert _prioritisation(tutorial, {**right, account: wrong}, seed) < _prioritisation(
        tutorial, right, seed
    )


def _plan(segment: str, needs: list[str]) -> dict:
    return {"kind": "write_plan", "account": "millbrook", "plan": {
        "segment": segment, "needs": needs, "tactics": [{"project": "nurse_training_hub"}],
        "objectives": [{"kpi": "formulary_status", "target": 2, "by_week": 8}]}}  # fmt: skip


def _easy(scenario: Scenario) -> Scenario:
    """The scenario with a customer who agrees to any plan put to anyone: these tests are
    about grounding, not about winning consent."""
    consent = scenario.dynamics.consent.model_copy(
        update={"yes_at": -9.0, "no_below": -10.0, "quorum": 0.0, "veto_influence": 1.0}
    )
    return scenario.model_copy(
        update={"dynamics": scenario.dynamics.model_copy(update={"consent": consent})}
    )


AGREE = {"kind": "agree_plan", "account": "millbrook", "stakeholders": ["dr_anand"]}


def _segmentation(scenario: Scenario, game: list[tuple[int, dict]]) -> float:
    week = max(w for w, _ in game)
    sim = replay(_easy(scenario), 1, [*game, (week, AGREE)], until_week=9)
    card = score_game(sim)
    return next(i.value for i in card.indicators if i.id == "plan:millbrook:segmentation")


def test_only_the_plan_in_force_is_judged(tutorial: Scenario) -> None:
    """A draft written after the agreed plan, never put to the customer, earns nothing."""
    research = [(1, {"kind": "desk_research", "account": "millbrook"}),
                (2, {"kind": "meet", "account": "millbrook", "stakeholder": "sister_kowal",
                     "purpose": "discover", "questions": ["q_waits"]})]  # fmt: skip
    weak = _plan("drug_price", [])
    game = [KEY, *research, (3, weak), (3, AGREE), (4, _plan(*TRUE_CLAIMS))]
    sim = replay(_easy(tutorial), 1, game, until_week=9)
    card = score_game(sim)
    value = next(i.value for i in card.indicators if i.id == "plan:millbrook:segmentation")
    assert value == _segmentation(tutorial, [KEY, *research, (3, weak)])
    assert value < _segmentation(tutorial, [KEY, *research, (3, _plan(*TRUE_CLAIMS))])


KEY = (1, {"kind": "set_tier", "account": "millbrook", "tier": "key"})
TRUE_CLAIMS = ("total_value", ["process_improvement", "patient_experience"])


def test_a_right_but_unfounded_plan_earns_no_grounding_credit(tutorial: Scenario) -> None:
    assert _segmentation(tutorial, [KEY, (2, _plan(*TRUE_CLAIMS))]) == 0


def test_the_same_plan_earns_credit_once_facts_back_it(tutorial: Scenario) -> None:
    research = [
        (1, {"kind": "desk_research", "account": "millbrook"}),
        (2, {"kind": "meet", "account": "millbrook", "stakeholder": "sister_kowal",
             "purpose": "discover", "questions": ["q_waits"]}),
    ]  # fmt: skip
    grounded = _segmentation(tutorial, [KEY, *research, (3, _plan(*TRUE_CLAIMS))])
    assert grounded > 0.5


@pytest.mark.parametrize("segment", ["drug_price", "healthcare_costs"])
def test_a_wrong_segment_earns_no_segment_credit(tutorial: Scenario, segment: str) -> None:
    research = [
        (1, {"kind": "meet", "account": "millbrook", "stakeholder": "sister_kowal",
             "purpose": "discover", "questions": ["q_waits"]}),
    ]  # fmt: skip
    right = _segmentation(tutorial, [KEY, *research, (2, _plan("total_value", []))])
    wrong = _segmentation(tutorial, [KEY, *research, (2, _plan(segment, []))])
    assert wrong < right


def test_a_kpi_the_scenario_does_not_measure_does_not_count_against_a_competency(
    tutorial: Scenario,
) -> None:
    from kamsim.bots import play

    measured = [k for k in tutorial.kpis if k.id.value not in ("roi", "revenue_to_profit")]
    fewer = tutorial.model_copy(update={"kpis": measured})

    def acumen(scenario: Scenario) -> float:
        card = score_game(play(scenario, 1, "expert"))
        return next(c.score for c in card.competencies if c.id == "business_acumen")

    values = {i.id: i.value for i in score_game(play(fewer, 1, "expert")).indicators}
    assert acumen(fewer) == pytest.approx((values["investment_focus"] + values["kam_value"]) / 2)
