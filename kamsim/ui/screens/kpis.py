"""KPI monitor: monthly KPIs of the territory or one account, charted, with plan targets."""

from __future__ import annotations

import pygame

from kamsim.ui import theme
from kamsim.ui.costs import days_short, takes
from kamsim.ui.screens.base import Screen, set_selected
from kamsim.ui.widgets import draw
from kamsim.ui.widgets.charts import Series, line_chart
from kamsim.ui.widgets.plans import slipping_lines
from kamsim.vocabulary import PERCENT_KPIS

CHARTS = (("sales", "Sales per month"), ("share", "Share of treated patients (%)"),
          ("satisfaction", "Customer satisfaction (0–10)"),
          ("penetration_index", "Penetration index (100 = territory)"))  # fmt: skip
TILES = (("revenue", "Revenue so far"), ("rebates", "Discounts given"),
         ("win_loss", "Win-to-lose"), ("formulary_status", "Formulary step (0–3)"),
         ("revenue_to_profit", "Revenue-to-profit"), ("roi", "ROI"))  # fmt: skip
MONEY = {"revenue", "rebates"}  # tiles shown as money (theme.money)
EMPTY = {"satisfaction": "no survey yet — the customers are surveyed every 12 weeks"}
LIST_W = 220  # the account list's narrowest width …
LIST_MAX_W = 300  # … and its widest: longer names are cut with "…" and read whole on hover
LIST_PAD = 24  # a list button's text margins, both sides together
LIST_FONT = 13  # the theme's button font size


def list_width(names: list[str]) -> int:
    """The account list as wide as its longest name (within LIST_W…LIST_MAX_W), so names are
    not cut at the button's edge while the charts keep most of the width."""
    widest = max((theme.font(LIST_FONT).size(n)[0] for n in names), default=0)
    return max(LIST_W, min(LIST_MAX_W, widest + LIST_PAD))


class KpiScreen(Screen):
    name = "kpis"
    title = "KPI monitor"
    shortcuts = (("↑ / ↓", "previous / next account"), ("R", "review the chosen account's KPIs"))

    def build(self) -> None:
        self.selected = str(self.params.get("account", "territory"))
        ids = ["territory", *(a.id for a in self.controller.view.accounts)]
        h = self.rect.height - 60
        step = max(22, min(34, h // len(ids)))
        names = {"territory": "Territory"} | {a.id: a.name for a in self.controller.view.accounts}
        self.list_w = list_width(list(names.values()))
        for i, aid in enumerate(ids):
            shown = theme.fit(names[aid], self.list_w - LIST_PAD, LIST_FONT)
            self.button(
                f"kpi_account_{aid}",
                (12, 48 + i * step, self.list_w, step - 3),
                shown,
                lambda a=aid: self._select(a),
                names[aid] if shown != names[aid] else None,  # a cut name, whole on hover
                "toggle",
            )
        self.button(
            "review",
            (self.rect.width - 232, 6, 220, 34),
            "Review these KPIs [R]",
            self._review,
            "Record a KPI review of this account (monitoring: shows projects running late). "
            + takes(self.controller.costs.kind_days("review_kpis"), self.controller.view),
        )
        days = days_short(self.controller.costs.kind_days("review_kpis"))
        self.buttons["review"].set_text(f"Review these KPIs · {days} [R]")
        self.ids = ids
        self._select(self.selected)

    def _select(self, account: str) -> None:
        self.selected = account
        self.params["account"] = account
        for aid in self.ids:
            set_selected(self.buttons[f"kpi_account_{aid}"], aid == account)
        if account == "territory":
            self.buttons["review"].disable()
        else:
            self.buttons["review"].enable()
        if self.app.controller is not None:
            self.controller.ui_state = self.state()

    def _review(self) -> None:
        if self.selected != "territory":
            self.controller.submit({"kind": "review_kpis", "account": self.selected})

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            i = self.ids.index(self.selected) + (1 if event.key == pygame.K_DOWN else -1)
            self.app.defer(lambda: self._select(self.ids[i % len(self.ids)]))
        elif event.key == pygame.K_r:
            self.app.defer(self._review)
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        view = self.controller.view
        records = [k for k in view.kpis if k["account"] == self.selected]
        territory = [k for k in view.kpis if k["account"] == "territory"]
        name = "the territory" if self.selected == "territory" else view.account(self.selected).name
        draw.label(
            surface,
            f"KPI monitor — {name}",
            (r.x + 14, r.y + 8),
            20,
            theme.TEXT,
            True,
            width=r.width - 500,
        )
        if records:
            draw.label(
                surface,
                f"latest figures: month {records[-1]['month']} (week {records[-1]['week']})",
                (r.right - 244, r.y + 18),
                12,
                theme.MUTED,
                align="right",
            )
        list_w = self.list_w
        area = pygame.Rect(r.x + list_w + 24, r.y + 48, r.width - list_w - 36, r.height - 56)
        tiles = pygame.Rect(area.x, area.y, area.width, 54)
        latest = records[-1] if records else None
        self._draw_tiles(surface, tiles, latest, view.scenario["currency"])
        top = tiles.bottom + 4
        late = self._late()
        for line in late[:3]:
            draw.label(surface, f"⚠ {line}", (area.x, top), 12, theme.WARN, width=area.width)
            top += 17
        if len(late) > 3:
            draw.label(surface, f"… and {len(late) - 3} more", (area.x, top), 11, theme.WARN)
            top += 15
        grid = pygame.Rect(area.x, top + 4, area.width, area.bottom - top - 4)
        cw, ch = (grid.width - 10) // 2, (grid.height - 10) // 2
        weeks = (0, view.scenario["duration_weeks"])
        targets = self._targets()
        for i, (key, title) in enumerate(CHARTS):
            rect = pygame.Rect(grid.x + (i % 2) * (cw + 10), grid.y + (i // 2) * (ch + 10), cw, ch)
            series = [Series(name, _points(records, key), theme.SERIES[0])]
            if self.selected != "territory" and key in ("share", "satisfaction"):
                series.append(Series("territory", _points(territory, key), theme.SERIES[1], True))
            marks = [(w, v * _scale(key), lbl) for w, v, lbl, k in targets if k == key]
            line_chart(surface, rect, title, series, weeks, marks, **_empty(key))

    def _late(self) -> list[str]:
        """Projects a KPI review showed to be late: this account's, or every account's."""
        view = self.controller.view
        if self.selected != "territory":
            return slipping_lines(view.account(self.selected).plan, view)
        return [line for a in view.accounts for line in slipping_lines(a.plan, view, a.name)]

    def _targets(self) -> list[tuple[float, float, str, str]]:
        """The account plan's objectives, drawn as target marks on their KPI's chart."""
        if self.selected == "territory":
            return []
        plan = self.controller.view.account(self.selected).plan
        if plan is None:
            return []
        return [
            (o["by_week"], o["target"], f"target wk{o['by_week']}", o["kpi"])
            for o in plan.plan.get("objectives", [])
        ]

    def _draw_tiles(
        self, surface: pygame.Surface, rect: pygame.Rect, latest: dict | None, currency: str
    ) -> None:
        n = len(TILES)
        w = (rect.width - 10 * (n - 1)) // n
        for i, (key, title) in enumerate(TILES):
            tile = pygame.Rect(rect.x + i * (w + 10), rect.y, w, rect.height)
            pygame.draw.rect(surface, theme.PANEL, tile, border_radius=6)
            draw.label(surface, title, (tile.x + 8, tile.y + 6), 12, theme.MUTED, width=w - 12)
            value = latest.get(key) if latest else None
            if value is None:
                text = "—"
            elif key in MONEY:
                text = theme.money(value, currency)
            else:
                text = f"{value:,.2f}"
            draw.label(surface, text, (tile.x + 8, tile.y + 24), 18, theme.TEXT, True, width=w - 12)


def _empty(key: str) -> dict[str, str]:
    return {"empty": EMPTY[key]} if key in EMPTY else {}


def _scale(key: str) -> float:
    """A share is charted as a percentage, as the dashboard and the objectives show it."""
    return 100.0 if key in PERCENT_KPIS else 1.0


def _points(records: list[dict], key: str) -> tuple[tuple[float, float], ...]:
    scale = _scale(key)
    return tuple((r["week"], float(r[key]) * scale) for r in records if r.get(key) is not None)
