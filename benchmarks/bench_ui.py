"""UI performance: frame CPU time, time to first frame and the longest blocking action.

    SDL_VIDEODRIVER=dummy python benchmarks/bench_ui.py

Aims: frame p95 ≤ 8 ms on the dashboard and the portfolio with 20 accounts (advanced), on
the account view with a 12-person DMU (synthesised: no bundled account has 12) and on the
standard meeting
screen with three key accounts' people listed; first frame ≤ 1.5 s; the
longest blocking action (submit, advance a week with its autosave) ≤ 50 ms. Prints Markdown.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("KAMSIM_DATA_DIR", tempfile.mkdtemp(prefix="kamsim-bench-"))

import pygame

from kamsim.bots import make_bot
from kamsim.sim.view import PersonView
from kamsim.ui import games
from kamsim.ui.app import App, Options

FRAMES = 300
FIRST_FRAME = """
import os, time
t0 = time.perf_counter()
from kamsim.ui.app import App, Options
app = App(Options(fast=True, driven=True))
app.show("title")
app.step(0.016)
print(time.perf_counter() - t0)
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def frame_times(app: App, frames: int = FRAMES) -> list[float]:
    """CPU time of whole frames (events, update, draw, flip), with the mouse moving."""
    out = []
    w, h = app.window.get_size()
    for i in range(frames):
        pos = (int(w * (0.1 + 0.8 * (i % 50) / 50)), int(h * 0.4))
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0), touch=False
            )
        )
        start = time.process_time()
        app.step(1 / 60)
        out.append((time.process_time() - start) * 1e3)
    return out[10:]  # the first frames build caches


def twelve_person_dmu(controller: games.GameController, account: str) -> None:
    """Replace the cached view's account by one with 12 people and mapped links."""
    view = controller.view
    acc = view.account(account)
    people = []
    for i in range(12):
        links = tuple((f"p{j}", "strong" if j % 2 else "weak") for j in (i + 1, i + 5) if j < 12)
        people.append(
            PersonView(
                f"p{i}", f"Person {i}", "Head of Pharmacy" if i % 3 == 0 else "Nurse", (),
                True, i % 3, (i - 6) / 6 if i % 4 else None, "trusted", links, i % 3 == 1,
            )
        )  # fmt: skip
    big = dataclasses.replace(acc, people=tuple(people), dmu_mapped=True)
    accounts = tuple(big if a.id == account else a for a in view.accounts)
    controller._view = dataclasses.replace(view, accounts=accounts)


def meeting_frames(app: App) -> list[float]:
    """The standard meeting screen with three key accounts: its own people, the questions,
    and the other two accounts with their people listed under them."""
    controller = games.new_game("standard", 1, autosave=False)
    for account in ("kestrel_bay", "fenwick", "linden_valley"):
        controller.submit({"kind": "set_tier", "account": account, "tier": "key"})
    app.start(controller, "account", account="linden_valley")
    app.push("meeting", account="linden_valley", stakeholder="dr_castell")
    return frame_times(app)


def first_frame_seconds() -> float:
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, check=True
    )
    return float(proc.stdout.strip().splitlines()[-1])


def blocking(scenario: str) -> dict[str, float]:
    """Play a whole game with the expert through the controller (autosave on)."""
    controller = games.new_game(scenario, 1)
    controller.prepare()  # as App.start does when the game opens
    bot = make_bot("expert", 1)
    submit_max = advance_max = 0.0
    while not controller.finished:
        for _ in range(40):
            action = bot.decide(controller.view)
            if action is None:
                break
            start = time.perf_counter()
            controller.submit(action)
            submit_max = max(submit_max, time.perf_counter() - start)
        start = time.perf_counter()
        controller.advance_week()
        advance_max = max(advance_max, time.perf_counter() - start)
    start = time.perf_counter()
    controller.scorecard()
    score = time.perf_counter() - start
    return {"submit": submit_max * 1e3, "advance": advance_max * 1e3, "score": score * 1e3}


def main() -> None:
    app = App(Options(fast=True, driven=True))
    controller = games.new_game("advanced", 1, autosave=False)
    app.start(controller, "dashboard")
    dash = frame_times(app)
    app.push("portfolio")  # the same 20 accounts as rows of buttons (two pages or one)
    portfolio = frame_times(app)
    first = controller.view.accounts[0].id
    app.push("account", account=first)
    twelve_person_dmu(controller, first)
    app.screen.refresh()
    account = frame_times(app)
    meeting = meeting_frames(app)
    pygame.quit()
    ttff = first_frame_seconds()
    block = blocking("standard")
    rows = [
        ("dashboard frame, 20 accounts (p50 / p95)",
         f"{percentile(dash, 0.5):.2f} / {percentile(dash, 0.95):.2f} ms", "p95 ≤ 8 ms"),
        ("portfolio frame, 20 accounts (p50 / p95)",
         f"{percentile(portfolio, 0.5):.2f} / {percentile(portfolio, 0.95):.2f} ms", "p95 ≤ 8 ms"),
        ("account view frame, 12-person DMU (p50 / p95)",
         f"{percentile(account, 0.5):.2f} / {percentile(account, 0.95):.2f} ms", "p95 ≤ 8 ms"),
        ("meeting frame, three key accounts' people listed (p50 / p95)",
         f"{percentile(meeting, 0.5):.2f} / {percentile(meeting, 0.95):.2f} ms", "p95 ≤ 8 ms"),
        ("time to first frame (cold process)", f"{ttff * 1e3:.0f} ms", "≤ 1500 ms"),
        ("longest submit (standard, expert game)", f"{block['submit']:.1f} ms", "≤ 50 ms"),
        ("longest advance a week + autosave", f"{block['advance']:.1f} ms", "≤ 50 ms"),
        ("debrief scoring (once, at game end)", f"{block['score']:.1f} ms", "—"),
    ]  # fmt: skip
    print("| measure | value | aim |\n|---|---|---|")
    for name, value, aim in rows:
        print(f"| {name} | {value} | {aim} |")


if __name__ == "__main__":
    main()
