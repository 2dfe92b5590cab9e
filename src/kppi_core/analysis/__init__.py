"""Analyses over a registry: trainings, follow-ups, the trained → elected funnel.

Each returns a :class:`Report` (facts and tables) that :func:`render` turns
into text, JSON, CSV or Markdown. Reports carry person ids and printed names,
never a NIK, a birth date or a contact detail.
"""

from kppi_core.analysis._report import FORMATS, Report, Table, render
from kppi_core.analysis.follow_ups import follow_up_report, outreach_report, status
from kppi_core.analysis.funnel import Funnel, funnel, funnel_report
from kppi_core.analysis.training import training_report

__all__ = [
    "FORMATS",
    "Funnel",
    "Report",
    "Table",
    "follow_up_report",
    "funnel",
    "funnel_report",
    "outreach_report",
    "render",
    "status",
    "training_report",
]
