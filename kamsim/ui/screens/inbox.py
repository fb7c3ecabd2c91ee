"""Brand inbox: the brand team's campaign requests for this week, to approve or hold back."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.screens.base import Screen
from kamsim.ui.widgets import draw

CARD_H = 180
GOODWILL_H = 92
DECISIONS = {  # decision → mark, colour, words
    "approved": ("✓", theme.GOOD, "approved"),
    "held": ("⊘", theme.WARN, "held back"),
    "overruled": ("⚠", theme.BAD, "overruled by the brand director (ran)"),
}


def intensity(fatigue: float) -> str:
    """The promotional load per person reached, in a word."""
    return "light" if fatigue < 0.7 else "medium" if fatigue < 1.5 else "heavy"


def _plural(n: float, one: str, many: str) -> str:
    return f"{n:g} {one if n == 1 else many}"


def load_text(campaign: dict) -> str:
    """'Load on each person it reaches: heavy (2.5 calls' worth of fatigue); reps add 2 field
    days of effort in each account'."""
    fatigue = float(campaign["fatigue"])
    days = float(campaign["reach_days"])
    reps = (
        f"reps add {_plural(days, 'field day', 'field days')} of effort in each account"
        if days > 0
        else "no extra field effort from the brand team's reps"
    )
    calls = _plural(fatigue, "call's", "calls'")
    return (
        f"Load on each person it reaches: {intensity(fatigue)} ({calls} worth of fatigue); {reps}"
    )


def hold_text(campaign: dict, friction: float, limit: float) -> tuple[str, theme.Colour]:
    """What holding it back costs, and whether the goodwill left covers it."""
    cost = float(campaign["friction"])
    text = f"Holding it back costs goodwill: {_plural(cost, 'point', 'points')} of friction"
    if friction + cost > limit + 1e-9:
        return (
            f"{text} — more than you have left: the brand director would overrule you "
            "and it would run",
            theme.BAD,
        )
    return text, theme.MUTED


class InboxScreen(Screen):
    name = "inbox"
    title = "Brand inbox"
    shortcuts = (
        ("A", "approve the first request"),
        ("H", "hold back the first request"),
    )

    def build(self) -> None:
        self._built_for: tuple[str, ...] = ()
        self._layout()

    def _layout(self) -> None:
        """One card per request; rebuilt only when the requests themselves change."""
        view = self.controller.view
        inbox = view.inbox
        ids = tuple(c["id"] for c in inbox)
        if ids == self._built_for:
            return
        for name in [n for n in self.buttons if n.startswith(("approve_", "hold_"))]:
            self.buttons.pop(name).kill()
        self._built_for = ids
        w = int(self.rect.width * 0.64)
        for i, c in enumerate(inbox[:3]):
            y = 52 + i * (CARD_H + 10) + CARD_H - 44
            self.button(
                f"approve_{c['id']}",
                (w - 340, y, 160, 34),
                "✓ Approve · 0 d",
                lambda c=c["id"]: self._decide("approve_campaign", c),
                "The brand team runs it: a short bump where attitude is positive, and "
                "fatigue for everyone it reaches. A desk decision: no field days, no money.",
                "good",
            )
            money = self.controller.costs.hold_money(c, view.budget_left)
            price = theme.money(money, view.scenario["currency"])
            self.button(
                f"hold_{c['id']}",
                (w - 170, y, 160, 34),
                f"⊘ Hold back · −{theme.money(money)}" if money > 0 else "⊘ Hold back · 0 d",
                lambda c=c["id"]: self._decide("hold_campaign", c),
                "Protect your customers from overload. A desk decision (no field days), but "
                "it costs goodwill (friction) with the brand team"
                + (f" and {price} of the co-funding of your projects." if money > 0 else "."),
                "danger",
            )

    def _decide(self, kind: str, campaign: str) -> None:
        self.controller.submit({"kind": kind, "campaign": campaign})

    def refresh(self) -> None:
        self._layout()

    def handle_event(self, event: pygame.event.Event) -> bool:
        inbox = self.controller.view.inbox
        if event.type != pygame.KEYDOWN or not inbox or event.key not in (pygame.K_a, pygame.K_h):
            return False
        kind = "approve_campaign" if event.key == pygame.K_a else "hold_campaign"
        first = inbox[0]["id"]
        self.app.defer(lambda: self._decide(kind, first))
        return True

    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        view = self.controller.view
        draw.label(surface, "Brand inbox", (r.x + 14, r.y + 8), 20, theme.TEXT, True)
        draw.label(
            surface,
            "Your account plans take precedence over brand plans: less can be better.",
            (r.x + 180, r.y + 14),
            13,
            theme.MUTED,
        )
        w = int(r.width * 0.64)
        names = {a.id: a.name for a in view.accounts}
        products = {p["id"]: p["name"] for p in view.products}
        keys = {a.id for a in view.accounts if a.tier == "key"}
        if not view.inbox:
            draw.label(surface, "No requests this week.", (r.x + 14, r.y + 60), 14, theme.MUTED)
        for i, c in enumerate(view.inbox[:3]):
            card = pygame.Rect(r.x + 12, r.y + 52 + i * (CARD_H + 10), w - 12, CARD_H)
            inner = draw.panel(surface, card, f"✉ {c['title']}")
            targets = list(names) if c["accounts"] == "all" else list(c["accounts"])
            hit = [names.get(a, a) for a in targets if a in keys]
            meta = (
                f"{products.get(c['product'], 'our product')} · {c['channel'].replace('_', ' ')} · "
                "reaches "
                f"{'all accounts' if c['accounts'] == 'all' else f'{len(targets)} account(s)'}"
            )
            draw.label(surface, meta, (inner.x, inner.y), 12, theme.ACCENT, width=inner.width)
            buttons_top = card.bottom - 48  # the Approve / Hold back buttons sit below this
            y = draw.paragraph(
                surface,
                c["pitch"],
                pygame.Rect(inner.x, inner.y + 18, inner.width, 30),
                12,
                theme.TEXT,
                spacing=2,
            )
            y = draw.paragraph(
                surface,
                load_text(c),
                pygame.Rect(inner.x, y + 4, inner.width, buttons_top - y - 4),
                12,
                theme.TEXT,
                spacing=2,
            )
            cost, colour = hold_text(c, view.friction, view.friction_limit)
            y = draw.paragraph(
                surface,
                cost,
                pygame.Rect(inner.x, y + 4, inner.width, max(0, buttons_top - y - 4)),
                12,
                colour,
                spacing=2,
            )
            warn = (
                f"⚠ touches your key account(s): {', '.join(hit)}"
                if hit
                else "touches none of your key accounts"
            )
            approve = self.buttons.get(f"approve_{c['id']}")
            left = approve.rect.left if approve is not None else inner.right
            room = pygame.Rect(inner.x, y + 4, left - 12 - inner.x, max(0, card.bottom - y - 8))
            draw.paragraph(  # wrapped beside the buttons, never under them
                surface, warn, room, 12, theme.WARN if hit else theme.MUTED, spacing=2
            )
        side = pygame.Rect(r.x + w + 12, r.y + 52, r.width - w - 24, GOODWILL_H)
        self._draw_goodwill(surface, side)
        self._draw_history(
            surface,
            pygame.Rect(side.x, side.bottom + 10, side.width, r.bottom - side.bottom - 22),
        )

    def _draw_goodwill(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """How much goodwill holds have used: past the limit the brand director overrules."""
        view = self.controller.view
        inner = draw.panel(surface, rect, "Goodwill with the brand team")
        used, limit = view.friction, view.friction_limit
        full = used >= limit - 1e-9
        text = (
            f"Goodwill used with the brand team: {used:g} of {limit:g} — past that the brand "
            "director overrules your holds"
        )
        y = draw.paragraph(
            surface, text, pygame.Rect(inner.x, inner.y, inner.width, 34), 12, theme.TEXT, spacing=2
        )
        colour = theme.BAD if full else theme.WARN if used > limit / 2 else theme.ACCENT
        draw.bar(
            surface,
            pygame.Rect(inner.x, y + 6, inner.width, 8),
            used / limit if limit else 1,
            colour,
        )

    def _draw_history(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        inner = draw.panel(surface, rect, "Decided so far")
        y = inner.y
        decided = list(reversed(self.controller.view.campaigns_decided))
        if not decided:
            draw.label(surface, "Nothing yet.", (inner.x, y), 12, theme.MUTED)
        for d in decided:
            mark, colour, words = DECISIONS.get(
                d["decision"], ("•", theme.MUTED, str(d["decision"]))
            )
            y = (
                draw.paragraph(
                    surface,
                    f"{mark} week {d['week']}: {d['title']} — {words}",
                    pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                    12,
                    colour,
                    spacing=2,
                )
                + 4
            )
            if y > inner.bottom - 20:
                break
