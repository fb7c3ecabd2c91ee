"""The progress bar of the long commands: on a terminal only, never with --quiet, and drawn
with carriage returns alone, so it passes through kamsim.cli's control-character escaping."""

from __future__ import annotations

import io
import os
import select
import sys

import pytest

from kamsim.cli import _VisibleControls, build_parser
from kamsim.progress import bar, echo, shown, track


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_drawn_without_escape_codes() -> None:
    screen = Terminal()
    seen = list(track(range(5), "rescoring", stream=_VisibleControls(screen), delay=0))
    assert seen == [0, 1, 2, 3, 4]
    drawn = screen.getvalue()
    assert "rescoring:" in drawn and "/5 [" in drawn and drawn.endswith("\r")  # then erased
    assert "\x1b" not in drawn and "\\x1b" not in drawn  # nothing escaped by the proxy


def test_no_bar_off_a_terminal_or_when_quiet() -> None:
    pipe, screen = io.StringIO(), Terminal()
    assert list(track([1, 2], "importing", stream=pipe, delay=0)) == [1, 2]
    assert list(track([1, 2], "importing", stream=screen, delay=0, quiet=True)) == [1, 2]
    assert pipe.getvalue() == screen.getvalue() == ""
    assert not shown(stream=pipe) and not shown(True, screen) and shown(stream=screen)


def test_a_quick_job_shows_nothing() -> None:
    screen = Terminal()
    with bar(3, "cohort report", stream=screen) as step:  # the default delay: 2 s
        for _ in range(3):
            step()
    assert screen.getvalue() == ""


def test_a_line_printed_during_a_bar_is_not_mixed_into_it() -> None:
    screen = Terminal()
    for i in track(range(2), "importing", stream=screen, delay=0):
        echo(f"file {i}: stored", screen)
    lines = [line.split("\r")[-1] for line in screen.getvalue().split("\n")]
    assert "file 0: stored" in lines and "file 1: stored" in lines


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "x.json", "--quiet"],
        ["rescore", "-q"],
        ["export", "xapi", "--cohort", "c", "--out", "x", "--quiet"],
        ["report", "cohort", "c", "--csv", "x", "--quiet"],
        ["calibrate", "tutorial", "--runs", "2", "-q"],
        ["audit", "tutorial", "--quiet"],
    ],
)
def test_the_long_commands_take_quiet(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).quiet is True


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_terminal_that_cannot_tell_its_size_still_gets_the_bar(monkeypatch) -> None:
    """A pty with no window size (ssh without a tty size, some CI consoles): tqdm would take
    its height as -1 and draw nothing, so the height is given, not asked. (tqdm asks only
    when writing to sys.stderr itself, as the commands do: hence the monkeypatch.)"""
    master, slave = os.openpty()
    with open(slave, "w", encoding="utf-8", closefd=True) as screen:
        monkeypatch.setattr(sys, "stderr", _VisibleControls(screen))
        for _ in track(range(3), "importing", delay=0):
            pass
        monkeypatch.undo()
    drawn = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the slave end is closed and everything was read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    assert b"importing:" in drawn and b"\x1b" not in drawn


def test_calibration_counts_its_games_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import functools

    import kamsim.progress
    from kamsim.calibrate.run import run_games

    screen = Terminal()
    monkeypatch.setattr(kamsim.progress, "track", functools.partial(track, delay=0))
    monkeypatch.setattr(sys, "stderr", screen)

    def fake(scenario: object, bot: str, seed: int, scorer: object, runs: int) -> str:
        return f"{bot}/{seed}"

    monkeypatch.setattr("kamsim.calibrate.run.play_and_score", fake)
    tasks = [("expert", s) for s in range(1, 4)]
    assert run_games(None, tasks, 1, None, quiet=False, what="calibrating") == [  # type: ignore[arg-type]
        "expert/1", "expert/2", "expert/3"]  # fmt: skip
    assert "calibrating:" in screen.getvalue() and "/3 [" in screen.getvalue()
    screen.seek(0)
    screen.truncate()
    run_games(None, tasks, 1, None)  # type: ignore[arg-type]  # quiet by default (the library)
    assert screen.getvalue() == ""
