"""Behavioural indicators that are not a prioritisation or plan step on their own.

Each is 0–1 with the log entries behind it; `competencies.yaml` says which competency each
one is evidence for.
"""

from __future__ import annotations

from kamsim.scoring.card import Evidence, Indicator
from kamsim.scoring.record import Act, GameRecord

DIM = "competencies"
FACTS_FOR_FULL = 0.5  # share of the territory's facts that shows thorough knowledge
OVERLOADS_FOR_ZERO = 6  # contacts pushed over tolerance that leave no credit


def _ind(id_: str, label: str, value: float, acts: list[Act] | tuple[Evidence, ...],
         comment: str, expert: str) -> Indicator:  # fmt: skip
    evidence = tuple(a if isinstance(a, Evidence) else a.evidence() for a in acts)
    return Indicator.scored(id_, DIM, label, value, evidence, comment, expert)


def research_breadth(rec: GameRecord) -> Indicator:
    done = rec.of_kind("desk_research")
    accounts = {a.account for a in done}
    n = len(rec.scenario.accounts)
    return _ind("research_breadth", "Desk research across the territory", len(accounts) / n,
                done[:5], f"researched {len(accounts)} of {n} accounts",
                "start with desk research on every account before choosing")  # fmt: skip


def facts_found(rec: GameRecord) -> Indicator:
    heard = rec.world.known_facts()
    n = len(rec.scenario.facts) or 1
    acts = [a for a in rec.acts if a.revealed]
    return _ind("facts_found", "Insights discovered", len(heard) / n / FACTS_FOR_FULL, acts[:5],
                f"{len(heard)} of {n} facts discovered",
                "dig deeper: pathway mapping, the DMU, the right questions")  # fmt: skip


def pathway_mapped(rec: GameRecord) -> Indicator:
    keys = rec.key_accounts()
    mapped = [a for a in rec.of_kind("map_pathway") if a.account in keys]
    accounts = {a.account for a in mapped}
    value = len(accounts) / len(keys) if keys else 0.0
    return _ind("pathway_mapped", "Patient pathway mapped on key accounts", value, mapped[:3],
                f"{len(accounts)} of {len(keys)} key accounts mapped",
                "map the patient pathway of each key account")  # fmt: skip


def cross_checked(rec: GameRecord) -> Indicator | None:
    """Facts with a misleading telling: did the trainee end up with the truth?"""
    doubtful = {f.id for f in rec.scenario.facts if f.misleading is not None}
    hearings = [h for h in rec.world.hearings if h.fact in doubtful]
    met = {h.fact for h in hearings}
    if not met:
        return None
    resolved = {h.fact for h in hearings if h.true_version}
    evidence = tuple(Evidence(h.week, f"heard the true version of {h.fact} ({h.source})")
                     for h in hearings if h.true_version)  # fmt: skip
    return _ind("cross_checked", "Conflicting information checked", len(resolved) / len(met),
                evidence[:5], f"{len(resolved)} of {len(met)} doubtful facts heard truthfully",
                "check a doubtful fact with a second, closer source")  # fmt: skip


def no_overload(rec: GameRecord) -> Indicator:
    """Contacts that pushed a person over their promotion tolerance, from the log."""
    pushes = [(i, e) for i, e in enumerate(rec.log) if e.data.get("overloaded")]
    count = sum(len(e.data["overloaded"]) for _, e in pushes)
    evidence = tuple(Evidence(e.week, f"{e.kind}: overloaded {', '.join(e.data['overloaded'])}", i)
                     for i, e in pushes[:5])  # fmt: skip
    promos = [a for a in rec.acts if a.action.get("purpose") == "promote"]
    value = 1 - count / OVERLOADS_FOR_ZERO
    # full credit needs evidence of contact: someone who never met anyone is not customer-centric
    contacts = rec.of_kind("meet")
    ind = _ind("no_overload", "No promotional overload", value if contacts else 0.0,
               evidence or tuple(a.evidence() for a in contacts[:3]),
               f"{count} contact(s) over tolerance; {len(promos)} promotional meeting(s)",
               "keep promotion below what each person tolerates")  # fmt: skip
    return ind


def campaign_judgement(rec: GameRecord) -> Indicator | None:
    """Hold back campaigns that reach true key accounts (the plan comes first); others may run."""
    campaigns = rec.scenario.company.brand_campaigns
    if not campaigns:
        return None
    key = rec.true_key()
    credit, evidence = 0.0, []
    decided = {a.action["campaign"]: a for a in rec.acts if "campaign" in a.action}
    for camp in campaigns:
        reaches = camp.accounts == "all" or bool(key & set(camp.accounts))
        act = decided.get(camp.id)
        held = act is not None and act.kind == "hold_campaign"
        if act is not None:
            evidence.append(act.evidence())
        if reaches:
            credit += 1.0 if held else 0.0
        else:
            credit += 0.0 if act is None else (0.5 if held else 1.0)
    return _ind("campaign_judgement", "Brand campaigns judged against the plan",
                credit / len(campaigns), tuple(evidence[:6]),
                f"{sum(a.kind == 'hold_campaign' for a in decided.values())} held, "
                f"{sum(a.kind == 'approve_campaign' for a in decided.values())} approved",
                "hold back campaigns that would overload your key accounts")  # fmt: skip


def kpi_reviews(rec: GameRecord) -> Indicator:
    """Months after a key plan's agreement with a KPI review of that account."""
    shares = []
    for acc in rec.key_accounts():
        agreed = rec.world.accounts[acc].agreed
        if agreed is None or agreed.agreed_week is None:
            shares.append(0.0)
            continue
        start = agreed.agreed_week
        months = max(1, (rec.scenario.meta.duration_weeks - start) // 4 + 1)
        reviewed = {(w - start) // 4 for w, a in rec.world.reviews if a == acc and w >= start}
        shares.append(min(1.0, len(reviewed) / months))
    value = sum(shares) / len(shares) if shares else 0.0
    acts = rec.of_kind("review_kpis")
    return _ind(
        "kpi_reviews",
        "KPIs monitored on key accounts",
        value,
        acts[:4],
        f"{len(acts)} KPI review(s)",
        "review each key account's KPIs every month",
    )


def behaviours(rec: GameRecord) -> list[Indicator]:
    found = [research_breadth(rec), facts_found(rec), pathway_mapped(rec), cross_checked(rec),
             no_overload(rec), campaign_judgement(rec), kpi_reviews(rec)]  # fmt: skip
    return [i for i in found if i is not None]
