"""Recording finished games into the results store, and rescoring them when the rubric changes.

`kamsim play`, `kamsim run` and autoplay call `add_recording_args(parser)` when they build their
parser and `maybe_record(args, sim)` when the game is over.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamsim.errors import UserError
from kamsim.reports import games
from kamsim.reports.games import card_dict, new_game, outcome_of
from kamsim.reports.store import ResultsStore, StoredGame, open_store
from kamsim.sim import Simulation

Scorer = Callable[[Simulation], dict[str, Any]]


def record_game(
    db: str | Path | ResultsStore | None,
    sim: Simulation,
    participant: str,
    cohort: str,
    scorecard: Any,
) -> int:
    """Store a game with its scorecard (a Scorecard or its dict); returns the run id."""
    participant, cohort = participant.strip(), cohort.strip()
    if not participant or not cohort:
        raise UserError("recording a game needs a participant name and a cohort id")
    game = new_game(sim, participant, cohort)
    if isinstance(db, ResultsStore):
        return db.add(game, card_dict(scorecard))
    with open_store(db) as store:
        return store.add(game, card_dict(scorecard))


def check_recording_args(args: argparse.Namespace) -> bool:
    """Whether the game is to be recorded; call it before playing, so a trainee never finds
    out after a whole game that one of the two names was missing."""
    participant, cohort = getattr(args, "participant", None), getattr(args, "cohort", None)
    if bool(participant) != bool(cohort):
        raise UserError("to record the game give both --participant NAME and --cohort ID")
    return bool(participant)


def maybe_record(
    args: argparse.Namespace, sim: Simulation, scorer: Scorer | None = None
) -> int | None:
    """Score and record the game when --participant and --cohort were given; the run id."""
    if not check_recording_args(args):
        return None
    participant, cohort = args.participant, args.cohort
    if not sim.finished:
        raise UserError(
            f"the game stopped in week {sim.week} of {sim.scenario.meta.duration_weeks}; "
            "only finished games are recorded"
        )
    card = (scorer or games.scorecard_of)(sim)
    run = record_game(getattr(args, "db", None), sim, participant, cohort, card)
    print(f"kamsim: recorded as run {run} for {participant} in cohort {cohort}", file=sys.stderr)
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
    store: ResultsStore, cohort: str | None = None, scorer: Scorer | None = None
) -> list[Rescored]:
    """Replay each stored log and score it with today's rubric; old scores stay in history.

    A game that cannot be replayed to its stored digest keeps its score and is reported.
    """
    out = []
    for game in store.games(cohort):
        try:
            sim = games.replay_stored(game)
        except UserError as err:
            out.append(Rescored(game, False, problem=str(err)))
            continue
        card = (scorer or games.scorecard_of)(sim)
        changed = store.rescore(game.id, card, outcome_of(sim))
        out.append(Rescored(game, changed, float(card["total"]), str(card["rubric_version"])))
    return out
