"""Playing every (bot, seed) game of a calibration, in one process or several.

Games are independent (scenario + seed + bot), so they are spread over a process pool in a
fixed order and collected in that order: the results are identical for any number of workers.
Each worker receives the scenario and the scorer once (pool initializer), then only
(bot, seed) pairs.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from kamsim.bots import BOT_NAMES, play
from kamsim.bots.graded import SHARES, graded_name
from kamsim.bots.memorised import COPIED, CopiedDebriefBot, MemorisedGuideBot
from kamsim.bots.memorised import NAME as GUIDE
from kamsim.calibrate.stats import Calibration, build_report
from kamsim.scenario.model import Scenario
from kamsim.scoring.truth import expected_tiers
from kamsim.sim import Simulation
from kamsim.sums import ordered_sum

Scorer = Callable[[Simulation], Any]  # returns a Scorecard (or anything shaped like one)


@dataclass(frozen=True)
class GameResult:
    """What calibration keeps of one scored game."""

    bot: str
    seed: int
    total: float
    dimensions: dict[str, float]
    competencies: tuple[tuple[str, float], ...]  # (competency id, score 0–1) in card order
    early_sales: float = 0.0  # territory sales in the first quarter of the game
    outcome: float = 0.0  # the world's outcome: the territory's final KAM value
    form: str | None = None  # the parallel form the seed drew (None without forms)
    expected: tuple[tuple[str, str], ...] = ()  # (account, tier the form's truth expects)
    tiers: tuple[tuple[str, str | None], ...] = ()  # (account, final tier) in scenario order


def early_sales(sim: Simulation) -> float:
    """Territory sales booked in the first quarter: what carpet-bombing can buy quickly."""
    horizon = max(4, sim.scenario.meta.duration_weeks / 4)  # at least one monthly record
    return ordered_sum(
        float(r["sales"])
        for r in sim.world.kpis
        if r["account"] == "territory" and int(r["week"]) <= horizon  # type: ignore[call-overload]
    )


def world_outcome(sim: Simulation) -> float:
    """What the company earned from KAM this year plus the position left (`kam_value`)."""
    for record in reversed(sim.world.kpis):
        if record["account"] == "territory":
            return float(record["kam_value"])  # type: ignore[arg-type]
    return 0.0


def real_scorer() -> Scorer:
    """`kamsim.scoring.score_game`, imported only when a calibration needs it."""
    from kamsim.scoring import score_game

    return score_game


def guide_seed(seed: int, runs: int) -> int:
    """The seed whose expert game the memorised guide copies: the previous one (cyclic)."""
    return runs if seed == 1 else seed - 1


History = tuple[tuple[int, dict[str, Any]], ...]
HISTORIES = 256  # expert games kept for the memorised guide: more than a calibration's seeds
_EXPERT: OrderedDict[tuple[int, int], tuple[Scenario, History]] = OrderedDict()


def expert_history(scenario: Scenario, seed: int) -> History:
    """The expert's submissions on this seed: what the memorised guide copies.

    A game is a pure function of (scenario, seed, bot), and calibration has usually just
    played this very expert game in the same process, so its history is kept (the guide only
    reads it) rather than the game played a second time.
    """
    key = (id(scenario), seed)
    hit = _EXPERT.get(key)
    if hit is not None and hit[0] is scenario:
        _EXPERT.move_to_end(key)
        return hit[1]
    return _remember(scenario, seed, play(scenario, seed, "expert").history)


def _remember(scenario: Scenario, seed: int, history: History) -> History:
    _EXPERT[id(scenario), seed] = (scenario, history)
    while len(_EXPERT) > HISTORIES:
        _EXPERT.popitem(last=False)
    return history


def play_and_score(
    scenario: Scenario, bot: str, seed: int, scorer: Scorer, runs: int = 0
) -> GameResult:
    if bot == GUIDE:
        sim = play(
            scenario, seed, MemorisedGuideBot(expert_history(scenario, guide_seed(seed, runs)))
        )
    elif bot == COPIED:
        world, _ = scenario.for_seed(guide_seed(seed, runs))  # the colleague's game's truth
        copied = {a: t.tier.value for a, t in expected_tiers(world).items()}
        sim = play(scenario, seed, CopiedDebriefBot(seed, copied))
    else:
        sim = play(scenario, seed, bot)
        if bot == "expert":
            _remember(scenario, seed, sim.history)
    card = scorer(sim)
    return GameResult(
        bot=bot,
        seed=seed,
        total=float(card.total),
        dimensions={k: float(v) for k, v in card.dimensions.items()},
        competencies=tuple((c.id, float(c.score)) for c in card.competencies),
        early_sales=early_sales(sim),
        outcome=world_outcome(sim),
        form=sim.form.form if sim.form is not None else None,
        expected=tuple((a, t.tier.value) for a, t in expected_tiers(sim.scenario).items()),
        tiers=tuple((a, s.tier.value if s.tier else None) for a, s in sim.world.accounts.items()),
    )


_WORKER: dict[str, Any] = {}


def _init_worker(scenarios: tuple[Scenario, ...], scorer: Scorer, runs: int) -> None:
    _WORKER["scenarios"], _WORKER["scorer"], _WORKER["runs"] = scenarios, scorer, runs


def _work(task: tuple[int, str, int]) -> GameResult:
    w = _WORKER
    return play_and_score(w["scenarios"][task[0]], task[1], task[2], w["scorer"], w["runs"])


def _work_seed(tasks: list[tuple[int, str, int]]) -> list[GameResult]:
    """One seed's games (every player, every grid point), in one worker process."""
    return [_work(task) for task in tasks]


def run_games(
    scenario: Scenario,
    tasks: Sequence[tuple[str, int]],
    workers: int,
    scorer: Scorer,
    runs: int = 0,
    quiet: bool = True,
    what: str = "playing",
    scheduler: str | None = None,
) -> list[GameResult]:
    """Every (bot, seed) task's result, in task order; workers=1 plays in this process."""
    return run_scenario_games((scenario,), [(0, bot, seed) for bot, seed in tasks], workers,
                              scorer, runs, quiet, what, scheduler)  # fmt: skip


def run_scenario_games(
    scenarios: Sequence[Scenario],
    tasks: Sequence[tuple[int, str, int]],
    workers: int,
    scorer: Scorer,
    runs: int = 0,
    quiet: bool = True,
    what: str = "playing",
    scheduler: str | None = None,
) -> list[GameResult]:
    """Every (scenario index, bot, seed) task's result, in task order.

    Games are handed out seed by seed (`dask_run.execution_order`): a worker then computes a
    seed's no-action baseline once and finds the previous seed's expert game, which the
    memorised guide copies, already played; the results are put back in task order, so
    nothing depends on the order or the number of workers. No more processes than tasks or
    CPUs: more would only start idle interpreters. Each worker receives the scenarios once
    (a sweep's grid points are few, its games many). With `scheduler` (an address, or
    'local'), the games go to a Dask cluster instead (`kamsim.calibrate.dask_run`). Unless
    `quiet`, a progress bar counts the games on stderr (on a terminal, once the work has
    taken a few seconds): a 200-seed run takes minutes.
    """
    from kamsim.calibrate.dask_run import execution_order, run_on_dask
    from kamsim.progress import track

    if scheduler is not None:
        return run_on_dask(scheduler, scenarios, tasks, workers, scorer, runs, quiet, what)
    workers = min(workers, len(tasks), os.cpu_count() or 1)
    order = execution_order(tasks)
    ordered = [tasks[i] for i in order]
    if workers <= 1 or len(tasks) <= 1:
        games = (play_and_score(scenarios[i], bot, seed, scorer, runs) for i, bot, seed in ordered)
        played = list(track(games, what, quiet=quiet, total=len(tasks)))
    else:  # whole seeds to a worker: each seed's baseline is computed in one process only
        seeds = [list(group) for _, group in itertools.groupby(ordered, key=itemgetter(2))]
        chunk = max(1, math.ceil(len(seeds) / (workers * 8)))
        init = (tuple(scenarios), scorer, runs)
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=init) as ex:
            mapped = ex.map(_work_seed, seeds, chunksize=chunk)  # in order, as they complete
            games = (result for done in mapped for result in done)
            played = list(track(games, what, quiet=quiet, total=len(tasks)))
    results: list[GameResult] = [None] * len(tasks)  # type: ignore[list-item]
    for i, result in zip(order, played, strict=True):
        results[i] = result
    return results


def calibrate(
    scenario: Scenario,
    runs: int,
    workers: int = 1,
    scorer: Scorer | None = None,
    bots: Iterable[str] = BOT_NAMES,
    min_separation: float = 0.95,
    graded: bool = True,
    guide: bool = True,
    quiet: bool = True,
    scheduler: str | None = None,
) -> Calibration:
    """Play every bot on seeds 1..runs, score each game and summarise (see `Calibration`).

    With `graded`, the graded population (the expert with 10 … 60 % of its decisions made by a
    novice) plays the same seeds too; with `guide`, the memorised guide (the expert's game of
    the previous seed replayed) and the copied debrief (the expert's practices with the previous
    seed's right tiers set from week one) do.
    """
    names = list(bots)
    ladder = [graded_name(s) for s in SHARES if s > 0] if graded else []
    extra = [GUIDE, COPIED] if guide and runs >= 2 else []
    players = [*names, *ladder, *extra]
    tasks = [(bot, seed) for bot in players for seed in range(1, runs + 1)]
    results = run_games(scenario, tasks, workers, scorer or real_scorer(), runs, quiet,
                        "calibrating", scheduler)  # fmt: skip
    field = [r for r in results if r.bot in names]
    population = [r for r in results if r.bot in ladder or (graded and r.bot == "expert")]
    copies = [r for r in results if r.bot == GUIDE]
    debriefs = [r for r in results if r.bot == COPIED]
    return build_report(scenario, runs, names, field, min_separation, population, copies,
                        debriefs)  # fmt: skip
