"""A very small HTML builder: everything is escaped unless it is already `Html`.

Reports are standalone pages: inline CSS, images as data URIs, no scripts and no external
links, so they open offline and print cleanly (print CSS keeps tables and charts whole).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from string import Template

CSS = """
:root { --ink:#1d2733; --muted:#5b6b7c; --line:#d5dde5; --accent:#1f6f8b; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1080px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px;
     border-bottom: 2px solid var(--accent); padding-bottom: 3px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px;
        background: var(--bg); }
.card b { display: block; font-size: 22px; } .card span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left;
         vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); } .good { color: #17693b; } .bad { color: #a12a2a; }
.split { background: #fff4d6; }
figure { margin: 8px 0 16px; } figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12px; }
ul.ev { margin: 0; padding-left: 16px; }
footer { margin-top: 32px; color: var(--muted); font-size: 11px; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; } figure, .card, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>$css</style>
</head>
<body>
<h1>$title</h1>
<p class="sub">$subtitle</p>
$body
<footer>$footer</footer>
</body>
</html>
""")


class Html(str):
    """Markup that is already safe; everything else is escaped on the way in."""


def esc(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=True))


def el(tag: str, *children: object, cls: str | None = None) -> Html:
    attr = f' class="{esc(cls)}"' if cls else ""
    return Html(f"<{tag}{attr}>" + "".join(esc(c) for c in children) + f"</{tag}>")


def join(parts: Iterable[object]) -> Html:
    return Html("".join(esc(p) for p in parts))


def table(
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    numeric: Sequence[int] = (),
    marks: Sequence[str | None] = (),
) -> Html:
    """A table; columns in `numeric` are right-aligned, `marks[i]` is a class for row i."""

    def cells(tag: str, row: Sequence[object]) -> Html:
        return join(
            el(tag, cell, cls="num" if i in numeric else None) for i, cell in enumerate(row)
        )

    head = el("thead", el("tr", cells("th", headers)))
    body = join(
        el("tr", cells("td", row), cls=marks[i] if i < len(marks) else None)
        for i, row in enumerate(rows)
    )
    return Html(f"<table>{head}<tbody>{body}</tbody></table>")


def cards(items: Iterable[tuple[object, object]]) -> Html:
    """Big-number cards: (value, label)."""
    return el(
        "div", join(el("div", el("b", v), el("span", k), cls="card") for v, k in items), cls="cards"
    )


def figure(data_uri: str, caption: str) -> Html:
    img = f'<img src="{esc(data_uri)}" alt="{esc(caption)}">'
    return Html(f"<figure>{img}{el('figcaption', caption)}</figure>")


def page(title: str, subtitle: str, body: Html, footer: str) -> str:
    """The standalone page: every argument but `body` is escaped."""
    return PAGE.substitute(
        title=esc(title), subtitle=esc(subtitle), body=body, footer=esc(footer), css=CSS
    )


def fmt(value: object, digits: int = 1) -> str:
    """Numbers for people: a dash for missing, fixed decimals for floats."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)
