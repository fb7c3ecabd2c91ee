"""Calibration speed on the standard scenario, 1 and 2 workers, counting every game played.

Run on demand: `python benchmarks/bench_calibrate.py [--runs N] [--scenario NAME]
[--workers 1 2]` (`--runs 40` for a quick look). Prints the load average and two Markdown
tables: wall and CPU time, games and games/s per worker count; and the time per game of each
player calibration fields (one process, playing and scoring).

`calibrate()` plays more than bots × runs games: besides the field of bots it plays the graded
population (the expert with 10–60 % of its decisions made by a novice), the memorised guide
(which copies the expert's game on the previous seed: kept from the expert's own run when the
same process played it, else played again) and the copied debrief, and every game needs its
no-action baseline game (cached per seed, computed once). So the games are counted, not
assumed: every `Simulation` built is counted (in every worker process, through a shared
counter), the no-action baselines apart.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kamsim.bots import BOT_NAMES
from kamsim.bots.graded import SHARES, graded_name
from kamsim.bots.memorised import COPIED
from kamsim.bots.memorised import NAME as GUIDE
from kamsim.calibrate import calibrate
from kamsim.calibrate.run import play_and_score, real_scorer
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation
from kamsim.sim import baseline as baselines

ROOT = Path(__file__).resolve().parents[1]
PLAYED, BASELINES, SCORED = 0, 1, 2  # slots of the shared counter


@contextmanager
def counting_games() -> Iterator[Any]:
    """Count every Simulation built while inside, in this process and in forked workers.

    Returns the shared array [games played, no-action baselines, games scored]; pass
    `CountedScorer(counts)` to count the scored ones. Worker processes are forked from this
    one (the default on Linux), so they inherit the patched class and the counter. A compiled
    build's Simulation cannot be patched (its constructor is native code): there only the
    scored games are counted.
    """
    counts = multiprocessing.get_context("fork").Array("q", 3)
    original = Simulation.__init__

    def counted(self: Simulation, scenario: Scenario, seed: int, **kw: Any) -> None:
        with counts.get_lock():
            counts[BASELINES if kw.get("counterfactual") else PLAYED] += 1
        original(self, scenario, seed, **kw)

    Simulation.__init__ = counted  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        Simulation.__init__ = original  # type: ignore[method-assign]


class CountedScorer:
    """The real scorer, counting the games it scores in the shared counter."""

    def __init__(self, counts: Any) -> None:
        self.counts, self.score = counts, real_scorer()

    def __call__(self, sim: Simulation) -> Any:
        with self.counts.get_lock():
            self.counts[SCORED] += 1
        return self.score(sim)


def players() -> list[str]:
    """Who `calibrate()` fields by default, in its order."""
    ladder = [graded_name(s) for s in SHARES if s > 0]
    return [*BOT_NAMES, *ladder, GUIDE, COPIED]


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def throughput(scenario: Scenario, runs: int, worker_counts: list[int]) -> None:
    """Wall time and games per worker count; CPU seconds too, which a busy machine (another
    job on the cores) inflates much less than wall time."""
    print(f"| {scenario.meta.id}, --runs {runs} | wall (s) | CPU (s) | scored | played "
          "| baselines | played games/s | games per CPU s | speed-up |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = None
    for workers in worker_counts:
        baselines._CACHE.clear()  # each run computes its own baselines (forked workers inherit)
        with counting_games() as counts:
            start, cpu = time.perf_counter(), cpu_seconds()
            calibrate(scenario, runs, workers=workers, scorer=CountedScorer(counts))
            wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
            played, extra, scored = counts[PLAYED], counts[BASELINES], counts[SCORED]
        base = base or wall
        if played == 0:  # a compiled build (KAMSIM_COMPILE=1): its class cannot be patched
            print(f"| {workers} worker{'s' * (workers > 1)} (compiled) | {wall:.1f} | {cpu:.1f} "
                  f"| {scored} | – | – | {scored / wall:.2f} (scored) | {scored / cpu:.2f} "
                  f"| {base / wall:.2f}x |")  # fmt: skip
            continue
        print(f"| {workers} worker{'s' * (workers > 1)} | {wall:.1f} | {cpu:.1f} | {scored} "
              f"| {played} | {extra} | {played / wall:.2f} | {played / cpu:.2f} "
              f"| {base / wall:.2f}x |")  # fmt: skip


def per_player(scenario: Scenario, seeds: int) -> None:
    """ms per game (play + score) of each player, baselines computed beforehand."""
    score = real_scorer()
    start = time.perf_counter()
    for seed in range(1, seeds + 1):
        baselines.baseline(scenario.for_seed(seed)[0], seed)
    baseline_ms = 1000 * (time.perf_counter() - start) / seeds
    print("\n| player | ms per game (play) | ms per game (score) |")
    print("|---|---:|---:|")
    for name in players():
        played, scored = [], []
        for seed in range(1, seeds + 1):
            timed = _TimedScorer(score)
            start = time.perf_counter()
            play_and_score(scenario, name, seed, timed, runs=seeds)
            total = time.perf_counter() - start
            played.append(total - timed.seconds)
            scored.append(timed.seconds)
        note = " (copying the expert's game kept from its row)" if name == GUIDE else ""
        print(f"| {name}{note} | {1000 * statistics.mean(played):.0f} "
              f"| {1000 * statistics.mean(scored):.1f} |")  # fmt: skip
    print(f"| no-action baseline game (once per seed, cached) | {baseline_ms:.0f} | – |")


class _TimedScorer:
    """The real scorer, timed: what play_and_score spends scoring, apart from playing."""

    def __init__(self, score: Any) -> None:
        self.score, self.seconds = score, 0.0

    def __call__(self, sim: Simulation) -> Any:
        start = time.perf_counter()
        try:
            return self.score(sim)
        finally:
            self.seconds += time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="seeds per player (default 200)")
    parser.add_argument("--scenario", default="standard")
    parser.add_argument("--seeds", type=int, default=10, help="seeds for the per-player table")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="default: 1 2")
    args = parser.parse_args()
    scenario = load_scenario(ROOT / "scenarios" / f"{args.scenario}.yaml")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load} ({os.cpu_count()} CPUs)\n")
    throughput(scenario, args.runs, args.workers)
    per_player(scenario, min(args.runs, args.seeds))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after: {load}")


if __name__ == "__main__":
    main()
