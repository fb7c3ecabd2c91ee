"""The plan the trainee is editing on the planning board, before it is written to the game.

Pure data (no pygame): lists keep the order of the trainee's clicks, so the submitted plan is
exactly what they built (and what autoplay reproduces from a bot's plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KPIS = ("sales", "share", "win_loss", "formulary_status", "penetration_index",
        "revenue_to_profit", "satisfaction", "roi")  # fmt: skip
KPI_NAMES = {
    "sales": "Sales (month)", "share": "Share (0–1)", "win_loss": "Win-to-lose ratio",
    "formulary_status": "Formulary step (0–3)", "penetration_index": "Penetration index",
    "revenue_to_profit": "Revenue-to-profit", "satisfaction": "Satisfaction (0–10)",
    "roi": "ROI",
}  # fmt: skip
SEGMENTS = ("drug_price", "healthcare_costs", "total_value")
NEEDS = (
    "drug_cost",
    "healthcare_cost",
    "process_improvement",
    "treatment_quality",
    "employee_capability",
    "revenue_enhancement",
    "patient_experience",
    "reputation",
)
SWOT_KINDS = ("strength", "weakness", "opportunity", "threat")


@dataclass
class PlanDraft:
    segment: str | None = None
    needs: list[str] = field(default_factory=list)
    swot: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[dict[str, Any]] = field(default_factory=list)
    tactics: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)  # who sits at the table to agree

    @classmethod
    def from_plan(cls, plan: dict[str, Any] | None) -> PlanDraft:
        """Start from the current written plan, so updating a plan means editing it."""
        if not plan:
            return cls()
        return cls(
            plan.get("segment"),
            list(plan.get("needs", [])),
            [dict(item, facts=list(item.get("facts", []))) for item in plan.get("swot", [])],
            [dict(o) for o in plan.get("objectives", [])],
            [t["project"] for t in plan.get("tactics", [])],
        )

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def toggle(self, items: list[str], item: str) -> None:
        if item in items:
            items.remove(item)
        else:
            items.append(item)

    def write_action(self, account: str) -> dict[str, Any]:
        plan = {
            "segment": self.segment,
            "needs": list(self.needs),
            "swot": [dict(s, facts=list(s["facts"])) for s in self.swot],
            "objectives": [dict(o) for o in self.objectives],
            "tactics": [{"project": p} for p in self.tactics],
        }
        return {"kind": "write_plan", "account": account, "plan": plan}

    def agree_action(self, account: str) -> dict[str, Any]:
        return {"kind": "agree_plan", "account": account, "stakeholders": list(self.consulted)}


def parse_number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def format_number(value: float) -> str:
    """How a number is typed into the board so that it reads back exactly (autoplay)."""
    return repr(float(value)) if value != int(value) else str(int(value))
