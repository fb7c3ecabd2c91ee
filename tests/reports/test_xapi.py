"""xAPI export: every statement validates with an independent validator (ralph's pydantic
models), ids and actors do not depend on any flag, timestamps are the trainee's input times,
and statements reach an LRS (a tiny local server on loopback; the LRS hand-off's own rules and
a real LRS are in test_lrs.py)."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.concepts.verbs.scorm_profile import CompletedVerb, InteractedVerb

from kamsim.reports import xapi
from kamsim.reports.store import ResultsStore

from .conftest import cli

BASE = "https://lms.example.org/xapi/kamsim"


@pytest.fixture
def cohort(db_path, record) -> list[int]:
    return [
        record("tutorial", 1, "expert", "ana@example.org", "Berlin 2027/03"),
        record("tutorial", 1, "novice", "Ben <Müller> & Co", "Berlin 2027/03"),
        record("tutorial", 1, "carpet-bomber", "C. Dupont", "Berlin 2027/03"),
        record("standard", 1, "random", "dana", "Berlin 2027/03"),
    ]


def _export(db_path, tmp_path, *selector: object, base: str = BASE) -> list[dict[str, Any]]:
    out = tmp_path / "statements.json"
    argv = ("export", "xapi", *selector, "--out", out, "--base-iri", base, "--db", db_path)
    assert cli(*argv, "--force") == 0  # the same file, export after export
    return json.loads(out.read_text())


def test_every_statement_validates(db_path, cohort, tmp_path) -> None:
    statements = _export(db_path, tmp_path, "--cohort", "Berlin 2027/03")
    assert len(statements) > 50
    for statement in statements:
        BaseXapiStatement.model_validate(statement)
        verb = statement["verb"]["id"]
        if verb == xapi.VERBS["interacted"]:
            InteractedVerb.model_validate(statement["verb"])
        if verb == xapi.VERBS["completed"]:
            CompletedVerb.model_validate(statement["verb"])
    assert len({s["id"] for s in statements}) == len(statements)


def test_a_game_reads_as_actions_then_scores_then_completion(db_path, cohort, store, tmp_path):
    game = store.get(cohort[1])
    statements = _export(db_path, tmp_path, cohort[1])
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    accepted = [e for e in xapi_log(game)]
    assert len(statements) == len(accepted) + 4 + len(game.scorecard["competencies"]) + 1
    assert verbs[-1] == "completed" and set(verbs) == {
        "interacted",
        "selected",
        "scored",
        "completed",
    }
    completed = statements[-1]
    assert completed["result"]["score"]["scaled"] == round(game.total / 100, 4)
    assert completed["object"]["id"] == f"{BASE}/scenarios/tutorial"
    scored = {
        s["object"]["id"]: s["result"] for s in statements if s["verb"]["id"].endswith("scored")
    }
    for comp in game.scorecard["competencies"]:
        result = scored[f"{BASE}/competencies/{comp['id']}"]
        assert result["score"]["scaled"] == comp["score"]
        assert result["extensions"][f"{BASE}/extensions/level"] == comp["level"]
    tiers = [s for s in statements if s["object"]["id"].endswith("/tier")]
    assert tiers and all(s["verb"]["id"] == xapi.VERBS["selected"] for s in tiers)
    assert {s["result"]["response"] for s in tiers} <= {
        "key",
        "develop",
        "maintain",
        "deprioritise",
        "decline",
    }


def xapi_log(game) -> Iterator[dict]:
    from kamsim.reports.games import rebuild

    sim = rebuild(game.scenario_id, game.scenario_hash, game.seed, game.actions, game.week)
    return (e for e in sim.log if e.kind == "action")


def test_actor_context_and_timestamps(db_path, cohort, store, tmp_path) -> None:
    statements = _export(db_path, tmp_path, "--cohort", "Berlin 2027/03")
    by_name = {s["actor"]["name"]: s for s in statements}
    assert by_name["ana@example.org"]["actor"]["mbox"] == "mailto:ana@example.org"
    # The account's homePage is kamsim's own, never the --base-iri of this export.
    assert by_name["C. Dupont"]["actor"]["account"] == {
        "homePage": xapi.ACCOUNT_HOME_PAGE,
        "name": "C. Dupont",
    }
    assert "mbox" not in by_name["Ben <Müller> & Co"]["actor"]
    game = store.get(cohort[0])
    mine = [s for s in statements if s["actor"]["name"] == "ana@example.org"]
    assert {s["context"]["registration"] for s in mine} == {str(uuid.UUID(game.uid))}
    ext = mine[0]["context"]["extensions"]
    assert ext[f"{BASE}/extensions/seed"] == 1
    assert ext[f"{BASE}/extensions/scenario-hash"] == game.scenario_hash
    assert mine[0]["context"]["contextActivities"]["grouping"][0]["id"] == (
        f"{BASE}/cohorts/Berlin%202027%2F03"
    )
    # A bot's game has no input times: every statement carries the time it was recorded,
    # 1 ms apart to keep the game's order, and the completion has no duration.
    assert game.input_times is None
    stamps = [s["timestamp"] for s in mine]
    assert stamps == sorted(set(stamps))
    assert stamps[0] == game.played_at.replace("Z", ".000Z")
    assert {s["context"]["extensions"][f"{BASE}/extensions/time-source"] for s in mine} == {
        "recorded"
    }
    assert "duration" not in mine[-1]["result"]


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def test_a_played_game_carries_the_trainee_s_input_times(record_played, store) -> None:
    """Each action's statement is stamped with its input's wall-clock time; the scores and the
    completion with the end of the game, and the completion's duration is the session's."""
    from kamsim.reports.games import replay_stored

    game = store.get(record_played("tutorial", 1, "Zoë"))
    times = game.input_times
    assert times and all(t is not None for t in times)
    statements = xapi.game_statements(game, replay_stored(game, store))
    source = xapi.DEFAULT_BASE_IRI + "/extensions/time-source"
    sim = replay_stored(game, store)
    submissions = [e.kind for e in sim.log if e.kind in ("action", "refused")]
    accepted = [i for i, kind in enumerate(submissions) if kind == "action"]
    actions = [s for s in statements if s["verb"]["id"] != xapi.VERBS["scored"]][:-1]
    assert len(actions) == len(accepted)
    assert [s["timestamp"] for s in actions] == [_iso(times[i]) for i in accepted]
    assert {s["context"]["extensions"][source] for s in actions} == {"input"}
    completed = statements[-1]
    end = max(times)  # later than played_at here: the fixture's clock is in 2027
    # At the end, after the scores: each 1 ms after the one before, to keep the order.
    assert _iso(end) < completed["timestamp"] < _iso(end + 1)
    assert completed["result"]["duration"] == xapi.iso_duration(end - min(times))
    assert completed["result"]["duration"] == f"PT{(len(times) - 1) // 60}H" + (
        f"{(len(times) - 1) % 60}M" if (len(times) - 1) % 60 else ""
    )
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(set(stamps))
    for statement in statements:
        BaseXapiStatement.model_validate(statement)


def test_inputs_before_a_resume_carry_the_next_timed_input(record_played, store) -> None:
    from kamsim.reports.games import replay_stored

    game = store.get(record_played("tutorial", 1, "Zoë"))
    untimed = 5
    resumed = dataclasses.replace(
        game, input_times=(None,) * untimed + tuple(game.input_times[untimed:])
    )
    statements = xapi.game_statements(resumed, replay_stored(game, store))
    source = xapi.DEFAULT_BASE_IRI + "/extensions/time-source"
    first = game.input_times[untimed]
    early = [s for s in statements if s["context"]["extensions"][source] == "next-input"]
    assert early and early[0]["timestamp"] == _iso(first)
    assert all(s["timestamp"] >= _iso(first) for s in statements)
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(set(stamps))
    duration = statements[-1]["result"]["duration"]
    assert duration == xapi.iso_duration(max(game.input_times) - first)


def test_iso_durations() -> None:
    assert xapi.iso_duration(0) == "PT0S"
    assert xapi.iso_duration(59.994) == "PT59.99S"
    assert xapi.iso_duration(60) == "PT1M"
    assert xapi.iso_duration(3725.5) == "PT1H2M5.5S"
    assert xapi.iso_duration(7200) == "PT2H"


def test_ids_and_actors_do_not_depend_on_any_flag(db_path, cohort, tmp_path):
    """The same game gives the same ids and the same actors whatever the base IRI: exporting
    once without and once with --base-iri must not split a person or double the store."""
    first = _export(db_path, tmp_path, "--cohort", "Berlin 2027/03")
    again = _export(db_path, tmp_path, "--cohort", "Berlin 2027/03")
    assert first == again
    out = tmp_path / "plain.json"
    argv = ("export", "xapi", "--cohort", "Berlin 2027/03", "--out", out, "--db", db_path)
    assert cli(*argv, "--quiet") == 0
    plain = json.loads(out.read_text())
    other_base = _export(db_path, tmp_path, "--cohort", "Berlin 2027/03", base="https://o.ex/x")
    for other in (plain, other_base):
        assert [s["id"] for s in other] == [s["id"] for s in first]
        assert [s["actor"] for s in other] == [s["actor"] for s in first]
        assert [s["timestamp"] for s in other] == [s["timestamp"] for s in first]
    assert plain[0]["object"]["id"].startswith(xapi.DEFAULT_BASE_IRI)
    assert other_base[0]["object"]["id"].startswith("https://o.ex/x/")
    assert len({s["id"] for s in first}) == len(first)  # distinct within and between games
    one = _export(db_path, tmp_path, cohort[0])
    assert {s["id"] for s in one} < {s["id"] for s in first}


def test_statement_ids_follow_uuid5_of_the_game_and_the_place(db_path, cohort, store, tmp_path):
    from kamsim.reports.games import replay_stored

    game = store.get(cohort[0])
    statements = _export(db_path, tmp_path, cohort[0])
    sim = replay_stored(game, store)
    submissions = [e.kind for e in sim.log if e.kind in ("action", "refused")]
    sixth = [i for i, kind in enumerate(submissions) if kind == "action"][5]
    space = uuid.uuid5(uuid.NAMESPACE_URL, "https://kamsim.example/xapi/statement-ids")
    assert space == xapi.ID_NAMESPACE  # fixed forever: a change re-ids every statement
    assert statements[5]["id"] == str(uuid.uuid5(space, f"{game.uid}:{game.digest}:action:{sixth}"))
    rubric = game.rubric_version
    assert statements[-1]["id"] == str(
        uuid.uuid5(space, f"{game.uid}:{game.digest}:{rubric}:completed")
    )
    # A rescore under another rubric keeps every action's id and re-ids only the scores.
    rescored = xapi.game_statements(dataclasses.replace(game, rubric_version="99"), sim, BASE)
    verbs = [s["verb"]["id"] for s in statements]
    score_verbs = (xapi.VERBS["scored"], xapi.VERBS["completed"])
    for before, after, verb in zip(statements, rescored, verbs, strict=True):
        assert (before["id"] == after["id"]) == (verb not in score_verbs)


def test_export_needs_one_selector_and_one_destination(db_path, cohort, capsys) -> None:
    assert cli("export", "xapi", "--out", "x.json", "--db", db_path) == 2
    assert cli("export", "xapi", 1, "--cohort", "c", "--out", "x.json", "--db", db_path) == 2
    assert cli("export", "xapi", 1, "--db", db_path) == 2
    assert "give --out FILE, --lrs URL or both" in capsys.readouterr().err
    assert cli("export", "xapi", 1, "--out", "x.json", "--base-iri", "kamsim", "--db", db_path) == 2
    assert "--base-iri must be an http(s) IRI" in capsys.readouterr().err


class _Lrs(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []
    answer = 200

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        headers = {k.lower(): v for k, v in self.headers.items()}
        type(self).received.append({"path": self.path, "headers": headers, "body": body})
        if self.answer != 200:
            self.send_response(self.answer)
            self.end_headers()
            self.wfile.write(b'{"message": "bad credentials"}')
            return
        payload = json.dumps([s["id"] for s in body]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def lrs() -> Iterator[tuple[str, type[_Lrs]]]:
    handler = type("Handler", (_Lrs,), {"received": [], "answer": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xapi", handler
    finally:
        server.shutdown()
        server.server_close()


def test_statements_are_posted_to_the_lrs_in_batches(db_path, cohort, lrs, monkeypatch, capsys):
    url, handler = lrs
    monkeypatch.setenv("KAMSIM_LRS_PASSWORD", "s3cret")  # never on the command line
    code = cli(
        "export",
        "xapi",
        "--cohort",
        "Berlin 2027/03",
        "--lrs",
        url,
        "--lrs-user",
        "key1",
        "--db",
        db_path,
    )
    assert code == 0
    posts = handler.received
    total = sum(len(p["body"]) for p in posts)
    assert len(posts) == -(-total // 100) and all(len(p["body"]) <= 100 for p in posts)
    first = posts[0]
    assert first["path"] == "/xapi/statements"
    assert first["headers"]["x-experience-api-version"] == "1.0.3"
    assert first["headers"]["authorization"] == "Basic " + base64.b64encode(b"key1:s3cret").decode()
    for post in posts:
        for statement in post["body"]:
            BaseXapiStatement.model_validate(statement)
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"{total} stored, 0 already there, 0 failed"


def test_an_lrs_refusal_is_reported(db_path, cohort, lrs, capsys) -> None:
    url, handler = lrs
    handler.answer = 401
    assert cli("export", "xapi", cohort[0], "--lrs", url, "--db", db_path) == 1
    assert "answered 401" in capsys.readouterr().err
    assert len(handler.received) == 1  # wrong credentials: nothing more is tried


def test_an_unreachable_lrs_is_reported(db_path, cohort, capsys, monkeypatch) -> None:
    from kamsim.reports import lrs

    waits: list[float] = []
    monkeypatch.setattr(lrs, "_sleep", waits.append)
    assert cli("export", "xapi", cohort[0], "--lrs", "http://127.0.0.1:9", "--db", db_path) == 5
    captured = capsys.readouterr()
    assert "cannot reach the LRS" in captured.err
    assert waits == list(lrs.BACKOFF_S)  # retried with back-off, then given up
    assert captured.out.splitlines()[-1].startswith("0 stored, 0 already there, ")


def test_statements_of_a_store_game_without_the_cli(store, cohort) -> None:
    from kamsim.reports.games import rebuild

    game = store.get(cohort[3])
    sim = rebuild(game.scenario_id, game.scenario_hash, game.seed, game.actions, game.week)
    statements = xapi.game_statements(game, sim)
    assert statements[0]["object"]["id"].startswith(xapi.DEFAULT_BASE_IRI)
    for statement in statements:
        BaseXapiStatement.model_validate(statement)
    assert isinstance(store, ResultsStore)


def test_the_standing_monthly_review_is_a_named_choice_with_its_answer(store, cohort) -> None:
    """The tutorial expert turns the monthly KPI review on when its plan is agreed: one
    statement in words, its answer on or off (the routine's runs are the game's, not inputs)."""
    game = store.get(cohort[0])
    from kamsim.reports.games import rebuild

    sim = rebuild(game.scenario_id, game.scenario_hash, game.seed, game.actions, game.week)
    statements = xapi.game_statements(game, sim, BASE)
    monthly = [s for s in statements if s["object"]["id"].endswith("/review_monthly")]
    assert monthly, "the expert's game should turn the monthly review on"
    (name,) = monthly[0]["object"]["definition"]["name"].values()
    assert name.startswith("Monthly KPI review (standing routine): ")
    assert "review_monthly" not in name and monthly[0]["result"]["response"] == "on"
