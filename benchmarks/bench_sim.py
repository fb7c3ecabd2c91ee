"""How fast the world runs: a year of the standard scenario, synthetic territories, memory.

Run on demand: `python benchmarks/bench_sim.py` (add `--quick` for fewer repeats and sizes).
Prints Markdown tables:

(a) a year of `scenarios/standard.yaml` with an active scripted player (3–5 actions a week:
    tiers, desk research, discover and co-create meetings, plan + agree on the three key
    accounts, every campaign decided, a monthly KPI review), with no player, and the cost of
    `legal_actions()` on the advanced scenario;
(b) synthetic territories of 50–500 accounts × 10 stakeholders cloned from the standard
    scenario's content, with no player and with a light player; time per account and the
    growth ratio show whether cost stays linear;
(c) peak memory (tracemalloc) of the 500-account year.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation, parse_action
from kamsim.sim.baseline import baseline
from kamsim.sim.market import project_fit
from kamsim.sim.rules import action_days

ROOT = Path(__file__).resolve().parents[1]
STANDARD = ROOT / "scenarios" / "standard.yaml"
ADVANCED = ROOT / "scenarios" / "advanced.yaml"
PEOPLE_PER_ACCOUNT = 10
Script = list[tuple[int, dict[str, Any]]]


# ---------------------------------------------------------------------- scripted players
def _meet(acc: str, who: str, purpose: str, *questions: str) -> dict[str, Any]:
    return {
        "kind": "meet",
        "account": acc,
        "stakeholder": who,
        "purpose": purpose,
        "questions": list(questions),
    }


def _best_project(scenario: Scenario, account_id: str) -> str:
    """The catalogue project that fits the account's truth best (an informed player)."""
    truth = scenario.account(account_id).truth
    return max(scenario.projects, key=lambda p: project_fit(truth, p)).id


def _plan(scenario: Scenario, account_id: str) -> dict[str, Any]:
    truth = scenario.account(account_id).truth
    return {
        "segment": truth.segment.value,
        "needs": [n.value for n in truth.primary_needs],
        "objectives": [{"kpi": "share", "target": 0.3, "by_week": 52}],
        "tactics": [{"project": _best_project(scenario, account_id)}],
    }


def _week_actions(scenario: Scenario, week: int, key: list[str], live: list[str]) -> Iterator:
    """The active player's wishes for one week, most important first."""
    questions = [q.id for q in scenario.questions]
    visible = {a.id: [p.id for p in a.stakeholders if p.visible] for a in scenario.accounts}
    for i, campaign in enumerate(scenario.company.brand_campaigns):
        if campaign.week == week:
            kind = "hold_campaign" if i % 2 == 0 else "approve_campaign"
            yield {"kind": kind, "campaign": campaign.id}
    target = key[week % len(key)]
    if 15 <= week < 15 + 2 * len(key):
        acc = key[(week - 15) // 2]
        if week % 2 == 1:
            yield {"kind": "write_plan", "account": acc, "plan": _plan(scenario, acc)}
        else:
            yield {"kind": "agree_plan", "account": acc, "stakeholders": visible[acc]}
    if week % 4 == 0:
        yield {"kind": "review_kpis", "account": key[(week // 4) % len(key)]}
    if week <= len(live):
        yield {"kind": "desk_research", "account": live[week - 1]}
    elif week <= len(live) + len(key):
        yield {"kind": "map_dmu", "account": key[week - len(live) - 1]}
    purpose = "co_create" if 9 <= week < 15 else "discover"
    for n, acc in enumerate((target, key[(week + 1) % len(key)])):
        people = visible[acc]
        who = people[(week + n) % len(people)]
        yield _meet(acc, who, purpose, questions[(week + n) % len(questions)])
    yield _meet(target, visible[target][(week + 2) % len(visible[target])], "listen")


def active_script(scenario: Scenario, declined: int = 4) -> Script:
    """3–5 actions a week that fit the week's field days (so few are refused)."""
    ids = [a.id for a in scenario.accounts]
    key = ids[: scenario.company.max_key_accounts]
    live = ids[: len(ids) - declined]
    dyn, company = scenario.dynamics, scenario.company
    script: Script = [(1, {"kind": "set_tier", "account": a, "tier": "key"}) for a in key]
    script += [(1, {"kind": "set_tier", "account": a, "tier": "maintain"}) for a in live[3:]]
    script += [(1, {"kind": "set_tier", "account": a, "tier": "decline"}) for a in ids[len(live) :]]
    routine = dyn.costs.routine_days_per_account
    for week in range(1, scenario.meta.duration_weeks + 1):
        days = company.field_days_per_week - routine * (len(live) if week > 1 else len(ids))
        for action in _week_actions(scenario, week, key, live):
            cost = action_days(parse_action(action), dyn)
            if cost <= days + 1e-9:
                days -= cost
                script.append((week, action))
    return script


def light_script(scenario: Scenario) -> Script:
    """A light touch: tier the first accounts, one meeting a week, a monthly KPI review."""
    accounts = scenario.accounts[:10]
    script: Script = [(1, {"kind": "set_tier", "account": a.id, "tier": "key"}) for a in accounts]
    questions = [q.id for q in scenario.questions]
    for week in range(1, scenario.meta.duration_weeks + 1):
        acc = accounts[week % len(accounts)]
        people = [p.id for p in acc.stakeholders if p.visible]
        who = people[week % len(people)]
        script.append((week, _meet(acc.id, who, "discover", questions[week % len(questions)])))
        if week % 4 == 0:
            script.append((week, {"kind": "review_kpis", "account": acc.id}))
    return script


def play(scenario: Scenario, seed: int, script: Script) -> Simulation:
    """Submit each scripted action in its week, then run the world to the end."""
    sim = Simulation(scenario, seed)
    for week, action in script:
        sim.advance(week)
        sim.submit(action)
    sim.advance(scenario.meta.duration_weeks + 1)
    return sim


# ---------------------------------------------------------------------- synthetic territories
def _clone_people(source: dict[str, Any], n: int) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """`n` stakeholders cycled from the source's, each linked to the next two in the ring."""
    base = source["stakeholders"]
    people, first = [], {}
    for k in range(n):
        person = copy.deepcopy(base[k % len(base)])
        first.setdefault(person["id"], f"{person['id']}-{k}")
        person["id"] = f"{person['id']}-{k}"
        person["visible"] = person["visible"] or k >= len(base)
        person.pop("links", None)
        people.append(person)
    for k, person in enumerate(people):
        person["links"] = [
            {"to": people[(k + step) % n]["id"], "strength": 0.2 + 0.1 * step} for step in (1, 2)
        ]
    return people, first


def _clone_account(data: dict[str, Any], source: dict[str, Any], i: int) -> tuple[dict, list, list]:
    """Account `i` cloned from `source`, with its facts and committee/tender events."""
    new_id = f"{source['id']}-s{i}"
    acc = copy.deepcopy(source)
    acc["id"], acc["name"] = new_id, f"{source['name']} {i}"
    acc["stakeholders"], first = _clone_people(source, PEOPLE_PER_ACCOUNT)
    facts = []
    for fact in data["facts"]:
        if fact["account"] != source["id"]:
            continue
        fact = copy.deepcopy(fact)
        fact["id"], fact["account"] = f"{fact['id']}-s{i}", new_id
        for src in fact["sources"]:
            if src["stakeholder"]:
                src["stakeholder"] = first[src["stakeholder"]]
        facts.append(fact)
    events = []
    for event in data["events"]:
        if event.get("account") == source["id"] and event["kind"] in (
            "committee_meeting",
            "tender",
        ):
            event = copy.deepcopy(event)
            event["id"], event["account"] = f"{event['id']}-s{i}", new_id
            events.append(event)
    return acc, facts, events


def standard_data(seed: int = 1) -> dict[str, Any]:
    """The standard scenario as the game of `seed` plays it, as plain data.

    The file has parallel forms (`forms:` and `{by_form: …}` values), so its raw YAML is not
    one scenario; the resolved form is (every value chosen, defaults filled in).
    """
    return load_scenario(STANDARD).for_seed(seed)[0].model_dump(mode="json", exclude={"forms"})


def synthetic(n_accounts: int) -> Scenario:
    """A territory of `n_accounts` cloned from the standard scenario's accounts (seed 1's form).

    Routine service is set to 0 days (else 500 accounts would eat every field day), campaigns
    reach everyone, and only account-free events are kept besides the cloned decisions.
    """
    data = standard_data()
    sources = data["accounts"]
    accounts, facts, events = [], [], []
    for i in range(n_accounts):
        acc, acc_facts, acc_events = _clone_account(data, sources[i % len(sources)], i)
        accounts.append(acc)
        facts += acc_facts
        events += acc_events
    events += [e for e in data["events"] if e.get("account") is None]
    for campaign in data["company"]["brand_campaigns"]:
        campaign["accounts"] = "all"
    data.update(accounts=accounts, facts=facts, events=events, reactions=[])
    data["meta"]["id"] = f"synthetic-{n_accounts}"
    data.setdefault("dynamics", {}).setdefault("costs", {})["routine_days_per_account"] = 0.0
    return Scenario.model_validate(data)


# ---------------------------------------------------------------------- measuring
def timed(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def standard_table(repeats: int) -> None:
    # The informed script reads the truth, so it is built from seed 1's form (the one played).
    scenario = load_scenario(STANDARD).for_seed(1)[0]
    script = active_script(scenario)
    sim = play(scenario, 1, script)
    refused = sum(e.kind == "refused" for e in sim.log)
    weekly = len(script) / scenario.meta.duration_weeks
    active = timed(lambda: play(scenario, 1, script), repeats)
    idle = timed(lambda: play(scenario, 1, []), repeats)
    advanced = Simulation(load_scenario(ADVANCED), 1)
    legal = timed(advanced.legal_actions, repeats)
    print(f"\n### (a) standard.yaml, one year (median of {repeats})\n")
    print("| run | actions | refused | ms |")
    print("|---|---:|---:|---:|")
    print(
        f"| active player ({weekly:.1f} actions/week) | {len(script)} | {refused} | {active:.1f} |"
    )
    print(f"| no player | 0 | 0 | {idle:.1f} |")
    print(f"| `legal_actions()` on advanced.yaml, week 1 | – | – | {legal:.2f} |")


def synthetic_table(sizes: list[int], repeats: int) -> None:
    print(f"\n### (b) synthetic territories × {PEOPLE_PER_ACCOUNT} stakeholders, one year\n")
    print("| accounts | player | s | ms per account | per account vs smallest |")
    print("|---:|---|---:|---:|---:|")
    first: dict[str, float] = {}
    for n in sizes:
        scenario = synthetic(n)
        baseline(scenario, 1)  # the no-action game every game compares with: once, not timed
        for name, script in (("none", []), ("light", light_script(scenario))):
            seconds = timed(lambda sc=scenario, s=script: play(sc, 1, s), repeats) / 1000
            per = seconds * 1000 / n
            first.setdefault(name, per)
            print(f"| {n} | {name} | {seconds:.2f} | {per:.2f} | {per / first[name]:.2f} |")


def memory_table(n: int) -> None:
    scenario = synthetic(n)
    script = light_script(scenario)
    tracemalloc.start()
    play(scenario, 1, script)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\n### (c) peak memory, {n} accounts, light player\n")
    print("| accounts | peak MiB (tracemalloc, scenario excluded) |")
    print("|---:|---:|")
    print(f"| {n} | {peak / 2**20:.1f} |")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    standard_table(5 if quick else 21)
    synthetic_table([50, 100] if quick else [50, 100, 200, 500], 1 if quick else 3)
    memory_table(100 if quick else 500)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
