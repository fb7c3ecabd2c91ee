"""`kamsim config path|show|init`: where the facilitator's settings file is, what each setting
is and where its value comes from, and a commented starter file.

Why a command: with four places a value can come from (flag, environment, file, default), the
facilitator needs one place that says which one won, before an export sends anything.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from kamsim.errors import UserError

ORDER = 80


def register_config(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "config",
        help="the facilitator's settings file: where it is, what is set, a starter file",
        description="Settings that must not vary between commands (the xAPI base IRI, the LRS "
        "and its credentials, the result key file, the default cohort) live in a TOML file. "
        "A flag wins over its environment variable, which wins over the file, which wins "
        "over the default.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    path = actions.add_parser("path", help="print where the config file is looked for")
    path.set_defaults(handler=cmd_config_path)
    show = actions.add_parser(
        "show", help="every setting, its effective value and where it came from"
    )
    show.add_argument("--json", action="store_true", help="print a JSON array")
    show.set_defaults(handler=cmd_config_show)
    init = actions.add_parser("init", help="write a commented starter config file")
    init.add_argument("--force", action="store_true", help="replace a config file that exists")
    init.set_defaults(handler=cmd_config_init)


def cmd_config_path(args: argparse.Namespace) -> int:
    from kamsim import config

    path = config.config_file()
    state = "exists" if path.is_file() else "does not exist yet: 'kamsim config init'"
    via = f" (from ${config.CONFIG_ENV})" if os.environ.get(config.CONFIG_ENV) else ""
    print(path)
    print(f"# {state}{via}")
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    from kamsim import config
    from kamsim.reports.paths import config_dir

    settings = config.load()
    rows: list[dict[str, Any]] = []
    for setting in config.SETTINGS:
        found = settings.get(setting.name)
        value, source = found.value, found.source
        if setting.name == "results.key_file" and value is None:
            value, source = str(config_dir() / "result.key"), "default"
        if setting.kind == "secret":
            value = None if value is None else "set"
        rows.append({"name": setting.name, "value": value, "source": source, "env": setting.env})
    if args.json:
        doc = {"file": str(settings.path), "exists": settings.exists, "settings": rows}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    print(f"config file: {settings.path} ({'read' if settings.exists else 'not found'})")
    width = max(len(r["name"]) for r in rows)
    shown = max(len(str(r["value"] or "(unset)")) for r in rows)
    for row in rows:
        value = row["value"] if row["value"] is not None else "(unset)"
        print(f"  {row['name']:{width}}  {value:{shown}}  {row['source']}")
    if os.environ.get("KAMSIM_RESULT_KEY"):
        print("  note: $KAMSIM_RESULT_KEY holds the result key itself, so no key file is read")
    password = settings.get("lrs.password")
    if password.source.startswith(f"{settings.path}:") and not config.file_is_private(
        settings.path
    ):
        print(f"  warning: other users can read {settings.path}, which holds the LRS password")
    return 0


def cmd_config_init(args: argparse.Namespace) -> int:
    from kamsim import config
    from kamsim.atomic import atomic_write_text

    path = config.config_file()
    if path.exists() and not args.force:
        raise UserError(f"{path} exists: 'kamsim config show' lists it (add --force to replace)")
    if path.is_dir():
        raise UserError(f"{path} is a folder: point ${config.CONFIG_ENV} at a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, config.STARTER)
    if os.name == "posix":
        os.chmod(path, 0o600)  # it may come to hold the LRS password
    print(f"wrote {path}: remove the '#' of the settings you need")
    return 0


REGISTER = [register_config]
