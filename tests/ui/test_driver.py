"""The window is driven through its drivers: the App calls them each frame and knows nothing
of autoplay or screenshots; a photographer saves exactly the frames that show something new."""

from __future__ import annotations

from pathlib import Path

from kamsim.ui.app import App, Options
from kamsim.ui.controller import GameController
from kamsim.ui.driver import Photographer, drivers_for
from tests.ui.conftest import click, frames


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def before_frame(self, app: App) -> None:
        self.calls.append(("before", app.frame))

    def after_frame(self, app: App) -> None:
        self.calls.append(("after", app.frame))


def test_each_frame_calls_every_driver_before_and_after(app: App, game: GameController) -> None:
    recorder = Recorder()
    app.drivers.append(recorder)
    first = app.frame
    frames(app, 3)
    assert recorder.calls == [(w, first + i) for i in range(3) for w in ("before", "after")]


def test_a_photographer_saves_the_frames_with_something_new(
    app: App, game: GameController, tmp_path: Path
) -> None:
    shots = tmp_path / "shots"
    app.drivers.append(Photographer(shots))
    frames(app, 3)  # the dashboard, drawn before: nothing new
    assert not shots.exists()
    click(app, f"account_{game.view.accounts[0].id}")
    frames(app, 3)
    assert [p.name for p in shots.iterdir()] == ["account-001.png"]


def test_the_play_flags_become_drivers(tmp_path: Path) -> None:
    app = App(Options(fast=True, driven=True))
    assert drivers_for(app, app.options) == []
    both = Options(autoplay="expert", screenshots=tmp_path)
    kinds = [type(d).__name__ for d in drivers_for(app, both)]
    assert kinds == ["AutoPlayer", "Photographer"]
