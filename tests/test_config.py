"""The facilitator's config file: found where `kamsim config path` says, every problem a clear
message naming the file, line and key, precedence flag > environment > file > default, the
password never shown, and the settings reaching the commands that use them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kamsim import config
from kamsim.cli import main

KEY = "facilitator-key-0123456789abcdef"
ENV = ("KAMSIM_CONFIG", "KAMSIM_RESULT_KEY", *(s.env for s in config.SETTINGS))


def cli(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMSIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAMSIM_CONFIG_DIR", str(tmp_path / "config"))
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def conf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """write(text) → the path of a config file that $KAMSIM_CONFIG then names."""
    path = tmp_path / "kamsim.toml"

    def write(text: str) -> Path:
        monkeypatch.setenv("KAMSIM_CONFIG", str(path))
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        return path

    return write


def _error(capsys, *argv: object) -> str:
    assert cli(*argv) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


def test_no_file_means_the_defaults(tmp_path, capsys) -> None:
    assert cli("config", "path") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == str(tmp_path / "config" / "config.toml")
    assert "does not exist yet" in out
    loaded = config.load()
    assert not loaded.exists and loaded.values == {}
    assert loaded.get("xapi.base_iri") == config.Value(config.DEFAULT_BASE_IRI, "default")
    assert loaded.get("lrs.endpoint") == config.Value(None, "unset")


def test_kamsim_config_names_the_file_and_a_missing_one_is_an_error(conf, capsys) -> None:
    path = conf("")
    path.unlink()
    assert cli("config", "path") == 0
    assert capsys.readouterr().out.startswith(f"{path}\n")
    err = _error(capsys, "config", "show")
    assert f"{path}: no such config file ($KAMSIM_CONFIG names it" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[xapi]\nbase_iri = "https://a.example/x\n', r":  not valid TOML: line 2, column \d+"),
        ("[xapi]\nbase_iri = https://a.example\n", r": not valid TOML: line 2, column 12"),
        ('[lrs]\nendpoint = "http://l.example"\nusr = "me"\n', r":3: unknown key 'lrs.usr'"),
        ('[lrs]\n[results]\n\n[xapi2]\nx = "y"\n', r":4: unknown section \[xapi2\]"),
        ("[results]\ncohort = 2027\n", r":2: 'results.cohort' must be a string in quotes, not a"),
        ('lrs = "x"\n', r":1: 'lrs' must be a \[lrs\] table"),
        ('[xapi]\n\nbase_iri = "lms.example.org"\n', r":3: 'xapi.base_iri' must be an http"),
        ('[lrs]\nuser = "  "\n', r":2: 'lrs.user' is empty"),
        ('[lrs]\nendpoint.x = "http://l.example"\n', r":2: 'lrs.endpoint' must be a string"),
    ],
)
def test_a_bad_file_is_a_clear_message(conf, capsys, text: str, expected: str) -> None:
    path = conf(text)
    err = _error(capsys, "config", "show")
    assert re.search(re.escape(f"kamsim: {path}") + expected.replace(":  ", ": "), err), err


def test_a_file_that_is_not_utf8_names_its_line(conf, capsys) -> None:
    path = conf("")
    path.write_bytes(b'[results]\ncohort = "Z\xf6e"\n')
    assert f"{path}:2: the config file is not UTF-8 text" in _error(capsys, "config", "show")


def test_precedence_is_flag_environment_file_default(conf, monkeypatch) -> None:
    path = conf('# settings\n[xapi]\nbase_iri = "https://file.example/x"\n')
    loaded = config.load()
    assert loaded.get("xapi.base_iri") == config.Value("https://file.example/x", f"{path}:3")
    monkeypatch.setenv("KAMSIM_XAPI_BASE_IRI", "https://env.example/x")
    assert config.load().get("xapi.base_iri").source == "$KAMSIM_XAPI_BASE_IRI"
    flagged = config.load().get("xapi.base_iri", "https://flag.example/x", "--base-iri")
    assert flagged == config.Value("https://flag.example/x", "--base-iri")
    monkeypatch.setenv("KAMSIM_XAPI_BASE_IRI", "not an iri")
    with pytest.raises(config.UserError, match=r"\$KAMSIM_XAPI_BASE_IRI must be an http"):
        config.load().get("xapi.base_iri")


def test_show_says_where_each_value_comes_from_and_never_the_password(
    conf, monkeypatch, capsys
) -> None:
    path = conf('[lrs]\nuser = "key1"\npassword = "hunter2-secret"\n')
    monkeypatch.setenv("KAMSIM_LRS", "https://lrs.example.org/xapi")
    assert cli("config", "show") == 0
    out = capsys.readouterr().out
    assert "hunter2" not in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:] if line[:2] == "  "}
    assert rows["lrs.password"] == ["set", f"{path}:3"]
    assert rows["lrs.user"] == ["key1", f"{path}:2"]
    assert rows["lrs.endpoint"] == ["https://lrs.example.org/xapi", "$KAMSIM_LRS"]
    assert rows["xapi.base_iri"] == [config.DEFAULT_BASE_IRI, "default"]
    assert cli("config", "show", "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert "hunter2" not in json.dumps(doc)
    by_name = {row["name"]: row for row in doc["settings"]}
    assert by_name["lrs.password"]["value"] == "set"
    path.chmod(0o644)
    assert cli("config", "show") == 0
    assert "other users can read" in capsys.readouterr().out


def test_init_writes_a_private_starter_that_parses(tmp_path, capsys) -> None:
    assert cli("config", "init") == 0
    path = tmp_path / "config" / "config.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    assert config.load().values == {}  # everything commented out
    assert cli("config", "init") == 1
    assert "exists" in capsys.readouterr().err
    assert cli("config", "init", "--force") == 0
    # Every setting the starter shows, uncommented, is a known key of the right type.
    uncommented = re.sub(r"(?m)^# (\w+ = )", r"\1", config.STARTER)
    path.write_text(uncommented)
    assert set(config.load().values) == {s.name for s in config.SETTINGS}


def test_the_key_file_comes_from_the_config(conf, tmp_path, monkeypatch) -> None:
    from kamsim.reports.keys import facilitator_key
    from kamsim.reports.paths import key_file

    assert key_file() == tmp_path / "config" / "result.key"  # unchanged without a file
    conf('[results]\nkey_file = "keys/workshop.key"\n')
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "workshop.key").write_text(KEY + "\n")
    assert key_file() == (tmp_path / "keys" / "workshop.key").resolve()  # beside the file
    assert facilitator_key() == KEY.encode()
    other = tmp_path / "other.key"
    other.write_text("x" * 32)
    monkeypatch.setenv("KAMSIM_RESULT_KEY_FILE", str(other))
    assert facilitator_key() == b"x" * 32
    monkeypatch.setenv("KAMSIM_RESULT_KEY", "y" * 32)  # the key itself still wins
    assert facilitator_key() == b"y" * 32


def test_commands_use_the_default_cohort_and_base_iri(conf, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KAMSIM_RESULT_KEY", KEY)
    db = tmp_path / "results.sqlite3"
    argv = ("run", "tutorial", "--bot", "novice", "--participant", "ana", "--cohort", "B 1")
    assert cli(*argv, "--db", db) == 0
    out = tmp_path / "x.json"
    assert cli("export", "xapi", "--out", out, "--db", db) == 2  # no cohort anywhere
    assert "results.cohort" in capsys.readouterr().err
    conf('[xapi]\nbase_iri = "https://lms.example.org/k"\n[results]\ncohort = "B 1"\n')
    assert cli("export", "xapi", "--out", out, "--db", db) == 0
    statements = json.loads(out.read_text())
    assert statements[0]["object"]["id"].startswith("https://lms.example.org/k/")
    assert {s["context"]["registration"] for s in statements}  # the cohort's one game
    csv = tmp_path / "cohort.csv"
    assert cli("report", "cohort", "--csv", csv, "--db", db) == 0
    assert "ana" in csv.read_text()
    # An explicit cohort still wins over the file's.
    assert cli("export", "xapi", "--cohort", "nobody", "--out", out, "--force", "--db", db) == 1
    assert "no stored games in cohort 'nobody'" in capsys.readouterr().err


def test_without_a_file_nothing_changes_for_the_commands(tmp_path, capsys) -> None:
    """No config file: export still needs a selector and a destination, as before."""
    db = tmp_path / "none.sqlite3"
    assert cli("export", "xapi", "--out", "x.json", "--db", db) == 2
    assert "give either RUN or --cohort ID" in capsys.readouterr().err
    assert cli("export", "xapi", "1", "--db", db) == 2
    assert "give --out FILE, --lrs URL or both" in capsys.readouterr().err
