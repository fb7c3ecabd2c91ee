"""The decision timeline: a game's log as lines a trainee can read, with scenario names."""

from __future__ import annotations

from dataclasses import dataclass

from kamsim.scenario.model import Scenario
from kamsim.scenario.names import Names
from kamsim.sim import LogEntry

SHOWN = ("action", "refused", "event", "decision", "campaign_auto", "delivery")


@dataclass(frozen=True)
class Line:
    week: int
    kind: str  # "you", "refused" or "world"
    text: str


def lines(log: tuple[LogEntry, ...], scenario: Scenario) -> list[Line]:
    """What the trainee did and what the world did, week by week (monthly KPIs left out)."""
    names = Names(scenario)
    out = []
    for entry in log:
        if entry.kind in SHOWN:
            out.append(_line(entry, names))
    return out


def _line(entry: LogEntry, names: Names) -> Line:
    d = entry.data
    if entry.kind == "action":
        text = names.action(dict(d["action"]))
        found = [names.facts.get(f, f) for f in d.get("revealed", [])]
        if found:
            text += f" — learnt: {'; '.join(found)}"
        return Line(entry.week, "you", text)
    if entry.kind == "refused":
        action = d.get("action") or {}
        what = names.action(dict(action)) if isinstance(action, dict) else str(action)
        return Line(entry.week, "refused", f"{what} — refused: {d.get('reason')}")
    if entry.kind == "decision":
        result = "won" if d.get("won") else "lost"
        return Line(
            entry.week,
            "world",
            f"{names.events.get(d['event'], d['event'])}: {result} "
            f"at {names.account(d.get('account'))} ({d.get('before')} → {d.get('after')})",
        )
    if entry.kind == "campaign_auto":
        title = names.campaigns.get(d["campaign"], d["campaign"])
        return Line(entry.week, "world", f"Campaign '{title}' ran undecided (auto-approved)")
    if entry.kind == "delivery":
        project = names.projects.get(d["project"], d["project"])
        return Line(entry.week, "world", f"{project} delivered at {names.account(d['account'])}")
    return Line(entry.week, "world", names.events.get(d.get("event"), str(d.get("event"))))
