"""What bots remember between decisions is only speed: it always equals reading afresh.

The expert keeps its reading of the evidence, its tiers, the questions it would put to each
person and each account's latest KPI week while the view parts they were read from are the
same objects; the sales bots keep their ranking by sales. Whole games check, at every
decision, that each kept answer equals the one computed from the view with nothing kept.
"""

from __future__ import annotations

import pytest

from kamsim.bots import base as bots_base
from kamsim.bots import expert as expert_module
from kamsim.bots import play
from kamsim.bots.base import yearly_sales
from kamsim.bots.evidence import AccountEvidence, read_all
from kamsim.bots.expert import ExpertBot
from kamsim.bots.naive import NoviceBot
from kamsim.bots.practices import Practices
from kamsim.bots.questions import Heard, pick_questions
from kamsim.scenario.catalog import resolve
from kamsim.scenario.load import load_scenario
from kamsim.sim.view import AccountView, PersonView, View


class CheckedExpert(ExpertBot):
    """The expert, checking each kept answer against a fresh one before using it."""

    checks = 0

    def evidence(self, view: View) -> dict[str, AccountEvidence]:
        kept = super().evidence(view)
        assert kept == read_all(view)
        self.checks += 1
        return kept

    def heard(self, view: View) -> Heard:
        kept = super().heard(view)
        fresh = Heard(view)
        assert (kept.useful, kept.told) == (fresh.useful, fresh.told)
        return kept

    def tiers(self, view: View, ev: dict[str, AccountEvidence], final: bool) -> dict[str, str]:
        kept = super().tiers(view, ev, final)
        assert kept == self._tiers(view, ev, final)
        return kept

    def questions(
        self, view: View, acc: AccountView, person: PersonView, ev: AccountEvidence, heard: Heard
    ) -> tuple[str, ...]:
        kept = super().questions(view, acc, person, ev, heard)
        asked = self.asked.get((acc.id, person.id), {})
        assert kept == pick_questions(view, acc, person, ev, asked, Heard(view))
        return kept

    def latest_kpi_week(self, view: View, account: str) -> int:
        kept = super().latest_kpi_week(view, account)
        assert kept == expert_module._latest_kpi_week(view, account)
        return kept


@pytest.mark.interpreted_only  # CheckedExpert subclasses ExpertBot
@pytest.mark.parametrize(
    ("scenario", "practices", "seed"),
    [("standard", Practices(), 1), ("advanced", Practices(swap_key_for_sales=True), 2),
     ("advanced", Practices(map_dmu=False, front_line=False), 1)],
)  # fmt: skip
def test_expert_caches_equal_fresh_readings(scenario: str, practices: Practices, seed: int) -> None:
    bot = CheckedExpert(seed, practices, "checked")
    sim = play(load_scenario(resolve(scenario)), seed, bot)
    assert sim.finished and bot.checks > sim.scenario.meta.duration_weeks


@pytest.mark.interpreted_only  # counts calls by patching
def test_sales_ranking_equals_a_fresh_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    kept_by_sales = bots_base.by_sales
    checked = 0

    def by_sales(accounts: list[AccountView]) -> list[AccountView]:
        nonlocal checked
        kept = kept_by_sales(accounts)
        assert kept == sorted(accounts, key=lambda a: (-yearly_sales(a), a.id))
        checked += 1
        return kept

    monkeypatch.setattr("kamsim.bots.naive.by_sales", by_sales)
    play(load_scenario(resolve("standard")), 2, NoviceBot(2))
    assert checked > 52
