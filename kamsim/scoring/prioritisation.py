"""Prioritisation: tiers, key set, where the time and money went, and the courage to decline.

The expected tier of each account comes from the scenario's weighted attractiveness criteria
(`truth.expected_tiers`), never from a bot, so good prioritisation is defined by the world.
"""

from __future__ import annotations

from kamsim.scenario.base import Tier
from kamsim.scoring.card import Evidence, Indicator
from kamsim.scoring.record import GameRecord
from kamsim.scoring.truth import TIER_ORDER

DIM = "prioritisation"
DEVELOP_CREDIT = 0.5  # effort on a develop-worthy account counts half as focused


def tier_accuracy(rec: GameRecord) -> list[Indicator]:
    """Per account, 1 − (tier steps away from the expected tier)/4; untiered earns nothing."""
    out = []
    for acc_id, truth in rec.truth.items():
        chosen = rec.tiers.get(acc_id)
        act = rec.last_tier_act(acc_id)
        if chosen is None or act is None:
            value, evidence, comment = 0.0, (), "never tiered"
        else:
            steps = abs(TIER_ORDER[chosen] - TIER_ORDER[truth.tier])
            value = 1 - steps / 4
            evidence = (act.evidence(),)
            comment = f"tiered {chosen.value}; {steps} step(s) from {truth.tier.value}"
        expert = (
            ""
            if value == 1
            else (
                f"tier {acc_id} as {truth.tier.value}: attractiveness {truth.attractiveness:.2f}, "
                f"rank {truth.rank} of {len(rec.truth)}"
            )
        )
        label = f"Tier of {rec.scenario.account(acc_id).name}"
        out.append(Indicator(f"tier:{acc_id}", DIM, label, value, 1.0 / len(rec.truth), evidence,
                             comment, expert, acc_id))  # fmt: skip
    return out


def key_set(rec: GameRecord) -> Indicator:
    """F1 of the trainee's key set against the true one, scaled down past the key limit."""
    chosen, true = set(rec.key_accounts()), rec.true_key()
    limit = rec.scenario.company.max_key_accounts
    hits = chosen & true
    if not chosen or not hits:
        f1 = 0.0
    else:
        precision, recall = len(hits) / len(chosen), len(hits) / len(true)
        f1 = 2 * precision * recall / (precision + recall)
    value = f1 * min(1.0, limit / len(chosen)) if chosen else 0.0
    evidence = tuple(a.evidence() for acc in sorted(chosen) if (a := rec.last_tier_act(acc)))
    comment = f"{len(chosen)} key account(s) (limit {limit}); {len(hits)} of {len(true)} right"
    expert = "" if value == 1 else f"keep a small key set: {', '.join(sorted(true))}"
    return Indicator("key_set", DIM, "Small, right key set", value, 1.0, evidence, comment, expert)


def effort_focus(rec: GameRecord) -> Indicator:
    """Share of account field days spent where it pays: key accounts, half for develop ones."""
    total = sum(rec.days.values())
    credit = {Tier.KEY: 1.0, Tier.DEVELOP: DEVELOP_CREDIT}
    focused = sum(d * credit.get(rec.truth[a].tier, 0.0) for a, d in rec.days.items())
    value = focused / total if total else 0.0
    heavy = sorted(rec.days, key=lambda a: -rec.days[a])[:3]
    evidence = tuple(
        Evidence(rec.by_account[a][-1].week, f"{rec.days[a]:.1f} field days on {a}",
                 rec.by_account[a][-1].index)
        for a in heavy if rec.days[a] > 0
    )  # fmt: skip
    comment = f"{focused:.1f} of {total:.1f} focused field days"
    expert = "" if value >= 0.9 else "spend field days on the truly attractive accounts"
    return Indicator("effort_focus", DIM, "Field days where they pay", value, 1.0, evidence,
                     comment, expert)  # fmt: skip


def investment_focus(rec: GameRecord) -> Indicator:
    """Share of joint-project money invested in true key accounts."""
    invested = {a: s.investment for a, s in rec.world.accounts.items() if s.investment > 0}
    total = sum(invested.values())
    value = sum(v for a, v in invested.items() if a in rec.true_key()) / total if total else 0.0
    evidence = tuple(
        a.evidence(f"agreed a plan investing {invested[acc]:,.0f} in {acc}")
        for acc in sorted(invested)
        for a in rec.of_kind("agree_plan", acc)[:1]
    )
    comment = f"{total:,.0f} invested" if total else "no joint-project investment"
    expert = "" if value >= 0.9 else "invest in the key accounts, not in the misaligned ones"
    return Indicator("investment_focus", DIM, "Money where it pays", value, 1.0, evidence,
                     comment, expert)  # fmt: skip


def decline_misaligned(rec: GameRecord) -> Indicator | None:
    """Credit for declining what should be declined; investing there undoes it."""
    targets = [a for a, t in rec.truth.items() if t.tier is Tier.DECLINE]
    if not targets:
        return None
    credit = {Tier.DECLINE: 1.0, Tier.DEPRIORITISE: 0.5}
    per = [credit.get(rec.tiers.get(a), 0.0) for a in targets]  # type: ignore[arg-type]
    wasted = sum(rec.world.accounts[a].investment for a in targets)
    total = sum(s.investment for s in rec.world.accounts.values())
    value = (sum(per) / len(per)) * (1 - wasted / total if total else 1.0)
    evidence = tuple(a.evidence() for acc in targets if (a := rec.last_tier_act(acc))
                     if rec.tiers.get(acc) in credit)  # fmt: skip
    comment = f"declined {sum(p == 1.0 for p in per)} of {len(targets)} misaligned account(s)"
    if wasted:
        comment += f"; invested {wasted:,.0f} in them"
    expert = "" if value == 1 else f"decline KAM with {', '.join(targets)}: misaligned"
    return Indicator("decline", DIM, "Courage to decline", value, 1.0, evidence, comment, expert)


WEIGHTS = {"tier": 0.35, "key_set": 0.25, "effort_focus": 0.2, "investment_focus": 0.1,
           "decline": 0.1}  # fmt: skip


def prioritisation(rec: GameRecord) -> tuple[float, list[Indicator]]:
    """The dimension's 0–1 score and its indicators (weights documented in docs/scoring.md)."""
    tiers = tier_accuracy(rec)
    others = [key_set(rec), effort_focus(rec), investment_focus(rec)]
    declined = decline_misaligned(rec)
    if declined is not None:
        others.append(declined)
    parts = {"tier": sum(i.value * i.weight for i in tiers)}
    parts.update({i.id: i.value for i in others})
    weights = {k: w for k, w in WEIGHTS.items() if k in parts}
    score = sum(parts[k] * w for k, w in weights.items()) / sum(weights.values())
    return score, [*tiers, *others]
