"""Account-plan quality: each key-account plan judged on the seven steps of KAM planning.

1 analysis · 2 segmentation · 3 decision-making unit · 4 diagnosis (SWOT) · 5 objectives ·
6 tactical plan · 7 agreement and follow-up.

The plan judged is the plan in force: the version the customer agreed, not the latest draft
(a never-agreed last-week draft listing every project earns nothing). The accounts judged are
the trainee's key accounts and the truly key ones: a key account left without a plan scores
its steps at zero. A plan element earns grounding credit only when a fact the trainee
discovered backs it, in the version heard; a claim about the world (a blockage lifted, an
objective met) earns full credit only where the world made it true.
"""

from __future__ import annotations

from dataclasses import replace

from kamsim.scenario.accounts import Account
from kamsim.scenario.base import Need
from kamsim.scenario.knowledge import Fact, Implication
from kamsim.scoring.card import Evidence, Indicator
from kamsim.scoring.objectives import judge
from kamsim.scoring.record import GameRecord
from kamsim.sim import market
from kamsim.sim.result import AccountRecord, PlanRecord
from kamsim.sums import ordered_sum

DIM = "plan_quality"
STEPS = ("analysis", "segmentation", "dmu", "swot", "objectives", "tactics", "agreement")


class PlanContext:
    """What one account's plan is judged against: its truth and what the trainee heard."""

    def __init__(self, rec: GameRecord, account: str) -> None:
        self.rec = rec
        self.id = account
        self.record: AccountRecord = rec.account(account)
        self.spec: Account = rec.scenario.account(account)
        self.facts: dict[str, Fact] = {f.id: f for f in rec.scenario.facts if f.account == account}
        self.heard: dict[str, Implication] = {}  # fact → what the version heard implies
        self.true_heard: set[str] = set()
        for h in rec.result.hearings:
            if h.account == account and h.fact in self.facts:
                fact = self.facts[h.fact]
                truthful = h.true_version or fact.misleading is None
                if truthful:
                    self.true_heard.add(h.fact)
                if h.fact not in self.heard or truthful:
                    self.heard[h.fact] = fact.implies if truthful else fact.misleading.implies  # type: ignore[union-attr]
        self.writes = rec.of_kind("write_plan", account)
        self.agrees = [a for a in rec.of_kind("agree_plan", account) if a.answer == "yes"]

    @property
    def in_force(self) -> PlanRecord | None:
        return self.record.in_force

    def true_needs(self) -> tuple[set[Need], set[Need]]:
        return set(self.spec.truth.primary_needs), set(self.spec.truth.secondary_needs)

    def agreed_evidence(self) -> tuple[Evidence, ...]:
        return (self.agrees[-1].evidence(),) if self.agrees else ()

    def text(self, step: str, field: str, **values: object) -> str:
        return self.rec.rubric.text(step, field, account=self.spec.name, **values)


def _indicator(ctx: PlanContext, step: str, value: float, evidence: tuple[Evidence, ...],
               comment: str, expert: str) -> Indicator:  # fmt: skip
    return Indicator.scored(f"plan:{ctx.id}:{step}", DIM, ctx.text(step, "label"), value,
                            evidence, comment, expert, ctx.id)  # fmt: skip


def _no_plan(ctx: PlanContext, step: str, expert: str) -> Indicator:
    return _indicator(ctx, step, 0.0, (), "no plan agreed with the customer", expert)


def analysis(ctx: PlanContext) -> Indicator:
    """Facts discovered about the account, true versions counting fully."""
    expert = ctx.text("analysis", "expert")
    if not ctx.facts:
        return _indicator(ctx, "analysis", 1.0, ctx.agreed_evidence(), "no facts to find", "")
    misled = len(ctx.heard) - len(ctx.true_heard)
    coverage = (len(ctx.true_heard) + 0.5 * misled) / len(ctx.facts)
    acts = [a for a in ctx.rec.by_account.get(ctx.id, []) if a.revealed]
    evidence = tuple(a.evidence(f"{a.text}: {len(a.revealed)} fact(s) found") for a in acts)
    full = float(ctx.rec.rubric.get("plan_quality.full_coverage"))
    return _indicator(ctx, "analysis", coverage / full, evidence,
                      f"{len(ctx.heard)} of {len(ctx.facts)} facts found ({misled} misleading)",
                      expert)  # fmt: skip


def _backed(ctx: PlanContext, claim: str, value: object) -> bool:
    """Does a heard fact imply this claim (a segment or a need)?"""
    for imp in ctx.heard.values():
        if claim == "segment" and imp.segment == value:
            return True
        if claim == "need" and value in imp.needs:
            return True
    return False


def segmentation(ctx: PlanContext) -> Indicator:
    """True segment and needs of the plan in force, each credited only when a fact backs it."""
    truth = ctx.spec.truth
    expert = ctx.text(
        "segmentation",
        "expert",
        segment=truth.segment.value.replace("_", " "),
        needs=", ".join(n.value.replace("_", " ") for n in truth.primary_needs),
    )
    plan = ctx.in_force
    if plan is None:
        return _no_plan(ctx, "segmentation", expert)
    primary, secondary = ctx.true_needs()
    seg = plan.plan.segment == truth.segment and _backed(ctx, "segment", plan.plan.segment)
    needs = plan.plan.needs
    good = [n for n in needs if (n in primary or n in secondary) and _backed(ctx, "need", n)]
    precision = len(good) / len(needs) if needs else 0.0
    recall = len(set(good) & primary) / len(primary)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return _indicator(
        ctx, "segmentation", 0.5 * seg + 0.5 * f1, ctx.agreed_evidence(),
        f"segment {'right' if seg else 'wrong or unsupported'}; {len(good)} backed true need(s)",
        expert,
    )  # fmt: skip


def dmu(ctx: PlanContext) -> Indicator:
    """Share of the DMU's true influence met to listen, discover or co-create before the plan
    was agreed (all year without a plan), and the hidden members found.

    A promotional call is not stakeholder mapping, so it does not count as having met someone.
    """
    plan = ctx.in_force
    by = plan.agreed_week if plan and plan.agreed_week else ctx.rec.duration
    people = [s for s in ctx.spec.stakeholders if s.id in ctx.record.present]
    total = ordered_sum(p.influence for p in people) or 1.0
    meets = [a for a in ctx.rec.of_kind("meet", ctx.id)
             if a.action["purpose"] != "promote" and a.week <= by]  # fmt: skip
    contacted = {a.action["stakeholder"] for a in meets}
    met = ordered_sum(p.influence for p in people if p.id in contacted)
    hidden = [p.id for p in ctx.spec.stakeholders if not p.visible]
    mapped = ctx.rec.of_kind("map_dmu", ctx.id)
    found_all = bool(mapped) or (not hidden and met > 0)  # nothing hidden: meeting is enough
    share = float(ctx.rec.rubric.get("plan_quality.dmu_met"))
    value = share * met / total + (1 - share) * found_all
    evidence = tuple(a.evidence() for a in (*mapped[:1], *meets[:4]))
    unmet = sorted((p for p in people if p.id not in contacted), key=lambda p: -p.influence)
    names = ", ".join(p.role for p in unmet[:2]) or "the hidden members (map the DMU)"
    return _indicator(ctx, "dmu", value, evidence,
                      f"met {met / total:.0%} of the DMU's influence beyond promotion before the "
                      "plan", ctx.text("dmu", "expert", people=names))  # fmt: skip


def swot(ctx: PlanContext) -> Indicator:
    """SWOT items tied to discovered facts heard truthfully, each in the right quadrant.

    A quadrant counts as filled only by an item whose fact belongs there: one line per empty
    quadrant citing any neutral fact fills nothing.
    """
    expert = ctx.text("swot", "expert")
    plan = ctx.in_force
    if plan is None or not plan.plan.swot:
        return _indicator(ctx, "swot", 0, (), "no SWOT in the plan in force", expert)
    scores, filled = [], set()
    for item in plan.plan.swot:
        cited = [f for f in item.facts if f in ctx.heard]
        if not cited:
            scores.append(0.0)
            continue
        true = [f for f in cited if f in ctx.true_heard]
        placed = [f for f in true if ctx.facts[f].implies.swot == item.kind]
        if placed:
            filled.add(item.kind)
        scores.append(0.5 * len(true) / len(cited) + 0.5 * len(placed) / len(cited))
    grounded = float(ctx.rec.rubric.get("plan_quality.swot_grounded"))
    value = grounded * ordered_sum(scores) / len(scores) + (1 - grounded) * len(filled) / 4
    based = ordered_sum(s > 0 for s in scores)
    return _indicator(ctx, "swot", value, ctx.agreed_evidence(),
                      f"{len(plan.plan.swot)} item(s), {based} grounded, "
                      f"{len(filled)} quadrant(s) rightly filled", expert)  # fmt: skip


def objectives(ctx: PlanContext) -> Indicator:
    """Specific and realistic for this account from where it stood, and met by their dates."""
    expert = ctx.text("objectives", "expert")
    plan = ctx.in_force
    if plan is None or not plan.plan.objectives or plan.agreed_week is None:
        return _indicator(ctx, "objectives", 0, (), "no objectives in a plan in force", expert)
    o = ctx.rec.rubric.get("objectives")
    share = float(o["realistic_share"])
    judged = [judge(ctx.rec, ctx.id, obj, plan.agreed_week) for obj in plan.plan.objectives]
    credit = [share * (j.specific and j.realistic) + (1 - share) * j.met for j in judged]
    value = ordered_sum(credit) / len(credit) * min(1.0, len(credit) / int(o["min_count"]))
    realistic = ordered_sum(j.realistic for j in judged)
    met = ordered_sum(j.met for j in judged)
    return _indicator(ctx, "objectives", value, ctx.agreed_evidence(),
                      f"{realistic} of {len(judged)} objective(s) realistic, {met} met; "
                      + "; ".join(j.why for j in judged[:3]), expert)  # fmt: skip


def _fit(ctx: PlanContext, project_ids: tuple[str, ...]) -> float:
    """Fit of projects to the true needs and segment: the world's own measure."""
    projects = {p.id: p for p in ctx.rec.scenario.projects}
    return market.truth_fit(ctx.spec.truth, [projects[p] for p in project_ids])


def tactics(ctx: PlanContext) -> Indicator:
    """Projects that fit the true needs and segment, and the real blockages actually lifted."""
    projects = {p.id: p for p in ctx.rec.scenario.projects}
    best = sorted(projects.values(), key=lambda p: (-_fit(ctx, (p.id,)), p.id))[:2]
    expert = ctx.text("tactics", "expert", projects=", ".join(p.name for p in best))
    plan = ctx.in_force
    if plan is None or not plan.plan.tactics:
        return _indicator(ctx, "tactics", 0, (), "no tactics in a plan in force", expert)
    fit = max(0.0, _fit(ctx, plan.plan.project_ids))
    blocks = [st.blockage.id for st in ctx.spec.truth.pathway if st.blockage]
    lifted = [b for b in blocks if b not in ctx.record.blockages_left]
    share = float(ctx.rec.rubric.get("plan_quality.tactics_fit"))
    value = share * fit + (1 - share) * len(lifted) / len(blocks) if blocks else fit
    comment = f"fit {fit:.2f}" + (f"; {len(lifted)} of {len(blocks)} blockage(s) lifted"
                                  if blocks else "")  # fmt: skip
    return _indicator(ctx, "tactics", value, ctx.agreed_evidence(), comment, expert)


def agreement(ctx: PlanContext) -> Indicator:
    """Agreed by the customer, co-created, monitored monthly, followed up when it slipped, and
    current: the plan documented last is the plan the customer agreed (a later draft never
    put to them is a plan only on paper)."""
    expert = ctx.text("agreement", "expert")
    plan = ctx.in_force
    w = ctx.rec.rubric.get("plan_quality.agreement")
    if plan is None or plan.agreed_week is None:
        tried = ctx.rec.of_kind("agree_plan", ctx.id)
        said = f"the customer said {tried[-1].answer.replace('_', ' ')}" if tried and \
            tried[-1].answer else "never put to the customer"  # fmt: skip
        return _indicator(ctx, "agreement", 0, (), f"not agreed: {said}", expert)
    first = ctx.agrees[0].week if ctx.agrees else plan.agreed_week
    reviews = sorted({w_ for w_, a in ctx.rec.result.reviews if a == ctx.id and w_ >= first})
    months = max(1, (ctx.rec.duration - first) // 4 + 1)
    monitored = min(1.0, len({(r - first) // 4 for r in reviews}) / months)
    slips = [p for p, _ in ctx.record.slipped]
    recovered = ordered_sum(p in ctx.record.recovered for p in slips)
    followed = recovered / len(slips) if slips else monitored
    latest = ctx.record.latest
    current = latest is not None and latest.version == plan.version
    value = (w["agreed"] + w["co_created"] * plan.co_created + w["monitored"] * monitored
             + w["followed_up"] * followed + w["current"] * current)  # fmt: skip
    evidence: list[Evidence] = [a.evidence() for a in ctx.agrees[-1:]]
    evidence += [a.evidence() for a in ctx.rec.of_kind("review_kpis", ctx.id)[:2]]
    parts = ["agreed", "co-created" if plan.co_created else "not co-created",
             f"{monitored:.0%} of months reviewed",
             f"{recovered} of {len(slips)} slip(s) recovered" if slips else "",
             "" if current else "a later draft was never agreed"]  # fmt: skip
    return _indicator(ctx, "agreement", value, tuple(evidence), ", ".join(p for p in parts if p),
                      expert)  # fmt: skip


STEP_FUNCS = (analysis, segmentation, dmu, swot, objectives, tactics, agreement)


def plan_quality(rec: GameRecord) -> tuple[float, list[Indicator]]:
    """Mean over the judged accounts of the mean of the seven steps (0 without any), each
    account weighted as its plan counts (`GameRecord.plan_weights`)."""
    accounts = rec.planned_accounts()
    if not accounts:
        return 0.0, [Indicator("plan:none", DIM, rec.rubric.text("no_plan", "label"), 0.0, 1.0, (),
                               "no key accounts, so no key-account plans",
                               rec.rubric.text("no_plan", "expert"))]  # fmt: skip
    indicators: list[Indicator] = []
    per_account: dict[str, float] = {}
    for acc in accounts:
        ctx = PlanContext(rec, acc)
        weight = rec.plan_weights[acc]
        steps = [replace(f(ctx), weight=weight) for f in STEP_FUNCS]
        indicators.extend(steps)
        per_account[acc] = ordered_sum(s.value for s in steps) / len(steps)
    return rec.plan_weighted(per_account), indicators
