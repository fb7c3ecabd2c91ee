"""Players who want the certificate, not the skill: each games one credit of the rubric.

Calibration plays them beside the expert; each must lose to it on nearly every seed, because
the world does not pay for what they fake and the rubric credits only what the world made
true.

- paperwork: the expert's game plus a last-weeks draft for every key account listing every
  project, a SWOT line in every quadrant and a stack of objectives (never agreed);
- decline-restore: declines every account but its key set for the year to free routine days,
  then sets the right tiers in the last week;
- all-key: every account key, a plan for each;
- drop-planless: all-key, then in the last week demotes every key account whose plan was never
  agreed, so that the debrief would judge only the plans that worked;
- keyword-swot: the expert's homework, but one SWOT line per quadrant citing any fact heard and
  the same objectives for every account, whatever its starting point;
- sandbag: the expert's game with every plan's objectives set to what the account reaches by
  doing nothing much (a hair more share, any return at all), so that every objective is met;
- no-customer: researches and maps, writes the plans, and puts them to the whole DMU without
  ever meeting anyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kamsim.bots import planning
from kamsim.bots.base import Action, present, workable
from kamsim.bots.evidence import AccountEvidence
from kamsim.bots.expert import ExpertBot
from kamsim.sim.view import AccountView, View

QUADRANTS = ("strength", "weakness", "opportunity", "threat")
PAPERWORK_WEEKS = 2


class PaperworkBot(ExpertBot):
    name = "paperwork"

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.papered: set[str] = set()

    def candidates(self, view: View) -> Iterator[Action]:
        if view.weeks_left <= PAPERWORK_WEEKS:
            for acc in workable(view):
                if acc.tier == "key" and acc.id not in self.papered:
                    self.papered.add(acc.id)
                    yield {"kind": "write_plan", "account": acc.id, "plan": _bloated(view, acc)}
        yield from super().candidates(view)


def _bloated(view: View, acc: AccountView) -> dict[str, Any]:
    facts = [f for f in view.facts if f.account == acc.id]
    end = view.week + view.weeks_left - 1
    return {
        "segment": None,
        "needs": [],
        "swot": [{"kind": q, "text": f.title, "facts": [f.id]} for f in facts for q in QUADRANTS],
        "objectives": [
            {"kpi": k, "target": t, "by_week": end}
            for k, t in (
                ("share", 0.6),
                ("satisfaction", 9.0),
                ("roi", 3.0),
                ("formulary_status", 3.0),
                ("win_loss", 3.0),
            )
        ],
        "tactics": [{"project": p["id"]} for p in view.projects],
    }


class DeclineRestoreBot(ExpertBot):
    name = "decline-restore"

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.restore: dict[str, str] = {}  # account → the tier the expert would give it

    def tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        tiers = super().tiers(view, ev, final)
        if not final:
            return tiers
        if view.weeks_left <= 1:  # the last week: put the right tiers back
            return {**tiers, **self.restore}
        for acc, tier in tiers.items():
            if tier not in ("key", "decline"):
                self.restore[acc] = tier
        return {a: t if t == "key" else "decline" for a, t in tiers.items()}


class AllKeyBot(ExpertBot):
    name = "all-key"

    def key_set(self, view: View, eligible: list[str], ev: dict[str, AccountEvidence]) -> list[str]:
        return list(eligible)


class DropPlanlessBot(AllKeyBot):
    name = "drop-planless"

    def tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        tiers = super().tiers(view, ev, final)
        if not final or view.weeks_left > 1:
            return tiers
        failed = {a.id for a in view.accounts if a.plan is None or a.plan.status != "agreed"}
        return {a: "develop" if t == "key" and a in failed else t for a, t in tiers.items()}


class KeywordSwotBot(ExpertBot):
    name = "keyword-swot"

    def write(self, view: View, acc: AccountView, ev: AccountEvidence, n_key: int) -> Action:
        action = super().write(view, acc, ev, n_key)
        facts = [f for f in view.facts if f.account == acc.id][:1]
        end = view.week + view.weeks_left - 1
        action["plan"] = {
            **action["plan"],
            "swot": [
                {"kind": q, "text": "see notes", "facts": [f.id for f in facts]} for q in QUADRANTS
            ],
            "objectives": [
                {"kpi": "share", "target": 0.5, "by_week": end},
                {"kpi": "satisfaction", "target": 8.0, "by_week": end},
            ],
        }
        return action


class SandbagBot(ExpertBot):
    name = "sandbag"

    def write(self, view: View, acc: AccountView, ev: AccountEvidence, n_key: int) -> Action:
        action = super().write(view, acc, ev, n_key)
        end = view.week + view.weeks_left - 1
        share = planning.current_share(view, acc)
        action["plan"] = {
            **action["plan"],
            "objectives": [
                {"kpi": "share", "target": round(share + 0.006, 4), "by_week": end},
                {"kpi": "roi", "target": 0.001, "by_week": end},
                {"kpi": "revenue_to_profit", "target": 0.001, "by_week": end},
            ],
        }
        return action


class NoCustomerBot(ExpertBot):
    name = "no-customer"

    def discovery(self, view: View, accounts: list[AccountView], ev: Any,
                  per_account: int = 99) -> Iterator[Action]:  # fmt: skip
        return iter(())

    def maintenance(self, view: View, focus: list[AccountView]) -> Iterator[Action]:
        return iter(())

    def win_over(self, view: View, acc: AccountView, answer: dict | None) -> Iterator[Action]:
        return iter(())

    def co_create_with(self, acc: AccountView) -> list:
        return []

    def ready(self, view: View, acc: AccountView, ev: AccountEvidence) -> bool:
        return acc.dmu_mapped and acc.pathway_mapped

    def plan_steps(self, view: View, acc: AccountView, ev: AccountEvidence,
                   n_key: int) -> Iterator[Action]:  # fmt: skip
        if acc.plan is None:
            if self.ready(view, acc, ev):
                yield self.write(view, acc, ev, n_key)
        elif acc.plan.status != "agreed" and self._retry_ok(view, acc):
            yield self.agree(acc, [p.id for p in present(acc)])


# Registered by name here rather than read from each class's `name`: a compiled class (mypyc)
# keeps `name` on its instances only.
ADVERSARIES: dict[str, type[ExpertBot]] = {
    "paperwork": PaperworkBot,
    "decline-restore": DeclineRestoreBot,
    "all-key": AllKeyBot,
    "drop-planless": DropPlanlessBot,
    "keyword-swot": KeywordSwotBot,
    "sandbag": SandbagBot,
    "no-customer": NoCustomerBot,
}
