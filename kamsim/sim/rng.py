"""Seeded randomness with one stream per purpose (common random numbers).

A game has one master seed. Each *purpose* (world events, meeting acceptance, disclosure,
committee noise, sales noise, perception) gets its own child of
``numpy.random.SeedSequence(seed).spawn(n)``, and each individual draw is keyed by a stable
description of *what* is being decided (e.g. ``("hb_committee",)`` or ``("nurse", "q_waits")``).
So a committee's noise does not depend on how many meetings came before it, and "what if the
expert had played your world" compares two games under the very same dice.
"""

from __future__ import annotations

import hashlib
from enum import IntEnum

import numpy as np


class Stream(IntEnum):
    """Purposes of randomness; the order is part of the save format, so only append."""

    EVENTS = 0
    RESPONSES = 1
    DISCLOSURE = 2
    COMMITTEE = 3
    SALES = 4
    PERCEPTION = 5


def _key_words(key: tuple[object, ...]) -> tuple[int, ...]:
    """Stable 32-bit words from a key; hashlib (never `hash()`) so every run agrees."""
    text = "\x1f".join(str(part) for part in key)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return tuple(int.from_bytes(digest[i : i + 4], "big") for i in range(0, 16, 4))


class Streams:
    """The random streams of one game; owned by its Simulation, never shared."""

    def __init__(self, seed: int) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        children = np.random.SeedSequence(seed).spawn(len(Stream))
        self._children = dict(zip(Stream, children, strict=True))

    def generator(self, stream: Stream, *key: object) -> np.random.Generator:
        """A generator for one keyed decision: same seed, stream and key → same numbers."""
        child = self._children[stream]
        seq = np.random.SeedSequence(child.entropy, spawn_key=child.spawn_key + _key_words(key))
        return np.random.default_rng(seq)

    def uniform(self, stream: Stream, *key: object) -> float:
        """One U(0, 1) draw for the keyed decision."""
        return float(self.generator(stream, *key).random())

    def normal(self, stream: Stream, *key: object) -> float:
        """One N(0, 1) draw for the keyed decision."""
        return float(self.generator(stream, *key).standard_normal())
