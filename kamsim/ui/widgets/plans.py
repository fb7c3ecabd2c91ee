"""How an account plan's standing is worded: the customer's answer, the wait after a "no",
projects running late, and who the customer says holds the plan up.

Plain words only: reasons are shown by their text, projects and people by their names, never
by their ids.
"""

from __future__ import annotations

from typing import Any

from kamsim.sim.view import AccountView, PlanView, View
from kamsim.ui import theme
from kamsim.ui.theme import Colour

VERDICTS: dict[str, tuple[str, Colour]] = {
    "yes": ("Yes", theme.GOOD),
    "not_yet": ("Not yet", theme.WARN),
    "no": ("No", theme.BAD),
}
HOLDS_UP = "holds up the plan"
FRONT_LINE = "front line"
DECLINED = "declined a meeting this week"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def answer_text(plan: PlanView | None) -> str | None:
    """'Week 12 — the customer said: Not yet. Owen Tate (…) is not won over and holds it up;
    they hardly know you yet.' (None before the plan was ever put to them)."""
    answer = plan.answer if plan is not None else None
    if not answer:
        return None
    verdict = VERDICTS.get(answer["verdict"], (str(answer["verdict"]).replace("_", " "), None))
    reasons = "; ".join(str(r["text"]) for r in answer["reasons"])
    text = f"Week {answer['week']} — the customer said: {verdict[0]}."
    return f"{text} {_sentence(reasons)}." if reasons else text


def answer_colour(plan: PlanView | None) -> Colour:
    answer = plan.answer if plan is not None else None
    if not answer:
        return theme.MUTED
    return VERDICTS.get(answer["verdict"], ("", theme.MUTED))[1]


def cooldown_text(plan: PlanView | None, week: int) -> str | None:
    """After a "no": when they will talk about a plan again (only while that is ahead)."""
    if plan is None or plan.cooldown_until <= week:
        return None
    return f"They will not discuss a new plan before week {plan.cooldown_until}."


def project_names(view: View) -> dict[str, str]:
    return {p["id"]: p["name"] for p in view.projects}


def slipping_lines(plan: PlanView | None, view: View, account: str | None = None) -> list[str]:
    """One sentence per project a KPI review showed to be late (optionally naming the account)."""
    if plan is None or not plan.slipping:
        return []
    names = project_names(view)
    where = f" at {account}" if account else ""
    return [
        f"Running late: {names.get(project, 'a project of the plan')}{where}, now due week "
        f"{due} — update and re-agree the plan to bring it back"
        for project, due in plan.slipping
    ]


def holding_up(plan: PlanView | None) -> set[str]:
    """The people the customer's latest answer names as holding the plan up."""
    answer = plan.answer if plan is not None else None
    if not answer:
        return set()
    return {str(r["person"]) for r in answer["reasons"] if r["code"] == "veto" and r["person"]}


def person_tags(person: Any, holding: set[str], week: int | None = None) -> list[str]:
    """The words that go with a person wherever people are listed; with `week`, also that
    they declined a meeting request that week (they are not asked again before the next)."""
    tags = []
    if person.front_line:
        tags.append(FRONT_LINE)
    if person.id in holding:
        tags.append(HOLDS_UP)
    if week is not None and person.declined_week == week:
        tags.append(DECLINED)
    return tags


def person_label(
    person: Any, holding: set[str], width: int, size: int = 12, week: int | None = None
) -> str:
    """'Name — role · front line' fitted to `width`: the role is shortened, never the tags."""
    tags = person_tags(person, holding, week)
    suffix = "".join(f" · {t}" for t in tags) + ("" if person.present else " (has left)")
    room = width - theme.font(size).size(suffix)[0]
    return theme.fit(f"{person.name} — {person.role}", max(40, room), size) + suffix


def project_list(ids: Any, view: View) -> str:
    names = project_names(view)
    return ", ".join(names.get(p, "a project") for p in ids) or "—"


def plan_lines(acc: AccountView, view: View) -> list[tuple[str, Colour]]:
    """The written plan's news for the trainee: the answer, the wait, the slips."""
    plan = acc.plan
    lines: list[tuple[str, Colour]] = []
    said = answer_text(plan)
    if said:
        lines.append((said, answer_colour(plan)))
    wait = cooldown_text(plan, view.week)
    if wait:
        lines.append((wait, theme.BAD))
    lines += [(line, theme.WARN) for line in slipping_lines(plan, view)]
    return lines
