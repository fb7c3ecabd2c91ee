"""Behavioural indicators that are not a prioritisation or plan step on their own.

Each is 0–1 with the log entries behind it; `competencies.yaml` says which competency each
one is evidence for. Each rewards behaviour the world pays for: facts found change plans,
front-line staff hold what seniors do not say, overload costs attitude and trust, a heavy
campaign on key people backfires while a held light one wastes goodwill, and a KPI review is
how a slipping project is found.
"""

from __future__ import annotations

from kamsim.scenario.knowledge import Method
from kamsim.scoring.card import Evidence, Indicator
from kamsim.scoring.record import Act, GameRecord
from kamsim.sums import ordered_sum

DIM = "competencies"


def _ind(rec: GameRecord, id_: str, value: float, acts: list[Act] | tuple[Evidence, ...],
         comment: str, **texts: object) -> Indicator:  # fmt: skip
    evidence = tuple(a if isinstance(a, Evidence) else a.evidence() for a in acts)
    return Indicator.scored(id_, DIM, rec.rubric.text(id_, "label"), value, evidence, comment,
                            rec.rubric.text(id_, "expert", **texts))  # fmt: skip


def research_breadth(rec: GameRecord) -> Indicator:
    done = rec.of_kind("desk_research")
    accounts = {a.account for a in done}
    n = len(rec.scenario.accounts)
    return _ind(rec, "research_breadth", len(accounts) / n, done[:5],
                f"researched {len(accounts)} of {n} accounts")  # fmt: skip


def facts_found(rec: GameRecord) -> Indicator:
    heard = rec.result.known_facts()
    n = len(rec.scenario.facts) or 1
    acts = [a for a in rec.acts if a.revealed]
    full = float(rec.rubric.get("behaviours.facts_for_full"))
    return _ind(rec, "facts_found", len(heard) / n / full, acts[:5],
                f"{len(heard)} of {n} facts discovered")  # fmt: skip


def pathway_mapped(rec: GameRecord) -> Indicator:
    keys = rec.planned_accounts()
    mapped = [a for a in rec.of_kind("map_pathway") if a.account in keys]
    accounts = {a.account for a in mapped}
    value = rec.plan_weighted({a: float(a in accounts) for a in keys})
    return _ind(rec, "pathway_mapped", value, mapped[:3],
                f"{len(accounts)} of {len(keys)} key accounts mapped")  # fmt: skip


def cross_checked(rec: GameRecord) -> Indicator | None:
    """Facts with a misleading telling: did the trainee end up with the truth?"""
    doubtful = {f.id for f in rec.scenario.facts if f.misleading is not None}
    hearings = [h for h in rec.result.hearings if h.fact in doubtful]
    met = {h.fact for h in hearings}
    if not met:
        return None
    resolved = {h.fact for h in hearings if h.true_version}
    evidence = tuple(Evidence(h.week, f"heard the true version of '{_title(rec, h.fact)}'")
                     for h in hearings if h.true_version)  # fmt: skip
    return _ind(rec, "cross_checked", len(resolved) / len(met), evidence[:5],
                f"{len(resolved)} of {len(met)} doubtful facts heard truthfully")  # fmt: skip


def _title(rec: GameRecord, fact_id: str) -> str:
    return next((f.title for f in rec.scenario.facts if f.id == fact_id), fact_id)


def front_line(rec: GameRecord) -> Indicator | None:
    """Of the facts about the judged accounts that only front-line staff hold, the share heard."""
    accounts = set(rec.planned_accounts())
    staff = {s.id: s for a in rec.scenario.accounts if a.id in accounts for s in a.stakeholders
             if s.front_line}  # fmt: skip
    only = [
        f
        for f in rec.scenario.facts
        if f.account in accounts
        and f.sources
        and all(s.via is Method.MEETING and s.stakeholder in staff for s in f.sources)
    ]
    if not only:
        return None
    heard = [h for h in rec.result.hearings if h.fact in {f.id for f in only} and h.true_version]
    got = {h.fact for h in heard}
    weights = rec.plan_weights
    share = ordered_sum(weights[f.account] for f in only if f.id in got) / ordered_sum(
        weights[f.account] for f in only
    )
    evidence = tuple(Evidence(h.week, f"front-line staff told you '{_title(rec, h.fact)}'")
                     for h in heard)  # fmt: skip
    who = sorted({staff[s.stakeholder].role for f in only if f.id not in got for s in f.sources
                  if s.stakeholder in staff})  # fmt: skip
    return _ind(rec, "front_line", share, evidence[:5],
                f"{len(got)} of {len(only)} facts only front-line staff hold",
                people=", ".join(who) or "—")  # fmt: skip


def no_overload(rec: GameRecord) -> Indicator:
    """Contacts that pushed a person over their promotion tolerance, from the log."""
    pushes = [(i, e) for i, e in enumerate(rec.log) if e.data.get("overloaded")]
    count = ordered_sum(len(e.data["overloaded"]) for _, e in pushes)
    people = rec.names
    evidence = tuple(
        Evidence(e.week, f"overloaded {', '.join(people.person(p) for p in e.data['overloaded'])}",
                 i)
        for i, e in pushes[:5]
    )  # fmt: skip
    promos = [a for a in rec.acts if a.action.get("purpose") == "promote"]
    value = 1 - count / float(rec.rubric.get("behaviours.overloads_for_zero"))
    # full credit needs evidence of contact: someone who never met anyone is not customer-centric
    contacts = rec.of_kind("meet")
    return _ind(
        rec,
        "no_overload",
        value if contacts else 0.0,
        evidence or tuple(a.evidence() for a in contacts[:3]),
        f"{count} contact(s) over tolerance; {len(promos)} promotional meeting(s)",
    )


def campaign_judgement(rec: GameRecord) -> Indicator | None:
    """Per campaign: hold the heavy ones that reach a true key account, let the light ones run.

    Holding a light campaign spends goodwill for little (partial credit); an overruled hold, an
    undecided campaign or a heavy one approved onto key people earn nothing.
    """
    campaigns = rec.scenario.company.brand_campaigns
    if not campaigns:
        return None
    heavy_at = float(rec.rubric.get("behaviours.heavy_campaign"))
    light_hold = float(rec.rubric.get("behaviours.light_hold_credit"))
    key = rec.true_key()
    credit, evidence = 0.0, []
    decided = {a.action["campaign"]: a for a in rec.acts if "campaign" in a.action}
    for camp in campaigns:
        reaches = camp.accounts == "all" or bool(key & set(camp.accounts))
        harmful = reaches and camp.fatigue >= heavy_at
        decision = rec.result.campaigns.get(camp.id, ("", 0))[0]
        act = decided.get(camp.id)
        if act is not None:
            evidence.append(act.evidence())
        if decision == "held":
            credit += 1.0 if harmful else light_hold
        elif decision == "approved":
            credit += 0.0 if harmful else 1.0
    held = ordered_sum(d == "held" for d, _ in rec.result.campaigns.values())
    approved = ordered_sum(d == "approved" for d, _ in rec.result.campaigns.values())
    return _ind(rec, "campaign_judgement", credit / len(campaigns), tuple(evidence[:6]),
                f"{held} held, {approved} approved of {len(campaigns)}")  # fmt: skip


def kpi_reviews(rec: GameRecord) -> Indicator:
    """Months after each judged plan's agreement with a KPI review of that account, each plan
    weighted as it counts (`GameRecord.plan_weights`)."""
    shares: dict[str, float] = {}
    for acc in rec.planned_accounts():
        plan = rec.account(acc).in_force
        agreed = [a.week for a in rec.of_kind("agree_plan", acc) if a.answer == "yes"]
        if plan is None or not agreed:
            shares[acc] = 0.0
            continue
        start = agreed[0]
        months = max(1, (rec.duration - start) // 4 + 1)
        reviewed = {(w - start) // 4 for w, a in rec.result.reviews if a == acc and w >= start}
        shares[acc] = min(1.0, len(reviewed) / months)
    value = rec.plan_weighted(shares)
    acts = rec.of_kind("review_kpis")
    return _ind(rec, "kpi_reviews", value, acts[:4], f"{len(acts)} KPI review(s)")


def behaviours(rec: GameRecord) -> list[Indicator]:
    found = [
        research_breadth(rec),
        facts_found(rec),
        pathway_mapped(rec),
        cross_checked(rec),
        front_line(rec),
        no_overload(rec),
        campaign_judgement(rec),
        kpi_reviews(rec),
    ]
    return [i for i in found if i is not None]
