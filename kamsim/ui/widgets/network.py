"""The decision-making unit drawn as a network of people.

Node size is what the trainee can know of someone's standing (seniority words in the title,
committee seats, outside roles, known links) — never the hidden influence. Colour is the attitude
sensed at the last meeting, with a mark (+ = − ?) so colour never carries meaning alone.
Links appear only once the DMU has been mapped; strong links are thick, weak ones dashed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from kamsim.sim.view import PersonView
from kamsim.ui import theme
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.plans import person_tags

SENIOR_WORDS = ("head", "chief", "director", "chair", "lead", "president", "professor", "prof.")
NAME_W, NAME_W_CROWDED = 170, 120  # the width of a person's words under their node …
WORDS_MAX_W = 300  # … and the most they take where the node has room around it
WORDS_GAP = 8  # between the words of two nodes side by side
SIZE_NOTE = (
    "Size = visible standing: seniority in the title, committee seats, outside roles and "
    "known links. True influence is hidden: judge it from what people tell you."
)


def standing(person: PersonView) -> int:
    """A 0–5 score of what is visible about a person's weight in the DMU."""
    text = f"{person.role} {' '.join(person.outside_roles)}".lower()
    score = sum(1 for word in SENIOR_WORDS if word in text)
    score += len(person.outside_roles) + ("committee" in text)
    score += sum(1 for _, strength in person.links if strength == "strong")
    return min(5, score)


def mark(value: float | None) -> str:
    if value is None:
        return "?"
    return "+" if value >= 0.1 else "−" if value <= -0.1 else "="


class Network:
    """Positions are computed when the people change; `draw` only reads them."""

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 100, 100)
        self.people: tuple[PersonView, ...] = ()
        self.mapped = False
        self.pos: dict[str, tuple[int, int]] = {}
        self.radius: dict[str, int] = {}
        self.hover: str | None = None
        self.crowded = False
        self.tags: dict[str, str] = {}
        self.word_rects: list[pygame.Rect] = []  # where the last draw put people's words

    def set_people(
        self,
        people: Sequence[PersonView],
        mapped: bool,
        rect: pygame.Rect,
        holding: set[str] | None = None,
        week: int | None = None,
    ) -> None:
        """Lay the people out; `holding` are those the customer says hold the plan up, `week`
        the week whose declined meeting requests are shown."""
        self.people, self.mapped, self.rect = tuple(people), mapped, rect
        self.tags = {p.id: " · ".join(person_tags(p, holding or set(), week)) for p in self.people}
        n = max(1, len(self.people))
        self.crowded = n > 6  # then roles move to the tooltip so names stay readable
        for p in self.people:
            self.radius[p.id] = (10 if self.crowded else 14) + (
                3 if self.crowded else 4
            ) * standing(p)
        # the ellipse keeps every node and the words under it inside `rect`
        biggest = max(self.radius.values(), default=14)
        words = self.words_height()
        half = (NAME_W_CROWDED if self.crowded else NAME_W) // 2
        rx = max(20, rect.width // 2 - max(biggest, half))
        ry = max(10, (rect.height - 2 * biggest - words) // 2)
        cx, cy = rect.centerx, rect.y + biggest + ry
        for i, p in enumerate(self.people):
            angle = -math.pi / 2 + 2 * math.pi * i / n
            k = 0 if n == 1 else 1
            self.pos[p.id] = (
                int(cx + k * rx * math.cos(angle)),
                int(cy + k * ry * math.sin(angle)),
            )

    def words_height(self, with_tags: bool | None = None) -> int:
        """How far a person's words (name, role, tags) reach under their node; by default
        with a line of tags when anyone has tags."""
        name = theme.font(11 if self.crowded else 12, True).get_linesize()
        role = 0 if self.crowded else 14
        tagged = any(self.tags.values()) if with_tags is None else with_tags
        tags = theme.font(10).get_linesize() if tagged else 0
        return 2 + max(name, 13 if self.crowded else 15) + role + tags

    def words_width(self, p: PersonView) -> int:
        """How wide a person's words may be: the base width, or more where the node has room
        (the top and bottom nodes usually have plenty), so a role reads "Clinical Director,
        Gastroenterology" rather than "Clinical Director, Gastroent…". The room is kept
        inside `rect` and clear of the words of any node on an overlapping row."""
        base = NAME_W_CROWDED if self.crowded else NAME_W
        x, y = self.pos[p.id]
        room = 2 * min(x - self.rect.x, self.rect.right - x) - 4
        height = self.words_height(with_tags=bool(self.tags.get(p.id)))
        top, reach = y + self.radius[p.id], self.words_height()
        for q in self.people:
            qx, qy = self.pos[q.id]
            q_top = qy - self.radius[q.id]  # its node and its words below
            if q.id != p.id and top < qy + self.radius[q.id] + reach and q_top < top + height:
                room = min(room, abs(qx - x) - WORDS_GAP)
        return max(base, min(WORDS_MAX_W, room))

    def person_at(self, point: tuple[int, int]) -> str | None:
        for p in self.people:
            x, y = self.pos[p.id]
            if math.hypot(point[0] - x, point[1] - y) <= self.radius[p.id] + 2:
                return p.id
        return None

    def handle_motion(self, point: tuple[int, int]) -> None:
        self.hover = self.person_at(point)

    def tooltip_text(self) -> str | None:
        person = next((p for p in self.people if p.id == self.hover), None)
        if person is None:
            return None
        roles = "; ".join(person.outside_roles) or "none known"
        gone = "" if person.present else " — HAS LEFT"
        tags = self.tags.get(person.id)
        return (
            f"{person.name}{gone}\n{person.role}" + (f" ({tags})" if tags else "") + "\n"
            f"Outside roles: {roles}\n"
            f"Attitude: {theme.attitude_label(person.perceived_attitude)}\n"
            f"Relationship: {person.relationship}; meetings: {person.meetings}\n"
            f"Visible standing {standing(person)}/5. {SIZE_NOTE}\nClick to meet."
        )

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        """Links (once mapped), nodes, then every person's words on top of every circle."""
        self.word_rects = []
        if self.mapped:
            self._draw_links(surface)
        for p in self.people:
            self._draw_node(surface, p)
        for p in self.people:  # words on top of every circle, so no node hides them
            self._draw_words(surface, p)

    def _draw_links(self, surface: pygame.Surface) -> None:
        for p in self.people:
            for to, strength in p.links:
                if to not in self.pos:
                    continue
                a, b = self.pos[p.id], self.pos[to]
                if strength == "strong":
                    pygame.draw.line(surface, (150, 170, 205), a, b, 3)
                else:
                    draw.dashed_line(surface, (110, 122, 150), a, b, dash=7, width=1)

    def _draw_node(self, surface: pygame.Surface, p: PersonView) -> None:
        x, y = self.pos[p.id]
        r = self.radius[p.id]
        colour = theme.attitude_colour(p.perceived_attitude) if p.present else theme.UNKNOWN
        pygame.draw.circle(surface, colour, (x, y), r)
        ring = theme.TEXT if p.id == self.hover else theme.BG
        pygame.draw.circle(surface, ring, (x, y), r, 2)
        if p.perceived_attitude is None:
            pygame.draw.circle(surface, theme.MUTED, (x, y), r - 4, 1)  # hollow: never met
        draw.label(surface, mark(p.perceived_attitude), (x, y - 10), 16, theme.BG, True, "centre")
        if not p.present:
            pygame.draw.line(surface, theme.BAD, (x - r, y - r), (x + r, y + r), 2)

    def _draw_words(self, surface: pygame.Surface, p: PersonView) -> None:
        """Name, role (when there is room) and the tags under a person's node."""
        x, y = self.pos[p.id]
        r = self.radius[p.id]
        name = p.name if p.present else f"{p.name} (left)"
        width = self.words_width(p)
        size = 11 if self.crowded else 12
        rects = [draw.label(surface, name, (x, y + r + 2), size, theme.TEXT, True, "centre", width)]
        below = y + r + 15 if self.crowded else y + r + 17
        if not self.crowded:
            rects.append(draw.label(surface, p.role, (x, below), 11, theme.MUTED, False, "centre",
                                    width))  # fmt: skip
            below += 14
        tags = self.tags.get(p.id)
        if tags:  # words, not colour: "front line", "holds up the plan"
            rects.append(draw.label(surface, tags, (x, below), 10, theme.WARN, False, "centre",
                                    width))  # fmt: skip
        self.word_rects += rects
