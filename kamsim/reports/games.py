"""From a game to what the store keeps, and back: scores, outcome summaries, faithful replays.

Scoring and the expert bot are imported where they are used, so the store and the signed files
work (and are testable) on their own.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from kamsim.errors import UserError
from kamsim.reports.store import NewGame, ResultsStore, StoredGame, utc_now
from kamsim.scenario import catalog
from kamsim.scenario.load import load_scenario, scenario_from_text, scenario_hash
from kamsim.scenario.model import Scenario
from kamsim.scenario.problems import LoadError
from kamsim.sim import Simulation, kpis, replay
from kamsim.sim.log import plain


def scorecard_of(sim: Simulation) -> dict[str, Any]:
    """The game's scorecard in its JSON form, from the current rubric."""
    from kamsim.scoring import score_game

    return score_game(sim).to_dict()


def expert_game(scenario: Scenario, seed: int) -> Simulation:
    """The expert bot's game on the same world: the debrief's point of comparison."""
    from kamsim.bots import play

    return play(scenario, seed, "expert")


def card_dict(scorecard: Any) -> dict[str, Any]:
    """A Scorecard (or its dict form) as a plain dict."""
    return dict(scorecard) if isinstance(scorecard, Mapping) else scorecard.to_dict()


def outcome_of(sim: Simulation) -> dict[str, Any]:
    """What the game ended with, for cohort reports: tiers, campaigns, plans, final KPIs."""
    world = sim.world
    plans = {
        acc_id: {
            "version": acc.plan.version,
            "agreed": acc.agreed is not None,
            "co_created": bool(acc.agreed and acc.agreed.co_created),
            "projects": list(acc.plan.plan.project_ids),
        }
        for acc_id, acc in world.accounts.items()
        if acc.plan is not None
    }
    return {
        "week": sim.week,
        "finished": sim.finished,
        "tiers": {a: (s.tier.value if s.tier else None) for a, s in world.accounts.items()},
        "campaigns": {c: decision for c, (decision, _week) in sorted(world.campaigns.items())},
        "plans": plans,
        "kpis": territory_kpis(sim),
        "accepted": sum(1 for e in sim.log if e.kind == "action"),
        "refused": sum(1 for e in sim.log if e.kind == "refused"),
    }


def territory_kpis(sim: Simulation) -> dict[str, Any]:
    """The territory's latest monthly KPI record (empty before the first month ends)."""
    return dict(plain(kpis.latest(sim.world.kpis).get("territory", {})))


def new_game(
    sim: Simulation,
    participant: str,
    cohort: str,
    *,
    uid: str | None = None,
    played_at: str | None = None,
    source: str = "local",
    mode: str = "unknown",
    input_times: tuple[float | None, ...] | None = None,
) -> NewGame:
    """The store's record of a game (a fresh uid and the current time unless given)."""
    return NewGame(
        uid=uid or uuid.uuid4().hex,
        participant=participant,
        cohort=cohort,
        scenario_id=sim.scenario.meta.id,
        scenario_hash=sim.scenario_hash,
        seed=sim.seed,
        week=sim.week,
        actions=sim.history,
        digest=sim.digest(),
        outcome=outcome_of(sim),
        played_at=played_at or utc_now(),
        source=source,
        mode=mode,
        input_times=input_times,
    )


def keeping_scenario(game: NewGame, sim: Simulation, store: ResultsStore) -> NewGame:
    """The game carrying its scenario's canonical text when the store does not hold it yet.

    Why: a game cites its scenario by id and content hash only; a trainer's own file may be
    moved, edited or deleted after the game, and then debrief, reports, xAPI, rescore and verify
    could no longer replay it. Kept by hash in the store, the scenario travels with the games.
    """
    if store.scenario_text(game.scenario_hash) is not None:
        return game
    text = sim.template.canonical_text()
    return game if text is None else replace(game, scenario_text=text)


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, size: int) -> Scenario:
    return load_scenario(path)


def _load_checked(path: Path, scenario_id: str) -> Scenario:
    try:
        stat = path.stat()
        return _load(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError as err:
        raise UserError(f"scenario '{scenario_id}': cannot read {path} ({err.strerror})") from None
    except LoadError as err:
        lines = "\n".join(p.format() for p in err.problems)
        raise UserError(f"scenario '{scenario_id}' has errors:\n{lines}") from None


def scenario_for(
    scenario_id: str, expected_hash: str, store: ResultsStore | None = None
) -> Scenario:
    """The scenario a stored game was played on, refusing one whose content has changed.

    Why only these places: a scenario is what a log is replayed and scored on, so whoever
    picks the file picks the score. It is looked up by id among the bundled scenarios, then in
    this machine's own scenario folders ($KAMSIM_SCENARIOS, the user scenario folder), then by
    hash among the scenarios the results store keeps (those its games cite and its cohorts
    were enrolled on); never in the current folder or next to the files being imported. Each
    candidate must load to the expected hash, so a changed file is never used.
    """
    candidates = [
        p for p in (catalog.bundled().get(scenario_id), catalog.trainers().get(scenario_id)) if p
    ]
    unusable: list[UserError] = []  # a broken file of that name must not hide the kept copy
    for path in candidates:
        try:
            scenario = _load_checked(path, scenario_id)
        except UserError as err:
            unusable.append(err)
            continue
        if scenario_hash(scenario) == expected_hash:
            return scenario
    enrolled = store.scenario_text(expected_hash) if store is not None else None
    if enrolled is not None:
        try:
            scenario = scenario_from_text(enrolled[1])
        except LoadError as err:
            lines = "\n".join(p.format() for p in err.problems)
            raise UserError(f"enrolled scenario '{scenario_id}' has errors:\n{lines}") from None
        if scenario_hash(scenario) == expected_hash:
            return scenario
    if unusable:
        raise unusable[0]
    folder = catalog.user_scenarios_dir()
    how = (
        f"copy the scenario file it was played on into {folder} (or a folder named by "
        f"${catalog.SCENARIOS_ENV}), or enrol the cohort with that file"
    )
    if not candidates:
        raise UserError(
            f"scenario '{scenario_id}' is not bundled, not in your scenario folders and not "
            f"kept in the results database: {how}"
        )
    where = ", ".join(str(p) for p in candidates)
    raise UserError(
        f"scenario '{scenario_id}' ({where}) is not the version this game was played on "
        f"(hash {expected_hash[:12]}…); its log cannot be replayed faithfully: {how}"
    )


def rebuild(
    scenario_id: str,
    expected_hash: str,
    seed: int,
    actions: Iterable[tuple[int, Mapping[str, Any]]],
    week: int,
    store: ResultsStore | None = None,
) -> Simulation:
    """Replay a stored game's submissions on its scenario, up to the week it was left at."""
    scenario = scenario_for(scenario_id, expected_hash, store)
    try:
        return replay(scenario, seed, list(actions), until_week=week)
    except ValueError as err:
        raise UserError(f"the action log cannot be replayed: {err}") from None


def replay_stored(game: StoredGame, store: ResultsStore | None = None) -> Simulation:
    """A stored game rebuilt from its log, refused if it no longer gives the stored digest."""
    sim = rebuild(game.scenario_id, game.scenario_hash, game.seed, game.actions, game.week, store)
    if sim.digest() != game.digest:
        raise UserError(
            f"run {game.id}: its log no longer replays to the stored digest "
            "(the simulation has changed since it was recorded)"
        )
    return sim
