"""Instructions executed by a mix of bot games, this code against an earlier commit.

Run on demand: `python benchmarks/bench_instructions.py [REF] [--bots expert novice ...]`
(needs valgrind). This machine's wall and CPU times swing by a factor of 1.5 from one minute
to the next, even for two runs side by side, so a speed-up of a few per cent cannot be told
from noise by timing. Valgrind's callgrind counts the instructions executed instead, which
is the same from run to run within about 1 %: each code plays the same games (seed 1 of
`standard`, its own scenario file) in its own process under callgrind, once with and once
without the games, and the difference is the games' instructions (imports, loading the
scenario and the seed's no-action baseline are left out). Hash randomisation is fixed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_versus import ROOT, export

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from kamsim.bots import play
from kamsim.scenario.load import load_scenario
from kamsim.scoring import score_game
from kamsim.sim import Simulation
sc = load_scenario(sys.argv[1] + "/scenarios/standard.yaml")
Simulation(sc, 1).prepare_baseline()
for bot in sys.argv[2:]:
    score_game(play(sc, 1, bot))
"""

MIX = ("expert", "novice", "graded-40", "all-key", "random")


def instructions(root: Path, bots: list[str]) -> int:
    """Instructions callgrind counts for the child with these games."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", CHILD, str(root), *bots],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def games(root: Path, bots: list[str]) -> int:
    return instructions(root, bots) - instructions(root, [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", nargs="?", help="an earlier commit to compare with")
    parser.add_argument("--bots", nargs="+", default=list(MIX))
    args = parser.parse_args()
    now = games(ROOT, args.bots)
    print(f"this code: {now / 1e9:.3f} G instructions for {len(args.bots)} games "
          f"({', '.join(args.bots)}), {now / len(args.bots) / 1e6:.0f} M a game")  # fmt: skip
    if args.ref:
        with tempfile.TemporaryDirectory() as tmp:
            before = games(export(args.ref, Path(tmp)), args.bots)
        print(f"{args.ref}: {before / 1e9:.3f} G instructions; this code runs "
              f"{now / before:.3f}× its instructions")  # fmt: skip


if __name__ == "__main__":
    main()
