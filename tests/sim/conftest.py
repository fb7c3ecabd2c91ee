"""A small, complete scenario for the simulation's tests (independent of bundled files).

Riverside (total value, capacity blockage the nurse knows about, a hidden pharmacist),
Northfield (a champion who leaves before the committee) and Eastgate (a price-driven payer that
a good KAM declines).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kamsim.scenario.model import Scenario


def _person(pid: str, role: str, influence: float, attitude: float, **extra: Any) -> dict:
    return {
        "id": pid,
        "name": pid.replace("_", " ").title(),
        "role": role,
        "influence": influence,
        "attitude": attitude,
        **extra,
    }


def _hard(value: float, share: float, status: str, trend: str = "flat") -> dict:
    monthly = share * value * 4 / 52
    return {
        "market_value": value,
        "our_share": share,
        "competitor_shares": {"rivalix": 0.4},
        "sales_history": [monthly] * 6,
        "treated_patients": 200,
        "formulary": {"curo": status},
        "trend": trend,
    }


RIVERSIDE = {
    "id": "riverside",
    "name": "Riverside Teaching Hospital",
    "kind": "teaching_hospital",
    "region": "North",
    "description": "A big teaching hospital.",
    "committee": "D&T committee",
    "hard_data": _hard(2_000_000, 0.15, "restricted", "rising"),
    "truth": {
        "criteria": {
            "innovation": 5,
            "implementation": 4,
            "alignment": 5,
            "partnership": 4,
            "value": 4,
        },
        "segment": "total_value",
        "primary_needs": ["process_improvement", "patient_experience"],
        "secondary_needs": ["employee_capability"],
        "stated_goals": ["Two-week waits."],
        "real_goals": ["Sixteen-week waits to fix."],
        "pathway": [
            {"id": "referral", "name": "Referral"},
            {
                "id": "infusion",
                "name": "Infusion",
                "blockage": {
                    "id": "chairs",
                    "text": "Six infusion chairs for forty patients.",
                    "capacity_cap": 0.6,
                    "resolved_by": ["process_improvement"],
                },
            },
        ],
        "potential_growth": 0.2,
    },
    "stakeholders": [
        _person(
            "director",
            "Clinical Director",
            0.4,
            0.1,
            committee_vote=True,
            interests=["reputation"],
            links=[{"to": "pharmacist", "strength": 0.5}],
            promo_tolerance=1.0,
            availability=1.0,
        ),
        _person(
            "nurse",
            "Infusion Nurse",
            0.2,
            0.3,
            interests=["patient_experience", "process_improvement"],
            links=[{"to": "director", "strength": 0.3}],
            availability=1.0,
        ),
        _person(
            "pharmacist",
            "Head of Pharmacy",
            0.4,
            -0.1,
            committee_vote=True,
            interests=["drug_cost", "process_improvement"],
            visible=False,
            availability=1.0,
            links=[{"to": "nurse", "strength": 0.4}],
        ),
    ],
}

NORTHFIELD = {
    "id": "northfield",
    "name": "Northfield District Hospital",
    "kind": "district_hospital",
    "region": "East",
    "description": "A district hospital.",
    "hard_data": _hard(900_000, 0.2, "restricted"),
    "truth": {
        "criteria": {
            "innovation": 3,
            "implementation": 3,
            "alignment": 3,
            "partnership": 3,
            "value": 2,
        },
        "segment": "healthcare_costs",
        "primary_needs": ["healthcare_cost"],
        "stated_goals": ["Balance the budget."],
        "real_goals": ["Cut admissions."],
    },
    "stakeholders": [
        _person(
            "champ",
            "Chief of Medicine",
            0.6,
            0.8,
            committee_vote=True,
            champion=True,
            availability=1.0,
        ),
        _person("sceptic", "Finance Director", 0.4, -0.3, committee_vote=True),
    ],
}

EASTGATE = {
    "id": "eastgate",
    "name": "Eastgate Health Insurance",
    "kind": "regional_payer",
    "region": "South",
    "description": "A price-driven payer.",
    "hard_data": _hard(3_000_000, 0.1, "listed", "falling"),
    "truth": {
        "criteria": {
            "innovation": 1,
            "implementation": 2,
            "alignment": 1,
            "partnership": 1,
            "value": 3,
        },
        "segment": "drug_price",
        "primary_needs": ["drug_cost"],
        "stated_goals": ["Value-based care."],
        "real_goals": ["Lowest price wins."],
    },
    "stakeholders": [
        _person("buyer", "Head of Procurement", 1.0, -0.2, committee_vote=True),
    ],
}

FACTS = [
    {
        "id": "rs_capacity",
        "account": "riverside",
        "title": "Infusion capacity",
        "text": "Patients wait sixteen weeks for an infusion chair.",
        "implies": {
            "needs": ["process_improvement"],
            "blockage": "chairs",
            "segment": "total_value",
            "swot": "opportunity",
        },
        "misleading": {
            "text": "Waits are within two weeks.",
            "implies": {"needs": ["treatment_quality"]},
        },
        "sources": [
            {"via": "meeting", "stakeholder": "nurse", "question": "q_waits", "reliability": 0.95},
            {
                "via": "meeting",
                "stakeholder": "director",
                "question": "q_waits",
                "reliability": 0.1,
            },
        ],
    },
    {
        "id": "rs_strategy",
        "account": "riverside",
        "title": "Strategy",
        "text": "The board wants to be the region's innovation leader.",
        "implies": {"criteria": {"innovation": 5}},
        "sources": [{"via": "desk_research"}],
    },
    {
        "id": "rs_pharmacy",
        "account": "riverside",
        "title": "Pharmacy decides",
        "text": "The head of pharmacy holds the committee's pen.",
        "sources": [{"via": "dmu_mapping"}],
    },
    {
        "id": "rs_trusted",
        "account": "riverside",
        "title": "Budget worries",
        "text": "Pharmacy is over budget.",
        "sources": [
            {
                "via": "meeting",
                "stakeholder": "director",
                "question": "q_budget",
                "min_relationship": 0.5,
            }
        ],
    },
    {
        "id": "eg_price",
        "account": "eastgate",
        "title": "Price only",
        "text": "Only the cheapest brand gets listed.",
        "implies": {"segment": "drug_price"},
        "sources": [{"via": "desk_research"}, {"via": "pathway_mapping", "reliability": 0.5}],
    },
]

PROJECTS = [
    {
        "id": "flow_redesign",
        "name": "Infusion flow redesign",
        "description": "Lean redesign.",
        "cost": 20000,
        "duration_weeks": 6,
        "serves": ["process_improvement", "patient_experience"],
        "colleagues": {"msl": 2},
        "segment_fit": {"total_value": 0.8, "drug_price": -0.3},
        "evidence": 0.5,
    },
    {
        "id": "rebate",
        "name": "Rebate",
        "description": "A price rebate.",
        "cost": 20000,
        "duration_weeks": 2,
        "serves": ["drug_cost"],
        "segment_fit": {"drug_price": 0.9, "total_value": -0.6},
    },
    {
        "id": "bim",
        "name": "Budget impact model",
        "description": "Health economics.",
        "cost": 10000,
        "duration_weeks": 4,
        "serves": ["healthcare_cost"],
        "colleagues": {"heor": 3},
        "segment_fit": {"healthcare_costs": 0.8},
        "evidence": 0.6,
    },
]

EVENTS = [
    {
        "id": "nf_leaves",
        "kind": "stakeholder_leaves",
        "title": "Champion leaves",
        "news": "The chief of medicine moves abroad.",
        "week": 20,
        "account": "northfield",
        "known_in_advance": False,
        "effects": {
            "leaves": "champ",
            "replacement": _person("newchief", "Chief of Medicine", 0.6, -0.2, committee_vote=True),
        },
    },
    {
        "id": "nf_committee",
        "kind": "committee_meeting",
        "title": "Northfield committee",
        "news": "Northfield reviews Curo.",
        "week": 24,
        "account": "northfield",
        "product": "curo",
    },
    {
        "id": "rs_committee",
        "kind": "committee_meeting",
        "title": "Riverside committee",
        "news": "Riverside reviews Curo.",
        "week": 30,
        "account": "riverside",
        "product": "curo",
    },
    {
        "id": "eg_launch",
        "kind": "competitor_launch",
        "title": "Rivalix generic",
        "news": "A cheap competitor arrives.",
        "rate_per_year": 3,
        "window": [10, 40],
        "account": "eastgate",
        "effects": {"target_share": -0.04},
    },
    {
        "id": "eg_tender",
        "kind": "tender",
        "title": "Eastgate tender",
        "news": "Tender.",
        "week": 36,
        "account": "eastgate",
        "product": "curo",
    },
]

SCENARIO: dict[str, Any] = {
    "meta": {
        "id": "simtest",
        "title": "Simulation test territory",
        "version": "1",
        "therapy_area": "oncology",
        "duration_weeks": 52,
        "difficulty": "standard",
        "learning_objectives": ["Test the world."],
        "briefing": "A test briefing.",
    },
    "company": {
        "products": [
            {"id": "curo", "name": "Curo", "indication": "Cancer", "annual_cost_per_patient": 20000}
        ],
        "field_days_per_week": 4,
        "budget": 45000,
        "max_key_accounts": 1,
        "colleagues": [
            {"id": "msl", "name": "Dr MSL", "role": "msl", "days_per_month": 4},
            {"id": "heor", "name": "HE Expert", "role": "health_economics", "days_per_month": 3},
        ],
        "brand_campaigns": [
            {
                "id": "camp",
                "title": "Spring wave",
                "product": "curo",
                "week": 6,
                "channel": "detailing",
                "pitch": "More calls.",
                "fatigue": 1.5,
            }
        ],
    },
    "questions": [
        {"id": "q_waits", "text": "How long do patients wait?"},
        {"id": "q_budget", "text": "How is the budget?"},
    ],
    "accounts": [RIVERSIDE, NORTHFIELD, EASTGATE],
    "facts": FACTS,
    "projects": PROJECTS,
    "reactions": [
        {
            "id": "director_promo",
            "when": {
                "action": "meet",
                "account": "riverside",
                "stakeholder": "director",
                "purpose": "promote",
            },
            "message": "The director sighs at another brochure.",
            "effects": {"stakeholder": "director", "attitude": -0.02},
            "once": False,
        }
    ],
    "events": EVENTS,
}


def agreeable(data: dict[str, Any]) -> None:
    """An edit: customers agree to any plan put to anyone (for tests about other rules)."""
    data.setdefault("dynamics", {})["consent"] = {
        "yes_at": -9.0,
        "no_below": -10.0,
        "quorum": 0.0,
        "veto_influence": 1.0,
    }


def make_scenario(edit: Any = None) -> Scenario:
    """The test scenario, optionally edited first (edit(data) changes a deep copy)."""
    data = copy.deepcopy(SCENARIO)
    if edit is not None:
        edit(data)
    return Scenario.model_validate(data)


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return make_scenario()
