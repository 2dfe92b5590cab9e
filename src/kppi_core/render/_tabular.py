"""The ``csv`` format: a document's data view as rows, in two dialects.

``plain``: comma, ``\\n``, text as the console takes it. ``excel``: semicolon,
CRLF, UTF-8 with a byte-order mark, as Excel on an Indonesian (or any
comma-decimal) locale opens it. In both, a text cell a spreadsheet would run
as a formula (OWASP's rule: one starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a leading ``'``; numbers are written as
they are.
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from kppi_core.render.model import DATA, Cell, Document, Table, show

__all__ = ["FORMULA_STARTS", "csv_bytes", "csv_text", "escape_formula"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Cell) -> str | int:
    if isinstance(value, str):  # the common case first
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # a number, never a formula
    if value is None:
        return ""
    if isinstance(value, Fraction):
        return escape_formula(f"{value.numerator}/{value.denominator}")
    return escape_formula(show(value))


def _rows(document: Document) -> list[list[str | int]]:
    """One table: its columns and rows. Several: a leading ``table`` column
    naming each row's table, then every table's columns in order of appearance."""
    tables: list[Table] = list(document.tables_in(DATA))
    if len(tables) == 1:
        (t,) = tables
        return [list(t.columns), *([_cell(c) for c in row] for row in t.rows)]
    columns: list[str] = []
    for t in tables:
        columns += [c for c in t.columns if c not in columns]
    rows: list[list[str | int]] = [["table", *columns]]
    for t in tables:
        for row in t.rows:
            cells = dict(zip(t.columns, row, strict=True))
            rows.append([t.name, *(_cell(cells.get(c)) for c in columns)])
    return rows


def _write(rows: list[list[str | int]], out: io.StringIO, delimiter: str, end: str) -> None:
    """``rows`` as CSV; a row with a carriage return in a cell is quoted whole
    (the csv module leaves a lone ``\r`` unquoted when lines end in ``\n``,
    and a reader then splits the row there)."""
    plain = csv.writer(out, delimiter=delimiter, lineterminator=end)
    if not any("\r" in c for row in rows for c in row if isinstance(c, str)):
        plain.writerows(rows)
        return
    quoted = csv.writer(out, delimiter=delimiter, lineterminator=end, quoting=csv.QUOTE_ALL)
    for row in rows:
        if any("\r" in c for c in row if isinstance(c, str)):
            quoted.writerow(row)
        else:
            plain.writerow(row)


def csv_text(document: Document) -> str:
    """The plain dialect: comma-separated, ``\n`` line ends."""
    out = io.StringIO()
    _write(_rows(document), out, ",", "\n")
    return out.getvalue()


def csv_bytes(document: Document) -> bytes:
    """The excel dialect: semicolon-separated, CRLF, UTF-8 with a byte-order mark."""
    out = io.StringIO()
    _write(_rows(document), out, ";", "\r\n")
    return out.getvalue().encode("utf-8-sig")
