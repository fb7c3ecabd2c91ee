"""The no-action baseline: the same world on the same seed, with nobody doing KAM."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation
from kamsim.sim.baseline import baseline
from kamsim.sim.state import history_level

from .conftest import agreeable, make_scenario

ROOT = Path(__file__).resolve().parents[2]


def _final(sim: Simulation, account: str = "territory") -> dict:
    return [r for r in sim.world.kpis if r["account"] == account][-1]


def test_doing_nothing_earns_nothing_against_the_same_world(scenario) -> None:
    sim = Simulation(scenario, 4)
    sim.advance(53)
    final = _final(sim)
    assert final["kam_value"] == 0 and final["incremental_margin"] == 0
    assert final["roi"] is None and final["revenue_to_profit"] is None


def test_the_baseline_lives_through_the_same_events_and_dice(scenario) -> None:
    sim = Simulation(make_scenario(agreeable), 4)
    sim.submit({"kind": "write_plan", "account": "riverside",
                "plan": {"tactics": [{"project": "flow_redesign"}]}})  # fmt: skip
    sim.submit({"kind": "agree_plan", "account": "riverside", "stakeholders": ["director"]})
    sim.advance(53)
    alone = Simulation(sim.scenario, 4, counterfactual=True)
    alone.advance(53)
    base = baseline(sim.scenario, 4)
    last = max(int(r["month"]) for r in sim.world.kpis)
    assert base.record(last, "territory") == _final(alone)
    noise = {e.data["event"]: e.data["noise"] for e in sim.log if e.kind == "decision"
             and "noise" in e.data}  # fmt: skip
    base_noise = {e.data["event"]: e.data["noise"] for e in alone.log if e.kind == "decision"
                  and "noise" in e.data}  # fmt: skip
    assert noise and noise == base_noise  # same committee dice in both worlds
    assert _final(sim)["baseline_revenue"] == pytest.approx(_final(alone)["revenue"])


@pytest.mark.parametrize("name", ["tutorial", "standard", "advanced"])
def test_month_one_continues_the_authored_sales_history(name: str) -> None:
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    sim = Simulation(scenario, 1)
    sim.advance(5)
    for acc in sim.scenario.accounts:
        first = next(r for r in sim.world.kpis if r["account"] == acc.id)
        level = history_level(list(acc.hard_data.sales_history))
        assert first["sales"] == pytest.approx(level, rel=0.08), acc.id
