"""Second-stage checks: cross-references and scenario design, after the fields are valid.

Field validation (pydantic) proves each value is well-formed; this pass proves the scenario
hangs together — every id points at something, and the design can actually be played.
Errors break the game; warnings are design smells that fail only under `--strict`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from kamsim.scenario.accounts import Account
from kamsim.scenario.knowledge import Implication
from kamsim.scenario.model import Scenario
from kamsim.scenario.problems import dotted
from kamsim.scenario.world import DECISION_KINDS, Effect
from kamsim.sums import ordered_sum

Path = tuple[str | int, ...]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """A problem found by the lint, located by its path in the scenario data."""

    path: Path
    message: str
    severity: Severity = "error"
    per_form: bool = False  # a check of one form's teaching design (named in the message)


def suggest(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close id exists, so a typo is fixed in one look."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Ids:
    """The scenario's id spaces, gathered once so every check can look them up."""

    def __init__(self, sc: Scenario) -> None:
        self.accounts = {a.id for a in sc.accounts}
        self.products = {p.id for p in sc.company.products}
        self.colleagues = {c.id for c in sc.company.colleagues}
        self.campaigns = {c.id for c in sc.company.brand_campaigns}
        self.questions = {q.id for q in sc.questions}
        self.facts = {f.id for f in sc.facts}
        self.projects = {p.id for p in sc.projects}
        self.criteria = {c.id for c in sc.criteria}
        self.people: dict[str, set[str]] = {}
        self.blockages: dict[str, set[str]] = {}
        for acc in sc.accounts:  # a duplicated account id merges, so one typo gives one error
            self.people.setdefault(acc.id, set()).update(s.id for s in acc.stakeholders)
            self.blockages.setdefault(acc.id, set()).update(
                st.blockage.id for st in acc.truth.pathway if st.blockage
            )
        for ev in sc.events:
            repl = ev.effects.replacement
            if repl is not None and ev.account in self.people:
                self.people[ev.account].add(repl.id)
        self.all_people = set().union(*self.people.values()) if self.people else set()


def _ref(path: Path, value: str | None, known: set[str], what: str) -> Iterator[Finding]:
    if value is not None and value not in known:
        yield Finding(path, f"unknown {what} '{value}'{suggest(value, known)}")


def _person_ref(path: Path, value: str | None, account: str, ids: _Ids) -> Iterator[Finding]:
    """A stakeholder of `account`; one of another account is named as such.

    "unknown stakeholder" for someone the trainer can see a few lines away, in the account
    next door, sends them hunting for a typo; naming where the person belongs does not.
    """
    people = ids.people.get(account, set())
    if value is None or value in people:
        return
    elsewhere = sorted(a for a, others in ids.people.items() if value in others and a != account)
    if elsewhere:
        owners = " and ".join(elsewhere)
        yield Finding(path, f"'{value}' is a stakeholder of {owners}, not of {account}")
    else:
        yield from _ref(path, value, people, f"stakeholder of {account}")


def check_unique(sc: Scenario) -> Iterator[Finding]:
    """Ids must be unique within their kind; stakeholder ids across the whole scenario."""
    groups: list[tuple[str, list[tuple[Path, str]]]] = [
        ("account", [(("accounts", i, "id"), a.id) for i, a in enumerate(sc.accounts)]),
        ("product", [(("company", "products", i, "id"), p.id)
                     for i, p in enumerate(sc.company.products)]),
        ("colleague", [(("company", "colleagues", i, "id"), c.id)
                       for i, c in enumerate(sc.company.colleagues)]),
        ("campaign", [(("company", "brand_campaigns", i, "id"), c.id)
                      for i, c in enumerate(sc.company.brand_campaigns)]),
        ("criterion", [(("criteria", i, "id"), c.id) for i, c in enumerate(sc.criteria)]),
        ("KPI", [(("kpis", i, "id"), k.id.value) for i, k in enumerate(sc.kpis)]),
        ("question", [(("questions", i, "id"), q.id) for i, q in enumerate(sc.questions)]),
        ("fact", [(("facts", i, "id"), f.id) for i, f in enumerate(sc.facts)]),
        ("project", [(("projects", i, "id"), p.id) for i, p in enumerate(sc.projects)]),
        ("reaction", [(("reactions", i, "id"), r.id) for i, r in enumerate(sc.reactions)]),
        ("event", [(("events", i, "id"), e.id) for i, e in enumerate(sc.events)]),
        ("stakeholder", [(("accounts", i, "stakeholders", j, "id"), s.id)
                         for i, a in enumerate(sc.accounts)
                         for j, s in enumerate(a.stakeholders)]),
    ]  # fmt: skip
    for what, items in groups:
        seen: dict[str, Path] = {}
        for path, value in items:
            if value in seen:
                yield Finding(
                    path, f"duplicate {what} id '{value}' (also at {dotted(seen[value])})"
                )
            else:
                seen[value] = path


def check_company(sc: Scenario, ids: _Ids) -> Iterator[Finding]:
    for i, camp in enumerate(sc.company.brand_campaigns):
        base: Path = ("company", "brand_campaigns", i)
        yield from _ref((*base, "product"), camp.product, ids.products, "product")
        if camp.accounts != "all":
            for j, acc in enumerate(camp.accounts):
                yield from _ref((*base, "accounts", j), acc, ids.accounts, "account")
        if camp.week > sc.meta.duration_weeks:
            yield _late((*base, "week"), camp.week, sc)
    if sc.company.max_key_accounts >= len(sc.accounts) > 1:
        yield Finding(
            ("company", "max_key_accounts"),
            "every account may be key: prioritisation teaches nothing",
            "warning",
        )


def _late(path: Path, week: int, sc: Scenario) -> Finding:
    return Finding(
        path,
        f"week {week} is after the scenario ends (duration_weeks {sc.meta.duration_weeks})",
        "warning",
    )


def check_accounts(sc: Scenario, ids: _Ids) -> Iterator[Finding]:
    decided = {ev.account for ev in sc.events if ev.kind in DECISION_KINDS}
    for i, acc in enumerate(sc.accounts):
        base: Path = ("accounts", i)
        for pid in acc.hard_data.formulary:
            yield from _ref((*base, "hard_data", "formulary", pid), pid, ids.products, "product")
        yield from _check_truth_criteria(sc, base, acc.truth.criteria, ids)
        for j, person in enumerate(acc.stakeholders):
            for k, link in enumerate(person.links):
                path = (*base, "stakeholders", j, "links", k, "to")
                yield from _person_ref(path, link.to, acc.id, ids)
                if link.to == person.id:
                    yield Finding(path, "a stakeholder cannot link to themselves")
        for j, stage in enumerate(acc.truth.pathway):
            if stage.blockage is None:
                continue
            for k, project in enumerate(stage.blockage.projects):
                path = (*base, "truth", "pathway", j, "blockage", "projects", k)
                yield from _ref(path, project, ids.projects, "project")
        yield from _check_volume(base, acc)
        if not any(s.committee_vote for s in acc.stakeholders):
            severity: Severity = "error" if acc.id in decided else "warning"
            yield Finding(
                (*base, "stakeholders"),
                "no stakeholder has committee_vote: true, so nobody decides",
                severity,
            )


VOLUME_TOLERANCE = 0.25  # authored sales this far from share × market value is a smell


def _check_volume(base: Path, acc: Account) -> Iterator[Finding]:
    """The sales history should be about share × market value / 13 a month."""
    hd = acc.hard_data
    modelled = hd.our_share * hd.market_value * 4 / 52
    last = hd.sales_history[-1]
    if modelled > 0 and last > 0 and abs(last / modelled - 1) > VOLUME_TOLERANCE:
        yield Finding(
            (*base, "hard_data", "sales_history"),
            f"the last month's sales ({last:,.0f}) are {last / modelled:.0%} of what our_share × "
            f"market_value gives a month ({modelled:,.0f}); the game scales its volume to the "
            "history, but check the figures agree",
            "warning",
        )


def _check_truth_criteria(
    sc: Scenario, base: Path, scores: dict[str, int], ids: _Ids
) -> Iterator[Finding]:
    path = (*base, "truth", "criteria")
    for cid in scores:
        yield from _ref((*path, cid), cid, ids.criteria, "criterion")
    missing = sorted(ids.criteria - set(scores))
    if missing:
        yield Finding(path, f"missing a score for criteria: {', '.join(missing)}")


QUESTIONS_PER_MEETING = 3  # the meeting action's limit (`kamsim.sim.actions.Meet`)


def check_topics(sc: Scenario) -> Iterator[Finding]:
    """A topic is asked in one meeting, so it holds at most a meeting's questions.

    Half-grouped questions are a smell: the bots then pick a topic or a lone question as if
    they were alike, and the meeting screen shows two ways of choosing.
    """
    seen: dict[str, int] = {}
    for i, q in enumerate(sc.questions):
        if q.topic is None:
            continue
        seen[q.topic] = seen.get(q.topic, 0) + 1
        if seen[q.topic] == QUESTIONS_PER_MEETING + 1:
            yield Finding(
                ("questions", i, "topic"),
                f"topic '{q.topic}' has more than {QUESTIONS_PER_MEETING} questions, but a "
                f"meeting asks at most {QUESTIONS_PER_MEETING}: split it",
            )
    loose = [i for i, q in enumerate(sc.questions) if q.topic is None]
    if seen and loose:
        yield Finding(
            ("questions", loose[0]),
            f"{len(loose)} question(s) have no topic while others have one, so the topics "
            "are ignored (the meeting screen lists single questions): give every question "
            "a topic, or none",
            "warning",
        )


def check_facts(sc: Scenario, ids: _Ids) -> Iterator[Finding]:
    for i, fact in enumerate(sc.facts):
        base: Path = ("facts", i)
        yield from _ref((*base, "account"), fact.account, ids.accounts, "account")
        if fact.account not in ids.accounts:
            continue  # one error for the account; its people cannot be checked against it
        for j, src in enumerate(fact.sources):
            path = (*base, "sources", j, "stakeholder")
            yield from _person_ref(path, src.stakeholder, fact.account, ids)
            yield from _ref(
                (*base, "sources", j, "question"), src.question, ids.questions, "question"
            )
        versions: list[tuple[tuple[str, ...], Implication]] = [(("implies",), fact.implies)]
        if fact.misleading:
            versions.append((("misleading", "implies"), fact.misleading.implies))
        for sub, imp in versions:
            yield from _ref(
                (*base, *sub, "blockage"),
                imp.blockage,
                ids.blockages.get(fact.account, set()),
                f"blockage of {fact.account}",
            )
            for cid in imp.criteria:
                yield from _ref((*base, *sub, "criteria", cid), cid, ids.criteria, "criterion")
        if all(s.reliability == 0 or s.min_relationship >= 0.95 for s in fact.sources):
            yield Finding(
                (*base, "sources"), "no source can ever tell the truth of this fact", "warning"
            )


def check_projects(sc: Scenario, ids: _Ids) -> Iterator[Finding]:
    for i, proj in enumerate(sc.projects):
        for cid in proj.colleagues:
            yield from _ref(("projects", i, "colleagues", cid), cid, ids.colleagues, "colleague")


def check_effect(path: Path, eff: Effect, ids: _Ids, account: str | None) -> Iterator[Finding]:
    acc = eff.account or account
    yield from _ref((*path, "account"), eff.account, ids.accounts, "account")
    yield from _some_person((*path, "stakeholder"), eff.stakeholder, acc, ids)
    yield from _some_person((*path, "leaves"), eff.leaves, acc, ids)
    yield from _ref((*path, "merge_into"), eff.merge_into, ids.accounts, "account")
    for j, fid in enumerate(eff.reveal):
        yield from _ref((*path, "reveal", j), fid, ids.facts, "fact")


def _some_person(
    path: Path, value: str | None, account: str | None, ids: _Ids
) -> Iterator[Finding]:
    """A stakeholder of `account` when it is a known one; of any account otherwise."""
    if account is not None and account in ids.people:
        yield from _person_ref(path, value, account, ids)
    else:
        yield from _ref(path, value, ids.all_people, "stakeholder")


def check_reactions(sc: Scenario, ids: _Ids) -> Iterator[Finding]:
    for i, rx in enumerate(sc.reactions):
        base: Path = ("reactions", i)
        w = rx.when
        yield from _ref((*base, "when", "account"), w.account, ids.accounts, "account")
        yield from _some_person((*base, "when", "stakeholder"), w.stakeholder, w.account, ids)
        yield from _ref((*base, "when", "question"), w.question, ids.questions, "question")
        yield from _ref((*base, "when", "project"), w.project, ids.projects, "project")
        yield from _ref((*base, "when", "campaign"), w.campaign, ids.campaigns, "campaign")
        yield from check_effect((*base, "effects"), rx.effects, ids, w.account)


def check_events(sc: Scenario, ids: _Ids) -> Iterator[Finding]:
    end = sc.meta.duration_weeks
    for i, ev in enumerate(sc.events):
        base: Path = ("events", i)
        yield from _ref((*base, "account"), ev.account, ids.accounts, "account")
        yield from _ref((*base, "product"), ev.product, ids.products, "product")
        yield from check_effect((*base, "effects"), ev.effects, ids, ev.account)
        if ev.week is not None and ev.week > end:
            yield _late((*base, "week"), ev.week, sc)
        if ev.window is not None:
            if ev.window[0] > ev.window[1]:
                yield Finding((*base, "window"), "the first week comes after the last")
            elif ev.window[0] > end:
                yield _late((*base, "window"), ev.window[0], sc)
        if ev.kind.value == "merger" and not ev.effects.merge_into:
            yield Finding((*base, "effects"), "a merger needs effects.merge_into")
        if ev.kind.value == "stakeholder_leaves" and not ev.effects.leaves:
            yield Finding((*base, "effects"), "a stakeholder_leaves event needs effects.leaves")


def check_calendar(sc: Scenario) -> Iterator[Finding]:
    """KPI months are 4 weeks, so a duration off that grid books its last month in full."""
    if sc.meta.duration_weeks % 4:
        yield Finding(("meta", "duration_weeks"), "KPI months are 4 weeks; a last month "
                      f"shorter than that (duration {sc.meta.duration_weeks}) is booked as a "
                      "full month: prefer a multiple of 4", "warning")  # fmt: skip


def check_weights(sc: Scenario) -> Iterator[Finding]:
    total = ordered_sum(c.weight for c in sc.criteria)
    if abs(total - 1.0) > 0.01:
        yield Finding(
            ("criteria",),
            f"criteria weights sum to {total:.2f}, not 1; they will be rescaled to sum to 1",
            "warning",
        )
    w = sc.scoring.weights
    total = w.prioritisation + w.plan_quality + w.competencies + w.outcomes
    if abs(total - 1.0) > 0.01:
        yield Finding(
            ("scoring", "weights"),
            f"score weights sum to {total:.2f}, not 1; they will be rescaled to sum to 1",
            "warning",
        )
    cuts = sc.scoring.level_cuts
    if cuts != sorted(cuts):
        yield Finding(("scoring", "level_cuts"), "level cut-points must rise: level 2 < 3 < 4")


def lint(sc: Scenario, forms: bool = False) -> list[Finding]:
    """Every cross-reference and design problem of a field-valid scenario, in file order.

    With `forms` (a scenario with parallel forms, checked form by form) each form must also
    keep the scenario's teaching traps.
    """
    ids = _Ids(sc)
    checks = (check_company, check_accounts, check_facts, check_projects, check_reactions,
              check_events)  # fmt: skip
    found = [*check_unique(sc), *check_topics(sc), *check_calendar(sc), *check_weights(sc)]
    for check in checks:
        found.extend(check(sc, ids))
    if forms or sc.forms:
        from kamsim.scenario.traps import check_traps

        found.extend(check_traps(sc))
    return found
