"""A sweep on a Dask LocalCluster against the local process pool: games/s for each, same output.

Run on demand: `python benchmarks/bench_dask_sweep.py [--scenario tutorial] [--games 10000]
[--workers 2]` (needs `pip install 'kamsim[dask]'`). The grid is routine days per account at
5 points; the seeds are chosen so the sweep plays about `--games` games (the field of bots and
every lesson's variant at every point). Prints the load average and a Markdown table: wall
time, games, games/s and whether the two JSON outputs are byte-identical.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path

from kamsim.audit import LESSONS
from kamsim.audit.run import audit_players
from kamsim.bots import BOT_NAMES
from kamsim.scenario.load import load_scenario
from kamsim.sweep import grid, sweep

ROOT = Path(__file__).resolve().parents[1]
PARAM = "dynamics.costs.routine_days_per_account=0.1:0.3:5"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="tutorial")
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-local", action="store_true", help="only the Dask run")
    args = parser.parse_args()
    scenario = load_scenario(ROOT / "scenarios" / f"{args.scenario}.yaml")
    params = grid.checked([grid.parse_param(PARAM)], scenario)
    players = len(dict.fromkeys([*BOT_NAMES, *audit_players(scenario, LESSONS)]))
    runs = max(2, math.ceil(args.games / (5 * players)))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load} ({os.cpu_count()} CPUs)\n")
    print(f"{args.scenario}: {PARAM}, {players} players × {runs} seeds × 5 points = "
          f"{5 * players * runs} games, {args.workers} workers\n")  # fmt: skip
    print("| run | wall (s) | games/s |")
    print("|---|---:|---:|")
    outputs = {}
    for label, scheduler in (("local process pool", None), ("Dask LocalCluster", "local")):
        if scheduler is None and args.skip_local:
            continue
        start = time.perf_counter()
        report = sweep(scenario, params, runs, workers=args.workers, scheduler=scheduler)
        wall = time.perf_counter() - start
        outputs[label] = json.dumps(report.to_dict(), sort_keys=True)
        print(f"| {label} | {wall:.1f} | {5 * players * runs / wall:.1f} |")
    if len(outputs) == 2:
        same = len(set(outputs.values())) == 1
        print(f"\nJSON byte-identical: {'yes' if same else 'NO'}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after: {load}")


if __name__ == "__main__":
    main()
