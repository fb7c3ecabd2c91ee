"""The world of kamsim: a headless, deterministic simulation driven only through actions.

sim = Simulation(scenario, seed=7)
sim.submit({"kind": "desk_research", "account": "millbrook"})
sim.advance(sim.week + 1)
sim.view().to_dict()
"""

from kamsim.sim.actions import Action, Plan, action_to_dict, parse_action
from kamsim.sim.engine import Outcome, Simulation
from kamsim.sim.log import LogEntry, canonical_json, digest
from kamsim.sim.playbook import (
    load_playbook,
    playbook_entries_from_data,
    run_playbook,
)
from kamsim.sim.replay import replay
from kamsim.sim.save import SaveError, load_game, save_game, scenario_hash
from kamsim.sim.view import View

__all__ = [
    "Action",
    "LogEntry",
    "Outcome",
    "Plan",
    "SaveError",
    "Simulation",
    "View",
    "action_to_dict",
    "canonical_json",
    "digest",
    "load_game",
    "load_playbook",
    "parse_action",
    "playbook_entries_from_data",
    "replay",
    "run_playbook",
    "save_game",
    "scenario_hash",
]
