"""The facilitator's settings that must not vary between commands, in one TOML file.

Why a file: the xAPI base IRI, the LRS endpoint and the result key file are the same for every
command of a workshop; typed on each command line, one forgotten `--base-iri` used to split a
trainee into two identities in the LRS. A setting comes from, in this order,

    a command-line flag  >  its environment variable  >  the config file  >  the default

The file is `config.toml` in the platform's config folder (platformdirs; `KAMSIM_CONFIG_DIR`
moves that folder), or the file `$KAMSIM_CONFIG` names. It is read with `tomllib`; a syntax
error, an unknown section or key, or a value of the wrong type is a UserError naming the file,
the line (and column, where tomllib gives one) and the key, never a traceback. A missing file
at the default place means "no settings"; a missing file that `$KAMSIM_CONFIG` names is an
error (a typo there should not silently fall back to the defaults).

Credentials: the LRS password comes from `$KAMSIM_LRS_PASSWORD` or the file, never from the
command line (a command line shows in `ps` and in the shell's history). Nothing here ever
prints it: `kamsim config show` says only whether it is set.

The file is read only by the commands that use a setting (and where the result key file is
looked for), so a broken file never stops a trainee's `kamsim play` from starting.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim.errors import UserError

CONFIG_ENV = "KAMSIM_CONFIG"
FILE_NAME = "config.toml"
DEFAULT_BASE_IRI = "https://kamsim.example/xapi"


@dataclass(frozen=True)
class Setting:
    """One setting: where it lives in the file, its variable, and what it is for."""

    name: str  # "section.key"
    env: str
    help: str
    default: str | None = None
    kind: str = "text"  # "text", "iri" (http(s), no spaces), "path" or "secret"

    @property
    def section(self) -> str:
        return self.name.partition(".")[0]

    @property
    def key(self) -> str:
        return self.name.partition(".")[2]


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "xapi.base_iri",
        "KAMSIM_XAPI_BASE_IRI",
        "base of the activity IRIs in xAPI statements (--base-iri)",
        DEFAULT_BASE_IRI,
        "iri",
    ),
    Setting("lrs.endpoint", "KAMSIM_LRS", "the LRS's xAPI endpoint (--lrs)", kind="iri"),
    Setting("lrs.user", "KAMSIM_LRS_USER", "the LRS key or user name (--lrs-user)"),
    Setting(
        "lrs.password",
        "KAMSIM_LRS_PASSWORD",
        "the LRS secret (never on the command line)",
        kind="secret",
    ),
    Setting(
        "results.key_file",
        "KAMSIM_RESULT_KEY_FILE",
        "the facilitator's result key file ($KAMSIM_RESULT_KEY, the key itself, wins)",
        kind="path",
    ),
    Setting(
        "results.cohort",
        "KAMSIM_COHORT",
        "the cohort `export xapi` and `report cohort` use when none is given",
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}
SECTIONS = sorted({s.section for s in SETTINGS})


@dataclass(frozen=True)
class Value:
    """A setting's effective value and where it came from (for `kamsim config show`)."""

    value: str | None
    source: str  # "--flag", "$VARIABLE", "FILE:LINE", "default" or "unset"


@dataclass(frozen=True)
class Config:
    """The file's settings (only those it sets) and the line each is on."""

    path: Path
    exists: bool
    values: dict[str, str]
    lines: dict[str, int]

    def get(self, name: str, flag: str | None = None, flag_name: str | None = None) -> Value:
        """The effective value of a setting: flag > environment > file > default."""
        setting = BY_NAME[name]
        if flag is not None and flag != "":
            return Value(flag, flag_name or "command line")
        env = os.environ.get(setting.env)
        if env:
            return Value(check_value(setting, env, f"${setting.env}"), f"${setting.env}")
        if name in self.values:
            return Value(self.values[name], f"{self.path}:{self.lines.get(name, 1)}")
        if setting.default is not None:
            return Value(setting.default, "default")
        return Value(None, "unset")

    def value(self, name: str, flag: str | None = None, flag_name: str | None = None) -> Any:
        return self.get(name, flag, flag_name).value


def config_file() -> Path:
    """Where the config file is looked for: $KAMSIM_CONFIG, else the config folder's file."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from kamsim.reports.paths import config_dir

    return config_dir() / FILE_NAME


def load(path: Path | None = None) -> Config:
    """The config file checked key by key; no file at the default place is an empty config."""
    explicit = path is not None or bool(os.environ.get(CONFIG_ENV))
    path = path or config_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise UserError(
                f"{path}: no such config file (${CONFIG_ENV} names it; create it with "
                "'kamsim config init' or unset the variable)"
            ) from None
        return Config(path, False, {}, {})
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a config file") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read the config file ({err.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: the config file is not UTF-8 text") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise UserError(f"{path}: not valid TOML: {_where(err)}") from None
    return _checked(path, text, doc)


def _where(err: tomllib.TOMLDecodeError) -> str:
    """tomllib's message, which ends in "(at line L, column C)", as "line L, column C: …"."""
    message = str(err)
    found = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if not found:
        return message
    return f"line {found[1]}, column {found[2]}: {message[: found.start()].strip()}"


def _checked(path: Path, text: str, doc: dict[str, Any]) -> Config:
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for section, body in doc.items():
        if section not in SECTIONS:
            line = _line_of(text, section, None)
            raise UserError(
                f"{path}:{line}: unknown section [{section}] "
                f"(known: {', '.join(f'[{s}]' for s in SECTIONS)})"
            )
        if not isinstance(body, dict):
            line = _line_of(text, None, section)
            raise UserError(f"{path}:{line}: '{section}' must be a [{section}] table")
        for key, value in body.items():
            name = f"{section}.{key}"
            line = _line_of(text, section, key)
            if name not in BY_NAME:
                known = ", ".join(s.key for s in SETTINGS if s.section == section)
                raise UserError(
                    f"{path}:{line}: unknown key '{name}' (known in [{section}]: {known})"
                )
            if not isinstance(value, str):
                raise UserError(
                    f"{path}:{line}: '{name}' must be a string in quotes, not {_toml_type(value)}"
                )
            setting = BY_NAME[name]
            where = f"{path}:{line}: '{name}'"
            value = check_value(setting, value, where)
            if setting.kind == "path":
                value = str((path.parent / Path(value).expanduser()).resolve())
            values[name], lines[name] = value, line
    return Config(path, True, values, lines)


def check_value(setting: Setting, value: str, where: str, exit_code: int = 1) -> str:
    """A value from a flag, the environment or the file, checked alike wherever it came from."""
    if setting.kind == "secret":
        if not value:
            raise UserError(f"{where} is empty", exit_code)
        return value
    value = value.strip()
    if not value:
        raise UserError(f"{where} is empty", exit_code)
    if setting.kind == "iri" and (
        not value.startswith(("http://", "https://")) or any(c.isspace() for c in value)
    ):
        raise UserError(f"{where} must be an http(s) IRI without spaces, not {value!r}", exit_code)
    return value


def _toml_type(value: Any) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), f"a {type(value).__name__}")


def _line_of(text: str, section: str | None, key: str | None) -> int:
    """The line a section header or a key is on. tomllib gives no positions for a document it
    parsed, so this scans for `[section]` and then `key =` (dotted `section.key =` too); the
    first line when neither is found."""
    current = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header[1].strip("\"'")
            if key is None and current == section:
                return number
            continue
        found = re.match(r"^([A-Za-z0-9_.\"' -]+?)\s*=", line)
        if not found or key is None:
            continue
        parts = [p.strip().strip("\"'") for p in found[1].split(".")]
        if section is None and current is None and parts[:1] == [key]:
            return number
        if current == section and parts[:1] == [key]:
            return number
        if current is None and parts[:2] == [section, key]:
            return number
    return 1


def file_is_private(path: Path) -> bool:
    """Whether only the owner can read the file (always true where modes mean nothing)."""
    if os.name != "posix":
        return True
    try:
        return not path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    except OSError:
        return True


STARTER = """\
# kamsim's facilitator settings ('kamsim config show' lists where each value comes from).
# Precedence: a command-line flag, then its environment variable, then this file, then the
# default. Remove the '#' of the lines you need; strings go in double quotes.

[xapi]
# The base of activity IRIs in exported statements. Choose it once, before the first export
# to an LRS: statements already stored keep the IRIs they were sent with.
# base_iri = "https://lms.example.org/xapi/kamsim"

[lrs]
# endpoint = "https://lrs.example.org/xapi"
# user = "the LRS key"
# password = "the LRS secret"   # or $KAMSIM_LRS_PASSWORD; keep this file private (chmod 600)

[results]
# key_file = "result.key"       # relative to this file's folder
# cohort = "Berlin 2027/03"     # used by 'export xapi' and 'report cohort' when none is given
"""
