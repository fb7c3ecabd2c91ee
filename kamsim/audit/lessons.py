"""The lessons a scenario must teach, each with the expert variant that must lose.

One row per lesson of shared/LESSONS.md (and the champion lesson the advanced scenario adds):
the variant is the expert's game with that one practice removed or that mistake made, and the
check says whether the scenario makes the lesson observable at all (no campaigns, nothing to
teach about campaigns).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kamsim.scenario.base import Tier
from kamsim.scenario.knowledge import Method
from kamsim.scenario.model import Scenario
from kamsim.scenario.world import EventKind
from kamsim.scoring.truth import expected_tiers


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    variant: str  # the expert variant's bot name (kamsim.bots.variants)
    observable: Callable[[Scenario], bool]


def _always(_: Scenario) -> bool:
    return True


def _declinable(sc: Scenario) -> bool:
    return any(t.tier is Tier.DECLINE for t in expected_tiers(sc).values())


def _front_line_only(sc: Scenario) -> bool:
    front = {s.id for a in sc.accounts for s in a.stakeholders if s.front_line}
    return any(
        all(src.via is Method.MEETING and src.stakeholder in front for src in f.sources)
        for f in sc.facts
    )


def _pathway(sc: Scenario) -> bool:
    return any(st.blockage for a in sc.accounts for st in a.truth.pathway)


def _hidden(sc: Scenario) -> bool:
    return any(not s.visible for a in sc.accounts for s in a.stakeholders)


def _campaigns(sc: Scenario) -> bool:
    return bool(sc.company.brand_campaigns)


def _rebates(sc: Scenario) -> bool:
    return any(p.rebate > 0 for p in sc.projects)


def _champion_leaves(sc: Scenario) -> bool:
    return any(e.kind is EventKind.STAKEHOLDER_LEAVES or e.effects.leaves for e in sc.events)


LESSONS: tuple[Lesson, ...] = (
    Lesson("prioritise", "Prioritise by weighted criteria: a true key account swapped for the "
           "high-sales misaligned one", "expert-sales-key", _declinable),
    Lesson("decline", "Courage to decline: keep serving the account that should be declined",
           "expert-no-decline", _declinable),
    Lesson("sources", "Many sources, real goals: no front-line meetings",
           "expert-no-front-line", _front_line_only),
    Lesson("pathway", "The patient pathway: no pathway mapping", "expert-no-pathway", _pathway),
    Lesson("fit", "Segment and needs: a plan that misfits the needs found", "expert-misfit",
           _always),
    Lesson("dmu", "The decision-making unit: no DMU mapping, hidden members never met",
           "expert-no-dmu", _hidden),
    Lesson("co-create", "Co-create and agree openly: impose the plan with one person",
           "expert-imposed", _always),
    Lesson("campaigns-approve", "The plan over brand plans: approve every campaign",
           "expert-approve-all", _campaigns),
    Lesson("campaigns-hold", "Less can be better, not nothing: hold every campaign",
           "expert-hold-all", _campaigns),
    Lesson("monitor", "Objectives, monitoring, follow-up: never review or update",
           "expert-no-monitoring", _always),
    Lesson("rebates", "Business acumen: a price rebate at every account", "expert-rebates",
           _rebates),
    Lesson("listen", "Customer-centricity: promote instead of listening", "expert-promoter",
           _always),
    Lesson("champion", "A plan that depends on one person is fragile: build it with the "
           "champion alone", "expert-one-champion", _champion_leaves),
)  # fmt: skip
