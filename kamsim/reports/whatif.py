"""The debrief's "what if": the expert bot plays the trainee's own world (same scenario and
seed, so the same dice), and the two games are compared decision by decision.

The comparison says what differed (tiers, committee decisions, KPIs) and why (the indicators
with the largest gap, with the expert's advice attached).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kamsim.reports.games import expert_game, territory_kpis
from kamsim.reports.timeline import lines
from kamsim.scenario.names import Names
from kamsim.scoring import Scorecard, score_game
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import Simulation

SHORTFALLS = 8


@dataclass(frozen=True)
class Debrief:
    """The trainee's game and the expert's on the same world, scored."""

    sim: Simulation
    card: Scorecard
    expert: Simulation
    expert_card: Scorecard


def debrief(sim: Simulation) -> Debrief:
    expert = expert_game(sim.scenario, sim.seed)
    return Debrief(sim, score_game(sim), expert, score_game(expert))


def _decisions(sim: Simulation) -> dict[str, dict[str, Any]]:
    """Each committee or tender decision; a tender not bid for (KAM declined) has no status
    after it, only `bid` False."""
    return {
        e.data["event"]: {"week": e.week, "account": e.data["account"], "won": e.data["won"],
                          "bid": e.data.get("bid", True), "after": e.data.get("after")}
        for e in sim.log
        if e.kind == "decision"
    }  # fmt: skip


def differences(d: Debrief) -> dict[str, Any]:
    """What differed between the two games, account by account and decision by decision."""
    truth = expected_tiers(d.sim.scenario)
    names = Names(d.sim.scenario)  # ids for scripts, names for the people who read it
    yours, theirs = d.sim.world.accounts, d.expert.world.accounts
    tiers = [
        {"account": a, "name": names.account(a), "you": _tier(yours[a].tier),
         "expert": _tier(theirs[a].tier), "expected": truth[a].tier.value}
        for a in yours
        if yours[a].tier != theirs[a].tier
    ]  # fmt: skip
    mine, best = _decisions(d.sim), _decisions(d.expert)
    decisions = [
        {"event": ev, "title": names.events.get(ev, ev), "week": mine[ev]["week"],
         "account": mine[ev]["account"], "name": names.account(mine[ev]["account"]),
         "you": _result(mine[ev]), "expert": _result(best[ev])}
        for ev in mine
        if ev in best and _result(mine[ev]) != _result(best[ev])
    ]  # fmt: skip
    return {
        "dimensions": {
            k: {"you": round(v, 2), "expert": round(d.expert_card.dimensions[k], 2)}
            for k, v in d.card.dimensions.items()
        },
        "tiers": tiers,
        "decisions": decisions,
        "kpis": {"you": territory_kpis(d.sim), "expert": territory_kpis(d.expert)},
        "shortfalls": shortfalls(d),
    }


def _tier(tier: Any) -> str | None:
    return tier.value if tier is not None else None


def _result(decision: dict[str, Any]) -> str:
    if decision["bid"] is False:
        return "no bid (KAM declined)"
    status = str(decision["after"]).replace("_", " ")  # "not listed", as the screens say it
    return f"{'won' if decision['won'] else 'lost'} ({status})"


def shortfalls(d: Debrief) -> list[dict[str, Any]]:
    """The indicators where the expert did most better, with why and what to do instead."""
    theirs = {i.id: i for i in d.expert_card.indicators}
    gaps = []
    for ind in d.card.indicators:
        other = theirs.get(ind.id)
        if other is not None and other.value - ind.value > 0.05:
            gaps.append((other.value - ind.value, ind, other))
    gaps.sort(key=lambda g: (-g[0], g[1].id))
    return [
        {"indicator": ind.id, "label": ind.label, "dimension": ind.dimension,
         "you": round(ind.value, 3), "expert": round(other.value, 3), "yours": ind.comment,
         "theirs": other.comment, "advice": ind.expert}
        for _, ind, other in gaps[:SHORTFALLS]
    ]  # fmt: skip


def debrief_dict(d: Debrief) -> dict[str, Any]:
    """The JSON form of `kamsim debrief --json`."""
    scenario = d.sim.scenario
    return {
        "scenario": scenario.meta.id,
        "seed": d.sim.seed,
        "digest": d.sim.digest(),
        "scores": d.card.to_dict(),
        "timeline": [
            {"week": ln.week, "who": ln.kind, "text": ln.text} for ln in lines(d.sim.log, scenario)
        ],
        "what_if": {
            "expert": {"total": round(d.expert_card.total, 2), "digest": d.expert.digest()},
            **differences(d),
        },
    }
