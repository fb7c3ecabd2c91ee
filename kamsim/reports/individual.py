"""The trainee's debrief: scores, competency levels, evidence, timeline and the expert's game.

`individual_html(debrief)` renders a `Debrief`; `debrief_for(store, game)` gathers one, replaying
the stored log and playing the expert bot on the same scenario and seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kamsim import __version__
from kamsim.reports import charts, games, timeline
from kamsim.reports.html import Html, cards, el, figure, fmt, join, page, table
from kamsim.reports.store import ResultsStore, StoredGame
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import Simulation

KPI_ROWS = ("sales", "share", "win_loss", "formulary_status", "satisfaction", "roi")


@dataclass(frozen=True)
class Debrief:
    """Everything the individual report shows."""

    game: StoredGame
    sim: Simulation
    expert_sim: Simulation | None
    expert_card: dict[str, Any] | None
    cohort_totals: tuple[float, ...]
    history: tuple[dict[str, Any], ...]


def debrief_for(store: ResultsStore, game: StoredGame, *, expert: bool = True) -> Debrief:
    sim = games.replay_stored(game, store)
    expert_sim = games.expert_game(sim.scenario, game.seed) if expert else None
    return Debrief(
        game=game,
        sim=sim,
        expert_sim=expert_sim,
        expert_card=games.scorecard_of(expert_sim) if expert_sim else None,
        cohort_totals=tuple(g.total for g in store.games(game.cohort)),
        history=tuple(store.score_history(game.id)),
    )


def percentile_rank(value: float, values: tuple[float, ...]) -> float:
    """Percent of the values below `value`, ties counting half: where it sits in the cohort."""
    if not values:
        return 100.0
    below = sum(v < value for v in values)
    equal = sum(v == value for v in values)
    return 100.0 * (below + equal / 2) / len(values)


def individual_html(d: Debrief) -> str:
    g, card = d.game, d.game.scorecard
    scenario = d.sim.scenario
    flags = []
    if g.integrity != "ok":  # an edited row must not read as kamsim's assessment
        flags.append(el("p", f"Careful: the results database does not vouch for this game: "
                             f"{g.integrity}.", cls="bad"))  # fmt: skip
    sections = [
        *flags,
        _headline(d),
        el("h2", "Scores"),
        figure(
            charts.dimensions(card["dimensions"], (d.expert_card or {}).get("dimensions")),
            "Dimension scores: you and the expert bot on the same world",
        ),
        _competencies(d),
        _tiers(d),
        _evidence(card),
        _kpis(d),
        _timeline(d),
        _history(d),
    ]
    subtitle = (
        f"{g.participant} · cohort {g.cohort} · {scenario.meta.title} · seed {g.seed} · "
        f"played {g.played_at}"
    )
    footer = (
        f"kamsim {__version__} · run {g.id} · uid {g.uid} · rubric {g.rubric_version} · "
        f"scenario {g.scenario_id} {g.scenario_hash[:12]} · log digest {g.digest}"
    )
    return page(f"Debrief: {g.participant}", subtitle, join(sections), footer)


def _headline(d: Debrief) -> Html:
    card = d.game.scorecard
    items: list[tuple[object, object]] = [(fmt(card["total"]), "total (0–100)")]
    items += [(fmt(v), k.replace("_", " ")) for k, v in card["dimensions"].items()]
    if d.expert_card:
        items.append((fmt(d.expert_card["total"]), "expert bot total"))
    rank = percentile_rank(d.game.total, d.cohort_totals)
    items.append((f"{rank:.0f}%", f"percentile in cohort ({len(d.cohort_totals)} games)"))
    return cards(items)


def _competencies(d: Debrief) -> Html:
    comps = d.game.scorecard.get("competencies", [])
    expert = {c["id"]: c for c in (d.expert_card or {}).get("competencies", [])}
    names = [c["name"] for c in comps]
    chart = charts.competencies(
        names,
        [c["level"] for c in comps],
        [expert[c["id"]]["level"] for c in comps if c["id"] in expert] if expert else None,
    )
    rows = [
        (c["name"], c["level"], c["anchor"], expert.get(c["id"], {}).get("level", "—"))
        for c in comps
    ]
    return join(
        [
            el("h2", "Competencies"),
            figure(chart, "Competency levels 1–4 (diamond: the expert bot)"),
            table(("competency", "level", "what it looks like", "expert"), rows, numeric=(1, 3)),
        ]
    )


def _final_tiers(sim: Simulation | None) -> dict[str, str]:
    if sim is None:
        return {}
    return {a: (s.tier.value if s.tier else "—") for a, s in sim.world.accounts.items()}


def _tiers(d: Debrief) -> Html:
    truth = expected_tiers(d.sim.scenario)
    yours, expert = _final_tiers(d.sim), _final_tiers(d.expert_sim)
    rows, marks = [], []
    for acc in d.sim.scenario.accounts:
        t = truth[acc.id]
        rows.append(
            (
                acc.name,
                yours.get(acc.id, "—"),
                expert.get(acc.id, "—"),
                t.tier.value,
                t.rank,
                f"{t.attractiveness:.2f}",
            )
        )
        marks.append(None if yours.get(acc.id) == t.tier.value else "split")
    headers = (
        "account",
        "your tier",
        "expert bot",
        "what the truth deserves",
        "rank",
        "attractiveness",
    )
    return join(
        [
            el("h2", "Prioritisation: your tiers against the truth"),
            table(headers, rows, numeric=(4, 5), marks=marks),
            el("p", "Highlighted rows differ from the tier the account deserves.", cls="muted"),
        ]
    )


def _evidence(card: dict[str, Any]) -> Html:
    parts: list[object] = [el("h2", "Evidence behind every score")]
    for dim in card["dimensions"]:
        inds = [i for i in card.get("indicators", []) if i["dimension"] == dim]
        if not inds:
            continue
        rows = [
            (
                i["label"],
                f"{100 * i['value']:.0f}%",
                i["comment"],
                i["expert"] or "—",
                el(
                    "ul",
                    join(el("li", f"week {e['week']}: {e['what']}") for e in i["evidence"]),
                    cls="ev",
                )
                if i["evidence"]
                else "—",
            )
            for i in inds
        ]
        parts += [
            el("h3", dim.replace("_", " ").capitalize()),
            table(
                ("indicator", "score", "why", "what an expert would do", "evidence"),
                rows,
                numeric=(1,),
            ),
        ]
    return join(parts)


def _territory(sim: Simulation | None, key: str) -> list[tuple[int, float]]:
    if sim is None:
        return []
    return [
        (int(r["month"]), float(r[key]))
        for r in sim.world.kpis  # type: ignore[arg-type]
        if r["account"] == "territory" and r.get(key) is not None
    ]


def _kpis(d: Debrief) -> Html:
    yours, expert = games.outcome_of(d.sim)["kpis"], {}
    if d.expert_sim is not None:
        expert = games.outcome_of(d.expert_sim)["kpis"]
    rows = [(k.replace("_", " "), fmt(yours.get(k), 3), fmt(expert.get(k), 3)) for k in KPI_ROWS]
    chart = charts.kpi_lines(
        "territory sales", _territory(d.sim, "sales"), _territory(d.expert_sim, "sales") or None
    )
    return join(
        [
            el("h2", "Business outcomes"),
            figure(chart, "Territory sales by month"),
            table(("territory KPI (final)", "you", "expert bot"), rows, numeric=(1, 2)),
        ]
    )


def _timeline(d: Debrief) -> Html:
    lines = timeline.lines(d.sim.log, d.sim.scenario)
    marks = [{"refused": "bad", "world": "muted"}.get(line.kind) for line in lines]
    rows = [(line.week, line.kind, line.text) for line in lines]
    return join(
        [
            el("h2", "Decision timeline"),
            table(("week", "who", "what happened"), rows, numeric=(0,), marks=marks),
        ]
    )


def _history(d: Debrief) -> Html:
    if len(d.history) < 2:
        return Html("")
    rows = [
        (h["scored_at"], h["rubric_version"], fmt(h["total"], 2), "current" if h["current"] else "")
        for h in d.history
    ]
    return join(
        [
            el("h2", "Score history (rescored when the rubric changed)"),
            table(("scored", "rubric", "total", ""), rows, numeric=(2,)),
        ]
    )


__all__ = ["Debrief", "debrief_for", "individual_html", "percentile_rank"]
