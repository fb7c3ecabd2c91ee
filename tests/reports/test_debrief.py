"""`kamsim debrief SAVE`: scores with evidence, the timeline and the expert's what-if."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamsim.bots import play
from kamsim.cli import main
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
NOVICE = ROOT / "examples" / "tutorial-novice.yaml"


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("debrief") / "game.json"
    assert main(["run", "tutorial", "--seed", "4", "--playbook", str(NOVICE),
                 "--save", str(path)]) == 0  # fmt: skip
    return path


def test_json_debrief_has_scores_timeline_and_what_if(save: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["debrief", str(save), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"scenario", "seed", "digest", "scores", "timeline", "what_if"} <= set(data)
    what_if = data["what_if"]
    expert = play(load_scenario(resolve("tutorial")), 4, "expert")
    assert what_if["expert"]["digest"] == expert.digest()  # the same world, the expert's play
    assert what_if["expert"]["total"] > data["scores"]["total"]
    assert {t["account"] for t in what_if["tiers"]} >= {"harbourside", "millbrook"}
    assert all(t["expected"] for t in what_if["tiers"])
    assert what_if["shortfalls"] and all(s["advice"] for s in what_if["shortfalls"])
    # Harbourside made key is bid for in its price tender; the expert declined it: no bid.
    tender = next(d for d in what_if["decisions"] if d["account"] == "harbourside")
    assert tender["expert"] == "no bid (KAM declined)" and tender["you"] != tender["expert"]
    assert data["timeline"][0] == {
        "week": 1,
        "who": "you",
        "text": "Tiered Harbourside University Hospital as key",
    }


def test_text_debrief_reads_top_to_bottom(save: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["debrief", str(save)]) == 0
    out = capsys.readouterr().out
    for heading in ("Competencies (level 1–4):", "Where the expert did better, and why:",
                    "Tiers that differ", "Evidence (credits", "Timeline:"):  # fmt: skip
        assert heading in out
    assert "the expert scored" in out.splitlines()[0]
    # names, not ids: the tiers and decisions that differ say whom and what
    assert "  Harbourside University Hospital: key / decline / decline" in out
    assert "  harbourside:" not in out and " at harbourside" not in out
    assert "Harbourside tenders its biologic contract at Harbourside University Hospital" in out
    assert "plan quality" in out and "plan_quality" not in out


def test_overload_is_logged_and_costs_customer_centricity(save: Path, capsys) -> None:
    capsys.readouterr()
    main(["debrief", str(save), "--json"])
    card = json.loads(capsys.readouterr().out)["scores"]
    overload = next(i for i in card["indicators"] if i["id"] == "no_overload")
    assert overload["value"] < 1
    assert any("overloaded" in e["what"] for e in overload["evidence"])


def test_a_broken_save_is_a_message(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    assert main(["debrief", str(bad)]) == 1
    assert "not a kamsim save file" in capsys.readouterr().err


def test_a_tender_not_bid_for_reads_as_no_bid_in_the_timeline() -> None:
    from kamsim.reports.timeline import lines

    scenario = load_scenario(resolve("tutorial"))
    texts = [line.text for line in lines(play(scenario, 1, "expert").log, scenario)]
    assert any(t.endswith("no bid at Harbourside University Hospital (KAM declined)")
               for t in texts)  # fmt: skip
    assert not any("tenders its biologic contract: lost" in t for t in texts)
