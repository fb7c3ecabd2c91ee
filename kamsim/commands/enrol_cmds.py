"""`kamsim enrol` (the facilitator issues participant keys) and `kamsim record` (store a game
kept aside while the results database was busy).

Why enrolment: a laptop that held the facilitator's key could sign anyone's game. Instead the
facilitator's machine derives one key per participant, bound to the cohort's scenario and seed
(`kamsim.reports.keys`), and hands each laptop only its own.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from kamsim.commands._args import add_force, seed
from kamsim.errors import UserError
from kamsim.reports.args import add_db_arg

EXIT_USAGE = 2


def register_enrol(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "enrol",
        help="issue participant keys for a cohort (facilitator), or install one (laptop)",
        description="On the facilitator's machine: register COHORT's scenario and seed in the "
        "results database and write one enrolment file per PARTICIPANT, holding a key derived "
        "from the facilitator's key that signs only that participant's games on that world. "
        "On a trainee's laptop: --install FILE puts the enrolment where export finds it.",
    )
    p.add_argument("cohort", metavar="COHORT", nargs="?", help="cohort id")
    p.add_argument("participants", metavar="PARTICIPANT", nargs="*", help="participant name(s)")
    p.add_argument("--scenario", metavar="SCENARIO", help="bundled scenario id or file")
    p.add_argument("--seed", type=seed, help="the cohort's world seed")
    p.add_argument("--out", metavar="FILE", help="the enrolment file (one participant)")
    add_force(p, "out")
    p.add_argument(
        "--out-dir",
        metavar="DIR",
        help="folder for the enrolment files, one per participant (default: current folder)",
    )
    p.add_argument("--install", metavar="FILE", help="laptop: install this enrolment file")
    add_db_arg(p)
    p.set_defaults(handler=cmd_enrol)


def register_record(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "record",
        help="record a finished game kept in a pending file while the database was busy",
    )
    p.add_argument("pending", metavar="FILE", help="the pending file the game's message named")
    add_db_arg(p)
    p.set_defaults(handler=cmd_record)


def file_name(participant: str) -> str:
    """A participant's enrolment file name, safe on every file system."""
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", participant).strip("._") + ".kamsim-enrol.json"


def cmd_enrol(args: argparse.Namespace) -> int:
    if args.install:
        if args.cohort or args.participants:
            raise UserError("--install FILE takes no COHORT or PARTICIPANT", EXIT_USAGE)
        return _install(args.install)
    if not args.cohort or not args.participants:
        raise UserError("give COHORT and at least one PARTICIPANT (or --install FILE)", EXIT_USAGE)
    if args.scenario is None or args.seed is None:
        raise UserError("give the cohort's world: --scenario ID --seed N", EXIT_USAGE)
    if args.out and len(args.participants) > 1:
        raise UserError("--out names one file: use --out-dir DIR for several", EXIT_USAGE)
    return _issue(args)


def _install(source: str) -> int:
    from kamsim.reports.keys import install_enrolment

    found, target = install_enrolment(source)
    print(
        f"installed {target}: {found.participant} in cohort {found.cohort}, "
        f"{found.scenario_id} seed {found.seed} (key {found.key_id})"
    )
    print(
        f"play with: kamsim play {found.scenario_id} --seed {found.seed} "
        f"--participant {found.participant!r} --cohort {found.cohort!r}"
    )
    return 0


def _issue(args: argparse.Namespace) -> int:
    import json

    from kamsim.atomic import atomic_write_text
    from kamsim.commands._games import load_or_explain
    from kamsim.reports.keys import enrol, facilitator_key
    from kamsim.reports.store import check_seed, open_store, utc_now
    from kamsim.scenario.catalog import resolve
    from kamsim.scenario.load import scenario_hash

    key = facilitator_key(required=True)
    assert key is not None
    check_seed(args.seed)
    names = [file_name(p.strip()) for p in args.participants]
    if len(set(names)) != len(names):
        raise UserError("two participants would share an enrolment file name: use --out", 2)
    cohort = args.cohort.strip()
    if not cohort:
        raise UserError("the cohort id cannot be empty", EXIT_USAGE)
    path = resolve(args.scenario)
    scenario = load_or_explain(args.scenario)
    digest = scenario_hash(scenario)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise UserError(f"{path}: cannot read the scenario ({err.strerror})") from None
    with open_store(args.db) as store:
        new = store.enrol_cohort(cohort, scenario.meta.id, digest, args.seed, text)
    print(
        f"cohort {cohort}: {'enrolled' if new else 'already enrolled'} on {scenario.meta.id} "
        f"seed {args.seed} (hash {digest[:12]}…)"
    )
    folder = Path(args.out_dir) if args.out_dir else Path(".")
    now = utc_now()
    for name in args.participants:
        participant = name.strip()
        if not participant:
            raise UserError("a participant name cannot be empty", EXIT_USAGE)
        issued = enrol(key, cohort, participant, scenario.meta.id, digest, args.seed, now)
        out = Path(args.out) if args.out else folder / file_name(participant)
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(out, json.dumps(issued.document(), sort_keys=True, indent=1) + "\n")
        os.chmod(out, 0o600)  # it holds a signing key
        print(f"wrote {out}: {participant} (key {issued.key_id}); on the laptop: "
              f"kamsim enrol --install {out.name}")  # fmt: skip
    print(
        "each enrolment file holds that participant's signing key: hand it to them only",
        file=sys.stderr,
    )
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from kamsim.reports.recording import record_pending

    run = record_pending(args.pending, args.db)
    print(f"recorded {args.pending} as run {run}")
    return 0


ORDER = 55
REGISTER = [register_enrol, register_record]
