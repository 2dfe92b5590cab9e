"""The ``json`` format: a report's own JSON document, or the generic shape."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any, TextIO

from kppi_core.render.model import DATA, Cell, Document
from kppi_core.schemas import VERSION as SCHEMA_VERSION

__all__ = ["write_json"]


def _plain(value: Cell) -> Any:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, tuple):
        return list(value)
    if value is not None and not isinstance(value, str | int):
        return str(value)  # a date, as ISO 8601
    return value


def write_json(document: Document, out: TextIO) -> None:
    """One JSON document on ``out``: the report's own (``document.json``) or
    ``{"report", "lang", "title", "facts", "tables", "notes"}``, shares as ``"n/d"``."""
    if document.json is not None:
        document.json(out)
        return
    data = {
        "schema_version": SCHEMA_VERSION,
        "report": document.kind,
        "lang": document.lang,
        "title": document.title,
        "facts": {k: _plain(v) for k, v in document.facts},
        "tables": {
            t.name: [dict(zip(t.columns, map(_plain, row), strict=True)) for row in t.rows]
            for t in document.tables_in(DATA)
        },
        "notes": list(document.notes),
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
