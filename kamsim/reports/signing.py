"""Signed result files: how a game travels from a workshop laptop to the facilitator's store.

Format (JSON, UTF-8):

    {"format": "kamsim-result", "format_version": 1,
     "game": {"uid", "participant", "cohort", "scenario_id", "scenario_hash", "seed", "week",
              "actions": [{"week", "action"}], "digest", "played_at"},
     "scorecard": {...Scorecard.to_dict()...},
     "signature": {"alg": "HMAC-SHA256", "key_id": "<8 hex>", "value": "<64 hex>"}}

The signature is HMAC-SHA256, under the facilitator's key, of the canonical JSON (sorted keys,
no whitespace, ASCII) of everything but "signature". `key_id` names the key (the start of its
SHA-256) without revealing it. The signature shows the file is unchanged since a machine with
the key wrote it; the scores are never trusted on their own: `audit` replays the log on the
scenario, checks the digest and recomputes the scorecard, so editing the scores or the log is
caught even by someone who holds the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamsim.atomic import atomic_write_text
from kamsim.errors import UserError
from kamsim.reports import games
from kamsim.reports.paths import key_file
from kamsim.reports.store import StoredGame, actions_json
from kamsim.sim import Simulation

FORMAT = "kamsim-result"
FORMAT_VERSION = 1
ALG = "HMAC-SHA256"
KEY_ENV = "KAMSIM_RESULT_KEY"
MIN_KEY_CHARS = 16
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
EXIT_CANNOT_CHECK = 2
GAME_FIELDS = (
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


def result_key() -> bytes:
    """The facilitator's key: $KAMSIM_RESULT_KEY, else the key file in the user config folder."""
    text = os.environ.get(KEY_ENV, "")
    where = f"${KEY_ENV}"
    if not text:
        path = key_file()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UserError(
                f"no result key: set {KEY_ENV} or write the facilitator's key to {path} "
                '(e.g. python -c "import secrets; print(secrets.token_hex(32))")',
                EXIT_CANNOT_CHECK,
            ) from None
        except OSError as err:
            raise UserError(
                f"{path}: cannot read the key ({err.strerror})", EXIT_CANNOT_CHECK
            ) from None
        where = str(path)
    text = text.strip()
    if len(text) < MIN_KEY_CHARS:
        raise UserError(
            f"the result key in {where} is too short (at least {MIN_KEY_CHARS} characters)",
            EXIT_CANNOT_CHECK,
        )
    return text.encode("utf-8")


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def _mac(body: dict[str, Any], key: bytes) -> str:
    return hmac.new(key, _canonical(body), hashlib.sha256).hexdigest()


def result_document(game: StoredGame, key: bytes) -> dict[str, Any]:
    """The signed result file's content for a stored game."""
    body: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "game": {
            "uid": game.uid,
            "participant": game.participant,
            "cohort": game.cohort,
            "scenario_id": game.scenario_id,
            "scenario_hash": game.scenario_hash,
            "seed": game.seed,
            "week": game.week,
            "actions": actions_json(game.actions),
            "digest": game.digest,
            "played_at": game.played_at,
        },
        "scorecard": game.scorecard,
    }
    body["signature"] = {"alg": ALG, "key_id": key_id(key), "value": _mac(body, key)}
    return body


def write_result(game: StoredGame, path: str | Path, key: bytes) -> None:
    text = json.dumps(result_document(game, key), sort_keys=True, indent=1, ensure_ascii=False)
    atomic_write_text(path, text + "\n")


class Tampered(Exception):
    """The file is not what was signed, or does not replay to what it claims."""


def read_result(path: str | Path) -> dict[str, Any]:
    """A result file's JSON with its structure checked; Tampered when it is malformed."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such file", EXIT_CANNOT_CHECK) from None
    except OSError as err:  # a folder, no permission…
        raise UserError(f"{path}: cannot read it ({err.strerror})", EXIT_CANNOT_CHECK) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise Tampered(f"not a kamsim result file (corrupt JSON: {err})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise Tampered("not a kamsim result file ('format' is not 'kamsim-result')")
    if doc.get("format_version") != FORMAT_VERSION:
        raise Tampered(f"result format {doc.get('format_version')!r} is not supported")
    game, sig = doc.get("game"), doc.get("signature")
    if not isinstance(game, dict) or sorted(game) != sorted(GAME_FIELDS):
        raise Tampered(f"'game' must hold exactly: {', '.join(GAME_FIELDS)}")
    if not isinstance(doc.get("scorecard"), dict) or not isinstance(sig, dict):
        raise Tampered("'scorecard' and 'signature' must be objects")
    _check_game(game)
    return doc


def _check_game(game: dict[str, Any]) -> None:
    for name in (
        "uid",
        "participant",
        "cohort",
        "scenario_id",
        "scenario_hash",
        "digest",
        "played_at",
    ):
        if not isinstance(game[name], str) or not game[name]:
            raise Tampered(f"game.{name} must be a non-empty string")
    if not STAMP.match(game["played_at"]):
        raise Tampered("game.played_at must be a UTC time like 2027-03-14T10:12:00Z")
    for name in ("seed", "week"):
        if not isinstance(game[name], int) or isinstance(game[name], bool) or game[name] < 0:
            raise Tampered(f"game.{name} must be a non-negative integer")
    actions = game["actions"]
    if not isinstance(actions, list) or not all(
        isinstance(a, dict) and isinstance(a.get("week"), int) and isinstance(a.get("action"), dict)
        for a in actions
    ):
        raise Tampered("game.actions must be a list of {week, action} objects")


def check_signature(doc: dict[str, Any], key: bytes) -> None:
    sig = doc["signature"]
    if sig.get("alg") != ALG:
        raise Tampered(f"signature algorithm {sig.get('alg')!r} is not {ALG}")
    body = {k: v for k, v in doc.items() if k != "signature"}
    value = sig.get("value")
    if not isinstance(value, str) or not hmac.compare_digest(value, _mac(body, key)):
        why = (
            f"signed with another key ({sig.get('key_id')}, this key is {key_id(key)})"
            if sig.get("key_id") != key_id(key)
            else "the file was changed after it was signed"
        )
        raise Tampered(f"signature mismatch: {why}")


@dataclass
class Audit:
    """A result file checked end to end: signature, replay, digest and scores."""

    doc: dict[str, Any]
    sim: Simulation
    recomputed: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    @property
    def game(self) -> dict[str, Any]:
        return self.doc["game"]


def audit(
    path: str | Path,
    key: bytes,
    scorer: Callable[[Simulation], dict[str, Any]] | None = None,
    *,
    allow_new_rubric: bool = False,
) -> Audit:
    """Check a result file; raises Tampered with the reason, UserError when it cannot check.

    With `allow_new_rubric`, scores made by an older rubric version are not an error (import
    stores the recomputed ones); an edited score under the same rubric always is.
    """
    doc = read_result(path)
    check_signature(doc, key)
    g = doc["game"]
    actions = [(a["week"], a["action"]) for a in g["actions"]]
    sim = games.rebuild(g["scenario_id"], g["scenario_hash"], g["seed"], actions, g["week"])
    if sim.digest() != g["digest"]:
        raise Tampered(
            f"digest mismatch after replay: the log gives {sim.digest()[:12]}…, "
            f"the file claims {g['digest'][:12]}…"
        )
    recomputed = (scorer or games.scorecard_of)(sim)
    result = Audit(doc, sim, recomputed)
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
