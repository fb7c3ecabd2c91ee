"""The lesson audit: does a scenario's world pay for each KAM practice?

from kamsim.audit import audit
report = audit(scenario, runs=200, workers=2)
[row["teaches"] for row in report.to_dict()["lessons"]]
"""

from kamsim.audit.lessons import LESSONS, Lesson
from kamsim.audit.run import Audit, audit

__all__ = ["LESSONS", "Audit", "Lesson", "audit"]
