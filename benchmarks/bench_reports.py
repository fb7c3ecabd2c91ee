"""Time the facilitator's commands on a 30-participant cohort of the standard scenario.

Run on demand: `python benchmarks/bench_reports.py [PARTICIPANTS]`. Games are bot games on
one world (seed 1), recorded into a temporary database; each command then runs as the
facilitator would run it, in a fresh process (so imports, matplotlib included, are counted),
and the cohort report once more in-process (warm). Prints a Markdown table.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOTS = ("expert", "novice", "random", "carpet-bomber", "revenue-chaser")
KEY = "benchmark-key-0123456789abcdef"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def kamsim(*args: object) -> None:
    cmd = [sys.executable, "-m", "kamsim", *(str(a) for a in args)]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)


def record_cohort(db: Path, participants: int) -> None:
    from kamsim.bots import play
    from kamsim.reports import ResultsStore, record_game
    from kamsim.scenario.catalog import resolve
    from kamsim.scenario.load import load_scenario
    from kamsim.scoring import score_game

    scenario = load_scenario(resolve("standard"))
    games = {bot: play(scenario, 1, bot) for bot in BOTS}
    with ResultsStore(db) as store:
        for i in range(participants):
            sim = games[BOTS[i % len(BOTS)]]
            record_game(store, sim, f"Participant {i + 1:02d}", "bench", score_game(sim))


def warm_cohort(db: Path, out: Path) -> None:
    from kamsim.reports import ResultsStore
    from kamsim.reports.cohort import cohort_csv, cohort_html

    with ResultsStore(db) as store:
        cohort = store.games("bench")
    out.write_text(cohort_html("bench", cohort), encoding="utf-8")
    out.with_suffix(".csv").write_text(cohort_csv(cohort), encoding="utf-8")


def main() -> None:
    participants = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    os.environ["KAMSIM_RESULT_KEY"] = KEY
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "results.sqlite3"
        html, csv_ = folder / "cohort.html", folder / "cohort.csv"
        rows = [
            ("record the games (bots play, score, store)",
             timed(lambda: record_cohort(db, participants))),
            ("`report cohort --html --csv` (fresh process)",
             timed(lambda: kamsim("report", "cohort", "bench", "--html", html, "--csv", csv_,
                                  "--db", db))),
            ("cohort HTML + CSV in-process (warm)", timed(lambda: warm_cohort(db, html))),
            ("`report individual` with expert bot (fresh process)",
             timed(lambda: kamsim("report", "individual", 1, "--html", folder / "i.html",
                                  "--db", db))),
            ("`export xapi --cohort` (fresh process)",
             timed(lambda: kamsim("export", "xapi", "--cohort", "bench", "--out",
                                  folder / "x.json", "--db", db))),
            ("`rescore --cohort` (fresh process)",
             timed(lambda: kamsim("rescore", "--cohort", "bench", "--db", db))),
        ]  # fmt: skip
        size = html.stat().st_size / 1024
    print(f"Cohort of {participants} participants, standard scenario, seed 1 "
          f"(cohort page {size:.0f} KiB)\n")  # fmt: skip
    print("| step | seconds |")
    print("|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
