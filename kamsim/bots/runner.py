"""Playing a whole game with a bot, through the trainee's interface only.

Each week the bot is asked `decide(view)` with a fresh view until it returns None (or the
week's action cap is reached, or it proposes again an action already refused this week); then
the clock moves on one week. The bot never receives the Simulation.
"""

from __future__ import annotations

from collections.abc import Callable

from kamsim.bots.adversarial import ADVERSARIES
from kamsim.bots.base import ActionKey, Bot, action_key
from kamsim.bots.expert import ExpertBot
from kamsim.bots.graded import GradedBot, share_of
from kamsim.bots.naive import CarpetBomberBot, NoviceBot, RevenueChaserBot
from kamsim.bots.names import BOT_NAMES
from kamsim.bots.random_bot import RandomBot
from kamsim.bots.variants import VARIANTS
from kamsim.scenario.model import Scenario
from kamsim.sim import Simulation
from kamsim.sim.view import View

MAX_ACTIONS_PER_WEEK = 40

BOTS: dict[str, Callable[[int], Bot]] = {
    "expert": ExpertBot,
    "novice": NoviceBot,
    "carpet-bomber": CarpetBomberBot,
    "revenue-chaser": RevenueChaserBot,
    "random": RandomBot,
    **ADVERSARIES,
}
assert tuple(BOTS) == BOT_NAMES, "kamsim.bots.names must list every bot, in order"


def make_bot(name: str, seed: int) -> Bot:
    """A fresh bot for one game; KeyError names the known bots.

    Besides the registered bots, every expert variant of the lesson audit is a bot
    (`kamsim.bots.variants`): the expert with one practice removed.
    """
    if name in VARIANTS:
        return ExpertBot(seed, VARIANTS[name], name)
    share = share_of(name)
    if share is not None:
        return GradedBot(seed, share)
    try:
        factory = BOTS[name]
    except KeyError:
        known = ", ".join([*BOT_NAMES, *VARIANTS])
        raise KeyError(f"no bot called {name!r} (known: {known})") from None
    return factory(seed)


def play_week(sim: Simulation, bot: Bot, view_of: Callable[[Simulation], View]) -> int:
    """Let the bot act until it is done for the week; returns the number of submissions."""
    refused: set[ActionKey] = set()
    for count in range(MAX_ACTIONS_PER_WEEK):
        action = bot.decide(view_of(sim))
        if action is None:
            return count
        # A bot that insists on a refused action is done for the week. (Keyed only when
        # needed: most weeks see no refusal, and keying was a fair part of a submission.)
        if refused and action_key(action) in refused:
            return count
        if not sim.submit(action).accepted:
            refused.add(action_key(action))
    return MAX_ACTIONS_PER_WEEK


def play(
    scenario: Scenario,
    seed: int,
    bot: Bot | str,
    view_of: Callable[[Simulation], View] = Simulation.view,
) -> Simulation:
    """Play a whole game; `bot` is a Bot or a registered name (seeded with the game seed)."""
    if isinstance(bot, str):
        bot = make_bot(bot, seed)
    sim = Simulation(scenario, seed)
    while not sim.finished:
        play_week(sim, bot, view_of)
        sim.advance(sim.week + 1)
    return sim
