"""The game's own words for its action kinds, meeting purposes, tiers and KPIs.

One source for every text a person reads (screens, the scoring's evidence, reports), so a
decision reads the same in the game window, in the debrief and on paper. No imports: the
scenario layer (`kamsim.scenario.names`) and the words layer (`kamsim.words`) both use it.
"""

from __future__ import annotations

PURPOSE_WORDS = {"listen": "listen", "discover": "discover", "present_value": "present value",
                 "co_create": "co-create", "promote": "promote"}  # fmt: skip
KIND_WORDS = {
    "desk_research": "desk research",
    "map_pathway": "pathway mapping",
    "map_dmu": "DMU mapping",
    "pathway_mapping": "pathway mapping",
    "dmu_mapping": "DMU mapping",
    "meet": "meeting",
    "set_tier": "tiering",
    "write_plan": "plan writing",
    "agree_plan": "plan agreement",
    "approve_campaign": "campaign approval",
    "hold_campaign": "campaign hold",
    "review_kpis": "KPI review",
    "review_monthly": "monthly KPI review",
}
TIER_NEWS = {  # what the journal says when an account's tier changes
    "key": "{account} is now a key account.",
    "develop": "{account} is now an account to develop.",
    "maintain": "{account} is now an account to maintain.",
    "deprioritise": "{account} is now deprioritised: service only.",
    "decline": "You decline key account management with {account}.",
}
STATUS_WORDS = {"not_listed": "not listed", "restricted": "restricted", "listed": "listed",
                "preferred": "preferred"}  # fmt: skip
KPI_NAMES = {
    "sales": "Sales (month)", "share": "Share (%)", "win_loss": "Win-to-lose ratio",
    "formulary_status": "Formulary step (0–3)", "penetration_index": "Penetration index",
    "revenue_to_profit": "Revenue-to-profit", "satisfaction": "Satisfaction (0–10)",
    "roi": "ROI",
}  # fmt: skip


# KPIs the simulation keeps as a fraction and a person reads (and types) as a percentage: the
# dashboard, the charts, the objectives and the debrief all say "26.1%", never "0.261".
PERCENT_KPIS = frozenset({"share"})


def kpi_amount(kpi: str, value: float) -> str:
    """A KPI's value as a person reads it: a share as a percentage, the rest as numbers."""
    if kpi in PERCENT_KPIS:
        return f"{value * 100:.3g}%"
    return f"{value:.3g}"


def kpi_label(kpi: str) -> str:
    """A KPI's name beside its figure: 'Share' for 'Share (%)' (the figure has its % sign)."""
    return KPI_NAMES.get(kpi, words(kpi)).removesuffix(" (%)")


def words(token: str) -> str:
    """A snake_case word nobody named, in words: 'drug_price' → 'drug price'."""
    return token.replace("_", " ")


def kind_words(kind: str) -> str:
    """An action kind in words ('map_dmu' → 'DMU mapping'); unknown kinds as plain words."""
    return KIND_WORDS.get(kind, words(kind))


def tier_news(tier: str, account: str) -> str:
    """The journal's line for a new tier, in words: never "tier 'decline'"."""
    return TIER_NEWS.get(tier, "{account} is now tiered " + words(tier) + ".").format(
        account=account
    )


def purpose_words(purpose: str) -> str:
    """A meeting purpose in words ('co_create' → 'co-create')."""
    return PURPOSE_WORDS.get(purpose, words(purpose))


def kpi_words(kpi: str) -> str:
    """A KPI's name inside a sentence ('formulary_status' → 'formulary step (0–3)')."""
    if kpi not in KPI_NAMES:
        return words(kpi)
    name = kpi_label(kpi)  # without "(%)": the figure beside it carries its % sign
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]  # 'ROI' stays
