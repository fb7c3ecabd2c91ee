"""Actions in words, for the decision timelines of the debrief (ids become names)."""

from __future__ import annotations

from typing import Any

from kamsim.sim.view import View


def describe(action: dict[str, Any], view: View) -> str:
    """'Meet Beatriz Amaral at St Aldric's (discover, 2 questions)' rather than a dict."""
    accounts = {a.id: a for a in view.accounts}
    acc = accounts.get(str(action.get("account")))
    where = acc.name if acc else str(action.get("account", ""))
    people = {p.id: p.name for p in acc.people} if acc else {}
    kind = action.get("kind")
    if kind == "meet":
        who = people.get(action.get("stakeholder", ""), action.get("stakeholder"))
        qs = len(action.get("questions", []))
        asked = f", {qs} question{'s' if qs != 1 else ''}" if qs else ""
        return f"Meet {who} at {where} ({action.get('purpose', '').replace('_', ' ')}{asked})"
    if kind == "set_tier":
        return f"Tier {where}: {action.get('tier')}"
    if kind == "write_plan":
        plan = action.get("plan", {})
        return (
            f"Write plan for {where}: {len(plan.get('swot', []))} SWOT, "
            f"{len(plan.get('objectives', []))} objectives, "
            f"{len(plan.get('tactics', []))} tactics"
        )
    if kind == "agree_plan":
        names = [people.get(s, s) for s in action.get("stakeholders", [])]
        return f"Agree plan for {where} with {', '.join(names) or 'nobody'}"
    if kind in ("approve_campaign", "hold_campaign"):
        verb = "Approve" if kind == "approve_campaign" else "Hold back"
        return f"{verb} campaign {str(action.get('campaign', '')).replace('_', ' ')}"
    return f"{str(kind).replace('_', ' ').capitalize()}: {where}"
