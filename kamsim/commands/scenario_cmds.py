"""Trainer commands: validate scenario files, print the JSON Schema, start a new scenario."""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import resources
from pathlib import Path

from kamsim.atomic import atomic_write_text
from kamsim.errors import UserError


def register_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check scenario files and report every problem")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="scenario YAML files, bundled ids or names in your scenario folders",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail validation too")
    p.set_defaults(handler=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid, 1 when any is not; problems on stdout, one a line."""
    from kamsim.scenario.catalog import known as known_scenarios
    from kamsim.scenario.load import check_file

    failed = 0
    known = known_scenarios()
    for name in args.files:
        # A bundled id (or a scenario's name in a trainer's folder) checks that file, as every
        # other command accepts it.
        checked = check_file(name if Path(name).exists() or name not in known else known[name])
        for problem in checked.problems:
            print(problem.format())
        bad = bool(checked.errors) or (args.strict and bool(checked.warnings))
        failed += bad
        verdict = "invalid" if bad else "valid"
        counts = f"{_count(len(checked.errors), 'error')}, "
        counts += _count(len(checked.warnings), "warning")
        print(f"{name}: {verdict} ({counts})", file=sys.stderr)
    return 1 if failed else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def register_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the scenario format's JSON Schema (2020-12)")
    p.add_argument(
        "--markdown",
        action="store_true",
        help="print the field reference as Markdown tables instead (docs/scenario-authoring.md)",
    )
    p.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    """The JSON Schema for tools, or with --markdown the same format as tables for people."""
    from kamsim.scenario.reference import field_reference
    from kamsim.scenario.schema import json_schema

    if args.markdown:
        sys.stdout.write(field_reference())
        return 0
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def register_new(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help=f"write a commented starter scenario to PATH, and {SCHEMA_FILE} beside it",
    )
    p.add_argument("path", metavar="PATH", help="file to create, e.g. my-area.yaml")
    p.add_argument(
        "--force",
        action="store_true",
        help=f"overwrite PATH, and {SCHEMA_FILE} beside it, if they exist",
    )
    p.set_defaults(handler=cmd_new)


# The starter's first line points editors at this file beside it (yaml-language-server).
SCHEMA_FILE = "kamsim.schema.json"


def cmd_new(args: argparse.Namespace) -> int:
    """Write the starter, and the schema its first line names so an editor completes keys."""
    path = Path(args.path)
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name such as {path / 'my-area.yaml'}")
    if path.exists() and not args.force:
        raise UserError(f"{path} already exists; choose another name or add --force")
    if not path.parent.exists():
        raise UserError(f"folder {path.parent} does not exist")
    starter = (
        resources.files("kamsim.scenario")
        .joinpath("templates/starter.yaml")
        .read_text(encoding="utf-8")
    )
    scenario_id = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_") or "my-scenario"
    text = re.sub(r"(?m)^(  id: )\S+", rf"\g<1>{scenario_id}", starter, count=1)
    atomic_write_text(path, text)
    print(f"wrote {path}{_write_schema(path.parent / SCHEMA_FILE, args.force)}")
    print(f"edit it, then run: kamsim validate {path}")
    return 0


def _write_schema(schema_path: Path, force: bool) -> str:
    """Write the JSON Schema `kamsim schema` prints beside a new scenario; say what was done.

    An existing schema is kept unless --force: it may serve other scenarios in the folder,
    and it is the trainer's to regenerate (say after upgrading kamsim).
    """
    from kamsim.scenario.schema import json_schema

    if schema_path.exists() and not force:
        return (
            f"; kept the existing {schema_path} (add --force to rewrite it, "
            "e.g. after upgrading kamsim)"
        )
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        if schema_path.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        atomic_write_text(schema_path, text)
    except OSError as err:  # the scenario is written; the schema is a convenience
        return (
            f"; could not write {schema_path} ({err.strerror or err}): "
            f"run kamsim schema > {schema_path} for editor completion"
        )
    return f" and {schema_path}, the schema your editor uses for completion and checks"


ORDER = 10
REGISTER = [register_validate, register_schema, register_new]
