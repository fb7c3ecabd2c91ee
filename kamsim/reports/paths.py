"""Where results live: the user's data folder for the database, the config folder for the key.

`KAMSIM_DATA_DIR` and `KAMSIM_CONFIG_DIR` override the platform folders (tests, portable
workshop laptops); `--db FILE` overrides the database itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "kamsim"
DB_NAME = "results.sqlite3"
KEY_NAME = "result.key"


def data_dir() -> Path:
    override = os.environ.get("KAMSIM_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    override = os.environ.get("KAMSIM_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP))


def default_db() -> Path:
    """The embedded results database: `<data dir>/results.sqlite3`."""
    return data_dir() / DB_NAME


def key_file() -> Path:
    """The facilitator's signing key file: `<config dir>/result.key`."""
    return config_dir() / KEY_NAME
