"""Projects are delivered or slip; a KPI review shows a slip, an updated plan recovers it."""

from __future__ import annotations

from kamsim.sim import Simulation
from kamsim.sim.world import slip_chance

from .conftest import agreeable, make_scenario
from .helpers import play

PLAN = {"tactics": [{"project": "flow_redesign"}]}  # six weeks


def _readiness(score: int):
    def edit(data: dict) -> None:
        agreeable(data)
        data["accounts"][0]["truth"]["criteria"]["implementation"] = score

    return edit


def _agreed(scenario, seed: int) -> Simulation:
    sim = Simulation(scenario, seed)
    sim.submit({"kind": "write_plan", "account": "riverside", "plan": PLAN})
    assert sim.submit(
        {"kind": "agree_plan", "account": "riverside", "stakeholders": ["director"]}
    ).accepted
    return sim


def _slipping_seed(scenario) -> int:
    for seed in range(50):
        sim = _agreed(scenario, seed)
        sim.advance(7)
        if sim.world.accounts["riverside"].slipped:
            return seed
    raise AssertionError("no seed slips")


def test_readiness_to_implement_explains_the_risk() -> None:
    ready = Simulation(make_scenario(_readiness(5)), 0)
    unready = Simulation(make_scenario(_readiness(1)), 0)
    low = slip_chance(ready.world.accounts["riverside"], ready._core)
    high = slip_chance(unready.world.accounts["riverside"], unready._core)
    assert low < 0.15 < 0.8 < high


def test_a_slip_shows_only_in_a_review_and_an_update_recovers_it() -> None:
    scenario = make_scenario(_readiness(1))
    seed = _slipping_seed(scenario)
    sim = _agreed(scenario, seed)
    sim.advance(7)  # due in week 6: it slipped
    acc = sim.world.accounts["riverside"]
    late = acc.due["flow_redesign"]
    assert late > 20 and not sim.view().account("riverside").plan.slipping  # nobody looked
    review = sim.submit({"kind": "review_kpis", "account": "riverside"})
    assert any("has slipped" in m for m in review.messages)
    assert sim.view().account("riverside").plan.slipping == (("flow_redesign", late),)
    sim.submit({"kind": "write_plan", "account": "riverside", "plan": PLAN})
    out = sim.submit({"kind": "agree_plan", "account": "riverside", "stakeholders": ["director"]})
    assert any("back on track" in m for m in out.messages)
    assert acc.due["flow_redesign"] == sim.week + scenario.dynamics.delivery.recovery_weeks
    sim.advance(sim.week + 3)
    assert "flow_redesign" in acc.delivered and "chairs" not in acc.blockages


def test_an_unrecovered_slip_wears_the_tables_trust_month_by_month() -> None:
    def edit(data: dict) -> None:
        _readiness(1)(data)
        data["accounts"][0]["stakeholders"][0]["relationship"] = "partner"

    scenario = make_scenario(edit)
    seed = _slipping_seed(scenario)
    watched, left = _agreed(scenario, seed), _agreed(scenario, seed)
    for sim in (watched, left):
        sim.advance(7)
    watched.submit({"kind": "review_kpis", "account": "riverside"})
    watched.submit({"kind": "write_plan", "account": "riverside", "plan": PLAN})
    watched.submit({"kind": "agree_plan", "account": "riverside", "stakeholders": ["director"]})
    for sim in (watched, left):
        sim.advance(20)
    trust = [s.world.accounts["riverside"].people["director"].relationship for s in (watched, left)]
    assert trust[1] < trust[0] - 0.1


def test_a_plan_whose_only_shaper_leaves_stalls() -> None:
    def edit(data: dict) -> None:
        agreeable(data)
        data["accounts"][1]["truth"]["criteria"]["implementation"] = 5  # slips only by leaving
        data["projects"][2]["duration_weeks"] = 30

    scenario = make_scenario(edit)
    sim = Simulation(scenario, 0)
    play(sim, 1, {"kind": "write_plan", "account": "northfield",
                  "plan": {"tactics": [{"project": "bim"}]}})  # fmt: skip
    from .helpers import meet

    assert play(sim, 1, meet("northfield", "champ", "co_create")).accepted
    out = sim.submit({"kind": "agree_plan", "account": "northfield", "stakeholders": ["champ"]})
    assert out.accepted and sim.world.accounts["northfield"].agreed is not None
    sim.advance(21)  # the champion leaves in week 20
    acc = sim.world.accounts["northfield"]
    assert "bim" in acc.slipped and not acc.agreed.co_created
    assert any(e.kind == "slip" and e.data.get("cause") == "support left" for e in sim.log)
