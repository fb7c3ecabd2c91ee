"""Who holds which key: the facilitator's key, and the participant keys derived from it.

The facilitator's key never leaves the facilitator's machine. At enrolment the facilitator
derives one key per participant,

    participant key = HMAC-SHA256(facilitator key, "kamsim-participant-key-v1\\n" +
                                  canonical JSON of the enrolment's binding fields)

and writes it, with those fields, into an enrolment file that the trainee's laptop installs.
The binding fields are the cohort, the participant, the scenario (id and hash), the seed and
the facilitator key's id. So a laptop can sign only games of its own participant, cohort, world
and seed: the facilitator recomputes the key from the fields a file claims, and any other
claim gives another key. A laptop cannot derive a colleague's key (it would need the
facilitator's key), and cannot edit its enrolment (that changes the key it derives to).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim import safejson
from kamsim.atomic import atomic_write_text
from kamsim.errors import UserError
from kamsim.reports.paths import config_dir, key_file

KEY_ENV = "KAMSIM_RESULT_KEY"
ENROLMENT_ENV = "KAMSIM_ENROLMENT"
ENROLMENT_NAME = "enrolment.json"
ENROLMENT_FORMAT = "kamsim-enrolment"
ENROLMENT_VERSION = 1
MIN_KEY_CHARS = 16
EXIT_CANNOT_CHECK = 2
DERIVATION = b"kamsim-participant-key-v1\n"
BINDING = ("cohort", "participant", "scenario_id", "scenario_hash", "seed", "facilitator_key_id")


def canonical(value: Any) -> bytes:
    """Sorted keys, no whitespace, ASCII: the bytes every MAC in kamsim is computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def mac(key: bytes, value: Any) -> str:
    return hmac.new(key, canonical(value), hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """The first 8 hex digits of the key's SHA-256: names a key without revealing it."""
    return hashlib.sha256(key).hexdigest()[:8]


def facilitator_key(*, required: bool = True) -> bytes | None:
    """The facilitator's key: $KAMSIM_RESULT_KEY, else the key file in the config folder.

    Without `required`, a missing key is None (a trainee's laptop has none); a key that is
    there but unusable is always an error.
    """
    text = os.environ.get(KEY_ENV, "")
    where = f"${KEY_ENV}"
    if not text:
        path = key_file()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if not required:
                return None
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


def participant_key(facilitator: bytes, binding: dict[str, Any]) -> bytes:
    """The key of one enrolment, derived from the facilitator's key and the binding fields."""
    fields = {name: binding[name] for name in BINDING}
    digest = hmac.new(facilitator, DERIVATION + canonical(fields), hashlib.sha256).hexdigest()
    return digest.encode("ascii")


@dataclass(frozen=True)
class Enrolment:
    """One participant's place in a cohort: who, which world and seed, and their key."""

    cohort: str
    participant: str
    scenario_id: str
    scenario_hash: str
    seed: int
    facilitator_key_id: str
    issued_at: str
    key: bytes

    def binding(self) -> dict[str, Any]:
        """The fields the key is derived from (and that a signed result file carries)."""
        return {
            "cohort": self.cohort,
            "participant": self.participant,
            "scenario_id": self.scenario_id,
            "scenario_hash": self.scenario_hash,
            "seed": self.seed,
            "facilitator_key_id": self.facilitator_key_id,
        }

    @property
    def key_id(self) -> str:
        return key_id(self.key)

    def document(self) -> dict[str, Any]:
        return {
            "format": ENROLMENT_FORMAT,
            "format_version": ENROLMENT_VERSION,
            "enrolment": self.binding() | {"issued_at": self.issued_at},
            "participant_key": self.key.decode("ascii"),
            "key_id": self.key_id,
        }


def enrol(
    facilitator: bytes,
    cohort: str,
    participant: str,
    scenario_id: str,
    scenario_hash: str,
    seed: int,
    issued_at: str,
) -> Enrolment:
    """The facilitator's side: an enrolment with its derived participant key."""
    binding = {
        "cohort": cohort,
        "participant": participant,
        "scenario_id": scenario_id,
        "scenario_hash": scenario_hash,
        "seed": seed,
        "facilitator_key_id": key_id(facilitator),
    }
    return Enrolment(**binding, issued_at=issued_at, key=participant_key(facilitator, binding))


def enrolment_file() -> Path:
    """Where a laptop keeps its installed enrolment ($KAMSIM_ENROLMENT overrides)."""
    override = os.environ.get(ENROLMENT_ENV)
    return Path(override) if override else config_dir() / ENROLMENT_NAME


def parse_enrolment(doc: Any, where: str) -> Enrolment:
    """An enrolment document checked field by field (UserError naming the first problem)."""

    def bad(why: str) -> UserError:
        return UserError(f"{where}: not a usable kamsim enrolment ({why})")

    if not isinstance(doc, dict) or doc.get("format") != ENROLMENT_FORMAT:
        raise bad(f"'format' is not '{ENROLMENT_FORMAT}'")
    if doc.get("format_version") != ENROLMENT_VERSION:
        raise bad(f"format version {doc.get('format_version')!r} is not supported")
    body, key = doc.get("enrolment"), doc.get("participant_key")
    if not isinstance(body, dict) or set(body) != {*BINDING, "issued_at"}:
        raise bad(f"'enrolment' must hold exactly: {', '.join(BINDING)}, issued_at")
    for name in (*BINDING, "issued_at"):
        value = body[name]
        if name == "seed":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise bad("seed must be a non-negative integer")
        elif not isinstance(value, str) or not value:
            raise bad(f"{name} must be a non-empty string")
    if not isinstance(key, str) or len(key) != 64 or doc.get("key_id") != key_id(key.encode()):
        raise bad("the participant key is missing or does not match its key id")
    return Enrolment(**body, key=key.encode("ascii"))


def read_enrolment(path: str | Path) -> Enrolment:
    doc = safejson.read_document(path, "a usable kamsim enrolment")
    return parse_enrolment(doc, str(path))


def installed_enrolment() -> Enrolment | None:
    """The laptop's enrolment, or None when none is installed."""
    path = enrolment_file()
    if not path.exists():
        return None
    return read_enrolment(path)


def install_enrolment(source: str | Path) -> tuple[Enrolment, Path]:
    """Check an enrolment file and copy it to where this laptop looks for it."""
    found = read_enrolment(source)
    target = enrolment_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(found.document(), sort_keys=True, indent=1) + "\n"
    atomic_write_text(target, text)
    os.chmod(target, 0o600)
    return found, target


@dataclass(frozen=True)
class StoreKey:
    """The key that seals a results database on this machine, and whose it is."""

    key: bytes
    owner: str  # "facilitator" or "participant"

    @property
    def key_id(self) -> str:
        return key_id(self.key)


def store_key() -> StoreKey | None:
    """The facilitator's key where there is one, else the laptop's participant key, else None."""
    facilitator = facilitator_key(required=False)
    if facilitator is not None:
        return StoreKey(facilitator, "facilitator")
    enrolment = installed_enrolment()
    if enrolment is not None:
        return StoreKey(enrolment.key, "participant")
    return None
