"""Step 4, SWOT: lines of diagnosis, each citing the discovered facts it rests on."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.plan_draft import SWOT_KINDS
from kamsim.ui.screens.base import label_width
from kamsim.ui.screens.planning.readings import SHOWN_FACTS, citable_facts
from kamsim.ui.screens.planning.step import GAP, Step, glyph_width, list_line
from kamsim.ui.widgets.facts import hints

LIST_LINE = 22  # one written line of the list under the facts
MOST_LINES = 8
QUICK_W = 30  # a fact row's S, W, O and T buttons
ADD = "+ Add line"


class SwotStep(Step):
    number = 4
    title = "SWOT"
    tip = "Diagnosis: each line should cite the discovered facts it rests on."

    def build(self) -> None:
        w = self.width
        y = self.top
        for i, kind in enumerate(SWOT_KINDS):
            self.button(
                f"swot_kind_{kind}",
                (i * (w // 4), y, w // 4 - 6, 30),
                kind.capitalize(),
                lambda k=kind: self._kind(k),
            )
        y += 30 + GAP
        add = max(104, label_width(ADD, "primary") + 4)  # whole at the larger text size too
        self.entry("swot_text", (0, y, w - add - 6, 32), "What is the point? (type here)",
                   self.draft.swot_text)  # fmt: skip
        self.button(
            "swot_add",
            (w - add, y, add, 32),
            ADD,
            self._add,
            "Add this line with the facts selected below",
            "primary",
        )
        y = self.caption("Cite facts (click to select), or add a fact as a line of its own "
                         "(S W O T):", y + 32 + GAP)  # fmt: skip
        view = self.view
        facts = citable_facts(view.facts, self.account_id)[:SHOWN_FACTS]
        lines = min(MOST_LINES, len(self.draft.swot))
        pitch = self.row_pitch(len(facts), y, max(1, lines) * LIST_LINE + GAP, 30, 24)
        each = glyph_width("W", QUICK_W)
        quick = each * len(SWOT_KINDS)  # the row's S W O T buttons, at its right end
        for fact in facts:
            tag = " · ".join(hints(fact, view)) or "no hint"
            self.button(
                f"fact_{fact.id}",
                (0, y, w - quick - 4, pitch - 3),
                theme.fit(f"{fact.title}  ({tag})", w - quick - 24, 12),
                lambda f=fact: self._cite(f.id, f.title),
                f"{fact.text} ({tag})",
            )
            for i, kind in enumerate(SWOT_KINDS):
                self.button(
                    f"quick_{kind}_{fact.id}",
                    (w - quick + i * each, y, each - 3, pitch - 3),
                    kind[0].upper(),
                    lambda k=kind, f=fact: self._quick(k, f.id, f.title),
                    f"Add a {kind} line that says what this fact says, citing it: '{fact.title}'",
                )
            y += pitch
        self.list_y = y + GAP
        self.shown_lines = max(0, min(lines, (self.height - self.list_y) // LIST_LINE))
        remove = glyph_width("✕")
        for i in range(self.shown_lines):
            self.button(
                f"swot_remove_{i}",
                (w - remove - 4, self.list_y + i * LIST_LINE, remove, 20),
                "✕",
                lambda i=i: self.board.remove(self.draft.swot, i),
                "Remove this line",
                None,
            )
        self.bottom = self.list_y + self.shown_lines * LIST_LINE

    def capture(self) -> None:
        line = self.board.entries.get("swot_text")
        if line is not None and line.alive():
            self.draft.swot_text = line.get_text()

    def _cite(self, fact: str, title: str) -> None:
        """Cite a fact (or drop it); the first fact cited on an empty line writes its title
        there, to be kept or edited: a line that says what the fact says takes no typing."""
        self.board.toggle(self.draft.swot_facts, fact)
        line = self.board.entries.get("swot_text")
        if fact in self.draft.swot_facts and line is not None and not line.get_text().strip():
            line.set_text(title)
            self.draft.swot_text = title

    def _quick(self, kind: str, fact: str, title: str) -> None:
        """One click for the commonest line: the fact's own words, citing it alone (the line
        being composed above, if any, is left as it is)."""
        self.draft.swot.append({"kind": kind, "text": title, "facts": [fact]})
        self.board.build_step()

    def _kind(self, kind: str) -> None:
        self.draft.swot_kind = kind
        self.board.sync()

    def _add(self) -> None:
        text = self.board.entries["swot_text"].get_text().strip()
        if not text:
            self.controller.note("refused", "Type the SWOT line first.")
            return
        self.draft.swot.append(
            {"kind": self.draft.swot_kind, "text": text, "facts": list(self.draft.swot_facts)}
        )
        self.board.entries["swot_text"].set_text("")  # the line is in the draft now
        self.draft.swot_facts.clear()
        self.board.build_step()

    def draw(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        drawn = []
        y = area.y + self.list_y
        for s in self.draft.swot[: self.shown_lines]:
            text = f"• {s['kind'][0].upper()}: {s['text']}  [{len(s['facts'])} fact(s)]"
            drawn.append(list_line(surface, text, area, y))
            y += LIST_LINE
        return drawn
