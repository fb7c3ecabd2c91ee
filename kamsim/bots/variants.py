"""The expert with one practice removed (or one mistake made): the players of a lesson audit.

Each variant is a registered bot (`kamsim run --bot expert-no-dmu`), so a trainer can watch
what a lesson's mistake does in their scenario.
"""

from __future__ import annotations

from kamsim.bots.practices import Practices

GOOD = Practices()

VARIANTS: dict[str, Practices] = {
    "expert-sales-key": GOOD.but(swap_key_for_sales=True),
    "expert-no-decline": GOOD.but(decline=False),
    "expert-no-front-line": GOOD.but(front_line=False),
    "expert-no-pathway": GOOD.but(map_pathway=False),
    "expert-misfit": GOOD.but(fit_plan=False),
    "expert-no-dmu": GOOD.but(map_dmu=False),
    "expert-imposed": GOOD.but(co_create=False),
    "expert-approve-all": GOOD.but(campaigns="approve_all"),
    "expert-hold-all": GOOD.but(campaigns="hold_all"),
    "expert-no-monitoring": GOOD.but(monitor=False),
    "expert-rebates": GOOD.but(rebates=True),
    "expert-promoter": GOOD.but(listen=False),
    "expert-one-champion": GOOD.but(broad_support=False),
}
