"""Candidate actions for `Simulation.legal_actions`: a short menu the rules then filter.

The menu offers each kind of action once per target rather than every combination of its
options, so it stays cheap (a few hundred candidates on the advanced scenario) while every
kind of move stays reachable:

- meetings: each person known and present, once per purpose; the discover meeting carries the
  next three of the scenario's questions not yet put to that person (in scenario order), so
  choosing it again works through every question. No hidden truth is used to pick them.
- plans: an empty plan and one single-project plan per catalogue project;
- agreement: with every known person present at the table;
- nothing for a declined account but a new tier (the rules refuse the rest).

Any other combination the rules accept (other questions, other plans, other tables) is legal
too; the menu is a faithful sample, never a promise that something else is not allowed.
"""

from __future__ import annotations

from collections.abc import Iterator

from kamsim.scenario.base import Purpose, Tier
from kamsim.scenario.model import Scenario
from kamsim.sim import actions as a
from kamsim.sim.state import AccountState, Catalog, Person, World

QUESTIONS_PER_MEETING = 3  # the most a Meet action may carry


def next_questions(person: Person, questions: list[str]) -> tuple[str, ...]:
    """The next questions not yet put to this person, at most three, in scenario order."""
    fresh = [q for q in questions if q not in person.asked]
    return tuple(fresh[:QUESTIONS_PER_MEETING])


def _meetings(acc: AccountState, questions: list[str]) -> Iterator[a.Action]:
    for person in acc.people.values():
        if not (person.visible and person.present):
            continue
        for purpose in Purpose:
            asked = next_questions(person, questions) if purpose is Purpose.DISCOVER else ()
            yield a.Meet(account=acc.id, stakeholder=person.id, purpose=purpose, questions=asked)


def _account_actions(
    acc: AccountState, scenario: Scenario, plans: list[a.Plan]
) -> Iterator[a.Action]:
    for tier in Tier:
        yield a.SetTier(account=acc.id, tier=tier)
    if acc.declined:
        return
    yield a.DeskResearch(account=acc.id)
    yield a.MapPathway(account=acc.id)
    yield a.MapDmu(account=acc.id)
    yield from _meetings(acc, [q.id for q in scenario.questions])
    for plan in plans:
        yield a.WritePlan(account=acc.id, plan=plan)
    consulted = tuple(p.id for p in acc.people.values() if p.visible and p.present)
    yield a.AgreePlan(account=acc.id, stakeholders=consulted)
    yield a.ReviewKpis(account=acc.id)
    yield a.ReviewMonthly(account=acc.id, on=not acc.review_monthly)


def candidates(scenario: Scenario, world: World, catalog: Catalog) -> Iterator[a.Action]:
    """The menu of actions worth offering now, before the rules check resources and state."""
    single = [a.Plan(tactics=(a.Tactic(project=p.id),)) for p in scenario.projects]
    plans = [a.Plan(), *single]
    for acc in world.accounts.values():
        if acc.active:
            yield from _account_actions(acc, scenario, plans)
    for campaign in catalog.campaigns:
        yield a.ApproveCampaign(campaign=campaign)
        yield a.HoldCampaign(campaign=campaign)
