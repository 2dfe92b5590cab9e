"""One render stack: every ``kppi`` report as one document model, written by one
registry of formats.

- ``kppi_core.render.model``: the :class:`Document` and its blocks.
- ``kppi_core.render.formats``: the :class:`Format` contract, the
  built-in formats (text, json, csv in two dialects, markdown) and the
  :class:`Formats` registry a run uses (the built-ins and the formats the
  caller hands in, e.g. those plugins register).
- One module per report, holding every word that report shows:
  ``kppi_core.render.quota`` (``kppi check``),
  ``kppi_core.render.seats`` (``seats``, ``representation``),
  ``kppi_core.render.registry`` (``registry build``); the cadre analyses
  (``kppi_core.analysis``) build theirs with :func:`table_report`.
- ``kppi_core.render.console``: output a console cannot show degrades.

Imports nothing above it: the caller hands the formats in.
"""

from kppi_core.render.formats import (
    BUILTIN,
    CSV,
    CSV_DIALECTS,
    EXCEL_CSV,
    HTML,
    JSON,
    MARKDOWN,
    TEXT,
    XLSX,
    Format,
    Formats,
    render,
    write,
)
from kppi_core.render.model import (
    ALL,
    DATA,
    PAGE,
    TERMINAL,
    Block,
    Cell,
    Document,
    Facts,
    Heading,
    Items,
    Lines,
    Notes,
    Paragraph,
    Section,
    Table,
    ids,
    percent,
    show,
    table_report,
)

__all__ = [
    "ALL",
    "BUILTIN",
    "CSV",
    "CSV_DIALECTS",
    "DATA",
    "EXCEL_CSV",
    "FORMAT_NAMES",
    "HTML",
    "JSON",
    "MARKDOWN",
    "PAGE",
    "TERMINAL",
    "TEXT",
    "XLSX",
    "Block",
    "Cell",
    "Document",
    "Facts",
    "Format",
    "Formats",
    "Heading",
    "Items",
    "Lines",
    "Notes",
    "Paragraph",
    "Section",
    "Table",
    "ids",
    "percent",
    "render",
    "show",
    "table_report",
    "write",
]

#: The built-in formats' names.
FORMAT_NAMES = tuple(f.name for f in BUILTIN)
