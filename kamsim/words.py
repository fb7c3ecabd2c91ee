"""Ids → words for texts the UI did not write itself (news, the game's replies, the scoring's
evidence), and the trainee's decisions in words.

The simulation and the scoring sometimes word a text with an id in it ("Status of respirel",
"formulary_status from 1", "kb_real_wait (meeting:nurse_lacroix:q_waits)"); the screens pass
such texts through `Lexicon.humanise` so a trainee reads names, never ids. Names come from the
scenario (`kamsim.scenario.names`); the game's own vocabulary (purposes, action kinds, KPIs)
from `kamsim.vocabulary`. Pure words, no pygame: the reports use it too, so a trainee reads
the same names on screen and on paper.
"""

from __future__ import annotations

import re
from typing import Any

from kamsim.scenario.model import Scenario
from kamsim.scenario.names import Names
from kamsim.vocabulary import KIND_WORDS, KPI_NAMES, PURPOSE_WORDS, STATUS_WORDS, tier_news
from kamsim.vocabulary import words as _words

ENGLISH = {"value", "share", "sales", "listen", "discover", "promote", "meet", "key"}
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+|[A-Za-z][A-Za-z0-9]*")
DOUBLE_QUOTED = re.compile(r"'(“[^”]*”)'")  # a quoted question inside the log's quotes
# The log's line for a tier change. The log keeps its wording (a game's digest is taken over
# it, and recorded results are checked by replaying to that digest); a person reads it in words.
TIER_CHANGE = re.compile(
    r"(?P<lead>^|: )(?P<account>(?:(?!: ).)+?) is now tier '(?P<tier>[a-z_]+)'\."
)


def status_words(status: str) -> str:
    """A formulary status in words: 'not_listed' → 'not listed' (the week report's verdicts)."""
    return STATUS_WORDS.get(status, plain(status))


def plain(token: str) -> str:
    """A snake_case word nobody named, in words: 'drug_price' → 'drug price'."""
    return _words(token)


class Lexicon:
    """One scenario's ids and the words that stand for them."""

    def __init__(self, scenario: Scenario) -> None:
        self.names = Names(scenario)
        people = {p.id: p.name for a in scenario.accounts for p in a.stakeholders}
        self.questions = {q.id: q.text for q in scenario.questions}
        words: dict[str, str] = {}
        words.update({k: v.lower() for k, v in KPI_NAMES.items()})
        words.update(KIND_WORDS)
        words.update(PURPOSE_WORDS)
        words.update({c.id: c.name for c in scenario.criteria})
        words.update({p.id: p.name for p in scenario.company.products})
        words.update({c.id: c.name for c in scenario.company.colleagues})
        words.update(self.names.campaigns)
        words.update(self.names.events)
        words.update(self.names.projects)
        words.update({q: f"“{t}”" for q, t in self.questions.items()})
        words.update(self.names.facts)
        words.update(people)
        words.update(self.names.accounts)
        self.people = people
        self.words = words
        # A one-word token is an id only for things named by proper names (a product, an
        # account, a person…): "value" or "listen" in a sentence are words, not criteria ids.
        named = (*scenario.company.products, *scenario.accounts, *scenario.projects,
                 *scenario.facts, *scenario.company.colleagues, *scenario.events,
                 *scenario.company.brand_campaigns, *scenario.questions,
                 *(p for a in scenario.accounts for p in a.stakeholders))  # fmt: skip
        self.proper = {item.id for item in named} - ENGLISH

    def word(self, token: str) -> str:
        """The word for one token: its name, a source in words, or the token itself."""
        if ":" in token:
            return self.source(token)
        if "_" not in token:
            return self.words[token] if token in self.proper else token
        return self.words.get(token, plain(token))

    def source(self, source: str) -> str:
        """'meeting:nurse_lacroix:q_waits' → 'meeting with Mathilde Lacroix, asked “…”'."""
        kind, _, rest = source.partition(":")
        person, _, question = rest.partition(":")
        if kind == "meeting":
            who = self.people.get(person, plain(person))
            asked = f", asked {self.words.get(question, plain(question))}" if question else ""
            return f"meeting with {who}{asked}"
        return " ".join(self.word(part) for part in source.split(":") if part)

    def humanise(self, text: str) -> str:
        """The text with every id in it replaced by what it stands for; a question, already
        in “quotes”, loses the plain quotes the log put around its id ('“…”' reads “…”); a
        tier change reads as a sentence ("… is now a key account", not "tier 'key'")."""
        if " is now tier '" in text:  # every news and journal line drawn passes here
            text = TIER_CHANGE.sub(lambda m: m["lead"] + tier_news(m["tier"], m["account"]), text)
        return DOUBLE_QUOTED.sub(r"\1", TOKEN.sub(lambda m: self.word(m.group(0)), text))

    def action(self, action: dict[str, Any]) -> str:
        """A decision in words (the debrief's timelines), with names and plain words only."""
        kind = str(action.get("kind"))
        acc = self.names.account(action.get("account"))
        if kind == "meet":
            who = self.names.person(action.get("stakeholder"))
            purpose = PURPOSE_WORDS.get(str(action.get("purpose")), "meet")
            asked = len(action.get("questions") or [])
            tail = f"; asked {asked} question{'s' if asked != 1 else ''}" if asked else ""
            return f"Met {who} at {acc} to {purpose}{tail}"
        if kind == "write_plan":
            plan = action.get("plan") or {}
            projects = [self.names.projects.get(t.get("project"), "a project")
                        for t in plan.get("tactics", [])]  # fmt: skip
            segment = plain(str(plan["segment"])) if plan.get("segment") else "not set"
            return (
                f"Wrote the plan for {acc}: segment {segment}, "
                f"{len(plan.get('objectives', []))} objective(s), "
                f"projects: {', '.join(projects) or 'none'}"
            )
        if kind in ("desk_research", "map_pathway", "map_dmu", "review_kpis"):
            return f"{KIND_WORDS[kind][:1].upper()}{KIND_WORDS[kind][1:]} at {acc}"
        return self.humanise(self.names.action(action))
