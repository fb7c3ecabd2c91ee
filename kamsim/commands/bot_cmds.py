"""`kamsim calibrate`: prove that a scenario ranks expert play above the other bots."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from kamsim.commands._args import add_scheduler, runs, workers
from kamsim.progress import add_quiet_arg

EXIT_SEPARATION = 3


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def register_calibrate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "calibrate",
        help="play every bot on many seeds and check the expert scores above the rest",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled id")
    p.add_argument("--runs", type=runs, required=True, help="seeds 1..N for every bot")
    p.add_argument("--workers", type=workers, default=1,
                   help="processes (default 1; at most this machine's CPUs)")  # fmt: skip
    add_scheduler(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_quiet_arg(p)
    p.add_argument(
        "--min-separation",
        type=_fraction,
        default=0.95,
        metavar="X",
        help="fraction of seeds the expert must win against each bot (default 0.95)",
    )
    p.add_argument(
        "--no-graded",
        dest="graded",
        action="store_false",
        help="skip the graded population (the expert with 10-60 %% of its weeks played by a "
        "novice)",
    )
    p.set_defaults(handler=cmd_calibrate)


def cmd_calibrate(args: argparse.Namespace) -> int:
    from kamsim.calibrate import calibrate
    from kamsim.commands._games import load_or_explain

    scenario = load_or_explain(args.scenario)
    start = time.perf_counter()
    report = calibrate(
        scenario,
        args.runs,
        workers=args.workers,
        min_separation=args.min_separation,
        graded=args.graded,
        quiet=args.quiet,
        scheduler=args.scheduler,
    )
    data = report.to_dict()
    if args.json:
        print(json.dumps(data, sort_keys=True, indent=2, allow_nan=False))
    else:
        print_table(data, time.perf_counter() - start)
    return 0 if report.passed else EXIT_SEPARATION


def print_table(data: dict[str, Any], seconds: float) -> None:
    """A compact table: one row per bot, means ± sd per dimension, then the verdicts."""
    from kamsim.calibrate.stats import REFERENCE

    bots = data["bots"]
    dims = [d for d in next(iter(bots.values())) if d != "total"] + ["total"]
    games = data["runs"] * len(bots)
    print(f"{data['scenario']}: {games} games ({data['runs']} seeds x {len(bots)} bots) "
          f"in {seconds:.1f} s")  # fmt: skip
    print(f"{'bot':16s}" + "".join(f"{d[:14]:>16s}" for d in dims) + f"{'beaten':>9s}")
    for name, stats in bots.items():
        cells = "".join(f"{stats[d]['mean']:9.1f} ±{stats[d]['sd']:5.1f}" for d in dims)
        sep = data["separation"].get(f"{REFERENCE}>{name}")
        print(f"{name:16s}{cells}{'' if sep is None else f'{sep:9.0%}'}")
    for pair, check in data["higher_early_sales"].items():
        if check["seeds"]:
            print(f"{pair}: out-sold the expert early on {check['seeds']} seed(s); "
                  f"the expert still won {check['expert_still_won']}")  # fmt: skip
    rel = data["reliability"]
    alpha = rel["alpha"]
    print(f"reliability (Cronbach's alpha of competencies), pooled over the field: "
          f"{'n/a' if alpha is None else f'{alpha:.2f}'}")  # fmt: skip
    graded = data.get("graded")
    if graded:
        means = ", ".join(f"{s}: {v['mean']:.1f}" for s, v in graded["shares"].items())
        rho = graded["spearman_rho"]
        galpha = rel.get("graded_alpha")
        print(f"graded population (novice share: mean total): {means}")
        print(f"  Spearman rho(share, total) = {'n/a' if rho is None else f'{rho:.2f}'}; "
              f"alpha over it = {'n/a' if galpha is None else f'{galpha:.2f}'}")  # fmt: skip
    forms = data.get("forms")
    if forms:
        means = ", ".join(f"{f}: {v['mean']:.1f}" for f, v in forms["expert_total"].items())
        print(f"parallel forms (expert mean total): {means}; spread {forms['spread']:.1f}")
        if forms["warning"]:
            print(f"WARNING: {forms['warning']}")
    guide = data.get("memorised_guide")
    if guide:
        print(f"memorised guide (the previous seed's expert game replayed): "
              f"{guide['mean_gap']:.1f} points below the expert on average; reached the expert "
              f"on {guide['reached_expert']:.0%} of {guide['pairs']} seeds")  # fmt: skip
    debrief = data.get("copied_debrief")
    if debrief:
        print(f"copied debrief (the previous seed's right tiers set from week one): "
              f"{debrief['mean_gap']:.1f} points below the expert on average; reached the expert "
              f"on {debrief['reached_expert']:.0%} of {debrief['pairs']} seeds (the seed drew the "
              f"copied game's form on {debrief['same_form']:.0%})")  # fmt: skip
    outcome = "yes" if data["outcome_separation_passed"] else "no"
    over = ", ".join(data["outcome_separation_over"])
    print(f"the world pays the expert more than each field bot ({over}) on "
          f"{data['min_separation']:.0%} of seeds: {outcome}")  # fmt: skip
    verdict = "PASS" if data["passed"] else "FAIL"
    print(f"{verdict}: expert must beat every bot on at least "
          f"{data['min_separation']:.0%} of seeds")  # fmt: skip


ORDER = 30
REGISTER = [register_calibrate]
