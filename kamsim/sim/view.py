"""What the trainee knows: a frozen, JSON-ready snapshot for the UI, bots and tests.

Built only from public content (briefing, hard data, catalogue), the trainee's own choices and
what they have discovered. Never the truth: no criteria scores, segment, needs, influence,
susceptibility, links' weights, true attitudes or ids of undiscovered facts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any

from kamsim.scenario.base import RELATIONSHIP_VALUES, relationship_level
from kamsim.scenario.knowledge import Fact, Implication
from kamsim.scenario.model import Scenario
from kamsim.sim.log import plain
from kamsim.sim.state import AccountState, Answer, Catalog, Hearing, Person, World

# Links at least this strong are shown as "strong". A presentation threshold, not a mechanism:
# the world uses the exact strengths, and the trainee only ever sees this two-word summary, so
# it stays here with the rest of what the view shows rather than in the scenario's Dynamics.
STRONG_LINK = 0.5


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    role: str
    outside_roles: tuple[str, ...]
    present: bool
    meetings: int
    perceived_attitude: float | None  # as sensed at the last meeting (noisy)
    relationship: str  # level name
    links: tuple[tuple[str, str], ...]  # (to, "strong"|"weak"), only after DMU mapping
    front_line: bool  # front-line staff (nurse, pharmacist, day-unit manager): a visible role
    declined_week: int | None = None  # the last week they declined a meeting (not again then)


@dataclass(frozen=True)
class StageView:
    id: str
    name: str
    blockage: str | None  # shown only when a discovered fact points at it


@dataclass(frozen=True)
class PlanView:
    version: int
    status: str  # "draft" or "agreed"
    week_written: int
    agreed_week: int | None
    consulted: tuple[str, ...]
    plan: dict[str, Any]
    running: tuple[str, ...]
    delivered: tuple[str, ...]
    answer: dict[str, Any] | None  # the customer's latest answer: verdict and reasons
    slipping: tuple[tuple[str, int], ...]  # (project, week now due): slips a KPI review showed
    cooldown_until: int  # after a "no": the first week a plan can be put again


@dataclass(frozen=True)
class AccountView:
    id: str
    name: str
    kind: str
    region: str
    description: str
    committee: str | None
    hard_data: dict[str, Any]
    tier: str | None
    merged_into: str | None
    formulary: dict[str, str]
    sales_history: tuple[float, ...]  # hard-data months, then the game's months
    share_history: tuple[float, ...]  # starting share, then each month's
    field_days_this_month: float
    people: tuple[PersonView, ...]
    dmu_mapped: bool
    pathway_mapped: bool
    pathway: tuple[StageView, ...]  # empty until the pathway is mapped
    plan: PlanView | None
    reviews_monthly: bool = False  # the standing monthly KPI review is on
    last_review: int = 0  # the week of the latest KPI review, by hand or routine (0: never)


@dataclass(frozen=True)
class FactView:
    id: str
    account: str
    title: str
    text: str  # the version heard
    implies: dict[str, Any]  # what the version heard implies
    source: str
    week: int
    reliability: float  # of the source: a hint, not a verdict


@dataclass(frozen=True)
class View:
    scenario: dict[str, Any]
    week: int
    weeks_left: int
    finished: bool
    field_days_left: float
    budget_left: float
    friction: float
    friction_limit: float  # goodwill: holds past it are overruled by the brand director
    max_key_accounts: int
    products: tuple[dict[str, Any], ...]
    attractiveness_criteria: tuple[dict[str, Any], ...]
    questions: tuple[dict[str, Any], ...]
    projects: tuple[dict[str, Any], ...]
    colleagues: tuple[dict[str, Any], ...]
    accounts: tuple[AccountView, ...]
    facts: tuple[FactView, ...]
    inbox: tuple[dict[str, Any], ...]
    campaigns_decided: tuple[dict[str, Any], ...]
    calendar: tuple[dict[str, Any], ...]
    news: tuple[dict[str, Any], ...]
    kpis: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data (enums as values, tuples as lists)."""
        return plain(asdict(self))

    def account(self, account_id: str) -> AccountView:
        """The account with this id (StopIteration if there is none).

        Bots look accounts up by id hundreds of times a game, nearly always in the view they
        were just given: the last view's accounts by id are kept (with the view, so its id
        stays its own). Not a `functools.cached_property`: compiled (mypyc), that is a plain
        property and built the dict again at every look-up.
        """
        index = _INDEX
        if index is None or index[0] is not self:
            index = _index(self)
        found = index[1].get(account_id)
        if found is not None:
            return found
        return next(a for a in self.accounts if a.id == account_id)


_INDEX: tuple[View, dict[str, AccountView]] | None = None  # the last view looked in, by id


def _index(view: View) -> tuple[View, dict[str, AccountView]]:
    global _INDEX
    by_id: dict[str, AccountView] = {}
    for acc in view.accounts:
        by_id.setdefault(acc.id, acc)  # the first of an id wins
    _INDEX = (view, by_id)
    return _INDEX


def _implies(fact: Fact, hearing: Hearing) -> Implication:
    if hearing.true_version or fact.misleading is None:
        return fact.implies
    return fact.misleading.implies


def _fact_view(fact: Fact, hearing: Hearing) -> FactView:
    text = fact.text if hearing.true_version or fact.misleading is None else fact.misleading.text
    return FactView(
        fact.id,
        fact.account,
        fact.title,
        text,
        _implies(fact, hearing).model_dump(mode="json"),
        hearing.source,
        hearing.week,
        hearing.reliability,
    )


class ViewCache:
    """Per-game memo of what the view repeats from call to call.

    Bots and the UI ask for a view after every action; rebuilding the static parts (briefing,
    catalogue, hard data) and the append-only parts (facts heard, KPI records) each time made
    `view()` most of a bot game's cost. Parts are shared between views: treat them as read-only.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.public = _public(scenario)
        self.catalogue = _catalogue(scenario)
        self.hard_data = {a.id: a.hard_data.model_dump(mode="json") for a in scenario.accounts}
        self.facts: list[FactView] = []
        self.exposed: frozenset[str] = frozenset()  # blockages the facts heard point at
        self.exposed_seen: frozenset[str] | None = None  # `exposed` when the last view was made
        self.kpis: list[dict[str, Any]] = []
        self.kpis_by_account: dict[str, list[dict[str, Any]]] = {}
        self.news: list[dict[str, Any]] = []
        # The same lists as tuples, made again only when they grow (views share them).
        self.facts_seen: tuple[FactView, ...] = ()
        self.kpis_seen: tuple[dict[str, Any], ...] = ()
        self.news_seen: tuple[dict[str, Any], ...] = ()
        # (free days, the colleagues' rows); (week and decisions, inbox, decided campaigns)
        self.colleagues: tuple[tuple[float, ...], tuple[dict[str, Any], ...]] | None = None
        self.campaigns: tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]] | None = None
        # account → (KPI records and starting share, the sales and share histories)
        self.histories: dict[str, tuple[tuple[int, float], tuple[Any, ...], tuple[Any, ...]]] = {}
        # account → (mapped and blockages shown, the pathway's stages as shown)
        self.pathways: dict[str, tuple[tuple[bool, frozenset[str]], tuple[StageView, ...]]] = {}
        self.calendar: tuple[int, tuple[dict[str, Any], ...]] | None = None  # (week, events)
        # person → (their raw state, what the view shows of it, the view)
        self.people: dict[str, tuple[tuple[Any, ...], tuple[Any, ...], PersonView]] = {}
        self.plans: dict[str, tuple[tuple[Any, ...] | None, PlanView | None]] = {}
        # account → (its raw state, what its view is built from, the view, its people's ids)
        self.accounts: dict[
            str, tuple[tuple[Any, ...], tuple[Any, ...], AccountView, tuple[str, ...]]
        ] = {}

    def sync(self, world: World, catalog: Catalog) -> None:
        """Catch up with what was appended to the world since the last view."""
        heard = world.hearings[len(self.facts) :]
        for hearing in heard:
            self.facts.append(_fact_view(catalog.facts[hearing.fact], hearing))
        if heard:
            found = _exposed_blockages(heard, catalog)
            if not found <= self.exposed:  # kept while no new blockage is found (see build_view)
                self.exposed = self.exposed | found
        for record in world.kpis[len(self.kpis) :]:
            row = dict(record)
            self.kpis.append(row)
            self.kpis_by_account.setdefault(str(row["account"]), []).append(row)
        for week, title, text in world.news[len(self.news) :]:
            self.news.append({"week": week, "title": title, "text": text})
        if len(self.facts_seen) != len(self.facts):
            self.facts_seen = tuple(self.facts)
        if len(self.kpis_seen) != len(self.kpis):
            self.kpis_seen = tuple(self.kpis)
        if len(self.news_seen) != len(self.news):
            self.news_seen = tuple(self.news)

    def person(self, person: Person, mapped: bool) -> PersonView:
        """The person's view, rebuilt only when what it shows changed.

        Most people are unchanged from one view to the next, which the raw state tells
        cheaply; only when it moved is the shown state (the relationship's level) compared.
        """
        raw = (person.present, person.met, person.perceived, person.relationship, mapped,
               person.declined_week)  # fmt: skip
        cached = self.people.get(person.id)
        if cached is not None and cached[0] == raw:
            return cached[2]
        key = (
            person.present,
            person.met,
            person.perceived,
            relationship_level(person.relationship),
            mapped,
            person.declined_week,
        )
        view = (
            cached[2] if cached is not None and cached[1] == key else _person_view(person, mapped)
        )
        self.people[person.id] = (raw, key, view)
        return view

    def plan(self, acc: AccountState) -> PlanView | None:
        if acc.plan is None:
            return None
        key = _plan_key(acc)
        cached = self.plans.get(acc.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        view = _plan_view(acc)
        self.plans[acc.id] = (key, view)
        return view


def _plan_key(acc: AccountState) -> tuple[Any, ...] | None:
    """Every state field `_plan_view` reads (None without a plan)."""
    state = acc.plan
    if state is None:
        return None
    return (id(state), state.version, state is acc.agreed, state.agreed_week,
            len(acc.running), len(acc.delivered), id(state.answer),
            frozenset(acc.known_slips), len(acc.recovered))  # fmt: skip


def _person_view(person: Person, mapped: bool) -> PersonView:
    links = (
        tuple(
            (link.to, "strong" if link.strength >= STRONG_LINK else "weak")
            for link in person.spec.links
        )
        if mapped
        else ()
    )
    return PersonView(
        person.id,
        person.spec.name,
        person.spec.role,
        tuple(person.spec.outside_roles),
        person.present,
        person.met,
        person.perceived if person.met else None,
        relationship_level(person.relationship).value,
        links,
        person.spec.front_line,
        person.declined_week,
    )


def _pathway(acc: AccountState, cache: ViewCache, exposed: frozenset[str]) -> tuple[StageView, ...]:
    """The pathway as shown, made again only when it is mapped or a blockage is found."""
    key = (acc.pathway_mapped, exposed)
    known = cache.pathways.get(acc.spec.id)
    if known is None or known[0] != key:
        known = cache.pathways[acc.spec.id] = (key, _stages(acc, exposed))
    return known[1]


def _stages(acc: AccountState, exposed: frozenset[str]) -> tuple[StageView, ...]:
    if not acc.pathway_mapped:
        return ()
    return tuple(
        StageView(
            stage.id,
            stage.name,
            stage.blockage.text if stage.blockage and stage.blockage.id in exposed else None,
        )
        for stage in acc.spec.truth.pathway
    )


def _plan_view(acc: AccountState) -> PlanView | None:
    if acc.plan is None:
        return None
    plan = acc.plan
    return PlanView(
        plan.version,
        "agreed" if plan is acc.agreed else "draft",
        plan.week_written,
        plan.agreed_week,
        plan.consulted,
        plan.plan.model_dump(mode="json"),
        tuple(acc.running),
        tuple(acc.delivered),
        _answer_view(plan.answer),
        tuple((p, acc.due[p]) for p in sorted(acc.known_slips - acc.recovered) if p in acc.due),
        acc.cooldown_until,
    )


def _answer_view(reply: Answer | None) -> dict[str, Any] | None:
    """What the customer said, as the trainee heard it (no support figure: that is hidden)."""
    if reply is None:
        return None
    return {
        "verdict": reply.verdict,
        "week": reply.week,
        "reasons": [{"code": r.code, "text": r.text, "person": r.person} for r in reply.reasons],
    }


_NOTHING: frozenset[str] = frozenset()
# What an account's raw key holds of each person (in C: this runs for every person per view).
_PERSON_RAW = attrgetter("visible", "present", "met", "perceived", "declined_week")
# And of their relationship, its level's position among the floors (in C too, by bisection).
# Relationships fade a little every week, so the raw values moved for nearly everyone at each
# week's first view; only the level is shown, and that rarely moves. Equal positions mean the
# same level (a value below every floor, which the world never makes, would only be a miss).
_RELATIONSHIP = attrgetter("relationship")
_FLOORS = sorted(RELATIONSHIP_VALUES.values())


def _account_view(acc: AccountState, cache: ViewCache, exposed: frozenset[str]) -> AccountView:
    """The account as the trainee sees it, rebuilt only when something visible changed.

    Two keys: the raw state (its people's included) tells cheaply that nothing moved since
    the last view, as for most accounts most of the time; only when something did are the
    people's and the plan's views looked up and what the view shows compared.
    """
    account_id = acc.spec.id
    records = cache.kpis_by_account.get(account_id, ())
    shown = exposed if acc.pathway_mapped else _NOTHING
    # Every state field `_build_account_view` reads must be in the keys, or views go stale.
    # (The DMU's mapping, index 6, also decides whether people's links are shown.)
    state = (acc.tier, acc.merged_into, acc.share0, tuple(acc.formulary.values()), len(records),
             acc.effort_month, acc.dmu_mapped, acc.pathway_mapped, shown, acc.review_monthly,
             acc.last_review)  # fmt: skip
    everyone = acc.people.values()
    crowd = tuple(map(_PERSON_RAW, everyone))
    levels = tuple(map(bisect_right, repeat(_FLOORS), map(_RELATIONSHIP, everyone)))
    raw = (*state, _plan_key(acc), crowd, levels)
    cached = cache.accounts.get(account_id)
    if cached is not None and cached[0] == raw:
        return cached[2]
    names = tuple(acc.people)
    if cached is not None and cached[3] == names and cached[0][6] == acc.dmu_mapped:
        before = zip(cached[0][-2], cached[0][-1], strict=True)
        people = _people_since(acc, cache, zip(crowd, levels, strict=True), before,
                               cached[2].people)  # fmt: skip
    else:
        people = tuple(cache.person(p, acc.dmu_mapped) for p in acc.people.values() if p.visible)
    plan = cache.plan(acc)
    key = (*state, tuple(map(id, people)), id(plan))
    if cached is not None and cached[1] == key:
        view = cached[2]
    else:
        view = _build_account_view(acc, cache, exposed, records, people, plan)
    cache.accounts[account_id] = (raw, key, view, names)
    return view


def _people_since(
    acc: AccountState,
    cache: ViewCache,
    crowd: Iterable[tuple[tuple[Any, ...], int]],
    before: Iterable[tuple[tuple[Any, ...], int]],
    shown: tuple[PersonView, ...],
) -> tuple[PersonView, ...]:
    """The account's people's views, given the same people and DMU mapping as at its last
    change: whoever is as they were then keeps the view shown then (exactly what
    `ViewCache.person` would return them, ids being unique); only the others are looked up.
    """
    out = []
    at = 0  # the position in `shown` of the next person who was visible then
    for person, now, then in zip(acc.people.values(), crowd, before, strict=True):
        old = None
        if then[0][0]:  # visible then
            old, at = shown[at], at + 1
        if now[0][0]:  # visible now
            out.append(old if now == then else cache.person(person, acc.dmu_mapped))
    return tuple(out)  # type: ignore[arg-type]  # a person visible then and now was shown


def _build_account_view(
    acc: AccountState,
    cache: ViewCache,
    exposed: frozenset[str],
    records: Any,
    people: tuple[PersonView, ...],
    plan: PlanView | None,
) -> AccountView:
    spec = acc.spec
    return AccountView(
        spec.id,
        spec.name,
        spec.kind.value,
        spec.region,
        spec.description,
        spec.committee,
        cache.hard_data[spec.id],
        acc.tier.value if acc.tier else None,
        acc.merged_into,
        {k: v.value for k, v in acc.formulary.items()},
        *_histories(acc, cache, records),
        acc.effort_month,
        people,
        acc.dmu_mapped,
        acc.pathway_mapped,
        _pathway(acc, cache, exposed),
        plan,
        acc.review_monthly,
        acc.last_review,
    )


def _histories(
    acc: AccountState, cache: ViewCache, records: Any
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The sales and share histories: hard data then the game's months, made again only when a
    month's records arrive or the starting share moves (a merger), not at every account change.
    """
    key = (len(records), acc.share0)
    known = cache.histories.get(acc.spec.id)
    if known is not None and known[0] == key:
        return known[1], known[2]
    sales = (*acc.spec.hard_data.sales_history, *(float(r["sales"]) for r in records))
    shares = (acc.share0, *(float(r["share"]) for r in records))
    cache.histories[acc.spec.id] = (key, sales, shares)
    return sales, shares


def _exposed_blockages(hearings: list[Hearing], catalog: Catalog) -> set[str]:
    """The blockages these hearings point at (the trainee learnt they exist)."""
    return {
        blockage
        for h in hearings
        if (blockage := _implies(catalog.facts[h.fact], h).blockage) is not None
    }


def _calendar(scenario: Scenario, cache: ViewCache, week: int) -> tuple[dict[str, Any], ...]:
    """Dated events announced in advance from this week on (the same all week)."""
    if cache.calendar is None or cache.calendar[0] != week:
        events = tuple(
            {
                "week": e.week,
                "title": e.title,
                "kind": e.kind.value,
                "account": e.account,
                "price_ask": e.price_ask,
            }
            for e in scenario.events
            if e.week is not None and e.known_in_advance and e.week >= week
        )
        cache.calendar = (week, events)
    return cache.calendar[1]


def _public(scenario: Scenario) -> dict[str, Any]:
    meta = scenario.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "version": meta.version,
        "therapy_area": meta.therapy_area,
        "difficulty": meta.difficulty.value,
        "start_date": meta.start_date.isoformat(),
        "duration_weeks": meta.duration_weeks,
        "currency": meta.currency,
        "briefing": meta.briefing,
        "learning_objectives": list(meta.learning_objectives),
    }


def _catalogue(scenario: Scenario) -> dict[str, tuple[dict[str, Any], ...]]:
    project_keys = {"id", "name", "description", "cost", "duration_weeks", "serves", "colleagues",
                    "rebate"}  # fmt: skip
    campaign_keys = {"id", "title", "product", "week", "channel", "accounts", "pitch", "friction",
                     "fatigue", "reach_days"}  # fmt: skip
    return {
        "products": tuple(p.model_dump(mode="json") for p in scenario.company.products),
        "criteria": tuple(c.model_dump(mode="json") for c in scenario.criteria),
        "questions": tuple(q.model_dump(mode="json") for q in scenario.questions),
        "projects": tuple(
            p.model_dump(mode="json", include=project_keys) for p in scenario.projects
        ),
        "campaigns": tuple(
            c.model_dump(mode="json", include=campaign_keys)
            for c in scenario.company.brand_campaigns
        ),
    }


def build_view(
    scenario: Scenario,
    world: World,
    catalog: Catalog,
    week: int,
    field_days: float,
    cache: ViewCache | None = None,
    touched: Collection[str] | None = None,
) -> View:
    """The view now. With `cache`, `touched` may name the only accounts that can have changed
    since the cache's last view (the others keep the views made then); None: any."""
    duration = scenario.meta.duration_weeks
    cache = cache or ViewCache(scenario)
    cache.sync(world, catalog)
    exposed = cache.exposed
    if exposed is not cache.exposed_seen:  # a blockage found shows on any mapped pathway
        if touched is not None:
            mapped = (name for name, a in world.accounts.items() if a.pathway_mapped)
            touched = {*touched, *mapped}
        cache.exposed_seen = exposed
    public = cache.catalogue
    inbox, decided = _campaigns(cache, world, catalog, week)
    return View(
        scenario=cache.public,
        week=week,
        weeks_left=max(0, duration - week + 1),
        finished=week > duration,
        field_days_left=field_days,
        budget_left=world.budget,
        friction=world.friction,
        friction_limit=scenario.dynamics.friction_limit,
        max_key_accounts=scenario.company.max_key_accounts,
        products=public["products"],
        attractiveness_criteria=public["criteria"],
        questions=public["questions"],
        projects=public["projects"],
        colleagues=_colleagues(scenario, cache, world),
        accounts=_accounts(world, cache, exposed, touched),
        facts=cache.facts_seen,
        inbox=inbox,
        campaigns_decided=decided,
        calendar=_calendar(scenario, cache, week),
        news=cache.news_seen,
        kpis=cache.kpis_seen,
    )


def _accounts(
    world: World, cache: ViewCache, exposed: frozenset[str], touched: Collection[str] | None
) -> tuple[AccountView, ...]:
    """Every account's view; one nothing has touched since the last view keeps its view."""
    if touched is None:
        return tuple(_account_view(a, cache, exposed) for a in world.accounts.values())
    known = cache.accounts
    return tuple(
        known[name][2]
        if name not in touched and name in known
        else _account_view(a, cache, exposed)
        for name, a in world.accounts.items()
    )


def _colleagues(scenario: Scenario, cache: ViewCache, world: World) -> tuple[dict[str, Any], ...]:
    """The colleagues and their free days, made again only when the free days change."""
    colleagues = scenario.company.colleagues
    free = tuple(world.colleague_free.get(c.id, 0.0) for c in colleagues)
    if cache.colleagues is None or cache.colleagues[0] != free:
        rows = tuple(
            {"id": c.id, "name": c.name, "role": c.role.value, "free_days": days}
            for c, days in zip(colleagues, free, strict=True)
        )
        cache.colleagues = (free, rows)
    return cache.colleagues[1]


def _campaigns(
    cache: ViewCache, world: World, catalog: Catalog, week: int
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """This week's inbox and the campaigns decided, made again only when a decision or the
    week changes them."""
    key = (week, *world.campaigns.items())
    known = cache.campaigns
    if known is None or known[0] != key:
        inbox = tuple(
            c
            for c in cache.catalogue["campaigns"]
            if c["week"] == week and c["id"] not in world.campaigns
        )
        decided = tuple(
            {"id": cid, "title": catalog.campaigns[cid].title, "decision": d, "week": w}
            for cid, (d, w) in world.campaigns.items()
        )
        known = cache.campaigns = (key, inbox, decided)
    return known[1], known[2]
