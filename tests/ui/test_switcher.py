"""From one key account straight to another: `[` / `]` on the account and meeting screens,
and the meeting screen lists the other key accounts under the people."""

from __future__ import annotations

import pygame

from kamsim.ui import games
from kamsim.ui.app import App
from kamsim.ui.switcher import neighbour
from kamsim.ui.widgets.plans import DECLINED
from tests.ui.conftest import click, frames, key

KEYS = ("kestrel_bay", "fenwick", "linden_valley")  # in the territory's order


def _standard_with_keys(app: App) -> None:
    controller = games.new_game("standard", 1, autosave=False)
    for account in KEYS:
        assert controller.submit({"kind": "set_tier", "account": account, "tier": "key"}).accepted
    app.start(controller, "account", account=KEYS[0])
    frames(app)


def _on(app: App, screen: str, account: str) -> bool:
    return app.screen.name == screen and app.screen.params.get("account") == account


def test_brackets_step_through_the_key_accounts(app: App) -> None:
    _standard_with_keys(app)
    order = [a.id for a in app.controller.view.accounts if a.id in KEYS]
    assert neighbour(app.controller.view, order[0], 1) == order[1]
    key(app, pygame.K_RIGHTBRACKET, "]")
    assert _on(app, "account", order[1])
    key(app, pygame.K_LEFTBRACKET, "[")
    key(app, pygame.K_LEFTBRACKET, "[")  # round from the first to the last
    assert _on(app, "account", order[-1])
    key(app, pygame.K_ESCAPE, "\x1b")  # opened as from the territory: Esc goes back there
    assert app.screen.name == "dashboard"


def test_the_meeting_screen_offers_the_other_key_accounts(app: App) -> None:
    _standard_with_keys(app)
    here = app.screen.params["account"]
    click(app, "meet")
    names = {a.id: a.name for a in app.controller.view.accounts}
    others = [a for a in KEYS if a != here]
    for account in others:
        assert app.screen.buttons[f"goto_{account}"].text.startswith(f"▸ {names[account][:12]}")
    assert f"goto_{here}" not in app.screen.buttons
    click(app, f"goto_{others[0]}")
    assert _on(app, "account", others[0])
    click(app, "meet")
    key(app, pygame.K_RIGHTBRACKET, "]")
    assert app.screen.name == "account" and app.screen.params["account"] != others[0]


def test_without_another_key_account_nothing_is_offered(app: App) -> None:
    app.start(games.new_game("tutorial", 1, autosave=False), "account", account="millbrook")
    frames(app)
    key(app, pygame.K_RIGHTBRACKET, "]")
    assert _on(app, "account", "millbrook")
    click(app, "meet")
    assert not [n for n in app.screen.buttons if n.startswith("goto_")]


def test_a_person_at_another_key_account_is_one_click_from_the_meeting(app: App) -> None:
    """Listed under that account on the meeting screen: the click opens the meeting with
    them there, and Esc goes back to that account, as if it had been opened from it."""
    _standard_with_keys(app)
    here = app.screen.params["account"]
    click(app, "meet")
    view = app.controller.view
    other = next(a for a in view.accounts if a.id in KEYS and a.id != here)
    person = next(p for p in other.people if p.present)
    listed = [n for n in app.screen.buttons if n.startswith("with_")]
    own = {f"with_{p.id}" for p in view.account(here).people}
    assert f"with_{person.id}" in listed and not own & set(listed)
    assert app.screen.buttons[f"with_{person.id}"].text.startswith(person.name[:10])
    click(app, f"with_{person.id}")
    assert _on(app, "meeting", other.id) and app.screen.stakeholder == person.id
    key(app, pygame.K_ESCAPE, "\x1b")
    assert _on(app, "account", other.id)


def test_at_the_smallest_window_the_other_accounts_people_fit_without_overlap(app: App) -> None:
    _standard_with_keys(app)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500)))
    frames(app)  # clamped to the minimum size
    for start in KEYS:  # each key account's meeting: its own people and the others' listed
        app.go("account", account=start)
        frames(app)
        click(app, "meet")
        rects = {
            n: r
            for n, r in app.screen.targets().items()
            if n.startswith(("person_", "goto_", "with_", "now_"))
        }
        assert any(n.startswith("with_") for n in rects), start
        bottom = app.screen.rect.bottom
        for name, rect in rects.items():
            assert rect.bottom <= bottom, (start, name)
            others = [m for m, r in rects.items() if m != name and r.colliderect(rect)]
            assert not others, (start, name, others)


def test_the_help_reads_every_shortcut_of_the_meeting_screen_whole(
    app: App, drawn_texts: list[str]
) -> None:
    _standard_with_keys(app)
    click(app, "meet")
    key(app, pygame.K_F1)
    frames(app)
    for keys, what in app.screen.shortcuts:
        assert keys in drawn_texts and what in drawn_texts, (keys, what)


def test_another_accounts_person_who_declined_says_so_that_week_only(app: App) -> None:
    _standard_with_keys(app)
    here = app.screen.params["account"]
    controller, view = app.controller, app.controller.view
    other = next(a for a in view.accounts if a.id in KEYS and a.id != here)
    declined = None
    for _ in range(8):  # requests until one is declined (the draw is seeded: the same each run)
        for p in controller.view.account(other.id).people:
            if p.present and p.declined_week is None:
                action = {"kind": "meet", "account": other.id, "stakeholder": p.id,
                          "purpose": "listen", "questions": []}  # fmt: skip
                if not controller.submit(action).accepted:
                    declined = p
                    break
        if declined is not None:
            break
    assert declined is not None
    app.go("account", account=here)
    frames(app)
    click(app, "meet")
    assert DECLINED in app.screen.buttons[f"with_{declined.id}"].text
    key(app, pygame.K_n, "n")  # next week: the mark was last week's
    if app.report.is_open:
        key(app, pygame.K_ESCAPE, "\x1b")
    assert app.screen.name == "meeting"
    assert DECLINED not in app.screen.buttons[f"with_{declined.id}"].text
