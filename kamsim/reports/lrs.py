"""Send statements to a Learning Record Store so that nothing is stored twice or lost.

Why each rule (the statements' ids never change, see kamsim.reports.xapi, so sending again is
always safe and a re-run sends only what is missing):

- batches of `BATCH` statements POSTed to `<LRS>/statements`; a 2xx answer lists the ids the
  LRS stored, so an id it does not list was already there (a 204 means all were; an LRS that
  lists every id, new or not, has its known ones counted as stored: it does not say);
- a batch the LRS refuses as a whole (400, 409, 413, any 4xx but those below) is sent again
  one statement at a time, so one bad or conflicting statement does not hold back the others;
- a 409 for one statement means its id is taken: the stored statement is fetched
  (`GET ?statementId=`) and compared on what identifies its content (actor, verb, object,
  result, context, attachments, and the time); identical counts as already there, different is
  reported as failed (typically exported before under another base IRI) and the rest go on;
- 429 and 5xx answers and network failures are retried `RETRIES` times with exponential
  back-off (`BACKOFF_S`, or the LRS's Retry-After up to `MAX_WAIT_S`); when they persist the LRS
  is taken to be down and the statements not yet sent are counted as failed;
- 401, 403, 404 and 405 stop everything at once (wrong credentials or URL: nothing would
  succeed): as a UserError when nothing was delivered yet; after some batches went in (a token
  that expired mid-way), as `Delivery.stopped` with the rest counted as failed, so the summary
  still says how many are in the LRS and a re-run sends only the rest.

Basic authentication: the user from `--lrs-user`, `$KAMSIM_LRS_USER` or the config file; the
password from `$KAMSIM_LRS_PASSWORD` or the config file only (kamsim.config). Only the
standard library (urllib) is used.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kamsim.config import Config, file_is_private
from kamsim.errors import UserError

BATCH = 100
TIMEOUT_S = 30.0
BODY_EXCERPT = 300
RETRIES = 4
BACKOFF_S = (0.5, 1.0, 2.0, 4.0)
MAX_WAIT_S = 60.0
RETRY = frozenset({429, 500, 502, 503, 504})
FATAL = frozenset({401, 403, 404, 405})
COMPARED = ("actor", "verb", "object", "result", "context", "attachments")
VERSION_HEADER = "1.0.3"
CONFLICT = "a different statement is stored under this id"

Sleep = Callable[[float], None]
_sleep: Sleep = time.sleep  # the back-off's wait; tests replace it


@dataclass
class Delivery:
    """What became of each statement: stored now, already there, or failed (id, why)."""

    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    stopped: str | None = None  # why the hand-off stopped half-way (a 401 after some batches)

    def summary(self) -> str:
        return (
            f"{len(self.stored)} stored, {len(self.already)} already there, "
            f"{len(self.failed)} failed"
        )


class _GaveUp(Exception):
    """The LRS stayed unreachable or overloaded through every retry."""


class _Fatal(UserError):
    """The LRS refused the credentials or the URL: nothing more would succeed."""


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    text: str


class Lrs:
    """One LRS endpoint with its credentials; `send` delivers statements to it."""

    def __init__(
        self,
        url: str,
        auth: tuple[str, str] | None = None,
        *,
        sleep: Sleep | None = None,
        timeout: float = TIMEOUT_S,
    ) -> None:
        if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
            raise UserError(f"--lrs must be an http(s) URL, not {url!r}", 2)
        self.endpoint = url.rstrip("/") + "/statements"
        self.headers = {
            "Content-Type": "application/json",
            "X-Experience-API-Version": VERSION_HEADER,
        }
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            self.headers["Authorization"] = f"Basic {token}"
        self.sleep = sleep or _sleep
        self.timeout = timeout

    # ------------------------------------------------------------------ delivery
    def send(self, statements: list[dict[str, Any]], batch: int = BATCH) -> Delivery:
        """Deliver every statement; never raises for a statement the LRS refuses."""
        done = Delivery()
        for start in range(0, len(statements), batch):
            try:
                self._batch(statements[start : start + batch], done)
            except (_GaveUp, _Fatal) as err:
                if isinstance(err, _Fatal):
                    if not (done.stored or done.already):
                        raise  # nothing went in: the plain error says all there is to say
                    done.stopped = str(err)
                counted = {*done.stored, *done.already, *(i for i, _ in done.failed)}
                done.failed += [
                    (s["id"], f"not sent: {err}")
                    for s in statements[start:]
                    if s["id"] not in counted
                ]
                break
        return done

    def _batch(self, batch: list[dict[str, Any]], done: Delivery) -> None:
        answer = self._post(batch, done)
        if 200 <= answer.status < 300:
            self._acknowledged(batch, answer, done)
        elif answer.status in FATAL:
            raise self._refusal(answer)
        elif len(batch) > 1 and 400 <= answer.status < 500:
            for statement in batch:  # find the one(s) it refuses; the others go in
                self._one(statement, done)
        else:
            for statement in batch:
                self._settle_one(statement, answer, done)

    def _one(self, statement: dict[str, Any], done: Delivery) -> None:
        answer = self._post([statement], done)
        if 200 <= answer.status < 300:
            self._acknowledged([statement], answer, done)
        elif answer.status in FATAL:
            raise self._refusal(answer)
        else:
            self._settle_one(statement, answer, done)

    def _settle_one(self, statement: dict[str, Any], answer: _Answer, done: Delivery) -> None:
        sid = statement["id"]
        if answer.status != 409:
            done.failed.append(
                (sid, f"refused: {answer.status} {answer.reason} {_excerpt(answer)}")
            )
            return
        try:
            stored = self._fetch(sid, done)
        except _GaveUp as err:
            done.failed.append((sid, f"409 conflict, and the stored one could not be read: {err}"))
            return
        if stored is None:
            done.failed.append((sid, f"409 conflict, but the LRS has no statement {sid} to show"))
        elif same_statement(statement, stored):
            done.already.append(sid)
        else:
            differs = ", ".join(_differences(statement, stored))
            done.failed.append((sid, f"{CONFLICT} (differs in: {differs})"))

    def _acknowledged(self, batch: list[dict[str, Any]], answer: _Answer, done: Delivery) -> None:
        ids = [s["id"] for s in batch]
        if answer.status == 204:
            done.already += ids
            return
        try:
            listed = json.loads(answer.text) if answer.text.strip() else None
        except json.JSONDecodeError:
            listed = None
        if not isinstance(listed, list):
            done.stored += ids  # the LRS did not say which ones were new
            return
        new = {str(i) for i in listed}
        done.stored += [i for i in ids if i in new]
        done.already += [i for i in ids if i not in new]

    # ------------------------------------------------------------------ HTTP
    def _post(self, batch: list[dict[str, Any]], done: Delivery) -> _Answer:
        body = json.dumps(batch, ensure_ascii=False).encode("utf-8")
        return self._request("POST", self.endpoint, body, done)

    def _fetch(self, sid: str, done: Delivery) -> dict[str, Any] | None:
        url = f"{self.endpoint}?{urllib.parse.urlencode({'statementId': sid})}"
        answer = self._request("GET", url, None, done)
        if answer.status != 200:
            return None
        try:
            found = json.loads(answer.text)
        except json.JSONDecodeError:
            return None
        if isinstance(found, dict) and isinstance(found.get("statements"), list):
            # Some LRSs (ralph) answer a single-statement GET as a StatementResult.
            found = next((s for s in found["statements"] if _id_of(s) == sid), None)
        return found if isinstance(found, dict) and _id_of(found) == sid else None

    def _request(self, method: str, url: str, body: bytes | None, done: Delivery) -> _Answer:
        """One request, retried with back-off on 429, 5xx and network failures."""
        for attempt in range(RETRIES + 1):
            done.requests += 1
            retry_after: str | None = None
            request = urllib.request.Request(url, data=body, headers=self.headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    text = response.read().decode("utf-8", "replace")
                    return _Answer(response.status, response.reason, text)
            except urllib.error.HTTPError as err:
                answer = _Answer(err.code, str(err.reason), err.read().decode("utf-8", "replace"))
                if err.code not in RETRY:
                    return answer
                problem = f"the LRS at {self.endpoint} answered {err.code} {err.reason}"
                retry_after = err.headers.get("Retry-After") if err.headers else None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
                reason = getattr(err, "reason", err)
                problem = f"cannot reach the LRS at {self.endpoint}: {reason}"
            if attempt == RETRIES:
                raise _GaveUp(f"{problem} ({RETRIES + 1} tries)")
            done.retries += 1
            self.sleep(_wait(attempt, retry_after))
        raise AssertionError("unreachable")  # pragma: no cover

    def _refusal(self, answer: _Answer) -> _Fatal:
        return _Fatal(
            f"the LRS at {self.endpoint} answered {answer.status} {answer.reason}: "
            f"{_excerpt(answer)} (nothing more was sent)"
        )


def _id_of(statement: Any) -> Any:
    return statement.get("id") if isinstance(statement, dict) else None


def _wait(attempt: int, retry_after: str | None) -> float:
    """Seconds before the next try: the LRS's Retry-After (seconds or a date), else back-off."""
    backoff = BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)]
    if not retry_after:
        return backoff
    try:
        seconds = float(retry_after)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(retry_after)
        except (TypeError, ValueError):
            return backoff
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - dt.datetime.now(dt.UTC)).total_seconds()
    return min(MAX_WAIT_S, max(backoff, seconds))


def _excerpt(answer: _Answer) -> str:
    return " ".join(answer.text.split())[:BODY_EXCERPT]


def same_statement(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Whether a stored statement is the one we would send (xAPI's statement comparison: the
    fields an LRS does not fill in itself; `stored`, `authority` and `version` are the LRS's)."""
    return not _differences(ours, theirs)


def _differences(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    found = [name for name in COMPARED if ours.get(name) != theirs.get(name)]
    both = "timestamp" in ours and "timestamp" in theirs
    if both and _instant(ours["timestamp"]) != _instant(theirs["timestamp"]):
        found.append("timestamp")
    return found


def _instant(stamp: Any) -> Any:
    """A timestamp as a moment, so "…00.000Z" and "…00+00:00" compare equal."""
    if not isinstance(stamp, str):
        return stamp
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def credentials(
    config: Config, user_flag: str | None, password_flag: str | None = None
) -> tuple[tuple[str, str] | None, str]:
    """(user, password) for Basic authentication, or None without either; and a warning when
    the password sits in a config file other users can read ("" when there is none)."""
    user = config.get("lrs.user", user_flag, "--lrs-user")
    password = config.get("lrs.password", password_flag, "--lrs-password")
    if user.value is None and password.value is None:
        return None, ""
    warning = ""
    if password.source.startswith(f"{config.path}:") and not file_is_private(config.path):
        warning = (
            f"{config.path} holds the LRS password and other users can read it "
            f"(chmod 600 {config.path}, or use $KAMSIM_LRS_PASSWORD)"
        )
    return (user.value or "", password.value or ""), warning


def describe_failures(
    failed: Iterable[tuple[str, str]], names: dict[str, str], limit: int = 20
) -> list[str]:
    """Lines for the failed statements (`names`: id → what it is): one per statement, but one
    per reason for statements that share it (an LRS that went down fails all the rest alike),
    at most `limit` lines."""
    by_reason: dict[str, list[str]] = {}
    for sid, why in failed:
        by_reason.setdefault(why, []).append(sid)
    lines = []
    for why, ids in by_reason.items():
        if len(ids) == 1:
            lines.append(f"statement {ids[0]} ({names.get(ids[0], '?')}): {why}")
        else:
            lines.append(f"{len(ids)} statements, from {ids[0]} ({names.get(ids[0], '?')}): {why}")
    if len(lines) > limit:
        lines[limit:] = [f"… and {len(lines) - limit} more"]
    return lines
