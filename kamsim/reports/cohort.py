"""The facilitator's cohort picture: distributions, percentiles, a competency heat map and the
decisions where the cohort split, as HTML for the debrief and CSV for a spreadsheet.

Works from the store alone (scorecards and outcome summaries), without replaying any game.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from kamsim import __version__
from kamsim.errors import UserError
from kamsim.progress import track
from kamsim.reports import charts, games
from kamsim.reports.html import Html, cards, el, figure, fmt, join, noun, page, plural, table
from kamsim.reports.store import ResultsStore, StoredGame
from kamsim.scenario.model import Scenario
from kamsim.scoring.truth import expected_tiers

PERCENTILES = (10, 25, 50, 75, 90)
NOT_DECIDED = "undecided"


@dataclass(frozen=True)
class Split:
    """One decision point and what each participant chose."""

    scenario: str
    topic: str  # "tier", "campaign", "plan"
    subject: str  # account or campaign name
    choices: dict[str, list[str]]  # option → participant labels
    reference: str = ""  # what the truth says, when it says something

    @property
    def spread(self) -> float:
        """0 when everyone chose the same, towards 1 the more evenly they split."""
        counts = [len(v) for v in self.choices.values()]
        total = sum(counts)
        return 0.0 if total == 0 else 1.0 - max(counts) / total


def percentiles(values: Sequence[float]) -> dict[str, float]:
    arr = np.asarray(values, dtype=float)
    out = {f"P{p}": float(np.percentile(arr, p)) for p in PERCENTILES}
    return out | {"mean": float(arr.mean()), "min": float(arr.min()), "max": float(arr.max())}


def _scenario(game: StoredGame, store: ResultsStore | None = None) -> Scenario | None:
    try:
        return games.scenario_for(game.scenario_id, game.scenario_hash, store)
    except UserError:
        return None  # the report still works with ids instead of names


def splits(cohort: Sequence[StoredGame], store: ResultsStore | None = None) -> list[Split]:
    """Every decision point of the cohort's games, most evenly split first."""
    by_scenario: dict[tuple[str, str], list[StoredGame]] = defaultdict(list)
    for g in cohort:
        by_scenario[(g.scenario_id, g.scenario_hash)].append(g)
    out: list[Split] = []
    for group in by_scenario.values():
        out += _scenario_splits(group, _scenario(group[0], store))
    return sorted(out, key=lambda s: (-s.spread, s.scenario, s.topic, s.subject))


def _scenario_splits(group: list[StoredGame], scenario: Scenario | None) -> list[Split]:
    sid = group[0].scenario_id
    accounts = {a.id: a.name for a in scenario.accounts} if scenario else {}
    campaigns = {c.id: c.title for c in scenario.company.brand_campaigns} if scenario else {}
    truth = expected_tiers(scenario) if scenario else {}
    for g in group:
        accounts.update({a: a for a in g.outcome.get("tiers", {}) if a not in accounts})
        campaigns.update({c: c for c in g.outcome.get("campaigns", {}) if c not in campaigns})
    out = []
    for acc_id, name in accounts.items():
        tiers = _choices(group, lambda g, a=acc_id: g.outcome["tiers"].get(a) or "not tiered")
        ref = truth[acc_id].tier.value if acc_id in truth else ""
        out.append(Split(sid, "tier", name, tiers, ref))
        plans = _choices(group, lambda g, a=acc_id: _plan_state(g, a))
        out.append(Split(sid, "plan", name, plans))
    for cid, title in campaigns.items():
        calls = _choices(group, lambda g, c=cid: g.outcome["campaigns"].get(c, NOT_DECIDED))
        out.append(Split(sid, "campaign", title, calls))
    return out


def _plan_state(game: StoredGame, account: str) -> str:
    plan = game.outcome.get("plans", {}).get(account)
    if plan is None:
        return "no plan"
    if plan["co_created"]:
        return "agreed, co-created"
    return "agreed" if plan["agreed"] else "draft only"


def _choices(group: list[StoredGame], pick) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = defaultdict(list)
    for g in group:
        out[str(pick(g))].append(g.label)
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def cohort_html(
    cohort_id: str,
    cohort: Sequence[StoredGame],
    store: ResultsStore | None = None,
    *,
    quiet: bool = True,
) -> str:
    """The cohort report page; `store` finds the scenarios it keeps (names instead of ids),
    `quiet=False` shows a progress bar over the sections on a terminal."""
    if not cohort:
        raise UserError(f"no stored games in cohort '{cohort_id}' (see 'kamsim results')")
    cuts = splits(cohort, store)
    sections: list[Callable[[], Html]] = [
        lambda: _overview(cohort),
        lambda: _distribution(cohort),
        lambda: _heatmap(cohort),
        lambda: _ranking(cohort),
        lambda: _split_section(cuts),
        lambda: _declined(cuts),
    ]
    body = join([make() for make in track(sections, "cohort report", quiet=quiet, unit="part")])
    worlds = {(g.scenario_id, g.scenario_hash): g for g in cohort}  # one lookup per scenario
    titles = sorted({_title(g, store) for g in worlds.values()})
    subtitle = f"{plural(len(cohort), 'game')} · {', '.join(titles)}"
    running = f"Cohort report: {cohort_id} — {', '.join(titles)}"
    return page(
        f"Cohort report: {cohort_id}",
        subtitle,
        body,
        f"kamsim {__version__} cohort report",
        running,
    )


def _title(game: StoredGame, store: ResultsStore | None) -> str:
    """The scenario's title for the header; its id when the scenario is not to be found."""
    scenario = _scenario(game, store)
    return scenario.meta.title if scenario else f"scenario {game.scenario_id}"


def _overview(cohort: Sequence[StoredGame]) -> Html:
    seeds = sorted({g.seed for g in cohort})
    worlds = {(g.scenario_id, g.scenario_hash, g.seed) for g in cohort}
    rubrics = sorted({g.rubric_version for g in cohort})
    people = {g.participant for g in cohort}
    totals = [g.total for g in cohort]
    parts: list[object] = [
        cards(
            [
                (len(cohort), noun(len(cohort), "game")),
                (len(people), noun(len(people), "participant")),
                (fmt(float(np.median(totals))), "median total (0–100)"),
                (len(seeds), _listed(noun(len(seeds), "seed"), seeds)),
                (len(rubrics), _listed(noun(len(rubrics), "rubric version"), rubrics)),
            ]
        )
    ]
    flagged = [g for g in cohort if g.integrity != "ok"]
    if flagged:
        parts.append(
            el(
                "p",
                "Careful: the results database's check does not vouch for "
                + "; ".join(f"{g.label}: {g.integrity}" for g in flagged)
                + ". Run 'kamsim verify --db …' before you use these scores.",
                cls="bad",
            )
        )
    practice = [g for g in cohort if g.mode != "ui"]
    if practice:
        parts.append(
            el(
                "p",
                "Not played by a person at the screen (not assessments): "
                + ", ".join(f"{g.label} ({g.mode})" for g in practice)
                + ".",
                cls="bad",
            )
        )
    if len(worlds) > 1:
        parts.append(
            el(
                "p",
                "Careful: these games were not all played on the same world "
                "(scenario and seed), so their scores do not compare fairly.",
                cls="bad",
            )
        )
    if len(rubrics) > 1:
        parts.append(
            el(
                "p",
                "Scores come from different rubric versions: run 'kamsim rescore "
                "--cohort …' first.",
                cls="bad",
            )
        )
    return join(parts)


def _listed(label: str, values: Sequence[object], most: int = 4) -> str:
    """A count's label with what it counts: 'seeds: 1, 2', 'seeds: 1, 2, 3, 4 …'."""
    shown = ", ".join(map(str, values[:most])) + (" …" if len(values) > most else "")
    return f"{label}: {shown}"


def _distribution(cohort: Sequence[StoredGame]) -> Html:
    totals = [g.total for g in cohort]
    dims = list(cohort[0].scorecard["dimensions"])
    values = {d: [g.scorecard["dimensions"].get(d, 0.0) for g in cohort] for d in dims}
    series = {"total": totals} | values
    stats = {name: percentiles(v) for name, v in series.items()}
    heads = ["score", *stats["total"].keys()]
    rows = [(name.replace("_", " ").capitalize(), *(fmt(x) for x in s.values()))
            for name, s in stats.items()]  # fmt: skip
    marks = {k: stats["total"][k] for k in ("P25", "P50", "P75")}
    return join(
        [
            el("h2", "Score distribution"),
            figure(charts.distribution(totals, marks), "Total scores (dashed: P25, median, P75)"),
            table(heads, rows, numeric=tuple(range(1, len(heads)))),
            figure(charts.dimension_boxes(values), "Dimension scores across the cohort"),
        ]
    )


def _heatmap(cohort: Sequence[StoredGame]) -> Html:
    comps = cohort[0].scorecard.get("competencies", [])
    ids, names = [c["id"] for c in comps], [c["name"] for c in comps]
    if not ids:
        return Html("")
    levels = []
    for g in cohort:
        mine = {c["id"]: c["level"] for c in g.scorecard.get("competencies", [])}
        levels.append([mine.get(i, 0) for i in ids])
    counts = [
        (names[j], *(sum(row[j] == lv for row in levels) for lv in (1, 2, 3, 4)))
        for j in range(len(ids))
    ]
    return join(
        [
            el("h2", "Competencies across the cohort"),
            figure(
                charts.heatmap([g.label for g in cohort], names, levels),
                "Competency levels 1–4 per participant",
                tall=True,
            ),
            table(
                ("competency", "level 1", "level 2", "level 3", "level 4"),
                counts,
                numeric=(1, 2, 3, 4),
            ),
        ]
    )


def _ranking(cohort: Sequence[StoredGame]) -> Html:
    dims = list(cohort[0].scorecard["dimensions"])
    ranked = sorted(cohort, key=lambda g: (-g.total, g.id))
    rows = [
        (g.participant, g.id, fmt(g.total), *(fmt(g.scorecard["dimensions"].get(d)) for d in dims))
        for g in ranked
    ]
    heads = ("participant", "run", "total", *(d.replace("_", " ") for d in dims))
    return join([el("h2", "Participants"), table(heads, rows, numeric=tuple(range(1, len(heads))))])


def _split_section(cuts: list[Split]) -> Html:
    def options(s: Split) -> Html:
        items = (
            el("li", f"{opt} ({len(who)}): {', '.join(who)}") for opt, who in s.choices.items()
        )
        return el("ul", join(items), cls="ev")

    rows = [
        (s.topic, s.subject, options(s), s.reference or "—", f"{100 * s.spread:.0f}%") for s in cuts
    ]
    marks = ["split" if len(s.choices) > 1 else None for s in cuts]
    chart = _tier_chart(cuts)
    return join(
        [
            el("h2", "Where the cohort split"),
            el(
                "p",
                "Decisions sorted by how evenly the cohort divided (highlighted: not everyone "
                "chose the same). 'Expected' is the tier the scenario's truth deserves.",
                cls="muted lead",
            ),
            chart,
            table(
                ("decision", "about", "who chose what", "expected", "split"),
                rows,
                numeric=(4,),
                marks=marks,
            ),
        ]
    )


def _tier_chart(cuts: list[Split]) -> Html:
    tiers = [s for s in cuts if s.topic == "tier"]
    if not tiers:
        return Html("")
    tiers.sort(key=lambda s: s.subject)
    counts = [
        {(None if k == "not tiered" else k): len(v) for k, v in s.choices.items()} for s in tiers
    ]
    chart = charts.tier_split([s.subject for s in tiers], counts)
    return figure(chart, "Tier chosen per account (games)", tall=True)


def _declined(cuts: list[Split]) -> Html:
    rows = [
        (s.subject, ", ".join(s.choices["decline"]), s.reference or "—")
        for s in cuts
        if s.topic == "tier" and "decline" in s.choices
    ]
    if not rows:
        return el("p", "Nobody declined an account.", cls="muted")
    return join(
        [
            el("h3", "Who declined which account"),
            table(("account", "declined by", "expected"), rows),
        ]
    )


def cohort_csv(cohort: Sequence[StoredGame]) -> str:
    """One row per game: ids, scores, competency levels, final tiers and campaign calls."""
    dims = sorted({d for g in cohort for d in g.scorecard["dimensions"]})
    comps = sorted({c["id"] for g in cohort for c in g.scorecard.get("competencies", [])})
    accounts = sorted({a for g in cohort for a in g.outcome.get("tiers", {})})
    camps = sorted({c for g in cohort for c in g.outcome.get("campaigns", {})})
    heads = [
        "run",
        "uid",
        "participant",
        "cohort",
        "scenario",
        "seed",
        "form",
        "rubric_version",
        "total",
        *dims,
        *(f"level:{c}" for c in comps),
        *(f"tier:{a}" for a in accounts),
        *(f"campaign:{c}" for c in camps),
        "digest",
        "played_at",
        "mode",
        "integrity",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(heads)
    for g in cohort:
        levels = {c["id"]: c["level"] for c in g.scorecard.get("competencies", [])}
        tiers, calls = g.outcome.get("tiers", {}), g.outcome.get("campaigns", {})
        writer.writerow(
            [
                g.id,
                g.uid,
                _cell(g.participant),
                _cell(g.cohort),
                g.scenario_id,
                g.seed,
                g.scorecard.get("form") or "",
                g.rubric_version,
                g.total,
                *(g.scorecard["dimensions"].get(d, "") for d in dims),
                *(levels.get(c, "") for c in comps),
                *(tiers.get(a) or "" for a in accounts),
                *(calls.get(c, NOT_DECIDED) for c in camps),
                g.digest,
                g.played_at,
                g.mode,
                g.integrity,
            ]
        )
    return buffer.getvalue()


def _cell(text: str) -> str:
    """Defuse spreadsheet formulas in names typed by people (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
