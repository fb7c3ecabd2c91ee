"""Whether an intact result file counts as an assessment: the trainee's finished game, played
at the screen, on the cohort's world.

Why a second set of checks: the signature and the replay prove that a file is what its laptop
signed and that its scores are what its decisions earn. They do not prove that the game is one
the cohort should be ranked on: a game cut short at week 30, a game played by a bot, or one
played on a better seed are all intact. `import` refuses them as assessments; `verify` says
why it would.
"""

from __future__ import annotations

from kamsim.reports import modes
from kamsim.reports.signing import Audit, NotAnAssessment
from kamsim.reports.store import ResultsStore
from kamsim.scenario.model import Scenario

_BOT_DIGESTS: dict[tuple[str, int], dict[str, str]] = {}


def bot_digests(scenario: Scenario, scenario_hash: str, seed: int) -> dict[str, str]:
    """Each bot's game digest on this world → the bot's name (played once per world)."""
    from kamsim.bots import play
    from kamsim.bots.names import BOT_NAMES

    key = (scenario_hash, seed)
    if key not in _BOT_DIGESTS:
        _BOT_DIGESTS[key] = {play(scenario, seed, name).digest(): name for name in BOT_NAMES}
    return _BOT_DIGESTS[key]


def assess(checked: Audit, store: ResultsStore | None = None) -> list[str]:
    """Raise NotAnAssessment with the first reason the game cannot count; else notes."""
    g, sim = checked.game, checked.sim
    notes: list[str] = []
    world = store.cohort_world(g["cohort"]) if store is not None else None
    if world is not None:
        if world["scenario_hash"] != g["scenario_hash"]:
            raise NotAnAssessment(
                f"played on scenario {g['scenario_id']} (hash {g['scenario_hash'][:12]}…); "
                f"cohort {g['cohort']!r} is enrolled on {world['scenario_id']} "
                f"(hash {world['scenario_hash'][:12]}…)"
            )
        if world["seed"] != g["seed"]:
            raise NotAnAssessment(
                f"played on seed {g['seed']}; cohort {g['cohort']!r} is enrolled on seed "
                f"{world['seed']}"
            )
    elif checked.signer == "facilitator" and store is not None:
        notes.append(f"cohort {g['cohort']!r} is not enrolled here: its seed was not checked")
    if not sim.finished:
        duration = sim.scenario.meta.duration_weeks
        raise NotAnAssessment(
            f"unfinished: the game stopped in week {sim.week} of {duration}; only finished "
            "games are assessments"
        )
    if "mode" not in g:
        raise NotAnAssessment(
            "how it was played is not recorded (a format-1 file): export it again from the "
            "laptop with this kamsim"
        )
    if not modes.is_assessable(checked.mode):
        raise NotAnAssessment(f"{modes.describe(checked.mode)}; only a person's game counts")
    if sim.history:
        bot = bot_digests(sim.scenario, g["scenario_hash"], g["seed"]).get(sim.digest())
        if bot is not None:
            raise NotAnAssessment(
                f"its decisions are exactly those of the '{bot}' bot on this seed, although "
                "it says a person played it"
            )
    times = checked.input_times
    if times is None or all(t is None for t in times):
        if sim.history:
            notes.append("no input times recorded")
    elif any(t is None for t in times):
        missing = sum(1 for t in times if t is None)
        notes.append(f"{missing} of {len(times)} inputs without a time (resumed)")
    return notes
