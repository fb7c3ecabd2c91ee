"""`kamsim debrief SAVE`: scores, levels, evidence, the timeline and the expert's "what if"."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kamsim.commands._args import add_save_source

ORDER = 25


def register_debrief(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("debrief", help="scores with evidence, timeline and the expert's what-if")
    add_save_source(p)
    p.set_defaults(handler=cmd_debrief)


def cmd_debrief(args: argparse.Namespace) -> int:
    from kamsim.commands._games import open_save
    from kamsim.reports.whatif import debrief, debrief_dict

    data = debrief_dict(debrief(open_save(args.save, args.scenario)))
    if args.json:
        print(json.dumps(data, indent=2, sort_keys=True, allow_nan=False))
    else:
        print(render(data))
    return 0


def render(d: dict[str, Any]) -> str:
    """The debrief as text a trainee reads top to bottom."""
    s, w = d["scores"], d["what_if"]
    out = [f"{d['scenario']} (seed {d['seed']}): {s['total']:.1f}/100 — "
           f"the expert scored {w['expert']['total']:.1f} on the same world", ""]  # fmt: skip
    for dim, pair in w["dimensions"].items():
        label = dim.replace("_", " ")
        out.append(f"  {label:15s} you {pair['you']:5.1f}   expert {pair['expert']:5.1f}")
    out += ["", "Competencies (level 1–4):"]
    for c in s["competencies"]:
        out.append(f"  {c['level']}  {c['name']}: {c['anchor']}")
    out += ["", "Where the expert did better, and why:"]
    for g in w["shortfalls"]:
        out.append(f"  - {g['label']} ({g['dimension']}): you {g['yours']}; "
                   f"expert {g['theirs']}. {g['advice']}")  # fmt: skip
    if w["tiers"]:
        out += ["", "Tiers that differ (you / expert / what the truth says):"]
        out += [f"  {t.get('name', t['account'])}: {t['you']} / {t['expert']} / {t['expected']}"
                for t in w["tiers"]]  # fmt: skip
    if w["decisions"]:
        out += ["", "Decisions that went differently (you / expert):"]
        out += [f"  week {x['week']} {x.get('title', x['event'])} at "
                f"{x.get('name', x['account'])}: {x['you']} / {x['expert']}"
                for x in w["decisions"]]  # fmt: skip
    out += ["", "Evidence (credits with the log entries behind them):"]
    for ind in s["indicators"]:
        if ind["value"] > 0:
            where = "; ".join(f"week {e['week']}: {e['what']}" for e in ind["evidence"][:3])
            out.append(f"  {ind['value']:.2f} {ind['label']} — {ind['comment']} [{where}]")
    out += ["", "Timeline:"]
    out += [f"  week {t['week']:2d} {t['who']:7s} {t['text']}" for t in d["timeline"]]
    return "\n".join(out)


REGISTER = [register_debrief]
