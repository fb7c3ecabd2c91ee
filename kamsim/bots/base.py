"""What every bot shares: the `Bot` protocol, its per-week memory, its dice and look-ups.

A bot sees only `View`s (what a trainee sees) and answers with action dicts, exactly like the
UI. `decide(view)` is called again and again within a week, each time with a fresh view, until
it returns None; then the week ends. Memory lives on the bot object; randomness comes from a
generator seeded by the game seed and the bot's name through hashlib, so a bot is deterministic
for a given (scenario, seed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from operator import attrgetter, is_
from typing import Any, Protocol

import numpy as np

from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.actions import FlatKey, flat_key
from kamsim.sim.view import AccountView, PersonView, View
from kamsim.sums import ordered_sum

Action = dict[str, Any]
EPS = 1e-9

# Words in a job title or outside role that usually mean weight in decisions. Influence itself
# is hidden; a trainee reads titles, seats and chairs.
SENIOR_WORDS = ("head", "director", "chief", "chair", "prof", "lead", "manager", "secretary",
                "partner", "president", "board", "medical")  # fmt: skip


class Bot(Protocol):
    """A strategy that plays through the trainee's interface only."""

    name: str

    def decide(self, view: View) -> Action | None:
        """The next action this week, or None when done for the week."""
        ...


def bot_rng(seed: int, name: str) -> np.random.Generator:
    """A generator for one bot in one game: stable across runs and machines (no `hash()`)."""
    digest = hashlib.sha256(f"kamsim-bot:{name}:{seed}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


# `json.dumps` with options builds a new encoder at every call; bots key every candidate.
_KEY_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


ActionKey = FlatKey | str


def action_key(action: Action) -> ActionKey:
    """A hashable key equal for two actions exactly when their canonical JSON is equal.

    Bots key every candidate they weigh, and encoding JSON was a fair part of a decision:
    most actions are keyed by their items (`flat_key`); the rest (a plan) by their canonical
    JSON, a string, which never equals a tuple.
    """
    key = flat_key(action)
    return _KEY_ENCODER.encode(action) if key is None else key


def default_costs() -> dict[str, float]:
    """Field days per action from the documented default dynamics (a trainee's rule of thumb).

    A scenario may change them; `BaseBot` corrects its table from what it observes.
    """
    dyn = Dynamics()
    c = dyn.costs
    costs = {
        "desk_research": c.desk_research_days,
        "map_pathway": c.pathway_mapping_days,
        "map_dmu": c.dmu_mapping_days,
        "write_plan": c.plan_days,
        "agree_plan": c.agree_days,
        "review_kpis": c.kpi_review_days,
    }
    costs.update({f"meet:{p.value}": m.days for p, m in dyn.meetings.items()})
    return costs


def cost_key(action: Action) -> str:
    kind = action["kind"]
    return f"meet:{action['purpose']}" if kind == "meet" else kind


def declined_this_week(view: View, account: str) -> frozenset[str]:
    """The people of this account who declined a meeting request this week."""
    try:
        people = view.account(account).people
    except (KeyError, StopIteration):
        return frozenset()
    return frozenset(p.id for p in people if p.declined_week == view.week)


class BaseBot:
    """Per-week memory and the decide loop; subclasses yield candidate actions by priority.

    `candidates(view)` yields actions best first; the first one not yet tried this week that
    fits the field days left is submitted. Nothing is tried twice in one week, so a refused
    action is never retried within the week. `accepted(action, view)` is called once the next
    view shows that a field-day action went through (the field days dropped).
    """

    name = "base"

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = bot_rng(seed, self.name)
        self.costs = default_costs()
        self._week = 0
        self._tried: set[ActionKey] = set()
        self._last: Action | None = None
        self._days_before = 0.0
        self._declined_memo: tuple[View, dict[str, frozenset[str]]] | None = None

    def decide(self, view: View) -> Action | None:
        if view.finished:
            return None
        self._settle(view)
        for action in self.candidates(view):
            if self.cost(action) > view.field_days_left + EPS:
                continue
            if action["kind"] == "meet" and action.get("stakeholder") in self._declined(
                view, action["account"]
            ):
                continue  # the screen says so: they will not be asked again until next week
            key = action_key(action)
            if key in self._tried:
                continue
            self._tried.add(key)
            self._last, self._days_before = action, view.field_days_left
            self.submitted(action)
            return action
        self._last = None
        return None

    def _declined(self, view: View, account: str) -> frozenset[str]:
        """`declined_this_week`, read once per view and account (a bot weighs dozens of
        meetings a turn, most at the same few accounts)."""
        memo = self._declined_memo
        if memo is None or memo[0] is not view:
            memo = self._declined_memo = (view, {})
        found = memo[1].get(account)
        if found is None:
            found = memo[1][account] = declined_this_week(view, account)
        return found

    def cost(self, action: Action) -> float:
        return self.costs.get(cost_key(action), 0.0)

    def candidates(self, view: View) -> Iterator[Action]:
        raise NotImplementedError

    def submitted(self, action: Action) -> None:
        """The action is about to be submitted (hook for subclasses' memory)."""

    def accepted(self, action: Action, view: View) -> None:
        """A field-day action went through (hook for subclasses' memory)."""

    def refused(self, action: Action, view: View) -> None:
        """A field-day action did not go through: no days were spent (hook)."""

    def _settle(self, view: View) -> None:
        last = self._last
        if view.week != self._week:
            self._week, self._tried, self._last = view.week, set(), None
            return
        if last is None:
            return
        spent = self._days_before - view.field_days_left
        if spent > EPS:
            if spent < self.cost(last) - EPS or spent > self.cost(last) + EPS:
                self.costs[cost_key(last)] = spent  # the scenario's own cost
            self.accepted(last, view)
        elif self.cost(last) > EPS:
            self.refused(last, view)
        self._last = None


# ---------------------------------------------------------------- look-ups on a view
def same_items(a: tuple[Any, ...] | None, b: tuple[Any, ...]) -> bool:
    """The same objects in the same order: a view part unchanged since an earlier view.

    Views share their unchanged parts (facts heard, the catalogue) with earlier views of the
    same game, so what a bot read from a part stays true while its objects are the same ones;
    a bot that keeps the part it compares against also keeps those objects' ids from reuse.
    The very same tuple, as a part nothing changed is handed again, needs no comparing.
    """
    return a is not None and (a is b or (len(a) == len(b) and all(map(is_, a, b))))


def live_accounts(view: View) -> list[AccountView]:
    """Accounts still in the territory (not merged away)."""
    return [a for a in view.accounts if a.merged_into is None]


def workable(view: View) -> list[AccountView]:
    """Accounts one can still work with: live and not declined."""
    return [a for a in live_accounts(view) if a.tier != "decline"]


def yearly_sales(acc: AccountView) -> float:
    """Sales of the latest twelve months on record: what a sales ranking looks at."""
    return float(ordered_sum(acc.sales_history[-12:]))


_ID_SALES = attrgetter("id", "sales_history")
# Recent rankings: (each account's id and sales history, the ranking as positions).
_BY_SALES: list[tuple[tuple[tuple[str, tuple[float, ...]], ...], list[int]]] = []


def by_sales(accounts: list[AccountView]) -> list[AccountView]:
    """Biggest yearly sales first (ties by id).

    The sales bots rank at every decision, but sales move once a month: the ranking depends
    only on the ids and the sales figures, so it is kept while they are equal (views share
    an account's histories until its next month's figures, so the comparison is quick).
    """
    pairs = tuple(map(_ID_SALES, accounts))
    for known, order in _BY_SALES:
        if known == pairs:
            return [accounts[i] for i in order]
    order = sorted(range(len(pairs)), key=lambda i: (-yearly_sales(accounts[i]), pairs[i][0]))
    _BY_SALES.insert(0, (pairs, order))
    del _BY_SALES[4:]  # a bot ranks two lists (live, workable); a few games may interleave
    return [accounts[i] for i in order]


def present(acc: AccountView) -> list[PersonView]:
    return [p for p in acc.people if p.present]


def seniority(person: PersonView) -> float:
    """How senior someone looks from title and outside roles (a proxy: influence is hidden)."""
    return _seniority(person.role, person.outside_roles)


@lru_cache(maxsize=4096)
def _seniority(role: str, outside_roles: tuple[str, ...]) -> float:
    words = " ".join((role, *outside_roles)).lower()
    return ordered_sum(w in words for w in SENIOR_WORDS) + 0.5 * len(outside_roles)


def is_senior(person: PersonView) -> bool:
    return seniority(person) > 0


def meet(acc: str, person: str, purpose: str, questions: tuple[str, ...] = ()) -> Action:
    action: Action = {"kind": "meet", "account": acc, "stakeholder": person, "purpose": purpose}
    if questions:
        action["questions"] = list(questions)
    return action


def latest_kpis(view: View, account: str) -> dict[str, Any] | None:
    """The account's latest monthly KPI record, if a month has ended."""
    kpis = view.kpis
    for i in range(len(kpis) - 1, -1, -1):  # newest first (mypyc cannot compile `reversed` here)
        if kpis[i]["account"] == account:
            return kpis[i]
    return None
