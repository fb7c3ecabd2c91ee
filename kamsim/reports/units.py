"""KPI names and values for people: what a report prints instead of ids and raw floats.

The simulation keeps KPIs as bare floats under snake_case ids (`kamsim.sim.kpis` documents the
formulas); a debrief read by an assessor needs the name, the unit and no more digits than the
figure deserves ("€2,622,494", "21.2%", "4.3 / 10", "13.1×"). Names follow the KPI monitor's
words in the game window, so a trainee reads the same name on screen and on paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"}


def money(value: float, currency: str = "EUR") -> str:
    """Whole currency units with thousands separators: cents mean nothing in a KAM debrief."""
    sign = "−" if value < 0 else ""
    amount = f"{abs(value):,.0f}"
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {currency}"


def money_short(value: float, currency: str = "EUR") -> str:
    """Compact money for chart axes: €2.6M, €450k, €950."""
    v, sign = abs(value), "−" if value < 0 else ""
    if v >= 1e6:
        amount = f"{v / 1e6:.1f}M"
    elif v >= 1e3:
        amount = f"{v / 1e3:.0f}k"
    else:
        amount = f"{v:.0f}"
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {currency}"


def _share(v: float, _c: str) -> str:
    return f"{100 * v:.1f}%"


def _ratio(v: float, _c: str) -> str:
    return f"{v:.2f}"


KPIS: dict[str, tuple[str, Callable[[float, str], str]]] = {
    "sales": ("Sales (last month)", money),
    "revenue": ("Revenue so far", money),
    "incremental_margin": ("Margin earned by KAM", money),
    "kam_value": ("KAM value (margin and position)", money),
    "investment": ("Joint-project investment", money),
    "rebates": ("Discounts given", money),
    "share": ("Share of treated patients", _share),
    "win_loss": ("Win-to-lose ratio", _ratio),
    "formulary_status": ("Formulary step (0–3)", lambda v, _c: f"{v:.1f} of 3"),
    "penetration_index": ("Penetration index (100 = territory)", lambda v, _c: f"{v:.0f}"),
    "satisfaction": ("Customer satisfaction", lambda v, _c: f"{v:.1f} / 10"),
    "roi": ("Return on KAM investment", lambda v, _c: f"{v:.1f}×"),
    "revenue_to_profit": ("Revenue-to-profit", lambda v, _c: f"{100 * v:.0f}%"),
}


def kpi_name(key: str) -> str:
    """The KPI's name; an unknown id reads as words, never as snake_case."""
    return KPIS[key][0] if key in KPIS else key.replace("_", " ").capitalize()


def kpi_value(key: str, value: object, currency: str = "EUR") -> str:
    """The value with its unit; a dash when the game has none (no survey yet, no investment)."""
    if value is None:
        return "—"
    if not isinstance(value, int | float):
        return str(value)
    if key in KPIS:
        return KPIS[key][1](float(value), currency)
    return f"{value:,.2f}"


SCIENTIFIC = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?e[+-]?\d+\b")
LONG_DECIMAL = re.compile(r"(?<![\w.])(-?\d+\.\d{2})\d+\b")
BIG_INTEGER = re.compile(r"(?<![\w.,])(\d{5,})(?![\w.,])")


def tidy_numbers(text: str) -> str:
    """Figures inside the scoring's sentences as people write them: '1.74e+05' → '174,000',
    '0.1693' → '0.17', '261552' → '261,552' (the sentences are built from raw floats)."""
    text = SCIENTIFIC.sub(lambda m: _figure(float(m.group(0))), text)
    text = LONG_DECIMAL.sub(lambda m: f"{float(m.group(0)):.2f}", text)
    return BIG_INTEGER.sub(lambda m: f"{int(m.group(1)):,}", text)


def _figure(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
