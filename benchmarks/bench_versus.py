"""This code against an earlier commit, back to back on this machine: the only fair speed claim.

Run on demand: `python benchmarks/bench_versus.py REF [--rounds 4] [--runs 20]` from a git
checkout (REF: a commit, tag or branch). This machine's speed varies by a factor of two or more
from day to day, so a figure measured on another day says little; here both codes run in
alternation (old, new, old, new …) in fresh processes, each from its own tree (`git archive
REF` into a temporary folder, imported from there), and the medians are compared.

Two measures, each that code's own:
- one `standard` year with `bench_sim.py`'s active scripted player (CPU ms, median of 15);
- calibration of the five original bots (expert, novice, carpet-bomber, revenue-chaser,
  random) on `standard`, seeds 1..RUNS, one worker: games per CPU second. Later codes'
  graded population and copiers are left out so that both play the same field.

Each code plays its own `scenarios/standard.yaml`: the claim is "a year of the standard
scenario, as it stands in each version", the same one the README's rows have always made.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import importlib.util, inspect, resource, sys, time
root, what, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
from kamsim.scenario.load import load_scenario
sc = load_scenario(root + "/scenarios/standard.yaml")
if what == "year":
    spec = importlib.util.spec_from_file_location("bench_sim", root + "/benchmarks/bench_sim.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    script = bench.active_script(sc)
    bench.play(sc, 1, script)
    times = []
    for _ in range(15):
        start = time.process_time()
        bench.play(sc, 1, script)
        times.append(1000 * (time.process_time() - start))
    print(sorted(times)[len(times) // 2])
else:
    from kamsim.calibrate import calibrate
    bots = ["expert", "novice", "carpet-bomber", "revenue-chaser", "random"]
    params = inspect.signature(calibrate).parameters
    extra = {k: False for k in ("graded", "guide") if k in params}
    start = time.process_time()
    calibrate(sc, runs, 1, bots=bots, **extra)
    print(runs * len(bots) / (time.process_time() - start))
"""


def export(ref: str, into: Path) -> Path:
    """The tree of `ref` in a folder of its own (no checkout of the working copy is touched)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                          capture_output=True).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure(root: Path, what: str, runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), what, str(runs)], env=env,
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="the earlier commit to measure against")
    parser.add_argument("--rounds", type=int, default=4, help="alternations (default 4)")
    parser.add_argument("--runs", type=int, default=20, help="calibration seeds (default 20)")
    args = parser.parse_args()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load} ({os.cpu_count()} CPUs)\n")
    with tempfile.TemporaryDirectory() as tmp:
        old = export(args.ref, Path(tmp))
        codes = {f"{args.ref} (then)": old, "this tree (now)": ROOT}
        rows = {}
        for what, unit in (("year", "CPU ms per year"), ("calibrate", "games per CPU s")):
            got: dict[str, list[float]] = {name: [] for name in codes}
            for _ in range(args.rounds):
                for name, root in codes.items():
                    got[name].append(measure(root, what, args.runs))
            rows[what] = (unit, {name: statistics.median(v) for name, v in got.items()}, got)
    print("| measure | " + " | ".join(codes) + " | now ÷ then |")
    print("|---|" + "---:|" * (len(codes) + 1))
    for what, (unit, med, got) in rows.items():
        then, now = med.values()
        ratio = now / then if what == "year" else then / now  # > 1: now is slower
        cells = " | ".join(f"{m:.1f} ({', '.join(f'{x:.1f}' for x in got[n])})"
                           for n, m in med.items())  # fmt: skip
        print(f"| {what}: {unit} | {cells} | {ratio:.2f}× the time |")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after: {load}")


if __name__ == "__main__":
    main()
