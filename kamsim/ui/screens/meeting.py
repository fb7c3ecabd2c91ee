"""Meetings: choose the stakeholder, the purpose and up to three questions; see what you learn."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from kamsim.sim import Outcome
from kamsim.sim.topics import topic_groups
from kamsim.ui import switcher, theme
from kamsim.ui.asked import LEGEND, Asked, mark, tip
from kamsim.ui.costs import days_short, takes
from kamsim.ui.screens.base import Screen, set_selected, set_text, set_tip
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.conversation import conversation_lines, draw_conversation
from kamsim.ui.widgets.facts import split_new
from kamsim.ui.widgets.plans import holding_up, person_label, person_tags

if TYPE_CHECKING:
    from pygame_gui.elements import UIButton

    from kamsim.sim.view import AccountView, PersonView, View
    from kamsim.ui.controller import GameController

PURPOSES = (  # id, label, tooltip
    ("listen", "Listen", "Hear their agenda. Builds the relationship; asks nothing of them."),
    (
        "discover",
        "Discover",
        "Ask your prepared questions. What they tell you depends on trust "
        "and on whether they know the answer.",
    ),
    (
        "present_value",
        "Present value",
        "Present what your plan's projects would do for the needs they care about.",
    ),
    (
        "co_create",
        "Co-create",
        "Work on the account plan with them. A plan agreed with the "
        "people you co-created it with carries the decision.",
    ),
    (
        "promote",
        "Promote",
        "Deliver the brand message. Quick, but tires people; overloaded contacts turn against you.",
    ),
)
PURPOSE_TIPS = {pid: tip for pid, _, tip in PURPOSES}
MAX_QUESTIONS = 3


def purpose_cost(controller: GameController, purpose: str) -> str:
    """'Takes 1 field day (…left): twice a discovery meeting.' from the scenario's dynamics."""
    costs = controller.costs
    days, base = costs.meeting_days(purpose), costs.meeting_days("discover")
    text = takes(days, controller.view)
    if base > 0 and abs(days - base) > 1e-9 and purpose != "discover":
        ratio = days / base
        size = "twice" if abs(ratio - 2) < 1e-9 else f"{ratio:g}×"
        text += f" That is {size} a discovery meeting."
    return text


QUESTIONS_Y = 152  # where the questions' heading sits, under the two rows of purposes
PERSON_W = 360  # width of a person's button in the "whom" list
BUTTON_PAD = 22  # a button's text margins, both sides together (theme: 13 px font)
LEGEND_H = 16  # the line under the questions that says what their signs mean
OTHER_ROW = 26  # a row of another key account's people
PLAN_W = 190  # the planning board button, beside Back
QUICK_W = 76  # the least width of a person's "hold it now" button, at the right of their row
TOPIC_INDENT = 14  # a question under its topic's heading


def question_rows(
    questions: tuple[dict, ...],
) -> list[tuple[str | None, dict | None, tuple[str, ...]]]:
    """The question list as the screen shows it: (topic, question, topic's questions) rows.

    A scenario that gives its questions topics is shown topic by topic, each under a heading
    row (question None) that asks all of them; one without topics is a plain list.
    """
    groups = topic_groups(questions)
    if groups is None:
        return [(None, q, ()) for q in questions]
    by_id = {q["id"]: q for q in questions}
    rows: list[tuple[str | None, dict | None, tuple[str, ...]]] = []
    for members in groups:
        topic = str(by_id[members[0]]["topic"])
        rows.append((topic, None, members))
        rows.extend((topic, by_id[m], members) for m in members)
    return rows


class MeetingScreen(Screen):
    name = "meeting"
    title = "Meeting"
    shortcuts = (
        ("click a person, a purpose, questions", "prepare the meeting (at most 3 questions)"),
        ("click a topic (where questions have them)", "hold the meeting on all its questions"),
        ("Enter", "hold the meeting"),
        ("click a person's days (Meet now)", "hold the meeting with them at once, as prepared"),
        ("Esc", "back to the account"),
        ("P", "the account's planning board"),
        ("click a key account", "open it (it is listed under the people)"),
        ("click a person under another key account", "meet them there"),
        switcher.SHORTCUT,
    )

    @property
    def account_id(self) -> str:
        return str(self.params["account"])

    def build(self) -> None:
        self.stakeholder: str | None = self.params.get("stakeholder")
        # The purpose chosen last stays chosen: a round of listening (or co-creation) visits
        # is chosen once, not at every person (discovery is where a game starts).
        self.purpose = str(self.app.memory.get("meeting_purpose", "discover"))
        self.questions: list[str] = []
        self.result: Outcome | None = None
        self.known_before: set[str] = set()  # facts known before the meeting shown
        view = self.controller.view
        self.people_shown = self._people_listed(view)
        # the "hold it now" buttons are as wide as their widest cost at this text size
        costs = {days_short(self.controller.costs.meeting_days(pid)) for pid, _, _ in PURPOSES}
        widest = max(theme.font(13).size(f"{c} ▸")[0] for c in costs)
        self.quick_w = max(QUICK_W, widest + BUTTON_PAD)
        acc = view.account(self.account_id)
        w, h = self.rect.size
        y = 70
        for p in acc.people:
            label, tip = self._person_words(p, holding_up(acc.plan), view.week)
            self.button(
                f"person_{p.id}",
                (12, y, PERSON_W - self.quick_w - 4, 40),
                label,
                lambda i=p.id: self._pick(i),
                tip,
                "toggle",
            )
            # its words (the days, whom and why) follow the choices: `_sync`
            self.button(f"now_{p.id}", (12 + PERSON_W - self.quick_w, y, self.quick_w, 40), "",
                        lambda i=p.id: self._now(i))  # fmt: skip
            y += 44
        self._key_account_buttons(view, y + 10, h - 12)
        x = 392
        self.qwidth = min(640, w - x - 320)
        per_row = 3  # two rows, so each purpose has room for its name and its field days
        bw = (self.qwidth + 6) // per_row
        for i, (pid, label, tip) in enumerate(PURPOSES):
            self.button(
                f"purpose_{pid}",
                (x + (i % per_row) * bw, 70 + (i // per_row) * 38, bw - 6, 34),
                f"{label} · {days_short(self.controller.costs.meeting_days(pid))}",
                lambda p=pid: self._purpose(p),
                f"{tip} {purpose_cost(self.controller, pid)}",
                "toggle",
            )
        y = QUESTIONS_Y + 26
        # The questions run down to the window's foot (less the legend's line): Back sits at
        # the top right and Go under the "What happened" panel, so neither covers the last of
        # a long list (eighteen on the advanced scenario ran under Back at 1152×680).
        # When even the smallest readable rows do not fit (a long list at a large text size),
        # the questions take two columns or more.
        room = h - 12 - LEGEND_H - y
        entries = question_rows(view.questions)
        n = max(1, len(entries))
        least = theme.font(13).get_height() + 4
        columns = max(1, math.ceil(n * least / max(room, least)))
        rows = math.ceil(n / columns)
        qh = max(least, min(30, room // rows))
        cw = (self.qwidth + 6) // columns
        self.question_text = {q["id"]: q["text"] for q in view.questions}
        self.topics: dict[str, tuple[str, ...]] = {}  # a topic's button → its questions
        self.topic_names: dict[str, str] = {}
        for i, (topic, q, members) in enumerate(entries):
            left, top = x + (i // rows) * cw, y + (i % rows) * qh
            if q is None:  # a topic's heading: one click holds the meeting on all of it
                name = f"topic_{len(self.topics)}"
                self.topics[name] = members
                self.topic_names[name] = str(topic)
                self.button(name, (left, top, cw - 6, qh - 3), str(topic),
                            lambda t=members: self._topic(t))  # fmt: skip
                continue
            indent = TOPIC_INDENT if topic else 0
            self.button(
                f"question_{q['id']}",
                (left + indent, top, cw - 6 - indent, qh - 3),
                theme.fit(q["text"], cw - 6 - indent - BUTTON_PAD, 13),  # whole in the tooltip
                lambda q=q["id"]: self._question(q),
                q["text"],
                "toggle",
            )
        self.legend_y = y + rows * qh + 2  # under the questions: what their signs mean
        self.button(
            "go",
            (w - 302, h - 56, 290, 42),
            "Hold the meeting  [Enter]",  # with its cost: `_sync`
            self._go,
            "go",
            "primary",
        )
        self.button("back", (w - 142, 4, 130, 34), "◀ Back [Esc]", self.app.back)
        self.button("plan", (w - 142 - PLAN_W - 8, 4, PLAN_W, 34), "Planning board  [P]",
                    self._plan, "This account's plan: write it, or agree it with the people "
                    "you have met (Esc from the board goes back to the account).")  # fmt: skip
        self._sync()

    def _plan(self) -> None:
        """The account's planning board, as if opened from the account (Esc goes there)."""
        account = self.account_id
        self.app.go("account", account=account)
        self.app.push("planning", account=account)

    def _key_account_buttons(self, view: View, top: int, bottom: int) -> None:
        """The other key accounts under the people, one click away (when there is room).

        Where the window has room, each is listed with its people: a click on one opens the
        meeting with them at that account, one click where going by the account took two
        (a standard year's meetings move between key accounts about fifty times). Otherwise
        each account is one button, which opens it."""
        others = [a for a in switcher.key_accounts(view) if a.id != self.account_id]
        self.switch_y: int | None = None
        self.elsewhere: dict[str, str] = {}  # another key account's person's button → account
        if not others or top + 22 + 34 * len(others) > bottom:
            return
        self.switch_y = top
        crowd = [[p for p in acc.people if p.present] for acc in others]
        rows = sum(len(people) for people in crowd)
        with_people = top + 22 + 30 * len(others) + OTHER_ROW * rows <= bottom
        y = top + 22
        for acc, people in zip(others, crowd, strict=True):
            self.button(
                f"goto_{acc.id}",
                (12, y, PERSON_W, 28),
                f"▸ {acc.name}",
                lambda a=acc.id: self.app.go("account", account=a),
                f"Open {acc.name}: a key account. [ and ] step through the key accounts.",
            )
            y += 30 if with_people else 34
            if not with_people:
                continue
            holding = holding_up(acc.plan)
            for p in people:
                label, tip = self._elsewhere_words(acc, p, holding, view.week)
                self.button(
                    f"with_{p.id}",
                    (28, y, PERSON_W - 16 - self.quick_w - 4, OTHER_ROW - 2),
                    label,
                    lambda a=acc.id, i=p.id: self._meet_at(a, i),
                    tip,
                    "toggle",
                )
                self.button(f"now_{p.id}", (12 + PERSON_W - self.quick_w, y, self.quick_w,
                                            OTHER_ROW - 2), "",
                            lambda a=acc.id, i=p.id: self._meet_at(a, i, now=True))  # fmt: skip
                self.elsewhere[f"with_{p.id}"] = acc.id
                self.elsewhere[f"now_{p.id}"] = acc.id
                y += OTHER_ROW

    def _elsewhere_words(
        self, acc: AccountView, p: PersonView, holding: set[str], week: int
    ) -> tuple[str, str]:
        """The button of a person at another key account: a shorter row, and the tooltip
        says where the meeting would be."""
        _, tip = self._person_words(p, holding, week)
        label = person_label(p, holding, PERSON_W - 52 - self.quick_w - 4, 12, week)
        return label, f"Meet at {acc.name}: {tip}"

    def _meet_at(self, account: str, person: str, now: bool = False) -> None:
        """The meeting with this person at another key account, as if opened from there
        (Esc goes back to that account); `now` holds it at once, for the purpose chosen."""
        self.app.go("account", account=account)
        self.app.push("meeting", account=account, stakeholder=person)
        if now and isinstance(self.app.screen, MeetingScreen):
            self.app.screen._go()

    def _person_words(self, p: PersonView, holding: set[str], week: int) -> tuple[str, str]:
        """A person's button: name, role and tags, and the tooltip with their standing."""
        tags = person_tags(p, holding, week)
        tip = (
            f"{p.name} — {p.role}" + (f" ({', '.join(tags)})" if tags else "") + ". "
            f"Attitude {theme.attitude_label(p.perceived_attitude)}; relationship "
            f"{p.relationship}; {p.meetings} meeting(s) so far"
        )
        return person_label(p, holding, PERSON_W - self.quick_w - 24, 12, week), tip

    # ------------------------------------------------------------------ commands
    def _pick(self, person: str) -> None:
        self.stakeholder = person
        self._sync()

    def _now(self, person: str) -> None:
        """The meeting with this person at once, as prepared (purpose and any questions): a
        round of listening or co-creation visits is a click a visit, not a choice and Go."""
        self.stakeholder = person
        self._go()

    def _now_words(self, name: str, days: float) -> tuple[str, str]:
        """A "hold it now" button's label (the cost) and tooltip (whom, why, what is asked)."""
        pid = name[4:]
        account = self.elsewhere.get(name, self.account_id)
        acc = self.controller.view.account(account)
        who = next((p.name for p in acc.people if p.id == pid), "them")
        purpose = next(lbl for p, lbl, _ in PURPOSES if p == self.purpose).lower()
        asked = ""  # the questions chosen here are asked only here
        if self.questions and account == self.account_id:
            asked = f", asking the {len(self.questions)} question(s) chosen"
        elif self.purpose == "discover":
            asked = ", with no questions (choose a topic for those)"
        where = f" at {acc.name}" if account != self.account_id else ""
        tip = (f"Holds the meeting with {who}{where} now ({purpose}{asked}). "
               f"{purpose_cost(self.controller, self.purpose)}")  # fmt: skip
        return f"{days_short(days)} ▸", tip

    def _purpose(self, purpose: str) -> None:
        self.purpose = purpose
        self.app.memory["meeting_purpose"] = purpose
        self._sync()

    def _question(self, question: str) -> None:
        if question in self.questions:
            self.questions.remove(question)
        elif len(self.questions) < MAX_QUESTIONS:
            self.questions.append(question)
        self._sync()

    def _topic(self, members: tuple[str, ...]) -> None:
        """The meeting, at once, on all of a topic's questions (whatever single ones were
        chosen): choosing the topic is the decision, so it needs no second press of Go."""
        if self.stakeholder is None:
            self.controller.note("refused", "Choose whom to meet first.")
            return
        self.questions = list(members)
        self._go()

    def _topic_words(self, name: str, days: float) -> tuple[str, str]:
        """A topic button's label and tooltip: it acts at once, so both say what it costs."""
        topic, members = self.topic_names[name], self.topics[name]
        person = self._person()
        who = person.name if person is not None else "the person you choose"
        label = f"Ask about {topic.lower()} · {days_short(days)}"
        purpose = next(lbl for pid, lbl, _ in PURPOSES if pid == self.purpose)
        tip = (
            f"Holds the meeting with {who} now ({purpose.lower()}), asking all "
            f"{len(members)} questions about {topic.lower()}: "
            + " ".join(self.question_text[m] for m in members)
            + f" {purpose_cost(self.controller, self.purpose)}"
        )
        return label, tip

    def _sync(self) -> None:
        # Kept for `draw`: the log only grows between syncs (a change of revision refreshes),
        # and reading it copies the whole game's log, too much to do every frame.
        self.asked_before = asked = self._asked()
        view = self.controller.view
        acc = view.account(self.account_id)
        people = {f"person_{p.id}": p for p in acc.people}
        holding = holding_up(acc.plan)
        for name, button in self.buttons.items():
            if name.startswith("person_"):
                set_selected(button, name == f"person_{self.stakeholder}")
                if name in people:  # a request declined on this screen says so at once
                    label, tip = self._person_words(people[name], holding, view.week)
                    set_text(button, label)
                    set_tip(button, tip)
            elif name in self.elsewhere:  # a new week clears last week's "declined" there
                there = view.account(self.elsewhere[name])
                who = next((p for p in there.people if f"with_{p.id}" == name), None)
                if who is not None:
                    label, tip = self._elsewhere_words(there, who, holding_up(there.plan),
                                                       view.week)  # fmt: skip
                    set_text(button, label)
                    set_tip(button, tip)
            elif name.startswith("purpose_"):
                set_selected(button, name == f"purpose_{self.purpose}")
                set_tip(
                    button, f"{PURPOSE_TIPS[name[8:]]} {purpose_cost(self.controller, name[8:])}"
                )
            elif name.startswith("question_"):
                set_selected(button, name[9:] in self.questions)
                self._mark(button, name[9:], asked)
        days = self.controller.costs.meeting_days(self.purpose)
        for name in [n for n in self.buttons if n.startswith("now_")]:
            label, tip = self._now_words(name, days)
            set_text(self.buttons[name], label)
            set_tip(self.buttons[name], tip)
        for name in self.topics:  # the cost and the person change with the choices above
            label, tip = self._topic_words(name, days)
            set_text(self.buttons[name], label)
            set_tip(self.buttons[name], tip)
        chosen = people.get(f"person_{self.stakeholder}")
        if chosen is not None and chosen.declined_week == view.week:
            set_text(self.buttons["go"], "Declined this week: ask again next week")
            set_tip(
                self.buttons["go"],
                f"{chosen.name} declined a meeting request this week. Asking again before "
                "next week is refused at once and costs nothing.",
            )
            return
        set_text(self.buttons["go"], f"Hold the meeting · {days_short(days)}  [Enter]")
        set_tip(
            self.buttons["go"],
            f"{purpose_cost(self.controller, self.purpose)} The person may decline the request; "
            "then they are not asked again before next week.",
        )

    def _asked(self) -> dict[str, Asked]:
        if self.stakeholder is None:
            return {}
        return self.controller.asked(self.account_id, self.stakeholder)

    def _mark(self, button: UIButton, question: str, asked: dict[str, Asked]) -> None:
        """A question already put to this person says so: its sign, and in its tooltip when
        and what came of it (the question's whole text leads the tooltip when it is cut)."""
        text = self.question_text[question]
        before = asked.get(question)
        set_text(button, f"{mark(before)}{text}")
        if before is None:
            set_tip(button, None)  # a cut question is said whole in its tooltip
            return
        person = self._person()
        set_tip(button, tip(before, person.name, person.relationship) if person else None)

    def _person(self) -> PersonView | None:
        acc = self.controller.view.account(self.account_id)
        return next((p for p in acc.people if p.id == self.stakeholder), None)

    def refresh(self) -> None:
        if self._people_listed(self.controller.view) != self.people_shown:
            self._rebuild_keeping_choices()  # someone came to light (or left): list them
            return
        self._sync()  # the days left this week change what the tooltip says

    def _people_listed(self, view: View) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Whom the screen lists: this account's people and the other key accounts' present
        ones. A DMU mapping or a meeting can bring a hidden member to light while the screen
        is open; built once, the screen left them out until it was opened again."""
        here = (self.account_id, tuple(p.id for p in view.account(self.account_id).people))
        others = tuple((a.id, tuple(p.id for p in a.people if p.present))
                       for a in switcher.key_accounts(view) if a.id != self.account_id)  # fmt: skip
        return (here, *others)

    def _rebuild_keeping_choices(self) -> None:
        kept = (self.stakeholder, self.purpose, list(self.questions), self.result,
                set(self.known_before))  # fmt: skip
        if self.stakeholder is not None:
            self.params["stakeholder"] = self.stakeholder
        self.rebuild()
        (self.stakeholder, self.purpose, self.questions, self.result,
         self.known_before) = kept  # fmt: skip
        self._sync()

    def _go(self) -> None:
        if self.stakeholder is None:
            self.controller.note("refused", "Choose whom to meet first.")
            return
        action = {
            "kind": "meet",
            "account": self.account_id,
            "stakeholder": self.stakeholder,
            "purpose": self.purpose,
            "questions": list(self.questions),
        }
        self.known_before = {f.id for f in self.controller.view.facts}  # to tell new from again
        self.result = self.controller.submit(action)
        self.questions = []
        self._sync()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.defer(self._go)
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_p:
            self.app.defer(self._plan)
            return True
        if event.type == pygame.KEYDOWN and switcher.step_of(event.key) is not None:
            other = switcher.neighbour(self.controller.view, self.account_id,
                                       switcher.step_of(event.key) or 0)  # fmt: skip
            if other is not None:
                self.app.defer(lambda: self.app.go("account", account=other))
                return True
        return False

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        acc = self.controller.view.account(self.account_id)
        title_w = self.buttons["plan"].relative_rect.x - 26  # never under the top buttons
        draw.label(surface, f"Meeting at {acc.name}", (r.x + 14, r.y + 8), 20, theme.TEXT, True,
                   width=title_w)  # fmt: skip
        draw.label(surface, "1. Whom do you meet?", (r.x + 14, r.y + 44), 14, theme.ACCENT, True)
        # the heading of the column of "hold it now" buttons
        draw.label(surface, "Meet now", (r.x + 12 + PERSON_W - self.quick_w + 4, r.y + 50), 11,
                   theme.MUTED, width=self.quick_w - 4)  # fmt: skip
        if self.switch_y is not None:
            draw.label(surface, "Other key accounts  [ ]", (r.x + 14, r.y + self.switch_y), 13,
                       theme.MUTED, True)  # fmt: skip
        draw.label(surface, "2. Why?", (r.x + 392, r.y + 44), 14, theme.ACCENT, True)
        draw.label(
            surface,
            f"3. Questions ({len(self.questions)}/{MAX_QUESTIONS}; best asked in a discovery "
            "meeting)",
            (r.x + 392, r.y + QUESTIONS_Y),
            14,
            theme.ACCENT,
            True,
            width=self.qwidth,  # never into the "What happened" panel
        )
        if self.asked_before:
            draw.label(surface, LEGEND, (r.x + 392, r.y + self.legend_y), 11, theme.MUTED,
                       width=self.qwidth)  # fmt: skip
        x = r.x + 392 + self.qwidth + 16
        box = pygame.Rect(x, r.y + 44, r.right - x - 12, r.height - 112)
        inner = draw.panel(surface, box, "What happened")
        if self.result is None:
            draw.paragraph(
                surface,
                "Prepare the meeting and hold it. The answer and what you learn appear here.",
                inner,
                12,
                theme.MUTED,
            )
            return
        self._draw_result(surface, inner)

    def _draw_result(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        result = self.result
        assert result is not None
        y = inner.y
        if not result.accepted:
            reason = self.controller.words.humanise(str(result.reason))
            draw.paragraph(surface, f"✕ {reason}", inner, 13, theme.BAD)
            return
        if result.replies:  # the meeting as a conversation, in the people's own words
            y = self._draw_conversation(surface, inner)
        else:
            for message in result.messages:
                y = (
                    draw.paragraph(
                        surface,
                        f"• {self.controller.words.humanise(message)}",
                        pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                        12,
                        theme.TEXT,
                    )
                    + 2
                )
            y = self._draw_facts(surface, inner, y)
        person = next(
            (
                p
                for p in self.controller.view.account(self.account_id).people
                if p.id == result.action.get("stakeholder")
            ),
            None,
        )
        if person is not None and y < inner.bottom - 20:
            draw.label(
                surface,
                f"Attitude now {theme.attitude_label(person.perceived_attitude)}",
                (inner.x, y + 6),
                11,
                theme.attitude_colour(person.perceived_attitude),
                width=inner.width,
            )

    def _draw_conversation(self, surface: pygame.Surface, inner: pygame.Rect) -> int:
        result = self.result
        assert result is not None
        view = self.controller.view
        words = self.controller.words
        who = next((p.name for p in view.account(self.account_id).people
                    if p.id == result.action.get("stakeholder")), "They")  # fmt: skip
        lines = conversation_lines(
            result.replies,
            who,
            {q["id"]: f"“{q['text']}”" for q in view.questions},
            {f.id: f.title for f in view.facts},
            self.known_before,
            words.humanise,
        )
        bottom = inner.bottom - 24  # room for the attitude line
        y = draw_conversation(surface, lines, pygame.Rect(inner.x, inner.y, inner.width,
                                                          bottom - inner.y))  # fmt: skip
        for message in result.reactions:  # what the scenario's reactions add
            y = draw.paragraph(surface, f"• {words.humanise(message)}",
                               pygame.Rect(inner.x, y, inner.width, bottom - y), 12,
                               theme.TEXT) + 2  # fmt: skip
        return y

    def _draw_facts(self, surface: pygame.Surface, inner: pygame.Rect, y: int) -> int:
        result = self.result
        assert result is not None
        facts = {f.id: f for f in self.controller.view.facts}
        new, again = split_new(result.revealed, self.known_before)
        if new:
            y += 6
            draw.label(surface, "New facts", (inner.x, y), 13, theme.GOOD, True)
            y += 20
        for fid in new:
            fact = facts.get(fid)
            if fact is None or y > inner.bottom - 30:
                continue
            draw.label(
                surface, f"✓ {fact.title}", (inner.x, y), 12, theme.GOOD, True, width=inner.width
            )
            y = (
                draw.paragraph(
                    surface,
                    fact.text,
                    pygame.Rect(inner.x + 10, y + 16, inner.width - 10, inner.bottom - y - 16),
                    11,
                    theme.MUTED,
                )
                + 4
            )
        if again and y < inner.bottom - 36:  # known already: a second source, not news
            y += 6
            draw.label(surface, "Heard again (another source)", (inner.x, y), 13, theme.MUTED,
                       True)  # fmt: skip
            y += 20
            for fid in again:
                fact = facts.get(fid)
                if fact is None or y > inner.bottom - 16:
                    continue
                draw.label(surface, f"↻ {fact.title}", (inner.x, y), 12, theme.TEXT,
                           width=inner.width)  # fmt: skip
                y += 18
        return y
