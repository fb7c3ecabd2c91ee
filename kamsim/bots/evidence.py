"""What the discovered facts say about an account, the way a careful trainee reads them.

Each fact may have been heard more than once (from different sources, maybe in different
versions); the version from the most reliable source wins. Criteria scores are averaged over
facts weighted by that reliability; a criterion no fact speaks to falls back to the hard data
(value) or to the middle of the scale (3).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from operator import is_

from kamsim.sim.view import AccountView, FactView, View
from kamsim.sums import ordered_sum

NEUTRAL = 3.0
SECOND_SOURCE_BELOW = 0.6  # a fact heard only from sources less reliable than this is checked
TREND_VALUE = {"rising": 0.5, "flat": 0.0, "falling": -0.5}

# Segments a trainee can tell from what a project serves (its segment fit is not published).
PRICE_NEEDS = frozenset({"drug_cost"})
COST_NEEDS = frozenset({"healthcare_cost"})


@dataclass
class AccountEvidence:
    """A bot's reading of one account from facts and hard data."""

    account: str
    criteria: dict[str, float] = field(default_factory=dict)  # criterion → 1–5, known ones only
    segment: str | None = None
    needs: dict[str, float] = field(default_factory=dict)  # need → weight (0–1, 1 = strongest)
    facts: list[FactView] = field(default_factory=list)  # best version of each fact
    doubtful: list[FactView] = field(default_factory=list)  # worth a second source
    attractiveness: float = 0.5  # 0 worst … 1 best, like the scenario's criteria weighting

    def top_needs(self, share: float = 0.5) -> list[str]:
        """Needs weighing at least `share` of the strongest one, strongest first."""
        if not self.needs:
            return []
        top = max(self.needs.values())
        ranked = sorted(self.needs, key=lambda n: (-self.needs[n], n))
        return [n for n in ranked if self.needs[n] >= share * top]

    def doubts(self) -> bool:
        """Signs of misalignment worth checking before investing (or declining)."""
        return any(self.criteria.get(c, NEUTRAL) <= 2.5 for c in ("alignment", "partnership"))

    def misaligned(self) -> bool:
        """Evidence of low alignment or no openness to partnership."""
        return any(self.criteria.get(c, NEUTRAL) <= 1.5 for c in ("alignment", "partnership"))


def best_versions(facts: tuple[FactView, ...]) -> dict[str, list[FactView]]:
    """Account → the most reliable hearing of each fact (first heard wins ties)."""
    best: dict[str, FactView] = {}
    for fact in facts:
        seen = best.get(fact.id)
        if seen is None or fact.reliability > seen.reliability:
            best[fact.id] = fact
    out: dict[str, list[FactView]] = defaultdict(list)
    for fact in best.values():
        out[fact.account].append(fact)
    return out


def _value_from_hard_data(acc: AccountView, biggest: float) -> float:
    """Value when no fact speaks to it: relative market size and trend, on the 1–5 scale."""
    size = (acc.hard_data["market_value"] / biggest) ** 0.5 if biggest > 0 else 0.5
    return max(1.0, min(5.0, 1.0 + 4.0 * size + TREND_VALUE.get(acc.hard_data["trend"], 0.0)))


def _criteria(facts: list[FactView]) -> dict[str, float]:
    sums: dict[str, float] = defaultdict(float)
    weights: dict[str, float] = defaultdict(float)
    for fact in facts:
        for criterion, score in fact.implies.get("criteria", {}).items():
            w = max(fact.reliability, 0.05)
            sums[criterion] += w * score
            weights[criterion] += w
    return {c: sums[c] / weights[c] for c in sorted(sums)}


def _segment_and_needs(facts: list[FactView]) -> tuple[str | None, dict[str, float]]:
    votes: dict[str, float] = defaultdict(float)
    needs: dict[str, float] = defaultdict(float)
    for fact in facts:
        implies = fact.implies
        if implies.get("segment"):
            votes[implies["segment"]] += fact.reliability
        for need in implies.get("needs", ()):
            needs[need] += fact.reliability
    top = max(needs.values(), default=0.0)
    weights = {n: w / top for n, w in needs.items()} if top else {}
    if votes:
        return max(sorted(votes), key=lambda s: votes[s]), weights
    return _segment_from_needs(weights), weights


def _segment_from_needs(needs: dict[str, float]) -> str | None:
    """No fact names the segment: what the strongest needs suggest (cost needs vs value)."""
    if not needs:
        return None
    strongest = max(sorted(needs), key=lambda n: needs[n])
    if strongest in PRICE_NEEDS:
        return "drug_price"
    if strongest in COST_NEEDS:
        return "healthcare_costs"
    return "total_value"


def read_account(
    view: View, acc: AccountView, facts: list[FactView], biggest: float
) -> AccountEvidence:
    ev = AccountEvidence(acc.id, facts=facts)
    ev.criteria = _criteria(facts)
    ev.segment, ev.needs = _segment_and_needs(facts)
    ev.doubtful = [f for f in facts if f.reliability < SECOND_SOURCE_BELOW]
    weights = {c["id"]: c["weight"] for c in view.attractiveness_criteria}
    total = ordered_sum(weights.values()) or 1.0
    value = _value_from_hard_data(acc, biggest)
    score = 0.0
    for cid, w in weights.items():
        known = ev.criteria.get(cid)
        guess = known if known is not None else value if cid == "value" else NEUTRAL
        score += w * (guess - 1.0) / 4.0
    ev.attractiveness = score / total
    return ev


def read_all(view: View, reader: EvidenceReader | None = None) -> dict[str, AccountEvidence]:
    """Evidence for every account of the view, in view order.

    With a `reader`, an account whose inputs are the same objects as at its last reading keeps
    that reading (see `EvidenceReader`); without, every account is read afresh.
    """
    grouped = best_versions(view.facts)
    biggest = max((a.hard_data["market_value"] for a in view.accounts), default=0.0)
    read = reader.read if reader is not None else read_account
    return {a.id: read(view, a, grouped.get(a.id, []), biggest) for a in view.accounts}


class EvidenceReader:
    """`read_account` remembered per account: a new fact changes one account's evidence.

    The expert reads the evidence again whenever a fact is heard; reading every account each
    time was most of that. An account's reading depends only on its facts, its hard data,
    the biggest market value and the criteria, all parts views share while unchanged, so
    the same objects mean the same reading (the objects are kept, so their ids stay theirs).
    """

    def __init__(self) -> None:
        self._read: dict[str, tuple[tuple[object, ...], AccountEvidence]] = {}

    def read(
        self, view: View, acc: AccountView, facts: list[FactView], biggest: float
    ) -> AccountEvidence:
        key = (view.attractiveness_criteria, acc.hard_data, biggest, *facts)
        known = self._read.get(acc.id)
        if known is not None and _same(known[0], key):
            return known[1]
        ev = read_account(view, acc, facts, biggest)
        self._read[acc.id] = (key, ev)
        return ev


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """The same objects, save the biggest market value (a float, compared by value)."""
    return len(a) == len(b) and a[2] == b[2] and all(map(is_, a[:2] + a[3:], b[:2] + b[3:]))


def segment_affinity(project: dict, segment: str | None) -> float:
    """How well a project's kind suits a segment, judged from the needs it serves."""
    serves = set(project["serves"])
    if segment == "drug_price":
        return 0.5 if serves & PRICE_NEEDS else -0.2
    if segment == "healthcare_costs":
        return 0.5 if serves & COST_NEEDS else 0.0
    if segment == "total_value":
        return -0.8 if serves <= PRICE_NEEDS else 0.3
    return 0.0
