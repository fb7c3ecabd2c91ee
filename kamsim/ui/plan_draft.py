"""The plan the trainee is editing on the planning board, before it is written to the game.

Pure data (no pygame): lists keep the order of the trainee's clicks, so the submitted plan is
exactly what they built (and what autoplay reproduces from a bot's plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kamsim.vocabulary import KPI_NAMES as KPI_NAMES  # the board's KPI words live there
from kamsim.vocabulary import PERCENT_KPIS

DRAFT_VERSION = 1  # the shape of a draft in the UI sidecar

KPIS = ("sales", "share", "win_loss", "formulary_status", "penetration_index",
        "revenue_to_profit", "satisfaction", "roi")  # fmt: skip
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
    """Everything the trainee has put on the board for one account, written or not.

    Besides the plan itself it keeps the table (who sits at the agreement) and the line being
    composed (the SWOT side, its typed text and cited facts; the KPI and the typed target and
    week), so leaving the board, a resize or a quit never throws away what was typed.
    """

    segment: str | None = None
    needs: list[str] = field(default_factory=list)
    swot: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[dict[str, Any]] = field(default_factory=list)
    tactics: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)  # who sits at the table to agree
    swot_kind: str = "strength"  # the SWOT line being composed
    swot_text: str = ""
    swot_facts: list[str] = field(default_factory=list)
    kpi: str = "share"  # the objective being composed
    target_text: str = ""
    week_text: str = ""

    @classmethod
    def from_plan(
        cls, plan: dict[str, Any] | None, consulted: tuple[str, ...] | list[str] = ()
    ) -> PlanDraft:
        """Start from the current written plan, so updating a plan means editing it; the
        table starts as the people it was last agreed with."""
        if not plan:
            return cls(consulted=list(consulted))
        return cls(
            plan.get("segment"),
            list(plan.get("needs", [])),
            [dict(item, facts=list(item.get("facts", []))) for item in plan.get("swot", [])],
            [dict(o) for o in plan.get("objectives", [])],
            [t["project"] for t in plan.get("tactics", [])],
            list(consulted),
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

    # ------------------------------------------------------------------ the sidecar
    def to_json(self) -> dict[str, Any]:
        """Plain JSON for the UI sidecar (copies: the saved state never aliases the board)."""
        return {
            "v": DRAFT_VERSION,
            "segment": self.segment,
            "needs": list(self.needs),
            "swot": [dict(s, facts=list(s["facts"])) for s in self.swot],
            "objectives": [dict(o) for o in self.objectives],
            "tactics": list(self.tactics),
            "consulted": list(self.consulted),
            "swot_kind": self.swot_kind,
            "swot_text": self.swot_text,
            "swot_facts": list(self.swot_facts),
            "kpi": self.kpi,
            "target_text": self.target_text,
            "week_text": self.week_text,
        }

    @classmethod
    def from_json(cls, data: Any) -> PlanDraft | None:
        """A draft read back from a sidecar, or None when it is not one.

        The sidecar may come from another version or be edited by hand: anything malformed is
        left out (an unknown SWOT side or KPI would break the board's drawing), never raised.
        """
        if not isinstance(data, dict):
            return None
        segment = data.get("segment")
        swot = [
            {"kind": s["kind"], "text": s["text"], "facts": _strings(s.get("facts"))}
            for s in data.get("swot") or []
            if isinstance(s, dict)
            and s.get("kind") in SWOT_KINDS
            and isinstance(s.get("text"), str)
        ]
        objectives = [
            {"kpi": o["kpi"], "target": float(o["target"]), "by_week": int(o["by_week"])}
            for o in data.get("objectives") or []
            if isinstance(o, dict)
            and o.get("kpi") in KPIS
            and isinstance(o.get("target"), int | float)
            and not isinstance(o.get("target"), bool)
            and isinstance(o.get("by_week"), int)
            and not isinstance(o.get("by_week"), bool)
        ]
        return cls(
            segment if segment in SEGMENTS else None,
            [n for n in _strings(data.get("needs")) if n in NEEDS],
            swot,
            objectives,
            _strings(data.get("tactics")),
            _strings(data.get("consulted")),
            data["swot_kind"] if data.get("swot_kind") in SWOT_KINDS else "strength",
            _text(data.get("swot_text")),
            _strings(data.get("swot_facts")),
            data["kpi"] if data.get("kpi") in KPIS else "share",
            _text(data.get("target_text")),
            _text(data.get("week_text")),
        )


def _strings(value: Any) -> list[str]:
    """The distinct strings of a JSON list, in order (anything else dropped)."""
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, str)))


def _text(value: Any, limit: int = 1000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def parse_number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def format_number(value: float) -> str:
    """How a number is typed into the board so that it reads back exactly (autoplay)."""
    return repr(float(value)) if value != int(value) else str(int(value))


def parse_target(kpi: str, text: str) -> float | None:
    """The objective's target from what was typed: a share is typed as a percentage ("35"
    or "35%" is 0.35), as the dashboard and the charts show it. Shifted in decimal, so the
    typed "26.1" is exactly the float 0.261, not 26.1 / 100."""
    raw = text.strip().replace(",", ".")
    if kpi not in PERCENT_KPIS:
        return parse_number(raw)
    try:
        number = Decimal(raw.removesuffix("%").strip())
    except InvalidOperation:
        return None
    return float(number.scaleb(-2)) if number.is_finite() else None


def format_target(kpi: str, value: float) -> str:
    """A target as it is typed (a share as a percentage); `parse_target` reads it back
    exactly, the same float (autoplay types bots' targets this way)."""
    if kpi not in PERCENT_KPIS:
        return format_number(value)
    text = format(Decimal(repr(float(value))).scaleb(2).normalize(), "f")
    return text


def show_target(kpi: str, value: float) -> str:
    """A target in a sentence: '35%' for a share, the number otherwise."""
    return format_target(kpi, value) + ("%" if kpi in PERCENT_KPIS else "")
