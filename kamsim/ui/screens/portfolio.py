"""The portfolio: every account on one board, to research and tier side by side.

Account selection is a comparison (which few accounts deserve key-account work, which to
develop, which to decline), and the first weeks of a year are spent on it: desk research at
each account, then a tier for each. Done account by account that was three clicks an action
(the territory list, the account, the button) and no account in sight of another. Here each
row holds what the dashboard shows of an account that bears on its tier, its research button
and its five tiers; the account's name opens its view. Declining and a key account over the
limit are asked about first, with the same words as on the account view.
"""

from __future__ import annotations

import pygame

from kamsim.sim.view import AccountView, View
from kamsim.ui import theme
from kamsim.ui.screens.account import TIER_COST, TIER_TIPS, TIERS
from kamsim.ui.screens.base import Screen, label_width, set_selected, set_text, set_tip
from kamsim.ui.screens.dashboard import KIND_SHORT
from kamsim.ui.tier_questions import tier_question
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.actions import analysis_label, analysis_tip

TOP = 62  # the rows start under the heading, the Back button and the column captions
ROW_MAX = 34
GAP = 6
RESEARCH = "desk_research"
# The columns of figures, widest first to go when the window is narrow (name, research and
# tiers always stay): (key, caption, width).
FIGURES = (("market", "Market", 70), ("sales", "Sales", 70), ("facts", "Facts", 46),
           ("kind", "Type", 92), ("share", "Share", 52))  # fmt: skip
DROP_ORDER = ("share", "kind", "facts", "sales", "market")
NAME_MIN, NAME_MAX = 170, 380


def mark(tier: str) -> str:
    """The tier's sign alone (★ ▲ ● ▼ ✕): the column's caption says its word."""
    return theme.TIER_MARK[tier].split()[0]


def figures(acc: AccountView, view: View) -> dict[str, str]:
    """The row's figures as the dashboard words them."""
    facts = len({f.id for f in view.facts if f.account == acc.id})
    return {
        "kind": KIND_SHORT.get(acc.kind, acc.kind),
        "market": theme.money(acc.hard_data["market_value"]),
        "sales": theme.money(sum(acc.sales_history[-12:])),
        "share": f"{acc.share_history[-1]:.0%}",
        "facts": str(facts),
    }


class PortfolioScreen(Screen):
    name = "portfolio"
    title = "Portfolio"
    shortcuts = (
        ("click a research button", "desk research at that account (half a day)"),
        ("click a tier", "set the account's tier (declining and a fourth key account ask first)"),
        ("click an account's name", "open its view"),
        ("PgUp / PgDn", "the previous / next page of accounts (where they do not fit)"),
        ("Esc", "back"),
    )

    def build(self) -> None:
        self.question: str | None = None
        self.pending: tuple[str, str] | None = None
        view = self.controller.view
        w, h = self.rect.size
        self.ids = [a.id for a in view.accounts if a.merged_into is None]
        # A tier button shows its mark; its word heads the column (and the tooltip says it).
        self.tier_w = max(max(theme.font(11).size(t)[0] for t in TIERS) + 8,
                          label_width("★", "toggle") + 16)  # fmt: skip
        self.research_w = max(label_width(f"{label} · 0.5 d") for label in
                              ("Desk research", "Researched ✓")) + 4  # fmt: skip
        fixed = 12 + self.research_w + GAP + len(TIERS) * (self.tier_w + 4) + 12
        shown = list(FIGURES)
        for key in DROP_ORDER:  # a narrow window keeps the name readable, not every figure
            if w - fixed - sum(c[2] + GAP for c in shown) >= NAME_MIN:
                break
            shown = [c for c in shown if c[0] != key]
        self.columns = shown
        room_for_name = w - fixed - sum(c[2] + GAP for c in shown) - GAP
        self.name_w = max(NAME_MIN, min(NAME_MAX, room_for_name))  # a wide window: a gap
        least = max(theme.font(13).get_height() + 10, 24)
        room = h - TOP - 52  # the page buttons' row stays free at the foot
        self.per_page = max(1, room // least)
        self.row_h = max(least, min(ROW_MAX, room // max(1, min(len(self.ids), self.per_page))))
        self.page = min(int(self.params.get("page", 0)), self.pages - 1)
        self.button("back", (w - 142, 4, 130, 34), "◀ Back [Esc]", self.app.back)
        self._rows()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.ids) // self.per_page))

    def _rows(self) -> None:
        for name in [n for n in self.buttons if n != "back"]:
            self.buttons.pop(name).kill()
        w, h = self.rect.size
        start = self.page * self.per_page
        for i, aid in enumerate(self.ids[start : start + self.per_page]):
            y = TOP + i * self.row_h
            bh = self.row_h - 4
            self.button(f"account_{aid}", (12, y, self.name_w, bh), aid,
                        lambda a=aid: self.app.push("account", account=a))  # fmt: skip
            x = w - 12 - len(TIERS) * (self.tier_w + 4) - self.research_w - GAP
            self.button(f"research_{aid}", (x, y, self.research_w, bh), RESEARCH,
                        lambda a=aid: self._research(a))  # fmt: skip
            x += self.research_w + GAP
            for tier in TIERS:
                self.button(f"tier_{aid}_{tier}", (x, y, self.tier_w, bh), mark(tier),
                            lambda a=aid, t=tier: self._tier(a, t),
                            f"{theme.TIER_MARK[tier]}: {TIER_TIPS[tier]} {TIER_COST}",
                            "toggle")  # fmt: skip
                x += self.tier_w + 4
        if self.pages > 1:
            y = h - 44
            prev, nxt = "◀ Previous [PgUp]", "Next [PgDn] ▶"
            pw, nw = label_width(prev) + 8, label_width(nxt) + 8
            self.button("page_prev", (12, y, pw, 34), prev, lambda: self._turn(-1))
            self.button("page_next", (w - 12 - nw, y, nw, 34), nxt, lambda: self._turn(1))
        if self.question is not None:
            self._ask_buttons()
        self.refresh()

    def _turn(self, step: int) -> None:
        self.page = (self.page + step) % self.pages
        self.params["page"] = self.page
        self._rows()

    # ------------------------------------------------------------------ commands
    def _research(self, account: str) -> None:
        self.controller.submit({"kind": RESEARCH, "account": account})

    def _tier(self, account: str, tier: str) -> None:
        """Set the tier, or first ask when it declines the account or crowds the key set."""
        view = self.controller.view
        question = tier_question(view, view.account(account), tier,
                                 self.controller.sim.scenario.dynamics)  # fmt: skip
        if question is None:
            self.controller.submit({"kind": "set_tier", "account": account, "tier": tier})
            return
        self.question, self.pending = question, (account, tier)
        self._ask_buttons()

    def _ask_buttons(self) -> None:
        self._close_buttons()
        self._show_rows(False)  # the question stands alone: no row's button shows through it
        box = self._box()
        tier = self.pending[1] if self.pending else ""
        label = "Decline  [Enter]" if tier == "decline" else "Make it key  [Enter]"
        y = box.bottom - 46
        self.button("tier_confirm", (box.x + 12, y, 200, 36), label, self._confirm,
                    "Set the tier as asked", "danger")  # fmt: skip
        self.button("tier_cancel", (box.x + 224, y, 200, 36), "Keep the tier  [Esc]",
                    self._close, "Change nothing", "primary")  # fmt: skip

    def _box(self) -> pygame.Rect:
        """Over the middle of the rows, where no other button shows through it."""
        w, h = self.rect.size
        bw = min(560, w - 48)
        return pygame.Rect((w - bw) // 2, max(TOP, h // 2 - 90), bw, 170)

    def _confirm(self) -> None:
        pending = self.pending
        self._close()
        if pending is not None:
            account, tier = pending
            self.controller.submit({"kind": "set_tier", "account": account, "tier": tier})

    def _close(self) -> None:
        self.question, self.pending = None, None
        self._close_buttons()
        self._show_rows(True)

    def _show_rows(self, shown: bool) -> None:
        for name, button in self.buttons.items():
            if name not in ("back", "tier_confirm", "tier_cancel"):
                button.show() if shown else button.hide()

    def _close_buttons(self) -> None:
        for name in ("tier_confirm", "tier_cancel"):
            button = self.buttons.pop(name, None)
            if button is not None:
                button.kill()

    @property
    def asking(self) -> bool:
        return self.question is not None

    # ------------------------------------------------------------------ state to widgets
    def refresh(self) -> None:
        view, controller = self.controller.view, self.controller
        for aid in self.ids[self.page * self.per_page : (self.page + 1) * self.per_page]:
            acc = view.account(aid)
            name = self.buttons.get(f"account_{aid}")
            if name is None:
                continue
            set_text(name, acc.name)
            set_tip(name, f"Open {acc.name}'s view: hard data, people, pathway and facts")
            done = controller.analysed(aid)
            research = self.buttons[f"research_{aid}"]
            set_text(research, analysis_label(RESEARCH, acc, done, controller.costs))
            set_tip(research, analysis_tip(RESEARCH, acc, done, view, controller.costs))
            for tier in TIERS:
                set_selected(self.buttons[f"tier_{aid}_{tier}"], acc.tier == tier)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if self.question is not None:  # the question takes Enter and Esc until answered
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.defer(self._confirm)
            elif event.key == pygame.K_ESCAPE:
                self.app.defer(self._close)
            else:
                return False
            return True
        if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.pages > 1:
            step = 1 if event.key == pygame.K_PAGEDOWN else -1
            self.app.defer(lambda: self._turn(step))
            return True
        return False

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        view = self.controller.view
        r = self.rect
        head = draw.label(surface, "Portfolio: research and tier", (r.x + 14, r.y + 6), 18,
                          theme.TEXT, True)  # fmt: skip
        tiers = [a.tier for a in view.accounts if a.merged_into is None]
        keys = tiers.count("key")
        colour = theme.BAD if keys > view.max_key_accounts else theme.MUTED
        words = f"key {keys}/{view.max_key_accounts} · untiered {tiers.count(None)}"
        if self.pages > 1:
            words += f" · page {self.page + 1} of {self.pages}"
        x = head.right + 16
        draw.label(surface, words, (x, r.y + 10), 13, colour, width=r.right - 160 - x)
        y = r.y + TOP - 16
        draw.label(surface, "Account", (r.x + 16, y), 11, theme.MUTED)
        fx = r.x + 12 + self.name_w + GAP
        for _, caption, width in self.columns:
            draw.label(surface, caption, (fx, y), 11, theme.MUTED, width=width)
            fx += width + GAP
        tx = r.right - 12 - len(TIERS) * (self.tier_w + 4)
        for tier in TIERS:  # each tier's word over its column of marks
            draw.label(surface, tier, (tx + self.tier_w // 2, y), 11, theme.MUTED, align="centre")
            tx += self.tier_w + 4
        start = self.page * self.per_page
        for i, aid in enumerate(self.ids[start : start + self.per_page]):
            acc = view.account(aid)
            row_y = r.y + TOP + i * self.row_h + (self.row_h - 4) // 2 - 8
            values = figures(acc, view)
            fx = r.x + 12 + self.name_w + GAP
            for key, _, width in self.columns:
                draw.label(surface, values[key], (fx, row_y), 12, theme.TEXT, width=width)
                fx += width + GAP
        if self.question is not None:
            self._draw_question(surface)

    def _draw_question(self, surface: pygame.Surface) -> None:
        draw.question_box(surface, self._box().move(self.rect.x, self.rect.y), self.question or "")
