"""Scenario ids → the names a person reads, for timelines, evidence and reports."""

from __future__ import annotations

from typing import Any

from kamsim.scenario.model import Scenario
from kamsim.vocabulary import kind_words, purpose_words, words


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

    def person(self, person: Any) -> str:
        return self.people.get(person, str(person))

    def action(self, action: dict[str, Any]) -> str:
        kind, acc = action.get("kind"), self.account(action.get("account"))
        if kind == "meet":
            who = self.person(action.get("stakeholder"))
            asked = f"; asked {len(action.get('questions') or [])} question(s)"
            return f"Met {who} at {acc} to {purpose_words(str(action.get('purpose')))}{asked}"
        if kind == "set_tier":
            return f"Tiered {acc} as {action.get('tier')}"
        if kind in ("approve_campaign", "hold_campaign"):
            verb = "Approved" if kind == "approve_campaign" else "Held back"
            return f"{verb} campaign '{self.campaigns.get(str(action.get('campaign')), '?')}'"
        if kind == "write_plan":
            plan = action.get("plan") or {}
            projects = [self.projects.get(t.get("project"), "?") for t in plan.get("tactics", [])]
            return (
                f"Wrote the plan for {acc}: segment {words(str(plan.get('segment') or '—'))}, "
                f"{len(plan.get('objectives', []))} objective(s), "
                f"projects: {', '.join(projects) or 'none'}"
            )
        if kind == "agree_plan":
            people = [self.people.get(p, p) for p in action.get("stakeholders", [])]
            return f"Put the plan for {acc} to {', '.join(people) or 'nobody'}"
        if kind == "review_monthly":
            state = "on" if action.get("on", True) else "off"
            return f"Turned the monthly KPI review of {acc} {state}"
        what = kind_words(str(kind))
        return f"{what[:1].upper()}{what[1:]} at {acc}"
