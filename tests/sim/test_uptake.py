"""Good KAM pays: a plan that fits the true needs wins; declining frees time for others."""

from __future__ import annotations

from kamsim.sim import Simulation
from kamsim.sim.market import effort_response

from .conftest import agreeable, make_scenario
from .helpers import meet, play

DMU = ["director", "nurse", "pharmacist"]


def _planned(scenario, seed: int, project: str) -> Simulation:
    sim = Simulation(scenario, seed)
    play(sim, 1, {"kind": "map_dmu", "account": "riverside"})
    for who in DMU[:2]:
        assert play(sim, 1, meet("riverside", who, "co_create")).accepted
    assert play(sim, 2, meet("riverside", DMU[2], "co_create")).accepted
    plan = {"tactics": [{"project": project}]}
    assert play(sim, 2, {"kind": "write_plan", "account": "riverside", "plan": plan}).accepted
    out = play(sim, 2, {"kind": "agree_plan", "account": "riverside", "stakeholders": DMU})
    assert out.accepted, out.reason
    sim.advance(27)  # six months on
    return sim


def test_plan_fitting_true_needs_beats_equally_expensive_misfit(scenario) -> None:
    for seed in range(3):
        fit, misfit = _planned(scenario, seed, "flow_redesign"), _planned(scenario, seed, "rebate")
        good, bad = fit.world.accounts["riverside"], misfit.world.accounts["riverside"]
        assert good.investment == bad.investment == 20000
        assert good.share > bad.share
        assert good.revenue > bad.revenue * 1.2
        assert "chairs" not in good.blockages and "chairs" in bad.blockages


def test_co_created_plan_is_marked_and_imposed_plan_annoys(scenario) -> None:
    sim = _planned(scenario, 0, "flow_redesign")
    assert sim.world.accounts["riverside"].agreed.co_created
    imposed = Simulation(make_scenario(agreeable), 0)
    imposed.submit(
        {
            "kind": "write_plan",
            "account": "riverside",
            "plan": {"tactics": [{"project": "flow_redesign"}]},
        }
    )
    out = imposed.submit(
        {"kind": "agree_plan", "account": "riverside", "stakeholders": ["director"]}
    )
    acc = imposed.world.accounts["riverside"]
    assert out.accepted and not acc.agreed.co_created
    assert acc.people["nurse"].anchor < acc.people["nurse"].spec.attitude


def test_effort_has_diminishing_returns(scenario) -> None:
    u = scenario.dynamics.uptake
    gains = [effort_response(d, u) for d in (0, 3, 6, 12, 24)]
    assert gains == sorted(gains) and gains[-1] <= u.effort_max
    assert gains[4] - gains[3] < gains[2] - gains[1]


def test_declining_an_account_frees_field_days_for_others() -> None:
    def routine(data: dict) -> None:
        data["dynamics"] = {"costs": {"routine_days_per_account": 0.2}}

    scenario = make_scenario(routine)
    keep, drop = Simulation(scenario, 0), Simulation(scenario, 0)
    play(drop, 1, {"kind": "set_tier", "account": "eastgate", "tier": "decline"})
    for sim in (keep, drop):
        sim.advance(2)
    freed = drop.view().field_days_left - keep.view().field_days_left
    assert abs(freed - scenario.dynamics.costs.routine_days_per_account) < 1e-9
    big_week = [
        {"kind": "map_pathway", "account": "riverside"},
        meet("riverside", "director", "co_create"),
        meet("riverside", "nurse", "co_create"),
        meet("riverside", "nurse", "listen"),
    ]  # 3.5 days
    assert all(drop.submit(a).accepted for a in big_week)
    assert not all(keep.submit(a).accepted for a in big_week)
    refused = drop.submit({"kind": "desk_research", "account": "eastgate"})
    assert not refused.accepted and "declined" in (refused.reason or "")


def test_quiet_world_keeps_shares_near_start(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.advance(13)
    assert abs(sim.world.accounts["riverside"].share - 0.15) < 0.02
