"""Competencies: indicators aggregated into levels 1–4 with behavioural anchors.

The model (which indicator is evidence for which competency, and the anchors) is data in
`competencies.yaml`, so it can be read and reviewed without reading code.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import lru_cache

from kamsim.scoring.card import Competency, Indicator
from kamsim.sums import ordered_sum


@dataclass(frozen=True)
class CompetencyDef:
    id: str
    name: str
    indicators: dict[str, float]  # id or pattern → weight
    anchors: tuple[str, str, str, str]


def model(rows: tuple[dict, ...] | None = None) -> tuple[CompetencyDef, ...]:
    """The competency model (the rubric's, or the one shipped with kamsim)."""
    if rows is None:
        from kamsim.scoring.rubric import _competency_rows

        rows = _competency_rows()
    return tuple(
        CompetencyDef(row["id"], row["name"], dict(row["indicators"]), tuple(row["anchors"]))
        for row in rows
    )


def level(score: float, cuts: list[float]) -> int:
    """1 below the first cut-point, 4 at or above the last."""
    return 1 + ordered_sum(score >= c for c in cuts)


@lru_cache(maxsize=8192)
def _matches(name: str, pattern: str) -> bool:
    """`fnmatchcase`, remembered: every game matches the same ids against the same patterns."""
    return fnmatch.fnmatchcase(name, pattern)


def _pattern_value(pattern: str, indicators: list[Indicator]) -> tuple[float, list[str]] | None:
    matched = [i for i in indicators if _matches(i.id, pattern)]
    if not matched:
        return None
    weight = ordered_sum(i.weight for i in matched)
    if not weight:
        return None
    return ordered_sum(i.value * i.weight for i in matched) / weight, [i.id for i in matched]


def assess(
    indicators: list[Indicator],
    cuts: list[float],
    weights: dict[str, float],
    unobservable: frozenset[str] = frozenset(),
    rows: tuple[dict, ...] | None = None,
) -> tuple[float, list[Competency]]:
    """Each competency's weighted mean of its indicators (a missing one counts 0).

    Indicators that a scenario cannot make observable (no campaigns, no conflicting facts, a
    KPI it does not measure) are dropped from the mean instead of counting 0, so the level
    stays fair.
    """
    out = []
    for comp in model(rows):
        total, weight, used = 0.0, 0.0, []
        for pattern, w in comp.indicators.items():
            found = _pattern_value(pattern, indicators)
            if found is None and pattern not in OPTIONAL | unobservable:
                weight += w
                continue
            if found is not None:
                total, weight = total + w * found[0], weight + w
                used.extend(found[1])
        score = total / weight if weight else 0.0
        lvl = level(score, cuts)
        out.append(Competency(comp.id, comp.name, score, lvl, comp.anchors[lvl - 1], tuple(used)))
    comp_weights = [weights.get(c.id, 1.0) for c in out]
    dim = ordered_sum(c.score * w for c, w in zip(out, comp_weights, strict=True)) / ordered_sum(
        comp_weights
    )
    return dim, out


# Indicators that exist only when the situation arises (a conflicting fact met, a campaign
# offered, an account to decline); `score_game` adds the KPIs a scenario does not measure.
OPTIONAL = frozenset({"cross_checked", "campaign_judgement", "decline", "front_line"})
