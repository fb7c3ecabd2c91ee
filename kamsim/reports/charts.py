"""Charts for the reports, drawn with matplotlib's Agg canvas and embedded as PNG data URIs.

Figures are built with `matplotlib.figure.Figure` (no pyplot, no global state, no display), so
reports render headless and several can be drawn side by side. Reports are printed, so legends
sit outside the plotting area (never over a bar or a line) and axes that count people or games
tick in whole numbers only.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Callable, Mapping, Sequence
from typing import ParamSpec

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kamsim.reports.units import money_short

P = ParamSpec("P")
DPI = 100
TRAINEE, EXPERT, GREY = "#1f6f8b", "#c98a1b", "#9aa7b4"
LEVEL_COLOURS = ListedColormap(["#d9534f", "#f0ad4e", "#9fcf7a", "#2e8b57"])
TIER_COLOURS = {
    "key": "#1f6f8b",
    "develop": "#5aa9c4",
    "maintain": "#b8d4de",
    "deprioritise": "#e8c07a",
    "decline": "#c0504d",
    None: "#dddddd",
}


def data_uri(fig: Figure) -> str:
    """The figure as a base64 PNG data URI."""
    buffer = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _png(build: Callable[P, Figure]) -> Callable[P, str]:
    """The chart as the data URI a report embeds; `<name>_figure` keeps the Figure (tests look
    at its axes and legend)."""

    @functools.wraps(build)
    def draw(*args: P.args, **kwargs: P.kwargs) -> str:
        return data_uri(build(*args, **kwargs))

    return draw


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _legend_above(ax: Axes, ncol: int = 2, fontsize: float = 8) -> None:
    """The legend in a row above the plot, right-aligned: clear of every bar and line."""
    ax.legend(
        frameon=False,
        fontsize=fontsize,
        ncol=ncol,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        borderaxespad=0.2,
    )


def _counts(axis: object) -> None:
    """Whole-number ticks on an axis that counts (a third of a participant means nothing)."""
    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))  # type: ignore[attr-defined]


def dimensions_figure(trainee: Mapping[str, float], expert: Mapping[str, float] | None) -> Figure:
    """Side-by-side bars of the dimension scores (0–100), trainee against the expert bot."""
    names = list(trainee)
    fig = Figure(figsize=(7, 2.8))
    ax = fig.add_subplot()
    width = 0.38 if expert else 0.6
    xs = range(len(names))
    ax.bar(
        [x - (width / 2 if expert else 0) for x in xs],
        [trainee[n] for n in names],
        width,
        color=TRAINEE,
        label="you",
    )
    if expert:
        ax.bar(
            [x + width / 2 for x in xs],
            [expert.get(n, 0) for n in names],
            width,
            color=EXPERT,
            label="expert bot",
        )
        _legend_above(ax)
    ax.set_xticks(list(xs), [_label(n) for n in names], fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_ylabel("score (0–100)")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def competencies_figure(
    names: Sequence[str], trainee: Sequence[int], expert: Sequence[int] | None
) -> Figure:
    """Horizontal bars of competency levels (1–4), with the expert's level as a marker."""
    fig = Figure(figsize=(7, 0.42 * len(names) + 0.8))
    ax = fig.add_subplot()
    ys = list(range(len(names)))[::-1]
    ax.barh(ys, trainee, color=[LEVEL_COLOURS(level - 1) for level in trainee], height=0.6)
    if expert:
        ax.scatter(expert, ys, marker="D", color=EXPERT, zorder=3, label="expert bot")
        _legend_above(ax)
    ax.set_yticks(ys, names, fontsize=9)
    ax.set_xlim(0, 4.2)
    ax.set_xticks([1, 2, 3, 4])
    ax.set_xlabel("level")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def kpi_lines_figure(
    label: str,
    trainee: Sequence[tuple[int, float]],
    expert: Sequence[tuple[int, float]] | None,
    currency: str | None = None,
) -> Figure:
    """A territory KPI by month, trainee against the expert bot; `currency` for money, whose
    axis then reads €2.6M rather than 2.5e6."""
    fig = Figure(figsize=(7, 2.4))
    ax = fig.add_subplot()
    ax.plot(
        [m for m, _ in trainee], [v for _, v in trainee], color=TRAINEE, marker="o", label="you"
    )
    if expert:
        ax.plot(
            [m for m, _ in expert],
            [v for _, v in expert],
            color=EXPERT,
            marker="s",
            label="expert bot",
        )
    ax.set_xlabel("month")
    ax.set_ylabel(label)
    _counts(ax.xaxis)
    if currency is not None:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: money_short(v, currency)))
    _legend_above(ax)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def distribution_figure(totals: Sequence[float], marks: Mapping[str, float]) -> Figure:
    """Histogram of total scores with percentile lines."""
    fig = Figure(figsize=(7, 2.6))
    ax = fig.add_subplot()
    ax.hist(totals, bins=range(0, 105, 5), color=TRAINEE, edgecolor="white")
    last, row = -100.0, 0
    for name, value in sorted(marks.items(), key=lambda kv: kv[1]):
        ax.axvline(value, color=EXPERT if name == "P50" else GREY, linestyle="--", linewidth=1)
        row = row + 1 if value - last < 8 else 0  # close marks: stagger, never overprint
        last = value
        ax.text(value, 1.02 + 0.09 * row, name, fontsize=7, ha="center", va="bottom",
                transform=ax.get_xaxis_transform())  # fmt: skip
    ax.set_xlim(0, 100)
    ax.set_xlabel("total score")
    ax.set_ylabel("games")
    _counts(ax.yaxis)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def dimension_boxes_figure(values: Mapping[str, Sequence[float]]) -> Figure:
    """A box plot per dimension across the cohort."""
    fig = Figure(figsize=(7, 2.8))
    ax = fig.add_subplot()
    names = list(values)
    ax.boxplot(
        [values[n] for n in names],
        patch_artist=True,
        boxprops={"facecolor": "#cfe3ea"},
        medianprops={"color": TRAINEE},
    )
    ax.set_xticks(range(1, len(names) + 1), [_label(n) for n in names], fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_ylabel("score (0–100)")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def heatmap_figure(
    rows: Sequence[str], columns: Sequence[str], levels: Sequence[Sequence[int]]
) -> Figure:
    """Participants × competencies, coloured by level 1–4 with the level written in."""
    fig = Figure(figsize=(min(2 + 0.9 * len(columns), 11), 0.8 + 0.28 * len(rows)))
    ax = fig.add_subplot()
    ax.imshow(levels, cmap=LEVEL_COLOURS, vmin=0.5, vmax=4.5, aspect="auto")
    for i, row in enumerate(levels):
        for j, level in enumerate(row):
            ax.text(j, i, str(level), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(columns)), columns, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.tick_params(length=0)
    return fig


def tier_split_figure(
    accounts: Sequence[str], counts: Sequence[Mapping[str | None, int]]
) -> Figure:
    """Stacked bars: how many participants put each account in each tier."""
    fig = Figure(figsize=(7, 0.8 + 0.32 * len(accounts)))
    ax = fig.add_subplot()
    ys = list(range(len(accounts)))[::-1]
    left = [0] * len(accounts)
    for tier, colour in TIER_COLOURS.items():
        widths = [c.get(tier, 0) for c in counts]
        if any(widths):
            ax.barh(ys, widths, left=left, color=colour, label=tier or "not tiered", height=0.6)
            left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(ys, accounts, fontsize=8)
    ax.set_xlabel("games")
    _counts(ax.xaxis)
    ax.legend(frameon=False, fontsize=7, ncol=6, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


dimensions = _png(dimensions_figure)
competencies = _png(competencies_figure)
kpi_lines = _png(kpi_lines_figure)
distribution = _png(distribution_figure)
dimension_boxes = _png(dimension_boxes_figure)
heatmap = _png(heatmap_figure)
tier_split = _png(tier_split_figure)
