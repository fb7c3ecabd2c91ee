"""The planning board's host: the step list, the draft with Write and Agree, the question.

The left column is the seven steps; the chosen step (one `Step` class from `steps`) builds its
own tools in the middle column. The right column is the draft (always visible) with Write and
Agree. The draft is the account's in the controller's `DraftBook`: it starts from the current
plan (so revising a plan means editing it), then keeps every click and every typed character
across screens, resizes and resumes; Clear starts afresh. Agreeing with influential people
missing from the table asks first.

The step's title and its subtitle sit on their own lines above the step's tools, which start
under the subtitle however many lines it wraps to. Every line of text the board draws is
recorded in `text_rects` each frame, so tests can check that nothing overlaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pygame
import pygame_gui
from pygame_gui.core import UIContainer

from kamsim.sim.view import AccountView
from kamsim.ui import theme
from kamsim.ui.costs import days_short, new_project_cost, takes
from kamsim.ui.plan_draft import PlanDraft
from kamsim.ui.screens.base import Screen, set_selected, set_text, set_tip
from kamsim.ui.screens.planning.draft_panel import draw_draft
from kamsim.ui.screens.planning.readings import agree_obstacles
from kamsim.ui.screens.planning.step import GAP, Step, label, line_height, paragraph
from kamsim.ui.screens.planning.steps import STEP_CLASSES
from kamsim.ui.screens.planning.steps.dmu import DmuStep, everyone_seated
from kamsim.ui.screens.planning.steps.monitor import MonitorStep
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.actions import analysis_label, analysis_tip, monthly_toggle, word_monthly
from kamsim.ui.widgets.agreement import agree_question

SIDE = 330  # the draft column
NAV_W = 190  # the step list
HEADING_Y = 36  # "Step n …" under the board's title
QUESTION_H = 170
ANALYSES = ("desk_research", "map_pathway", "map_dmu", "review_kpis")


class PlanningScreen(Screen):
    name = "planning"
    title = "Planning board"
    shortcuts = (
        ("1 … 7", "go to a step (when not typing)"),
        ("W", "write the draft as the account's plan (takes field days)"),
        ("A", "agree the written plan with the people chosen in step 3"),
        ("R", "turn the monthly KPI review on or off"),
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

    # ------------------------------------------------------------------ geometry
    def area(self) -> pygame.Rect:
        """The middle column, relative to the screen (the step's container)."""
        w, h = self.rect.size
        return pygame.Rect(NAV_W + 12, 0, w - NAV_W - SIDE - 36, h)

    def subtitle_lines(self) -> list[str]:
        return theme.wrap(STEP_CLASSES[self.step - 1].tip, self.area().width, 12)

    def content_top(self) -> int:
        """Where a step's tools start: under its heading and its (wrapped) subtitle."""
        return (HEADING_Y + line_height(15, True) + 2
                + len(self.subtitle_lines()) * line_height(12) + GAP + 2)  # fmt: skip

    # ------------------------------------------------------------------ building
    def build(self) -> None:
        self.draft: PlanDraft = self.controller.drafts.draft(self.account_id, self.account.plan)
        self.question: str | None = None  # asking to confirm an agreement (who is missing)
        self.step = int(self.params.get("step") or self._opening_step())
        if not 1 <= self.step <= len(STEP_CLASSES):
            self.step = 1
        self.params["step"] = self.step  # a rebuild (a resize) stays on it
        self.step_root: UIContainer | None = None
        self.current: Step | None = None
        self.step_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.text_rects: list[pygame.Rect] = []
        w, h = self.rect.size
        for i, cls in enumerate(STEP_CLASSES, start=1):
            self.button(f"step_{i}", (12, 52 + (i - 1) * 44, NAV_W - 12, 38),
                        f"{cls.number} {cls.title}", lambda i=i: self._go_step(i), cls.tip,
                        "toggle")  # fmt: skip
        x = w - SIDE - 12
        self.button("clear", (x, h - 140, SIDE, 34), "Clear draft", self._clear,
                    "Empty the draft (the written plan is not changed)")  # fmt: skip
        self.button("write", (x, h - 100, SIDE, 40), "write", self._write, "write", "primary")
        self.button("agree", (x, h - 54, SIDE, 40), "agree", self._agree, "agree", "good")
        self.word_buttons()
        self.build_step()

    @contextmanager
    def _into(self, container: UIContainer) -> Iterator[None]:
        """Create widgets in a step's container with the base class's helpers."""
        root, self.root = self.root, container
        try:
            yield
        finally:
            self.root = root

    def button_in(
        self,
        container: UIContainer,
        name: str,
        rect: tuple[int, int, int, int],
        text: str,
        command: Callable[[], None],
        tip: str | None = None,
        cls: str | None = "toggle",
    ) -> pygame_gui.elements.UIButton:
        with self._into(container):
            return self.button(name, rect, text, command, tip, cls)

    def entry_in(
        self, container: UIContainer, name: str, rect: tuple[int, int, int, int],
        placeholder: str, text: str,
    ) -> pygame_gui.elements.UITextEntryLine:  # fmt: skip
        with self._into(container):
            line = self.entry(name, rect, placeholder)
        line.set_text(text)
        return line

    def word_buttons(self) -> None:
        """Write and Agree (and the analyses) say what they take, from the scenario."""
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
        for kind in ANALYSES:
            button = self.buttons.get(f"do_{kind}")
            if button is not None:
                set_text(button, analysis_label(kind, acc, done, costs))
                set_tip(button, analysis_tip(kind, acc, done, view, costs))
        monthly = self.buttons.get("do_review_monthly")
        if monthly is not None:
            word_monthly(monthly, acc, view, costs)

    # ------------------------------------------------------------------ steps
    def _stage(self) -> tuple[int, str]:
        """How far the account's plan is: (version, status); (0, "none") before one."""
        plan = self.account.plan
        return (plan.version, plan.status) if plan is not None else (0, "none")

    def _opening_step(self) -> int:
        """The step a board opened from elsewhere starts on: the one last used for the plan
        as it stands, else the one the plan needs next (the diagnosis once the analyses are
        done, the table once a plan is written, monitoring once it is agreed)."""
        remembered = self.app.memory.get("planning_steps", {}).get(self.account_id)
        if remembered is not None and remembered[1] == self._stage():
            return int(remembered[0])
        acc = self.account
        if acc.plan is not None:
            return DmuStep.number if acc.plan.status == "draft" else MonitorStep.number
        analysed = "desk_research" in self.controller.analysed(acc.id)
        return 2 if analysed and acc.dmu_mapped and acc.pathway_mapped else 1

    def _go_step(self, step: int) -> None:
        self.step = step
        self.params["step"] = step
        self.app.memory.setdefault("planning_steps", {})[self.account_id] = (step, self._stage())
        if self.app.controller is not None:
            self.controller.ui_state = self.state()
        self.build_step()

    def build_step(self) -> None:
        """(Re)build the chosen step's tools, keeping what was typed in the old ones."""
        self._capture()
        for name in list(self.step_buttons):
            self.buttons.pop(name, None)
        self.entries = {}
        if self.step_root is not None:
            self.step_root.kill()
        area = self.area()
        self.step_root = UIContainer(area, self.app.manager, container=self.root)
        before = set(self.buttons)
        step_class = STEP_CLASSES[self.step - 1]
        self.current = step_class(self, self.step_root, area.size, self.content_top())
        self.current.build()
        self.step_buttons = {n: self.buttons[n] for n in self.buttons if n not in before}
        for i in range(1, len(STEP_CLASSES) + 1):
            set_selected(self.buttons[f"step_{i}"], i == self.step)
        self.word_buttons()
        self.sync()

    def _capture(self) -> None:
        """Keep what is typed in the step's fields in the draft (every frame and before the
        fields go away), so no keystroke is lost to a step change, Esc or a resize."""
        if getattr(self, "current", None) is not None:
            self.current.capture()  # type: ignore[union-attr]

    def update(self, dt: float) -> None:
        self._capture()
        super().update(dt)

    def exit(self) -> None:
        self._capture()
        super().exit()

    # ------------------------------------------------------------------ draft edits
    def toggle(self, items: list[str], item: str) -> None:
        self.draft.toggle(items, item)
        self.sync()

    def remove(self, items: list[object], index: int) -> None:
        if index < len(items):
            items.pop(index)
        self.build_step()

    def _clear(self) -> None:
        self.draft.clear()
        for line in self.entries.values():
            line.set_text("")
        self.build_step()

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

    # ------------------------------------------------------------------ the question
    def _ask(self, question: str) -> None:
        """The question replaces the step's tools until it is answered."""
        if self.question is not None:
            self._close_question()
        self.question = question
        if self.step_root is not None:
            self.step_root.hide()
        x, y = NAV_W + 12, self.content_top() + QUESTION_H + GAP
        self.button("agree_confirm", (x, y, 240, 38), "Agree anyway  [Enter]", self._confirm,
                    "Put the plan to the customer with the table as it is", "danger")  # fmt: skip
        self.button("agree_cancel", (x + 252, y, 240, 38), "Back to the table  [Esc]",
                    self._cancel, "Step 3: choose who sits at the table", "primary")  # fmt: skip

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

    # ------------------------------------------------------------------ selections
    def sync(self) -> None:
        """Selections follow the draft (set_selected only touches buttons that change)."""
        acc = self.account
        for name, button in self.buttons.items():
            kind, _, key = name.partition("_")
            on = {
                "tier": key == acc.tier,
                "segment": key == self.draft.segment,
                "need": key in self.draft.needs,
                "consult": key in self.draft.consulted,
                "seat": everyone_seated(acc, self.draft.consulted),
                "project": key in self.draft.tactics,
                "fact": key in self.draft.swot_facts,
                "kpi": key == self.draft.kpi,
            }.get(kind)
            if name.startswith("swot_kind_"):
                on = name[10:] == self.draft.swot_kind
            if on is not None:
                set_selected(button, on)

    def toggle_monthly(self) -> None:
        """The monthly KPI review the other way (R, and step 7's button)."""
        self.controller.submit(monthly_toggle(self.account))

    def refresh(self) -> None:
        self.word_buttons()
        self.sync()

    @property
    def asking(self) -> bool:
        return self.question is not None

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
        elif event.key == pygame.K_r:
            self.app.defer(self.toggle_monthly)
        else:
            return False
        return True

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        drawn = [label(surface, f"Planning board — {self.account.name}", (r.x + 14, r.y + 8),
                       20, theme.TEXT, True, width=r.width - SIDE - 40)]  # fmt: skip
        area = self.area().move(r.x, r.y)
        cls = STEP_CLASSES[self.step - 1]
        y = r.y + HEADING_Y
        drawn.append(label(surface, f"Step {cls.number} {cls.title}", (area.x, y), 15,
                           theme.ACCENT, True, width=area.width))  # fmt: skip
        y += line_height(15, True) + 2
        for line in self.subtitle_lines():
            drawn.append(label(surface, line, (area.x, y), 12, theme.MUTED, width=area.width))
            y += line_height(12)
        if self.question is not None:
            drawn += self._draw_question(surface, area)
        elif self.current is not None:
            for c in self.current.captions:
                drawn.append(label(surface, c.text, (area.x + c.x, area.y + c.y), c.size,
                                   c.colour, c.bold, width=c.width))  # fmt: skip
            drawn += self.current.draw(surface, area)
        side = pygame.Rect(r.right - SIDE - 12, r.y + 44, SIDE, r.height - 192)
        drawn += draw_draft(surface, side, self.draft, self.account, self.controller.view)
        self.text_rects = drawn

    def _draw_question(self, surface: pygame.Surface, area: pygame.Rect) -> list[pygame.Rect]:
        box = pygame.Rect(area.x, area.y + self.content_top(), area.width, QUESTION_H)
        inner = draw.panel(surface, box, "Put the plan to the customer?")
        return [paragraph(surface, self.question or "", inner, 14, theme.WARN)]
