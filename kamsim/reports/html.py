"""A very small HTML builder: everything is escaped unless it is already `Html`.

Reports are standalone pages: inline CSS, images as data URIs, no scripts and no external
links, so they open offline. They are also printed (assessors file them), so the print CSS sets
A4 pages with the participant and scenario at the top of every page and "page n of m" at the
bottom (CSS `@page` margin boxes, which Chromium prints since version 131; the `<title>` carries
the same words for browsers that print their own header instead), keeps headings with what
follows and cards, figures and table rows whole, and hides what is `screen-only` (long detail
that has a printed summary marked `print-only`).
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
table.evidence th:nth-child(1) { width: 17%; }
.print-only { display: none; }
details > summary { cursor: pointer; color: var(--accent); }
@media print {
  body { max-width: none; padding: 0; font-size: 10px; line-height: 1.35; }
  h1 { font-size: 20px; } h2 { font-size: 15px; margin: 14px 0 6px; }
  h3 { font-size: 12px; margin: 10px 0 4px; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
  .lead { break-after: avoid; page-break-after: avoid; }
  ul.ev { font-size: 9px; line-height: 1.25; }
  figure, figcaption, .card, .cards, tr, .keep { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 9.5px; margin: 4px 0 10px; } th, td { padding: 2px 4px; }
  thead { display: table-header-group; }
  .card { padding: 4px 10px; min-width: 110px; } .card b { font-size: 17px; }
  .screen-only { display: none !important; } .print-only { display: block; }
  figure { margin: 4px 0 8px; } figure img { max-height: 62mm; }
  figure.tall img { max-height: 150mm; }
  footer { margin-top: 12px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$tab</title>
<style>$css
@page { size: A4; margin: 15mm 13mm 14mm;
  @top-left { content: $running; font: 8.5px system-ui, sans-serif; color: #5b6b7c; }
  @bottom-right { content: "page " counter(page) " of " counter(pages);
                  font: 8.5px system-ui, sans-serif; color: #5b6b7c; } }
</style>
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
    cls: str | None = None,
) -> Html:
    """A table; columns in `numeric` are right-aligned, `marks[i]` is a class for row i, `cls`
    the table's class (the CSS gives some tables column widths)."""

    def cells(tag: str, row: Sequence[object]) -> Html:
        return join(
            el(tag, cell, cls="num" if i in numeric else None) for i, cell in enumerate(row)
        )

    head = el("thead", el("tr", cells("th", headers)))
    body = join(
        el("tr", cells("td", row), cls=marks[i] if i < len(marks) else None)
        for i, row in enumerate(rows)
    )
    attr = f' class="{esc(cls)}"' if cls else ""
    return Html(f"<table{attr}>{head}<tbody>{body}</tbody></table>")


def cards(items: Iterable[tuple[object, object]]) -> Html:
    """Big-number cards: (value, label)."""
    return el(
        "div", join(el("div", el("b", v), el("span", k), cls="card") for v, k in items), cls="cards"
    )


def figure(data_uri: str, caption: str, *, tall: bool = False) -> Html:
    """A chart and its caption; printed at most 62 mm high (so a page holds a chart and its
    table), or 150 mm when `tall` (a bar per account), so its labels stay readable."""
    img = f'<img src="{esc(data_uri)}" alt="{esc(caption)}">'
    attr = ' class="tall"' if tall else ""
    return Html(f"<figure{attr}>{img}{el('figcaption', caption)}</figure>")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: everything but letters, digits and spaces hex-escaped, so
    no name can end the string, the rule or the `<style>` element."""
    # The space after each escape ends it and is swallowed with it (CSS syntax), so the
    # text's own spaces survive.
    body = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x} " for c in text)
    return f'"{body}"'


def page(title: str, subtitle: str, body: Html, footer: str, running: str = "") -> str:
    """The standalone page: every argument but `body` is escaped. `running` is what every printed
    page carries at its top (who and what the report is about); it is also the window title."""
    running = running or title
    return PAGE.substitute(
        title=esc(title),
        tab=esc(running),
        running=css_string(running),
        subtitle=esc(subtitle),
        body=body,
        footer=esc(footer),
        css=CSS,
    )


def noun(count: int, word: str, words: str | None = None) -> str:
    """The noun that agrees with `count`: 'seed' for 1, 'seeds' otherwise."""
    return word if count == 1 else (words or word + "s")


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 seed', '2 seeds': counts in words that agree with the number."""
    return f"{count} {noun(count, word, words)}"


def fmt(value: object, digits: int = 1) -> str:
    """Numbers for people: a dash for missing, fixed decimals for floats."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)
