"""Territory dashboard: every account's hard data in a sortable table, plus news and resources."""

from __future__ import annotations

import pygame

from kamsim.sim.view import AccountView, View
from kamsim.ui import theme
from kamsim.ui.screens.base import Screen, label_width
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.news import draw_news
from kamsim.ui.widgets.sparkline import draw_sparkline, trend_word
from kamsim.ui.widgets.table import Column, Row, Table

SIDE_MIN, SIDE_MAX = 230, 380  # the news column: 2/11 of the window, within these
SPARK_W = 56  # a trend cell's sparkline, before its word
KIND_SHORT = {
    "teaching_hospital": "teaching",
    "district_hospital": "district",
    "regional_payer": "payer",
    "care_network": "care network",
    "rare_disease_centre": "rare-disease",
    "ambulatory_chain": "clinic chain",
    "group_practice": "group practice",
}
LADDER = ("not_listed", "restricted", "listed", "preferred")
PORTFOLIO = "Research and tier ▸ [T]"
PORTFOLIO_TIP = ("The portfolio: every account on one board, with its research button and "
                 "its tiers, to compare them while you choose the few key accounts")  # fmt: skip


def _formulary(acc: AccountView) -> str:
    """One product: its mark and word; several: one mark per product (words in the tooltip)."""
    statuses = list(acc.formulary.values())
    if len(statuses) == 1:
        return theme.FORMULARY_MARK.get(statuses[0], statuses[0])
    return " ".join(theme.FORMULARY_MARK.get(s, s).split()[0] for s in statuses) or "—"


def _guidance(acc: AccountView) -> tuple[int, int]:
    rows = acc.hard_data.get("guidance", [])
    met = sum(
        1 for g in rows
        if (g["actual"] <= g["target"] if g.get("lower_is_better") else g["actual"] >= g["target"])
    )  # fmt: skip
    return met, len(rows)


def account_row(acc: AccountView, view: View) -> Row:
    """One table row: the values shown and the keys they sort by."""
    sales = acc.sales_history[-12:]
    share = acc.share_history[-1]
    met, total = _guidance(acc)
    facts = len({f.id for f in view.facts if f.account == acc.id})  # heard twice: one fact
    trend = trend_word(acc.sales_history)
    name = acc.name if acc.merged_into is None else f"{acc.name} (merged)"
    first, last = (sales[0], sales[-1]) if sales else (0.0, 0.0)
    return {
        "id": acc.id, "name": name, "kind": KIND_SHORT.get(acc.kind, acc.kind),
        "tier": theme.TIER_MARK.get(acc.tier, acc.tier or ""), "tier_raw": acc.tier,
        "sort_tier": ["decline", "deprioritise", "maintain", "develop", "key"].index(acc.tier)
        if acc.tier else -1,
        "sales": theme.money(sum(sales)), "sort_sales": sum(sales),
        "trend": trend, "sort_trend": (last - first) / first if first else 0.0,
        "history": acc.sales_history, "history_split": len(acc.hard_data["sales_history"]) - 1,
        "share": f"{share:.0%}", "sort_share": share,
        "market": theme.money(acc.hard_data["market_value"]),
        "sort_market": acc.hard_data["market_value"],
        "formulary": _formulary(acc),
        "sort_formulary": sum(LADDER.index(s) for s in acc.formulary.values() if s in LADDER),
        "guidance": f"{met}/{total} met" if total else "—", "sort_guidance": met - total,
        "facts": str(facts), "sort_facts": facts,
        "effort": f"{acc.field_days_this_month:g} d", "sort_effort": acc.field_days_this_month,
    }  # fmt: skip


def side_width(window_width: int) -> int:
    """The news column's width: 2/11 of the window, so the table keeps the rest."""
    return max(SIDE_MIN, min(SIDE_MAX, window_width * 2 // 11))


def _trend_word_width(row: Row) -> int:
    return theme.font(12).size(row["trend"])[0]


def _spark_need(row: Row) -> int:
    """A trend cell's width: the sparkline, a gap and its word."""
    return SPARK_W + 6 + _trend_word_width(row)


def _spark(surface: pygame.Surface, rect: pygame.Rect, row: Row) -> None:
    word = _trend_word_width(row)
    spark_w = max(20, min(SPARK_W, rect.width - word - 6))  # the word keeps its room
    spark = pygame.Rect(rect.x, rect.y, spark_w, rect.height)
    draw_sparkline(surface, spark, row["history"], row["history_split"])
    colour = (
        theme.GOOD
        if row["trend"][0] == "↑"
        else theme.BAD
        if row["trend"][0] == "↓"
        else theme.MUTED
    )
    draw.label(
        surface,
        row["trend"],
        (spark.right + 6, rect.y + rect.height // 2 - 8),
        12,
        colour,
        width=rect.right - spark.right - 6,
    )


COLUMNS = [
    Column("name", "Account", 0.30, tip="The institution (sort by name)", floor=110),
    Column("kind", "Type", 0.10, colour=lambda r: theme.MUTED, floor=60),
    Column(
        "tier",
        "Tier",
        0.11,
        colour=lambda r: theme.TIER_COLOUR.get(r["tier_raw"], theme.TEXT),
        tip="Your tiering: key, develop, maintain, deprioritise or decline",
    ),
    Column("sales", "Sales", 0.07, "right", tip="Our sales per year: the last 12 months"),
    Column(
        "trend",
        "Trend",
        0.13,
        painter=_spark,
        measure=_spark_need,
        floor=80,
        tip="Monthly sales: grey = last year's data, colour = this game's months",
    ),
    Column("share", "Share", 0.055, "right", tip="Our share of the account's treated patients"),
    Column("market", "Market", 0.065, "right", tip="The account's market value per year"),
    Column(
        "formulary",
        "Formulary",
        0.105,
        tip="Our products' formulary status, one mark per product in catalogue order: "
        "★ preferred, ● listed, ◐ restricted, ✕ not listed",
    ),
    Column(
        "guidance",
        "Targets",
        0.07,
        "right",
        tip="National guidance targets the account meets (published figures)",
    ),
    Column("facts", "Facts", 0.05, "right", tip="Facts you have discovered about the account"),
    Column("effort", "Days", 0.07, "right", tip="Field days spent on it this month"),
]


class DashboardScreen(Screen):
    name = "dashboard"
    title = "Territory dashboard"
    shortcuts = (
        ("click a header", "sort by that column (again: reverse)"),
        ("↑ / ↓ then Enter", "choose an account and open it (or click its row)"),
        ("mouse wheel", "scroll the table"),
        ("T", "the portfolio: research and tier every account on one board"),
    )

    def build(self) -> None:
        self.table = Table(COLUMNS, self._open)
        r = self.rect
        self.side = side_width(r.width)
        self.table.rect = pygame.Rect(r.x + 12, r.y + 40, r.width - self.side - 36, r.height - 52)
        self.table.sort_key, self.table.descending = self.app.memory.get(
            "dashboard_sort", (None, False)
        )
        board = label_width(PORTFOLIO, "primary") + 8
        self.button("portfolio", (self.table.rect.right - r.x - board, 4, board, 32), PORTFOLIO,
                    self._portfolio, PORTFOLIO_TIP, "primary")  # fmt: skip

    def _portfolio(self) -> None:
        self.app.push("portfolio")

    def _open(self, account_id: str) -> None:
        self.app.defer(lambda: self.app.push("account", account=account_id))

    def refresh(self) -> None:
        view = self.controller.view
        self.table.set_rows([account_row(a, view) for a in view.accounts])

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_t:
            self.app.defer(self._portfolio)
            return True
        used = self.table.handle_event(event)
        # Remembered as soon as it changes: a resize rebuilds the screen from memory.
        self.app.memory["dashboard_sort"] = (self.table.sort_key, self.table.descending)
        return used

    def targets(self) -> dict[str, pygame.Rect]:
        found = super().targets()
        for row in self.table.rows:
            rect = self.table.rect_of(row["id"])
            if rect is not None:
                found[f"account_{row['id']}"] = rect
        for col, rect in zip(self.table.columns, self.table.header_rects(), strict=True):
            found[f"sort_{col.key}"] = rect
        return found

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        view = self.controller.view
        r = self.rect
        tiers = [a.tier for a in view.accounts]
        keys = tiers.count("key")
        untiered = tiers.count(None)
        head = draw.label(surface, "Territory", (r.x + 14, r.y + 10), 18, theme.TEXT, True)
        colour = theme.BAD if keys > view.max_key_accounts else theme.MUTED
        x = max(r.x + 130, head.right + 16)  # after the heading, however large the text
        draw.label(
            surface,
            f"{len(view.accounts)} accounts · key {keys}/{view.max_key_accounts}"
            f" · untiered {untiered} · click a row to open an account",
            (x, r.y + 14),
            13,
            colour,
            width=self.buttons["portfolio"].rect.x - 12 - x,
        )
        self.table.draw(surface)
        self._draw_side(surface, view)

    def _draw_side(self, surface: pygame.Surface, view: View) -> None:
        r = self.rect
        side = pygame.Rect(r.right - self.side - 12, r.y + 8, self.side, r.height - 20)
        news_rect = pygame.Rect(side.x, side.y, side.width, int(side.height * 0.55))
        inner = draw.panel(surface, news_rect, "News")
        y = inner.y
        news = list(reversed(view.news))[:6]
        if not news:
            draw.paragraph(surface, "Nothing yet. News arrives as weeks pass.",
                           pygame.Rect(inner.x, y, inner.width, 40), 12, theme.MUTED)  # fmt: skip
        draw_news(
            surface, news, inner, fresh_from=view.week - 1, humanise=self.controller.words.humanise
        )
        self._draw_coming(
            surface,
            view,
            pygame.Rect(
                side.x, news_rect.bottom + 8, side.width, side.bottom - news_rect.bottom - 8
            ),
        )

    def _draw_coming(self, surface: pygame.Surface, view: View, rect: pygame.Rect) -> None:
        inner = draw.panel(surface, rect, "Coming up and to do")
        y = inner.y
        if view.inbox:
            n = len(view.inbox)
            text = f"✉ {n} campaign request{'s' if n > 1 else ''} in your inbox [I]"
            room = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
            y = draw.paragraph(surface, text, room, 12, theme.WARN, True, spacing=3) + 4
        names = {a.id: a.name for a in view.accounts}
        for event in sorted(view.calendar, key=lambda e: int(e["week"]))[:6]:
            text = f"week {event['week']}: {event['title']}"
            name = names.get(event.get("account") or "", "")
            if name and name not in text:  # a title naming the account says it once
                text += f" ({name})"
            room = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
            y = draw.paragraph(surface, text, room, 12, theme.TEXT, spacing=3) + 4  # wrapped
            if y > inner.bottom - 18:
                break

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.table.hover_header is not None:
            col = self.table.columns[self.table.hover_header]
            tip = col.tip or f"Sort by {col.title.lower()} (click again to reverse)"
            draw.tooltip(surface, tip, pygame.mouse.get_pos())
            return
        whole = self.table.clipped_at(pygame.mouse.get_pos())
        if whole:  # a name cut off in a narrow window is read whole on hover
            draw.tooltip(surface, whole, pygame.mouse.get_pos())
