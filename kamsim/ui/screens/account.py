"""Account view: hard data, discovered facts, the DMU as a network and the patient pathway."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from kamsim.sim.view import AccountView, View
from kamsim.ui import switcher, theme
from kamsim.ui.screens.base import Screen, coloured, esc, set_selected, set_text, set_tip
from kamsim.ui.screens.meeting import PURPOSES
from kamsim.ui.tier_questions import tier_question
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.actions import analysis_label, analysis_tip, monthly_toggle, word_monthly
from kamsim.ui.widgets.facts import (
    HeardFact,
    heard_facts,
    hints,
    reliability_label,
    sources_lines,
)
from kamsim.ui.widgets.network import Network
from kamsim.ui.widgets.plans import holding_up, plan_lines

if TYPE_CHECKING:
    from kamsim.ui.controller import GameController

TIERS = ("key", "develop", "maintain", "deprioritise", "decline")
TIER_TIPS = {
    "key": "Full KAM: analysis, a co-created plan and joint projects. Keep the key set small.",
    "develop": "Invest to grow it into a key account later.",
    "maintain": "Serve it well without a full account plan.",
    "deprioritise": "Minimal effort; routine service only.",
    "decline": "Decline KAM: a misaligned account. Frees routine service time.",
}
ANALYSES = ("desk_research", "map_pathway", "map_dmu", "review_kpis")  # the action buttons
ACTIONS_BOTTOM = 204  # under the analyses, the monthly review, Meet and the planning board
TIER_COST = "A desk decision: takes no field days, and can be changed at any time."
LEFT, RIGHT = 350, 390
LEGEND_LINE = 14  # a line of the DMU legend, at the foot of its panel
MOST_SOURCES = 3  # source lines shown under a fact (the rest: "+n more")
TOLD_DIFFERENTLY = "Sources told it differently: the most reliable telling is shown."


def meeting_days_text(controller: GameController) -> str:
    """'A meeting takes 0.5 field days (listen) … 1 (co-create)', from the scenario."""
    costs = controller.costs
    parts = [f"{label.lower()} {costs.meeting_days(pid):g}" for pid, label, _ in PURPOSES]
    return f"Field days a meeting takes, by purpose: {', '.join(parts)}."


class AccountScreen(Screen):
    name = "account"
    title = "Account view"
    shortcuts = (
        ("M", "meet someone at this account"),
        ("R", "turn the monthly KPI review on or off"),
        ("P", "open the planning board for this account"),
        ("1 … 5", "set the tier: key, develop, maintain, deprioritise, decline"),
        ("hover a person", "details; click to meet them"),
        ("mouse wheel on facts", "scroll the discovered facts"),
        switcher.SHORTCUT,
    )

    @property
    def account_id(self) -> str:
        return str(self.params["account"])

    def build(self) -> None:
        self.tier_question: str | None = None  # asked before a decline or a key over the limit
        self.pending_tier: str | None = None
        self.network = Network()
        self.facts_shown: tuple[object, ...] | None = None  # the view's facts the box tells
        self.facts_count = 0  # how many facts the box lists (its panel's heading says so)
        self.fact_box = self._fact_box()
        self.network_rect = pygame.Rect(0, 0, 0, 0)  # laid out by `refresh`, before drawing
        self.legend: list[str] = []
        self.legend_rects: list[pygame.Rect] = []
        w, _ = self.rect.size
        x = w - 12
        for tier in reversed(TIERS):
            x -= 112
            self.button(
                f"tier_{tier}",
                (x, 8, 106, 30),
                theme.TIER_MARK[tier],
                lambda t=tier: self._tier(t),
                f"{TIER_TIPS[tier]} {TIER_COST}",
                "toggle",
            )
        rx = w - RIGHT - 12
        for i, kind in enumerate(ANALYSES):
            self.button(
                kind,
                (rx + (i % 2) * (RIGHT // 2), 52 + (i // 2) * 38, RIGHT // 2 - 6, 32),
                kind,  # worded with its cost by `refresh`, before the first frame is drawn
                lambda k=kind: self._submit({"kind": k, "account": self.account_id}),
                kind,
            )
        self.button(
            "review_monthly",
            (rx, 128, RIGHT - 6, 32),
            "review_monthly",  # worded (on or off, with its cost) by `_word_actions`
            self._toggle_monthly,
            "review_monthly",
            "toggle",
        )
        self._word_actions()
        self.button(
            "meet",
            (rx, ACTIONS_BOTTOM - 38, RIGHT // 2 - 6, 32),
            "Meet…  [M]",
            self._meet,
            f"Choose a stakeholder, a purpose and questions. {meeting_days_text(self.controller)}",
            "primary",
        )
        self.button(
            "plan",
            (rx + RIGHT // 2, ACTIONS_BOTTOM - 38, RIGHT // 2 - 6, 32),
            "Planning board  [P]",
            self._plan,
            "The seven steps of the account plan",
            "primary",
        )

    # ------------------------------------------------------------------ commands
    def _submit(self, action: dict[str, object]) -> None:
        self.controller.submit(action)

    def _toggle_monthly(self) -> None:
        self._submit(monthly_toggle(self.account))

    def _tier(self, tier: str) -> None:
        """Set the tier, or first ask when it declines the account or crowds the key set."""
        question = tier_question(self.controller.view, self.account, tier,
                                 self.controller.sim.scenario.dynamics)  # fmt: skip
        if question is None:
            self._submit({"kind": "set_tier", "account": self.account_id, "tier": tier})
            return
        self._close_tier_question()
        self.tier_question, self.pending_tier = question, tier
        box = self._tier_box()
        y = box.bottom - 46
        label = "Decline  [Enter]" if tier == "decline" else "Make it key  [Enter]"
        self.button("tier_confirm", (box.x + 12, y, 200, 36), label, self._confirm_tier,
                    "Set the tier as asked", "danger")  # fmt: skip
        self.button("tier_cancel", (box.x + 224, y, 200, 36), "Keep the tier  [Esc]",
                    self._close_tier_question, "Change nothing", "primary")  # fmt: skip

    def _tier_box(self) -> pygame.Rect:
        """Where the question shows: over the top of the DMU panel (between the hard data and
        the action buttons, so no other button shows through it)."""
        x = 12 + LEFT + 12
        right = self.buttons["meet"].relative_rect.x - 12
        return pygame.Rect(x, 52, right - x, 150)

    def _confirm_tier(self) -> None:
        tier = self.pending_tier
        self._close_tier_question()
        if tier is not None:
            self._submit({"kind": "set_tier", "account": self.account_id, "tier": tier})

    def _close_tier_question(self) -> None:
        self.tier_question, self.pending_tier = None, None
        for name in ("tier_confirm", "tier_cancel"):
            button = self.buttons.pop(name, None)
            if button is not None:
                button.kill()

    def _meet(self, stakeholder: str | None = None) -> None:
        params = {"account": self.account_id}
        if stakeholder:
            params["stakeholder"] = stakeholder
        self.app.push("meeting", **params)

    def _plan(self) -> None:
        self.app.push("planning", account=self.account_id)

    def _word_actions(self) -> None:
        """Each analysis button says what it takes, and when it would find nothing new."""
        acc, view, controller = self.account, self.controller.view, self.controller
        done = controller.analysed(acc.id)
        for kind in ANALYSES:
            button = self.buttons[kind]
            set_text(button, analysis_label(kind, acc, done, controller.costs))
            set_tip(button, analysis_tip(kind, acc, done, view, controller.costs))
        word_monthly(self.buttons["review_monthly"], acc, view, controller.costs)

    def refresh(self) -> None:
        acc = self.account
        self._word_actions()
        for tier in TIERS:
            set_selected(self.buttons[f"tier_{tier}"], acc.tier == tier)
        r = self.rect
        mid = pygame.Rect(
            r.x + LEFT + 24, r.y + 52, r.width - LEFT - RIGHT - 48, int((r.height - 64) * 0.64)
        )
        self.network_rect = mid
        legend = self.legend_lines(acc, mid.width - 16)
        people = pygame.Rect(mid.x + 10, mid.y + 40, mid.width - 20,
                             mid.height - 40 - 8 - len(legend) * LEGEND_LINE - 6)  # fmt: skip
        self.network.set_people(acc.people, acc.dmu_mapped, people, holding_up(acc.plan),
                                self.controller.view.week)  # fmt: skip
        self.legend = legend
        facts = self.controller.view.facts
        if facts is not self.facts_shown:  # views share the facts until one is heard
            self.facts_shown, listed = facts, self.facts()
            self.facts_count = len(listed)
            self.fact_box.set_text(facts_html(listed, self.controller.view))

    @property
    def account(self) -> AccountView:
        return self.controller.view.account(self.account_id)

    def _facts_panel(self) -> pygame.Rect:
        """The facts' panel, under the actions (in the screen's own coordinates)."""
        w, h = self.rect.size
        top = ACTIONS_BOTTOM + 4
        return pygame.Rect(w - RIGHT - 12, top, RIGHT, h - top - 12)

    def _fact_box(self) -> pygame_gui.elements.UITextBox:
        """The discovered facts: a pygame_gui text box in the panel under the actions, which
        wraps and scrolls them (the mouse wheel over it, or its scroll bar)."""
        inner = self._facts_panel().inflate(-16, -12)  # as `draw.panel` leaves it
        rect = (inner.x, inner.y + 24, inner.width, inner.height - 24)  # under the heading
        return pygame_gui.elements.UITextBox("", pygame.Rect(rect), self.app.manager,
                                             container=self.root,
                                             object_id=ObjectID(object_id="#facts"))  # fmt: skip

    def facts(self) -> list[HeardFact]:
        """Each fact of the account once, with all its sources (heard twice is one fact)."""
        return heard_facts(self.controller.view.facts, self.account_id)

    @staticmethod
    def legend_lines(acc: AccountView, width: int) -> list[str]:
        """The DMU's legend, wrapped to the panel: drawn under the people, never over them."""
        links = ("links: thick = strong, dashed = weak" if acc.dmu_mapped
                 else "links unknown until the DMU is mapped")  # fmt: skip
        text = ("colour/mark = attitude as sensed (+ for, = neutral, − against, ? not met) · "
                f"size = visible standing (hover) · {links}")  # fmt: skip
        return theme.wrap(text, width, 11)

    # ------------------------------------------------------------------ events
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.network.handle_motion(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            who = self.network.person_at(event.pos)
            if who:
                self.app.defer(lambda: self._meet(who))
                return True
        elif event.type == pygame.KEYDOWN:
            return self._key(event)
        return False

    @property
    def asking(self) -> bool:
        return self.tier_question is not None

    def _key(self, event: pygame.event.Event) -> bool:
        if self.tier_question is not None:  # the question takes Enter and Esc until answered
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.defer(self._confirm_tier)
            elif event.key == pygame.K_ESCAPE:
                self.app.defer(self._close_tier_question)
            else:
                return False
            return True
        if event.key == pygame.K_m:
            self.app.defer(self._meet)
        elif event.key == pygame.K_p:
            self.app.defer(self._plan)
        elif event.key == pygame.K_r:
            self.app.defer(self._toggle_monthly)
        elif pygame.K_1 <= event.key <= pygame.K_5:
            tier = TIERS[event.key - pygame.K_1]
            self.app.defer(lambda: self._tier(tier))
        elif switcher.step_of(event.key) is not None:
            return self.switch(switcher.step_of(event.key) or 0)
        else:
            return False
        return True

    def switch(self, step: int) -> bool:
        """`[` / `]`: the previous or next key account's view."""
        other = switcher.neighbour(self.controller.view, self.account_id, step)
        if other is None:
            return False
        self.app.defer(lambda: self.app.go("account", account=other))
        return True

    def targets(self) -> dict[str, pygame.Rect]:
        found = super().targets()
        for p in self.network.people:
            x, y = self.network.pos[p.id]
            rad = self.network.radius[p.id]
            found[f"person_{p.id}"] = pygame.Rect(x - rad // 2, y - rad // 2, rad, rad)
        return found

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        acc = self.account
        r = self.rect
        into = acc.merged_into
        name = acc.name if into is None else (
            f"{acc.name} — merged into {self.controller.view.account(into).name}")  # fmt: skip
        draw.label(surface, name, (r.x + 14, r.y + 6), 20, theme.TEXT, True, width=r.width - 640)
        sub = f"{acc.kind.replace('_', ' ')} · {acc.region}"
        if acc.committee:
            sub += f" · {acc.committee}"
        draw.label(surface, sub, (r.x + 14, r.y + 32), 12, theme.MUTED, width=r.width - 640)
        _hard_data(
            surface, acc, pygame.Rect(r.x + 12, r.y + 52, LEFT, r.height - 64), self.controller.view
        )
        self._draw_dmu(surface, acc)
        pathway = pygame.Rect(
            self.network_rect.x,
            self.network_rect.bottom + 10,
            self.network_rect.width,
            r.bottom - self.network_rect.bottom - 22,
        )
        _pathway(surface, acc, pathway)
        self._draw_facts(surface, self._facts_panel().move(r.x, r.y))
        if self.tier_question is not None:
            self._draw_tier_question(surface)

    def _draw_dmu(self, surface: pygame.Surface, acc: AccountView) -> None:
        inner = draw.panel(surface, self.network_rect, "Decision-making unit")
        y = self.network_rect.bottom - 8 - len(self.legend) * LEGEND_LINE
        self.legend_rects = []
        for line in self.legend:
            self.legend_rects.append(draw.label(surface, line, (inner.x, y), 11, theme.MUTED))
            y += LEGEND_LINE
        self.network.draw(surface)

    def _draw_facts(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The facts panel's frame and heading; the facts are the text box inside it."""
        draw.panel(surface, rect, f"Discovered facts ({self.facts_count})")

    def _draw_tier_question(self, surface: pygame.Surface) -> None:
        """Drawn last of the screen, under pygame_gui's layer, where its two buttons are."""
        draw.question_box(surface, self._tier_box().move(self.rect.x, self.rect.y),
                          self.tier_question or "")  # fmt: skip

    def draw_overlay(self, surface: pygame.Surface) -> None:
        tip = self.network.tooltip_text()
        if tip:
            draw.tooltip(surface, tip, pygame.mouse.get_pos())


def _source_rows(heard: HeardFact, view: View) -> list[str]:
    """Where the fact was heard: one line per source, at most `MOST_SOURCES` and "+n more"."""
    lines = sources_lines(heard, view)
    if len(lines) > MOST_SOURCES:
        lines = [*lines[: MOST_SOURCES - 1], f"+{len(lines) - MOST_SOURCES + 1} more sources"]
    return lines


def _font(colour: tuple[int, int, int], size: int, text: str) -> str:
    return coloured(esc(text), colour, theme.scaled(size))


def facts_html(facts: list[HeardFact], view: View) -> str:
    """The account's facts, newest first, for the facts text box: the title, where it was
    heard, how reliable the source is, what it says and what it suggests."""
    if not facts:
        return _font(theme.MUTED, 12, "None yet. Desk research, mapping and meetings with the "
                     "right questions reveal what the hard data hides.")  # fmt: skip
    parts = []
    for heard in reversed(facts):
        fact = heard.best
        parts.append(f"<b>{_font(theme.TEXT, 13, fact.title)}</b><br>")
        parts += [f"{_font(theme.ACCENT, 11, line)}<br>" for line in _source_rows(heard, view)]
        colour = theme.GOOD if fact.reliability >= 0.85 else theme.WARN
        parts.append(f"{_font(colour, 11, reliability_label(fact.reliability))}<br>")
        if heard.told_differently:
            parts.append(f"{_font(theme.WARN, 11, TOLD_DIFFERENTLY)}<br>")
        parts.append(f"{_font(theme.MUTED, 12, fact.text)}<br>")
        tags = " · ".join(hints(fact, view))
        if tags:
            parts.append(f"{_font(theme.WARN, 11, tags)}<br>")
        parts.append("<br>")
    return "".join(parts)


def _hard_data(surface: pygame.Surface, acc: AccountView, rect: pygame.Rect, view: View) -> None:
    inner = draw.panel(surface, rect, "Hard data (business intelligence)")
    currency = view.scenario["currency"]
    summary = _plan_summary(acc, view, inner.width)
    bottom = inner.bottom - len(summary) * PLAN_LINE - 6  # the plan's news is never cut off
    hd = acc.hard_data
    y = (
        draw.paragraph(
            surface,
            acc.description,
            pygame.Rect(inner.x, inner.y, inner.width, 70),
            12,
            theme.MUTED,
            spacing=2,
        )
        + 4
    )
    rows = [
        ("Market value", theme.money(hd["market_value"], currency)),
        ("Treated patients", f"{hd['treated_patients']:,}"),
        ("Our share", f"{acc.share_history[-1]:.1%} (start {hd['our_share']:.1%})"),
        ("Last year's trend", hd.get("trend", "—")),
        ("Effort this month", f"{acc.field_days_this_month:g} field days"),
    ]
    products = {p["id"]: p["name"] for p in view.products}
    rows += [
        (f"Formulary: {products.get(p, 'our product')}", theme.FORMULARY_MARK.get(s, s))
        for p, s in acc.formulary.items()
    ]
    rows += [(c, f"{s:.0%}") for c, s in hd.get("competitor_shares", {}).items()]
    for key, value in rows:
        draw.label(surface, key, (inner.x, y), 12, theme.MUTED, width=150)
        draw.label(surface, value, (inner.x + 154, y), 12, theme.TEXT, width=inner.width - 154)
        y += 18
    y += 4
    for g in hd.get("guidance", []):
        if y > bottom - 36:
            break
        lower = g.get("lower_is_better")
        met = g["actual"] <= g["target"] if lower else g["actual"] >= g["target"]
        mark, colour = ("✓ met", theme.GOOD) if met else ("✕ missed", theme.BAD)
        room = pygame.Rect(inner.x, y, inner.width, max(0, bottom - 18 - y))
        y = draw.paragraph(surface, f"{mark}: {g['indicator']}", room, 12, colour, True, 3)
        draw.label(
            surface,
            f"actual {theme.value(g['actual'])} {g.get('unit') or ''} vs target "
            f"{theme.value(g['target'])}",
            (inner.x + 14, y + 1),
            11,
            theme.MUTED,
        )
        y += 20
    for extra in hd.get("extra", []):
        if y > bottom - 18:
            break
        value = f"{theme.value(extra['value'])} {extra.get('unit') or ''}".strip()
        room = inner.width - theme.font(12).size(value)[0] - 10  # the label never runs into it
        draw.label(surface, extra["label"], (inner.x, y), 12, theme.MUTED, width=max(60, room))
        draw.label(surface, value, (inner.right, y), 12, theme.TEXT, align="right")
        y += 18
    y = bottom + 6
    for text, colour, bold in summary:
        draw.label(surface, text, (inner.x, y), 12 if bold else 11, colour, bold)
        y += PLAN_LINE


PLAN_LINE = 15  # line height of the plan summary under the hard data
PLAN_NEWS_LINES = 9  # at most this many lines of the customer's answer, the wait and the slips


def _plan_summary(acc: AccountView, view: View, width: int) -> list[tuple[str, theme.Colour, bool]]:
    """The plan in a few lines: version and status, then the customer's answer, the wait after
    a "no" and the projects running late, wrapped to the panel's width."""
    plan = acc.plan
    if plan is None:
        return [("No account plan yet", theme.MUTED, True)]
    text = f"Plan v{plan.version}: {plan.status}"
    if plan.agreed_week:
        text += f" in week {plan.agreed_week}"
    text += f" · {len(plan.running)} running, {len(plan.delivered)} delivered"
    colour = theme.GOOD if plan.status == "agreed" else theme.WARN
    out = [(line, colour, True) for line in theme.wrap(text, width, 12, True)]  # read whole
    news = [
        (line, tone) for said, tone in plan_lines(acc, view) for line in theme.wrap(said, width, 11)
    ]
    if len(news) > PLAN_NEWS_LINES:  # the rest is on the planning board
        last, tone = news[PLAN_NEWS_LINES - 1]
        news = [*news[: PLAN_NEWS_LINES - 1], (theme.fit(f"{last} …", width, 11), tone)]
    return out + [(line, tone, False) for line, tone in news]


def _stage_font(acc: AccountView, width: int, room: int) -> tuple[int, int]:
    """(font size, box height) at which every stage's name fits its box whole: the boxes grow
    to the longest name, and the font steps down only when even that would not fit `room`."""
    for size in (11, 10, 9):
        lines = max(len(theme.wrap(s.name, width, size)) for s in acc.pathway)
        height = max(48, lines * (theme.font(size).get_linesize() - 3) + 10)
        if height <= room or size == 9:
            return size, min(height, max(20, room))
    return 9, 48  # not reached


def _pathway(surface: pygame.Surface, acc: AccountView, rect: pygame.Rect) -> None:
    mapped = acc.pathway_mapped
    inner = draw.panel(
        surface,
        rect,
        "Patient pathway — ✓ mapped" if mapped else "Patient pathway — not mapped yet",
    )
    if not acc.pathway:
        text = (
            "Pathway mapped: there are no stages to show for this account."
            if mapped
            else "Not mapped yet: use 'Map pathway' to see the stages."
        )
        draw.label(surface, text, inner.topleft, 12, theme.MUTED, width=inner.width)
        return
    n = len(acc.pathway)
    gap = 14
    w = (inner.width - gap * (n - 1)) // n
    size, h = _stage_font(acc, w - 8, inner.height - 20)
    for i, stage in enumerate(acc.pathway):
        box = pygame.Rect(inner.x + i * (w + gap), inner.y, w, h)
        blocked = stage.blockage is not None
        pygame.draw.rect(surface, (70, 38, 36) if blocked else theme.PANEL_HI, box, border_radius=4)
        if blocked:  # hatching: the blockage is not told by colour alone
            for hx in range(box.x - box.height, box.right, 8):
                pygame.draw.line(
                    surface,
                    (110, 55, 50),
                    (max(box.x, hx), box.bottom - max(0, box.x - hx) - 1),
                    (
                        min(box.right - 1, hx + box.height),
                        box.y + max(0, hx + box.height - box.right),
                    ),
                )
        pygame.draw.rect(surface, theme.BAD if blocked else theme.GRID, box, 1, border_radius=4)
        draw.paragraph(surface, stage.name, box.inflate(-8, -6), size, theme.TEXT, spacing=1)
        if i < n - 1:
            ax = box.right + 2
            pygame.draw.polygon(
                surface,
                theme.MUTED,
                [(ax, box.centery - 5), (ax + 9, box.centery), (ax, box.centery + 5)],
            )
        if blocked:
            draw.paragraph(
                surface,
                f"⚠ {stage.blockage}",
                pygame.Rect(box.x, box.bottom + 2, w, inner.bottom - box.bottom - 2),
                10,
                theme.BAD,
                spacing=1,
            )
