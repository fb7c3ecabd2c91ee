"""The practices of good KAM, as switches on the expert: what a lesson audit removes one at a time.

The expert plays with every practice on. Each lesson of the audit (`kamsim.audit`) turns one
off, or makes the mistake the lesson warns against, and plays the same seeds: the paired
difference in the world's outcome is what that practice is worth.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Literal

CampaignRule = Literal["judge", "approve_all", "hold_all"]


@dataclass(frozen=True)
class Practices:
    """What the expert does; the defaults are good KAM."""

    swap_key_for_sales: bool = False  # make the biggest misaligned account key (lesson 1)
    decline: bool = True  # decline the misaligned accounts (lesson 2)
    front_line: bool = True  # meet front-line staff (lesson 3)
    map_pathway: bool = True  # map key accounts' patient pathways (lesson 4)
    fit_plan: bool = True  # choose projects for the needs found (lesson 5)
    map_dmu: bool = True  # map the DMU and meet hidden members (lesson 6)
    co_create: bool = True  # co-create, and agree with the whole DMU at the table (lesson 7)
    campaigns: CampaignRule = "judge"  # judge each brand campaign (lesson 8)
    monitor: bool = True  # review KPIs monthly and update the plan (lesson 9)
    rebates: bool = False  # a price rebate at every account (lesson 10)
    listen: bool = True  # listen and discover rather than promote (lesson 11)
    broad_support: bool = True  # build the plan with several people, not one champion

    def changed(self) -> dict[str, object]:
        """The practices that differ from good KAM."""
        good = Practices()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(good, f.name)
        }

    def but(self, **changes: object) -> Practices:
        return replace(self, **changes)  # type: ignore[arg-type]
