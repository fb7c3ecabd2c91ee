"""HTML and CSV reports from bot games on every bundled scenario: standalone, escaped, printable."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kamsim.reports.cohort import cohort_csv, percentiles, splits
from kamsim.reports.individual import percentile_rank

from .conftest import SCENARIO_GAMES, cli

HOSTILE = '<script>alert("x")</script> & Co'
VOID = {"meta", "img", "br", "hr", "input", "link"}


class _Balance(HTMLParser):
    """Every non-void tag closed in order; records what would reach outside the page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "iframe", "object"):
            self.external.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("data:"):
                self.external.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unexpected </{tag}>")


def check_standalone(text: str) -> None:
    parser = _Balance()
    parser.feed(text)
    assert parser.problems == [] and parser.stack == []
    assert parser.external == []
    assert "@media print" in text and "@import" not in text and "url(" not in text
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{500,}"', text)


@pytest.fixture
def recorded(record) -> dict[str, list[int]]:
    """Bot games for every bundled scenario, one cohort per scenario, one hostile name each."""
    runs: dict[str, list[int]] = {}
    for name, games in SCENARIO_GAMES.items():
        runs[name] = [
            record(name, seed, bot, HOSTILE if i == 0 else f"{bot} {seed}", f"cohort-{name}")
            for i, (seed, bot) in enumerate(games)
        ]
    return runs


@pytest.mark.parametrize("name", list(SCENARIO_GAMES))
def test_individual_debrief_for_every_bundled_scenario(name, recorded, db_path, store, tmp_path):
    run = recorded[name][0]
    out = tmp_path / f"{name}.html"
    assert cli("report", "individual", run, "--html", out, "--db", db_path) == 0
    text = out.read_text(encoding="utf-8")
    check_standalone(text)
    assert HOSTILE not in text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    game = store.get(run)
    assert f"{game.total:,.1f}" in text and "Expert bot total" in text
    for comp in game.scorecard["competencies"]:
        assert comp["name"] in text
    for section in (
        "Competencies",
        "Prioritisation",
        "Evidence behind every score",
        "Business outcomes",
        "Decision timeline",
    ):
        assert f"<h2>{section}" in text


@pytest.mark.parametrize("name", list(SCENARIO_GAMES))
def test_cohort_report_for_every_bundled_scenario(name, recorded, db_path, store, tmp_path):
    html_out, csv_out = tmp_path / "cohort.html", tmp_path / "cohort.csv"
    cohort = f"cohort-{name}"
    assert (
        cli("report", "cohort", cohort, "--html", html_out, "--csv", csv_out, "--db", db_path) == 0
    )
    text = html_out.read_text(encoding="utf-8")
    check_standalone(text)
    assert HOSTILE not in text
    for section in (
        "Score distribution",
        "Competencies across the cohort",
        "Where the cohort split",
    ):
        assert f"<h2>{section}" in text
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8"))))
    stored = store.games(cohort)
    assert [int(r["run"]) for r in rows] == [g.id for g in stored]
    assert [float(r["total"]) for r in rows] == [g.total for g in stored]


def test_the_split_table_counts_what_each_participant_chose(recorded, store) -> None:
    cohort = store.games("cohort-tutorial")
    cuts = splits(cohort)
    for account, state in cohort[0].outcome["tiers"].items():
        name = next(a.name for a in _tutorial().accounts if a.id == account)
        tier_cut = next(s for s in cuts if s.topic == "tier" and s.subject == name)
        chose = {label for labels in tier_cut.choices.values() for label in labels}
        assert chose == {g.label for g in cohort}
        assert cohort[0].label in tier_cut.choices[state or "not tiered"]
        assert tier_cut.reference in ("key", "develop", "maintain", "deprioritise", "decline")
    spreads = [s.spread for s in cuts]
    assert spreads == sorted(spreads, reverse=True)


def _tutorial():
    from .conftest import scenario

    return scenario("tutorial")


def test_csv_defuses_formulas_typed_as_names(record, store) -> None:
    record("tutorial", 1, "novice", '=HYPERLINK("http://x")', "c1")
    text = cohort_csv(store.games("c1"))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["participant"].startswith("'=")


def test_cohort_report_refuses_an_unknown_cohort_or_no_output(db_path, record, capsys) -> None:
    record("tutorial", 1, "novice", "Ana", "c1")
    assert cli("report", "cohort", "nobody", "--html", "x.html", "--db", db_path) == 1
    assert "no stored games in cohort 'nobody'" in capsys.readouterr().err
    assert cli("report", "cohort", "c1", "--db", db_path) == 2


def test_mixed_worlds_are_flagged_as_unfair(record, db_path, tmp_path) -> None:
    record("tutorial", 1, "novice", "Ana", "mixed")
    record("tutorial", 2, "novice", "Ben", "mixed")
    out = tmp_path / "mixed.html"
    assert cli("report", "cohort", "mixed", "--html", out, "--db", db_path) == 0
    assert "not all played on the same world" in out.read_text(encoding="utf-8")


def test_percentiles_and_ranks() -> None:
    stats = percentiles([10.0, 20.0, 30.0, 40.0, 50.0])
    assert stats["P50"] == 30.0 and stats["P10"] == 14.0 and stats["mean"] == 30.0
    assert percentile_rank(30.0, (10.0, 20.0, 30.0, 40.0)) == 62.5
    assert percentile_rank(5.0, ()) == 100.0


def test_individual_report_without_expert(recorded, db_path, tmp_path) -> None:
    out = tmp_path / "plain.html"
    run = recorded["tutorial"][1]
    assert cli("report", "individual", run, "--html", out, "--no-expert", "--db", db_path) == 0
    text = out.read_text(encoding="utf-8")
    check_standalone(text)
    assert "Expert bot total" not in text


def test_reports_land_where_asked(recorded, db_path, tmp_path) -> None:
    target = Path(tmp_path / "deep")
    target.mkdir()
    assert (
        cli(
            "report",
            "individual",
            recorded["tutorial"][0],
            "--html",
            target / "a.html",
            "--no-expert",
            "--db",
            db_path,
        )
        == 0
    )
    assert [p.name for p in target.iterdir()] == ["a.html"]


def test_csv_names_the_parallel_form_each_game_was_played_in(record, store) -> None:
    from kamsim.sim import Simulation

    from .conftest import scenario

    standard = scenario("standard")
    seeds = {Simulation(standard, s).form.form: s for s in range(1, 30)}
    for _form, seed in sorted(seeds.items())[:2]:
        record("standard", seed, "novice", f"p{seed}", "forms")
    rows = list(csv.DictReader(io.StringIO(cohort_csv(store.games("forms")))))
    assert {r["form"] for r in rows} == set(sorted(seeds)[:2])
