"""Committee votes are dice: the decision KPIs are scored on the odds, not on the roll.

A committee or tender decides by a vote: the player's work sets the chance of winning, and a
draw from the seed's committee stream settles it (`kamsim.sim.world.decide`). The no-action
world on the same seed gets the same draw, so comparing the two realised results cancels the
luck only when the chance barely moves. When it moves a lot, the comparison is a coin flip:
raise a committee's chance from 0.5 to 0.97 and the realised win-to-lose ratio beats the
no-action world's only on the seeds where the draw fell between the two (47 % of them). On
the others the no-action world won too, or neither did, and the credit was 0 for the same
play. An assessor cannot defend a KPI credit that is a coin flip.

So `win_loss` and `formulary_status` are scored on their expected values in both worlds: the
KPI as the world computes it, averaged over every way the votes could have fallen, each vote
won with the chance the log records for it (the paired difference keeps its mean, the average
effect of the play on the decisions, and loses the variance of the roll):

- the win-to-lose ratio wins / max(losses, 1) over the votes' Poisson-binomial distribution
  (a tender not bid for counts as neither, as in the world's KPI);
- each product's chance of standing on each formulary step, moved by every decision in turn
  (a win one step up, a tender won to preferred; a committee's clear loss, known from the
  logged score and noise, one step down); the territory's step is the mean over the active
  accounts of each account's mean over its products, as in the world.

Only decisions before the game's last monthly KPI record count, since that record is what
the other KPIs are read from. `realised` applies the same rules to the votes as they fell: it
reproduces the world's own KPIs (a test checks it), so the odds version differs from the
dashboard only by the dice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kamsim.scenario.base import FormularyStatus
from kamsim.scenario.model import Scenario
from kamsim.scenario.world import EventKind
from kamsim.sim.state import LADDER_STEP
from kamsim.sums import ordered_sum

Decision = Mapping[str, Any]


@dataclass(frozen=True)
class DecisionKpis:
    """The two decision KPIs of one world: their expected values under the votes' odds (or,
    with every chance 0 or 1, the values as the votes fell)."""

    win_loss: float
    formulary_status: float | None


def decisions_until(decisions: Iterable[Decision], day: float) -> list[Decision]:
    """The decisions taken by `day` (the day of the KPI record they are compared with)."""
    return [d for d in decisions if float(d["day"]) <= day]


def expected(
    scenario: Scenario, decisions: Iterable[Decision], active: Iterable[str]
) -> DecisionKpis:
    """The decision KPIs' expected values, each vote won with its logged chance."""
    return _kpis(scenario, list(decisions), set(active), by_odds=True)


def realised(
    scenario: Scenario, decisions: Iterable[Decision], active: Iterable[str]
) -> DecisionKpis:
    """The decision KPIs as the votes fell (what the world's KPI record says)."""
    return _kpis(scenario, list(decisions), set(active), by_odds=False)


def _kpis(
    scenario: Scenario, decisions: list[Decision], active: set[str], by_odds: bool
) -> DecisionKpis:
    kinds = {e.id: e.kind for e in scenario.events}
    clear_loss = scenario.dynamics.committee.clear_loss
    products = [p.id for p in scenario.company.products]
    ladder = len(LADDER_STEP)
    # Each product's chance of standing on each step, from where the world starts it
    # (`sim.state.new_account`), moved by every decision in turn.
    standing: dict[str, dict[str, list[float]]] = {}
    for a in scenario.accounts:
        if a.id in active:
            standing[a.id] = {}
            for p in products:
                start = [0.0] * ladder
                start[LADDER_STEP[a.hard_data.formulary.get(p, FormularyStatus.NOT_LISTED)]] = 1.0
                standing[a.id][p] = start
    chances: list[float] = []
    for d in decisions:
        if d["account"] not in active or d.get("bid", True) is False:
            continue  # a tender not bid for (KAM declined) is no decision of ours, as in the world
        chance = float(d["chance"]) if by_odds else float(bool(d["won"]))
        chances.append(chance)
        tender = kinds.get(d["event"]) is EventKind.TENDER
        clear = not tender and float(d["score"]) + float(d["noise"]) < clear_loss
        before = standing[d["account"]].setdefault(d["product"], [1.0] + [0.0] * (ladder - 1))
        after = [0.0] * ladder
        for step, mass in enumerate(before):
            win = ladder - 1 if tender else min(ladder - 1, step + 1)
            loss = max(0, step - 1) if clear else step
            after[win] += chance * mass
            after[loss] += (1.0 - chance) * mass
        standing[d["account"]][d["product"]] = after
    means = [
        ordered_sum(ordered_sum(i * p for i, p in enumerate(dist)) for dist in account.values())
        / len(account)
        for account in standing.values()
        if account
    ]
    formulary = ordered_sum(means) / len(standing) if means else None
    return DecisionKpis(_expected_ratio(chances), formulary)


def _expected_ratio(chances: list[float]) -> float:
    """E[wins / max(losses, 1)] for independent votes with these chances (Poisson-binomial)."""
    wins = [1.0]  # wins[k]: the chance of k wins so far
    for c in chances:
        nxt = [0.0] * (len(wins) + 1)
        for k, p in enumerate(wins):
            nxt[k] += (1.0 - c) * p
            nxt[k + 1] += c * p
        wins = nxt
    n = len(chances)
    return ordered_sum(p * k / max(n - k, 1) for k, p in enumerate(wins))
