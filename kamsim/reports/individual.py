"""The trainee's debrief: scores, competency levels, evidence, timeline and the expert's game.

`individual_html(debrief)` renders a `Debrief`; `debrief_for(store, game)` gathers one, replaying
the stored log and playing the expert bot on the same scenario and seed.

The page is also printed and filed, so what runs long on screen has a short printed form: each
indicator prints its first pieces of evidence (the rest open on screen), and the decision
timeline prints as a summary with the committee decisions (the full timeline is HTML only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kamsim import __version__
from kamsim.reports import charts, games, timeline
from kamsim.reports.html import Html, cards, el, esc, figure, fmt, join, page, plural, table
from kamsim.reports.store import ResultsStore, StoredGame
from kamsim.reports.units import kpi_name, kpi_value, tidy_numbers
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import Simulation
from kamsim.words import Lexicon

KPI_ROWS = ("sales", "revenue", "kam_value", "share", "win_loss", "formulary_status",
            "satisfaction", "roi")  # fmt: skip
EVIDENCE_SHOWN = 2  # pieces of evidence per indicator before "n more" (all of them on screen)


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
        _evidence(card, Lexicon(scenario)),
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
    running = f"Debrief: {g.participant} — {scenario.meta.title} · run {g.id}, seed {g.seed}"
    return page(f"Debrief: {g.participant}", subtitle, join(sections), footer, running)


def _headline(d: Debrief) -> Html:
    card = d.game.scorecard
    items: list[tuple[object, object]] = [(fmt(card["total"]), "Total (0–100)")]
    items += [(fmt(v), k.replace("_", " ").capitalize()) for k, v in card["dimensions"].items()]
    if d.expert_card:
        items.append((fmt(d.expert_card["total"]), "Expert bot total"))
    rank = percentile_rank(d.game.total, d.cohort_totals)
    items.append((f"{rank:.0f}%", f"Percentile in cohort ({plural(len(d.cohort_totals), 'game')})"))
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


TIER_INDICATOR = "tier:"  # the rubric's per-account tier indicators: "tier:<account id>"


def _tiers(d: Debrief) -> Html:
    """Tiers against the truth, with each account's tier indicator (its score and why): the
    evidence section leaves those out rather than list the twenty accounts a second time."""
    truth = expected_tiers(d.sim.scenario)
    yours, expert = _final_tiers(d.sim), _final_tiers(d.expert_sim)
    scored = {
        i["id"][len(TIER_INDICATOR) :]: i
        for i in d.game.scorecard.get("indicators", [])
        if i["id"].startswith(TIER_INDICATOR)
    }
    rows, marks = [], []
    for acc in d.sim.scenario.accounts:
        t = truth[acc.id]
        ind = scored.get(acc.id)
        rows.append(
            (
                acc.name,
                yours.get(acc.id, "—"),
                expert.get(acc.id, "—"),
                t.tier.value,
                t.rank,
                f"{t.attractiveness:.2f}",
                f"{100 * ind['value']:.0f}%" if ind else "—",
                tidy_numbers(ind["comment"]) if ind else "—",
            )
        )
        marks.append(None if yours.get(acc.id) == t.tier.value else "split")
    headers = ("account", "your tier", "expert bot", "deserved", "rank", "attract.", "score", "why")
    return join(
        [
            el("h2", "Prioritisation: your tiers against the truth"),
            table(headers, rows, numeric=(4, 5, 6), marks=marks),
            el(
                "p",
                "'Deserved' is the tier the scenario's truth gives the account, ranked by its "
                "attractiveness (0–1). Highlighted rows differ from it.",
                cls="muted",
            ),
        ]
    )


def _evidence(card: dict[str, Any], words: Lexicon) -> Html:
    """Every indicator with why, the expert's advice and its evidence; the scoring words these
    with ids and raw floats, so they go through the game's lexicon and `tidy_numbers`."""

    def say(text: str | None) -> str:
        return tidy_numbers(words.humanise(text)) if text else "—"

    parts: list[object] = [
        el("h2", "Evidence behind every score"),
        el(
            "p",
            "The tier of each account is scored in the prioritisation table above.",
            cls="muted lead",
        ),
    ]
    for dim in card["dimensions"]:
        inds = [
            i
            for i in card.get("indicators", [])
            if i["dimension"] == dim and not i["id"].startswith(TIER_INDICATOR)
        ]
        if not inds:
            continue
        rows = [
            (
                say(i["label"]),
                f"{100 * i['value']:.0f}%",
                say(i["comment"]),
                say(i["expert"]),
                _evidence_list(i["evidence"], say),
            )
            for i in inds
        ]
        parts += [
            el("h3", dim.replace("_", " ").capitalize()),
            table(
                ("indicator", "score", "why", "what an expert would do", "evidence"),
                rows,
                numeric=(1,),
                cls="evidence",
            ),
        ]
    return join(parts)


def _evidence_list(evidence: list[dict[str, Any]], say: Callable[[str], str]) -> Html:
    """The first pieces of evidence, then the rest behind "n more" (closed, so not printed)."""
    if not evidence:
        return Html("—")

    def items(part: list[dict[str, Any]]) -> Html:
        return el(
            "ul", join(el("li", f"week {e['week']}: {say(e['what'])}") for e in part), cls="ev"
        )

    shown, rest = evidence[:EVIDENCE_SHOWN], evidence[EVIDENCE_SHOWN:]
    if not rest:
        return items(shown)
    more = el("details", el("summary", f"{len(rest)} more"), items(rest), cls="more")
    return join([items(shown), more])


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
    currency = d.sim.scenario.meta.currency
    rows = [
        (kpi_name(k), kpi_value(k, yours.get(k), currency), kpi_value(k, expert.get(k), currency))
        for k in KPI_ROWS
        if k in yours or k in expert
    ]
    chart = charts.kpi_lines(
        "sales per month",
        _territory(d.sim, "sales"),
        _territory(d.expert_sim, "sales") or None,
        currency=currency,
    )
    return join(
        [
            el("h2", "Business outcomes"),
            table(("territory KPI (end of game)", "you", "expert bot"), rows, numeric=(1, 2)),
            figure(chart, "Territory sales by month"),
        ]
    )


def _timeline(d: Debrief) -> Html:
    lines = timeline.lines(d.sim.log, d.sim.scenario)
    brief = timeline.summary(lines)
    marks = [{"refused": "bad", "world": "muted"}.get(line.kind) for line in lines]
    rows = [(line.week, line.kind, line.text) for line in lines]
    said = (
        f"Weeks {brief.first_week}–{brief.last_week}: {plural(brief.actions, 'action')} of "
        f"yours ({brief.refused} refused by the game) and {plural(brief.world, 'event')} in the "
        f"world, {len(brief.decisions)} of them committee decisions or deliveries."
    )
    parts: list[object] = [el("h2", "Decision timeline"), el("p", said)]
    if brief.decisions:
        decided = [(x.week, x.text) for x in brief.decisions]
        parts += [
            el("h3", "Committee decisions and deliveries"),
            table(("week", "what happened"), decided, numeric=(0,)),
        ]
    note = "The full timeline, line by line, is in the HTML report (not printed)."
    parts += [
        el("p", note, cls="muted print-only"),
        Html(
            '<details class="screen-only" open><summary>'
            + esc(f"Every line of the game ({len(lines)})")
            + "</summary>"
            + table(("week", "who", "what happened"), rows, numeric=(0,), marks=marks)
            + "</details>"
        ),
    ]
    return join(parts)


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
