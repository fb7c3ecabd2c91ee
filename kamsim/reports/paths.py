"""Where results live: the user's data folder for the database, the config folder for the key.

`KAMSIM_DATA_DIR` and `KAMSIM_CONFIG_DIR` override the platform folders (tests, portable
workshop laptops); `--db FILE` overrides the database itself, and the config file (or
`KAMSIM_RESULT_KEY_FILE`) the key file.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from kamsim.errors import UserError

APP = "kamsim"
DB_NAME = "results.sqlite3"
KEY_NAME = "result.key"


def _folder(variable: str, default: str) -> Path:
    """The folder an environment variable names (else the platform's), never a file: a
    variable pointing at a file would otherwise surface later as "File exists" from mkdir."""
    override = os.environ.get(variable)
    folder = Path(override) if override else Path(default)
    if folder.exists() and not folder.is_dir():
        where = f"{variable} names" if override else "the user folder"
        raise UserError(f"{where} {folder}, which is a file: point it at a folder")
    return folder


def data_dir() -> Path:
    """Saves, the results database and a trainer's own scenarios live here."""
    return _folder("KAMSIM_DATA_DIR", platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    return _folder("KAMSIM_CONFIG_DIR", platformdirs.user_config_dir(APP))


def default_db() -> Path:
    """The embedded results database: `<data dir>/results.sqlite3`."""
    return data_dir() / DB_NAME


def key_file() -> Path:
    """The facilitator's signing key file: $KAMSIM_RESULT_KEY_FILE, else the config file's
    `results.key_file`, else `<config dir>/result.key` (see kamsim.config)."""
    from kamsim import config

    chosen = config.load().value("results.key_file")
    return Path(chosen).expanduser() if chosen else config_dir() / KEY_NAME
