"""Analyses over a registry: trainings, follow-ups, the trained → elected funnel.

Each returns a report :class:`~kppi_core.render.Document` (facts and tables)
that any format of :mod:`kppi_core.render` writes. Reports carry person ids
and printed names, never a NIK, a birth date or a contact detail.

``FORMATS``, ``Report``, ``Table`` and ``render`` were here; they live in
:mod:`kppi_core.render` now (the old names still work, with a
DeprecationWarning).
"""

from typing import Any

from kppi_core.analysis.follow_ups import follow_up_report, outreach_report, status
from kppi_core.analysis.funnel import Funnel, funnel, funnel_report
from kppi_core.analysis.training import training_report

__all__ = [
    "Funnel",
    "follow_up_report",
    "funnel",
    "funnel_report",
    "outreach_report",
    "status",
    "training_report",
]

_MOVED = {
    "FORMATS": ("kppi_core.render", "FORMAT_NAMES"),
    "Report": ("kppi_core.render", "table_report"),
    "Table": ("kppi_core.render", "Table"),
    "render": ("kppi_core.render", "render"),
}


def __getattr__(name: str) -> Any:
    from kppi_core.render._deprecated import moved

    return moved(__name__, name, _MOVED)
