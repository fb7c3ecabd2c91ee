"""A share reads and is typed as a percentage everywhere a person meets it, and a SWOT line
that says what its fact says takes no typing (both measured in the autoplay's input count)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kamsim.ui.app import App
from kamsim.ui.controller import GameController
from kamsim.ui.plan_draft import format_target, parse_target, show_target
from kamsim.ui.screens import kpis
from kamsim.vocabulary import kpi_amount, kpi_words
from tests.ui.conftest import click, frames, type_text


@given(st.floats(min_value=0.0, max_value=1.0, allow_nan=False))
def test_a_share_typed_as_its_percentage_reads_back_as_the_same_float(value: float) -> None:
    assert parse_target("share", format_target("share", value)) == value


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_other_targets_read_back_as_typed(value: float) -> None:
    assert parse_target("sales", format_target("sales", value)) == value


def test_percent_entry_and_words() -> None:
    assert parse_target("share", "35") == 0.35
    assert parse_target("share", "26,1 %") == 0.261
    assert parse_target("share", "lots") is None
    assert parse_target("share", "nan") is None
    assert parse_target("roi", "3.5") == 3.5
    assert show_target("share", 0.35) == "35%"
    assert show_target("roi", 3.5) == "3.5"
    assert kpi_amount("share", 0.2612) == "26.1%"
    assert kpi_words("share") == "share"


def test_the_share_chart_is_in_percent() -> None:
    records = [{"week": 4, "share": 0.25}, {"week": 8, "share": 0.26}]
    assert kpis._points(records, "share") == ((4, 25.0), (8, 26.0))
    assert kpis._points(records, "sales") == ()
    assert dict(kpis.CHARTS)["share"].endswith("(%)")


def _board(app: App, game: GameController) -> str:
    game.submit({"kind": "desk_research", "account": "millbrook"})
    app.push("planning", account="millbrook")
    frames(app)
    return next(f for f in game.view.facts if f.account == "millbrook").id


def test_a_share_objective_is_typed_as_a_percentage(app: App, game: GameController) -> None:
    _board(app, game)
    click(app, "step_5")
    click(app, "kpi_share")
    click(app, "entry_target")
    type_text(app, "35")
    click(app, "entry_by_week")
    type_text(app, "20")
    click(app, "objective_add")
    assert app.screen.draft.objectives == [{"kpi": "share", "target": 0.35, "by_week": 20}]


def test_citing_a_fact_on_an_empty_line_writes_its_title(app: App, game: GameController) -> None:
    fact = _board(app, game)
    title = next(f.title for f in game.view.facts if f.id == fact)
    click(app, "step_4")
    click(app, "swot_kind_weakness")
    click(app, f"fact_{fact}")
    assert app.screen.entries["swot_text"].get_text() == title
    click(app, "swot_add")
    assert app.screen.draft.swot == [{"kind": "weakness", "text": title, "facts": [fact]}]


def test_a_typed_line_is_kept_when_a_fact_is_cited(app: App, game: GameController) -> None:
    fact = _board(app, game)
    click(app, "step_4")
    click(app, "entry_swot_text")
    type_text(app, "Our own words")
    click(app, f"fact_{fact}")
    assert app.screen.entries["swot_text"].get_text() == "Our own words"


def test_a_fact_becomes_a_line_of_its_own_in_one_click(app: App, game: GameController) -> None:
    fact = _board(app, game)
    title = next(f.title for f in game.view.facts if f.id == fact)
    click(app, "step_4")
    click(app, "entry_swot_text")
    type_text(app, "Being composed")  # a line in the making is left as it is
    click(app, f"quick_threat_{fact}")
    assert app.screen.draft.swot == [{"kind": "threat", "text": title, "facts": [fact]}]
    assert app.screen.entries["swot_text"].get_text() == "Being composed"
    tip = app.screen.buttons[f"quick_weakness_{fact}"].tool_tip_text
    assert tip.startswith("Add a weakness line") and title in tip
