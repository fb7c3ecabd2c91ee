"""Autoplay: a bot plays through the screens with clicks and keys, and the game equals the bot's
own game. Also the `kamsim play` command's headless behaviour."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.cli import main
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.ui import games
from kamsim.ui.app import Options, run_app


def _autoplay(scenario: str, bot: str, seed: int, **kw: object) -> tuple[Options, object]:
    options = Options(autoplay=bot, seed=seed, fast=True, **kw)  # type: ignore[arg-type]
    options.controller = games.new_game(scenario, seed, autosave=False)
    options.start_screen = "briefing"
    run_app(options)
    return options, options.controller


def test_tutorial_autoplay_equals_the_bots_game_with_screenshots(tmp_path: Path) -> None:
    options, controller = _autoplay("tutorial", "expert", 1, screenshots=tmp_path)
    expected = play(load_scenario(resolve("tutorial")), 1, "expert")
    assert controller.sim.finished
    assert controller.sim.digest() == expected.digest()
    stats = options.autoplay_stats
    assert stats is not None and (stats["fallbacks"], stats["mismatches"]) == (0, 0)
    assert stats["clicks"] > len(controller.sim.history)  # at least one click per decision
    names = {p.name.rsplit("-", 1)[0] for p in tmp_path.glob("*.png")}
    assert {"briefing", "dashboard", "account", "meeting", "planning", "inbox", "debrief"} <= names
    assert (tmp_path / "briefing-001.png").exists()


# Inputs for the expert's standard year, seed 1 (issue 14 aims at 500): 500 since a person's
# "Meet now" button holds the meeting in one click, 515 with the monthly review routine, the
# quieter week report and the shortcuts to the plan, 567 before them. A guard against
# regressions, at the aim.
PACE_LIMIT = 500


def test_the_standard_years_inputs_through_the_screens_stay_within_the_limit() -> None:
    """The pace a person can keep in a 90-minute session: the expert's whole standard year,
    every click, key press and character typed, with the headless game's digest."""
    options, controller = _autoplay("standard", "expert", 1)
    stats = options.autoplay_stats
    assert stats is not None and (stats["fallbacks"], stats["mismatches"]) == (0, 0)
    assert controller.sim.digest() == play(load_scenario(resolve("standard")), 1, "expert").digest()
    inputs = stats["clicks"] + stats["keys"] + stats["characters"]
    assert inputs <= PACE_LIMIT, stats


@pytest.mark.parametrize("scenario", ["standard", "advanced"])
def test_longer_scenarios_autoplay_the_first_weeks(scenario: str) -> None:
    """A few weeks through the screens; same decisions as the bot (forms aside)."""
    options, controller = _autoplay(scenario, "expert", 2, max_frames=500)
    sim = controller.sim
    ref = play(load_scenario(resolve(scenario)), 2, "expert")
    ours = list(sim.history)
    theirs = list(ref.history)[: len(ours)]
    assert len(ours) > 10 and ours == theirs
    assert options.autoplay_stats["fallbacks"] == 0


@pytest.mark.parametrize("bot", ["novice", "random"])
def test_other_bots_play_the_tutorial_through_the_screens(bot: str) -> None:
    """The same game, click for click: the digests are equal."""
    _, controller = _autoplay("tutorial", bot, 7)
    ref = play(load_scenario(resolve("tutorial")), 7, bot)
    assert controller.sim.digest() == ref.digest()


def test_play_command_autoplay_prints_the_digest(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["play", "tutorial", "--seed", "1", "--autoplay", "expert", "--fast"])
    out = capsys.readouterr().out
    expected = play(load_scenario(resolve("tutorial")), 1, "expert").digest()
    assert code == 0 and f"digest {expected}" in out
    assert re.search(r"^inputs: \d+ clicks, \d+ key presses, \d+ characters typed$", out, re.M)


def test_a_meeting_after_a_meeting_at_the_same_account_stays_on_the_meeting() -> None:
    """The shortest way through the screens: no round trip by the dashboard between two
    meetings at one account, and a purpose already chosen is not clicked again."""
    options, controller = _autoplay("standard", "expert", 1, max_frames=400)
    history = list(controller.sim.history)
    meetings = sum(1 for _, a in history if a["kind"] == "meet")
    assert meetings >= 5 and options.autoplay_stats["fallbacks"] == 0
    assert options.autoplay_stats["clicks"] < 7 * len(history)  # 8+ a decision before


def test_unknown_bot_and_missing_scenario_are_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "tutorial", "--autoplay", "grandmaster"]) == 1
    assert "unknown bot 'grandmaster'" in capsys.readouterr().err
    assert main(["play", "nowhere", "--autoplay", "expert"]) == 1
    assert "no scenario file or bundled scenario called 'nowhere'" in capsys.readouterr().err


def test_no_display_is_a_clear_message(tmp_path: Path) -> None:
    env = dict(os.environ, SDL_VIDEODRIVER="nosuchdriver", KAMSIM_DATA_DIR=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-m", "kamsim", "play", "tutorial"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "SDL_VIDEODRIVER=dummy" in proc.stderr and "kamsim run" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("driver", ["dummy", None])
def test_an_invisible_window_is_refused_unless_a_bot_plays(tmp_path: Path, driver) -> None:
    """Without a display SDL falls back to an invisible driver; the game must not wait forever."""
    env = dict(os.environ, KAMSIM_DATA_DIR=str(tmp_path))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if driver is None:
        env.pop("SDL_VIDEODRIVER", None)
    else:
        env["SDL_VIDEODRIVER"] = driver
    proc = subprocess.run([sys.executable, "-m", "kamsim", "play", "tutorial"], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 1
    assert "no display to show the game on" in proc.stderr
    assert "--autoplay" in proc.stderr and "kamsim run" in proc.stderr


def test_play_records_the_finished_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "results.sqlite3"
    args = ["play", "tutorial", "--seed", "2", "--autoplay", "novice", "--fast",
            "--participant", "ana", "--cohort", "ws1", "--db", str(db)]  # fmt: skip
    assert main(args) == 0
    assert "recorded as run 1 for ana in cohort ws1" in capsys.readouterr().err
    assert main(["results", "--db", str(db), "--json"]) == 0
    assert '"participant": "ana"' in capsys.readouterr().out
