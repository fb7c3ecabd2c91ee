"""Scripted strategies that play kamsim through the trainee's interface, for tests and calibration.

    from kamsim.bots import play, BOT_NAMES
    sim = play(scenario, seed=7, bot="expert")

A bot (`Bot` protocol) sees only `View`s and answers with action dicts; `play` runs a whole
game. The same `decide(view)` calls can drive the pygame UI's autoplay.
"""

from kamsim.bots.base import Bot, bot_rng
from kamsim.bots.runner import BOT_NAMES, MAX_ACTIONS_PER_WEEK, make_bot, play

__all__ = ["BOT_NAMES", "MAX_ACTIONS_PER_WEEK", "Bot", "bot_rng", "make_bot", "play"]
