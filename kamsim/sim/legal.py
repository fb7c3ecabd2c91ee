"""Candidate actions for `Simulation.legal_actions`: a finite menu the rules then filter."""

from __future__ import annotations

from collections.abc import Iterator

from kamsim.scenario.base import Purpose, Tier
from kamsim.scenario.model import Scenario
from kamsim.sim import actions as a
from kamsim.sim.state import AccountState, Catalog, World


def _meetings(acc: AccountState, questions: list[str]) -> Iterator[a.Action]:
    for person in acc.people.values():
        if not (person.visible and person.present):
            continue
        for purpose in Purpose:
            yield a.Meet(account=acc.id, stakeholder=person.id, purpose=purpose)
        for question in questions:
            yield a.Meet(
                account=acc.id,
                stakeholder=person.id,
                purpose=Purpose.DISCOVER,
                questions=(question,),
            )


def _account_actions(acc: AccountState, scenario: Scenario) -> Iterator[a.Action]:
    for tier in Tier:
        yield a.SetTier(account=acc.id, tier=tier)
    yield a.DeskResearch(account=acc.id)
    yield a.MapPathway(account=acc.id)
    yield a.MapDmu(account=acc.id)
    yield from _meetings(acc, [q.id for q in scenario.questions])
    yield a.WritePlan(account=acc.id, plan=a.Plan())
    for project in scenario.projects:
        yield a.WritePlan(account=acc.id, plan=a.Plan(tactics=(a.Tactic(project=project.id),)))
    consulted = tuple(p.id for p in acc.people.values() if p.visible and p.present)
    yield a.AgreePlan(account=acc.id, stakeholders=consulted)
    yield a.ReviewKpis(account=acc.id)


def candidates(scenario: Scenario, world: World, catalog: Catalog) -> Iterator[a.Action]:
    """Every action worth offering now, before the rules check resources and state."""
    for acc in world.accounts.values():
        if acc.active:
            yield from _account_actions(acc, scenario)
    for campaign in catalog.campaigns:
        yield a.ApproveCampaign(campaign=campaign)
        yield a.HoldCampaign(campaign=campaign)
