"""`kamsim audit`: does a scenario's world teach each lesson? The trainer's check after
`validate` and `calibrate`."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from kamsim.commands._args import MAX_RUNS, add_scheduler, whole_number, workers
from kamsim.progress import add_quiet_arg

EXIT_NOT_TAUGHT = 3


def register_audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="play the expert against itself minus one practice per lesson, on many seeds",
        description="For every lesson the scenario makes observable, the expert and the "
        "expert with that practice removed (or that mistake made) play the same seeds; the "
        "paired difference in the world's outcome says whether the world teaches it. Exit 0 "
        "when every observable lesson is taught, 3 otherwise.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled id")
    p.add_argument("--runs", type=whole_number(2, MAX_RUNS), default=50,
                   help="seeds 1..N (default 50)")  # fmt: skip
    p.add_argument("--workers", type=workers, default=1,
                   help="processes (default 1; at most this machine's CPUs)")  # fmt: skip
    p.add_argument(
        "--lesson",
        action="append",
        metavar="ID",
        help="audit only this lesson (repeatable; default: every lesson)",
    )
    add_scheduler(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_quiet_arg(p)
    p.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from kamsim.audit import LESSONS, audit
    from kamsim.commands._games import load_or_explain
    from kamsim.errors import UserError

    lessons = LESSONS
    if args.lesson:
        known = {lesson.id: lesson for lesson in LESSONS}
        unknown = [x for x in args.lesson if x not in known]
        if unknown:
            raise UserError(f"no lesson '{unknown[0]}' (lessons: {', '.join(known)})", 2)
        lessons = tuple(known[x] for x in dict.fromkeys(args.lesson))
    scenario = load_or_explain(args.scenario)
    start = time.perf_counter()
    report = audit(scenario, args.runs, workers=args.workers, lessons=lessons, quiet=args.quiet,
                   scheduler=args.scheduler)  # fmt: skip
    data = report.to_dict()
    if args.json:
        print(json.dumps(data, sort_keys=True, indent=2, allow_nan=False))
    else:
        print_table(data, time.perf_counter() - start)
    return 0 if report.passed else EXIT_NOT_TAUGHT


def print_table(data: dict[str, Any], seconds: float) -> None:
    """One row per lesson: the paired effect on the world and on the score, and the verdict."""
    out = data["outcome"]
    shown = [r for r in data["lessons"] if r["observable"]]
    games = data["runs"] * (1 + len(shown))
    print(f"{data['scenario']}: lesson audit, {games} games ({data['runs']} seeds) in "
          f"{seconds:.1f} s")  # fmt: skip
    print(f"world outcome: KAM value ({out['description']}); expert mean "
          f"{out['expert_mean']:,.0f}, seed sd {out['seed_sd']:,.0f}")  # fmt: skip
    print(f"{'lesson':20s}{'Δ outcome':>14s}{'paired sd':>12s}{'effect':>9s}{'Δ total':>9s}"
          f"{'won':>6s}  verdict")  # fmt: skip
    for row in data["lessons"]:
        if not row["observable"]:
            print(f"{row['id']:20s}{'':>50s}  not observable in this scenario")
            continue
        verdict = "teaches" if row["teaches"] else "does not teach"
        print(f"{row['id']:20s}{row['delta_outcome']:14,.0f}{row['paired_sd']:12,.0f}"
              f"{row['effect_sd']:8.2f}σ{row['delta_total']:9.1f}{row['expert_won']:6.0%}  "
              f"{verdict}")  # fmt: skip
    print(f"expert's tiers exactly right on {data['expert_tiers_correct']:.0%} of seeds "
          f"({data['expert_tier_accuracy']:.0%} of accounts)")  # fmt: skip
    taught = sum(bool(r["teaches"]) for r in shown)
    print(
        f"{'PASS' if taught == len(shown) else 'FAIL'}: {taught} of {len(shown)} observable "
        f"lessons taught (effect ≥ {data['min_effect']:g} seed sd and the score agrees)"
    )


ORDER = 31
REGISTER = [register_audit]
