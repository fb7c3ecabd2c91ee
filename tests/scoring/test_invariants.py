"""Scoring invariants over random games: bounded, deterministic, every credit has evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsim.scenario.model import Scenario
from kamsim.scoring import DIMENSIONS, score_game
from kamsim.sim import Simulation, replay

ACCOUNTS = ["millbrook", "harbourside", "eastvale"]
PEOPLE = {
    "millbrook": ["dr_anand", "sister_kowal", "ines_baptiste"],
    "harbourside": ["prof_hale", "gerrit_vos"],
    "eastvale": ["dr_lemaire", "paul_okafor"],
}
QUESTIONS = ["q_waits", "q_decision", "q_budget"]
TIERS = ["key", "develop", "maintain", "deprioritise", "decline"]


@st.composite
def actions(draw) -> dict:
    acc = draw(st.sampled_from(ACCOUNTS))
    kind = draw(
        st.sampled_from(
            [
                "desk_research",
                "map_dmu",
                "map_pathway",
                "meet",
                "set_tier",
                "write_plan",
                "agree_plan",
                "review_kpis",
                "campaign",
            ]
        )
    )
    if kind == "meet":
        return {
            "kind": "meet",
            "account": acc,
            "stakeholder": draw(st.sampled_from(PEOPLE[acc])),
            "purpose": draw(
                st.sampled_from(["listen", "discover", "co_create", "promote", "present_value"])
            ),
            "questions": draw(st.lists(st.sampled_from(QUESTIONS), max_size=2, unique=True)),
        }
    if kind == "set_tier":
        return {"kind": "set_tier", "account": acc, "tier": draw(st.sampled_from(TIERS))}
    if kind == "write_plan":
        return {
            "kind": "write_plan",
            "account": acc,
            "plan": {
                "segment": draw(st.sampled_from(["total_value", "drug_price", "healthcare_costs"])),
                "needs": draw(
                    st.lists(
                        st.sampled_from(["process_improvement", "drug_cost", "treatment_quality"]),
                        max_size=2,
                        unique=True,
                    )
                ),
                "objectives": [{"kpi": "share", "target": 0.3, "by_week": 8}],
                "tactics": [
                    {
                        "project": draw(
                            st.sampled_from(
                                ["nurse_training_hub", "volume_rebate", "budget_impact_model"]
                            )
                        )
                    }
                ],
            },
        }
    if kind == "agree_plan":
        return {"kind": "agree_plan", "account": acc, "stakeholders": PEOPLE[acc][:2]}
    if kind == "campaign":
        verb = draw(st.sampled_from(["approve_campaign", "hold_campaign"]))
        return {"kind": verb, "campaign": "camp_winter_detail"}
    return {"kind": kind, "account": acc}


games = st.lists(st.tuples(st.integers(1, 8), actions()), max_size=25).map(
    lambda xs: sorted(xs, key=lambda x: x[0])
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games, st.integers(0, 2**16))
def test_scores_bounded_deterministic_and_evidenced(tutorial: Scenario, game, seed) -> None:
    first = replay(tutorial, seed, game, until_week=9)
    card = score_game(first)
    assert 0 <= card.total <= 100
    assert set(card.dimensions) == set(DIMENSIONS)
    assert all(0 <= v <= 100 for v in card.dimensions.values())
    for ind in card.indicators:
        assert 0 <= ind.value <= 1, ind
        if ind.value > 0:
            assert ind.evidence, f"{ind.id} gives credit without evidence"
    assert all(1 <= c.level <= 4 for c in card.competencies)
    again = score_game(replay(tutorial, seed, game, until_week=9))
    assert again.to_dict() == card.to_dict()


def test_an_idle_game_scores_low(tutorial: Scenario) -> None:
    sim = Simulation(tutorial, 3)
    sim.advance(9)
    card = score_game(sim)
    assert card.dimensions["prioritisation"] == 0
    assert card.dimensions["plan_quality"] == 0
    assert card.total < 15
