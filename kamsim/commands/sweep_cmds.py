"""`kamsim sweep`: where does a scenario stop teaching when its dynamics move?"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from kamsim.commands._args import (
    MAX_RUNS,
    add_force,
    add_scheduler,
    check_outputs,
    whole_number,
    workers,
)
from kamsim.progress import add_quiet_arg

EXIT_TIPS = 3  # some grid point does not separate or does not teach a lesson


def register_sweep(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sweep",
        help="calibration and the lesson audit at every point of a parameter grid",
        description="Rebuild the scenario at every combination of the --param values, play "
        "every bot and every lesson's variant on the same seeds at each point, and report "
        "where each lesson stops being taught and where the expert's separation drops below "
        "95%. Exit 0 when every point holds, 3 when some point does not.",
        epilog="PATH is a dotted path into the scenario file; list items by id or position, "
        "e.g. dynamics.consent.threshold, company.max_key_accounts, "
        "accounts.hollin_general.hard_data.market_value. Whole-number fields are rounded.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled id")
    p.add_argument(
        "--param",
        action="append",
        required=True,
        metavar="PATH=LO:HI:N",
        help="a parameter and its N values from LO to HI (repeatable: a grid)",
    )
    p.add_argument("--runs", type=whole_number(2, MAX_RUNS), default=20,
                   help="seeds 1..N at every grid point (default 20)")  # fmt: skip
    p.add_argument("--workers", type=workers, default=1,
                   help="processes (default 1; at most this machine's CPUs)")  # fmt: skip
    add_scheduler(p)
    p.add_argument("--lesson", action="append", metavar="ID",
                   help="audit only this lesson (repeatable; default: every lesson)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--png", metavar="FILE", help="also write the chart as a PNG")
    p.add_argument("--html", metavar="FILE", help="also write a page: chart, tipping points, "
                   "every point's row")  # fmt: skip
    add_force(p, "png", "html")
    add_quiet_arg(p)
    p.set_defaults(handler=cmd_sweep)


def cmd_sweep(args: argparse.Namespace) -> int:
    from kamsim.atomic import atomic_write_bytes, atomic_write_text
    from kamsim.audit import LESSONS
    from kamsim.commands._games import load_or_explain
    from kamsim.errors import UserError
    from kamsim.sweep import chart, grid, sweep

    params = [grid.parse_param(text) for text in args.param]
    lessons = LESSONS
    if args.lesson:
        known = {lesson.id: lesson for lesson in LESSONS}
        unknown = [x for x in args.lesson if x not in known]
        if unknown:
            raise UserError(f"no lesson '{unknown[0]}' (lessons: {', '.join(known)})", 2)
        lessons = tuple(known[x] for x in dict.fromkeys(args.lesson))
    check_outputs(args)
    scenario = load_or_explain(args.scenario)
    params = grid.checked(params, scenario)
    start = time.perf_counter()
    report = sweep(scenario, params, args.runs, workers=args.workers, lessons=lessons,
                   quiet=args.quiet, scheduler=args.scheduler)  # fmt: skip
    data = report.to_dict()
    if args.png:
        atomic_write_bytes(args.png, chart.png_bytes(data))
    if args.html:
        atomic_write_text(args.html, chart.page(data))
    if args.json:
        print(json.dumps(data, sort_keys=True, indent=2, allow_nan=False))
    else:
        print_table(data, time.perf_counter() - start)
    return 0 if report.holds else EXIT_TIPS


def print_table(data: dict[str, Any], seconds: float) -> None:
    params = [p["path"] for p in data["params"]]
    print(f"{data['scenario']}: sweep, {data['games']:,} games ({data['runs']} seeds × "
          f"{len(data['points'])} points) in {seconds:.1f} s")  # fmt: skip
    head = "".join(f"{p[-24:]:>26s}" for p in params)
    print(f"{head}{'expert':>8s}{'separation':>12s}  lessons not taught")
    for r in data["points"]:
        cells = "".join(f"{r['values'][p]:>26g}" for p in params)
        sep = "—" if r["separation_min"] is None else f"{r['separation_min']:.0%}"
        mark = "" if r["separation_ok"] else " ✕"
        print(f"{cells}{r['expert_total']:8.1f}{sep:>10s}{mark:2s}  "
              f"{', '.join(r['not_taught']) or '—'}")  # fmt: skip
    for lid, changes in data["tipping"]["lessons"].items():
        for c in changes:
            print(f"lesson {lid} {c['change']} being taught between {c['param']} = "
                  f"{c['from']:g} and {c['to']:g}{_others(c)}")  # fmt: skip
    for c in data["tipping"]["separation"]:
        verb = "drops below" if c["change"] == "stops" else "rises above"
        print(f"the expert's separation {verb} {data['min_separation']:.0%} between "
              f"{c['param']} = {c['from']:g} and {c['to']:g}{_others(c)}")  # fmt: skip
    held = sum(r["separation_ok"] and not r["not_taught"] for r in data["points"])
    print(f"{'PASS' if held == len(data['points']) else 'FAIL'}: {held} of "
          f"{len(data['points'])} points separate and teach every observable lesson")  # fmt: skip


def _others(change: dict[str, Any]) -> str:
    if not change["others"]:
        return ""
    return " (with " + ", ".join(f"{k} = {v:g}" for k, v in change["others"].items()) + ")"


ORDER = 32
REGISTER = [register_sweep]
