"""How a game was played, and the wall-clock time of each input where there is one.

Why: a game the expert bot played under a trainee's name replays and scores exactly like one
the trainee played, so the log alone cannot tell them apart. The mode is recorded with the game
(in the store, the result file and the pending file, never in the simulation's log) and
`import` takes only games a person played at the screen as assessments.

    ui               a person at the game window (`kamsim play`)
    autoplay:<bot>   a bot driving the window (`kamsim play --autoplay BOT`)
    bot:<bot>        a bot, headless (`kamsim run --bot BOT`)
    playbook         a scripted list of actions, or none (`kamsim run [--playbook FILE]`)
    unknown          recorded through the Python API, or by a kamsim before modes existed
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

UI = "ui"
PLAYBOOK = "playbook"
UNKNOWN = "unknown"
MODE = re.compile(r"^(ui|playbook|unknown|(autoplay|bot):[a-z0-9-]{1,40})$")


def bot(name: str) -> str:
    return f"bot:{name}"


def autoplay(name: str) -> str:
    return f"autoplay:{name}"


def is_assessable(mode: str) -> bool:
    """Only a person at the screen makes an assessment; every scripted mode is practice."""
    return mode == UI


def describe(mode: str) -> str:
    kind, _, name = mode.partition(":")
    return {
        "ui": "played by a person at the game window",
        "autoplay": f"played by the '{name}' bot through the game window (--autoplay)",
        "bot": f"played by the '{name}' bot (--bot)",
        "playbook": "played from a scripted playbook (or no input at all)",
    }.get(kind, "played in a way that was not recorded")


class InputClock:
    """Wraps a submit function to note the wall-clock time (UTC epoch seconds) of each input.

    `kamsim play` wraps the game controller's `submit` with it; inputs replayed from a save
    when a game is resumed have no time (None), since the save does not keep them.
    """

    def __init__(self, history: Callable[[], tuple[Any, ...]], known: int = 0) -> None:
        self._history = history
        self.times: list[float | None] = [None] * known

    def wrap(self, submit: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            before = len(self._history())
            outcome = submit(*args, **kwargs)
            added = len(self._history()) - before
            self.times.extend([round(time.time(), 3)] * added)
            return outcome

        return timed

    def for_history(self, count: int) -> tuple[float | None, ...]:
        """One time per submission of a history of `count` (missing ones None)."""
        times = self.times[:count]
        return tuple(times + [None] * (count - len(times)))


def time_inputs(controller: Any) -> InputClock | None:
    """Note the wall-clock time of each submission the game window makes.

    The UI's controller has no hook for this yet, so its `submit` is wrapped on the instance
    (a one-line `controller.input_times` in kamsim.ui would replace this). A game picked in
    the window creates its controller later and gets no times; inputs made before a resume
    have none either (the save does not keep them).
    """
    if controller is None or not callable(getattr(controller, "submit", None)):
        return None
    sim = controller.sim
    clock = InputClock(lambda: sim.history, known=len(sim.history))
    controller.submit = clock.wrap(controller.submit)
    return clock
