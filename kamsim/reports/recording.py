"""Recording finished games into the results store, and rescoring them when the rubric changes.

`kamsim play`, `kamsim run` and autoplay call `add_recording_args(parser)` when they build their
parser and `maybe_record(args, sim, mode=…)` when the game is over. When another program holds
the database for longer than the store waits, the finished game is not lost: it is written to
a pending file in the data folder, and `kamsim record FILE` stores it later.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim import safejson
from kamsim.atomic import atomic_write_text
from kamsim.errors import UserError
from kamsim.reports import games, modes
from kamsim.reports.games import card_dict, new_game, outcome_of
from kamsim.reports.paths import data_dir
from kamsim.reports.store import (
    DatabaseBusy,
    NewGame,
    ResultsStore,
    StoredGame,
    check_seed,
    game_fields,
    open_store,
)
from kamsim.sim import Simulation

PENDING_FORMAT = "kamsim-pending"

Scorer = Callable[[Simulation], dict[str, Any]]


def record_game(
    db: str | Path | ResultsStore | None,
    sim: Simulation,
    participant: str,
    cohort: str,
    scorecard: Any,
    *,
    mode: str = modes.UNKNOWN,
    input_times: tuple[float | None, ...] | None = None,
) -> int:
    """Store a game with its scorecard (a Scorecard or its dict); returns the run id.

    `mode` says how it was played (`kamsim.reports.modes`); only "ui" games import as
    assessments, so callers that know better than "unknown" should say so.
    """
    participant, cohort = participant.strip(), cohort.strip()
    if not participant or not cohort:
        raise UserError("recording a game needs a participant name and a cohort id")
    game = new_game(sim, participant, cohort, mode=mode, input_times=input_times)
    if isinstance(db, ResultsStore):
        return db.add(games.keeping_scenario(game, sim, db), card_dict(scorecard))
    with open_store(db) as store:
        return store.add(games.keeping_scenario(game, sim, store), card_dict(scorecard))


def check_recording_args(args: argparse.Namespace) -> bool:
    """Whether the game is to be recorded; call it before playing, so a trainee never finds
    out after a whole game that one of the two names was missing."""
    participant, cohort = getattr(args, "participant", None), getattr(args, "cohort", None)
    if bool(participant) != bool(cohort):
        raise UserError("to record the game give both --participant NAME and --cohort ID")
    seed = getattr(args, "seed", None)
    if participant and isinstance(seed, int):
        check_seed(seed)
    if participant:
        _check_enrolled(participant.strip(), cohort.strip(), seed)
    return bool(participant)


def _check_enrolled(participant: str, cohort: str, seed: int | None) -> None:
    """On an enrolled laptop, a game for someone else (or another seed) would never import:
    say so before the game rather than after it."""
    from kamsim.reports.keys import installed_enrolment

    found = installed_enrolment()
    if found is None:
        return
    if (participant, cohort) != (found.participant, found.cohort) or (
        seed is not None and seed != found.seed
    ):
        raise UserError(
            f"this laptop is enrolled as {found.participant!r} in cohort {found.cohort!r} on "
            f"{found.scenario_id} seed {found.seed}; play with those (a game recorded for "
            "anyone or anything else cannot be imported)",
            2,
        )


def maybe_record(
    args: argparse.Namespace,
    sim: Simulation,
    scorer: Scorer | None = None,
    *,
    mode: str = modes.UNKNOWN,
    input_times: tuple[float | None, ...] | None = None,
) -> int | None:
    """Score and record the game when --participant and --cohort were given; the run id.

    If the database stays busy, the game goes to a pending file and DatabaseBusy (exit 75)
    says which command records it later.
    """
    if not check_recording_args(args):
        return None
    participant, cohort = args.participant, args.cohort
    if not sim.finished:
        raise UserError(
            f"the game stopped in week {sim.week} of {sim.scenario.meta.duration_weeks}; "
            "only finished games are recorded"
        )
    card = (scorer or games.scorecard_of)(sim)
    db = getattr(args, "db", None)
    participant, cohort = participant.strip(), cohort.strip()
    if not participant or not cohort:
        raise UserError("recording a game needs a participant name and a cohort id")
    game = new_game(sim, participant, cohort, mode=mode, input_times=input_times)
    try:
        with open_store(db) as store:
            run = store.add(games.keeping_scenario(game, sim, store), card_dict(card))
    except DatabaseBusy as err:
        pending = write_pending(game)
        again = f"kamsim record {shlex.quote(str(pending))}" + (
            f" --db {shlex.quote(str(db))}" if db else ""
        )
        raise UserError(
            f"{err}; the finished game was not recorded yet but is kept in {pending}: "
            f"record it later with: {again}",
            err.exit_code,
        ) from None
    print(f"kamsim: recorded as run {run} for {participant} in cohort {cohort}", file=sys.stderr)
    return run


def pending_dir() -> Path:
    return data_dir() / "pending"


def write_pending(game: NewGame) -> Path:
    """Keep a finished game that could not be stored (what rebuilds it, and how it was played)."""
    folder = pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{game.uid}.kamsim-pending.json"
    doc = {
        "format": PENDING_FORMAT,
        "format_version": 1,
        "game": game_fields(game),
    }
    atomic_write_text(path, json.dumps(doc, sort_keys=True, indent=1, allow_nan=False) + "\n")
    return path


def record_pending(path: str | Path, db: str | Path | None, scorer: Scorer | None = None) -> int:
    """Store a pending game: replayed to its digest and scored afresh; the file is then removed.

    A pending game is this machine's own record of a game it could not store; it counts no
    more than any local game does (`import` on the facilitator's machine decides that).
    """
    from kamsim.reports.signing import Tampered, check_game

    path = Path(path)
    doc = safejson.read_document(path, "a kamsim pending game")
    if not isinstance(doc, dict) or doc.get("format") != PENDING_FORMAT:
        raise UserError(f"{path}: not a kamsim pending game ('format' is not '{PENDING_FORMAT}')")
    g = doc.get("game")
    try:
        if not isinstance(g, dict):
            raise Tampered("'game' must be an object")
        check_game(g)
    except (Tampered, KeyError) as err:
        raise UserError(f"{path}: not a kamsim pending game ({err})") from None
    actions = [(a["week"], a["action"]) for a in g["actions"]]
    with open_store(db) as store:
        sim = games.rebuild(
            g["scenario_id"], g["scenario_hash"], g["seed"], actions, g["week"], store
        )
        if sim.digest() != g["digest"]:
            raise UserError(f"{path}: its log does not replay to its digest")
        times = g.get("input_times")
        game = new_game(
            sim,
            g["participant"],
            g["cohort"],
            uid=g["uid"],
            played_at=g["played_at"],
            mode=g.get("mode", modes.UNKNOWN),
            input_times=None if times is None else tuple(times),
        )
        existing = store.find_uid(g["uid"])
        run = (
            existing
            if existing is not None
            else store.add(
                games.keeping_scenario(game, sim, store), (scorer or games.scorecard_of)(sim)
            )
        )
    path.unlink(missing_ok=True)
    return run


@dataclass(frozen=True)
class Rescored:
    """What a rescore did to one game."""

    game: StoredGame
    changed: bool
    total: float | None = None
    rubric_version: str | None = None
    problem: str | None = None


def rescore_games(
    store: ResultsStore,
    cohort: str | None = None,
    scorer: Scorer | None = None,
    *,
    quiet: bool = True,
) -> list[Rescored]:
    """Replay each stored log and score it with today's rubric; old scores stay in history.

    A game that cannot be replayed to its stored digest keeps its score and is reported.
    `quiet=False` shows a progress bar on a terminal (`kamsim rescore` does).
    """
    from kamsim.progress import track

    out = []
    for game in track(store.games(cohort), "rescoring", quiet=quiet):
        if "EDITED" in game.integrity:  # never rescore (and so re-seal) an edited row
            out.append(Rescored(game, False, problem=f"not rescored — {game.integrity}"))
            continue
        try:
            sim = games.replay_stored(game, store)
        except UserError as err:
            out.append(Rescored(game, False, problem=str(err)))
            continue
        card = (scorer or games.scorecard_of)(sim)
        changed = store.rescore(game.id, card, outcome_of(sim))
        out.append(Rescored(game, changed, float(card["total"]), str(card["rubric_version"])))
    return out
