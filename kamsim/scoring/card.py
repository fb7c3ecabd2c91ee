"""The scorecard: every number of an assessment with the evidence behind it.

Records are frozen so a scorecard can be stored, exported and compared without surprises;
`to_dict` gives the JSON form that `kamsim run --json`, saves and reports share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DIMENSIONS = ("prioritisation", "plan_quality", "competencies", "outcomes")


@dataclass(frozen=True)
class Evidence:
    """A log entry (or a fact of the scenario) that an indicator rests on."""

    week: int
    what: str
    entry: int | None = None  # index in the game's log, when it is a logged event

    def to_dict(self) -> dict[str, Any]:
        return {"week": self.week, "what": self.what, "entry": self.entry}


@dataclass(frozen=True)
class Indicator:
    """One observable behaviour, scored 0–1, with why and what an expert would do."""

    id: str
    dimension: str
    label: str
    value: float
    weight: float
    evidence: tuple[Evidence, ...] = ()
    comment: str = ""
    expert: str = ""  # what an expert would have done, when this fell short
    account: str | None = None

    @classmethod
    def scored(
        cls,
        id: str,
        dimension: str,
        label: str,
        value: float,
        evidence: tuple[Evidence, ...],
        comment: str,
        expert: str,
        account: str | None = None,
    ) -> Indicator:
        """An indicator clamped to 0–1 that keeps evidence only for credit it gives and the
        expert's advice only where it fell short."""
        value = max(0.0, min(1.0, value))
        return cls(id, dimension, label, value, 1.0, evidence if value > 0 else (), comment,
                   expert if value < 1 else "", account)  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dimension": self.dimension,
            "label": self.label,
            "account": self.account,
            "value": round(self.value, 4),
            "weight": self.weight,
            "comment": self.comment,
            "expert": self.expert,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Competency:
    """A competency's level (1–4) from the average of its indicators."""

    id: str
    name: str
    score: float
    level: int
    anchor: str
    indicators: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": round(self.score, 4),
            "level": self.level,
            "anchor": self.anchor,
            "indicators": list(self.indicators),
        }


@dataclass(frozen=True)
class Scorecard:
    """The whole assessment of one game."""

    total: float  # 0–100
    dimensions: dict[str, float]  # 0–100 each
    indicators: tuple[Indicator, ...]
    competencies: tuple[Competency, ...]
    rubric_version: str
    # The parallel form the game was played in (None: the scenario has one form). Recorded with
    # the scores so an assessor comparing trainees can see who faced which world.
    form: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": round(self.total, 2),
            "dimensions": {k: round(v, 2) for k, v in self.dimensions.items()},
            "rubric_version": self.rubric_version,
            "form": self.form,
            "competencies": [c.to_dict() for c in self.competencies],
            "indicators": [i.to_dict() for i in self.indicators],
        }
