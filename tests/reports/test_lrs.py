"""The LRS hand-off cannot duplicate or lose: what a 409 means, retries with back-off, the
summary line and the exit code, against a small LRS on loopback and against a real one
(ralph, started by the test, skipped with the reason when it cannot run here)."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from kamsim.errors import UserError
from kamsim.reports import lrs, xapi

from .conftest import cli

COHORT = "Lyon 2027"


def _statement(n: int, **change: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"test:{n}")),
        "actor": {"objectType": "Agent", "name": "ana", "mbox": "mailto:ana@example.org"},
        "verb": {"id": xapi.VERBS["interacted"], "display": {"en-US": "interacted"}},
        "object": {"objectType": "Activity", "id": f"https://kamsim.example/xapi/a/{n}"},
        "timestamp": "2027-03-14T10:00:00.000Z",
        "version": "1.0.3",
        **change,
    }


class _Store(BaseHTTPRequestHandler):
    """An LRS in a few lines: keeps statements by id, 409 on a batch holding a different
    statement under a stored id (identical ones are skipped, as ralph does), GET by id.

    `script` holds statuses to answer first (429/5xx …), `retry_after` the header sent with
    them; `strict_409` makes it answer 409 for identical statements too, as some LRSs do.
    """

    stored: ClassVar[dict[str, dict[str, Any]]]
    script: ClassVar[list[int]]
    retry_after: ClassVar[str | None] = None
    strict_409: ClassVar[bool] = False
    unauthorised_after: ClassVar[int | None] = None  # POSTs accepted before the token expires
    requests: ClassVar[list[tuple[str, int]]]

    def _answer(self, status: int, payload: Any = None, **headers: str) -> None:
        body = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        cls = type(self)
        cls.requests.append(("POST", len(body)))
        posts = sum(1 for kind, _ in cls.requests if kind == "POST")
        if cls.unauthorised_after is not None and posts > cls.unauthorised_after:
            return self._answer(401, {"message": "token expired"})
        if cls.script:
            status = cls.script.pop(0)
            extra = {"Retry-After": cls.retry_after} if cls.retry_after else {}
            return self._answer(status, {"message": "busy"}, **extra)
        new = []
        for statement in body:
            known = cls.stored.get(statement["id"])
            if known is not None and (known != statement or cls.strict_409):
                return self._answer(409, {"message": f"conflict on {statement['id']}"})
            if known is None:
                new.append(statement)
        for statement in new:
            cls.stored[statement["id"]] = statement
        if not new:
            return self._answer(204)
        return self._answer(200, [s["id"] for s in new])

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        type(self).requests.append(("GET", 1))
        found = type(self).stored.get(query.get("statementId", [""])[0])
        if found is None:
            return self._answer(404, {"message": "no such statement"})
        return self._answer(200, found)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[tuple[str, type[_Store]]]:
    handler = type("Handler", (_Store,), {"stored": {}, "script": [], "requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xapi", handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The back-off's waits, noted instead of slept."""
    noted: list[float] = []
    monkeypatch.setattr(lrs, "_sleep", noted.append)
    return noted


def test_sending_twice_stores_once(fake, waits) -> None:
    url, store = fake
    batch = [_statement(n) for n in range(250)]
    first = lrs.Lrs(url).send(batch)
    assert (len(first.stored), len(first.already), first.failed) == (250, 0, [])
    assert first.summary() == "250 stored, 0 already there, 0 failed"
    again = lrs.Lrs(url).send(batch)
    assert again.summary() == "0 stored, 250 already there, 0 failed"
    assert len(store.stored) == 250 and waits == []


def test_a_409_for_an_identical_statement_counts_as_already_there(fake, waits) -> None:
    url, store = fake
    batch = [_statement(n) for n in range(5)]
    lrs.Lrs(url).send(batch[:2])
    store.strict_409 = True  # an LRS that answers 409 even when nothing differs
    done = lrs.Lrs(url).send(batch)
    assert done.summary() == "3 stored, 2 already there, 0 failed"
    assert sorted(done.already) == sorted(s["id"] for s in batch[:2])
    assert ("GET", 1) in store.requests  # the stored ones were fetched and compared


def test_a_409_for_a_different_statement_is_reported_and_the_rest_continue(fake, waits):
    url, store = fake
    lrs.Lrs(url).send([_statement(1), _statement(2)])
    changed = _statement(2, verb={"id": xapi.VERBS["selected"], "display": {"en-US": "x"}})
    # The same moment written another way is the same statement.
    same = _statement(1, timestamp="2027-03-14T10:00:00+00:00")
    done = lrs.Lrs(url).send([same, changed, _statement(3), _statement(4)])
    assert done.summary() == "2 stored, 1 already there, 1 failed"
    (sid, why), *_ = done.failed
    assert sid == changed["id"] and why.startswith(lrs.CONFLICT) and "verb" in why
    assert store.stored[sid]["verb"]["id"] == xapi.VERBS["interacted"]  # never overwritten


def test_429_then_success_backs_off_as_the_lrs_asks(fake, waits) -> None:
    url, store = fake
    store.script = [429, 503]
    store.retry_after = "3"
    done = lrs.Lrs(url).send([_statement(n) for n in range(3)])
    assert done.summary() == "3 stored, 0 already there, 0 failed"
    assert waits == [3.0, 3.0] and done.retries == 2  # Retry-After, never less than back-off


def test_back_off_grows_and_retry_after_is_capped() -> None:
    assert [lrs._wait(i, None) for i in range(4)] == list(lrs.BACKOFF_S)
    assert lrs._wait(0, "3600") == lrs.MAX_WAIT_S
    assert lrs._wait(2, "1") == lrs.BACKOFF_S[2]
    assert lrs._wait(0, "not a number") == lrs.BACKOFF_S[0]


def test_500_until_the_retries_run_out_fails_what_is_left(fake, waits) -> None:
    url, store = fake
    store.script = [500] * (lrs.RETRIES + 1)
    batch = [_statement(n) for n in range(150)]
    done = lrs.Lrs(url).send(batch, batch=100)
    assert done.summary() == "0 stored, 0 already there, 150 failed"
    assert waits == list(lrs.BACKOFF_S)
    assert all("500" in why and "not sent" in why for _, why in done.failed)
    assert store.stored == {}  # the second batch was not sent to an LRS that is down


def test_credentials_refused_half_way_still_say_what_went_in(fake, waits) -> None:
    url, store = fake
    store.unauthorised_after = 2  # two batches in, then the token expires
    done = lrs.Lrs(url).send([_statement(n) for n in range(250)], batch=100)
    assert done.summary() == "200 stored, 0 already there, 50 failed"
    assert done.stopped is not None and "401" in done.stopped
    assert all(why.startswith("not sent:") and "401" in why for _, why in done.failed)
    store.unauthorised_after = None  # a re-run with good credentials sends only the rest
    again = lrs.Lrs(url).send([_statement(n) for n in range(250)], batch=100)
    assert again.summary() == "50 stored, 200 already there, 0 failed"


def test_credentials_refused_at_once_are_a_plain_error(fake, waits) -> None:
    url, store = fake
    store.unauthorised_after = 0
    with pytest.raises(UserError, match=r"401.*nothing more was sent"):
        lrs.Lrs(url).send([_statement(n) for n in range(5)])


def test_a_bad_statement_does_not_hold_back_its_batch(fake, waits) -> None:
    url, store = fake
    store.script = [400]  # the batch as a whole, then each statement on its own
    done = lrs.Lrs(url).send([_statement(n) for n in range(4)])
    assert done.summary() == "4 stored, 0 already there, 0 failed"
    assert [r for r in store.requests if r[0] == "POST"] == [("POST", 4)] + [("POST", 1)] * 4


def test_the_password_comes_from_the_environment_or_the_file(tmp_path, monkeypatch) -> None:
    from kamsim import config

    path = tmp_path / "config.toml"
    path.write_text('[lrs]\nuser = "key"\npassword = "from-file"\n')
    path.chmod(0o600)
    settings = config.load(path)
    assert lrs.credentials(settings, None) == (("key", "from-file"), "")
    monkeypatch.setenv("KAMSIM_LRS_PASSWORD", "from-env")
    assert lrs.credentials(settings, "flag-user") == (("flag-user", "from-env"), "")
    monkeypatch.delenv("KAMSIM_LRS_PASSWORD")
    path.chmod(0o644)
    _, warning = lrs.credentials(config.load(path), None)
    assert "other users can read it" in warning
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    assert lrs.credentials(config.load(empty), None) == (None, "")


# ---------------------------------------------------------------------------- through the CLI
@pytest.fixture
def games(record, record_played) -> list[int]:
    return [
        record("tutorial", 1, "expert", "ana@example.org", COHORT),
        record("tutorial", 1, "novice", "C. Dupont", COHORT),
        record_played("tutorial", 1, "Zoë", COHORT),
    ]


def test_the_summary_is_the_last_line_and_a_failure_exits_5(db_path, games, fake, waits, capsys):
    url, store = fake
    argv = ("export", "xapi", "--cohort", COHORT, "--lrs", url, "--db", db_path, "--quiet")
    assert cli(*argv) == 0
    total = len(store.stored)
    assert capsys.readouterr().out.splitlines()[-1] == f"{total} stored, 0 already there, 0 failed"
    victim = next(iter(store.stored))
    store.stored[victim] = {**store.stored[victim], "verb": {"id": "http://x.example/v"}}
    assert cli(*argv) == 5
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == f"0 stored, {total - 1} already there, 1 failed"
    assert f"statement {victim} (" in captured.err and "another base IRI" in captured.err
    store.script = [500] * (lrs.RETRIES + 1)
    assert cli(*argv) == 5
    assert capsys.readouterr().out.splitlines()[-1] == f"0 stored, 0 already there, {total} failed"


def test_the_password_flag_is_hidden_and_warned_about(db_path, games, fake, capsys) -> None:
    url, _ = fake
    with pytest.raises(SystemExit):
        cli("export", "xapi", "--help")
    assert "--lrs-password" not in capsys.readouterr().out
    argv = ("export", "xapi", games[0], "--lrs", url, "--lrs-password", "pw", "--db", db_path)
    assert cli(*argv) == 0
    assert "--lrs-password shows the secret" in capsys.readouterr().err


# ---------------------------------------------------------------------------- a real LRS
def _ralph_missing() -> str | None:
    for module in ("ralph", "fastapi", "uvicorn", "bcrypt", "requests"):
        if importlib.util.find_spec(module) is None:
            return (
                f"a real LRS needs ralph-malph's LRS server ({module} is not installed: "
                "pip install 'ralph-malph[lrs,cli]' requests)"
            )
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ralph's filesystem backend writes its statements file with "create", so only the first POST
# that stores anything succeeds (later ones answer 500: "already exists and overwrite is not
# allowed"). Its own "append" mode is switched on here; the API, its validation and its
# duplicate and conflict handling are ralph's, unchanged.
RALPH_SERVER = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """ralph's LRS on loopback with its filesystem backend and one Basic-auth user; yields
    its xAPI endpoint and the JSON-lines file it stores statements in."""
    missing = _ralph_missing()
    if missing:
        pytest.skip(missing)
    import bcrypt

    folder = tmp_path / "ralph"
    folder.mkdir()
    auth = folder / "auth.json"
    hashed = bcrypt.hashpw(b"lrs-secret", bcrypt.gensalt(rounds=4)).decode()
    auth.write_text(json.dumps([{
        "agent": {"objectType": "Agent", "mbox": "mailto:lrs@example.org"},
        "scopes": ["all"], "hash": hashed, "username": "kam",
    }]))  # fmt: skip
    port = _free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(auth),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "store"),
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
    }
    command = [sys.executable, "-c", RALPH_SERVER, str(port)]
    log = folder / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"ralph's LRS did not start: {log.read_text()[-500:]}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/xAPI", folder / "store" / "fs_lrs.jsonl"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _by_agent(url: str, agent: dict[str, Any]) -> list[dict[str, Any]]:
    query = urllib.parse.urlencode({"agent": json.dumps(agent), "limit": 1000})
    request = urllib.request.Request(
        f"{url}/statements?{query}",
        headers={
            "Authorization": "Basic " + base64.b64encode(b"kam:lrs-secret").decode(),
            "X-Experience-API-Version": "1.0.3",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        found = json.load(response)
    assert not found.get("more")
    return found["statements"]


def test_a_real_lrs_holds_each_statement_once(
    db_path, games, ralph, tmp_path, monkeypatch, capsys
) -> None:
    """Export with no optional flag (everything from the config file), then with every one,
    then under another base IRI: the LRS holds each statement once, each person is one agent."""
    url, jsonl = ralph
    settings = tmp_path / "kamsim.toml"
    settings.write_text(
        f'[lrs]\nendpoint = "{url}"\nuser = "kam"\npassword = "lrs-secret"\n'
        f'[results]\ncohort = "{COHORT}"\n'
    )
    settings.chmod(0o600)
    monkeypatch.setenv("KAMSIM_CONFIG", str(settings))
    assert cli("export", "xapi", "--db", db_path) == 0
    first = capsys.readouterr().out.splitlines()[-1]
    stored = [json.loads(line) for line in jsonl.read_text().splitlines()]
    count = len(stored)
    assert count > 100 and first == f"{count} stored, 0 already there, 0 failed"

    out = tmp_path / "all-flags.json"
    every_flag = ("--cohort", COHORT, "--out", out, "--force", "--base-iri",
                  xapi.DEFAULT_BASE_IRI, "--lrs", url, "--lrs-user", "kam", "--quiet")  # fmt: skip
    assert cli("export", "xapi", *every_flag, "--db", db_path) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"0 stored, {count} already there, 0 failed"

    # One game under another base IRI: same ids, other content, so refused, not stored twice.
    zoe = [s for s in json.loads(out.read_text()) if s["actor"]["name"] == "Zoë"]
    other = (games[2], "--base-iri", "https://lms.example.org/x", "--lrs", url)
    assert cli("export", "xapi", *other, "--db", db_path) == 5
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == f"0 stored, 0 already there, {len(zoe)} failed"
    assert "another base IRI" in captured.err

    stored = [json.loads(line) for line in jsonl.read_text().splitlines()]
    ids = [s["id"] for s in stored]
    assert len(ids) == len(set(ids)) == count  # each statement exactly once
    assert {json.loads(out.read_text())[0]["id"]} <= set(ids)
    actors: dict[str, list[str]] = {}
    for statement in stored:
        agent = json.dumps(statement["actor"], sort_keys=True)
        if agent not in actors.setdefault(statement["actor"]["name"], []):
            actors[statement["actor"]["name"]].append(agent)
    assert set(actors) == {"ana@example.org", "C. Dupont", "Zoë"}
    for name, agents in actors.items():
        assert len(agents) == 1, f"{name} is {len(agents)} agents in the LRS"
        mine = [s for s in stored if s["actor"]["name"] == name]
        found = _by_agent(url, json.loads(agents[0]))
        assert sorted(s["id"] for s in found) == sorted(s["id"] for s in mine)


def test_failures_sharing_a_reason_are_one_line() -> None:
    failed = [("a", "refused: 400"), ("b", "not sent: down"), ("c", "not sent: down")]
    names = {"a": "scored, ana, run 1", "b": "interacted, ana, run 1"}
    assert lrs.describe_failures(failed, names) == [
        "statement a (scored, ana, run 1): refused: 400",
        "2 statements, from b (interacted, ana, run 1): not sent: down",
    ]
    many = [(str(n), f"reason {n}") for n in range(25)]
    lines = lrs.describe_failures(many, {}, limit=20)
    assert len(lines) == 21 and lines[-1] == "… and 5 more"
