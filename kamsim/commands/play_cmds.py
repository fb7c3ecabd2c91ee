"""`kamsim play`: the game window, with autosave/resume, and autoplay for tests and demos.

pygame is imported only when the command runs (inside `kamsim.ui`), so the rest of the CLI and
headless machines never load it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kamsim.commands._args import seed, whole_number
from kamsim.errors import UserError
from kamsim.reports import modes
from kamsim.reports.args import add_recording_args
from kamsim.reports.modes import InputClock, time_inputs
from kamsim.scenario.catalog import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from kamsim.sim import Simulation


def register_play(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "play",
        help="play in a window (picker, briefing, dashboard, meetings, plans, debrief)",
        description="Open the game window. With no SCENARIO the picker opens on the default "
        "scenario. Games autosave every week and on quit; see docs/playing.md.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help=f"scenario file or bundled id (picker on '{DEFAULT_SCENARIO}' if omitted)",
    )
    p.add_argument("--seed", type=seed, default=1, help="world seed (default 1)")
    p.add_argument("--resume", metavar="SAVE", help="resume a saved game (a save file)")
    p.add_argument(
        "--autoplay",
        metavar="BOT",
        help="let a bot play through the real screens (expert, novice, …)",
    )
    p.add_argument(
        "--screenshots",
        metavar="DIR",
        type=Path,
        help="save a PNG of every screen visited into DIR",
    )
    p.add_argument(
        "--max-frames", type=whole_number(0), metavar="N", help="stop after N frames (tests)"
    )
    p.add_argument("--fast", action="store_true", help="no frame-rate cap (autoplay, tests)")
    p.add_argument(
        "--size",
        default="1280x720",
        type=_size,
        metavar="WxH",
        help="window size (default 1280x720)",
    )
    p.add_argument(
        "--text-size",
        choices=("normal", "large", "larger"),
        help="text size (default: the one you chose last, with Ctrl+plus / Ctrl+minus)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="with --autoplay: print the game summary as JSON (as `kamsim run`)",
    )
    add_recording_args(p)
    p.set_defaults(handler=cmd_play)


MIN_W, MIN_H = 1152, 680  # kamsim.ui.app.MIN_SIZE; tests/ui/test_text_size.py checks


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must look like 1280x720, not {text!r}") from None
    if w < MIN_W or h < MIN_H:  # kamsim.ui.app.MIN_SIZE (not imported: it loads pygame)
        raise argparse.ArgumentTypeError(f"the window must be at least {MIN_W}x{MIN_H}")
    return w, h


def cmd_play(args: argparse.Namespace) -> int:
    from kamsim.reports.recording import check_recording_args

    check_recording_args(args)  # before the game, not after an hour of play
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from kamsim.ui import games
    from kamsim.ui.app import EXIT_NOT_SAVED, Options, run_app

    options = Options(
        seed=args.seed,
        size=args.size,
        autoplay=args.autoplay,
        screenshots=args.screenshots,
        max_frames=args.max_frames,
        fast=args.fast,
        text_size=args.text_size,
    )
    if args.autoplay:
        _check_bot(args.autoplay)
        if not args.scenario and not args.resume:
            raise UserError(
                "--autoplay needs a SCENARIO (e.g. kamsim play tutorial --autoplay expert)"
            )
    if args.resume:
        options.controller = games.resume_game(args.resume)
        state = dict(options.controller.ui_state)
        options.start_screen = str(state.pop("screen", "dashboard"))
        options.start_params = {k: v for k, v in state.items() if k not in ("source", "week")}
    elif args.scenario:
        options.controller = games.new_game(args.scenario, args.seed, autosave=not args.autoplay)
        options.start_screen = "briefing"
    clock = time_inputs(options.controller)  # the wall-clock time of each input
    code = run_app(options)
    controller = options.controller
    failure = controller.save_failure if controller is not None else None
    if failure is not None:
        print(f"kamsim: the game could not be saved: {failure}; the weeks since the last "
              f"good save are lost (save file: {controller.save_path})", file=sys.stderr)  # type: ignore[union-attr]  # fmt: skip
        code = code or EXIT_NOT_SAVED
    if args.autoplay and controller is not None:
        _report(controller.sim, args.json, options.autoplay_stats)
    if args.participant or args.cohort:
        mode = modes.autoplay(args.autoplay) if args.autoplay else modes.UI
        _record(args, controller.sim if controller is not None else None, mode, clock)
    return code


def _record(
    args: argparse.Namespace, sim: Simulation | None, mode: str, clock: InputClock | None
) -> None:
    """Record a finished game; an unfinished one is kept in its save to resume and record."""
    from kamsim.reports.recording import maybe_record

    if sim is None or not sim.finished:
        print("kamsim: the game is not finished, so it was not recorded; resume it with "
              "--resume and the same --participant and --cohort", file=sys.stderr)  # fmt: skip
        return
    times = clock.for_history(len(sim.history)) if clock is not None else None
    maybe_record(args, sim, mode=mode, input_times=times)


def _check_bot(name: str) -> None:
    from kamsim.bots import make_bot

    try:
        make_bot(name, 0)
    except (KeyError, ValueError) as err:
        raise UserError(f"unknown bot '{name}' ({err})") from None


def _report(sim: object, as_json: bool, stats: dict[str, int] | None = None) -> None:
    """The game's summary (as `kamsim run`), plus the inputs the screens took: the pace."""
    from kamsim.commands._games import summary

    data = summary(sim)  # type: ignore[arg-type]
    inputs = {k: stats[k] for k in ("clicks", "keys", "characters")} if stats else None
    if as_json:
        if inputs is not None:
            data["inputs"] = inputs
        print(json.dumps(data, sort_keys=True, indent=2, allow_nan=False))
    else:
        print(
            f"{data['scenario']} seed {data['seed']}: week {data['week']}, "
            f"{data['actions']} actions ({len(data['refused'])} refused)"
        )
        if inputs is not None:
            print(f"inputs: {inputs['clicks']} clicks, {inputs['keys']} key presses, "
                  f"{inputs['characters']} characters typed")  # fmt: skip
        print(f"digest {data['digest']}")


ORDER = 40
REGISTER = [register_play]
