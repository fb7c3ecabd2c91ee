"""The standing monthly KPI review: decided once, run by the clock after each month's figures.

Each run is a KPI review exactly as if submitted then (its field days from that week, the
slips it shows, the account's month of effort), logged as a "routine" entry: the save's action
list stays the trainee's own submissions and replays the same game.
"""

from __future__ import annotations

from kamsim.bots import play as bot_play
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.scoring.record import GameRecord
from kamsim.sim import Simulation
from kamsim.sim.save import load_game, save_game

from .helpers import play

ON = {"kind": "review_monthly", "account": "riverside", "on": True}
OFF = {**ON, "on": False}


def _routine(sim: Simulation) -> list[tuple[int, dict]]:
    return [(e.week, dict(e.data)) for e in sim.log if e.kind == "routine"]


def test_the_clock_reviews_as_each_months_figures_come_out_from_the_days_left(
    scenario: Scenario,
) -> None:
    sim = Simulation(scenario, 1)
    on = sim.submit(ON)
    assert on.accepted and on.days == 0.0 and "each month's figures" in on.messages[0]
    sim.advance(5)
    assert sim.world.reviews == [(4, "riverside")]  # month 1's figures: the end of week 4
    days = scenario.dynamics.costs.kpi_review_days
    ((week, entry),) = _routine(sim)
    assert week == 4 and entry["days"] == days and not entry.get("skipped")
    assert sim.view().field_days_left == sim._days_available()  # week 5's days are untouched
    assert sim.view().account("riverside").last_review == 4
    assert sim.view().account("riverside").reviews_monthly
    sim.advance(13)
    assert [w for w, _ in sim.world.reviews] == [4, 8, 12]
    assert [a["kind"] for _, a in sim.history] == ["review_monthly"]  # no submissions added


def test_a_month_end_week_with_no_days_left_has_it_first_thing_the_next_week(
    scenario: Scenario,
) -> None:
    sim = Simulation(scenario, 1)
    sim.submit(ON)
    sim.advance(4)
    while sim.submit({"kind": "desk_research", "account": "northfield"}).accepted:
        pass  # week 4's days spent
    sim.advance(5)
    assert sim.world.reviews == [(5, "riverside")]
    days = scenario.dynamics.costs.kpi_review_days
    assert abs(sim.view().field_days_left - (sim._days_available() - days)) < 1e-9


def test_turning_it_off_stops_it_and_asking_twice_is_refused(scenario: Scenario) -> None:
    sim = Simulation(scenario, 1)
    assert sim.submit(ON).accepted
    again = sim.submit(ON)
    assert not again.accepted and "already on" in str(again.reason)
    play(sim, 6, OFF)
    sim.advance(14)
    assert [w for w, _ in sim.world.reviews] == [4]
    assert not sim.view().account("riverside").reviews_monthly


def test_no_routine_review_at_a_declined_account(scenario: Scenario) -> None:
    sim = Simulation(scenario, 1)
    sim.submit({**ON, "account": "eastgate"})
    sim.submit({"kind": "set_tier", "account": "eastgate", "tier": "decline"})
    sim.advance(10)
    assert sim.world.reviews == [] and _routine(sim) == []


def test_a_week_without_the_days_logs_the_review_skipped(scenario: Scenario) -> None:
    costs = scenario.dynamics.costs.model_copy(update={"kpi_review_days": 50.0})
    heavy = scenario.model_copy(
        update={"dynamics": scenario.dynamics.model_copy(update={"costs": costs})}
    )
    sim = Simulation(heavy, 1)
    sim.submit(ON)
    sim.advance(6)
    ((week, entry),) = _routine(sim)
    assert week == 5 and "not enough field days" in entry["skipped"]
    assert sim.world.reviews == []


def test_a_saved_game_with_the_routine_replays_to_the_same_digest(
    scenario: Scenario, tmp_path
) -> None:
    sim = Simulation(scenario, 3)
    sim.submit(ON)
    play(sim, 7, {"kind": "desk_research", "account": "riverside"})
    sim.advance(12)
    path = tmp_path / "game.json"
    save_game(sim, path)
    again = load_game(path, scenario)
    assert again.digest() == sim.digest() and _routine(again) == _routine(sim)


def test_the_experts_routine_shows_a_slip_and_counts_as_its_reviews() -> None:
    """Standard, seed 1: the expert turns the routine on at each agreement; a routine review
    is what shows Kestrel Bay's slipped project, and scoring counts the routine's reviews."""
    sim = bot_play(load_scenario(resolve("standard")), 1, "expert")
    routine = _routine(sim)
    assert len(routine) >= 20
    assert any("has slipped" in m for _, d in routine for m in d.get("messages", []))
    by_hand = [a for _, a in sim.history if a["kind"] == "review_kpis"]
    record = GameRecord(sim.result())
    assert len(record.of_kind("review_kpis")) == len(by_hand) + len(routine)
