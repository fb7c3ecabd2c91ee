"""Summaries of a calibration: score distributions, separation and reliability.

- distribution per bot and dimension (and total): mean, sd (n − 1), min, p10, median, p90, max;
- separation "expert>BOT": the fraction of seeds on which the expert's score beat BOT's on the
  same seed (same world, common random numbers), for the total and for each dimension;
- reliability: Cronbach's α with rows = every game of every bot and columns = the scorecard's
  competency scores (0–1 each, in the card's order): how consistently the competencies rank
  players. None when there are fewer than two competencies or no variance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from kamsim.bots.names import FIELD
from kamsim.scenario.load import scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.sums import ordered_sum

if TYPE_CHECKING:
    from kamsim.calibrate.run import GameResult

REFERENCE = "expert"
STATS = ("mean", "sd", "min", "p10", "median", "p90", "max")
DECIMALS = 4


def summarise(values: Sequence[float]) -> dict[str, float]:
    a = np.asarray(values, dtype=float)
    if a.size == 0:
        return dict.fromkeys(STATS, 0.0)
    p10, median, p90 = np.percentile(a, [10, 50, 90])
    sd = float(a.std(ddof=1)) if a.size > 1 else 0.0
    raw = (a.mean(), sd, a.min(), p10, median, p90, a.max())
    return {k: round(float(v), DECIMALS) for k, v in zip(STATS, raw, strict=True)}


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """α = k/(k − 1) · (1 − Σ item variances / variance of the row sums)."""
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2 or m.shape[0] < 2 or m.shape[1] < 2:
        return None
    k = m.shape[1]
    total = m.sum(axis=1).var(ddof=1)
    if total <= 0:
        return None
    return float(k / (k - 1) * (1.0 - m.var(axis=0, ddof=1).sum() / total))


@dataclass(frozen=True)
class Calibration:
    """The outcome of a calibration run; `to_dict` is the `--json` contract."""

    data: dict[str, Any]

    @property
    def passed(self) -> bool:
        return bool(self.data["passed"])

    def to_dict(self) -> dict[str, Any]:
        return self.data


def _by_bot(results: Sequence[GameResult], names: Sequence[str]) -> dict[str, dict[int, Any]]:
    grouped: dict[str, dict[int, GameResult]] = {n: {} for n in names}
    for r in results:
        grouped[r.bot][r.seed] = r
    return grouped


def _beats(ref: dict[int, float], other: dict[int, float]) -> float:
    seeds = sorted(set(ref) & set(other))
    return (
        round(ordered_sum(ref[s] > other[s] for s in seeds) / len(seeds), DECIMALS)
        if seeds
        else 0.0
    )


def _alpha(results: Sequence[GameResult]) -> tuple[float | None, list[str], int]:
    items = [c for c, _ in results[0].competencies] if results else []
    rows = [[dict(r.competencies).get(c, 0.0) for c in items] for r in results]
    alpha = cronbach_alpha(rows)
    return (None if alpha is None else round(alpha, DECIMALS)), items, len(rows)


def _reliability(results: Sequence[GameResult], population: Sequence[GameResult]) -> dict:
    alpha, items, games = _alpha(results)
    out: dict[str, Any] = {
        "alpha": alpha,
        "items": items,
        "games": games,
        "matrix": "rows = games (every bot of the field, every seed), columns = competency "
                  "scores: a pooled population of very different players, so it flatters",
    }  # fmt: skip
    if population:
        graded, _, n = _alpha(population)
        out["graded_alpha"] = graded
        out["graded_games"] = n
        out["graded_matrix"] = (
            "rows = the graded population (the expert with 0-60 % of its "
            "decisions made by a novice), columns = competency scores"
        )
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rank correlation (average ranks for ties); None without variance."""
    if len(x) < 3:
        return None
    rx, ry = _ranks(x), _ranks(y)
    if np.std(rx) == 0 or np.std(ry) == 0:
        return None
    return float(np.corrcoef(rx, ry)[0, 1])


def _ranks(values: Sequence[float]) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    order = a.argsort(kind="stable")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(len(a), dtype=float)
    for value in np.unique(a):  # ties share their mean rank
        tied = a == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def _graded(population: Sequence[GameResult]) -> dict[str, Any] | None:
    """Totals by novice share, and whether they fall with it (Spearman ρ over every game)."""
    if not population:
        return None
    from kamsim.bots.graded import share_of

    shares = [0.0 if g.bot == REFERENCE else share_of(g.bot) or 0.0 for g in population]
    by_share: dict[float, list[float]] = {}
    for share, game in zip(shares, population, strict=True):
        by_share.setdefault(share, []).append(game.total)
    rho = spearman(shares, [g.total for g in population])
    means = [float(np.mean(by_share[s])) for s in sorted(by_share)]
    return {
        "shares": {f"{s:.1f}": summarise(v) for s, v in sorted(by_share.items())},
        "spearman_rho": None if rho is None else round(rho, DECIMALS),
        "monotonic_means": all(a > b for a, b in pairwise(means)),
        "games": len(population),
    }


def _sales_check(grouped: dict[str, dict[int, Any]], names: Sequence[str]) -> dict[str, Any]:
    """Seeds where a bot out-sold the expert in the first quarter, and how often it still lost.

    Carpet-bombing can buy early sales; the assessment must not reward it for that.
    """
    ref = grouped.get(REFERENCE, {})
    out = {}
    for name in names:
        if name == REFERENCE or not ref:
            continue
        seeds = [s for s, g in grouped[name].items()
                 if s in ref and g.early_sales > ref[s].early_sales]  # fmt: skip
        won = ordered_sum(ref[s].total > grouped[name][s].total for s in seeds)
        out[f"{REFERENCE}>{name}"] = {"seeds": len(seeds), "expert_still_won": won}
    return out


HARD_FORM_POINTS = 8.0  # a form whose expert mean is this far below the others' is flagged


def _forms(grouped: dict[str, dict[int, Any]]) -> dict[str, Any] | None:
    """The expert's total per parallel form, the spread between forms, and the hard ones."""
    games = grouped.get(REFERENCE, {}).values()
    by_form: dict[str, list[float]] = {}
    for g in games:
        if g.form is not None:
            by_form.setdefault(g.form, []).append(g.total)
    if not by_form:
        return None
    means = {f: float(np.mean(v)) for f, v in by_form.items()}
    overall = float(np.mean([t for v in by_form.values() for t in v]))
    hard = sorted(f for f, m in means.items() if m < overall - HARD_FORM_POINTS)
    return {
        "expert_total": {f: summarise(v) for f, v in sorted(by_form.items())},
        "spread": round(max(means.values()) - min(means.values()), DECIMALS),
        "much_harder": hard,
        "warning": (f"form(s) {', '.join(hard)}: the expert scores over {HARD_FORM_POINTS:g} "
                    "points below its mean on the others; the forms are not comparable")
        if hard else None,
    }  # fmt: skip


GUIDE_WHAT = (
    "the expert's game of the previous seed replayed on each seed, a refused step "
    "retried once the week after"
)
DEBRIEF_WHAT = (
    "the expert's practices with every tier set from week one to the tiers the "
    "previous seed's debrief showed as right"
)


def _guide(ref: dict[int, Any], copies: Sequence[GameResult], runs: int,
           what: str = GUIDE_WHAT) -> dict[str, Any] | None:  # fmt: skip
    """A copier against the expert on the same seeds: the gap, how often the copy reached the
    expert, and how often the seed drew the same form as the copied game (where copying works)."""
    pairs = [(ref[c.seed].total, c.total) for c in copies if c.seed in ref]
    if not pairs:
        return None
    gaps = [e - c for e, c in pairs]
    source = [ref.get(runs if c.seed == 1 else c.seed - 1) for c in copies if c.seed in ref]
    same = [s is not None and s.form is not None and s.form == ref[c.seed].form
            for s, c in zip(source, [c for c in copies if c.seed in ref], strict=True)]  # fmt: skip
    return {
        "pairs": len(pairs),
        "mean_gap": round(float(np.mean(gaps)), DECIMALS),
        "reached_expert": round(ordered_sum(c >= e for e, c in pairs) / len(pairs), DECIMALS),
        "same_form": round(ordered_sum(same) / len(pairs), DECIMALS),
        "copy_total": summarise([c for _, c in pairs]),
        "what": what,
    }  # fmt: skip


def build_report(
    scenario: Scenario,
    runs: int,
    names: Sequence[str],
    results: Sequence[GameResult],
    min_separation: float,
    population: Sequence[GameResult] = (),
    copies: Sequence[GameResult] = (),
    debriefs: Sequence[GameResult] = (),
) -> Calibration:
    grouped = _by_bot(results, names)
    dims = list(results[0].dimensions) if results else []
    bots = {
        name: {
            **{d: summarise([g.dimensions[d] for g in games.values()]) for d in dims},
            "total": summarise([g.total for g in games.values()]),
        }
        for name, games in grouped.items()
    }
    separation, by_dim = {}, {}
    ref = grouped.get(REFERENCE, {})
    for name in names:
        if name == REFERENCE or not ref:
            continue
        pair, other = f"{REFERENCE}>{name}", grouped[name]
        separation[pair] = _beats({s: g.total for s, g in ref.items()},
                                  {s: g.total for s, g in other.items()})  # fmt: skip
        by_dim[pair] = {
            d: _beats(
                {s: g.dimensions[d] for s, g in ref.items()},
                {s: g.dimensions[d] for s, g in other.items()},
            )
            for d in dims
        }
    passed = all(v >= min_separation for v in separation.values())
    # The world must pay the expert more than every field bot. The adversaries play the expert's
    # world moves and fake one credit each (paperwork, keyword SWOTs, …), so several tie with it
    # on outcomes by design: catching them is the rubric's job, and their separation on total
    # and outcomes is reported, not required.
    field = [f"{REFERENCE}>{n}" for n in names if n in FIELD and n != REFERENCE]
    outcome_ok = all(by_dim[p].get("outcomes", 0.0) >= min_separation for p in field if p in by_dim)
    return Calibration({
        "higher_early_sales": _sales_check(grouped, names),
        "scenario": scenario.meta.id,
        "scenario_hash": scenario_hash(scenario),
        "runs": runs,
        "bots": bots,
        "separation": separation,
        "separation_by_dimension": by_dim,
        "reliability": _reliability(results, population),
        "graded": _graded(population),
        "forms": _forms(grouped),
        "memorised_guide": _guide(ref, copies, runs),
        "copied_debrief": _guide(ref, debriefs, runs, DEBRIEF_WHAT),
        "outcome_separation_passed": outcome_ok,
        "outcome_separation_over": [p.split(">", 1)[1] for p in field if p in by_dim],
        "min_separation": min_separation,
        "passed": passed,
    })  # fmt: skip
