"""Load + validate time of the largest bundled scenario and of a generated one near the 1 MB cap.

Run on demand: `python benchmarks/bench_scenario_load.py`. Prints a Markdown table row each.
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from kamsim.scenario.load import check_file

ROOT = Path(__file__).resolve().parents[1]


def timed(path: Path, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        checked = check_file(path)
        times.append(time.perf_counter() - start)
        assert checked.scenario is not None, [p.format() for p in checked.problems]
    return statistics.median(times) * 1000, max(times) * 1000


def near_cap(source: Path, folder: Path) -> Path:
    """Clone the source's accounts (with fresh ids) until the file is just under 1 MB."""
    data = yaml.safe_load(source.read_text("utf-8"))
    accounts, facts = data["accounts"], data["facts"]
    out = folder / "big.yaml"
    n = 0
    while True:
        n += 1
        extra_acc, extra_facts = _clone(accounts, facts, n)
        trial = dict(data, accounts=data["accounts"] + extra_acc, facts=data["facts"] + extra_facts)
        text = yaml.safe_dump(trial, sort_keys=False, allow_unicode=True)
        if len(text.encode()) > 990_000:
            return out
        data = trial
        out.write_text(text, "utf-8")


def _clone(accounts: list, facts: list, n: int) -> tuple[list, list]:
    suffix = f"-c{n}"
    ids = {a["id"] for a in accounts if "-c" not in a["id"]}
    new_acc = []
    for acc in accounts:
        if acc["id"] not in ids:
            continue
        acc = copy.deepcopy(acc)
        acc["id"] += suffix
        for person in acc["stakeholders"]:
            person["id"] += suffix
            for link in person.get("links", []):
                link["to"] += suffix
        new_acc.append(acc)
    new_facts = []
    for fact in facts:
        if fact["account"] not in ids:
            continue
        fact = copy.deepcopy(fact)
        fact["id"] += suffix
        fact["account"] += suffix
        for src in fact["sources"]:
            if src.get("stakeholder"):
                src["stakeholder"] += suffix
        new_facts.append(fact)
    return new_acc, new_facts


def main() -> int:
    files = sorted((ROOT / "scenarios").glob("*.yaml"), key=lambda p: p.stat().st_size)
    largest = files[-1]
    print("| file | size | median ms | max ms |\n|---|---|---|---|")
    med, worst = timed(largest, 20)
    print(f"| {largest.name} | {largest.stat().st_size / 1024:.0f} KiB | {med:.1f} | {worst:.1f} |")
    with tempfile.TemporaryDirectory() as tmp:
        big = near_cap(largest, Path(tmp))
        med, worst = timed(big, 5)
        size = big.stat().st_size / 1024
        print(f"| generated near the cap | {size:.0f} KiB | {med:.1f} | {worst:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
