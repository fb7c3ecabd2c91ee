"""The decision timeline: a game's log as lines a trainee can read, with scenario names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kamsim.scenario.model import Scenario
from kamsim.sim import LogEntry

SHOWN = ("action", "refused", "event", "decision", "campaign_auto", "delivery")


@dataclass(frozen=True)
class Line:
    week: int
    kind: str  # "you", "refused" or "world"
    text: str


class Names:
    """Scenario ids → names, falling back to the id for anything unknown."""

    def __init__(self, scenario: Scenario) -> None:
        self.accounts = {a.id: a.name for a in scenario.accounts}
        self.people = {
            p.id: f"{p.name} ({p.role})" for a in scenario.accounts for p in a.stakeholders
        }
        self.events = {e.id: e.title for e in scenario.events}
        self.campaigns = {c.id: c.title for c in scenario.company.brand_campaigns}
        self.projects = {p.id: p.name for p in scenario.projects}
        self.facts = {f.id: f.title for f in scenario.facts}

    def account(self, acc: Any) -> str:
        return self.accounts.get(acc, str(acc))

    def action(self, action: dict[str, Any]) -> str:
        kind, acc = action.get("kind"), self.account(action.get("account"))
        if kind == "meet":
            who = self.people.get(action.get("stakeholder"), action.get("stakeholder"))
            asked = f"; asked {len(action.get('questions') or [])} question(s)"
            return f"Met {who} at {acc} to {action.get('purpose')}{asked}"
        if kind == "set_tier":
            return f"Tiered {acc} as {action.get('tier')}"
        if kind in ("approve_campaign", "hold_campaign"):
            verb = "Approved" if kind == "approve_campaign" else "Held back"
            return f"{verb} campaign '{self.campaigns.get(action.get('campaign'), '?')}'"
        if kind == "write_plan":
            plan = action.get("plan") or {}
            projects = [self.projects.get(t.get("project"), "?") for t in plan.get("tactics", [])]
            return (
                f"Wrote the plan for {acc}: segment {plan.get('segment') or '—'}, "
                f"{len(plan.get('objectives', []))} objective(s), "
                f"projects: {', '.join(projects) or 'none'}"
            )
        if kind == "agree_plan":
            people = [self.people.get(p, p) for p in action.get("stakeholders", [])]
            return f"Agreed the plan for {acc} with {', '.join(people) or 'nobody present'}"
        return f"{str(kind).replace('_', ' ').capitalize()} on {acc}"


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
