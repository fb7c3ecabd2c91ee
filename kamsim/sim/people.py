"""Stakeholders: opinion dynamics, meetings, fatigue and relationship.

Attitude has two parts. `anchor` is the person's own conviction (Friedkin–Johnsen prejudice);
persuasion moves it, so a good meeting lasts. `attitude` is today's view: each week it is pulled
toward the views of the people they listen to (`λ·W·a`) and back toward the anchor
(`(1 − λ)·anchor`). Short bumps (a campaign) change only `attitude`, so they fade.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from kamsim.scenario.base import Need, Purpose
from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.state import Person

# How much a hostile attitude lowers the chance of accepting a meeting: at attitude −1 the
# chance is halved. Not yet in Dynamics (listed in the report for the lead).
HOSTILITY_REFUSAL = 0.5


def _clip(value: float, low: float = -1.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


def persuade(person: Person, delta: float) -> None:
    """A lasting change of view: moves both conviction and today's attitude."""
    person.anchor = _clip(person.anchor + delta)
    person.attitude = _clip(person.attitude + delta)


def bump(person: Person, delta: float) -> None:
    """A short-lived change of view: today's attitude only; the anchor pulls it back."""
    person.attitude = _clip(person.attitude + delta)


def relate(person: Person, delta: float) -> None:
    person.relationship = _clip(person.relationship + delta, 0.0, 1.0)


def tire(person: Person, amount: float) -> None:
    person.fatigue = max(0.0, person.fatigue + amount)


def overload(person: Person) -> float:
    """Fatigue above the person's promotion tolerance (0 when within it)."""
    return max(0.0, person.fatigue - person.spec.promo_tolerance)


def interest_match(person: Person, topic: Iterable[Need]) -> float:
    """Share of the person's interests the meeting's topic speaks to (0 = neutral)."""
    interests = set(person.spec.interests)
    if not interests:
        return 0.0
    return len(interests & set(topic)) / len(interests)


def acceptance_chance(person: Person) -> float:
    """Chance they accept a meeting: availability, lowered by overload and hostility."""
    hostility = 1.0 + HOSTILITY_REFUSAL * min(0.0, person.attitude)
    return person.spec.availability * hostility / (1.0 + overload(person))


def promote(person: Person, attitude: float, fatigue: float, penalty: float) -> float:
    """Promotional contact (meeting or campaign): tires them; over tolerance it backfires.

    Returns the attitude change applied. Below tolerance the gain is `attitude` as a lasting
    change; above it the person loses `penalty` per unit of fatigue over tolerance.
    """
    tire(person, fatigue)
    excess = overload(person)
    if excess > 0:
        persuade(person, -penalty * excess)
        return -penalty * excess
    persuade(person, attitude)
    return attitude


def meet(person: Person, purpose: Purpose, match: float, dyn: Dynamics, week: int) -> float:
    """Apply one meeting's effect; returns the attitude change."""
    effect = dyn.meetings[purpose]
    person.met += 1
    if purpose is Purpose.PROMOTE:
        return promote(person, effect.attitude, effect.fatigue, dyn.overload_penalty)
    tire(person, effect.fatigue)
    gain = effect.attitude * (1.0 + dyn.interest_bonus * match)
    persuade(person, gain)
    relate(person, effect.relationship)
    person.contact_week = week
    if purpose is Purpose.CO_CREATE:
        person.co_created = True
    return gain


def opinion_step(people: list[Person]) -> None:
    """One Friedkin–Johnsen step `a ← λ·W·a + (1 − λ)·anchor` over the people present.

    W[i, j] ∝ strength of i's link to j × j's influence, rows normalised; someone who listens
    to nobody present listens to themselves.
    """
    if not people:
        return
    index = {p.id: i for i, p in enumerate(people)}
    w = np.zeros((len(people), len(people)))
    for i, person in enumerate(people):
        for link in person.spec.links:
            j = index.get(link.to)
            if j is not None and j != i:
                w[i, j] += link.strength * people[j].spec.influence
    rows = w.sum(axis=1)
    lonely = rows == 0
    w[lonely, lonely] = 1.0
    w /= np.where(lonely, 1.0, rows)[:, None]
    lam = np.array([p.spec.susceptibility for p in people])
    views = np.array([p.attitude for p in people])
    anchors = np.array([p.anchor for p in people])
    new = np.clip(lam * (w @ views) + (1.0 - lam) * anchors, -1.0, 1.0)
    for person, value in zip(people, new, strict=True):
        person.attitude = float(value)


def weekly(people: list[Person], dyn: Dynamics, week: int) -> None:
    """The week's drift: opinions spread, fatigue wears off, unattended relationships fade."""
    if dyn.influence_weekly:
        opinion_step(people)
    for person in people:
        person.fatigue *= 1.0 - dyn.fatigue_decay
        if person.contact_week != week:
            relate(person, -dyn.relationship_decay)
