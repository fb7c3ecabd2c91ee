"""The decision KPIs are scored on the votes' odds: the same play earns the same credit whatever
the committee's roll, and the same rules on the votes as they fell give back the world's KPIs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.scenario.rubric import KpiDefinition, KpiKind
from kamsim.scenario.world import EventKind
from kamsim.scoring import odds, score_game
from kamsim.sim.log import decision_records

ROOT = Path(__file__).resolve().parents[2]
ACTIVE = ("harbourside", "millbrook", "eastvale")


def _vote(chance: float, won: bool, score: float = 0.0, noise: float = 0.0, **kw) -> dict:
    return {"week": 7, "day": 48.0, "event": "mb_committee", "account": "millbrook",
            "product": "respirel", "chance": chance, "won": won, "before": "restricted",
            "after": "listed" if won else "restricted", "score": score, "noise": noise,
            **kw}  # fmt: skip


def test_the_expected_ratio_averages_over_every_way_the_votes_fall(tutorial: Scenario) -> None:
    # Two votes at 0.5: both won (¼) 2/1, one won (½) 1/1, none (¼) 0 -> 1.0.
    two = [_vote(0.5, True), _vote(0.5, False)]
    assert odds.expected(tutorial, two, ACTIVE).win_loss == pytest.approx(1.0)
    assert odds.realised(tutorial, two, ACTIVE).win_loss == pytest.approx(1.0)
    assert odds.expected(tutorial, [_vote(0.9, False)], ACTIVE).win_loss == pytest.approx(0.9)
    assert odds.realised(tutorial, [_vote(0.9, False)], ACTIVE).win_loss == 0.0


def test_the_expected_formulary_step_follows_the_ladder(tutorial: Scenario) -> None:
    # Millbrook starts restricted (1); the other two accounts: listed (2) and restricted (1).
    def territory(decisions: list[dict]) -> float:
        value = odds.expected(tutorial, decisions, ACTIVE).formulary_status
        assert value is not None
        return value * 3 - 2 - 1  # Millbrook's own step

    assert territory([_vote(0.3, False)]) == pytest.approx(0.3 * 2 + 0.7 * 1)
    clear = _vote(0.3, False, score=-2.0)  # below the clear-loss line: a loss drops a step
    assert territory([clear]) == pytest.approx(0.3 * 2 + 0.7 * 0)
    twice = [_vote(0.5, True), {**_vote(0.5, True), "before": "listed", "after": "preferred"}]
    assert territory(twice) == pytest.approx(0.25 * 3 + 0.5 * 2 + 0.25 * 1)
    tender = tutorial.model_copy(update={"events": [
        e.model_copy(update={"kind": EventKind.TENDER}) if e.id == "mb_committee" else e
        for e in tutorial.events
    ]})  # fmt: skip
    won_tender = odds.expected(tender, [_vote(0.3, False)], ACTIVE).formulary_status
    assert won_tender is not None
    assert won_tender * 3 - 3 == pytest.approx(0.3 * 3 + 0.7 * 1)


def test_a_tender_not_bid_for_is_no_decision(tutorial: Scenario) -> None:
    no_bid = {"week": 7, "day": 48.0, "event": "mb_committee", "account": "millbrook",
              "product": "respirel", "bid": False, "won": False}  # fmt: skip
    assert odds.expected(tutorial, [no_bid, _vote(0.8, True)], ACTIVE).win_loss == (
        pytest.approx(0.8)
    )


@pytest.mark.parametrize(
    ("name", "bot", "seed"),
    [
        ("tutorial", "expert", 1),
        ("tutorial", "novice", 2),
        ("tutorial", "random", 3),
        ("standard", "expert", 1),
        ("advanced", "random", 2),
    ],
)
def test_the_votes_as_they_fell_give_back_the_worlds_kpis(name: str, bot: str, seed: int) -> None:
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    result = play(scenario, seed, bot).result()
    last = max(i for i, e in enumerate(result.log) if e.kind == "kpis")
    mine = decision_records(result.log[:last])
    theirs = odds.decisions_until(result.baseline_decisions, result.log[last].day)
    active = [a for a, r in result.accounts.items() if r.active]
    final = [r for r in result.kpis if r["account"] == "territory"][-1]
    base = result.baseline_final["territory"]
    for decisions, record in ((mine, final), (theirs, base)):
        fell = odds.realised(result.scenario, decisions, active)
        assert fell.win_loss == pytest.approx(record["win_loss"])
        assert fell.formulary_status == pytest.approx(record["formulary_status"])
    assert theirs, "the baseline's decisions reach the result"


def _two_committees(tutorial: Scenario) -> Scenario:
    """The tutorial as it was before Harbourside's contract became a price tender: two
    committee votes, and the win-to-lose ratio a KPI (target 1)."""
    events = [
        e.model_copy(update={"kind": EventKind.COMMITTEE_MEETING, "price_ask": None})
        if e.account == "harbourside" and e.kind is EventKind.TENDER
        else e
        for e in tutorial.events
    ]
    win_loss = KpiDefinition(
        id=KpiKind.WIN_LOSS, name="Win-to-lose ratio", target=1.0, description="Won per lost."
    )
    return tutorial.model_copy(update={"events": events, "kpis": [*tutorial.kpis, win_loss]})


def test_the_same_play_earns_the_decision_credit_whatever_the_roll(tutorial: Scenario) -> None:
    """Seed 2: the no-action world won its Millbrook vote too (at a chance of 0.19), so the
    realised ratios tie (1 against 1) and the old credit was 0; the expert raised that vote's
    chance to 1.0, and that is what is credited now."""
    scenario = _two_committees(tutorial)
    card = score_game(play(scenario, 2, "expert"))
    win_loss = next(i for i in card.indicators if i.id == "win_loss")
    assert "(1 as the votes fell) against" in win_loss.comment
    assert win_loss.value == 1.0
    novice = score_game(play(scenario, 2, "novice"))
    assert next(i for i in novice.indicators if i.id == "win_loss").value == 0.0
