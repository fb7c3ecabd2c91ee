"""Account-plan quality: each key-account plan judged on the seven steps of KAM planning.

1 analysis · 2 segmentation · 3 decision-making unit · 4 diagnosis (SWOT) · 5 objectives ·
6 tactical plan · 7 agreement and monitoring. A plan element earns grounding credit only when
a fact the trainee actually discovered backs it, in the version they heard.
"""

from __future__ import annotations

from kamsim.scenario.accounts import Account
from kamsim.scenario.base import Need
from kamsim.scenario.knowledge import Fact, Implication
from kamsim.scoring.card import Evidence, Indicator
from kamsim.scoring.realism import realistic
from kamsim.scoring.record import GameRecord
from kamsim.sim import market
from kamsim.sim.actions import Plan
from kamsim.sim.state import AccountState

DIM = "plan_quality"
FULL_COVERAGE = 0.6  # share of an account's facts that counts as a thorough analysis
STEPS = ("analysis", "segmentation", "dmu", "swot", "objectives", "tactics", "agreement")


class PlanContext:
    """What one account's plan is judged against: its truth and what the trainee heard."""

    def __init__(self, rec: GameRecord, account: str) -> None:
        self.rec = rec
        self.id = account
        self.state: AccountState = rec.world.accounts[account]
        self.spec: Account = self.state.spec
        self.facts: dict[str, Fact] = {f.id: f for f in rec.scenario.facts if f.account == account}
        self.heard: dict[str, Implication] = {}  # fact → what the version heard implies
        self.true_heard: set[str] = set()
        for h in rec.world.hearings:
            if h.account == account and h.fact in self.facts:
                fact = self.facts[h.fact]
                truthful = h.true_version or fact.misleading is None
                if truthful:
                    self.true_heard.add(h.fact)
                if h.fact not in self.heard or truthful:
                    self.heard[h.fact] = fact.implies if truthful else fact.misleading.implies
        self.writes = rec.of_kind("write_plan", account)
        self.agrees = rec.of_kind("agree_plan", account)

    @property
    def plan(self) -> Plan | None:
        return self.state.plan.plan if self.state.plan else None

    def true_needs(self) -> tuple[set[Need], set[Need]]:
        return set(self.spec.truth.primary_needs), set(self.spec.truth.secondary_needs)

    def write_evidence(self) -> tuple[Evidence, ...]:
        return (self.writes[-1].evidence(),) if self.writes else ()


def _indicator(ctx: PlanContext, step: str, value: float, evidence: tuple[Evidence, ...],
               comment: str, expert: str) -> Indicator:  # fmt: skip
    return Indicator.scored(f"plan:{ctx.id}:{step}", DIM, f"{ctx.spec.name}: {step}", value,
                            evidence, comment, expert, ctx.id)  # fmt: skip


def analysis(ctx: PlanContext) -> Indicator:
    """Facts discovered about the account, true versions counting fully."""
    if not ctx.facts:
        return _indicator(ctx, "analysis", 1.0, ctx.write_evidence(), "no facts to find", "")
    misled = len(ctx.heard) - len(ctx.true_heard)
    coverage = (len(ctx.true_heard) + 0.5 * misled) / len(ctx.facts)
    acts = [a for a in ctx.rec.by_account.get(ctx.id, []) if a.revealed]
    evidence = tuple(a.evidence(f"{a.action['kind']} revealed {', '.join(a.revealed)}")
                     for a in acts)  # fmt: skip
    return _indicator(
        ctx,
        "analysis",
        coverage / FULL_COVERAGE,
        evidence,
        f"{len(ctx.heard)} of {len(ctx.facts)} facts found ({misled} misleading)",
        "research more widely: desk research, pathway mapping, the right people",
    )


def _backed(ctx: PlanContext, claim: str, value: object) -> bool:
    """Does a heard fact imply this claim (a segment or a need)?"""
    for imp in ctx.heard.values():
        if claim == "segment" and imp.segment == value:
            return True
        if claim == "need" and value in imp.needs:
            return True
    return False


def segmentation(ctx: PlanContext) -> Indicator:
    """True segment and needs, each credited only when a discovered fact backs it."""
    plan = ctx.plan
    if plan is None:
        return _indicator(ctx, "segmentation", 0, (), "no plan", "write a plan")
    primary, secondary = ctx.true_needs()
    seg = plan.segment == ctx.spec.truth.segment and _backed(ctx, "segment", plan.segment)
    good = [n for n in plan.needs if (n in primary or n in secondary) and _backed(ctx, "need", n)]
    precision = len(good) / len(plan.needs) if plan.needs else 0.0
    recall = len(set(good) & primary) / len(primary)
    needs = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    truth = ctx.spec.truth
    wanted = ", ".join(n.value for n in truth.primary_needs)
    return _indicator(
        ctx, "segmentation", 0.5 * seg + 0.5 * needs, ctx.write_evidence(),
        f"segment {'right' if seg else 'wrong or unsupported'}; {len(good)} backed true need(s)",
        f"a {truth.segment.value} account needing {wanted}",
    )  # fmt: skip


def dmu(ctx: PlanContext) -> Indicator:
    """Share of the DMU's true influence met to listen, discover or co-create; hidden found.

    A promotional call is not stakeholder mapping, so it does not count as having met someone.
    """
    people = ctx.state.present_people()
    total = sum(p.spec.influence for p in people) or 1.0
    meets = [a for a in ctx.rec.of_kind("meet", ctx.id) if a.action["purpose"] != "promote"]
    contacted = {a.action["stakeholder"] for a in meets}
    met = sum(p.spec.influence for p in people if p.id in contacted)
    hidden = any(not p.spec.visible for p in ctx.state.people.values())
    mapped = ctx.rec.of_kind("map_dmu", ctx.id)
    found_all = bool(mapped) or (not hidden and met > 0)  # nothing hidden: meeting is enough
    value = 0.8 * met / total + 0.2 * found_all
    evidence = tuple(a.evidence() for a in (*mapped[:1], *meets[:4]))
    unmet = sorted((p for p in people if p.id not in contacted), key=lambda p: -p.spec.influence)
    expert = f"meet {', '.join(p.spec.role for p in unmet[:2])}" if unmet else "map the DMU"
    return _indicator(ctx, "dmu", value, evidence,
                      f"met {met / total:.0%} of the DMU's influence beyond promotion",
                      expert)  # fmt: skip


def swot(ctx: PlanContext) -> Indicator:
    """SWOT items tied to discovered facts, heard truthfully, in the right quadrant."""
    plan = ctx.plan
    if plan is None or not plan.swot:
        return _indicator(ctx, "swot", 0, (), "no SWOT", "build a SWOT from what you found")
    scores = []
    for item in plan.swot:
        cited = [f for f in item.facts if f in ctx.heard]
        if not cited:
            scores.append(0.0)
            continue
        true = [f for f in cited if f in ctx.true_heard]
        placed = [f for f in true if ctx.facts[f].implies.swot in (None, item.kind)]
        scores.append(0.5 * len(true) / len(cited) + 0.5 * len(placed) / len(cited))
    kinds = len({i.kind for i in plan.swot}) / 4
    value = 0.8 * sum(scores) / len(scores) + 0.2 * kinds
    return _indicator(ctx, "swot", value, ctx.write_evidence(),
                      f"{len(plan.swot)} item(s), {sum(s > 0 for s in scores)} grounded",
                      "cite discovered, cross-checked facts in each SWOT item")  # fmt: skip


def objectives(ctx: PlanContext) -> Indicator:
    """KPI + target + date, realistic against the account's current figures and potential."""
    plan = ctx.plan
    if plan is None or not plan.objectives:
        return _indicator(ctx, "objectives", 0, (), "no objectives", "set KPI objectives")
    end = ctx.rec.scenario.meta.duration_weeks
    ok = [realistic(o, ctx.state, end) for o in plan.objectives]
    value = sum(ok) / len(ok) * min(1.0, len(ok) / 2)
    return _indicator(ctx, "objectives", value, ctx.write_evidence(),
                      f"{sum(ok)} of {len(ok)} objective(s) specific and realistic",
                      "two or more objectives: a KPI, a realistic target, a date")  # fmt: skip


def tactics_fit(ctx: PlanContext, project_ids: tuple[str, ...]) -> float:
    """Fit of projects to the true needs and segment: the world's own measure."""
    projects = {p.id: p for p in ctx.rec.scenario.projects}
    return market.fit(ctx.state, [projects[pid] for pid in project_ids])


def tactics(ctx: PlanContext) -> Indicator:
    """Projects that meet the true needs and segment, and remove the real blockages."""
    plan = ctx.plan
    if plan is None or not plan.tactics:
        return _indicator(ctx, "tactics", 0, (), "no tactics", "choose joint projects")
    fit = max(0.0, tactics_fit(ctx, plan.project_ids))
    blocks = [st.blockage for st in ctx.spec.truth.pathway if st.blockage]
    projects = {p.id: p for p in ctx.rec.scenario.projects}
    served = {n for pid in plan.project_ids for n in projects[pid].serves}
    addressed = sum(bool(set(b.resolved_by) & served) for b in blocks) / max(1, len(blocks))
    value = 0.7 * fit + 0.3 * addressed if blocks else fit
    best = sorted(projects.values(), key=lambda p: -tactics_fit(ctx, (p.id,)))[:2]
    comment = f"fit {fit:.2f}" + (f"; {addressed:.0%} of blockages addressed" if blocks else "")
    return _indicator(ctx, "tactics", value, ctx.write_evidence(), comment,
                      f"projects such as {', '.join(p.name for p in best)}")  # fmt: skip


def agreement(ctx: PlanContext) -> Indicator:
    """Agreed with the customer, co-created with most of the DMU, reviewed and updated."""
    agreed = ctx.state.agreed
    reviews = [w for w, a in ctx.rec.world.reviews if a == ctx.id]
    reviewed = bool(agreed and any(w >= agreed.agreed_week for w in reviews))
    updated = bool(reviews and any(a.week >= min(reviews) for a in ctx.writes[1:]))
    value = (0.3 * bool(agreed) + 0.3 * bool(agreed and agreed.co_created)
             + 0.2 * reviewed + 0.2 * updated)  # fmt: skip
    evidence: list[Evidence] = [a.evidence() for a in ctx.agrees[-1:]]
    evidence += [a.evidence() for a in ctx.rec.of_kind("review_kpis", ctx.id)[:2]]
    parts = [
        ("agreed" if agreed else "not agreed"),
        ("co-created" if agreed and agreed.co_created else "not co-created"),
        ("reviewed" if reviewed else "not reviewed"),
        ("updated" if updated else ""),
    ]
    return _indicator(ctx, "agreement", value, tuple(evidence), ", ".join(p for p in parts if p),
                      "co-create with the people who hold most influence, then review and "
                      "update the plan as KPIs move")  # fmt: skip


STEP_FUNCS = (analysis, segmentation, dmu, swot, objectives, tactics, agreement)


def plan_quality(rec: GameRecord) -> tuple[float, list[Indicator]]:
    """Mean over the trainee's key accounts of the mean of the seven steps (0 without any)."""
    keys = rec.key_accounts()
    if not keys:
        return 0.0, [Indicator("plan:none", DIM, "Key-account plans", 0.0, 1.0, (),
                               "no key accounts, so no key-account plans",
                               "choose a small key set and plan each key account")]  # fmt: skip
    indicators: list[Indicator] = []
    per_account = []
    for acc in keys:
        ctx = PlanContext(rec, acc)
        steps = [f(ctx) for f in STEP_FUNCS]
        indicators.extend(steps)
        per_account.append(sum(s.value for s in steps) / len(steps))
    return sum(per_account) / len(per_account), indicators
