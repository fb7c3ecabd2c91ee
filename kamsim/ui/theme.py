"""Colours, fonts and the meaning-carrying styles (attitude, tiers, status) of the game.

Meaning is never carried by colour alone: every colour here comes with a word or a mark
(`attitude_label`, `TIER_MARK`) that the screens draw next to it. The palette is a dark,
high-contrast one, with a blue/orange diverging scale that colour-blind players can tell apart.
"""

from __future__ import annotations

import json
from typing import Any

import pygame

from kamsim.bundle import assets_dir

ASSETS = assets_dir()  # the package's kamsim._assets: assets/ in the repository
THEME_FILE = ASSETS / "theme.json"

Colour = tuple[int, int, int]

BG: Colour = (24, 29, 41)
PANEL: Colour = (34, 41, 57)
PANEL_HI: Colour = (46, 55, 76)
GRID: Colour = (60, 70, 92)
TEXT: Colour = (232, 236, 243)
MUTED: Colour = (154, 165, 184)
ACCENT: Colour = (79, 163, 224)
GOOD: Colour = (76, 195, 138)
BAD: Colour = (229, 100, 91)
WARN: Colour = (232, 180, 79)
SUPPORT: Colour = (74, 144, 226)  # blue: for us
OPPOSE: Colour = (224, 123, 57)  # orange: against us
NEUTRAL: Colour = (150, 150, 160)
UNKNOWN: Colour = (80, 86, 100)
SERIES: tuple[Colour, ...] = (
    (79, 163, 224), (232, 180, 79), (76, 195, 138), (229, 100, 91),
    (176, 132, 230), (110, 210, 220), (230, 140, 190), (190, 190, 120),
)  # fmt: skip

TIER_MARK = {
    "key": "★ key",
    "develop": "▲ develop",
    "maintain": "● maintain",
    "deprioritise": "▼ deprioritise",
    "decline": "✕ decline",
    None: "– untiered",
}
TIER_COLOUR: dict[str | None, Colour] = {
    "key": ACCENT, "develop": GOOD, "maintain": MUTED, "deprioritise": WARN, "decline": BAD,
    None: UNKNOWN,
}  # fmt: skip
FORMULARY_MARK = {
    "not_listed": "✕ not listed",
    "restricted": "◐ restricted",
    "listed": "● listed",
    "preferred": "★ preferred",
}


def attitude_colour(value: float | None) -> Colour:
    """Blend from orange (−1) through grey (0) to blue (+1); dark grey when never sensed."""
    if value is None:
        return UNKNOWN
    end = SUPPORT if value >= 0 else OPPOSE
    t = min(1.0, abs(value))
    return tuple(int(NEUTRAL[i] + (end[i] - NEUTRAL[i]) * t) for i in range(3))  # type: ignore[return-value]


def attitude_label(value: float | None) -> str:
    """The words that go with the colour, so colour never carries the meaning alone."""
    if value is None:
        return "? unknown (not met)"
    if value >= 0.35:
        word = "+ supportive"
    elif value >= 0.1:
        word = "+ leaning for"
    elif value > -0.1:
        word = "= neutral"
    elif value > -0.35:
        word = "− leaning against"
    else:
        word = "− opposed"
    return f"{word} ({value:+.2f}, as sensed)"


# ------------------------------------------------------------------ fonts and text
_FONTS: dict[tuple[int, bool], pygame.font.Font] = {}
_TEXT: dict[tuple[str, int, bool, Colour], pygame.Surface] = {}
TEXT_CACHE_LIMIT = 4000  # rendered lines kept
TEXT_CACHE_BYTES = 12 * 2**20  # and their pixels: a year of play renders ~30 MiB of lines
_text_bytes = 0


FONT_REGULAR = ASSETS / "fonts" / "DejaVuSans.ttf"
FONT_BOLD = ASSETS / "fonts" / "DejaVuSans-Bold.ttf"


# The player's text size (accessibility): every font the game makes, its own and pygame_gui's,
# is this much larger. Layouts measure text with `font`, so they follow; a line that no longer
# fits its place is cut with "…" and read whole on hover, as in a narrow window.
TEXT_SIZES = {"normal": 1.0, "large": 1.15, "larger": 1.3}
_text_scale = 1.0


def text_size() -> str:
    """The text size in force, by name."""
    return next((n for n, s in TEXT_SIZES.items() if s == _text_scale), "normal")


def set_text_size(name: str) -> None:
    """Make every font `TEXT_SIZES[name]` times its designed size (fonts and text made again)."""
    global _text_scale
    if TEXT_SIZES[name] != _text_scale:
        _text_scale = TEXT_SIZES[name]
        reset()


def scaled(size: int) -> int:
    """A designed font size at the player's text size."""
    return max(6, round(size * _text_scale))


def _font_path(bold: bool) -> str | None:
    path = FONT_BOLD if bold else FONT_REGULAR
    return str(path) if path.is_file() else None


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """DejaVu Sans from assets (it has the ★▲●▼✕ marks), else pygame's default font."""
    key = (size, bold)
    if key not in _FONTS:
        _FONTS[key] = pygame.font.Font(_font_path(bold), scaled(size))
    return _FONTS[key]


def text(s: str, size: int = 14, colour: Colour = TEXT, bold: bool = False) -> pygame.Surface:
    """A rendered line, cached: rendering text is the costliest thing a frame does."""
    global _text_bytes
    key = (s, size, bold, colour)
    surf = _TEXT.get(key)
    if surf is None:
        if len(_TEXT) > TEXT_CACHE_LIMIT or _text_bytes > TEXT_CACHE_BYTES:
            _forget_oldest_half()
        surf = font(size, bold).render(s, True, colour)
        _TEXT[key] = surf
        _text_bytes += _pixels(surf)
    return surf


def _pixels(surf: pygame.Surface) -> int:
    return surf.get_width() * surf.get_height() * surf.get_bytesize()


def _forget_oldest_half() -> None:
    """Drop the lines rendered longest ago (the dict keeps insertion order): what is on
    screen now was mostly rendered recently, so the next frames stay fast."""
    global _text_bytes
    for key in list(_TEXT)[: len(_TEXT) // 2 + 1]:
        _text_bytes -= _pixels(_TEXT.pop(key))


def wrap(s: str, width: int, size: int = 14, bold: bool = False) -> list[str]:
    """Split text into lines that fit `width` pixels (paragraphs kept)."""
    f = font(size, bold)
    lines: list[str] = []
    for para in s.split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def fit(s: str, width: int, size: int = 14, bold: bool = False) -> str:
    """Shorten text with an ellipsis so it fits `width` pixels."""
    f = font(size, bold)
    if f.size(s)[0] <= width:
        return s
    while s and f.size(s + "…")[0] > width:
        s = s[:-1]
    return s + "…"


def money(value: float, currency: str = "") -> str:
    """Compact money: 1.2M, 45k, 950."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if v >= 1e6:
        out = f"{v / 1e6:.1f}M"
    elif v >= 1e4:
        out = f"{v / 1e3:.0f}k"
    elif v >= 1e3:
        out = f"{v / 1e3:.1f}k"
    else:
        out = f"{v:.0f}"
    return f"{sign}{out}{(' ' + currency) if currency else ''}"


def gui_theme() -> dict[str, Any]:
    """The pygame_gui theme from assets, with font paths made absolute (cwd-independent)."""
    data: dict[str, Any] = json.loads(THEME_FILE.read_text(encoding="utf-8"))
    for block in data.values():
        spec = block.get("font") if isinstance(block, dict) else None
        if spec and "size" in spec:
            spec["size"] = str(scaled(int(spec["size"])))
        if spec and FONT_REGULAR.is_file():
            spec["regular_path"] = str(FONT_REGULAR)
            spec["bold_path"] = str(FONT_BOLD)
    return data


def value(v: object) -> str:
    """A hard-data value as text: numbers compactly, anything else as written."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return str(v)
    return f"{v:,.0f}" if abs(v) >= 10000 else f"{v:g}"


def reset() -> None:
    """Forget fonts and rendered text (they die with pygame.quit)."""
    global _text_bytes
    _FONTS.clear()
    _TEXT.clear()
    _text_bytes = 0
