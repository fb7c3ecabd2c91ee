"""The bots' names, importable without the bots (argument choices, help texts)."""

BOT_NAMES: tuple[str, ...] = ("expert", "novice", "carpet-bomber", "revenue-chaser", "random")
