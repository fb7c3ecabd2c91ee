"""Small helpers shared by the simulation tests."""

from __future__ import annotations

from typing import Any

from kamsim.sim import Outcome, Simulation


def play(sim: Simulation, week: int, action: dict[str, Any]) -> Outcome:
    """Advance to `week` and submit the action there."""
    sim.advance(week)
    return sim.submit(action)


def meet(account: str, who: str, purpose: str, *questions: str) -> dict[str, Any]:
    return {
        "kind": "meet",
        "account": account,
        "stakeholder": who,
        "purpose": purpose,
        "questions": list(questions),
    }


def decisions(sim: Simulation, event: str) -> list[dict[str, Any]]:
    return [dict(e.data) for e in sim.log if e.kind == "decision" and e.data["event"] == event]
