"""Results and reports: `results`, `rescore`, `export`, `import`, `verify`, `report`.

RUN, wherever a command takes one, is the run id `kamsim results` lists (an integer, local to
one database) or the game's uid (32 hex digits, or a unique prefix of 6 or more), which stays
the same when a game moves to another database by export and import.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamsim.atomic import atomic_write_text
from kamsim.commands._args import add_force
from kamsim.errors import UserError
from kamsim.progress import add_quiet_arg, echo, track
from kamsim.reports.args import add_db_arg

if TYPE_CHECKING:
    from kamsim.config import Config
    from kamsim.reports.lrs import Lrs
    from kamsim.reports.store import ResultsStore

EXIT_TAMPERED = 1
EXIT_LRS_INCOMPLETE = 5  # export xapi: the LRS did not take every statement (a re-run is safe)


# ---------------------------------------------------------------------------- results


def open_store(db: str | None, *, create: bool = True) -> ResultsStore:
    """The results store, imported when a command uses it: the store pulls in the sealing and
    key code, which `kamsim --help` and every other command's start-up do not need."""
    from kamsim.reports.store import open_store as opened

    return opened(db, create=create)


def register_results(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("results", help="list the games stored in the results database")
    p.add_argument("--cohort", metavar="ID", help="only this cohort")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    add_db_arg(p)
    p.set_defaults(handler=cmd_results)


def cmd_results(args: argparse.Namespace) -> int:
    with open_store(args.db, create=False) as store:
        stored = store.games(args.cohort)
        unlisted = _unlisted_problems(store, {g.id for g in stored})
    for line in unlisted:
        print(f"kamsim: WARNING: {line}", file=sys.stderr)
    if args.json:
        print(json.dumps([g.summary() for g in stored], indent=2, ensure_ascii=False))
        return 0
    if not stored:
        where = f" in cohort '{args.cohort}'" if args.cohort else ""
        print(f"no stored games{where}")
        return 0
    print(
        f"{'run':>4}  {'uid':8}  {'participant':24} {'cohort':14} {'scenario':10} "
        f"{'seed':>5} {'total':>6}  rubric  played                mode        check"
    )
    for g in stored:
        print(
            f"{g.id:>4}  {g.uid[:8]}  {g.participant[:24]:24} {g.cohort[:14]:14} "
            f"{g.scenario_id[:10]:10} {g.seed:>5} {g.total:6.1f}  {g.rubric_version:6}  "
            f"{g.played_at}  {g.mode:10}  {g.integrity}"
        )
    return 0


def _unlisted_problems(store: ResultsStore, listed: set[int]) -> list[str]:
    """What the integrity check found that the listed rows cannot show: deleted or hidden
    games, an edited seal, and edited games outside the listed cohort (moving a game to
    another cohort is one way of hiding it)."""
    found = store.check()
    if not found.checked:
        return [f"the database's integrity was not checked: {found.reason}"]
    lines = list(found.store)
    lines += [
        f"run {gid}: {'; '.join(problems)}"
        for gid, problems in sorted(found.games.items())
        if problems and gid not in listed
    ]
    return lines


# ---------------------------------------------------------------------------- rescore
def register_rescore(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rescore", help="recompute stored scores from the logs with the current rubric"
    )
    p.add_argument("--cohort", metavar="ID", help="only this cohort")
    add_db_arg(p)
    add_quiet_arg(p)
    p.set_defaults(handler=cmd_rescore)


def cmd_rescore(args: argparse.Namespace) -> int:
    from kamsim.reports.recording import rescore_games

    with open_store(args.db, create=False) as store:
        done = rescore_games(store, args.cohort, quiet=args.quiet)
        unlisted = _unlisted_problems(store, {r.game.id for r in done})
    changed = problems = 0
    for line in unlisted:  # deleted or hidden games, an edited seal: nothing to rescore
        problems += 1
        print(f"database: {line}")
    for r in done:
        g = r.game
        if r.problem:
            problems += 1
            print(f"run {g.id} ({g.participant}): kept {g.total:.2f} — {r.problem}")
        elif r.changed:
            changed += 1
            print(
                f"run {g.id} ({g.participant}): {g.total:.2f} (rubric {g.rubric_version}) → "
                f"{r.total:.2f} (rubric {r.rubric_version})"
            )
    unchanged = len(done) - changed - sum(1 for r in done if r.problem)
    print(
        f"{len(done)} game(s): {changed} rescored, {unchanged} "
        f"unchanged, {problems} could not be replayed or failed the integrity check"
    )
    return 1 if problems else 0


# ---------------------------------------------------------------------------- export
def register_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export a signed result file or xAPI statements")
    kinds = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = kinds.add_parser("result", help="a signed result file for offline import")
    r.add_argument("run", metavar="RUN", help="run id or uid (see 'kamsim results')")
    r.add_argument("--out", metavar="FILE", required=True, help="where to write it")
    add_force(r, "out")
    add_db_arg(r)
    r.set_defaults(handler=cmd_export_result)
    x = kinds.add_parser(
        "xapi",
        help="xAPI 1.0.3 statements (JSON array), optionally to an LRS",
        description="Statements of one game or a cohort, to a file and/or an LRS. Statement "
        "ids and actors never depend on a flag, so exporting again stores nothing twice. "
        "Settings that must not vary between exports (base IRI, LRS, credentials, default "
        "cohort) belong in the config file: see 'kamsim config show'.",
    )
    x.add_argument("run", metavar="RUN", nargs="?", help="one game (run id or uid)")
    x.add_argument(
        "--cohort",
        metavar="ID",
        help="every game of a cohort instead of one RUN (default: results.cohort in the "
        "config file or $KAMSIM_COHORT)",
    )
    x.add_argument("--out", metavar="FILE", help="write the statements here")
    add_force(x, "out")
    x.add_argument(
        "--base-iri",
        metavar="IRI",
        help="base of activity IRIs (default: $KAMSIM_XAPI_BASE_IRI, xapi.base_iri in the "
        "config file, else https://kamsim.example/xapi)",
    )
    x.add_argument(
        "--lrs",
        metavar="URL",
        help="also POST them to this LRS endpoint (without --out or --lrs: $KAMSIM_LRS or "
        "lrs.endpoint in the config file)",
    )
    x.add_argument(
        "--lrs-user",
        metavar="USER",
        help="LRS key (default: $KAMSIM_LRS_USER or the config file; the secret comes from "
        "$KAMSIM_LRS_PASSWORD or the config file)",
    )
    # Accepted so old scripts keep working, but not shown: a secret on a command line is
    # visible to every user of the machine (ps) and stays in the shell's history.
    x.add_argument("--lrs-password", metavar="SECRET", help=argparse.SUPPRESS)
    add_db_arg(x)
    add_quiet_arg(x)
    x.set_defaults(handler=cmd_export_xapi)


def cmd_export_result(args: argparse.Namespace) -> int:
    from kamsim.reports.signing import signing_key, write_result

    signer = signing_key()
    with open_store(args.db, create=False) as store:
        game = store.get(args.run)
    if "EDITED" in game.integrity:  # signing it would vouch for the edit
        raise UserError(
            f"run {game.id} fails the database's check ({game.integrity}): not exported"
        )
    write_result(game, args.out, signer)
    whose = (
        "with the participant key" if signer.kind == "participant" else "with the facilitator key"
    )
    print(
        f"wrote {args.out}: run {game.id} of {game.participant} ({game.scenario_id}, "
        f"seed {game.seed}, total {game.total:.2f}), signed {whose}"
    )
    e = signer.enrolment
    if e is not None and (game.participant, game.cohort, game.scenario_hash, game.seed) != (
        e.participant,
        e.cohort,
        e.scenario_hash,
        e.seed,
    ):
        print(
            f"kamsim: WARNING: this laptop is enrolled as {e.participant!r} in {e.cohort!r} on "
            f"{e.scenario_id} seed {e.seed}; the facilitator's import will refuse this game",
            file=sys.stderr,
        )
    return 0


def cmd_export_xapi(args: argparse.Namespace) -> int:
    from kamsim import config
    from kamsim.reports import games, lrs, xapi

    settings = config.load()
    if args.run is not None and args.cohort is not None:
        raise UserError("give either RUN or --cohort ID", 2)
    cohort = None if args.run is not None else settings.value("results.cohort", args.cohort)
    if args.run is None and cohort is None:
        raise UserError("give either RUN or --cohort ID (or set results.cohort in the config "
                        "file: 'kamsim config show')", 2)  # fmt: skip
    if args.base_iri is not None:
        config.check_value(config.BY_NAME["xapi.base_iri"], args.base_iri, "--base-iri", 2)
    base = settings.value("xapi.base_iri", args.base_iri)
    endpoint = args.lrs or (None if args.out else settings.value("lrs.endpoint"))
    if not args.out and not endpoint:
        raise UserError("give --out FILE, --lrs URL or both (or set lrs.endpoint in the "
                        "config file)", 2)  # fmt: skip
    hand_off = _lrs_of(args, settings, endpoint) if endpoint else None  # fails before work
    with open_store(args.db, create=False) as store:
        chosen = [store.get(args.run)] if args.run else store.games(cohort)
        if not chosen:
            raise UserError(f"no stored games in cohort '{cohort}'")
        edited = [g for g in chosen if "EDITED" in g.integrity]
        if edited:  # an LMS would keep the edited scores as the record
            names = "; ".join(f"run {g.id} ({g.participant}): {g.integrity}" for g in edited)
            raise UserError(f"not sent: the database's check fails for {names}")
        statements: list[dict[str, Any]] = []
        what: dict[str, str] = {}  # statement id → which game's which verb, for failures
        for g in track(chosen, "xAPI: replaying", quiet=args.quiet):
            for s in xapi.game_statements(g, games.replay_stored(g, store), base):
                statements.append(s)
                what[s["id"]] = f"{s['verb']['display']['en-US']}, {g.participant}, run {g.id}"
    if args.out:
        atomic_write_text(args.out, json.dumps(statements, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {len(statements)} statement(s) of {len(chosen)} game(s) to {args.out}")
    if hand_off is None:
        return 0
    done = hand_off.send(statements)
    if done.stopped:
        print(f"kamsim: {done.stopped}; what went in before stays there, and a re-run sends "
              "only the rest", file=sys.stderr)  # fmt: skip
    for line in lrs.describe_failures(done.failed, what):
        print(f"kamsim: {line}", file=sys.stderr)
    if any(why.startswith(lrs.CONFLICT) for _, why in done.failed):
        print("kamsim: a statement's id comes from its game alone, so a different statement "
              "under it was exported before with other content, most often another base IRI: "
              "keep the base IRI the LRS already has (xapi.base_iri in the config file), or "
              "void those statements in the LRS", file=sys.stderr)  # fmt: skip
    retries = f", {done.retries} retried" if done.retries else ""
    print(
        f"sent {len(statements)} statement(s) of {len(chosen)} game(s) to "
        f"{hand_off.endpoint} in {done.requests} request(s){retries}"
    )
    print(done.summary())  # the last line: N stored, M already there, K failed
    return EXIT_LRS_INCOMPLETE if done.failed else 0


def _lrs_of(args: argparse.Namespace, settings: Config, endpoint: str) -> Lrs:
    """The LRS with its credentials: the user from the flag, the environment or the file; the
    password from the environment or the file (the hidden --lrs-password only for old
    scripts, with a warning)."""
    from kamsim.reports import lrs

    auth, warning = lrs.credentials(settings, args.lrs_user, args.lrs_password)
    if args.lrs_password:
        print("kamsim: WARNING: --lrs-password shows the secret to other users of this "
              "machine and keeps it in the shell's history; use $KAMSIM_LRS_PASSWORD or the "
              "config file", file=sys.stderr)  # fmt: skip
    if warning:
        print(f"kamsim: WARNING: {warning}", file=sys.stderr)
    return lrs.Lrs(endpoint, auth)


# ---------------------------------------------------------------------------- import / verify
def register_import(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="check, replay, rescore and store signed result files")
    p.add_argument("files", metavar="FILE", nargs="+", help="result files from 'export result'")
    add_db_arg(p)
    add_quiet_arg(p)
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from kamsim.reports.signing import result_key
    from kamsim.reports.store import DatabaseBusy
    from kamsim.reports.transfer import Imported, import_file

    key = result_key()
    refused = 0
    with open_store(args.db) as store:
        for path in track(args.files, "importing", quiet=args.quiet, unit="file"):
            try:
                done = import_file(store, path, key)
            except DatabaseBusy:
                raise
            except Exception as err:  # one bad file never stops the batch
                done = Imported(Path(path), "refused", message=_unexpected(err))
            if done.status == "refused":
                refused += 1
                echo(f"{path}: refused — {done.message}", sys.stderr)
            else:
                note = f" ({done.message})" if done.message else ""
                echo(f"{path}: {done.status} as run {done.run}{note}")
    return EXIT_TAMPERED if refused else 0


def _unexpected(err: BaseException) -> str:
    if isinstance(err, UserError):
        return str(err)
    return f"could not be checked ({type(err).__name__}: {err})"


def register_verify(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="check signed result files (and with --db the results database): exit 0 intact, "
        "1 edited or not an assessment, 2 cannot check",
    )
    p.add_argument("files", metavar="FILE", nargs="*", help="result files from 'export result'")
    p.add_argument(
        "--db",
        metavar="FILE",
        help="also check this results database row by row (and check files against its "
        "enrolled cohorts)",
    )
    p.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    from kamsim.reports.signing import EXIT_CANNOT_CHECK, result_key

    if not args.files and not args.db:
        raise UserError("give result FILEs to check, --db FILE, or both", 2)
    key = result_key()
    if args.db is None:
        return _verify_files(args.files, key, None)
    with open_store(args.db, create=False) as store:
        found = store.check()
        worst = 0
        if not found.checked:
            print(f"{store.path}: cannot check — {found.reason}", file=sys.stderr)
            worst = EXIT_CANNOT_CHECK
        elif found.ok:
            count = len(store.games())
            print(f"{store.path}: intact — {count} game(s), every row sealed and unchanged")
        else:
            for line in found.problems():
                print(f"{store.path}: {line}")
            worst = EXIT_TAMPERED
        return max(worst, _verify_files(args.files, key, store))


def _verify_files(files: list[str], key: bytes, store: ResultsStore | None) -> int:
    from kamsim.reports.assessment import assess
    from kamsim.reports.signing import EXIT_CANNOT_CHECK, NotAnAssessment, Tampered, audit

    worst = 0
    for path in files:
        try:
            checked = audit(path, key, store=store)
            notes = assess(checked, store)
        except NotAnAssessment as err:
            print(f"{path}: intact but NOT AN ASSESSMENT — {err}")
            worst = max(worst, EXIT_TAMPERED)
            continue
        except Tampered as err:
            print(f"{path}: EDITED — {err}")
            worst = max(worst, EXIT_TAMPERED)
            continue
        except UserError as err:
            print(f"{path}: cannot check — {str(err).removeprefix(f'{path}: ')}", file=sys.stderr)
            worst = max(worst, EXIT_CANNOT_CHECK)
            continue
        except Exception as err:  # one bad file never stops the batch
            print(f"{path}: cannot check — {_unexpected(err)}", file=sys.stderr)
            worst = max(worst, EXIT_CANNOT_CHECK)
            continue
        g, card = checked.game, checked.recomputed
        note = f"; {'; '.join(notes)}" if notes else ""
        print(
            f"{path}: intact — {g['participant']}, {g['scenario_id']} seed {g['seed']}, "
            f"total {card['total']:.2f} (rubric {card['rubric_version']}){note}"
        )
    return worst


# ---------------------------------------------------------------------------- report
def register_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="HTML debriefs and cohort reports (and CSV)")
    kinds = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    i = kinds.add_parser("individual", help="a trainee's standalone HTML debrief")
    i.add_argument("run", metavar="RUN", help="run id or uid (see 'kamsim results')")
    i.add_argument("--html", metavar="OUT", required=True, help="where to write the page")
    add_force(i, "html")
    i.add_argument("--no-expert", action="store_true", help="skip the expert bot's game")
    add_db_arg(i)
    i.set_defaults(handler=cmd_report_individual)
    c = kinds.add_parser("cohort", help="the facilitator's cohort report")
    c.add_argument(
        "cohort",
        metavar="ID",
        nargs="?",
        help="cohort id (default: results.cohort, see 'kamsim config show')",
    )
    c.add_argument("--html", metavar="OUT", help="write the HTML report here")
    c.add_argument("--csv", metavar="OUT", help="write one CSV row per game here")
    add_force(c, "html", "csv")
    add_db_arg(c)
    add_quiet_arg(c)
    c.set_defaults(handler=cmd_report_cohort)


def cmd_report_individual(args: argparse.Namespace) -> int:
    from kamsim.reports.individual import debrief_for, individual_html

    with open_store(args.db, create=False) as store:
        game = store.get(args.run)
        debrief = debrief_for(store, game, expert=not args.no_expert)
    atomic_write_text(args.html, individual_html(debrief))
    print(f"wrote {args.html}: debrief of run {game.id} ({game.participant})")
    return 0


def cmd_report_cohort(args: argparse.Namespace) -> int:
    from kamsim.reports.cohort import cohort_csv, cohort_html

    if not args.html and not args.csv:
        raise UserError("give --html OUT, --csv OUT or both", 2)
    if args.cohort is None:
        from kamsim import config

        args.cohort = config.load().value("results.cohort")
        if args.cohort is None:
            raise UserError("give the cohort ID (or set results.cohort in the config file)", 2)
    with open_store(args.db, create=False) as store:
        cohort = store.games(args.cohort)
        if not cohort:
            raise UserError(f"no stored games in cohort '{args.cohort}' (see 'kamsim results')")
        html = cohort_html(args.cohort, cohort, store, quiet=args.quiet) if args.html else ""
    if args.html:
        atomic_write_text(args.html, html)
        print(f"wrote {args.html}: cohort {args.cohort}, {len(cohort)} game(s)")
    if args.csv:
        atomic_write_text(args.csv, cohort_csv(cohort))
        print(f"wrote {args.csv}: {len(cohort)} row(s)")
    return 0


ORDER = 50
REGISTER = [
    register_results,
    register_report,
    register_export,
    register_import,
    register_verify,
    register_rescore,
]
