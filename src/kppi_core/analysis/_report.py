"""A report as facts and tables, rendered as text, JSON, CSV or Markdown.

Analyses build a :class:`Report`; renderers never see model objects, so no
personal data can reach an output unless an analysis put it in a cell. Exact
fractions are shown as ``n/d (p%)`` in text and as ``"n/d"`` in JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

__all__ = ["FORMATS", "Report", "Table", "ids", "render"]

FORMATS = ("text", "json", "csv", "markdown")

Cell = str | int | Fraction | bool | None | tuple[str, ...]


@attrs.frozen
class Table:
    """Rows under named columns."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@attrs.frozen
class Report:
    """What an analysis found: a title, facts (name → value), tables and notes."""

    kind: str
    title: str
    facts: tuple[tuple[str, Cell], ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()


def _show(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Fraction):
        from kppi_core.seats.report import percent  # exact: no float on the way

        if value.denominator == 1 and value.numerator in (0, 1):
            return f"{value.numerator} ({percent(value)})"
        return f"{value.numerator}/{value.denominator} ({percent(value)})"
    if isinstance(value, tuple):
        return " ".join(value)
    return str(value)


def _plain(value: Cell) -> Any:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, tuple):
        return list(value)
    return value


def _text(report: Report) -> str:
    lines = [report.title, "=" * len(report.title)]
    width = max((len(k) for k, _ in report.facts), default=0)
    lines += [f"{k.replace('_', ' '):<{width}}  {_show(v)}" for k, v in report.facts]
    for table in report.tables:
        lines += ["", f"{table.title} ({len(table.rows)})"]
        if not table.rows:
            lines.append("  (none)")
            continue
        shown = [[_show(c) for c in row] for row in table.rows]
        widths = [max(len(col), *(len(r[i]) for r in shown)) for i, col in enumerate(table.columns)]
        lines.append(
            "  "
            + "  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip()
        )
        for row in shown:
            lines.append(
                "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            )
    if report.notes:
        lines += ["", *(f"Note: {n}" for n in report.notes)]
    return "\n".join(lines) + "\n"


def _json(report: Report) -> str:
    data = {
        "report": report.kind,
        "title": report.title,
        "facts": {k: _plain(v) for k, v in report.facts},
        "tables": {
            t.name: [dict(zip(t.columns, map(_plain, row), strict=True)) for row in t.rows]
            for t in report.tables
        },
        "notes": list(report.notes),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _csv(report: Report) -> str:
    columns: list[str] = []
    for t in report.tables:
        columns += [c for c in t.columns if c not in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", *columns])
    for t in report.tables:
        for row in t.rows:
            cells = dict(zip(t.columns, row, strict=True))
            writer.writerow([t.name, *(_csv_cell(cells.get(c)) for c in columns)])
    return out.getvalue()


def _csv_cell(value: Cell) -> str:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return _show(value)


def _md_cell(value: Cell) -> str:
    return _show(value).replace("|", "\\|").replace("\n", " ")


def _markdown(report: Report) -> str:
    lines = [f"# {report.title}", ""]
    if report.facts:
        lines += ["| | |", "| --- | ---: |"]
        lines += [f"| {k.replace('_', ' ')} | {_md_cell(v)} |" for k, v in report.facts]
    for table in report.tables:
        lines += ["", f"## {table.title}", ""]
        if not table.rows:
            lines.append("(none)")
            continue
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("| " + " | ".join("---" for _ in table.columns) + " |")
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    if report.notes:
        lines += ["", *(f"> {n}" for n in report.notes)]
    return "\n".join(lines) + "\n"


_RENDERERS = {"text": _text, "json": _json, "csv": _csv, "markdown": _markdown}


def render(report: Report, format: str = "text") -> str:
    """``report`` as ``text``, ``json``, ``csv`` or ``markdown``."""
    try:
        return _RENDERERS[format](report)
    except KeyError:
        raise ValueError(f"no format {format!r}; known: {', '.join(FORMATS)}") from None


def ids(values: Iterable[str]) -> tuple[str, ...]:
    """Person ids, sorted, as one cell."""
    return tuple(sorted(values))
