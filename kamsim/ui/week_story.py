"""The week as a story: what the weeks just played brought, in a trainee's words.

`week_story` reads the game log of the weeks just ended (committee decisions, world events,
deliveries, month figures, campaigns the brand team ran undecided) together with the view (the
news, facts heard, plans' answers, the calendar), and words it with the scenario's names. Only
what the trainee could know is told: a committee's score and odds, a project slip no KPI review
has shown yet and the blockages a delivery lifted unseen stay hidden, as they do on the screens.

Pure Python (no pygame), so the report's content is tested headless; `kamsim.ui.widgets.
week_report` lays it out. Two verdicts come with a story: `pause` (the week matters: "advance
to the next event" stops here, and never runs past a committee decision) and `worth_showing`
(the report window opens; a quiet week is only a line in the journal, so nobody has to dismiss
an empty box every week).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kamsim.sim.log import LogEntry
from kamsim.sim.view import AccountView, View
from kamsim.ui.words import Lexicon, status_words

MAX_MOVERS = 6  # accounts listed under a month's sales (the biggest moves); the rest summed up
MAX_COMING = 4  # dated events listed under "coming up"
MAX_HEARD = 5  # facts heard listed under "what customers said"
DECIDING = ("committee_meeting", "tender")  # event kinds that end in a decision
NOTABLE_TERRITORY = 0.03  # a month's territory sales moving this much (±3 %) is worth a stop
NOTABLE_ACCOUNT = 0.10  # and so is one account's moving ±10 %
STEADY = 0.005  # a move smaller than ±0.5 % reads as "steady"

TONES = ("good", "bad", "warn", "info")


@dataclass(frozen=True)
class Line:
    """One line of the report; `tone` says how it went (the layout adds a mark and colour)."""

    text: str
    tone: str = "info"  # one of TONES
    detail: str = ""  # a second, quieter line: the reasons, what to do next
    key: str = ""  # what a "coming up" line is about (an event, the inbox): told once


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class WeekStory:
    """What the weeks `first`…`last` brought, told in week `now` (the week the trainee is in)."""

    first: int
    last: int
    now: int
    sections: tuple[Section, ...] = ()
    undecided: tuple[str, ...] = ()  # campaigns the brand team ran without the trainee's word
    due: tuple[str, ...] = ()  # what is due this week (events, the inbox), in words
    pause: bool = False  # something the trainee must see happened: stop advancing here
    worth_showing: bool = False  # open the report (news, month figures, or something due
    # that the last report shown did not already tell)
    decisions: int = 0  # committee and tender decisions among them
    finished: bool = False

    @property
    def weeks(self) -> str:
        """'Week 5' or 'Weeks 5–8': the weeks this story tells."""
        if self.first >= self.last:
            return f"Week {self.last}"
        return f"Weeks {self.first}–{self.last}"

    @property
    def title(self) -> str:
        return f"{self.weeks}: what happened"

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if s.title == title), None)

    def headline(self) -> str:
        """One line for the journal: the story in brief, or that the week was quiet."""
        if not self.sections or not self.worth_showing:
            due = f" {' '.join(self.due)}" if self.due else ""
            return f"{self.weeks} went by quietly: no decisions, no news.{due}"
        parts = []
        if self.decisions:
            parts.append(f"{self.decisions} committee decision{'s' if self.decisions > 1 else ''}")
        parts.extend(
            s.title.lower()
            for s in self.sections
            if s.title not in (DECISIONS, COMING, UNDECIDED, REVIEWS)
        )
        said = ", ".join(parts) or "nothing new; what is due next is under Coming up"
        return f"{self.weeks}: {said}."

    def texts(self) -> list[str]:
        """Every text of the story (tests look for names here and on screen)."""
        out = [self.title]
        for section in self.sections:
            out.append(section.title)
            for line in section.lines:
                out.extend(t for t in (line.text, line.detail) if t)
        return out


# Section titles, in the order the report shows them.
UNDECIDED = "Campaigns you left undecided"
DECISIONS = "Committee decisions"
SAID = "What customers said"
NEWS = "News"
PROJECTS = "Projects"
SALES = "Sales this month"
CAMPAIGNS = "Campaigns"
REVIEWS = "Monthly KPI reviews"
COMING = "Coming up"


@dataclass
class _Told:
    """News already told by a section of its own (a decision, a delivery, a campaign)."""

    titles: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)

    def covers(self, title: str) -> bool:
        return title in self.titles or any(title.startswith(p) for p in self.prefixes)


def entries_between(log: Sequence[LogEntry], first: int, last: int) -> list[LogEntry]:
    """The log entries of weeks `first`…`last`, read from the end (a year's log is long)."""
    out: list[LogEntry] = []
    for entry in reversed(log):
        if entry.week < first:
            break
        if entry.week <= last:
            out.append(entry)
    out.reverse()
    return out


def week_story(
    entries: Iterable[LogEntry],
    view: View,
    words: Lexicon,
    first: int,
    last: int,
    slips_told: frozenset[tuple[str, str]] = frozenset(),
    coming_told: frozenset[str] = frozenset(),
) -> WeekStory:
    """The story of weeks `first`…`last` (log `entries` of those weeks; `view` as it is now).

    `slips_told` are the (account, project) slips an earlier report told: a known slip is told
    once. `coming_told` are the keys of the "coming up" lines of the last report shown: an
    event due this week, or a campaign request in the inbox, that it listed does not open the
    report again (it still stops "advance to the next event", and the journal line says it).
    Never raises on a short log, an empty view or a finished game: a story with nothing in it
    is simply not worth showing.
    """
    # the standing monthly reviews open the week after the month's figures: told with them
    entries = [e for e in entries if first <= e.week <= last
               or (e.kind == "routine" and e.week == last + 1)]  # fmt: skip
    told = _Told()
    by_kind: dict[str, list[LogEntry]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    sections: list[Section] = []
    undecided = _undecided(by_kind.get("campaign_auto", []), words, told)
    if undecided:
        sections.append(Section(UNDECIDED, undecided))
    decisions = _decisions(by_kind.get("decision", []), view, words, told)
    if decisions:
        sections.append(Section(DECISIONS, decisions))
    said = _said(view, words, first, last)
    if said:
        sections.append(Section(SAID, said))
    projects = _projects(by_kind.get("delivery", []), view, words, told, slips_told)
    news = _news(view, words, first, last, told)
    if news:
        sections.append(Section(NEWS, news))
    if projects:
        sections.append(Section(PROJECTS, projects))
    sales, notable = _sales(by_kind.get("kpis", []), view, words)
    if sales:
        sections.append(Section(SALES, sales))
    campaigns = _campaigns(view, first, last)
    if campaigns:
        sections.append(Section(CAMPAIGNS, campaigns))
    reviews = _reviews(by_kind.get("routine", []), words, last)
    if reviews:
        sections.append(Section(REVIEWS, reviews))
    coming, due_now = _coming(view, words)
    world_moved = bool(undecided or decisions or news or projects)
    arrived = bool(view.inbox) and not view.finished
    pause = world_moved or notable or due_now or arrived
    urgent = [line for line in coming if line.tone == "warn"]  # due this week, the inbox
    fresh = any(line.key not in coming_told for line in urgent)
    worth_showing = world_moved or notable or bool(sales) or fresh
    if coming and (worth_showing or pause):  # a pause shown anyway says why it stopped
        sections.append(Section(COMING, coming))
    return WeekStory(
        first=first,
        last=last,
        now=view.week,
        sections=tuple(sections),
        undecided=tuple(line.text for line in undecided),
        due=tuple(line.text for line in urgent),
        pause=pause,
        worth_showing=worth_showing,
        decisions=len(decisions),
        finished=view.finished,
    )


def slips_known(view: View) -> frozenset[tuple[str, str]]:
    """The slips the view shows now (a KPI review found them), as (account, project)."""
    return frozenset(
        (acc.id, project)
        for acc in view.accounts
        if acc.plan is not None
        for project, _due in acc.plan.slipping
    )


# ---------------------------------------------------------------------- the sections
def _undecided(entries: list[LogEntry], words: Lexicon, told: _Told) -> tuple[Line, ...]:
    lines = []
    for entry in entries:
        campaign = str(entry.data.get("campaign"))
        title = words.names.campaigns.get(campaign, words.word(campaign))
        told.titles.add(title)
        lines.append(Line(
            f"“{title}” ran without your decision: the brand team approved it as planned.",
            "warn",
            "A request is decided in the week it arrives (Inbox, I): approve it, or hold it "
            "back to spare a busy customer. Left undecided, it runs.",
        ))  # fmt: skip
    return tuple(lines)


def _decisions(
    entries: list[LogEntry], view: View, words: Lexicon, told: _Told
) -> tuple[Line, ...]:
    lines = []
    for entry in entries:
        data = entry.data
        event = str(data.get("event"))
        title = words.names.events.get(event, words.word(event))
        told.titles.add(title)  # the event's own announcement, told here with its result
        told.prefixes.append(f"{title}:")
        account = str(data.get("account"))
        name = words.names.account(account)
        product = words.word(str(data.get("product")))
        acc = _account(view, account)
        if data.get("bid") is False:
            lines.append(Line(
                f"{title} ({name}): no bid — the tender went to a competitor.",
                "info",
                f"You declined KAM with {name}, so we did not chase its price; our margin "
                "stays whole.",
            ))  # fmt: skip
            continue
        won = bool(data.get("won"))
        before = status_words(str(data.get("before")))
        after = status_words(str(data.get("after")))
        if won and before != after:
            verdict = f"accepted — {product} moved up from {before} to {after}"
        elif won:
            verdict = f"accepted — {product} stays {after}"
        elif before != after:
            verdict = f"voted against — {product} fell from {before} to {after}"
        else:
            verdict = f"refused — {product} stays {after}"
        lines.append(Line(f"{title} ({name}): {verdict}.", "good" if won else "bad",
                          _reasons(acc, view, words, won)))  # fmt: skip
    return tuple(lines)


def _reasons(acc: AccountView | None, view: View, words: Lexicon, won: bool) -> str:
    """What the committee weighed, as the trainee can see it at the account, and what to do.

    The committee's own score is hidden; its ingredients are not secret: how the voters see
    and trust us, whether an agreed plan fits, and the evidence delivered projects bring.
    """
    if acc is None:
        return ""
    plan = acc.plan
    if plan is None:
        has_plan, plan_text = False, "no plan written"
    elif plan.status == "agreed":
        has_plan, plan_text = True, f"a plan agreed in week {plan.agreed_week}"
    else:
        has_plan, plan_text = False, "a plan written but not agreed"
    delivered = list(plan.delivered) if plan is not None else []
    if delivered:
        names = ", ".join(words.names.projects.get(p, words.word(p)) for p in delivered)
        proof = f"{len(delivered)} project{'s' if len(delivered) > 1 else ''} delivered ({names})"
    else:
        proof = "no project delivered yet, so no evidence to show"
    people = [p for p in acc.people if p.present]
    met = sum(1 for p in people if p.meetings)
    trusted = sum(1 for p in people if p.relationship in ("trusted", "partner"))
    crowd = f"met {met} of {len(people)} people, {trusted} trusting us"
    text = f"At {acc.name}: {plan_text}; {proof}; {crowd}."
    if won:
        return text
    todo = []
    if not has_plan:
        todo.append("agree a plan that fits their needs")
    if not delivered:
        todo.append("deliver a project before the next meeting")
    if met < len(people) or trusted < max(1, len(people) // 2):
        todo.append("meet the people who vote and build their trust")
    again = next((e["week"] for e in view.calendar
                  if e.get("account") == acc.id and e["week"] >= view.week), None)  # fmt: skip
    when = f" The next meeting there is in week {again}." if again is not None else ""
    if not todo:
        return f"{text} The voters' views decide the rest; keep listening to them.{when}"
    return f"{text} To do: {'; '.join(todo)}.{when}"


VERDICT_WORDS = {"yes": "agreed your plan", "not_yet": "said “not yet” to your plan",
                 "no": "said no to your plan"}  # fmt: skip


def _said(view: View, words: Lexicon, first: int, last: int) -> tuple[Line, ...]:
    """Facts heard and answers to plans in those weeks: the customers' own words."""
    lines = []
    for acc in view.accounts:
        answer = acc.plan.answer if acc.plan is not None else None
        if answer is None or not first <= int(answer.get("week", -1)) <= last:
            continue
        verdict = str(answer.get("verdict"))
        reasons = [words.humanise(str(r.get("text"))) for r in answer.get("reasons", [])]
        lines.append(Line(
            f"{acc.name} {VERDICT_WORDS.get(verdict, 'answered your plan')}.",
            "good" if verdict == "yes" else "bad" if verdict == "no" else "warn",
            " ".join(reasons),
        ))  # fmt: skip
    heard: dict[tuple[str, str], Any] = {}
    for fact in view.facts:  # a fact heard twice (two sources) is told once
        if first <= fact.week <= last:
            heard.setdefault((fact.account, fact.title), fact)
    for fact in list(heard.values())[:MAX_HEARD]:
        where = words.names.account(fact.account)
        source = words.source(fact.source)
        how = f"Heard in a {source}." if fact.source.startswith("meeting") else f"From {source}."
        lines.append(Line(f"{where}: {words.humanise(fact.title)}", "info", how))
    rest = len(heard) - MAX_HEARD
    if rest > 0:
        lines.append(Line(f"… and {rest} more fact{'s' if rest > 1 else ''} heard (each "
                          "account's screen has them all)."))  # fmt: skip
    return tuple(lines)


def _news(view: View, words: Lexicon, first: int, last: int, told: _Told) -> tuple[Line, ...]:
    lines = []
    for item in view.news:
        if not first <= int(item["week"]) <= last or told.covers(str(item["title"])):
            continue
        lines.append(Line(words.humanise(str(item["title"])), "warn",
                          words.humanise(str(item["text"]))))  # fmt: skip
    return tuple(lines)


def _projects(
    deliveries: list[LogEntry],
    view: View,
    words: Lexicon,
    told: _Told,
    slips_told: frozenset[tuple[str, str]],
) -> tuple[Line, ...]:
    lines = []
    for entry in deliveries:
        project = str(entry.data.get("project"))
        name = words.names.projects.get(project, words.word(project))
        told.titles.add(f"{name} delivered")
        late = " (late)" if entry.data.get("late") else ""
        where = words.names.account(entry.data.get("account"))
        lines.append(Line(f"{name} delivered at {where}{late}.", "good",
                          "Delivered projects are evidence a committee weighs."))  # fmt: skip
    for acc in view.accounts:
        for project, due in acc.plan.slipping if acc.plan is not None else ():
            if (acc.id, project) in slips_told:
                continue
            name = words.names.projects.get(project, words.word(project))
            lines.append(Line(
                f"{name} at {acc.name} is running late: now due in week {due}.",
                "bad",
                "Update the plan with the customer to bring it back; every month it waits, "
                "their trust wears.",
            ))  # fmt: skip
    return tuple(lines)


def _sales(entries: list[LogEntry], view: View, words: Lexicon) -> tuple[tuple[Line, ...], bool]:
    """Each month that ended: the territory's sales and the accounts that moved most."""
    lines: list[Line] = []
    notable = False
    currency = str(view.scenario.get("currency", ""))
    for entry in entries:
        records = [r for r in entry.data.get("records", []) if isinstance(r, dict)]
        if not records:
            continue
        month = int(records[0].get("month", 0))
        moves = []
        now_total = before_total = 0.0
        for record in records:
            account = str(record.get("account"))
            sales = float(record.get("sales") or 0.0)
            before = _previous_sales(view, account, month)
            if before is None:
                continue
            now_total += sales
            before_total += before
            moves.append((account, sales, before, float(record.get("share") or 0.0)))
        if not moves:
            continue
        total = _change(now_total, before_total)
        notable |= abs(total) >= NOTABLE_TERRITORY
        lines.append(Line(
            f"Month {month}: territory sales {_money(now_total, currency)}, "
            f"{_moved(total)} on the month before.",
            _tone(total),
        ))  # fmt: skip
        moves.sort(key=lambda m: -abs(_change(m[1], m[2])))
        for account, sales, before, share in moves[:MAX_MOVERS]:
            change = _change(sales, before)
            notable |= abs(change) >= NOTABLE_ACCOUNT
            mark = "▲" if change >= STEADY else "▼" if change <= -STEADY else "="
            lines.append(Line(
                f"{mark} {words.names.account(account)}: {_money(sales, currency)} "
                f"({_moved(change)}), share {share:.1%}",
                _tone(change),
            ))  # fmt: skip
        rest = len(moves) - MAX_MOVERS
        if rest > 0:
            lines.append(Line(f"… and {rest} more account{'s' if rest > 1 else ''} moving "
                              "less (KPI monitor, K, has them all)."))  # fmt: skip
    return tuple(lines), notable


def _campaigns(view: View, first: int, last: int) -> tuple[Line, ...]:
    """The trainee's own campaign decisions of those weeks (undecided ones have a section)."""
    words = {
        "approved": ("you approved it; it ran.", "info"),
        "held": ("you held it back.", "good"),
        "overruled": ("you held it back, but the brand director overruled you "
                      "(your goodwill with the brand team ran out); it ran.", "bad"),
    }  # fmt: skip
    lines = []
    for item in view.campaigns_decided:
        said = words.get(str(item.get("decision")))
        if said is not None and first <= int(item.get("week", -1)) <= last:
            lines.append(Line(f"“{item['title']}”: {said[0]}", said[1]))
    return tuple(lines)


def _reviews(entries: list[LogEntry], words: Lexicon, last: int) -> tuple[Line, ...]:
    """The standing monthly KPI reviews run as the month's figures came out: where, and what
    they took (or why one could not run). What a review showed is told under Projects."""
    lines = []
    for entry in entries:
        name = words.names.account(entry.data["action"].get("account"))
        skipped = entry.data.get("skipped")
        days = float(entry.data.get("days", 0.0))
        if skipped:
            lines.append(Line(f"{name}: not reviewed — {words.humanise(str(skipped))}.", "warn"))
        elif entry.week > last:  # the week just played left too few days: it came first now
            lines.append(Line(f"{name}: reviewed first thing in week {entry.week} ({days:g} "
                              f"field days; week {last} left too few).", "warn"))  # fmt: skip
        else:
            lines.append(Line(f"{name}: reviewed with {days:g} of the field days week "
                              f"{entry.week} left over."))  # fmt: skip
    return tuple(lines)


def _coming(view: View, words: Lexicon) -> tuple[tuple[Line, ...], bool]:
    """This week's inbox and the next dated events; whether one of them is this week."""
    if view.finished:
        return (Line("The game is over: the debrief scores what you did and why."),), False
    lines = []
    if view.inbox:
        n = len(view.inbox)
        lines.append(Line(
            f"{n} campaign request{'s' if n > 1 else ''} in your inbox this week: decide "
            f"{'them' if n > 1 else 'it'} before you end the week, or the brand team runs "
            f"{'them' if n > 1 else 'it'} as planned (Inbox, I).",
            "warn",
            key="inbox:" + ",".join(sorted(str(c["id"]) for c in view.inbox)),
        ))  # fmt: skip
    due_now = False
    for event in sorted(view.calendar, key=lambda e: int(e["week"]))[:MAX_COMING]:
        week = int(event["week"])
        title = words.humanise(str(event["title"]))
        account = event.get("account")
        name = words.names.account(account) if account else ""
        where = f" ({name})" if name and name not in title else ""
        key = f"event:{event.get('id', title)}:{account or ''}:{week}"
        if week == view.week:
            due_now = True
            decides = (
                " It decides at the end of this week." if event.get("kind") in DECIDING else ""
            )
            lines.append(Line(f"This week: {title}{where}.{decides}", "warn", key=key))
        else:
            ahead = week - view.week
            lines.append(Line(f"Week {week} (in {ahead} week{'s' if ahead > 1 else ''}): "
                              f"{title}{where}.", key=key))  # fmt: skip
    return tuple(lines), due_now


# ---------------------------------------------------------------------- helpers
def _account(view: View, account: str) -> AccountView | None:
    try:
        return view.account(account)
    except StopIteration:
        return None


def _previous_sales(view: View, account: str, month: int) -> float | None:
    """The account's sales the month before `month` (the hard data's last month for month 1)."""
    acc = _account(view, account)
    if acc is None:
        return None
    game = [r for r in view.kpis if r.get("account") == account]
    history = list(acc.sales_history)
    hard = history[: len(history) - len(game)]
    if month <= 1:
        return hard[-1] if hard else None
    earlier = [float(r.get("sales") or 0.0) for r in game if int(r.get("month", 0)) == month - 1]
    return earlier[-1] if earlier else None


def _change(now: float, before: float) -> float:
    return (now - before) / before if before else 0.0


def _moved(change: float) -> str:
    if abs(change) < STEADY:
        return "steady"
    return f"{'up' if change > 0 else 'down'} {abs(change):.1%}"


def _tone(change: float) -> str:
    return "good" if change >= STEADY else "bad" if change <= -STEADY else "info"


def _money(value: float, currency: str) -> str:
    """Compact money as the screens write it (1.2M, 45k), without importing the theme."""
    v = abs(value)
    if v >= 1e6:
        out = f"{v / 1e6:.2f}M"
    elif v >= 1e4:
        out = f"{v / 1e3:.0f}k"
    else:
        out = f"{v:,.0f}"
    return f"{'-' if value < 0 else ''}{out}{' ' + currency if currency else ''}"


def as_dict(story: WeekStory) -> dict[str, Any]:
    """The story as plain data (for debugging and tests)."""
    return {
        "weeks": [story.first, story.last],
        "now": story.now,
        "pause": story.pause,
        "sections": {s.title: [line.text for line in s.lines] for s in story.sections},
    }


def coming_keys(story: WeekStory) -> frozenset[str]:
    """What the story's "coming up" lines are about: what a shown report has told."""
    section = story.section(COMING)
    return frozenset(line.key for line in section.lines if line.key) if section else frozenset()
