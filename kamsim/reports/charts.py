"""Charts for the reports, drawn with matplotlib's Agg canvas and embedded as PNG data URIs.

Figures are built with `matplotlib.figure.Figure` (no pyplot, no global state, no display), so
reports render headless and several can be drawn side by side.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

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


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def dimensions(trainee: Mapping[str, float], expert: Mapping[str, float] | None) -> str:
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
        ax.legend(frameon=False, fontsize=8)
    ax.set_xticks(list(xs), [_label(n) for n in names], fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_ylabel("score (0–100)")
    ax.spines[["top", "right"]].set_visible(False)
    return data_uri(fig)


def competencies(names: Sequence[str], trainee: Sequence[int], expert: Sequence[int] | None) -> str:
    """Horizontal bars of competency levels (1–4), with the expert's level as a marker."""
    fig = Figure(figsize=(7, 0.42 * len(names) + 0.8))
    ax = fig.add_subplot()
    ys = list(range(len(names)))[::-1]
    ax.barh(ys, trainee, color=[LEVEL_COLOURS(level - 1) for level in trainee], height=0.6)
    if expert:
        ax.scatter(expert, ys, marker="D", color=EXPERT, zorder=3, label="expert bot")
        ax.legend(frameon=False, fontsize=8, loc="lower right", bbox_to_anchor=(1.0, 1.0))
    ax.set_yticks(ys, names, fontsize=9)
    ax.set_xlim(0, 4.2)
    ax.set_xticks([1, 2, 3, 4])
    ax.set_xlabel("level")
    ax.spines[["top", "right"]].set_visible(False)
    return data_uri(fig)


def kpi_lines(
    label: str, trainee: Sequence[tuple[int, float]], expert: Sequence[tuple[int, float]] | None
) -> str:
    """A territory KPI by month, trainee against the expert bot."""
    fig = Figure(figsize=(7, 2.6))
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
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return data_uri(fig)


def distribution(totals: Sequence[float], marks: Mapping[str, float]) -> str:
    """Histogram of total scores with percentile lines."""
    fig = Figure(figsize=(7, 2.6))
    ax = fig.add_subplot()
    ax.hist(totals, bins=range(0, 105, 5), color=TRAINEE, edgecolor="white")
    for name, value in marks.items():
        ax.axvline(value, color=EXPERT if name == "P50" else GREY, linestyle="--", linewidth=1)
        ax.text(value, ax.get_ylim()[1] * 0.95, name, fontsize=7, ha="center", va="top")
    ax.set_xlim(0, 100)
    ax.set_xlabel("total score")
    ax.set_ylabel("participants")
    ax.spines[["top", "right"]].set_visible(False)
    return data_uri(fig)


def dimension_boxes(values: Mapping[str, Sequence[float]]) -> str:
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
    return data_uri(fig)


def heatmap(rows: Sequence[str], columns: Sequence[str], levels: Sequence[Sequence[int]]) -> str:
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
    return data_uri(fig)


def tier_split(accounts: Sequence[str], counts: Sequence[Mapping[str | None, int]]) -> str:
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
    ax.set_xlabel("participants")
    ax.legend(frameon=False, fontsize=7, ncol=6, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return data_uri(fig)
