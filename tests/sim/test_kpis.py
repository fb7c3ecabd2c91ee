"""KPIs come from state, monthly, for each account and the territory."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kamsim.sim import Simulation

from .conftest import agreeable, make_scenario
from .helpers import decisions


def test_monthly_records_for_accounts_and_territory(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.advance(53)
    months = sorted({r["month"] for r in sim.world.kpis})
    assert months == list(range(1, 14))
    last = [r for r in sim.world.kpis if r["month"] == 13]
    assert [r["account"] for r in last] == ["riverside", "northfield", "eastgate", "territory"]
    territory = last[-1]
    assert territory["sales"] == pytest.approx(sum(r["sales"] for r in last[:-1]))
    assert territory["penetration_index"] == 100.0
    assert territory["roi"] is None  # nothing invested
    for record in last:
        assert 0 <= record["satisfaction"] <= 10 and 0 <= record["formulary_status"] <= 3


def test_win_loss_counts_decisions(scenario) -> None:
    sim = Simulation(scenario, 0)
    sim.advance(53)
    outcomes = [
        d["won"]
        for event in ("nf_committee", "rs_committee", "eg_tender")
        for d in decisions(sim, event)
    ]
    wins, losses = sum(outcomes), len(outcomes) - sum(outcomes)
    territory = sim.world.kpis[-1]
    assert territory["win_loss"] == wins / max(losses, 1)


def test_investment_shows_in_roi_and_revenue_to_profit() -> None:
    sim = Simulation(make_scenario(agreeable), 0)
    sim.submit(
        {
            "kind": "write_plan",
            "account": "riverside",
            "plan": {"tactics": [{"project": "flow_redesign"}]},
        }
    )
    sim.submit({"kind": "agree_plan", "account": "riverside", "stakeholders": ["director"]})
    sim.advance(5)
    record = next(r for r in sim.world.kpis if r["account"] == "riverside")
    assert record["roi"] is not None and record["roi"] < 0  # the first month cannot pay back
    assert record["revenue_to_profit"] is None or record["revenue_to_profit"] < 1
    assert record["investment"] == 20000 and record["incremental_margin"] < 0


def test_simulation_is_headless() -> None:
    code = "import sys, kamsim.sim; assert not any(m.startswith('pygame') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
