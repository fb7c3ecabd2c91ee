"""Headless play: `kamsim run` plays a whole game, `kamsim replay` rebuilds a saved one.

Only the parsers live here; the work is in `_games`, imported when a command runs, so that
`kamsim --help` and the other commands start quickly.
"""

from __future__ import annotations

import argparse

from kamsim.bots.names import BOT_NAMES
from kamsim.commands._args import add_force, add_save_source, seed
from kamsim.reports.args import add_recording_args
from kamsim.scenario.catalog import DEFAULT_SCENARIO


def register_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="play a whole game headless")
    p.add_argument(
        "scenario",
        nargs="?",
        default=DEFAULT_SCENARIO,
        metavar="SCENARIO",
        help=f"scenario file or bundled id (default: {DEFAULT_SCENARIO})",
    )
    p.add_argument("--seed", type=seed, default=1, help="world seed (default 1)")
    p.add_argument("--playbook", metavar="FILE", help="YAML list of {week, action} to play")
    p.add_argument("--save", metavar="FILE", help="write the game's save file here")
    add_force(p, "save")
    p.add_argument(
        "--bot",
        choices=BOT_NAMES,
        metavar="NAME",
        help=f"let a scripted player play ({', '.join(BOT_NAMES)})",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_recording_args(p)
    p.set_defaults(handler=cmd_run)


def register_replay(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="rebuild a saved game from its log and report it")
    add_save_source(p)
    p.set_defaults(handler=cmd_replay)


def cmd_run(args: argparse.Namespace) -> int:
    from kamsim.commands import _games

    return _games.run(args)


def cmd_replay(args: argparse.Namespace) -> int:
    from kamsim.commands import _games

    return _games.replay(args)


ORDER = 20
REGISTER = [register_run, register_replay]
