"""xAPI 1.0.3 statements for a stored game, for an LMS or LRS.

Per game, in log order: one statement per accepted action (meetings and analysis `interacted`,
tiering and campaign calls `selected`), then one `scored` per dimension and per competency, and
a `completed` for the scenario with the total. Everything is deterministic:

- ids: UUIDv5 in the namespace of the base IRI, from the game's uid, digest, rubric version and
  the statement's index — re-exporting gives the same ids; a rescore gives new ones;
- registration: the game's uid, so an LRS groups a game's statements;
- timestamps: the time the game was first recorded plus one second per simulated day, so the
  statements keep the game's order and stay close to when it was played (the simulated week
  and day are context extensions);
- context extensions: seed, scenario id and hash, log digest (and the rubric for scores).

Activity IRIs live under a configurable base (`--base-iri`), each path segment percent-encoded.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any
from urllib.parse import quote

from kamsim.reports.store import StoredGame
from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation

DEFAULT_BASE_IRI = "https://kamsim.example/xapi"
VERSION = "1.0.3"
LANG = "en-US"

VERBS = {
    "interacted": "http://adlnet.gov/expapi/verbs/interacted",
    "selected": "http://id.tincanapi.com/verb/selected",
    "scored": "http://adlnet.gov/expapi/verbs/scored",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
ADL = "http://adlnet.gov/expapi/activities/"
SELECTED_KINDS = ("set_tier", "approve_campaign", "hold_campaign")
EMAIL = re.compile(r"^[^@\s:/]+@[^@\s:/]+\.[A-Za-z]{2,}$")
ANALYSIS_NAMES = {
    "desk_research": "Desk research",
    "map_pathway": "Patient pathway mapping",
    "map_dmu": "Decision-making unit mapping",
    "review_kpis": "KPI review",
    "write_plan": "Account plan written",
    "agree_plan": "Account plan agreed",
}


def actor(participant: str, base_iri: str) -> dict[str, Any]:
    """An Agent: `mbox` when the participant looks like an e-mail address, else an account."""
    if EMAIL.match(participant):
        return {"objectType": "Agent", "name": participant, "mbox": f"mailto:{participant}"}
    return {
        "objectType": "Agent",
        "name": participant,
        "account": {"homePage": base_iri, "name": participant},
    }


def _iri(base: str, *segments: str) -> str:
    return "/".join([base.rstrip("/"), *(quote(str(s), safe="-._~") for s in segments)])


def _lang(text: str) -> dict[str, str]:
    return {LANG: text}


class _Builder:
    """Statements of one game; holds what every statement shares."""

    def __init__(self, game: StoredGame, sim: Simulation, base_iri: str) -> None:
        self.game, self.sim, self.base = game, sim, base_iri.rstrip("/")
        self.scenario: Scenario = sim.scenario
        self.names = {a.id: a.name for a in self.scenario.accounts}
        self.people = {(a.id, p.id): p for a in self.scenario.accounts for p in a.stakeholders}
        self.campaigns = {c.id: c.title for c in self.scenario.company.brand_campaigns}
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, self.base)
        self.start = dt.datetime.strptime(game.played_at, "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=dt.UTC
        )
        self.statements: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ shared parts
    def ext(self, name: str) -> str:
        return _iri(self.base, "extensions", name)

    def scenario_activity(self) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": _iri(self.base, "scenarios", self.scenario.meta.id),
            "definition": {
                "type": ADL + "simulation",
                "name": _lang(self.scenario.meta.title),
                "description": _lang(f"kamsim scenario, {self.scenario.meta.therapy_area}"),
            },
        }

    def activity(self, path: tuple[str, ...], kind: str, name: str, **more: Any) -> dict:
        definition = {"type": kind, "name": _lang(name), **more}
        return {"objectType": "Activity", "id": _iri(self.base, *path), "definition": definition}

    def context(self, week: int, day: float, *, in_game: bool) -> dict[str, Any]:
        cohort = {
            "objectType": "Activity",
            "id": _iri(self.base, "cohorts", self.game.cohort),
            "definition": {
                "type": _iri(self.base, "activity-types", "cohort"),
                "name": _lang(f"Cohort {self.game.cohort}"),
            },
        }
        activities: dict[str, Any] = {"grouping": [cohort]}
        if in_game:
            activities["parent"] = [self.scenario_activity()]
        return {
            "registration": str(uuid.UUID(self.game.uid)),
            "platform": "kamsim",
            "revision": self.scenario.meta.version,
            "language": "en",
            "contextActivities": activities,
            "extensions": {
                self.ext("seed"): self.game.seed,
                self.ext("scenario-id"): self.game.scenario_id,
                self.ext("scenario-hash"): self.game.scenario_hash,
                self.ext("digest"): self.game.digest,
                self.ext("sim-week"): week,
                self.ext("sim-day"): day,
            },
        }

    def add(self, verb: str, obj: dict, week: int, day: float, **more: Any) -> None:
        index = len(self.statements)
        name = f"{self.game.uid}:{self.game.digest}:{self.game.rubric_version}:{index}"
        stamp = self.start + dt.timedelta(seconds=round(day, 3))
        self.statements.append(
            {
                "id": str(uuid.uuid5(self.namespace, name)),
                "actor": actor(self.game.participant, self.base),
                "verb": {"id": VERBS[verb], "display": _lang(verb)},
                "object": obj,
                "context": self.context(week, day, in_game=verb != "completed"),
                "timestamp": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "version": VERSION,
                **more,
            }
        )

    # ------------------------------------------------------------------ the game
    def actions(self) -> None:
        for entry in self.sim.log:
            if entry.kind != "action":
                continue
            action = dict(entry.data["action"])
            verb = "selected" if action["kind"] in SELECTED_KINDS else "interacted"
            result: dict[str, Any] = {
                "extensions": {self.ext("action"): action, self.ext("days"): entry.data["days"]}
            }
            response = _response(action)
            if response:
                result["response"] = response
            self.add(verb, self.action_object(action), entry.week, entry.day, result=result)

    def action_object(self, action: dict[str, Any]) -> dict[str, Any]:
        sid, kind = self.scenario.meta.id, action["kind"]
        if kind in ("approve_campaign", "hold_campaign"):
            cid = action["campaign"]
            return self.activity(
                ("scenarios", sid, "campaigns", cid),
                ADL + "cmi.interaction",
                f"Brand campaign: {self.campaigns.get(cid, cid)}",
                interactionType="choice",
                choices=[{"id": "approve"}, {"id": "hold"}],
            )
        account = action["account"]
        where = self.names.get(account, account)
        if kind == "set_tier":
            return self.activity(
                ("scenarios", sid, "accounts", account, "tier"),
                ADL + "cmi.interaction",
                f"Tier for {where}",
                interactionType="choice",
                choices=[{"id": t.value} for t in Tier],
            )
        if kind == "meet":
            who = action["stakeholder"]
            person = self.people.get((account, who))
            label = f"{person.name}, {person.role}" if person else who
            return self.activity(
                ("scenarios", sid, "accounts", account, "stakeholders", who),
                ADL + "meeting",
                f"Meeting with {label} at {where}",
            )
        return self.activity(
            ("scenarios", sid, "accounts", account, kind),
            ADL + "interaction",
            f"{ANALYSIS_NAMES.get(kind, kind)}: {where}",
        )

    def scores(self) -> None:
        card, end = self.game.scorecard, float(self.scenario.meta.duration_weeks * 7)
        week = self.game.week
        rubric = {self.ext("rubric-version"): self.game.rubric_version}
        for name, value in card.get("dimensions", {}).items():
            obj = self.activity(
                ("dimensions", name), ADL + "objective", name.replace("_", " ").capitalize()
            )
            result = {"score": _score(value / 100), "extensions": rubric}
            self.add("scored", obj, week, end, result=result)
        for comp in card.get("competencies", []):
            obj = self.activity(("competencies", comp["id"]), ADL + "objective", comp["name"])
            extensions = {**rubric, self.ext("level"): comp["level"]}
            result = {"score": _score(comp["score"]), "extensions": extensions}
            if comp.get("anchor"):
                result["response"] = comp["anchor"]
            self.add("scored", obj, week, end, result=result)
        result = {
            "score": _score(card["total"] / 100),
            "completion": bool(self.sim.finished),
            "extensions": {**rubric, self.ext("dimensions"): card.get("dimensions", {})},
        }
        self.add("completed", self.scenario_activity(), week, end, result=result)


def _score(scaled: float) -> dict[str, Any]:
    """A 0–1 score as xAPI result.score: scaled, and raw on 0–100."""
    scaled = min(1.0, max(0.0, float(scaled)))
    return {"scaled": round(scaled, 4), "raw": round(scaled * 100, 2), "min": 0, "max": 100}


def _response(action: dict[str, Any]) -> str | None:
    kind = action["kind"]
    if kind == "set_tier":
        return str(action["tier"])
    if kind in ("approve_campaign", "hold_campaign"):
        return "approve" if kind == "approve_campaign" else "hold"
    if kind == "meet":
        return str(action["purpose"])
    return None


def game_statements(
    game: StoredGame, sim: Simulation, base_iri: str = DEFAULT_BASE_IRI
) -> list[dict[str, Any]]:
    """Every statement of one game (`sim` is the game rebuilt from its stored log)."""
    builder = _Builder(game, sim, base_iri)
    builder.actions()
    builder.scores()
    return builder.statements
