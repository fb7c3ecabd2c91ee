"""Stakeholders: opinion dynamics, meetings, fatigue and relationship.

Attitude has two parts. `anchor` is the person's own conviction (Friedkin–Johnsen prejudice);
persuasion moves it, so a good meeting lasts. `attitude` is today's view: each week it is pulled
toward the views of the people they listen to (`λ·W·a`) and back toward the anchor
(`(1 − λ)·anchor`). Short bumps (a campaign) change only `attitude`, so they fade.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from kamsim.scenario.base import Need, Purpose
from kamsim.scenario.dynamics import Dynamics
from kamsim.sim.state import Person


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


def acceptance_chance(person: Person, hostility_refusal: float) -> float:
    """Chance they accept a meeting: availability, lowered by overload and hostility.

    At attitude −1 the chance is multiplied by 1 − hostility_refusal; at 0 or above, by 1.
    """
    hostility = 1.0 + hostility_refusal * min(0.0, person.attitude)
    return person.spec.availability * hostility / (1.0 + overload(person))


def backlash(person: Person, dyn: Dynamics) -> float:
    """Fatigue over tolerance backfires: per unit of excess, `overload_penalty` attitude and
    `overload_trust_penalty` relationship are lost, lastingly. Returns the excess."""
    excess = overload(person)
    if excess > 0:
        persuade(person, -dyn.overload_penalty * excess)
        relate(person, -dyn.overload_trust_penalty * excess)
    return excess


def promote(person: Person, attitude: float, fatigue: float, dyn: Dynamics) -> float:
    """Promotional contact: tires them; over tolerance it backfires (see `backlash`).

    Returns the attitude change applied: `attitude` as a lasting gain within tolerance.
    """
    tire(person, fatigue)
    if backlash(person, dyn) > 0:
        return -dyn.overload_penalty * overload(person)
    persuade(person, attitude)
    return attitude


def meet(person: Person, purpose: Purpose, match: float, dyn: Dynamics, week: int) -> float:
    """Apply one meeting's effect; returns the attitude change."""
    effect = dyn.meetings[purpose]
    person.met += 1
    if purpose is Purpose.PROMOTE:
        return promote(person, effect.attitude, effect.fatigue, dyn)
    tire(person, effect.fatigue)
    gain = effect.attitude * (1.0 + dyn.interest_bonus * match)
    persuade(person, gain)
    relate(person, effect.relationship)
    person.contact_week = week
    if purpose is Purpose.CO_CREATE:
        person.co_created = True
    return gain


@dataclass(frozen=True)
class Network:
    """Who listens to whom among the people present: per person, their row of W (normalised),
    their susceptibility λ and 1 − λ, which is what `opinion_step` reads.

    It depends only on the authored links and influence and on who is present, so it is built
    once and rebuilt only when someone leaves or joins (see `world.weekly_people`). W is kept
    as sparse rows: a DMU has a handful of links, and each row's sum is taken with `math.fsum`
    (exactly rounded), so the opinion step gives the same bits on every machine — a BLAS
    product may sum in another order on another CPU.
    """

    members: tuple[str, ...]
    # (row i: (j, W[i, j]) for W[i, j] > 0, λ_i, 1 − λ_i), made once when the network is built
    steps: tuple[tuple[tuple[tuple[int, float], ...], float, float], ...]


def network(people: list[Person]) -> Network:
    """W[i, j] ∝ strength of i's link to j × j's influence, rows normalised; someone who
    listens to nobody present listens to themselves."""
    index = {p.id: i for i, p in enumerate(people)}
    rows: list[tuple[tuple[int, float], ...]] = []
    for i, person in enumerate(people):
        weights: dict[int, float] = {}
        for link in person.spec.links:
            j = index.get(link.to)
            if j is not None and j != i:
                weights[j] = weights.get(j, 0.0) + link.strength * people[j].spec.influence
        total = math.fsum(weights.values())
        if total <= 0:
            rows.append(((i, 1.0),))
        else:
            rows.append(tuple((j, w / total) for j, w in sorted(weights.items())))
    lam = (p.spec.susceptibility for p in people)
    steps = tuple((row, weight, 1.0 - weight) for row, weight in zip(rows, lam, strict=True))
    return Network(tuple(index), steps)


def _heard(row: tuple[tuple[int, float], ...], views: list[float]) -> float:
    """Σ_j W[i, j]·a_j exactly as `math.fsum` rounds it, without its cost for short rows.

    Most people listen to one or two others. The sum of one or two floats is already
    exactly rounded (IEEE addition is), so it equals fsum's; `+ 0.0` turns a −0.0 into the
    0.0 fsum returns for a zero sum. Longer rows still go through fsum.
    """
    if len(row) == 1:
        j, w = row[0]
        return w * views[j] + 0.0
    if len(row) == 2:
        (j, w), (k, v) = row
        return w * views[j] + v * views[k] + 0.0
    return math.fsum([w * views[j] for j, w in row])


def opinion_step(people: list[Person], net: Network | None = None) -> None:
    """One Friedkin–Johnsen step `a ← λ·W·a + (1 − λ)·anchor` over the people present.

    `net` must be `network(people)` (built here when not given).
    """
    if not people:
        return
    net = net or network(people)
    views = [p.attitude for p in people]
    for person, (row, lam, rest) in zip(people, net.steps, strict=True):
        value = lam * _heard(row, views) + rest * person.anchor
        person.attitude = -1.0 if value <= -1.0 else 1.0 if value >= 1.0 else value  # _clip(value)


def weekly(people: list[Person], dyn: Dynamics, week: int, net: Network | None = None) -> None:
    """The week's drift: opinions spread, fatigue wears off, unattended relationships fade."""
    if dyn.influence_weekly:
        opinion_step(people, net)
    keep = 1.0 - dyn.fatigue_decay
    fade = dyn.relationship_decay
    for person in people:
        person.fatigue *= keep
        if person.contact_week != week:
            faded = person.relationship - fade  # clipped to [0, 1] as min(1, max(0, ·)) does
            person.relationship = 0.0 if faded <= 0.0 else 1.0 if faded >= 1.0 else faded
