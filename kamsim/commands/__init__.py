"""Sub-commands of `kamsim`; each module offers `register_*` functions for the parser."""

from kamsim.commands import game_cmds, scenario_cmds

COMMANDS = [
    scenario_cmds.register_validate,
    scenario_cmds.register_schema,
    scenario_cmds.register_new,
    game_cmds.register_run,
    game_cmds.register_replay,
]
