"""Calibration speed: 1,000 games (5 bots x 200 seeds) on the standard scenario, 1 and 2 workers.

Run on demand: `python benchmarks/bench_calibrate.py [--runs N] [--scenario NAME]`. Prints two
Markdown tables: wall time and speed-up per worker count, and the time per game of each bot
(one process, playing and scoring).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kamsim.bots import BOT_NAMES, play
from kamsim.calibrate import calibrate
from kamsim.calibrate.run import real_scorer
from kamsim.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def per_bot(scenario_path: Path, seeds: int) -> list[tuple[str, float, float]]:
    """(bot, ms per game played, ms per game scored) in one process."""
    scenario, score = load_scenario(scenario_path), real_scorer()
    rows = []
    for bot in BOT_NAMES:
        played = scored = 0.0
        for seed in range(1, seeds + 1):
            start = time.perf_counter()
            sim = play(scenario, seed, bot)
            middle = time.perf_counter()
            score(sim)
            played += middle - start
            scored += time.perf_counter() - middle
        rows.append((bot, 1000 * played / seeds, 1000 * scored / seeds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="seeds per bot (default 200)")
    parser.add_argument("--scenario", default="standard")
    args = parser.parse_args()
    path = ROOT / "scenarios" / f"{args.scenario}.yaml"
    scenario = load_scenario(path)
    games = args.runs * len(BOT_NAMES)
    print(f"| {args.scenario}: {games} games | wall time (s) | games/s | speed-up |")
    print("|---|---:|---:|---:|")
    base = None
    for workers in (1, 2):
        start = time.perf_counter()
        calibrate(scenario, args.runs, workers=workers)
        wall = time.perf_counter() - start
        base = base or wall
        print(f"| {workers} worker{'s' * (workers > 1)} | {wall:.1f} | {games / wall:.1f} "
              f"| {base / wall:.2f}x |")  # fmt: skip
    print()
    print("| bot | ms per game (play) | ms per game (score) |")
    print("|---|---:|---:|")
    for bot, played, scored in per_bot(path, min(args.runs, 20)):
        print(f"| {bot} | {played:.0f} | {scored:.1f} |")


if __name__ == "__main__":
    main()
