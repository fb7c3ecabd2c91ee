"""xAPI 1.0.3 statements for a stored game, for an LMS or LRS.

Per game, in log order: one statement per accepted action (meetings and analysis `interacted`,
tiering and campaign calls `selected`), then one `scored` per dimension and per competency, and
a `completed` for the scenario with the total. Everything is deterministic, and nothing that
identifies a statement or a person depends on an optional flag, so exporting a game again, with
other flags or after a rescore, never puts a second copy of anything in an LRS:

- ids: UUIDv5 in kamsim's own fixed namespace (`ID_NAMESPACE`, not the base IRI) of the game's
  uid and log digest and the statement's place in the game: `action:<n>` for the n-th
  submission, `<rubric>:dimension:<name>`, `<rubric>:competency:<id>`, `<rubric>:completed`.
  An action's statement keeps its id through a rescore (the action did not change); the scores
  of a new rubric are new statements, next to the old rubric's (both carry `rubric-version`);
- actor: `mbox` when the participant is an e-mail address, else an account whose homePage is
  kamsim's own (`ACCOUNT_HOME_PAGE`), the same in every export and deliberately not a setting:
  a person's identity must not change with the base IRI, the config file or a flag;
- registration: the game's uid, so an LRS groups a game's statements;
- timestamps: when the trainee did it. `kamsim play` records the wall-clock time of each input
  (`StoredGame.input_times`); an action's statement carries its input's time. An input without
  one (made before the game was resumed from a save) carries the next timed input's: it
  happened no later. A game with no times at all (a bot, a playbook, the Python API) carries
  the time it was recorded (`played_at`, to the second), which for a headless game is when it
  was played, and for any other is the moment it ended. Scores and the completion carry the end
  of the game (the later of the last input and the recording). Statements that would share a
  time are spread 1 ms apart so an LRS that sorts by timestamp keeps the game's order. The
  `time-source` extension says which rule gave a statement its time: `input`, `next-input`,
  `end` (the end of a timed game) or `recorded`;
- result.duration (ISO 8601) on the `completed` statement: the wall-clock time from the first
  timed input to the end of the game; absent when the game has no input times (its length is
  not known);
- context extensions: seed, scenario id and hash, log digest, simulated week and day, time
  source (and the rubric for scores).

Activity IRIs and extension keys live under a base IRI (`--base-iri`, `$KAMSIM_XAPI_BASE_IRI`
or the config file's `xapi.base_iri`), each path segment percent-encoded. It is content, not
identity: a statement exported under another base has the same id and different content, which
an LRS refuses (409) rather than storing twice; `kamsim export xapi` reports those.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from typing import Any
from urllib.parse import quote

from kamsim.config import DEFAULT_BASE_IRI
from kamsim.reports.store import StoredGame
from kamsim.scenario.base import Tier
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation

ACCOUNT_HOME_PAGE = "https://kamsim.example/participants"
# Fixed forever: changing it would give every statement ever exported a new id.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kamsim.example/xapi/statement-ids")
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
    "review_monthly": "Monthly KPI review (standing routine)",
    "write_plan": "Account plan written",
    "agree_plan": "Account plan agreed",
}


def actor(participant: str) -> dict[str, Any]:
    """An Agent: `mbox` when the participant looks like an e-mail address, else an account on
    kamsim's fixed homePage; never anything a flag or setting changes."""
    if EMAIL.match(participant):
        return {"objectType": "Agent", "name": participant, "mbox": f"mailto:{participant}"}
    return {
        "objectType": "Agent",
        "name": participant,
        "account": {"homePage": ACCOUNT_HOME_PAGE, "name": participant},
    }


def statement_id(game: StoredGame, place: str) -> str:
    """The id of a game's statement at `place` ("action:3", "<rubric>:completed", …)."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{game.uid}:{game.digest}:{place}"))


def iso_duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration to the hundredth, e.g. 3725.5 → "PT1H2M5.5S"."""
    centis = max(0, round(seconds * 100))
    hours, centis = divmod(centis, 360_000)
    minutes, centis = divmod(centis, 6_000)
    secs = f"{centis / 100:.2f}".rstrip("0").rstrip(".")
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if secs != "0" or not parts:
        parts += f"{secs}S"
    return f"PT{parts}"


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Clock:
    """When each statement of a game happened (see the module docstring)."""

    TICK = dt.timedelta(milliseconds=1)

    def __init__(self, game: StoredGame) -> None:
        recorded = dt.datetime.strptime(game.played_at, "%Y-%m-%dT%H:%M:%SZ")
        times = list(game.input_times or ())
        known = [t for t in times if _timed(t)]
        self.times = times
        self.first = _utc(min(known)) if known else None
        self.end = max([recorded.replace(tzinfo=dt.UTC), *(_utc(t) for t in known)])
        self.last: dt.datetime | None = None

    def of_input(self, index: int) -> tuple[dt.datetime, str]:
        """The time of the `index`-th submission, and which rule gave it."""
        for at, value in enumerate(self.times[index:], index):
            if _timed(value):
                return _utc(value), "input" if at == index else "next-input"
        return self.at_end()

    def at_end(self) -> tuple[dt.datetime, str]:
        return self.end, "recorded" if self.first is None else "end"

    def next(self, moment: dt.datetime) -> dt.datetime:
        """`moment`, moved just after the previous statement's when it is not later."""
        if self.last is not None and moment <= self.last:
            moment = self.last + self.TICK
        self.last = moment
        return moment

    def duration(self) -> str | None:
        if self.first is None:
            return None
        return iso_duration((self.end - self.first).total_seconds())


def _timed(value: Any) -> bool:
    """Whether an input time is a usable epoch (a number between 1970 and the year 5000)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 0 <= value < 95_617_584_000


def _utc(epoch: float) -> dt.datetime:
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


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
        self.clock = _Clock(game)
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

    def context(self, week: int, day: float, source: str, *, in_game: bool) -> dict[str, Any]:
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
                self.ext("time-source"): source,
            },
        }

    def add(
        self,
        place: str,
        verb: str,
        obj: dict,
        week: int,
        day: float,
        when: tuple[dt.datetime, str],
        **more: Any,
    ) -> None:
        moment, source = when
        self.statements.append(
            {
                "id": statement_id(self.game, place),
                "actor": actor(self.game.participant),
                "verb": {"id": VERBS[verb], "display": _lang(verb)},
                "object": obj,
                "context": self.context(week, day, source, in_game=verb != "completed"),
                "timestamp": _stamp(self.clock.next(moment)),
                "version": VERSION,
                **more,
            }
        )

    # ------------------------------------------------------------------ the game
    def actions(self) -> None:
        submission = -1  # each submission logs one "action" or one "refused", in order
        for entry in self.sim.log:
            if entry.kind in ("action", "refused"):
                submission += 1
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
            when = self.clock.of_input(submission)
            obj = self.action_object(action)
            place = f"action:{submission}"
            self.add(place, verb, obj, entry.week, entry.day, when, result=result)

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
        week, rubric_version = self.game.week, self.game.rubric_version
        when = self.clock.at_end()
        rubric = {self.ext("rubric-version"): rubric_version}
        for name, value in card.get("dimensions", {}).items():
            obj = self.activity(
                ("dimensions", name), ADL + "objective", name.replace("_", " ").capitalize()
            )
            result = {"score": _score(value / 100), "extensions": rubric}
            place = f"{rubric_version}:dimension:{name}"
            self.add(place, "scored", obj, week, end, when, result=result)
        for comp in card.get("competencies", []):
            obj = self.activity(("competencies", comp["id"]), ADL + "objective", comp["name"])
            extensions = {**rubric, self.ext("level"): comp["level"]}
            result = {"score": _score(comp["score"]), "extensions": extensions}
            if comp.get("anchor"):
                result["response"] = comp["anchor"]
            place = f"{rubric_version}:competency:{comp['id']}"
            self.add(place, "scored", obj, week, end, when, result=result)
        result = {
            "score": _score(card["total"] / 100),
            "completion": bool(self.sim.finished),
            "extensions": {**rubric, self.ext("dimensions"): card.get("dimensions", {})},
        }
        duration = self.clock.duration()
        if duration is not None:
            result["duration"] = duration
        place = f"{rubric_version}:completed"
        self.add(place, "completed", self.scenario_activity(), week, end, when, result=result)


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
    if kind == "review_monthly":
        return "on" if action.get("on", True) else "off"
    return None


def game_statements(
    game: StoredGame, sim: Simulation, base_iri: str = DEFAULT_BASE_IRI
) -> list[dict[str, Any]]:
    """Every statement of one game (`sim` is the game rebuilt from its stored log)."""
    builder = _Builder(game, sim, base_iri)
    builder.actions()
    builder.scores()
    return builder.statements
