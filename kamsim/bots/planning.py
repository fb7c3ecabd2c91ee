"""Writing account plans from what a bot knows: diagnosis, objectives and tactics.

`grounded_plan` is the expert's: segment and needs from the evidence, SWOT lines citing the
facts behind them, measurable objectives, and catalogue projects that serve the inferred needs
within budget and colleague capacity. `generic_plan` is what a hurried trainee writes.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from kamsim.bots.base import latest_kpis
from kamsim.bots.evidence import AccountEvidence, segment_affinity
from kamsim.sim.view import AccountView, View
from kamsim.sums import ordered_sum

FORMULARY_STEPS = ("not_listed", "restricted", "listed", "preferred")
MIN_TACTIC_SCORE = 0.9
SWOT_MIN_RELIABILITY = 0.5
MAX_TACTICS = 2
DECISIONS = ("committee_meeting", "tender")
# A stretching but realistic share target: ten points of share a year, by the end of the game.
# The expert's old ×1.15 + 1 point asked for too little once the rubric required a tenth of
# what the world could give by the date (`objectives.ambition`).
SHARE_TARGET_PER_YEAR = 0.1

# A trainee who has not done the homework guesses the segment from the kind of institution.
KIND_SEGMENT = {
    "regional_payer": "drug_price",
    "teaching_hospital": "total_value",
    "district_hospital": "drug_price",
    "care_network": "healthcare_costs",
    "rare_disease_centre": "total_value",
    "ambulatory_chain": "drug_price",
    "group_practice": "drug_price",
}


def formulary_step(acc: AccountView) -> int:
    steps = [FORMULARY_STEPS.index(s) for s in acc.formulary.values()] or [0]
    return max(steps)


def next_committee(view: View, account: str) -> int | None:
    weeks = [
        e["week"]
        for e in view.calendar
        if e["account"] == account and e["kind"] in DECISIONS and e["week"] > view.week
    ]
    return min(weeks, default=None)


def current_share(view: View, acc: AccountView) -> float:
    """Our share at the account as the KPI screen shows it now (the hard data before any)."""
    return _share(acc, latest_kpis(view, acc.id))


def _share(acc: AccountView, record: dict[str, Any] | None) -> float:
    return float(record["share"]) if record else float(acc.hard_data["our_share"])


def objectives(view: View, acc: AccountView) -> list[dict[str, Any]]:
    """Share, formulary and satisfaction objectives with targets a plan can plausibly reach."""
    end = view.week + view.weeks_left - 1
    record = latest_kpis(view, acc.id)
    share = _share(acc, record)
    years = max(0.25, (end - view.week) / 52)
    target = min(0.95, share + SHARE_TARGET_PER_YEAR * years)
    out = [{"kpi": "share", "target": round(target, 3), "by_week": end}]
    # The formulary KPI is the average step over the account's products (the Now line shows
    # it): one decision moves one product one step. Dated at the game's end, not at the
    # committee: a KPI is judged on the monthly record at its date, and the record of a
    # committee's week is the one from before it sat (and a committee may sit before the
    # customer agrees the plan).
    now = float(record["formulary_status"]) if record else float(formulary_step(acc))
    if next_committee(view, acc.id) is not None and now < len(FORMULARY_STEPS) - 1:
        step = 1 / max(1, len(acc.formulary))
        target = round(min(len(FORMULARY_STEPS) - 1.0, now + step), 2)
        out.append({"kpi": "formulary_status", "target": target, "by_week": end})
    satisfaction = float(record["satisfaction"]) if record and record["satisfaction"] else 5.0
    out.append({"kpi": "satisfaction", "target": round(min(10.0, satisfaction + 1.0), 1),
                "by_week": end})  # fmt: skip
    return out


def swot(ev: AccountEvidence) -> list[dict[str, Any]]:
    """One SWOT line per fact whose most reliable version places it in the SWOT."""
    items = []
    for fact in sorted(ev.facts, key=lambda f: (-f.reliability, f.id)):
        kind = fact.implies.get("swot")
        if kind and fact.reliability >= SWOT_MIN_RELIABILITY:
            items.append({"kind": kind, "text": fact.title, "facts": [fact.id]})
    return items


BLOCKAGE_BONUS = 1.5  # a project whose description speaks to a blockage found on the pathway
STOP = frozenset({"their", "there", "which", "would", "about", "every", "other", "patients",
                  "account", "accounts", "project"})  # fmt: skip


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """Word stems a reader would match: the first five letters of words of five or more.

    Cached: the expert matches the same few catalogue texts against the same few blockages
    thousands of times a game, and stemming character by character was most of its time.
    """
    words = "".join(c.lower() if c.isalpha() else " " for c in text).split()
    return frozenset(w[:5] for w in words if len(w) >= 5 and w not in STOP)


def blockage_match(project: dict[str, Any], blockages: list[str]) -> float:
    """How clearly a project's name and description answer a blockage found (0, ½ or 1)."""
    return _match(f"{project['name']} {project['description']}", tuple(blockages))


@lru_cache(maxsize=8192)
def _match(text: str, blockages: tuple[str, ...]) -> float:
    """`blockage_match` on the texts alone (a pure function of them, hence cached)."""
    words = _stems(text)
    best = max((len(words & _stems(b)) for b in blockages), default=0)
    return 1.0 if best >= 2 else 0.5 if best == 1 else 0.0


def exposed_blockages(acc: AccountView) -> list[str]:
    """The blockage texts shown on the account's mapped pathway."""
    return [st.blockage for st in acc.pathway if st.blockage]


def tactic_score(
    project: dict[str, Any], ev: AccountEvidence, blockages: list[str] | None = None
) -> float:
    served = ordered_sum(ev.needs.get(n, 0.0) for n in project["serves"])
    bonus = BLOCKAGE_BONUS * blockage_match(project, blockages) if blockages else 0.0
    return served + segment_affinity(project, ev.segment) + bonus


def pick_tactics(
    view: View,
    ev: AccountEvidence,
    allowance: float,
    keep: tuple[str, ...],
    share: int,
    blockages: list[str] | None = None,
) -> list[str]:
    """Best-fitting projects within the money allowance and a fair share of colleagues' days.

    `share` is how many plans still to write split the colleagues' free days; projects that
    answer a blockage found on the pathway rank first.
    """
    free = {c["id"]: math.ceil(float(c["free_days"]) / max(1, share)) for c in view.colleagues}
    chosen = list(keep)
    score = {p["id"]: tactic_score(p, ev, blockages) for p in view.projects}
    ranked = sorted(view.projects, key=lambda p: (-score[p["id"]], p["cost"], p["id"]))
    for project in ranked:
        if len(chosen) >= MAX_TACTICS or score[project["id"]] < MIN_TACTIC_SCORE:
            break
        if project["id"] in chosen or project["cost"] > allowance or project.get("rebate"):
            continue
        if any(days > free.get(c, 0.0) for c, days in project["colleagues"].items()):
            continue
        chosen.append(project["id"])
        allowance -= project["cost"]
        for c, days in project["colleagues"].items():
            free[c] = free.get(c, 0.0) - days
    return chosen


def blockage_project(
    view: View,
    acc: AccountView,
    plan: dict[str, Any],
    allowance: float,
    share: int,
    running: tuple[str, ...] = (),
) -> str | None:
    """A project that answers a blockage the pathway shows and the plan leaves open, if one is
    affordable: the one addition an update makes beyond the usual two projects.

    `running` are the agreed plan's projects: already paid for, so they do not count against
    the allowance (only the projects an agreement would start are charged).
    """
    chosen = {t["project"] for t in plan["tactics"]}
    projects = {p["id"]: p for p in view.projects}
    spent = ordered_sum(projects[p]["cost"] for p in chosen - set(running) if p in projects)
    free = {c["id"]: math.ceil(float(c["free_days"]) / max(1, share)) for c in view.colleagues}
    for text in exposed_blockages(acc):
        if any(blockage_match(projects[p], [text]) >= 1.0 for p in chosen if p in projects):
            continue
        for project in sorted(view.projects, key=lambda p: (p["cost"], p["id"])):
            if project["id"] in chosen or project.get("rebate"):
                continue
            if blockage_match(project, [text]) < 1.0 or project["cost"] > allowance - spent:
                continue
            if any(days > free.get(c, 0.0) for c, days in project["colleagues"].items()):
                continue
            return project["id"]
    return None


def grounded_plan(
    view: View,
    acc: AccountView,
    ev: AccountEvidence,
    allowance: float,
    keep: tuple[str, ...] = (),
    share: int = 1,
) -> dict[str, Any]:
    return {
        "segment": ev.segment,
        "needs": ev.top_needs()[:3],
        "swot": swot(ev),
        "objectives": objectives(view, acc),
        "tactics": [
            {"project": p}
            for p in pick_tactics(view, ev, allowance, keep, share, exposed_blockages(acc))
        ],
    }


def price_led(project: dict[str, Any]) -> bool:
    return "drug_cost" in project["serves"]


def generic_plan(view: View, acc: AccountView, prefer_price: bool, n_plans: int) -> dict[str, Any]:
    """A plan without homework: segment from the kind, a big or price-led project, sales goal."""
    allowance = view.budget_left / max(1, n_plans)
    affordable = [p for p in view.projects if p["cost"] <= allowance]
    if prefer_price:
        affordable.sort(key=lambda p: (not price_led(p), -p["cost"], p["id"]))
    else:
        affordable.sort(key=lambda p: (-p["cost"], p["id"]))
    end = view.week + view.weeks_left - 1
    sales = acc.sales_history[-1] if acc.sales_history else 0.0
    return {
        "segment": KIND_SEGMENT.get(acc.kind, "drug_price"),
        "needs": ["drug_cost", "treatment_quality"],
        "swot": [{"kind": "strength", "text": "Strong brand and good relationships."}],
        "objectives": [{"kpi": "sales", "target": round(sales * 1.5, 0), "by_week": end}],
        "tactics": [{"project": p["id"]} for p in affordable[:1]],
    }


def empty_plan() -> dict[str, Any]:
    return {"segment": None, "needs": [], "swot": [], "objectives": [], "tactics": []}


def misfit_plan(
    view: View, acc: AccountView, ev: AccountEvidence, allowance: float, share: int
) -> dict[str, Any]:
    """The same homework, but projects chosen for what the evidence does not point to."""
    plan = grounded_plan(view, acc, ev, allowance, (), share)
    ranked = sorted(view.projects, key=lambda p: (tactic_score(p, ev), p["cost"], p["id"]))
    free = {c["id"]: float(c["free_days"]) / max(1, share) for c in view.colleagues}
    chosen: list[str] = []
    for project in ranked:
        if len(chosen) >= MAX_TACTICS or project.get("rebate"):
            continue
        fits = all(days <= free.get(c, 0.0) for c, days in project["colleagues"].items())
        if project["cost"] <= allowance and fits:
            chosen.append(project["id"])
            allowance -= project["cost"]
            for c, days in project["colleagues"].items():
                free[c] = free.get(c, 0.0) - days
    plan["tactics"] = [{"project": p} for p in chosen]
    return plan


def rebate_projects(view: View) -> list[dict[str, Any]]:
    """Catalogue projects that are price offers (a rebate on sales), deepest first."""
    offers = [p for p in view.projects if p.get("rebate")]
    return sorted(offers, key=lambda p: (-float(p["rebate"]), p["id"]))


def with_rebate(view: View, plan: dict[str, Any]) -> dict[str, Any]:
    """The plan with the catalogue's price offer added (if there is one and it is not in)."""
    offers = rebate_projects(view)
    tactics = list(plan["tactics"])
    if offers and all(t["project"] != offers[0]["id"] for t in tactics):
        tactics.append({"project": offers[0]["id"]})
    return {**plan, "tactics": tactics}
