"""The bots' names, importable without the bots (argument choices, help texts)."""

# The players calibration ranks below the expert: the classic field first, then the players
# who try to game one credit each (kamsim.bots.adversarial).
FIELD: tuple[str, ...] = ("expert", "novice", "carpet-bomber", "revenue-chaser", "random")
ADVERSARIAL: tuple[str, ...] = ("paperwork", "decline-restore", "all-key", "drop-planless",
                                "keyword-swot", "sandbag", "no-customer")  # fmt: skip
BOT_NAMES: tuple[str, ...] = FIELD + ADVERSARIAL
