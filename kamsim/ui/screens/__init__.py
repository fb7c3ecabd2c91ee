"""One module per screen; `registry()` maps screen names (saves, screenshots) to classes."""

from __future__ import annotations

from typing import Any


def registry() -> dict[str, Any]:
    """Screen name → class; imported lazily so each screen module stays independent."""
    from kamsim.ui.screens import (
        account,
        briefing,
        calendar,
        dashboard,
        debrief,
        inbox,
        kpis,
        meeting,
        planning,
        portfolio,
        title,
    )

    screens = [
        title.TitleScreen, briefing.BriefingScreen, dashboard.DashboardScreen,
        account.AccountScreen, meeting.MeetingScreen, planning.PlanningScreen,
        inbox.InboxScreen, calendar.CalendarScreen, kpis.KpiScreen, debrief.DebriefScreen,
        portfolio.PortfolioScreen,
    ]  # fmt: skip
    return {s.name: s for s in screens}
