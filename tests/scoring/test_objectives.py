"""An objective is judged against what the world can give: the reachable window follows the
world's own cap on share (the account's best listing, not the formulary KPI's average step), and
a target must ask for a tenth of that window (sandbagging earns nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.scenario.rubric import KpiKind
from kamsim.scoring.objectives import _reach, _start
from kamsim.scoring.record import GameRecord

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def advanced() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "advanced.yaml")


def _share_windows(scenario: Scenario, seed: int) -> list[tuple[str, float, float, float, float]]:
    """(account, start, low, high, share reached at the end) for each agreed plan's account."""
    sim = play(scenario, seed, "expert")
    rec = GameRecord(sim.result())
    out = []
    for acc, record in rec.result.accounts.items():
        plan = record.in_force
        if plan is None or plan.agreed_week is None:
            continue
        start = _start(rec, acc, KpiKind.SHARE, plan.agreed_week)
        bounds = _reach(rec, acc, KpiKind.SHARE, start, plan.agreed_week, rec.duration)
        assert bounds is not None
        final = rec.record_at(acc, rec.duration)
        assert final is not None
        out.append((acc, start, *bounds, float(final["share"])))
    return out


def test_the_share_window_is_never_empty_where_the_world_made_share(advanced: Scenario) -> None:
    """Seed 3: Ravensworth's window read "22.1%–20%", capped by the ceiling of its average
    formulary step while its best listing let it reach 32.2%: no share target could be
    realistic there, whatever the trainee wrote."""
    for seed in (1, 2, 3):
        for acc, start, low, high, reached in _share_windows(advanced, seed):
            assert low < high, (seed, acc, start, low, high)
            if reached > start + 0.02:  # the world gave share: some target had to be realistic
                assert high > start + 0.02, (seed, acc, start, low, high, reached)


def test_a_target_must_ask_for_a_tenth_of_what_the_world_could_give(advanced: Scenario) -> None:
    for acc, start, low, high, _ in _share_windows(advanced, 3):
        assert low == pytest.approx(max(start + 0.005, start + 0.1 * (high - start))), acc


def test_what_the_world_gave_lies_inside_the_window(advanced: Scenario) -> None:
    """A target the world met cannot be judged beyond reach: with a yearly allowance of 0.25,
    15 of 40 agreed plans on advanced (19 of 30 on standard) ended above the window's top."""
    for seed in (1, 3, 8):
        for acc, start, _, high, reached in _share_windows(advanced, seed):
            assert reached <= high + 1e-9, (seed, acc, start, high, reached)
