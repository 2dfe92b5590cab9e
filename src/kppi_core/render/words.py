"""The words the generic formats add to a report, in one place (for translation).

Report builders (:mod:`kppi_core.render.quota`, :mod:`kppi_core.render.seats`,
:mod:`kppi_core.render.registry`, the analyses) hold their own messages; the
formats add only these.
"""

from __future__ import annotations

__all__ = ["NO", "NONE", "YES", "note", "table_title"]

#: A table without rows.
NONE = "(none)"
YES = "yes"
NO = "no"


def table_title(title: str, rows: int) -> str:
    """A table's title in a terminal, with its row count."""
    return f"{title} ({rows})"


def note(text: str) -> str:
    """A note in a terminal."""
    return f"Note: {text}"
