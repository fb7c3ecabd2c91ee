"""Seeded randomness with one stream per purpose (common random numbers).

A game has one master seed. Each *purpose* (world events, meeting acceptance, disclosure,
committee noise, sales noise, perception) is its own stream, and each individual draw is
keyed by a stable description of *what* is being decided (e.g. ``("hb_committee",)`` or
``("nurse", "q_waits")``).
So a committee's noise does not depend on how many meetings came before it, and "what if the
expert had played your world" compares two games under the very same dice.
"""

from __future__ import annotations

import struct
from enum import IntEnum
from hashlib import blake2b
from statistics import NormalDist


class Stream(IntEnum):
    """Purposes of randomness; the order is part of the save format, so only append."""

    EVENTS = 0
    RESPONSES = 1
    DISCLOSURE = 2
    COMMITTEE = 3
    SALES = 4
    PERCEPTION = 5
    DELIVERY = 6
    SURVEY = 7
    FORM = 8


assert [int(s) for s in Stream] == list(range(len(Stream))), "streams index `Streams._heads`"

_NORMAL = NormalDist()
_SCALE = 2.0**-53
_inv_cdf = _NORMAL.inv_cdf
_WORD = struct.Struct(">Q").unpack  # the digest's 8 bytes as a big-endian integer


class Streams:
    """The random streams of one game; owned by its Simulation, never shared.

    Each draw is a pure function of (seed, stream, key): BLAKE2b of those, read as a 53-bit
    fraction. That is a counter-based generator in the spirit of Philox/Threefry — no state,
    so the order of draws never matters — and it is plain integer arithmetic, so every
    machine computes the very same numbers. Normal draws go through the exact inverse CDF.
    """

    def __init__(self, seed: int) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        prefix = f"kamsim-rng-1\x1f{seed}\x1f"
        # Each stream's fixed head of the hashed text, formatted once (hundreds of draws a game).
        self._heads = tuple(f"{prefix}{int(stream)}" for stream in Stream)

    def uniform(self, stream: Stream, *key: object) -> float:
        """One U(0, 1) draw for the keyed decision (never exactly 0 or 1)."""
        text = "\x1f".join([self._heads[stream], *map(str, key)])
        (word,) = _WORD(blake2b(text.encode("utf-8"), digest_size=8).digest())
        return ((word >> 11) + 0.5) * _SCALE

    def normal(self, stream: Stream, *key: object) -> float:
        """One N(0, 1) draw for the keyed decision."""
        return _inv_cdf(self.uniform(stream, *key))
