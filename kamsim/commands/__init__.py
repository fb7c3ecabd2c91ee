"""Sub-commands of `kamsim`; each module offers `register(subparsers)`."""

from kamsim.commands import scenario_cmds

COMMANDS = [scenario_cmds.register_validate, scenario_cmds.register_schema,
            scenario_cmds.register_new]  # fmt: skip
