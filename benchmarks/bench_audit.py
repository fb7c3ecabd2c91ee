"""Lesson-audit speed: `audit()` on a bundled scenario with 1 and 2 workers, every game counted.

Run on demand: `python benchmarks/bench_audit.py [--runs N] [--scenario NAME] [--workers 1 2]`
(`--runs 10` for a quick look). An audit plays the expert and one variant per observable
lesson (the expert with that practice removed) on seeds 1..N, so `players × N` games; each
game also needs its seed's no-action baseline (cached per seed and per worker process). Prints
the load average and a Markdown table: wall and CPU time, games, games/s, speed-up.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bench_calibrate import BASELINES, PLAYED, SCORED, CountedScorer, counting_games, cpu_seconds

from kamsim.audit.run import audit, audit_players
from kamsim.scenario.load import load_scenario
from kamsim.sim import baseline as baselines

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="seeds per player (default 200)")
    parser.add_argument("--scenario", default="standard")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="default: 1 2")
    args = parser.parse_args()
    scenario = load_scenario(ROOT / "scenarios" / f"{args.scenario}.yaml")
    players = audit_players(scenario)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load} ({os.cpu_count()} CPUs)\n")
    print(f"{len(players)} players (the expert and {len(players) - 1} lesson variants) "
          f"× {args.runs} seeds = {len(players) * args.runs} games\n")  # fmt: skip
    print(f"| audit {scenario.meta.id}, --runs {args.runs} | wall (s) | CPU (s) | played "
          "| baselines | games/s | games per CPU s | speed-up |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    base = None
    for workers in args.workers:
        baselines._CACHE.clear()
        with counting_games() as counts:
            start, cpu = time.perf_counter(), cpu_seconds()
            audit(scenario, args.runs, workers=workers, scorer=CountedScorer(counts))
            wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
            played, extra, scored = counts[PLAYED], counts[BASELINES], counts[SCORED]
        label = f"{workers} worker{'s' * (workers > 1)}"
        if played == 0:  # a compiled build: only the scored games are counted (bench_calibrate)
            played, extra, label = scored, "–", f"{label} (compiled)"
        assert scored == played, "every game played is scored"
        base = base or wall
        print(f"| {label} | {wall:.1f} | {cpu:.1f} | {played} | {extra} "
              f"| {played / wall:.2f} | {played / cpu:.2f} | {base / wall:.2f}x |")  # fmt: skip
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after: {load}")


if __name__ == "__main__":
    main()
