"""People answer in their own words, and every dead end says why (kamsim.sim.replies)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from kamsim.sim import Simulation
from kamsim.sim.replies import DEFAULTS, GREETINGS, HINTS

from .conftest import make_scenario
from .helpers import meet


def _person(data: dict[str, Any], account: str, pid: str) -> dict[str, Any]:
    acc = next(a for a in data["accounts"] if a["id"] == account)
    return next(p for p in acc["stakeholders"] if p["id"] == pid)


def _source(data: dict[str, Any], fact: str, who: str) -> dict[str, Any]:
    found = next(f for f in data["facts"] if f["id"] == fact)
    return next(s for s in found["sources"] if s.get("stakeholder") == who)


def _words(data: dict[str, Any]) -> None:
    """Dialogue written for the riverside nurse and director."""
    _person(data, "riverside", "nurse")["replies"] = {
        "greeting": "Quick, before the two o'clock lot arrive.",
        "nothing": "Above my pay grade, love.",
    }
    _person(data, "riverside", "director")["replies"] = {"vague": "We are on top of it."}
    _source(data, "rs_capacity", "nurse")["says"] = "Sixteen weeks. I apologise to them every day."


def test_authored_words_are_said_and_dead_ends_say_why() -> None:
    sim = Simulation(make_scenario(_words), 1)
    out = sim.submit(meet("riverside", "nurse", "discover", "q_waits", "q_budget"))
    assert out.accepted
    greeting, waits, budget = out.replies
    assert greeting.kind == "greeting"
    assert greeting.text == "Quick, before the two o'clock lot arrive."
    assert (waits.kind, waits.fact) == ("told", "rs_capacity")
    # The nurse's source is reliable at 0.95: her words if she told the true version.
    true = next(h for h in sim.world.hearings if h.fact == "rs_capacity").true_version
    assert waits.text == ("Sixteen weeks. I apologise to them every day." if true else
                          "Waits are within two weeks.")  # fmt: skip
    assert (budget.kind, budget.text, budget.hint) == (
        "nothing", "Above my pay grade, love.", HINTS["nothing"])  # fmt: skip


def test_without_words_the_defaults_speak_and_vague_means_not_yet() -> None:
    sim = Simulation(make_scenario(), 1)
    out = sim.submit(meet("riverside", "director", "discover", "q_budget"))
    greeting, budget = out.replies
    assert greeting.text in GREETINGS.values()
    assert budget.kind == "vague" and budget.text in DEFAULTS["vague"]
    assert "trust" in (budget.hint or "")  # what to do about it, not how much is needed
    assert "0.5" not in (budget.hint or "")


def test_asked_again_they_repeat_what_they_said_then() -> None:
    sim = Simulation(make_scenario(_words), 1)
    first = sim.submit(meet("riverside", "nurse", "discover", "q_waits")).replies[1]
    sim.advance(2)
    again = sim.submit(meet("riverside", "nurse", "discover", "q_waits")).replies[1]
    assert again.kind == "again" and again.fact == "rs_capacity"
    assert again.text.endswith(first.text) and again.hint == HINTS["again"]


def test_the_misleading_version_is_never_flagged_as_such() -> None:
    """'told' either way: which version was heard shows only by checking other sources."""
    sim = Simulation(make_scenario(), 1)
    out = sim.submit(meet("riverside", "director", "discover", "q_waits"))
    (reply,) = [r for r in out.replies if r.question == "q_waits"]
    assert reply.kind == "told"
    assert reply.text in ("Patients wait sixteen weeks for an infusion chair.",
                          "Waits are within two weeks.")  # fmt: skip


def test_dialogue_changes_no_game() -> None:
    """Words are content, not world: the log and its digest are the same with or without."""
    games = []
    for edit in (None, _words):
        sim = Simulation(make_scenario(edit), 3)
        sim.submit(meet("riverside", "nurse", "discover", "q_waits", "q_budget"))
        sim.submit(meet("riverside", "director", "listen"))
        sim.advance(3)
        games.append(sim.digest())
    assert games[0] == games[1]


def test_only_a_meeting_source_has_words() -> None:
    def bad(data: dict[str, Any]) -> None:
        found = next(f for f in data["facts"] if f["id"] == "rs_strategy")
        found["sources"][0]["says"] = "We read it in the annual report."

    with pytest.raises(ValidationError, match="only a meeting source has 'says'"):
        make_scenario(bad)


def test_a_candid_source_tells_the_real_version_once_trusted_even_after_the_stated_one() -> None:
    """Senior people repeat the stated version until trust is high, then say what is real:
    asked again once trusted, the director's second telling is a new hearing, the true one."""

    def candid(data: dict[str, Any]) -> None:
        src = _source(data, "rs_capacity", "director")
        src.update(candid_at=0.5, says="Off the record: sixteen weeks.",
                   says_stated="Within two weeks, as published.")  # fmt: skip

    sim = Simulation(make_scenario(candid), 1)
    first = sim.submit(meet("riverside", "director", "discover", "q_waits")).replies[1]
    assert (first.kind, first.text) == ("told", "Within two weeks, as published.")
    sim.advance(2)
    again = sim.submit(meet("riverside", "director", "discover", "q_waits")).replies[1]
    assert again.kind == "again"  # trust unchanged: the same story
    sim.world.accounts["riverside"].people["director"].relationship = 0.6
    sim.advance(3)
    real = sim.submit(meet("riverside", "director", "discover", "q_waits")).replies[1]
    assert (real.kind, real.text) == ("told", "Off the record: sixteen weeks.")
    told = [h.true_version for h in sim.world.hearings if h.fact == "rs_capacity"]
    assert told == [False, True]


def test_their_own_line_once_a_meeting_then_the_plain_ones() -> None:
    def more(data: dict[str, Any]) -> None:
        _words(data)
        data["questions"].append({"id": "q_staff", "text": "Is the team fully staffed?"})

    sim = Simulation(make_scenario(more), 1)
    out = sim.submit(meet("riverside", "nurse", "discover", "q_budget", "q_staff"))
    first, second = (r for r in out.replies if r.kind == "nothing")
    assert first.text == "Above my pay grade, love."
    assert second.text in DEFAULTS["nothing"]
