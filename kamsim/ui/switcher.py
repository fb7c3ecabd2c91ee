"""Straight from one key account to another, without going round by the territory.

A trainee's week is mostly spent moving between the few key accounts: a meeting at one, then
the next at another. Going back to the territory list for each cost two clicks a move (about
150 in a standard year of the autoplay expert). The account and meeting screens therefore
offer the other key accounts directly: `[` and `]` step to the previous and next one (in the
territory's order), and the meeting screen lists them and their people under its own.
"""

from __future__ import annotations

import pygame

from kamsim.sim.view import AccountView, View

PREVIOUS, NEXT = pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET
SHORTCUT = ("[  ]", "previous / next key account")


def key_accounts(view: View) -> list[AccountView]:
    """The live key accounts, in the territory's order."""
    return [a for a in view.accounts if a.tier == "key" and a.merged_into is None]


def neighbour(view: View, current: str, step: int) -> str | None:
    """The key account `step` places from `current` (cycling); None when there is no other.

    From an account that is not key, the first (`]`) or last (`[`) key account."""
    keys = [a.id for a in key_accounts(view)]
    others = [k for k in keys if k != current]
    if not others:
        return None
    if current not in keys:
        return keys[0] if step > 0 else keys[-1]
    return keys[(keys.index(current) + step) % len(keys)]


def step_of(key: int) -> int | None:
    """+1 for `]`, −1 for `[`, None for any other key."""
    return 1 if key == NEXT else -1 if key == PREVIOUS else None
