"""Prioritisation: tiers held over the year, key set, where the time and money went, declining.

The expected tier of each account comes from the scenario's weighted attractiveness criteria
(`truth.expected_tiers`), never from a bot. Tiers are scored week by week after a research
grace (the rubric's `grace_share` of the game), so a tier earns credit for the weeks it was
held: declining everything for the year and restoring the right tiers in the last week earns
almost nothing. A true key account keyed but never worked earns only part of its credit.
"""

from __future__ import annotations

from collections.abc import Sequence

from kamsim.scenario.base import Tier
from kamsim.scoring.card import Evidence, Indicator
from kamsim.scoring.record import GameRecord
from kamsim.scoring.truth import TIER_ORDER
from kamsim.sums import ordered_sum

DIM = "prioritisation"


def _steps_credit(chosen: Tier | None, expected: Tier) -> float:
    if chosen is None:
        return 0.0
    return 1 - abs(TIER_ORDER[chosen] - TIER_ORDER[expected]) / 4


def _effort_factor(rec: GameRecord, acc_id: str) -> float:
    """A true key account keyed needs the field days that make it key, after keying it."""
    keyed = [a.week for a in rec.of_kind("set_tier", acc_id) if a.action["tier"] == "key"]
    if not keyed:
        return 1.0
    need = float(rec.rubric.get("prioritisation.key_effort_days"))
    return min(1.0, rec.days_after(acc_id, keyed[0]) / need) if need > 0 else 1.0


def tier_accuracy(rec: GameRecord) -> list[Indicator]:
    """Per account, the mean over the scored weeks of 1 − (steps from the expected tier)/4."""
    out = []
    weeks = rec.scored_weeks()
    n = len(rec.truth)
    for acc_id, truth in rec.truth.items():
        held = rec.tier_weeks[acc_id]
        credits = [_steps_credit(held[w - 1], truth.tier) for w in weeks]
        value = ordered_sum(credits) / len(credits) if credits else 0.0
        if truth.tier is Tier.KEY:
            value *= _effort_factor(rec, acc_id)
        act = rec.last_tier_act(acc_id)
        chosen = rec.tiers.get(acc_id)
        evidence = (act.evidence(),) if act else ()
        right = ordered_sum(c == 1.0 for c in credits)
        comment = (f"tiered {chosen.value} at the end; the expected tier held {right} of "
                   f"{len(credits)} scored weeks") if chosen else "never tiered"  # fmt: skip
        expert = rec.rubric.text(
            "tier",
            "expert",
            account=rec.name(acc_id),
            tier=truth.tier.value,
            attractiveness=truth.attractiveness,
            rank=truth.rank,
            n=n,
        )
        label = rec.rubric.text("tier", "label", account=rec.name(acc_id))
        ind = Indicator.scored(f"tier:{acc_id}", DIM, label, value, evidence, comment, expert,
                               acc_id)  # fmt: skip
        out.append(Indicator(ind.id, ind.dimension, ind.label, ind.value, 1.0 / n, ind.evidence,
                             ind.comment, ind.expert, ind.account))  # fmt: skip
    return out


def _f1(chosen: set[str], true: set[str], limit: int) -> float:
    hits = chosen & true
    if not chosen or not hits:
        return 0.0
    precision, recall = len(hits) / len(chosen), len(hits) / len(true)
    return 2 * precision * recall / (precision + recall) * min(1.0, limit / len(chosen))


def key_set(rec: GameRecord) -> Indicator:
    """F1 of the key set against the true one, week by week, scaled down past the limit."""
    true = rec.true_key()
    limit = rec.scenario.company.max_key_accounts
    weeks = rec.scored_weeks()
    per_week = []
    for w in weeks:
        chosen = {a for a, held in rec.tier_weeks.items() if held[w - 1] is Tier.KEY}
        per_week.append(_f1(chosen, true, limit))
    value = ordered_sum(per_week) / len(per_week) if per_week else 0.0
    final = set(rec.key_accounts())
    acts = tuple(a for acc in sorted(final | true) for a in rec.of_kind("set_tier", acc)
                 if a.action["tier"] == "key")[-6:]  # fmt: skip
    evidence = tuple(a.evidence() for a in acts)
    hits = final & true
    comment = (f"{len(final)} key account(s) at the end (limit {limit}); {len(hits)} of "
               f"{len(true)} right; {value:.0%} of the scored weeks' credit")  # fmt: skip
    expert = rec.rubric.text("key_set", "expert",
                             accounts=", ".join(rec.name(a) for a in sorted(true)))  # fmt: skip
    return Indicator.scored("key_set", DIM, rec.rubric.text("key_set", "label"), value, evidence,
                            comment, expert)  # fmt: skip


def effort_focus(rec: GameRecord) -> Indicator:
    """Share of account field days spent where it pays: key accounts, part for develop ones."""
    total = ordered_sum(rec.days.values())
    credit = {Tier.KEY: 1.0, Tier.DEVELOP: float(rec.rubric.get("prioritisation.develop_credit"))}
    focused = ordered_sum(d * credit.get(rec.truth[a].tier, 0.0) for a, d in rec.days.items())
    value = focused / total if total else 0.0
    heavy = sorted(rec.days, key=lambda a: -rec.days[a])[:3]
    evidence = tuple(
        Evidence(rec.by_account[a][-1].week, f"{rec.days[a]:.1f} field days on {rec.name(a)}",
                 rec.by_account[a][-1].index)
        for a in heavy if rec.days[a] > 0
    )  # fmt: skip
    comment = f"{focused:.1f} of {total:.1f} field days focused"
    return Indicator.scored(
        "effort_focus",
        DIM,
        rec.rubric.text("effort_focus", "label"),
        value,
        evidence,
        comment,
        rec.rubric.text("effort_focus", "expert"),
    )


def _money(rec: GameRecord, account: str) -> float:
    """Joint-project money and discounts given: what the account cost us."""
    spent = rec.account(account).investment
    final = rec.final_record(account)
    return (
        spent
        + float(final.get("rebates") or 0.0)
        - float(rec.baseline_final(account).get("rebates") or 0.0)
    )


def investment_focus(rec: GameRecord) -> Indicator:
    """Share of joint-project money and extra discounts that went to true key accounts."""
    invested = {a: m for a in rec.result.accounts if (m := _money(rec, a)) > 0}
    total = ordered_sum(invested.values())
    value = (
        ordered_sum(v for a, v in invested.items() if a in rec.true_key()) / total if total else 0.0
    )
    evidence = tuple(
        a.evidence(f"agreed a plan at {rec.name(acc)}: {invested[acc]:,.0f} invested or given")
        for acc in sorted(invested)
        for a in [x for x in rec.of_kind("agree_plan", acc) if x.answer == "yes"][:1]
    )
    comment = f"{total:,.0f} invested or given as discounts" if total else "no investment"
    return Indicator.scored("investment_focus", DIM, rec.rubric.text("investment_focus", "label"),
                            value, evidence, comment,
                            rec.rubric.text("investment_focus", "expert"))  # fmt: skip


def _decline_precision(rec: GameRecord, weeks: Sequence[int]) -> tuple[float, set[str]]:
    """Of the accounts held at decline, week by week, the share that should be declined (one to
    deprioritise counts half): declining everyone but the key set is not courage, it abandons
    customers who deserve service. Also returns the accounts wrongly declined at some point."""
    right = {Tier.DECLINE: 1.0, Tier.DEPRIORITISE: 0.5}
    per: list[float] = []
    wrong: set[str] = set()
    for w in weeks:
        declined = [a for a, held in rec.tier_weeks.items() if held[w - 1] is Tier.DECLINE]
        if not declined:
            per.append(1.0)
            continue
        per.append(ordered_sum(right.get(rec.truth[a].tier, 0.0) for a in declined) / len(declined))
        wrong.update(a for a in declined if rec.truth[a].tier not in right)
    return (ordered_sum(per) / len(per) if per else 1.0), wrong


def decline_misaligned(rec: GameRecord) -> Indicator | None:
    """Per account that should be declined, the scored weeks it was declined (deprioritised
    counts half), times the share of the declines that were right; money spent there undoes
    it."""
    targets = [a for a, t in rec.truth.items() if t.tier is Tier.DECLINE]
    if not targets:
        return None
    credit: dict[Tier | None, float] = {Tier.DECLINE: 1.0, Tier.DEPRIORITISE: 0.5}
    weeks = rec.scored_weeks()
    per: list[float] = []
    for acc in targets:
        held = rec.tier_weeks[acc]
        per.append(ordered_sum(credit.get(held[w - 1], 0.0) for w in weeks) / max(1, len(weeks)))
    wasted = ordered_sum(max(0.0, _money(rec, a)) for a in targets)
    total = ordered_sum(max(0.0, _money(rec, a)) for a in rec.result.accounts)
    precision, wrong = _decline_precision(rec, weeks)
    value = (ordered_sum(per) / len(per)) * precision * (1 - wasted / total if total else 1.0)
    evidence = tuple(a.evidence() for acc in targets for a in rec.of_kind("set_tier", acc)
                     if Tier(a.action["tier"]) in credit)  # fmt: skip
    comment = (
        f"declined {ordered_sum(rec.tiers.get(a) is Tier.DECLINE for a in targets)} of "
        f"{len(targets)} misaligned account(s) at the end; {value:.0%} of the credit"
    )
    if wrong:
        comment += (f"; also declined {', '.join(rec.name(a) for a in sorted(wrong))}, which "
                    "deserved KAM service")  # fmt: skip
    if wasted:
        comment += f"; {wasted:,.0f} invested or given there"
    expert = rec.rubric.text("decline", "expert", accounts=", ".join(rec.name(a) for a in targets))
    return Indicator.scored("decline", DIM, rec.rubric.text("decline", "label"), value, evidence,
                            comment, expert)  # fmt: skip


def prioritisation(rec: GameRecord) -> tuple[float, list[Indicator]]:
    """The dimension's 0–1 score and its indicators (weights from the rubric)."""
    tiers = tier_accuracy(rec)
    others = [key_set(rec), effort_focus(rec), investment_focus(rec)]
    declined = decline_misaligned(rec)
    if declined is not None:
        others.append(declined)
    parts = {"tier": ordered_sum(i.value * i.weight for i in tiers)}
    parts.update({i.id: i.value for i in others})
    weights = {k: float(w) for k, w in rec.rubric.get("prioritisation.weights").items()
               if k in parts}  # fmt: skip
    score = ordered_sum(parts[k] * w for k, w in weights.items()) / (
        ordered_sum(weights.values()) or 1.0
    )
    return score, [*tiers, *others]
