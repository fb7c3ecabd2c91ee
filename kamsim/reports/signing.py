"""Signed result files: how a game travels from a workshop laptop to the facilitator's store.

Format 2 (JSON, UTF-8):

    {"format": "kamsim-result", "format_version": 2,
     "game": {"uid", "participant", "cohort", "scenario_id", "scenario_hash", "seed", "week",
              "actions": [{"week", "action"}], "digest", "played_at",
              "mode", "input_times": [epoch seconds or null, one per action] or null},
     "scorecard": {...Scorecard.to_dict()...},
     "enrolment": {"cohort", "participant", "scenario_id", "scenario_hash", "seed",
                   "facilitator_key_id"},                     -- signer "participant" only
     "signature": {"alg": "HMAC-SHA256", "signer": "participant" | "facilitator",
                   "key_id": "<8 hex>", "value": "<64 hex>"}}

A laptop signs with its participant key (see `kamsim.reports.keys`); the facilitator's machine
with the facilitator's key. The facilitator recomputes a participant key from the enrolment a
file carries, so a file verifies only if the facilitator enrolled exactly that participant,
cohort, scenario and seed, and the game must then be that participant's, in that cohort, on
that world. The scores are never trusted on their own: `audit` replays the log on the scenario
(bundled, or enrolled in the store, by hash), checks the digest and recomputes the scorecard,
so editing the scores or the log is caught even by someone who holds the key. Format 1 files
(signed with the facilitator's key, no mode) still verify; they are not assessments.
"""

from __future__ import annotations

import hmac
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamsim import safejson
from kamsim.atomic import atomic_write_text
from kamsim.errors import UserError
from kamsim.reports import games, modes
from kamsim.reports.keys import (
    BINDING,
    EXIT_CANNOT_CHECK,
    KEY_ENV,
    MIN_KEY_CHARS,
    Enrolment,
    canonical,
    facilitator_key,
    installed_enrolment,
    key_id,
    participant_key,
)
from kamsim.reports.keys import mac as _keyed_mac
from kamsim.reports.store import ResultsStore, StoredGame, game_fields
from kamsim.sim import Simulation

__all__ = ["EXIT_CANNOT_CHECK", "KEY_ENV", "MIN_KEY_CHARS", "key_id"]

FORMAT = "kamsim-result"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
ALG = "HMAC-SHA256"
SIGNERS = ("participant", "facilitator")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
V1_FIELDS = (
    "uid",
    "participant",
    "cohort",
    "scenario_id",
    "scenario_hash",
    "seed",
    "week",
    "actions",
    "digest",
    "played_at",
)
GAME_FIELDS = (*V1_FIELDS, "mode", "input_times")


def result_key() -> bytes:
    """The facilitator's key (import, verify): $KAMSIM_RESULT_KEY, else the key file."""
    key = facilitator_key(required=True)
    assert key is not None
    return key


@dataclass(frozen=True)
class Signer:
    """The key that signs exports here: the laptop's enrolment, else the facilitator's key."""

    key: bytes
    kind: str  # "participant" or "facilitator"
    enrolment: Enrolment | None = None


def signing_key() -> Signer:
    enrolment = installed_enrolment()
    if enrolment is not None:
        return Signer(enrolment.key, "participant", enrolment)
    key = facilitator_key(required=False)
    if key is None:
        raise UserError(
            "no key to sign with: install the enrolment file your facilitator gave you "
            f"('kamsim enrol --install FILE'), or on the facilitator's machine set {KEY_ENV}",
            EXIT_CANNOT_CHECK,
        )
    return Signer(key, "facilitator")


def _canonical(body: dict[str, Any]) -> bytes:
    return canonical(body)


def _mac(body: dict[str, Any], key: bytes) -> str:
    return _keyed_mac(key, body)


def result_document(game: StoredGame, signer: Signer | bytes) -> dict[str, Any]:
    """The signed result file's content for a stored game."""
    if isinstance(signer, bytes):
        signer = Signer(signer, "facilitator")
    body: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "game": game_fields(game),
        "scorecard": game.scorecard,
    }
    if signer.enrolment is not None:
        body["enrolment"] = signer.enrolment.binding()
    body["signature"] = {
        "alg": ALG,
        "signer": signer.kind,
        "key_id": key_id(signer.key),
        "value": _mac(body, signer.key),
    }
    return body


def write_result(game: StoredGame, path: str | Path, signer: Signer | bytes) -> None:
    text = safe_dumps(result_document(game, signer))
    atomic_write_text(path, text + "\n")


def safe_dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False)


class Tampered(Exception):
    """The file is not what was signed, or does not replay to what it claims."""


class NotAnAssessment(Tampered):
    """An intact file of a game that cannot count as an assessment (unfinished, a bot's…)."""


def read_result(path: str | Path) -> dict[str, Any]:
    """A result file's JSON with its shape checked; Tampered when it is malformed.

    Only what the signature check needs; `check_game` checks each field after it, so an edit
    to a signed file is reported as breaking the signature rather than as a bad value.
    """
    try:
        doc = safejson.load_file(path)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file", EXIT_CANNOT_CHECK) from None
    except OSError as err:  # a folder, no permission…
        raise UserError(f"{path}: cannot read it ({err.strerror})", EXIT_CANNOT_CHECK) from None
    except safejson.BadJson as err:
        raise Tampered(f"not a kamsim result file ({err})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise Tampered("not a kamsim result file ('format' is not 'kamsim-result')")
    version = doc.get("format_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise Tampered(f"result format {version!r} is not supported")
    fields = V1_FIELDS if version == 1 else GAME_FIELDS
    game, sig = doc.get("game"), doc.get("signature")
    if not isinstance(game, dict) or sorted(game) != sorted(fields):
        raise Tampered(f"'game' must hold exactly: {', '.join(fields)}")
    if not isinstance(doc.get("scorecard"), dict) or not isinstance(sig, dict):
        raise Tampered("'scorecard' and 'signature' must be objects")
    allowed = {"format", "format_version", "game", "scorecard", "signature", "enrolment"}
    if extra := sorted(set(doc) - allowed):
        raise Tampered(f"unexpected top-level key(s): {', '.join(extra)}")
    return doc


def check_game(game: dict[str, Any]) -> None:
    """The game block's fields, each of the right type (Tampered naming the first wrong one)."""
    for name in (
        "uid",
        "participant",
        "cohort",
        "scenario_id",
        "scenario_hash",
        "digest",
        "played_at",
    ):
        if not isinstance(game.get(name), str) or not game[name]:
            raise Tampered(f"game.{name} must be a non-empty string")
    if not STAMP.match(game["played_at"]):
        raise Tampered("game.played_at must be a UTC time like 2027-03-14T10:12:00Z")
    for name in ("seed", "week"):
        value = game.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise Tampered(f"game.{name} must be a non-negative integer")
    actions = game.get("actions")
    if not isinstance(actions, list) or not all(
        isinstance(a, dict)
        and set(a) == {"week", "action"}
        and isinstance(a["week"], int)
        and not isinstance(a["week"], bool)
        and isinstance(a["action"], dict)
        for a in actions
    ):
        raise Tampered("game.actions must be a list of {week, action} objects")
    if "mode" in game:
        if not isinstance(game["mode"], str) or not modes.MODE.match(game["mode"]):
            raise Tampered(f"game.mode {game['mode']!r} is not a play mode kamsim records")
        _check_times(game.get("input_times"), len(actions))


def _check_times(times: Any, count: int) -> None:
    if times is None:
        return
    if not isinstance(times, list) or len(times) != count:
        raise Tampered("game.input_times must be null or hold one entry per action")
    last = 0.0
    for value in times:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Tampered("game.input_times must hold numbers (seconds) or null")
        if not math.isfinite(value) or value < last:
            raise Tampered("game.input_times must not go back in time")
        last = float(value)


def check_signature(doc: dict[str, Any], key: bytes) -> str:
    """Check the signature with the facilitator's key; returns the signer ("participant"…).

    A participant signature is checked with the key derived from the file's own enrolment,
    and the game must then be that enrolment's participant, cohort, scenario and seed.
    """
    sig = doc["signature"]
    if sig.get("alg") != ALG:
        raise Tampered(f"signature algorithm {sig.get('alg')!r} is not {ALG}")
    signer = sig.get("signer", "facilitator") if doc["format_version"] > 1 else "facilitator"
    if signer not in SIGNERS or (doc["format_version"] > 1 and "signer" not in sig):
        raise Tampered(f"signature.signer must be one of: {', '.join(SIGNERS)}")
    if signer == "participant":
        signing = _participant_key(doc, key)
    else:
        if "enrolment" in doc:
            raise Tampered("a file signed with the facilitator's key carries no enrolment")
        signing = key
    body = {k: v for k, v in doc.items() if k != "signature"}
    value = sig.get("value")
    if not isinstance(value, str) or not hmac_equal(value, _mac(body, signing)):
        if sig.get("key_id") != key_id(signing):
            whose = (
                "the participant key of its enrolment" if signer == "participant" else "this key"
            )
            why = f"signed with another key ({sig.get('key_id')}, {whose} is {key_id(signing)})"
        else:
            why = "the file was changed after it was signed"
        raise Tampered(f"signature mismatch: {why}")
    if signer == "participant":
        _check_bound(doc)
    return str(signer)


def hmac_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _participant_key(doc: dict[str, Any], facilitator: bytes) -> bytes:
    enrolment = doc.get("enrolment")
    if not isinstance(enrolment, dict) or sorted(enrolment) != sorted(BINDING):
        raise Tampered(
            f"a participant-signed file must carry 'enrolment' with: {', '.join(BINDING)}"
        )
    for name in BINDING:
        wanted = int if name == "seed" else str
        if not isinstance(enrolment[name], wanted) or isinstance(enrolment[name], bool):
            raise Tampered(f"enrolment.{name} has the wrong type")
    if enrolment["facilitator_key_id"] != key_id(facilitator):
        raise Tampered(
            f"signature mismatch: enrolled under another facilitator key "
            f"({enrolment['facilitator_key_id']}, this key is {key_id(facilitator)})"
        )
    return participant_key(facilitator, enrolment)


def _check_bound(doc: dict[str, Any]) -> None:
    """The game must be the enrolled participant's, in their cohort, on their world and seed."""
    game, enrolment = doc["game"], doc["enrolment"]
    for name, what in (
        ("participant", "participant"),
        ("cohort", "cohort"),
        ("scenario_id", "scenario"),
        ("scenario_hash", "scenario version (hash)"),
        ("seed", "seed"),
    ):
        if game[name] != enrolment[name]:
            raise Tampered(
                f"{what} {game[name]!r} does not match its key: the key was issued for "
                f"{what} {enrolment[name]!r}"
            )


@dataclass
class Audit:
    """A result file checked end to end: signature, replay, digest and scores."""

    doc: dict[str, Any]
    sim: Simulation
    recomputed: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    signer: str = "facilitator"

    @property
    def game(self) -> dict[str, Any]:
        return self.doc["game"]

    @property
    def mode(self) -> str:
        return str(self.game.get("mode", modes.UNKNOWN))

    @property
    def input_times(self) -> tuple[float | None, ...] | None:
        times = self.game.get("input_times")
        return None if times is None else tuple(times)


def audit(
    path: str | Path,
    key: bytes,
    scorer: Callable[[Simulation], dict[str, Any]] | None = None,
    *,
    allow_new_rubric: bool = False,
    store: ResultsStore | None = None,
) -> Audit:
    """Check a result file; raises Tampered with the reason, UserError when it cannot check.

    In order: structure, signature (and the enrolment it is bound to), the scenario (bundled
    or enrolled in `store`, by hash), the replay's digest, the recomputed scores. With
    `allow_new_rubric`, scores made by an older rubric version are not an error (import
    stores the recomputed ones); an edited score under the same rubric always is.
    """
    doc = read_result(path)
    signer = check_signature(doc, key)  # first, so any edit of a signed file reads as one
    g = doc["game"]
    check_game(g)
    actions = [(a["week"], a["action"]) for a in g["actions"]]
    sim = games.rebuild(g["scenario_id"], g["scenario_hash"], g["seed"], actions, g["week"], store)
    if sim.digest() != g["digest"]:
        raise Tampered(
            f"digest mismatch after replay: the log gives {sim.digest()[:12]}…, "
            f"the file claims {g['digest'][:12]}…"
        )
    recomputed = (scorer or games.scorecard_of)(sim)
    result = Audit(doc, sim, recomputed, signer=signer)
    claimed = doc["scorecard"]
    if _same(claimed, recomputed):
        return result
    same_rubric = claimed.get("rubric_version") == recomputed["rubric_version"]
    if same_rubric or not allow_new_rubric:
        raise Tampered(_score_difference(claimed, recomputed))
    result.notes.append(
        f"rescored with rubric {recomputed['rubric_version']} "
        f"(file: {claimed.get('rubric_version')})"
    )
    return result


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _canonical(a) == _canonical(b)


def _score_difference(claimed: dict[str, Any], recomputed: dict[str, Any]) -> str:
    if claimed.get("rubric_version") != recomputed["rubric_version"]:
        return (
            f"scores differ from recomputation: the file was scored with rubric "
            f"{claimed.get('rubric_version')!r}, this kamsim scores with "
            f"{recomputed['rubric_version']!r} (import it to rescore)"
        )
    diffs = [
        f"{name} {claimed.get('dimensions', {}).get(name)} ≠ {value}"
        for name, value in recomputed.get("dimensions", {}).items()
        if claimed.get("dimensions", {}).get(name) != value
    ]
    if claimed.get("total") != recomputed["total"]:
        diffs.insert(0, f"total {claimed.get('total')} ≠ {recomputed['total']}")
    detail = "; ".join(diffs) or "details (indicators, evidence or competencies) differ"
    return f"scores differ from recomputation: {detail}"
