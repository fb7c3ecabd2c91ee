"""The results trust model under attack: a trainee who wants a better score, with and without
the participant key of their own laptop. Each attack is detected with its reason; harmless
edits (reformatting, key order, a byte-order mark) are accepted. See docs/results.md, "Trust
model", which lists these tests against the attacks.

The facilitator's machine holds KEY (the conftest's $KAMSIM_RESULT_KEY); a laptop holds only
its enrolment file (no $KAMSIM_RESULT_KEY).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kamsim.bots import play
from kamsim.errors import UserError
from kamsim.reports import ResultsStore, record_game
from kamsim.reports.games import new_game
from kamsim.reports.recording import maybe_record
from kamsim.scoring import score_game
from kamsim.sim import replay

from .conftest import KEY, bot_game, cli, input_times, scenario, trainee_game

COHORT = "berlin"
SEED = 1
FINISHED = bot_game("tutorial", SEED, "novice").week


# ---------------------------------------------------------------------------- machines
class Workshop:
    """A facilitator's machine and laptops enrolled by it, each with its own database."""

    def __init__(self, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tmp, self.mp = tmp, monkeypatch
        self.db = tmp / "facilitator.sqlite3"
        self.facilitator()
        assert (
            cli("enrol", COHORT, "ana", "ben", "--scenario", "tutorial", "--seed", SEED,
                "--out-dir", tmp / "enrolments", "--db", self.db) == 0
        )  # fmt: skip

    def facilitator(self) -> None:
        self.mp.setenv("KAMSIM_RESULT_KEY", KEY)
        self.mp.setenv("KAMSIM_ENROLMENT", str(self.tmp / "no-enrolment-here.json"))

    def enrolment(self, who: str) -> dict[str, Any]:
        return json.loads((self.tmp / "enrolments" / f"{who}.kamsim-enrol.json").read_text())

    def key_of(self, who: str) -> bytes:
        return self.enrolment(who)["participant_key"].encode()

    def laptop(self, who: str) -> Path:
        """Become `who`'s laptop: the facilitator's key gone, the enrolment installed."""
        self.mp.delenv("KAMSIM_RESULT_KEY", raising=False)
        self.mp.setenv("KAMSIM_ENROLMENT", str(self.tmp / f"laptop-{who}" / "enrolment.json"))
        assert cli("enrol", "--install", self.tmp / "enrolments" / f"{who}.kamsim-enrol.json") == 0
        return self.tmp / f"laptop-{who}" / "results.sqlite3"

    def played(self, who: str, sim: Any = None, mode: str = "ui", **kw: Any) -> Path:
        """`who` records a game on their laptop and exports it; back on the facilitator's."""
        sim = sim if sim is not None else trainee_game("tutorial", SEED)
        laptop_db = self.laptop(who)
        with ResultsStore(laptop_db) as store:
            run = record_game(
                store, sim, kw.get("participant", who), kw.get("cohort", COHORT),
                score_game(sim), mode=mode, input_times=input_times(sim),
            )  # fmt: skip
        out = self.tmp / f"{who}-{run}-{mode.replace(':', '-')}.kamsim.json"
        if out.exists():
            out = out.with_name("again-" + out.name)
        assert cli("export", "result", run, "--out", out, "--db", laptop_db) == 0
        self.facilitator()
        return out

    def imports(self, path: Path) -> int:
        return cli("import", path, "--db", self.db)


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workshop]:
    yield Workshop(tmp_path, monkeypatch)


def resign(doc: dict[str, Any], key: bytes) -> None:
    """What a holder of `key` can do: sign any content (computed independently of kamsim)."""
    body = {k: v for k, v in doc.items() if k != "signature"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    doc["signature"]["value"] = hmac.new(key, canonical, hashlib.sha256).hexdigest()
    doc["signature"]["key_id"] = hashlib.sha256(key).hexdigest()[:8]


def forge(path: Path, change: Callable[[dict[str, Any]], None], key: bytes | None) -> Path:
    doc = json.loads(path.read_text())
    change(doc)
    if key is not None:
        resign(doc, key)
    out = path.with_name("forged-" + path.name)
    out.write_text(json.dumps(doc))
    return out


def as_game(doc: dict[str, Any], sim: Any) -> None:
    """Make a file describe `sim` consistently: log, digest, week, times and its true scores."""
    doc["game"]["actions"] = [{"week": w, "action": a} for w, a in sim.history]
    doc["game"]["digest"] = sim.digest()
    doc["game"]["week"] = sim.week
    doc["game"]["seed"] = sim.seed
    doc["game"]["scenario_hash"] = sim.scenario_hash
    doc["game"]["input_times"] = list(input_times(sim))
    doc["scorecard"] = score_game(sim).to_dict()


def verdict(capsys: pytest.CaptureFixture[str]) -> str:
    out = capsys.readouterr()
    return out.out + out.err


# ---------------------------------------------------------------------------- keys
def test_laptops_hold_their_own_key_never_the_facilitators(shop: Workshop, capsys) -> None:
    text = (shop.tmp / "enrolments" / "ana.kamsim-enrol.json").read_text()
    assert KEY not in text
    assert shop.key_of("ana") != shop.key_of("ben")
    honest = shop.played("ana")
    doc = json.loads(honest.read_text())
    assert doc["signature"]["signer"] == "participant"
    assert doc["enrolment"]["participant"] == "ana" and KEY not in honest.read_text()
    assert shop.imports(honest) == 0
    assert "stored as run 1" in verdict(capsys)


def test_a_laptop_without_an_enrolment_cannot_sign(shop: Workshop, tmp_path, capsys) -> None:
    shop.mp.delenv("KAMSIM_RESULT_KEY")
    shop.mp.setenv("KAMSIM_ENROLMENT", str(tmp_path / "none.json"))
    sim = trainee_game("tutorial", SEED)
    with ResultsStore(tmp_path / "bare.sqlite3") as store:
        run = record_game(store, sim, "ana", COHORT, score_game(sim), mode="ui")
    assert cli("export", "result", run, "--out", tmp_path / "x.json", "--db", store.path) == 2
    assert "no key to sign with" in verdict(capsys)


# ---------------------------------------------------------------------------- files: whose game
def test_a_colleagues_game_renamed_without_a_key_breaks_the_signature(shop, capsys) -> None:
    anas = shop.played("ana")

    def rename(doc: dict[str, Any]) -> None:
        doc["game"]["participant"] = doc["enrolment"]["participant"] = "ben"

    assert shop.imports(forge(anas, rename, None)) == 1  # Ben's enrolment: Ben's key needed
    assert "signature mismatch: signed with another key" in verdict(capsys)

    def rename_game_only(doc: dict[str, Any]) -> None:
        doc["game"]["participant"] = "ben"

    assert shop.imports(forge(anas, rename_game_only, None)) == 1
    assert "signature mismatch: the file was changed after it was signed" in verdict(capsys)


def test_a_colleagues_game_renamed_and_signed_with_my_key_is_not_mine(shop, capsys) -> None:
    anas = shop.played("ana")
    bens_enrolment = shop.enrolment("ben")["enrolment"]
    binding = {k: v for k, v in bens_enrolment.items() if k != "issued_at"}

    def only_the_name(doc: dict[str, Any]) -> None:  # Ana's enrolment kept, Ben's key
        doc["game"]["participant"] = "ben"

    assert shop.imports(forge(anas, only_the_name, shop.key_of("ben"))) == 1
    assert "signature mismatch: signed with another key" in verdict(capsys)

    def as_mine(doc: dict[str, Any]) -> None:  # Ben's own enrolment: a valid signature
        doc["game"]["participant"] = "ben"
        doc["enrolment"] = binding

    assert shop.imports(anas) == 0  # Ana's own game is in first
    capsys.readouterr()
    assert shop.imports(forge(anas, as_mine, shop.key_of("ben"))) == 1
    assert "uid" in (err := verdict(capsys)) and "already stored for another game" in err

    def as_mine_new_uid(doc: dict[str, Any]) -> None:
        as_mine(doc)
        doc["game"]["uid"] = "f" * 32

    assert shop.imports(forge(anas, as_mine_new_uid, shop.key_of("ben"))) == 1
    assert "the same decisions, week by week, as run 1 of 'ana'" in verdict(capsys)


def test_my_key_cannot_sign_a_game_under_a_colleagues_name(shop, capsys) -> None:
    bens = shop.played("ben")

    def claim_anas(doc: dict[str, Any]) -> None:
        doc["game"]["participant"] = "ana"

    assert shop.imports(forge(bens, claim_anas, shop.key_of("ben"))) == 1
    assert "participant 'ana' does not match its key: the key was issued for participant 'ben'" in (
        verdict(capsys)
    )

    def edit_my_enrolment(doc: dict[str, Any]) -> None:
        doc["game"]["participant"] = doc["enrolment"]["participant"] = "ana"

    assert shop.imports(forge(bens, edit_my_enrolment, shop.key_of("ben"))) == 1
    assert "signature mismatch: signed with another key" in verdict(capsys)


def test_a_junk_game_with_a_colleagues_uid_cannot_displace_theirs(shop, capsys) -> None:
    anas = shop.played("ana")
    junk = shop.played("ben", sim=trainee_game("tutorial", SEED, "random"))
    anas_uid = json.loads(anas.read_text())["game"]["uid"]

    def take_uid(doc: dict[str, Any]) -> None:
        doc["game"]["uid"] = anas_uid

    assert shop.imports(forge(junk, take_uid, None)) == 1  # without the key: signature
    assert "signature mismatch" in verdict(capsys)
    assert shop.imports(forge(junk, take_uid, shop.key_of("ben"))) == 0  # Ben's own junk game
    capsys.readouterr()
    assert shop.imports(anas) == 1  # Ana's is refused, never merged into Ben's: both named
    assert "already stored for another game (run 1 of 'ben'" in verdict(capsys)
    with ResultsStore(shop.db) as store:
        assert [(g.participant, g.uid) for g in store.games()] == [("ben", anas_uid)]


# ---------------------------------------------------------------------------- files: which game
def _cut(doc: dict[str, Any], week: int = 5) -> None:
    actions = [(a["week"], a["action"]) for a in doc["game"]["actions"] if a["week"] < week]
    as_game(doc, replay(scenario("tutorial"), SEED, actions, until_week=week))


def test_an_unfinished_game_is_not_an_assessment(shop, capsys) -> None:
    honest = shop.played("ana")
    assert shop.imports(forge(honest, _cut, None)) == 1
    assert "signature mismatch" in verdict(capsys)
    assert shop.imports(forge(honest, _cut, shop.key_of("ana"))) == 1
    assert f"unfinished: the game stopped in week 5 of {FINISHED - 1}" in verdict(capsys)
    assert cli("verify", forge(honest, _cut, shop.key_of("ana"))) == 1
    assert "NOT AN ASSESSMENT — unfinished" in verdict(capsys)


def test_a_game_on_another_seed_is_refused_with_the_seed(shop, capsys) -> None:
    other = play(scenario("tutorial"), 7, "novice")
    luckier = replay(scenario("tutorial"), 7, list(other.history)[1:], until_week=other.week)

    def reseed(doc: dict[str, Any]) -> None:
        as_game(doc, luckier)

    honest = shop.played("ana")
    assert shop.imports(forge(honest, reseed, shop.key_of("ana"))) == 1
    assert "seed 7 does not match its key: the key was issued for seed 1" in verdict(capsys)

    def reseed_enrolment_too(doc: dict[str, Any]) -> None:
        reseed(doc)
        doc["enrolment"]["seed"] = 7

    assert shop.imports(forge(honest, reseed_enrolment_too, shop.key_of("ana"))) == 1
    assert "signature mismatch: signed with another key" in verdict(capsys)


def test_the_facilitators_own_files_must_match_the_enrolled_cohort(shop, tmp_path, capsys):
    sim = trainee_game("tutorial", 2)
    local = tmp_path / "facilitator-local.sqlite3"
    with ResultsStore(local) as store:
        run = record_game(store, sim, "carla", COHORT, score_game(sim), mode="ui")
    out = tmp_path / "carla.json"
    assert cli("export", "result", run, "--out", out, "--db", local) == 0
    assert shop.imports(out) == 1
    assert "played on seed 2; cohort 'berlin' is enrolled on seed 1" in verdict(capsys)


def test_a_cohort_plays_one_world(shop, capsys) -> None:
    assert cli("enrol", COHORT, "carla", "--scenario", "tutorial", "--seed", 2,
               "--out-dir", shop.tmp / "e2", "--db", shop.db) == 1  # fmt: skip
    assert "cohort 'berlin' is enrolled on tutorial seed 1" in verdict(capsys)


# ---------------------------------------------------------------------------- files: who played
@pytest.mark.parametrize("mode", ["bot:expert", "autoplay:expert", "playbook"])
def test_scripted_games_are_not_assessments(shop, mode, capsys) -> None:
    expert = bot_game("tutorial", SEED, "expert")
    assert shop.imports(shop.played("ana", sim=expert, mode=mode)) == 1
    assert "only a person's game counts" in (text := verdict(capsys))
    assert {"bot:expert": "'expert' bot (--bot)", "autoplay:expert": "(--autoplay)",
            "playbook": "scripted playbook"}[mode] in text  # fmt: skip


def test_a_bot_game_relabelled_as_played_is_recognised(shop, capsys) -> None:
    expert = bot_game("tutorial", SEED, "expert")
    bots = shop.played("ana", sim=expert, mode="bot:expert")

    def as_person(doc: dict[str, Any]) -> None:
        doc["game"]["mode"] = "ui"

    assert shop.imports(forge(bots, as_person, None)) == 1
    assert "signature mismatch" in verdict(capsys)
    assert shop.imports(forge(bots, as_person, shop.key_of("ana"))) == 1
    assert "its decisions are exactly those of the 'expert' bot on this seed" in verdict(capsys)


def test_kamsim_run_with_a_bot_records_its_mode(shop, capsys) -> None:
    laptop_db = shop.laptop("ana")
    assert cli("run", "tutorial", "--seed", SEED, "--bot", "expert", "--participant", "ana",
               "--cohort", COHORT, "--db", laptop_db) == 0  # fmt: skip
    with ResultsStore(laptop_db) as store:
        assert store.games()[0].mode == "bot:expert"
    assert cli("run", "tutorial", "--seed", 3, "--participant", "ana", "--cohort", COHORT,
               "--db", laptop_db) == 2  # fmt: skip
    assert "this laptop is enrolled as 'ana' in cohort 'berlin' on tutorial seed 1" in (
        verdict(capsys)
    )


# ---------------------------------------------------------------------------- files: the scenario
def _edited_tutorial(folder: Path) -> Path:
    source = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
    text = source.read_text().replace("    weight: 0.2\n", "    weight: 0.9\n", 1)
    assert text != source.read_text()
    folder.mkdir(exist_ok=True)
    for name in ("tutorial", "tutorial.yaml"):
        (folder / name).write_text(text)
    return folder / "tutorial.yaml"


def test_a_scenario_beside_the_files_is_never_used(shop, tmp_path, monkeypatch, capsys) -> None:
    honest = shop.played("ana")
    own = _edited_tutorial(tmp_path / "usb")
    _edited_tutorial(tmp_path)
    monkeypatch.chdir(tmp_path / "usb")  # the import folder, with its decoys, is the cwd
    from kamsim.scenario.load import load_scenario

    mine = load_scenario(own)
    sim = replay(mine, SEED, list(play(mine, SEED, "novice").history)[1:], until_week=FINISHED)
    laptop_db = tmp_path / "own.sqlite3"
    with ResultsStore(laptop_db) as store:  # signed with the facilitator's key, even
        run = record_game(store, sim, "ana", COHORT, score_game(sim), mode="ui")
    forged = tmp_path / "usb" / "own.json"
    assert cli("export", "result", run, "--out", forged, "--db", laptop_db) == 0
    capsys.readouterr()
    assert cli("verify", honest, forged) == 2
    text = verdict(capsys)
    assert f"{honest}: intact" in text
    assert "is not the version this game was played on" in text


# ---------------------------------------------------------------------------- files: the JSON
def test_duplicate_keys_nan_huge_and_deep_files_are_refused_and_the_batch_goes_on(
    shop, tmp_path, capsys
) -> None:
    honest = shop.played("ana")
    text = honest.read_text()
    twice = tmp_path / "twice.json"
    card = json.dumps(dict(json.loads(text)["scorecard"], total=99.0))
    twice.write_text(text.replace('"scorecard":', f'"scorecard": {card}, "scorecard":', 1))
    nan = tmp_path / "nan.json"
    doc = json.loads(text)
    doc["scorecard"]["total"] = float("nan")
    nan.write_text(json.dumps(doc))
    huge = tmp_path / "huge.json"
    huge.write_text(text.replace(f'"seed": {SEED}', '"seed": 18446744073709551616'))
    inf = tmp_path / "inf.json"
    inf.write_text(text.replace(f'"seed": {SEED}', '"seed": 1e999'))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    batch = [twice, nan, huge, inf, deep, honest]
    assert cli("verify", *batch) == 1
    out = verdict(capsys)
    assert "the key 'scorecard' appears twice in one object" in out
    assert "NaN is not a number JSON allows" in out
    assert "the integer 18446744073709551616 is too large" in out
    assert "the number 1e999 is out of range" in out
    assert "nested more than 64 levels deep" in out
    assert f"{honest}: intact" in out
    assert cli("import", *batch, "--db", shop.db) == 1
    out = verdict(capsys)
    assert out.count("refused") == 5 and f"{honest}: stored as run 1" in out


def test_harmless_edits_are_accepted(shop, tmp_path, capsys) -> None:
    honest = shop.played("ana")
    doc = json.loads(honest.read_text())
    reformatted = tmp_path / "reformatted.json"
    reformatted.write_text(json.dumps(doc, indent=4, sort_keys=False))
    reordered = tmp_path / "reordered.json"
    reordered.write_text(json.dumps(dict(reversed(list(doc.items()))), separators=(",", ":")))
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + honest.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("verify", reformatted, reordered, bom) == 0
    assert verdict(capsys).count("intact") == 3
    assert shop.imports(bom) == 0


# ---------------------------------------------------------------------------- the database
@pytest.fixture
def cohort_db(shop: Workshop) -> Path:
    """The facilitator's database with three imported games: Ana, Ben and Carla."""
    for who, bot in (("ana", "novice"), ("ben", "random"), ("carla", "expert")):
        if who == "carla":
            assert cli("enrol", COHORT, "carla", "--scenario", "tutorial", "--seed", SEED,
                       "--out-dir", shop.tmp / "enrolments", "--db", shop.db) == 0  # fmt: skip
        path = shop.played(who, sim=trainee_game("tutorial", SEED, bot))
        assert shop.imports(path) == 0
    return shop.db


def _sql(db: Path, *statements: str) -> None:
    with sqlite3.connect(db) as conn:  # what a trainee with write access to the file can do
        for statement in statements:
            conn.execute(statement)


EDITS = {
    "score": ("UPDATE scores SET total = 99 WHERE game_id = 2", "run 2: EDITED: a score"),
    "scorecard": (
        "UPDATE scores SET scorecard = (SELECT scorecard FROM scores WHERE game_id = 3),"
        " total = (SELECT total FROM scores WHERE game_id = 3) WHERE game_id = 2",
        "run 2: EDITED: a score",
    ),
    "copied row with its mac": (
        "UPDATE scores SET scorecard = (SELECT scorecard FROM scores WHERE game_id = 3),"
        " total = (SELECT total FROM scores WHERE game_id = 3),"
        " mac = (SELECT mac FROM scores WHERE game_id = 3) WHERE game_id = 2",
        "run 2: EDITED: a score",
    ),
    "names swapped": (
        "UPDATE games SET participant = CASE participant WHEN 'ana' THEN 'ben' ELSE 'ana' END"
        " WHERE participant IN ('ana', 'ben')",
        "run 1: EDITED: the game's row was changed",
    ),
    "moved cohort": ("UPDATE games SET cohort = 'elsewhere' WHERE id = 1", "run 1: EDITED"),
    "deleted": ("DELETE FROM games WHERE id = 2", "run 2 was deleted outside kamsim"),
    "hidden": (
        "UPDATE scores SET current = 0 WHERE game_id = 2",
        "run 2: EDITED: its current score is not its latest",
    ),
    "seal": ("UPDATE meta SET value = 'x' WHERE key = 'seal'", "seal was edited"),
    "seal removed": ("DELETE FROM meta WHERE key LIKE 'seal%'", "seal was removed"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_sqlite_edits_are_detected_everywhere(cohort_db, edit, tmp_path, capsys) -> None:
    statement, reason = EDITS[edit]
    assert cli("verify", "--db", cohort_db) == 0
    assert "intact — 3 game(s)" in verdict(capsys)
    _sql(cohort_db, "PRAGMA foreign_keys = ON", statement)
    assert cli("verify", "--db", cohort_db) == 1
    assert reason in verdict(capsys)
    assert cli("rescore", "--db", cohort_db) == 1
    assert reason.split(": ", 1)[-1].split(" outside")[0] in verdict(capsys)
    assert cli("results", "--db", cohort_db) == 0
    listing = verdict(capsys)
    assert "EDITED" in listing or "deleted" in listing or "seal was" in listing
    assert cli("results", "--db", cohort_db, "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    if edit in ("score", "scorecard", "copied row with its mac", "names swapped", "moved cohort"):
        assert any(r["integrity"].startswith("EDITED") for r in rows)
        csv_out = tmp_path / "c.csv"
        cohort = "elsewhere" if edit == "moved cohort" else COHORT
        assert cli("report", "cohort", cohort, "--csv", csv_out, "--db", cohort_db) == 0
        assert ",EDITED" in csv_out.read_text()


def test_an_edited_game_is_neither_exported_nor_sent(cohort_db, tmp_path, capsys) -> None:
    _sql(cohort_db, "UPDATE scores SET total = 99 WHERE game_id = 1")
    assert cli("export", "result", 1, "--out", tmp_path / "r.json", "--db", cohort_db) == 1
    assert "run 1 fails the database's check (EDITED: a score" in verdict(capsys)
    assert cli("export", "xapi", "--cohort", COHORT, "--out", tmp_path / "x.json",
               "--db", cohort_db) == 1  # fmt: skip
    assert "not sent: the database's check fails for run 1 (ana)" in verdict(capsys)
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "x.json").exists()


def test_rescore_no_longer_calls_an_edited_score_unchanged(cohort_db, capsys) -> None:
    _sql(cohort_db, "UPDATE scores SET total = 99 WHERE game_id = 1")
    assert cli("rescore", "--db", cohort_db) == 1
    out = verdict(capsys)
    assert "run 1 (ana): kept 99.00 — not rescored — EDITED: a score was changed" in out
    assert "2 unchanged" in out


def test_a_clean_database_verifies_and_honest_rescores_stay_sealed(cohort_db, capsys) -> None:
    assert cli("rescore", "--db", cohort_db) == 0
    assert cli("verify", "--db", cohort_db) == 0
    assert cli("results", "--db", cohort_db) == 0
    assert "EDITED" not in verdict(capsys)


def test_a_database_sealed_elsewhere_cannot_be_checked_here(cohort_db, monkeypatch, capsys):
    monkeypatch.setenv("KAMSIM_RESULT_KEY", "another-facilitator-key-0123456789")
    assert cli("verify", "--db", cohort_db) == 2
    assert "sealed with key" in verdict(capsys)


# ---------------------------------------------------------------------------- reliability
def _args(db: Path) -> Any:
    import argparse

    return argparse.Namespace(participant="ana", cohort=COHORT, db=str(db), seed=SEED)


def test_a_busy_database_keeps_the_game_and_says_how_to_record_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KAMSIM_DB_WAIT", "0.2")
    db = tmp_path / "busy.sqlite3"
    ResultsStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
    sim = trainee_game("tutorial", SEED)
    with pytest.raises(UserError) as caught:
        maybe_record(_args(db), sim, mode="ui", input_times=input_times(sim))
    message, code = str(caught.value), caught.value.exit_code
    assert code == 75
    assert "another program holds the results database" in message
    assert "not a usable" not in message
    pending = Path(message.split("kept in ")[1].split(":")[0])
    assert pending.exists() and f"kamsim record {pending} --db {db}" in message
    holder.execute("ROLLBACK")
    holder.close()
    assert cli("record", pending, "--db", db) == 0
    assert not pending.exists()
    with ResultsStore(db) as store:
        (game,) = store.games()
    assert (game.participant, game.mode, game.digest) == ("ana", "ui", sim.digest())
    assert game.input_times == input_times(sim) and game.integrity == "ok"


def test_a_seed_sqlite_cannot_hold_is_refused_before_the_game(store) -> None:
    sim = trainee_game("tutorial", SEED)
    game = dataclasses.replace(new_game(sim, "ana", COHORT), seed=2**63)
    with pytest.raises(UserError, match="seed 9223372036854775808 cannot be recorded"):
        store.add(game, score_game(sim).to_dict())
    args = _args(store.path)
    args.seed = 2**63
    with pytest.raises(UserError, match="cannot be recorded"):
        maybe_record(args, sim)


def test_a_schema_1_database_is_upgraded_and_its_old_rows_reported_unsealed(tmp_path, capsys):
    db = tmp_path / "v1.sqlite3"
    sim = trainee_game("tutorial", SEED)
    with ResultsStore(db, key=None) as old:
        record_game(old, sim, "ana", COHORT, score_game(sim))
        old._db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        for table, column in (("games", "mode"), ("games", "input_times"), ("games", "mac"),
                              ("scores", "mac")):  # fmt: skip
            old._db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # as schema 1 had it
        old._db.execute("DROP TABLE cohorts")
        old._db.execute("DROP TABLE scenarios")
    assert cli("results", "--db", db, "--json") == 0
    out = capsys.readouterr()
    assert json.loads(out.out)[0]["mode"] == "unknown"
    assert "not checked: no game in it was sealed" in out.err
    assert cli("verify", "--db", db) == 2
    with ResultsStore(db) as upgraded:
        version = upgraded._db.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone()[0] == "2"
        run = record_game(upgraded, sim, "ben", COHORT, score_game(sim), mode="ui")
        found = upgraded.check()  # sealed from now on; the old row stays flagged
    assert found.of(run) == "ok" and found.of(1).startswith("unsealed")


def test_enrolment_needs_the_facilitators_key_and_a_sound_file(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KAMSIM_RESULT_KEY")
    assert cli("enrol", COHORT, "ana", "--scenario", "tutorial", "--seed", 1,
               "--db", tmp_path / "x.sqlite3") == 2  # fmt: skip
    assert "no result key" in verdict(capsys)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "kamsim-enrolment", "format_version": 1}')
    assert cli("enrol", "--install", broken) == 1
    assert "not a usable kamsim enrolment" in verdict(capsys)
    assert cli("verify") == 2
    assert "give result FILEs to check, --db FILE, or both" in verdict(capsys)


def test_a_laptop_enrolled_again_keeps_recording_into_its_database(shop, capsys) -> None:
    shop.played("ana")
    assert cli("enrol", "paris", "ana", "--scenario", "tutorial", "--seed", 2,
               "--out-dir", shop.tmp / "paris", "--db", shop.db) == 0  # fmt: skip
    laptop_db = shop.laptop("ana")
    path = shop.tmp / "paris" / "ana.kamsim-enrol.json"
    assert cli("enrol", "--install", path) == 0
    sim = trainee_game("tutorial", 2)
    with ResultsStore(laptop_db) as store:
        record_game(store, sim, "ana", "paris", score_game(sim), mode="ui")
        assert store.check().ok and len(store.games()) == 2


def test_a_trainers_own_scenario_is_found_in_the_results_database_by_hash(shop, capsys):
    source = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
    own = shop.tmp / "trainer" / "lindmoor.yaml"
    own.parent.mkdir()
    own.write_text(source.read_text().replace("  id: tutorial\n", "  id: lindmoor\n", 1))
    assert cli("enrol", "lindmoor-1", "ana", "--scenario", own, "--seed", SEED,
               "--out-dir", shop.tmp / "l", "--db", shop.db) == 0  # fmt: skip
    own.unlink()  # the trainer's folder is gone: the database keeps the scenario
    shop.mp.setenv("KAMSIM_ENROLMENT", str(shop.tmp / "laptop-l" / "enrolment.json"))
    shop.mp.delenv("KAMSIM_RESULT_KEY")
    assert cli("enrol", "--install", shop.tmp / "l" / "ana.kamsim-enrol.json") == 0
    from kamsim.reports.games import scenario_for

    enrolled = json.loads((shop.tmp / "l" / "ana.kamsim-enrol.json").read_text())["enrolment"]
    with ResultsStore(shop.db, key=None) as fac:  # reading the facilitator's copy
        scen = scenario_for("lindmoor", enrolled["scenario_hash"], fac)
    assert scen.meta.id == "lindmoor"
    base = play(scen, SEED, "novice")
    sim = replay(scen, SEED, list(base.history)[1:], until_week=base.week)
    laptop_db = shop.tmp / "laptop-l" / "results.sqlite3"
    with ResultsStore(laptop_db) as store:
        run = record_game(store, sim, "ana", "lindmoor-1", score_game(sim), mode="ui",
                          input_times=input_times(sim))  # fmt: skip
    out = shop.tmp / "lindmoor.json"
    assert cli("export", "result", run, "--out", out, "--db", laptop_db) == 0
    shop.facilitator()
    capsys.readouterr()
    assert cli("verify", out) == 2
    assert "is not bundled, not in your scenario folders and not kept" in verdict(capsys)
    assert cli("verify", out, "--db", shop.db) == 0
    assert shop.imports(out) == 0


def test_a_second_try_on_the_same_world_is_kept_and_pointed_out(shop, capsys) -> None:
    assert shop.imports(shop.played("ana")) == 0
    again = shop.played("ana", sim=trainee_game("tutorial", SEED, "carpet-bomber"))
    capsys.readouterr()
    assert shop.imports(again) == 0
    assert "stored as run 2 (ana already has run(s) 1 in cohort berlin)" in verdict(capsys)
