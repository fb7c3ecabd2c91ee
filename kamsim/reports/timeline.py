"""The decision timeline: a game's log as lines a trainee can read, with scenario names.

A year's game logs several hundred lines, which is most of a printed debrief; `summary` says
what they add up to (how much was done, refused and decided) in a few, for the printed page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kamsim.reports.units import tidy_numbers
from kamsim.scenario.model import Scenario
from kamsim.sim import LogEntry
from kamsim.words import Lexicon

SHOWN = ("action", "routine", "refused", "event", "decision", "campaign_auto", "delivery")


@dataclass(frozen=True)
class Line:
    week: int
    kind: str  # "you", "refused" or "world"
    text: str
    source: str = ""  # the log entry's kind: "action", "decision", "delivery"…


@dataclass(frozen=True)
class Summary:
    """The timeline in figures, and the lines worth printing: what the world decided."""

    actions: int
    refused: int
    world: int
    first_week: int
    last_week: int
    decisions: tuple[Line, ...]


def summary(timeline: list[Line]) -> Summary:
    """How many actions, refusals and world events, and the committee decisions and deliveries
    (the verdicts on the trainee's work), in the order they happened."""
    counts = Counter(line.kind for line in timeline if line.source != "routine")  # not chosen
    weeks = [line.week for line in timeline] or [0]
    return Summary(
        actions=counts["you"] + counts["refused"],
        refused=counts["refused"],
        world=counts["world"],
        first_week=min(weeks),
        last_week=max(weeks),
        decisions=tuple(line for line in timeline if line.source in ("decision", "delivery")),
    )


def lines(log: tuple[LogEntry, ...], scenario: Scenario) -> list[Line]:
    """What the trainee did and what the world did, week by week (monthly KPIs left out)."""
    words = Lexicon(scenario)
    out = []
    for entry in log:
        if entry.kind in SHOWN:
            line = _line(entry, words)
            text = tidy_numbers(words.humanise(line.text))
            out.append(Line(line.week, line.kind, text, entry.kind))
    return out


def _line(entry: LogEntry, words: Lexicon) -> Line:
    d, names = entry.data, words.names
    if entry.kind in ("action", "routine"):  # "routine": a monthly review the clock ran
        text = words.action(dict(d["action"]))
        if entry.kind == "routine":
            text += " (monthly routine)"
            if d.get("skipped"):
                return Line(entry.week, "you", f"{text} — not done: {d['skipped']}")
        found = [names.facts.get(f, f) for f in d.get("revealed", [])]
        if found:
            text += f" — learnt: {'; '.join(found)}"
        return Line(entry.week, "you", text)
    if entry.kind == "refused":
        action = d.get("action") or {}
        what = words.action(dict(action)) if isinstance(action, dict) else str(action)
        return Line(entry.week, "refused", f"{what} — refused: {d.get('reason')}")
    if entry.kind == "decision" and d.get("bid") is False:  # a tender, with KAM declined
        return Line(entry.week, "world", f"{names.events.get(d['event'], d['event'])}: no bid "
                    f"at {names.account(d.get('account'))} (KAM declined)")  # fmt: skip
    if entry.kind == "decision":
        result = "won" if d.get("won") else "lost"
        before, after = d.get("before"), d.get("after")
        moved = f" ({_step(before)} → {_step(after)})" if before or after else ""
        return Line(
            entry.week,
            "world",
            f"{names.events.get(d['event'], d['event'])}: {result} "
            f"at {names.account(d.get('account'))}{moved}",
        )
    if entry.kind == "campaign_auto":
        title = names.campaigns.get(d["campaign"], d["campaign"])
        return Line(entry.week, "world", f"Campaign '{title}' ran undecided (auto-approved)")
    if entry.kind == "delivery":
        project = names.projects.get(d["project"], d["project"])
        return Line(entry.week, "world", f"{project} delivered at {names.account(d['account'])}")
    return Line(entry.week, "world", names.events.get(d.get("event"), str(d.get("event"))))


def _step(status: object) -> str:
    """A formulary step in words: 'not_listed' → 'not listed' (a tender has none: 'no step')."""
    return "no step" if status is None else str(status).replace("_", " ")
