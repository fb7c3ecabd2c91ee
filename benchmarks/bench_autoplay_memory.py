"""Memory over a year of autoplay: the expert plays the standard scenario through the screens.

    SDL_VIDEODRIVER=dummy python benchmarks/bench_autoplay_memory.py [SCENARIO]

Prints the process's resident memory (VmRSS, Linux) every four simulated weeks and the growth
from week 8 (screens and caches warmed up) to the end. Aim: flat, i.e. growth from week 8 to
the end under 25 MiB (it was ~170 MiB before the theming-id and text-cache fixes).
"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("KAMSIM_DATA_DIR", tempfile.mkdtemp(prefix="kamsim-bench-"))

from kamsim.ui import games
from kamsim.ui.app import App, Options
from kamsim.ui.autoplay import AutoPlayer

MAX_FRAMES = 20_000


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(scenario: str = "standard") -> None:
    game = games.new_game(scenario, 1, autosave=True)
    app = App(Options(fast=True, driven=True, autoplay="expert"))
    app.start(game, "briefing")
    app.drivers.append(AutoPlayer(app, "expert", 1))
    seen: dict[int, float] = {}
    while app.running and app.frame < MAX_FRAMES:
        app.step(1 / 60)
        week = game.sim.week
        if week % 4 == 0 and week not in seen:
            seen[week] = rss_mib()
            print(f"week {week:2d}: {seen[week]:6.1f} MiB", flush=True)
        if game.sim.finished and app.screen is not None and app.screen.name == "debrief":
            break
    game.flush()
    end = rss_mib()
    start = seen.get(8, end)
    print(f"| autoplay {scenario} year, RSS week 8 → end | {start:.0f} → {end:.0f} MiB "
          f"(+{end - start:.0f}) | growth ≤ 25 MiB |")  # fmt: skip


if __name__ == "__main__":
    main(*sys.argv[1:2])
