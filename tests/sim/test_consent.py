"""Agreeing a plan is the customer's decision: yes, not yet (with reasons) or no."""

from __future__ import annotations

from kamsim.sim import Simulation

from .helpers import meet, play

PLAN = {"tactics": [{"project": "flow_redesign"}]}


def _write(sim: Simulation, account: str = "riverside", plan: dict = PLAN) -> None:
    assert sim.submit({"kind": "write_plan", "account": account, "plan": plan}).accepted


def _agree(sim: Simulation, table: list[str], account: str = "riverside"):
    return sim.submit({"kind": "agree_plan", "account": account, "stakeholders": table})


def test_an_unmet_hidden_blocker_holds_the_plan_up(scenario) -> None:
    sim = Simulation(scenario, 0)
    _write(sim)
    out = _agree(sim, ["director", "nurse"])
    acc = sim.world.accounts["riverside"]
    assert out.accepted and acc.agreed is None  # the meeting happened; the answer is not yes
    answer = sim.view().account("riverside").plan.answer
    assert answer["verdict"] == "not_yet"
    hidden = [r for r in answer["reasons"] if r["code"] == "veto" and r["person"] is None]
    assert hidden  # someone the trainee has not identified holds it up, named by role only
    assert "not identified yet (head of pharmacy)" in hidden[0]["text"]
    assert "pharmacist" not in str(answer)  # no id of a person the trainee does not know
    assert "support" not in answer  # the figure behind the answer stays hidden


def test_the_people_who_decide_must_be_at_the_table(scenario) -> None:
    sim = Simulation(scenario, 0)
    _write(sim)
    _agree(sim, ["nurse"])
    reasons = [r["code"] for r in sim.view().account("riverside").plan.answer["reasons"]]
    assert "table" in reasons


def test_mapped_met_and_shaped_by_the_dmu_the_plan_is_agreed(scenario) -> None:
    sim = Simulation(scenario, 0)
    play(sim, 1, {"kind": "map_dmu", "account": "riverside"})
    for week, who in ((1, "director"), (1, "nurse"), (2, "pharmacist")):
        assert play(sim, week, meet("riverside", who, "co_create")).accepted
    _write(sim)
    out = _agree(sim, ["director", "nurse", "pharmacist"])
    acc = sim.world.accounts["riverside"]
    assert out.accepted and acc.agreed is not None and acc.agreed.co_created
    assert sim.view().account("riverside").plan.answer["verdict"] == "yes"
    assert acc.investment == 20000  # only a yes books the money


def test_a_misaligned_account_says_no_and_closes_the_door(scenario) -> None:
    sim = Simulation(scenario, 0)
    _write(sim, "eastgate", {"tactics": [{"project": "rebate"}]})
    _agree(sim, ["buyer"], "eastgate")
    view = sim.view().account("eastgate").plan
    assert view.answer["verdict"] == "no"
    assert any(r["code"] == "stance" for r in view.answer["reasons"])
    assert view.cooldown_until > sim.week
    sim.advance(sim.week + 1)
    _write(sim, "eastgate", {"tactics": [{"project": "rebate"}]})
    refused = _agree(sim, ["buyer"], "eastgate")
    assert not refused.accepted and "will not discuss" in (refused.reason or "")
