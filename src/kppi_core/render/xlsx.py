"""The ``xlsx`` format: a report as an Excel workbook.

One sheet per table of the report's data and sheet views, typed cells (counts
as numbers, shares as numbers shown as percentages, dates as dates, text as
text — never as a formula), the header frozen, columns sized to their
contents; first, a sheet ``about`` with the report's title, its head lines
(source, rule set), its facts and notes, and the date it was written.

The workbook speaks the document's language: the ``about`` sheet's name and
words, and each sheet's first row, the columns' labels
(:func:`kppi_core.render.words.label`; a key without one, with spaces). A
sheet of the data view (the rows a script gets from the CSV) has a second
header row, the columns' stable keys (the CSV header, the JSON keys), the
same in every language; a sheet of the sheet view only (a table for people,
such as the check's ``parties``) has the labels only. Sheets are named by
their table's stable name.
"""

from __future__ import annotations

import datetime
import importlib
import io
import itertools
import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from kppi_core.errors import KppiError
from kppi_core.i18n import N_, language
from kppi_core.render import words
from kppi_core.render._xlsx_xml import XML_ILLEGAL, Sheet, workbook
from kppi_core.render.model import DATA, PAGE, SHEET, Cell, Document, Lines, Table, show

__all__ = ["XLSX_HINT", "XML_ILLEGAL", "Sheet", "openpyxl_bytes", "sheets", "xlsx_bytes"]

#: What to install when openpyxl is missing.
XLSX_HINT = "the xlsx format needs openpyxl: pip install 'kppi_core[xlsx]'"

# The words the workbook adds: the about sheet's name and its keys.
_ABOUT = N_("about")
_REPORT = N_("report")
_TITLE = N_("title")
_NOTE = N_("note")
_WRITTEN = N_("written")

_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
_WIDTH_ROWS = 2000  # rows looked at to size the columns
_MAX_WIDTH = 60


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET.sub("_", name)[:31] or "table"
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    used.add(title.casefold())
    return title


def _cells(ws: Any, row: Iterable[Cell], cell_type: Any) -> list[Any]:
    """A row's values as openpyxl takes them: most as they are (a count, a text);
    a cell object only where a format is needed (a share, a date) or a text
    starts with ``=`` (kept as text, not run as a formula); ``""`` as an empty
    cell."""
    out: list[Any] = []
    for value in row:
        if value is None or value == "":
            out.append(None)
        elif isinstance(value, bool | int):
            out.append(value)
        elif isinstance(value, Fraction):
            c = cell_type(ws, value=float(value))  # a number; JSON keeps the exact "n/d"
            c.number_format = "0.0%"
            out.append(c)
        elif isinstance(value, datetime.date):
            c = cell_type(ws, value=value)
            c.number_format = "yyyy-mm-dd"
            out.append(c)
        else:
            text = value if isinstance(value, str) else show(value)
            if XML_ILLEGAL.search(text):
                text = XML_ILLEGAL.sub("", text)  # characters XML cannot hold
            if not text:
                out.append(None)
            elif text.startswith("="):
                c = cell_type(ws, value=text)
                c.data_type = "s"  # text stays text, even "=1+1"
                out.append(c)
            else:
                out.append(text)
    return out


def _widths(table: Table, header: Iterable[tuple[str, ...]]) -> list[float]:
    widths = [max(map(len, texts)) for texts in zip(*header, strict=True)]
    for row in table.rows[:_WIDTH_ROWS]:
        for i, value in enumerate(row):
            shown = 8 if isinstance(value, Fraction) else len(show(value))
            widths[i] = max(widths[i], shown)
    return [min(w + 2, _MAX_WIDTH) for w in widths]


def _about(document: Document) -> list[tuple[Cell, ...]]:
    lang = document.lang
    g = language(lang).gettext
    rows: list[tuple[Cell, ...]] = [(g(_REPORT), document.kind), (g(_TITLE), document.title)]
    for block in document.shown(PAGE):
        if isinstance(block, Lines):
            for line in block.lines:
                key, sep, rest = line.partition(": ")
                rows.append((key.casefold(), rest) if sep else ("", line))
    rows += [(words.label(k, lang, k.replace("_", " ")), v) for k, v in document.facts]
    rows += [(g(_NOTE), n) for n in document.notes]
    rows.append((g(_WRITTEN), datetime.date.today()))
    return rows


def sheets(document: Document) -> list[Sheet]:
    """The workbook's sheets: ``about``, then each table of the data and sheet views,
    under its labels (and, for the data view's, its keys)."""
    used: set[str] = set()
    lang = document.lang
    about = _sheet_name(language(lang).gettext(_ABOUT), used)
    found = [Sheet(about, (18, 80), 0, _about(document))]
    for table in document.tables:
        if DATA in table.views or SHEET in table.views:
            header = [tuple(words.label(c, lang, c.replace("_", " ")) for c in table.columns)]
            if DATA in table.views:
                header.append(table.columns)
            rows = itertools.chain(header, table.rows)
            widths = tuple(_widths(table, header))
            found.append(Sheet(_sheet_name(table.name, used), widths, len(header), rows))
    return found


def openpyxl_bytes(found: list[Sheet]) -> bytes:
    """The workbook written by openpyxl in write-only mode: the plain path, that
    :func:`kppi_core.render._xlsx_xml.workbook` is tested against."""
    try:
        # Deferred: openpyxl is an optional extra (and slow to import).
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise KppiError(XLSX_HINT) from None
    WriteOnlyCell = openpyxl.cell.WriteOnlyCell
    get_column_letter = openpyxl.utils.get_column_letter
    wb = openpyxl.Workbook(write_only=True)
    for sheet in found:
        ws = wb.create_sheet(sheet.name)
        for i, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        if sheet.frozen:
            ws.freeze_panes = f"A{sheet.frozen + 1}"
        for row in sheet.rows:
            ws.append(_cells(ws, row, WriteOnlyCell))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_bytes(document: Document) -> bytes:
    """The workbook of ``document``: an ``about`` sheet, then one sheet per table,
    streamed sheet by sheet into the zip file (:mod:`kppi_core.render._xlsx_xml`)."""

    document = attrs.evolve(document, content=document.blocks)  # built once
    return workbook(sheets(document))
