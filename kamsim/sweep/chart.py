"""A sweep as a chart (PNG) and a page (HTML): each lesson's effect and the expert's separation
along the first parameter, one panel per combination of the others (at most `MAX_PANELS`)."""

from __future__ import annotations

import base64
import html
import io
import itertools
from typing import Any

MAX_PANELS = 6


def _panels(data: dict[str, Any]) -> list[tuple[dict[str, float], list[dict[str, Any]]]]:
    """(the other parameters' values, the points along the first parameter) per panel."""
    params = [p["path"] for p in data["params"]]
    others = params[1:]
    combos = list(itertools.product(*(p["values"] for p in data["params"][1:])))
    out = []
    for combo in combos[:MAX_PANELS]:
        fixed = dict(zip(others, combo, strict=True))
        rows = [r for r in data["points"] if all(r["values"][k] == v for k, v in fixed.items())]
        rows.sort(key=lambda r: r["values"][params[0]])
        out.append((fixed, rows))
    return out


def png_bytes(data: dict[str, Any]) -> bytes:
    """The chart: lesson effects (seed sd) above, the expert's weakest separation below."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    first = data["params"][0]["path"]
    panels = _panels(data)
    fig, axes = plt.subplots(2, len(panels), figsize=(5.5 * len(panels) + 2.5, 7),
                             squeeze=False, sharex="col")  # fmt: skip
    lessons = sorted({lid for r in data["points"] for lid, row in r["lessons"].items()
                      if row["observable"]})  # fmt: skip
    for col, (fixed, rows) in enumerate(panels):
        top, bottom = axes[0][col], axes[1][col]
        xs = [r["values"][first] for r in rows]
        for lid in lessons:
            ys = [r["lessons"][lid]["effect_sd"] if r["lessons"].get(lid, {}).get("observable")
                  else float("nan") for r in rows]  # fmt: skip
            top.plot(xs, ys, marker="o", label=lid)
        top.axhline(data["min_effect"], color="black", linestyle="--", linewidth=1)
        top.set_ylabel("lesson effect (seed sd)")
        title = ", ".join(f"{k} = {v:g}" for k, v in fixed.items())
        top.set_title(title or data["scenario"], fontsize=10)
        sep = [r["separation_min"] if r["separation_min"] is not None else float("nan")
               for r in rows]  # fmt: skip
        bottom.plot(xs, sep, marker="s", color="tab:red", label="expert beats weakest bot")
        bottom.axhline(data["min_separation"], color="black", linestyle="--", linewidth=1)
        bottom.set_ylim(min(0.5, *(s for s in sep if s == s), 1.0) - 0.02, 1.02)
        bottom.set_ylabel("share of seeds")
        bottom.set_xlabel(first)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="center right", fontsize=8, title="lesson")
    fig.subplots_adjust(right=1 - 2.2 / fig.get_figwidth(), hspace=0.15)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()


def page(data: dict[str, Any]) -> str:
    """A self-contained HTML page: the chart, where things tip, and every point's row."""
    e = html.escape
    params = [p["path"] for p in data["params"]]
    chart = base64.b64encode(png_bytes(data)).decode("ascii")
    tips = []
    for lid, changes in data["tipping"]["lessons"].items():
        for c in changes:
            where = f"{e(c['param'])} = {c['from']:g} and {c['to']:g}{_others(c)}"
            tips.append(
                f"<li>lesson <b>{e(lid)}</b> {c['change']} being taught between {where}</li>"
            )
    for c in data["tipping"]["separation"]:
        verb = "drops below" if c["change"] == "stops" else "rises above"
        where = f"{e(c['param'])} = {c['from']:g} and {c['to']:g}{_others(c)}"
        share = f"{data['min_separation']:.0%}"
        tips.append(f"<li>the expert's separation {verb} {share} between {where}</li>")
    head = "".join(f"<th>{e(p)}</th>" for p in params)
    body = []
    for r in data["points"]:
        cells = "".join(f"<td>{r['values'][p]:g}</td>" for p in params)
        sep = "—" if r["separation_min"] is None else f"{r['separation_min']:.1%}"
        weak = e(r["separation_weakest"] or "")
        missing = e(", ".join(r["not_taught"])) or "none"
        body.append(f"<tr>{cells}<td>{r['expert_total']:.1f}</td><td>{sep} ({weak})</td>"
                    f"<td>{missing}</td></tr>")  # fmt: skip
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kamsim sweep: {e(data["scenario"])}</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:80em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #bbb;padding:.25em .6em;
text-align:right}}img{{max-width:100%}}</style></head><body>
<h1>Sensitivity sweep of {e(data["scenario"])}</h1>
<p>{data["games"]:,} games: {data["runs"]} seeds at each of {len(data["points"])} grid points.
A lesson is taught where the expert's world outcome beats its variant's by at least
{data["min_effect"]:g} seed sd and the total score agrees; the expert separates where it beats
every bot in total on at least {data["min_separation"]:.0%} of seeds.</p>
<img alt="lesson effects and separation along {e(params[0])}" src="data:image/png;base64,{chart}">
<h2>Where it tips</h2><ul>{"".join(tips) or "<li>nothing changes over this grid</li>"}</ul>
<h2>Every point</h2>
<table><tr>{head}<th>expert total</th><th>separation (weakest bot)</th>
<th>lessons not taught</th></tr>{"".join(body)}</table></body></html>
"""


def _others(change: dict[str, Any]) -> str:
    if not change["others"]:
        return ""
    return " (with " + ", ".join(f"{html.escape(k)} = {v:g}" for k, v in
                                 change["others"].items()) + ")"  # fmt: skip
