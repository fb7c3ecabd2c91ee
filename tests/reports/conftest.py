"""Fixtures for the results store, signed files, reports and xAPI.

Every test gets its own data and config folders (so nothing touches the user's), a result key
in the environment, and bot games that are played once per session.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.cli import main
from kamsim.reports import ResultsStore, record_game
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.scenario.model import Scenario
from kamsim.scoring import score_game
from kamsim.sim import Simulation, replay

KEY = "workshop-key-0123456789abcdef"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMSIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KAMSIM_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KAMSIM_RESULT_KEY", KEY)
    # kamsim.config's settings, so a facilitator's own environment never leaks into a test
    settings = ("KAMSIM_CONFIG", "KAMSIM_LRS", "KAMSIM_XAPI_BASE_IRI", "KAMSIM_COHORT",
                "KAMSIM_RESULT_KEY_FILE")  # fmt: skip
    for name in ("KAMSIM_LRS_USER", "KAMSIM_LRS_PASSWORD", "KAMSIM_SCENARIOS", *settings):
        monkeypatch.delenv(name, raising=False)


@functools.cache
def scenario(name: str) -> Scenario:
    return load_scenario(resolve(name))


@functools.cache
def bot_game(name: str, seed: int, bot: str) -> Simulation:
    """A finished bot game, played once per session (callers must not advance it)."""
    return play(scenario(name), seed, bot)


@functools.cache
def trainee_game(name: str, seed: int, bot: str = "novice") -> Simulation:
    """A finished game standing in for a person's: a bot's decisions less its first one, so it
    is no bot's game (import refuses a bot's game as an assessment)."""
    base = bot_game(name, seed, bot)
    return replay(scenario(name), seed, list(base.history)[1:], until_week=base.week)


def input_times(sim: Simulation, start: float = 1_800_000_000.0) -> tuple[float, ...]:
    """Wall-clock times for each input, as the game window records them (one a minute)."""
    return tuple(start + 60.0 * i for i in range(len(sim.history)))


@pytest.fixture
def store(tmp_path: Path) -> ResultsStore:
    with ResultsStore(tmp_path / "results.sqlite3") as db:
        yield db


@pytest.fixture
def db_path(store: ResultsStore) -> Path:
    return store.path


Recorder = Callable[..., int]


@pytest.fixture
def record(store: ResultsStore) -> Recorder:
    """record(scenario, seed, bot, participant, cohort) → run id, scored by the real rubric."""

    def make(name: str, seed: int, bot: str, participant: str, cohort: str = "c1") -> int:
        sim = bot_game(name, seed, bot)
        return record_game(store, sim, participant, cohort, score_game(sim))

    return make


@pytest.fixture
def record_played(store: ResultsStore) -> Recorder:
    """record_played(scenario, seed, participant, cohort) → run id of a person's game (mode ui)."""

    def make(
        name: str, seed: int, participant: str, cohort: str = "c1", bot: str = "novice"
    ) -> int:
        sim = trainee_game(name, seed, bot)
        return record_game(
            store,
            sim,
            participant,
            cohort,
            score_game(sim),
            mode="ui",
            input_times=input_times(sim),
        )

    return make


def cli(*args: object) -> int:
    return main([str(a) for a in args])


# Bot games per bundled scenario for the report tests: small, but every scenario, several bots.
SCENARIO_GAMES: dict[str, list[tuple[int, str]]] = {
    "tutorial": [
        (1, "novice"),
        (1, "expert"),
        (1, "random"),
        (2, "expert"),
        (2, "novice"),
        (2, "carpet-bomber"),
    ],
    "standard": [(1, "random"), (1, "novice")],
    "advanced": [(1, "random"), (1, "novice")],
}
