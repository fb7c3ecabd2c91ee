"""Reports that print: A4 pages with who and what on each, headings kept with what follows, a
short printed timeline, KPI values with units, whole-number count axes and honest cohort cards.

Everything here reads the HTML and the matplotlib figures (fast, no browser); the last test
prints with headless Chromium and counts the pages, and is skipped where there is none.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from kamsim.reports import charts
from kamsim.reports.html import css_string
from kamsim.reports.units import kpi_name, kpi_value, tidy_numbers

from .conftest import cli, scenario

RAW_KPIS = ("sales", "share", "win_loss", "formulary_status", "satisfaction", "roi", "kam_value")
MAX_PAGES = 8  # the printed individual debrief on a bundled scenario


class _Text(HTMLParser):
    """The text a reader sees, split into what prints and what is on screen only."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, screen only)
        self.printed: list[str] = []
        self.screen: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "img", "br"):
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = bool(self.stack and self.stack[-1][1]) or "screen-only" in classes
        self.stack.append((tag, hidden))
        self.skip += tag in ("style", "title", "footer")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "img", "br"):
            return
        popped, _ = self.stack.pop()
        self.skip -= popped in ("style", "title", "footer")

    def handle_data(self, data: str) -> None:
        if self.skip or not data.strip():
            return
        (self.screen if self.stack and self.stack[-1][1] else self.printed).append(data.strip())


def text_of(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


def print_css(page: str) -> str:
    """The `@media print { … }` block of the page's style sheet."""
    start = page.index("@media print {")
    depth, i = 0, start
    while True:
        depth += {"{": 1, "}": -1}.get(page[i], 0)
        if depth == 0 and page[i] == "}":
            return page[start : i + 1]
        i += 1


def page_rule(page: str) -> str:
    match = re.search(r"@page \{.*?\} \}", page, re.S)
    assert match, "no @page rule"
    return match.group(0)


@pytest.fixture
def individual(record, db_path, tmp_path):
    """individual(scenario, seed, bot, participant) → (html, stored game)."""

    def make(name: str, seed: int, bot: str, who: str = "Marie-Claire Dubois") -> str:
        run = record(name, seed, bot, who, f"print-{name}")
        out = tmp_path / f"{name}-{run}.html"
        assert cli("report", "individual", run, "--html", out, "--db", db_path) == 0
        return out.read_text(encoding="utf-8")

    return make


def test_every_printed_page_says_who_and_which_scenario_and_its_number(individual) -> None:
    page = individual("tutorial", 1, "novice", 'Zoë "Z" O\'Neil <b>')
    title = scenario("tutorial").meta.title
    rule = page_rule(page)
    assert "size: A4" in rule and re.search(r"margin: \d+mm", rule)
    running = css_string(f'Debrief: Zoë "Z" O\'Neil <b> — {title} · run 1, seed 1')
    assert f"@top-left {{ content: {running};" in rule
    assert 'content: "page " counter(page) " of " counter(pages)' in rule
    assert "<b>" not in rule
    head = re.search(r"<title>(.*?)</title>", page).group(1)  # browsers' own running header
    assert "Zoë &quot;Z&quot; O&#x27;Neil &lt;b&gt;" in head and title in head


def test_css_strings_cannot_break_out_of_the_style_sheet() -> None:
    text = css_string('a"b\\c</style>{}\n;d e')
    assert text.startswith('"') and text.endswith('"')
    assert re.fullmatch(r'"[A-Za-z0-9 \\]*"', text)  # quote, brace, < and newline all escaped
    assert text.count(" ") == 1 + 9  # the one real space, and one ending each escape


def test_headings_stay_with_what_follows_and_blocks_stay_whole(individual) -> None:
    css = print_css(individual("tutorial", 1, "expert"))
    assert re.search(r"h1, h2, h3 \{ break-after: avoid;", css)
    assert re.search(r"h2 \+ \*, h3 \+ \* \{ break-before: avoid;", css)
    assert re.search(
        r"figure, figcaption, \.card, \.cards, tr, \.keep \{ break-inside: avoid;", css
    )
    assert ".screen-only { display: none !important; }" in css


def test_the_timeline_prints_as_a_summary_and_stays_whole_on_screen(individual) -> None:
    from kamsim.reports import timeline

    from .conftest import bot_game

    page = individual("standard", 1, "novice")
    seen = text_of(page)
    sim = bot_game("standard", 1, "novice")
    lines = timeline.lines(sim.log, sim.scenario)
    brief = timeline.summary(lines)
    assert len(lines) > 100 and 0 < len(brief.decisions) < len(lines) / 4
    full = page[page.index('<details class="screen-only" open>') :]
    full = full[: full.index("</details>")]
    assert full.count("<tr") == len(lines) + 1  # every line, and the header row
    assert f"{brief.actions} actions of yours ({brief.refused} refused" in " ".join(seen.printed)
    assert "The full timeline, line by line, is in the HTML report (not printed)." in seen.printed
    refused = [ln.text for ln in lines if ln.kind == "refused"]
    assert refused and refused[0] in seen.screen and refused[0] not in seen.printed


@pytest.mark.parametrize("name", ["tutorial", "standard", "advanced"])
def test_printed_values_have_units_names_and_at_most_two_decimals(individual, name) -> None:
    page = individual(name, 1, "novice")
    seen = text_of(page)
    printed = seen.printed + seen.screen
    assert not [t for t in printed if re.search(r"\d\.\d{3,}|\de[+-]\d", t)]
    assert not [t for t in printed if t in RAW_KPIS]  # a cell holding an id
    assert not [t for t in printed if re.search(r"\b[a-z]+_[a-z_]+\b", t)]  # no snake_case ids
    outcomes = page[page.index("<h2>Business outcomes") :]
    outcomes = outcomes[: outcomes.index("</table>")]
    for key in ("sales", "share", "satisfaction"):
        assert f"<td>{kpi_name(key)}</td>" in outcomes
    assert re.search(r'<td class="num">€[\d,]+</td>', outcomes)  # money: currency, whole units
    assert re.search(r'<td class="num">\d+\.\d%</td>', outcomes)  # share as a percentage
    assert re.search(r'<td class="num">\d+\.\d / 10</td>', outcomes)


def test_kpi_words_and_numbers_in_sentences() -> None:
    assert kpi_value("sales", 837067.783) == "€837,068"
    assert kpi_value("sales", -1500.0, "CHF") == "−1,500 CHF"
    assert kpi_value("share", 0.212291) == "21.2%"
    assert kpi_value("roi", 13.124296) == "13.1×"
    assert kpi_value("satisfaction", None) == "—"
    assert kpi_name("roi") == "Return on KAM investment"
    assert kpi_name("some_new_kpi") == "Some new kpi"
    said = tidy_numbers("sales from 1.74e+05: target 261552 within 0.1743–0.231; week 12")
    assert said == "sales from 174,000: target 261,552 within 0.17–0.23; week 12"


def test_each_indicator_prints_its_first_evidence_and_opens_the_rest(individual) -> None:
    from kamsim.reports.individual import EVIDENCE_SHOWN

    page = individual("standard", 1, "expert")
    more = re.findall(r"<ul class=\"ev\">((?:(?!</ul>).)*)</ul><details class=\"more\">"
                      r"<summary>(\d+) more</summary>", page)  # fmt: skip
    assert more and all(shown.count("<li>") == EVIDENCE_SHOWN for shown, _ in more)


def test_cohort_cards_count_and_say_what_they_count(record, db_path, tmp_path) -> None:
    record("tutorial", 1, "novice", "Ana", "two-seeds")
    record("tutorial", 2, "expert", "Ben", "two-seeds")
    record("tutorial", 2, "novice", "Ben", "two-seeds")
    out = tmp_path / "cohort.html"
    assert cli("report", "cohort", "two-seeds", "--html", out, "--db", db_path) == 0
    page = out.read_text(encoding="utf-8")
    found = dict(
        (label, value)
        for value, label in re.findall(r'<div class="card"><b>(.*?)</b><span>(.*?)</span>', page)
    )
    assert found["games"] == "3" and found["participants"] == "2"
    assert found["seeds: 1, 2"] == "2"
    rubric = next(label for label in found if label.startswith("rubric version"))
    assert rubric.startswith("rubric version: ") and found[rubric] == "1"  # one, singular
    assert "(s)" not in page
    assert scenario("tutorial").meta.title in re.search(r"<title>(.*?)</title>", page).group(1)


def _drawn(fig):  # type: ignore[no-untyped-def]
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig


def test_count_axes_tick_in_whole_numbers() -> None:
    fig = _drawn(charts.distribution_figure([12.0, 55.0, 91.0], {"P25": 30, "P50": 55, "P75": 70}))
    ticks = fig.axes[0].get_yticks()
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
    fig = _drawn(charts.tier_split_figure(["A", "B"], [{"key": 1, None: 2}, {"decline": 3}]))
    ticks = fig.axes[0].get_xticks()
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
    fig = _drawn(charts.kpi_lines_figure("sales", [(1, 2.5e6), (2, 2.6e6)], None, currency="EUR"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert all(t.startswith("€") and "e" not in t for t in labels if t)
    assert all(float(t).is_integer() for t in fig.axes[0].get_xticks())


@pytest.mark.parametrize(
    "fig",
    [
        lambda: charts.dimensions_figure({"a": 100.0, "b": 95.0}, {"a": 100.0, "b": 90.0}),
        lambda: charts.competencies_figure(["x", "y"], [4, 4], [4, 4]),
        lambda: charts.kpi_lines_figure("sales", [(1, 5.0), (2, 9.0)], [(1, 5.0), (2, 9.5)]),
        lambda: charts.tier_split_figure(["A"], [{"key": 2, "decline": 1}]),
    ],
    ids=["dimensions", "competencies", "kpi_lines", "tier_split"],
)
def test_legends_sit_outside_the_plot(fig) -> None:
    drawn = _drawn(fig())
    ax = drawn.axes[0]
    legend, plot = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.y0 >= plot.y1 - 1  # above the plotting area: clear of every bar and line


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not (CHROMIUM and shutil.which("pdfinfo")), reason="needs chromium, pdfinfo")
@pytest.mark.parametrize("name", ["tutorial", "advanced"])
def test_the_printed_debrief_fits_in_eight_a4_pages(individual, tmp_path: Path, name) -> None:
    html = tmp_path / "debrief.html"
    html.write_text(individual(name, 1, "novice"), encoding="utf-8")
    pdf = tmp_path / "debrief.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.M)
    assert 1 <= pages <= MAX_PAGES
    assert abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2  # A4
