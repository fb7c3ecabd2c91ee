"""The example playbooks and the playbook guide's snippets are tests too: they must stay true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kamsim.scenario.load import load_scenario
from kamsim.sim import Simulation, load_playbook, playbook_entries_from_data, run_playbook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _play(path: Path, seed: int = 1) -> Simulation:
    scenario = load_scenario(ROOT / "scenarios" / f"{path.stem.split('-')[0]}.yaml")
    sim = Simulation(scenario, seed)
    run_playbook(sim, load_playbook(path))
    return sim


def _latest(sim: Simulation, account: str) -> dict:
    return [r for r in sim.world.kpis if r["account"] == account][-1]


def test_there_are_examples_for_the_tutorial_and_the_standard_scenario() -> None:
    names = {p.name for p in EXAMPLES}
    assert {"tutorial-expert.yaml", "tutorial-novice.yaml", "standard-focus.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs_with_only_the_refusals_it_announces(path: Path) -> None:
    """Every refusal with the default seed is marked `REFUSED` in a comment of its entry."""
    sim = _play(path)
    assert sim.finished
    refused = [e for e in sim.log if e.kind == "refused"]
    assert len(refused) == path.read_text("utf-8").count("REFUSED"), [
        (e.week, dict(e.data)) for e in refused
    ]


def test_the_expert_beats_the_novice_where_it_matters() -> None:
    expert = _play(ROOT / "examples" / "tutorial-expert.yaml")
    novice = _play(ROOT / "examples" / "tutorial-novice.yaml")
    mb_expert, mb_novice = _latest(expert, "millbrook"), _latest(novice, "millbrook")
    assert mb_expert["formulary_status"] > mb_novice["formulary_status"]
    assert mb_expert["share"] > mb_novice["share"]
    assert (
        _latest(expert, "territory")["satisfaction"] > _latest(novice, "territory")["satisfaction"]
    )
    plans = [
        e for e in expert.log if e.kind == "action" and e.data["action"]["kind"] == "agree_plan"
    ]
    assert any("co-created" in m for e in plans for m in e.data["messages"])


def test_the_guide_snippets_are_valid_playbooks_except_the_broken_one() -> None:
    guide = (ROOT / "docs" / "playbooks.md").read_text("utf-8")
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", guide, re.S)]
    broken = [b for b in blocks if "chat" in str(b)]
    assert len(broken) == 1
    for block in blocks:
        if block is not broken[0]:
            playbook_entries_from_data(block)


def test_the_standard_example_is_the_experts_year_on_seed_1() -> None:
    """The playbook says it is the expert's game: when the expert or the scenario changes,
    `python examples/regenerate.py` writes it again (this fails until then)."""
    from kamsim.bots import play

    sim = _play(ROOT / "examples" / "standard-focus.yaml")
    expert = play(load_scenario(ROOT / "scenarios" / "standard.yaml"), 1, "expert")
    assert sim.digest() == expert.digest(), "run: python examples/regenerate.py"
