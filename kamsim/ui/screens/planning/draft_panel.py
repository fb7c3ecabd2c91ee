"""The draft plan, always in sight at the right of the board, and the written plan's standing.

Read-only: it draws the controller's draft for the account and says where the written plan
stands with the customer. Rows that do not fit the panel are left out whole, never drawn over
the status line or the buttons under the panel.
"""

from __future__ import annotations

import pygame

from kamsim.sim.view import AccountView, View
from kamsim.ui import theme
from kamsim.ui.plan_draft import PlanDraft, show_target
from kamsim.ui.screens.planning.step import label, line_height, paragraph
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.plans import plan_lines
from kamsim.vocabulary import kpi_label

KEY_W = 88  # the column of row names ("Segment", "Needs" …)
STATUS_ROOM = 20  # kept at the panel's foot for the status line


def draft_rows(d: PlanDraft, acc: AccountView, view: View) -> list[tuple[str, str]]:
    """(row name, what the draft says) in the order a plan is built."""
    names = {p["id"]: p["name"] for p in view.projects}
    people = {p.id: p.name for p in acc.people}
    objectives = "; ".join(
        f"{kpi_label(o['kpi'])} {show_target(o['kpi'], o['target'])} wk{o['by_week']}"
        for o in d.objectives
    )
    return [
        ("Segment", (d.segment or "not set").replace("_", " ")),
        ("Needs", ", ".join(n.replace("_", " ") for n in d.needs) or "—"),
        ("SWOT", f"{len(d.swot)} line(s), {sum(len(s['facts']) for s in d.swot)} citation(s)"),
        ("Objectives", objectives or "—"),
        ("Tactics", ", ".join(names.get(t, "a project") for t in d.tactics) or "—"),
        (
            "At the table",
            ", ".join(people.get(c, "someone who has left") for c in d.consulted) or "— (step 3)",
        ),
    ]


def draw_draft(
    surface: pygame.Surface, rect: pygame.Rect, d: PlanDraft, acc: AccountView, view: View
) -> list[pygame.Rect]:
    """Draw the panel; returns the rects of the text drawn (for the layout tests)."""
    inner = draw.panel(surface, rect, "Draft plan")
    drawn = [pygame.Rect(inner.x, inner.y - 24, inner.width, line_height(15, True))]
    limit = inner.bottom - STATUS_ROOM
    y = inner.y
    for key, value in draft_rows(d, acc, view):
        if y + line_height(12) > limit:
            break
        drawn.append(label(surface, key, (inner.x, y), 12, theme.MUTED, width=KEY_W - 4))
        box = paragraph(surface, value,
                        pygame.Rect(inner.x + KEY_W, y, inner.width - KEY_W, limit - y), 12,
                        theme.TEXT, spacing=2)  # fmt: skip
        drawn.append(box)
        y = box.bottom + 4
    news = plan_lines(acc, view)
    if news and y + 26 + line_height(12) <= limit:  # the written plan's standing, under the draft
        y += 4
        pygame.draw.line(surface, theme.GRID, (inner.x, y), (inner.right, y))
        drawn.append(label(surface, "The written plan", (inner.x, y + 4), 12, theme.MUTED, True))
        y += 22
        for text, colour in news:
            box = paragraph(surface, text, pygame.Rect(inner.x, y, inner.width, max(0, limit - y)),
                            12, colour, spacing=2)  # fmt: skip
            if box.height:
                drawn.append(box)
            y = box.bottom + 4
    plan = acc.plan
    status = "no plan written" if plan is None else f"written: v{plan.version} {plan.status}"
    colour = theme.GOOD if plan and plan.status == "agreed" else theme.WARN
    drawn.append(label(surface, status, (inner.x, inner.bottom - 16), 12, colour, True,
                       width=inner.width))  # fmt: skip
    return drawn
