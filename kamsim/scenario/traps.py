"""The teaching traps every form of a case must keep, checked form by form by the lint.

A parallel form may move the traps between accounts, but it must not lose one: each form
needs an account to decline, a big seller that is misaligned, a fact only front-line staff
hold about an account worth keying, and a fact whose sources disagree. Otherwise one form
teaches less than the others and the forms are not comparable.
"""

from __future__ import annotations

from collections.abc import Iterator

from kamsim.scenario.base import Tier
from kamsim.scenario.knowledge import Method
from kamsim.scenario.model import Scenario
from kamsim.sums import ordered_sum

LOW = 2  # a criterion score at or below this counts as misaligned / closed
TOP_SALES = 1 / 3  # "a big seller": in the top third of the territory by sales


def check_traps(sc: Scenario) -> Iterator:
    from kamsim.scenario.lint import Finding
    from kamsim.scoring.truth import expected_tiers  # the truth the scoring uses

    truth = expected_tiers(sc)
    if not any(t.tier is Tier.DECLINE for t in truth.values()):
        yield Finding(("accounts",), "no account should be declined: the courage to decline "
                      "cannot be shown", "warning", per_form=True)  # fmt: skip
    ranked = sorted(sc.accounts, key=lambda a: -ordered_sum(a.hard_data.sales_history[-12:]))
    big = ranked[: max(1, round(len(ranked) * TOP_SALES))]
    if not any(
        truth[a.id].tier is not Tier.KEY
        and min(a.truth.criteria.get("alignment", 3), a.truth.criteria.get("partnership", 3)) <= LOW
        for a in big
    ):
        yield Finding(("accounts",), "no big seller is misaligned: sales and attractiveness "
                      "agree, so prioritising by sales is not a mistake", "warning",
                      per_form=True)  # fmt: skip
    keyish = {a for a, t in truth.items() if t.tier in (Tier.KEY, Tier.DEVELOP)}
    front = {s.id for a in sc.accounts for s in a.stakeholders if s.front_line}
    if not any(
        f.account in keyish and all(
            s.via is Method.MEETING and s.stakeholder in front for s in f.sources)
        for f in sc.facts
    ):  # fmt: skip
        yield Finding(("facts",), "no fact about an account worth keying is held only by "
                      "front-line staff (front_line: true)", "warning", per_form=True)  # fmt: skip
    if not any(f.misleading is not None for f in sc.facts):
        yield Finding(("facts",), "no fact has a misleading version: no sources disagree",
                      "warning", per_form=True)  # fmt: skip
