"""Planning board for one account: the seven steps of a KAM plan, written and agreed.

The left column is the seven steps; each shows its own tools. The right column is the draft
(always visible) with Write and Agree. The draft is the account's in the controller's
`DraftBook`: it starts from the current plan (so revising a plan means editing it), then keeps
every click and every typed character across screens, resizes and resumes; Clear starts
afresh. Agreeing with influential people missing from the table asks first.
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame
import pygame_gui
from pygame_gui.core import UIContainer

from kamsim.sim.view import AccountView, FactView, View
from kamsim.ui import theme
from kamsim.ui.costs import days_short, new_project_cost, takes
from kamsim.ui.plan_draft import (
    KPI_NAMES,
    KPIS,
    NEEDS,
    SEGMENTS,
    SWOT_KINDS,
    PlanDraft,
    format_number,
    parse_number,
)  # fmt: skip
from kamsim.ui.screens.account import TIER_COST, TIER_TIPS, TIERS
from kamsim.ui.screens.base import Screen, set_selected, set_text, set_tip
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.actions import analysis_label, analysis_tip, blocked
from kamsim.ui.widgets.agreement import agree_question
from kamsim.ui.widgets.facts import hints, score_word
from kamsim.ui.widgets.plans import holding_up, person_label, person_tags, plan_lines, project_list

STEPS = (
    ("1 Analysis", "What do you know? Desk research, pathway and DMU mapping."),
    ("2 Segment & tier", "Which segment is it really, what does it need, how much do you invest?"),
    ("3 DMU", "Who decides? Choose who sits at the table when you agree the plan."),
    ("4 SWOT", "Diagnosis: each line should cite the discovered facts it rests on."),
    ("5 Objectives", "Specific, measurable: a KPI, a target and a week."),
    (
        "6 Tactics",
        "Joint projects from the catalogue: budget and colleagues are booked on agreement.",
    ),
    ("7 Monitor & agree", "Write the plan, agree it with the DMU, review the KPIs."),
)
SIDE = 330
NAV_W = 190
SHOWN_FACTS = 12  # facts offered for citing in step 4 (the most reliably heard first)


def citable_facts(facts: Iterable[FactView], account: str) -> list[FactView]:
    """Each fact of the account once, in the telling from the most reliable source heard,
    most reliable first: a fact heard from three people is one fact to cite, not three."""
    best: dict[str, FactView] = {}
    for fact in facts:
        if fact.account == account and (
            fact.id not in best or fact.reliability > best[fact.id].reliability
        ):
            best[fact.id] = fact
    return sorted(best.values(), key=lambda f: (-f.reliability, f.week, f.id))


def criteria_readings(view: View, account: str) -> list[tuple[str, float, str | None]]:
    """(criterion name, weight, what the account's facts suggest in words, or None)."""
    facts = citable_facts(view.facts, account)
    out = []
    for c in view.attractiveness_criteria:
        scores = [s for f in facts if (s := (f.implies.get("criteria") or {}).get(c["id"]))]
        reading = None
        if scores:
            mean = sum(scores) / len(scores)
            reading = (
                f"{score_word(mean)} (from {len(scores)} fact{'s' if len(scores) > 1 else ''})"
            )
        out.append((c["name"], float(c["weight"]), reading))
    return out


def agree_obstacles(acc: AccountView, view: View, money: float) -> list[str]:
    """What the view already tells would make the customer refuse to hear the plan now."""
    plan = acc.plan
    found = []
    if blocked(acc):
        found.append(str(blocked(acc)))
    if plan is None:
        found.append("No plan is written yet: write the draft first, or it is refused.")
    elif plan.cooldown_until > view.week:
        found.append(f"After their no, they will not discuss a plan before week "
                     f"{plan.cooldown_until}: it would be refused.")  # fmt: skip
    if money > view.budget_left + 1e-9:
        found.append("The budget left does not cover the plan's new projects: it is refused.")
    return found


class PlanningScreen(Screen):
    name = "planning"
    title = "Planning board"
    shortcuts = (
        ("1 … 7", "go to a step (when not typing)"),
        ("W", "write the draft as the account's plan (takes field days)"),
        ("A", "agree the written plan with the people chosen in step 3"),
        ("Enter / Esc", "when asked: agree anyway / back to the table (step 3)"),
        ("Esc", "back to the account"),
    )

    @property
    def account_id(self) -> str:
        return str(self.params["account"])

    @property
    def account(self) -> AccountView:
        return self.controller.view.account(self.account_id)

    def state(self) -> dict[str, object]:
        return {"screen": self.name, "account": self.account_id, "step": self.step}

    def build(self) -> None:
        self.draft: PlanDraft = self.controller.drafts.draft(self.account_id, self.account.plan)
        self.question: str | None = None  # asking to confirm an agreement (who is missing)
        self.step = int(self.params.get("step", 1))
        if not 1 <= self.step <= len(STEPS):
            self.step = 1
        self.step_root: UIContainer | None = None
        self.step_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        w, h = self.rect.size
        for i, (label, tip) in enumerate(STEPS, start=1):
            self.button(
                f"step_{i}",
                (12, 52 + (i - 1) * 44, NAV_W - 12, 38),
                label,
                lambda i=i: self._go_step(i),
                tip,
                "toggle",
            )
        x = w - SIDE - 12
        self.button(
            "clear",
            (x, h - 140, SIDE, 34),
            "Clear draft",
            self._clear,
            "Empty the draft (the written plan is not changed)",
        )
        self.button("write", (x, h - 100, SIDE, 40), "write", self._write, "write", "primary")
        self.button("agree", (x, h - 54, SIDE, 40), "agree", self._agree, "agree", "good")
        self._word_buttons()
        self._build_step()

    def _word_buttons(self) -> None:
        """Write and Agree (and step 1's analyses) say what they take, from the scenario."""
        view, costs, acc = self.controller.view, self.controller.costs, self.account
        write = costs.kind_days("write_plan")
        set_text(self.buttons["write"], f"✎ Write plan · {days_short(write)}  [W]")
        set_tip(
            self.buttons["write"],
            "Record the draft as the account's plan (a new version). The table you chose "
            "stays for the agreement. Projects' budget is booked only when a plan is agreed. "
            + takes(write, view),
        )
        agree = costs.kind_days("agree_plan")
        money = new_project_cost(acc.plan, view)
        price = f" + {theme.money(money, view.scenario['currency'])}" if money else ""
        set_text(self.buttons["agree"], f"✓ Agree plan · {days_short(agree)}{price}  [A]")
        set_tip(
            self.buttons["agree"],
            "Put the written plan to the people chosen in step 3. Co-created if they had "
            "co-creation meetings and carry the decision; imposed otherwise. On a yes the new "
            "projects start and their budget is booked. "
            + takes(agree, view, money)
            + "".join(f" {why}" for why in agree_obstacles(acc, view, money)),
        )
        done = self.controller.analysed(acc.id)
        for kind in ("desk_research", "map_pathway", "map_dmu", "review_kpis"):
            button = self.buttons.get(f"do_{kind}")
            if button is not None:
                set_text(button, analysis_label(kind, acc, done, costs))
                set_tip(button, analysis_tip(kind, acc, done, view, costs))

    # ------------------------------------------------------------------ steps
    def _go_step(self, step: int) -> None:
        self.step = step
        self.params["step"] = step
        if self.app.controller is not None:
            self.controller.ui_state = self.state()
        self._build_step()

    def _build_step(self) -> None:
        self._capture()
        for name in list(self.step_buttons):
            self.buttons.pop(name, None)
        self.entries = {}
        if self.step_root is not None:
            self.step_root.kill()
        w, h = self.rect.size
        area = pygame.Rect(NAV_W + 12, 0, w - NAV_W - SIDE - 36, h)
        self.step_root = UIContainer(area, self.app.manager, container=self.root)
        before = set(self.buttons)
        builder = getattr(self, f"_step{self.step}")
        builder(area.width, area.height)
        self.step_buttons = {n: self.buttons[n] for n in self.buttons if n not in before}
        for i in range(1, 8):
            set_selected(self.buttons[f"step_{i}"], i == self.step)
        self._word_buttons()
        self._sync()

    def _capture(self) -> None:
        """Keep what is typed in the step's fields in the draft (every frame and before the
        fields go away), so no keystroke is lost to a step change, Esc or a resize."""
        fields = {"swot_text": "swot_text", "target": "target_text", "by_week": "week_text"}
        for entry, attribute in fields.items():
            line = self.entries.get(entry)
            if line is not None and line.alive():
                setattr(self.draft, attribute, line.get_text())

    def update(self, dt: float) -> None:
        self._capture()
        super().update(dt)

    def exit(self) -> None:
        self._capture()
        super().exit()

    def _btn(
        self,
        name: str,
        rect: tuple[int, int, int, int],
        text: str,
        command: object,
        tip: str | None = None,
        cls: str | None = "toggle",
    ) -> None:
        root = self.root
        self.root = self.step_root
        self.button(name, rect, text, command, tip, cls)  # type: ignore[arg-type]
        self.root = root

    def _step1(self, w: int, h: int) -> None:
        for i, kind in enumerate(("desk_research", "map_pathway", "map_dmu")):
            self._btn(
                f"do_{kind}",
                (0, 230 + i * 42, min(w, 340), 36),
                kind,  # worded with its cost by `_word_buttons`
                lambda k=kind: self.controller.submit({"kind": k, "account": self.account_id}),
                kind,
                None,
            )

    def _step2(self, w: int, h: int) -> None:
        for i, tier in enumerate(TIERS):
            self._btn(
                f"tier_{tier}",
                (i * (w // 5), 52, w // 5 - 6, 32),
                theme.TIER_MARK[tier],
                lambda t=tier: self.controller.submit(
                    {"kind": "set_tier", "account": self.account_id, "tier": t}
                ),
                f"{TIER_TIPS[tier]} {TIER_COST}",
            )
        for i, seg in enumerate(SEGMENTS):
            self._btn(
                f"segment_{seg}",
                (i * (w // 3), 130, w // 3 - 6, 32),
                seg.replace("_", " ").capitalize(),
                lambda s=seg: self._segment(s),
                "What the institution is really buying (click again to unset)",
            )
        for i, need in enumerate(NEEDS):
            self._btn(
                f"need_{need}",
                ((i % 2) * (w // 2), 208 + (i // 2) * 38, w // 2 - 6, 32),
                need.replace("_", " ").capitalize(),
                lambda n=need: self._toggle(self.draft.needs, n),
                "Toggle this need",
            )

    def _step3(self, w: int, h: int) -> None:
        acc = self.account
        holding = holding_up(acc.plan)
        for i, p in enumerate(acc.people):
            label = person_label(p, holding, w - 20, 12)
            tags = person_tags(p, holding)
            tip = (
                (f"{', '.join(tags).capitalize()}. " if tags else "")
                + f"{theme.attitude_label(p.perceived_attitude)}; relationship {p.relationship}; "
                f"{p.meetings} meeting(s). Click to seat them for the agreement."
            )
            self._btn(
                f"consult_{p.id}",
                (0, 52 + i * 40, w, 34),
                label,
                lambda i=p.id: self._toggle(self.draft.consulted, i),
                tip,
            )

    def _step4(self, w: int, h: int) -> None:
        for i, kind in enumerate(SWOT_KINDS):
            self._btn(
                f"swot_kind_{kind}",
                (i * (w // 4), 52, w // 4 - 6, 30),
                kind.capitalize(),
                lambda k=kind: self._swot_kind(k),
            )
        root = self.root
        self.root = self.step_root
        line = self.entry("swot_text", (0, 90, w - 110, 32), "What is the point? (type here)")
        line.set_text(self.draft.swot_text)
        self.root = root
        self._btn(
            "swot_add",
            (w - 104, 90, 104, 32),
            "+ Add line",
            self._swot_add,
            "Add this line with the facts selected below",
            "primary",
        )
        view = self.controller.view
        facts = citable_facts(view.facts, self.account_id)
        for i, fact in enumerate(facts[:SHOWN_FACTS]):
            tag = " · ".join(hints(fact, view)) or "no hint"
            self._btn(
                f"fact_{fact.id}",
                (0, 150 + i * 30, w, 27),
                theme.fit(f"{fact.title}  ({tag})", w - 20, 12),
                lambda f=fact.id: self._toggle(self.draft.swot_facts, f),
                f"{fact.text} ({tag})",
            )
        y = 150 + min(SHOWN_FACTS, len(facts)) * 30 + 10
        self.list_y = y
        for i, _ in enumerate(self.draft.swot[:8]):
            self._btn(
                f"swot_remove_{i}",
                (w - 30, y + i * 22, 26, 20),
                "✕",
                lambda i=i: self._remove(self.draft.swot, i),
                "Remove this line",
                None,
            )

    def _step5(self, w: int, h: int) -> None:
        for i, kpi in enumerate(KPIS):
            self._btn(
                f"kpi_{kpi}",
                ((i % 4) * (w // 4), 52 + (i // 4) * 36, w // 4 - 6, 30),
                KPI_NAMES[kpi],
                lambda k=kpi: self._kpi(k),
            )
        root = self.root
        self.root = self.step_root
        self.entry("target", (90, 136, 140, 32), "e.g. 0.35").set_text(self.draft.target_text)
        self.entry("by_week", (330, 136, 90, 32), "week").set_text(self.draft.week_text)
        self.root = root
        self._btn(
            "objective_add",
            (w - 150, 136, 150, 32),
            "+ Add objective",
            self._objective_add,
            "Add the objective",
            "primary",
        )
        self.list_y = 250
        for i, _ in enumerate(self.draft.objectives[:8]):
            self._btn(
                f"objective_remove_{i}",
                (w - 30, 250 + i * 22, 26, 20),
                "✕",
                lambda i=i: self._remove(self.draft.objectives, i),
                "Remove",
                None,
            )

    def _step6(self, w: int, h: int) -> None:
        view = self.controller.view
        cur = view.scenario["currency"]
        colleagues = {c["id"]: c["name"] for c in view.colleagues}
        for i, p in enumerate(view.projects):
            staff = ", ".join(
                f"{colleagues.get(c, 'a colleague')} {d:g} d" for c, d in p["colleagues"].items()
            )
            rebate = f" · a {p['rebate']:.0%} rebate on sales" if p.get("rebate") else ""
            label = (
                f"{p['name']} — {theme.money(p['cost'], cur)}, {p['duration_weeks']} wk{rebate}"
                f" · serves {', '.join(s.replace('_', ' ') for s in p['serves'])}"
            )
            self._btn(
                f"project_{p['id']}",
                (0, 52 + i * 38, w, 33),
                theme.fit(label, w - 20, 12),
                lambda i=p["id"]: self._toggle(self.draft.tactics, i),
                f"{label}. {p['description']} Colleagues: {staff or 'none'}.",
            )

    def _step7(self, w: int, h: int) -> None:
        self._btn(
            "do_review_kpis",
            (0, 52, min(w, 340), 36),
            "review_kpis",  # worded with its cost by `_word_buttons`
            lambda: self.controller.submit({"kind": "review_kpis", "account": self.account_id}),
            "review_kpis",
            None,
        )

    # ------------------------------------------------------------------ draft edits
    def _toggle(self, items: list[str], item: str) -> None:
        self.draft.toggle(items, item)
        self._sync()

    def _segment(self, seg: str) -> None:
        self.draft.segment = None if self.draft.segment == seg else seg
        self._sync()

    def _swot_kind(self, kind: str) -> None:
        self.draft.swot_kind = kind
        self._sync()

    def _kpi(self, kpi: str) -> None:
        self.draft.kpi = kpi
        self._sync()

    def _remove(self, items: list[object], index: int) -> None:
        if index < len(items):
            items.pop(index)
        self._build_step()

    def _swot_add(self) -> None:
        text = self.entries["swot_text"].get_text().strip()
        if not text:
            self.controller.note("refused", "Type the SWOT line first.")
            return
        self.draft.swot.append(
            {"kind": self.draft.swot_kind, "text": text, "facts": list(self.draft.swot_facts)}
        )
        self.entries["swot_text"].set_text("")  # the line is in the draft now
        self.draft.swot_facts.clear()
        self._build_step()

    def _objective_add(self) -> None:
        target = parse_number(self.entries["target"].get_text())
        week = self.entries["by_week"].get_text().strip()
        if target is None or not week.isdigit():
            self.controller.note("refused", "An objective needs a number target and a week.")
            return
        self.draft.objectives.append(
            {"kpi": self.draft.kpi, "target": target, "by_week": int(week)}
        )
        self.entries["target"].set_text("")
        self.entries["by_week"].set_text("")
        self._build_step()

    def _clear(self) -> None:
        self.draft.clear()
        for line in self.entries.values():
            line.set_text("")
        self._build_step()

    def _write(self) -> None:
        """Write the draft; the draft (and the table chosen) stays as it is for the agreement."""
        self._capture()
        self.controller.submit(self.draft.write_action(self.account_id))

    def _agree(self) -> None:
        """Agree, or first ask when influential people are missing from the table."""
        question = agree_question(self.account, self.draft.consulted)
        if question is None:
            self._put_to_customer()
            return
        self._ask(question)

    def _ask(self, question: str) -> None:
        """The question replaces the step's tools until it is answered."""
        if self.question is not None:
            self._close_question()
        self.question = question
        if self.step_root is not None:
            self.step_root.hide()
        x = NAV_W + 12
        self.button(
            "agree_confirm",
            (x, 246, 240, 38),
            "Agree anyway  [Enter]",
            self._confirm,
            "Put the plan to the customer with the table as it is",
            "danger",
        )
        self.button(
            "agree_cancel",
            (x + 252, 246, 240, 38),
            "Back to the table  [Esc]",
            self._cancel,
            "Step 3: choose who sits at the table",
            "primary",
        )

    def _close_question(self) -> None:
        self.question = None
        for name in ("agree_confirm", "agree_cancel"):
            button = self.buttons.pop(name, None)
            if button is not None:
                button.kill()
        if self.step_root is not None:
            self.step_root.show()

    def _confirm(self) -> None:
        self._close_question()
        self._put_to_customer()

    def _cancel(self) -> None:
        self._close_question()
        self._go_step(3)

    def _put_to_customer(self) -> None:
        self.controller.submit(self.draft.agree_action(self.account_id))

    def _sync(self) -> None:
        """Selections follow the draft (set_selected only touches buttons that change)."""
        acc = self.account
        for name, button in self.buttons.items():
            kind, _, key = name.partition("_")
            on = {
                "tier": key == acc.tier,
                "segment": key == self.draft.segment,
                "need": key in self.draft.needs,
                "consult": key in self.draft.consulted,
                "project": key in self.draft.tactics,
                "fact": key in self.draft.swot_facts,
                "kpi": key == self.draft.kpi,
            }.get(kind)
            if name.startswith("swot_kind_"):
                on = name[10:] == self.draft.swot_kind
            if on is not None:
                set_selected(button, on)

    def refresh(self) -> None:
        self._word_buttons()
        self._sync()

    # ------------------------------------------------------------------ events
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if self.question is not None:  # the question takes Enter, A and Esc until answered
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_a):
                self.app.defer(self._confirm)
            elif event.key == pygame.K_ESCAPE:
                self.app.defer(self._cancel)
            else:
                return False
            return True
        if pygame.K_1 <= event.key <= pygame.K_7:
            step = event.key - pygame.K_0
            self.app.defer(lambda: self._go_step(step))
        elif event.key == pygame.K_w:
            self.app.defer(self._write)
        elif event.key == pygame.K_a:
            self.app.defer(self._agree)
        else:
            return False
        return True

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        acc = self.account
        draw.label(
            surface,
            f"Planning board — {acc.name}",
            (r.x + 14, r.y + 8),
            20,
            theme.TEXT,
            True,
            width=r.width - SIDE - 40,
        )
        area = pygame.Rect(r.x + NAV_W + 12, r.y, r.width - NAV_W - SIDE - 36, r.height)
        label, tip = STEPS[self.step - 1]
        step = draw.label(surface, f"Step {label}", (area.x, r.y + 36), 15, theme.ACCENT, True)
        tip_x = max(area.x + 180, step.right + 12)
        draw.label(surface, tip, (tip_x, r.y + 40), 12, theme.MUTED, width=area.right - tip_x)
        if self.question is not None:
            self._draw_question(surface, area)
        else:
            getattr(self, f"_draw{self.step}", lambda s, a: None)(surface, area)
        self._draw_draft(surface, pygame.Rect(r.right - SIDE - 12, r.y + 44, SIDE, r.height - 192))

    def _draw_question(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        box = pygame.Rect(area.x, area.y + 64, area.width, 170)
        inner = draw.panel(surface, box, "Put the plan to the customer?")
        draw.paragraph(surface, self.question or "", inner, 14, theme.WARN)

    def _draw1(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        acc = self.account
        view = self.controller.view
        facts = [f for f in view.facts if f.account == acc.id]
        met = sum(1 for p in acc.people if p.meetings)
        rows = [
            (any(f.source == "desk_research" for f in facts), "Desk research has found facts"),
            (acc.pathway_mapped, "Patient pathway mapped"),
            (acc.dmu_mapped, "DMU mapped (hidden members and links found)"),
            (met >= 2, f"Met {met} of {len(acc.people)} known people (several sources)"),
            (len(facts) >= 4, f"{len(facts)} facts discovered"),
        ]
        y = area.y + 70
        for done, text in rows:
            mark, colour = ("✓", theme.GOOD) if done else ("○", theme.MUTED)
            draw.label(surface, f"{mark} {text}", (area.x, y), 14, colour)
            y += 28

    def _draw2(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        draw.label(surface, "Tier (submitted at once)", (area.x, area.y + 64 - 8), 12, theme.MUTED)
        draw.label(surface, "Segment you believe in", (area.x, area.y + 110), 12, theme.MUTED)
        draw.label(
            surface,
            "Needs that matter to them (order = priority)",
            (area.x, area.y + 188),
            12,
            theme.MUTED,
        )
        suggested: dict[str, int] = {}
        for f in self.controller.view.facts:
            if f.account == self.account_id:
                for key in [f.implies.get("segment"), *f.implies.get("needs", [])]:
                    if key:
                        suggested[key] = suggested.get(key, 0) + 1
        text = ", ".join(f"{k.replace('_', ' ')} ×{n}" for k, n in sorted(suggested.items()))
        draw.paragraph(
            surface,
            f"Your facts point to: {text or 'nothing yet — dig first'}",
            pygame.Rect(area.x, area.y + 370, area.width, 60),
            12,
            theme.WARN,
        )
        self._draw_criteria(surface, pygame.Rect(area.x, area.y + 432, area.width, 200))

    def _draw_criteria(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """How attractive the account is: each criterion, its weight, what the facts suggest."""
        view = self.controller.view
        draw.label(
            surface,
            "Attractiveness: the criteria (their weight) and what your facts suggest",
            rect.topleft,
            12,
            theme.MUTED,
            width=rect.width,
        )
        y = rect.y + 20
        for name, weight, reading in criteria_readings(view, self.account_id):
            colour = theme.TEXT if reading else theme.MUTED
            draw.label(
                surface,
                f"{name} ({weight:.0%}): {reading or 'no fact speaks to it yet'}",
                (rect.x, y),
                12,
                colour,
                width=rect.width,
            )
            y += 19

    def _draw4(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        draw.label(
            surface, "Cite facts (click to select):", (area.x, area.y + 130), 12, theme.MUTED
        )
        self._draw_list(
            surface,
            area,
            [
                f"{s['kind'][0].upper()}: {s['text']}  [{len(s['facts'])} fact(s)]"
                for s in self.draft.swot
            ],
        )

    def _draw5(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        draw.label(surface, "Target", (area.x, area.y + 144), 13, theme.MUTED)
        draw.label(surface, "by week", (area.x + 250, area.y + 144), 13, theme.MUTED)
        latest = [k for k in self.controller.view.kpis if k["account"] == self.account_id]
        if latest:
            now = latest[-1]
            text = " · ".join(
                f"{KPI_NAMES.get(k, k)} "
                + ("no survey yet" if now.get(k) is None else format_number(round(now[k], 3)))
                for k in ("share", "satisfaction", "formulary_status")
                if k in now
            )
            draw.label(
                surface, f"Now: {text}", (area.x, area.y + 190), 12, theme.WARN, width=area.width
            )
        self._draw_list(
            surface,
            area,
            [
                f"{KPI_NAMES[o['kpi']]} → {format_number(o['target'])} by week {o['by_week']}"
                for o in self.draft.objectives
            ],
        )

    def _draw6(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        view = self.controller.view
        cost = sum(p["cost"] for p in view.projects if p["id"] in self.draft.tactics)
        colour = theme.BAD if cost > view.budget_left else theme.TEXT
        free = ", ".join(f"{c['name'].split()[-1]} {c['free_days']:g} d" for c in view.colleagues)
        y = area.y + 52 + len(view.projects) * 38 + 8
        draw.label(
            surface,
            f"Selected cost {theme.money(cost)} of {theme.money(view.budget_left)} budget left",
            (area.x, y),
            13,
            colour,
            True,
        )
        draw.label(
            surface,
            f"Colleagues free this month: {free}",
            (area.x, y + 20),
            12,
            theme.MUTED,
            width=area.width,
        )

    def _draw7(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        plan = self.account.plan
        y = area.y + 100
        if plan is None:
            draw.label(
                surface,
                "No plan written yet: Write plan records the draft.",
                (area.x, y),
                13,
                theme.MUTED,
            )
            return
        view = self.controller.view
        names = {p.id: p.name for p in self.account.people}
        rows = [
            f"Version {plan.version}, {plan.status}, written week {plan.week_written}",
            f"Agreed week {plan.agreed_week}" if plan.agreed_week else "Not agreed yet",
            "Agreed with: "
            + (", ".join(names.get(c, "someone who has left") for c in plan.consulted) or "—"),
            "Running: " + project_list(plan.running, view),
            "Delivered: " + project_list(plan.delivered, view),
        ]
        for row in rows:
            draw.label(surface, row, (area.x, y), 13, theme.TEXT, width=area.width)
            y += 24
        for text, colour in plan_lines(self.account, view):
            rect = pygame.Rect(area.x, y + 6, area.width, area.bottom - y - 6)
            y = draw.paragraph(surface, text, rect, 13, colour, spacing=3)

    def _draw_list(self, surface: pygame.Surface, area: pygame.Rect, lines: list[str]) -> None:
        y = area.y + getattr(self, "list_y", 250)
        for line in lines[:8]:
            draw.label(surface, f"• {line}", (area.x, y), 12, theme.TEXT, width=area.width - 36)
            y += 22

    def _draw_draft(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        inner = draw.panel(surface, rect, "Draft plan")
        d = self.draft
        names = {p["id"]: p["name"] for p in self.controller.view.projects}
        people = {p.id: p.name for p in self.account.people}
        rows = [
            ("Segment", (d.segment or "not set").replace("_", " ")),
            ("Needs", ", ".join(n.replace("_", " ") for n in d.needs) or "—"),
            ("SWOT", f"{len(d.swot)} line(s), {sum(len(s['facts']) for s in d.swot)} citation(s)"),
            (
                "Objectives",
                "; ".join(
                    f"{KPI_NAMES[o['kpi']]} {format_number(o['target'])} wk{o['by_week']}"
                    for o in d.objectives
                )
                or "—",
            ),
            ("Tactics", ", ".join(names.get(t, "a project") for t in d.tactics) or "—"),
            (
                "At the table",
                ", ".join(people.get(c, "someone who has left") for c in d.consulted)
                or "— (step 3)",
            ),
        ]
        y = inner.y
        for key, value in rows:
            draw.label(surface, key, (inner.x, y), 12, theme.MUTED)
            y = (
                draw.paragraph(
                    surface,
                    value,
                    pygame.Rect(inner.x + 88, y, inner.width - 88, inner.bottom - y),
                    12,
                    theme.TEXT,
                    spacing=2,
                )
                + 4
            )
        news = plan_lines(self.account, self.controller.view)
        if news:  # the written plan's standing with the customer, under the draft
            y += 4
            pygame.draw.line(surface, theme.GRID, (inner.x, y), (inner.right, y))
            draw.label(surface, "The written plan", (inner.x, y + 4), 12, theme.MUTED, True)
            y += 22
        for text, colour in news:
            rect = pygame.Rect(inner.x, y, inner.width, inner.bottom - 20 - y)
            y = draw.paragraph(surface, text, rect, 12, colour, spacing=2) + 4
        plan = self.account.plan
        status = "no plan written" if plan is None else f"written: v{plan.version} {plan.status}"
        draw.label(
            surface,
            status,
            (inner.x, inner.bottom - 16),
            12,
            theme.GOOD if plan and plan.status == "agreed" else theme.WARN,
            True,
        )
