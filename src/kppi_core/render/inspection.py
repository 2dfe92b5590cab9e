"""What ``kppi inspect`` found in a file, as a document: every word it shows is here.

It counts records by type and lists rejections (whose reasons the sources
word without personal data); it never shows a record's contents.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any, TextIO

import attrs

from kppi_core.render.model import (
    DATA,
    PAGE,
    TERMINAL,
    Block,
    Document,
    Facts,
    Heading,
    Lines,
    Table,
)

__all__ = ["inspection_document"]

_TERMINAL = frozenset({TERMINAL})
_PAGE = frozenset({PAGE})
_READ = frozenset({PAGE, DATA})


def _outline(path: str, source: str, seen: Any) -> tuple[str, ...]:
    lines = [f"{path}: read by source {source!r}: {seen.records} objects and rejections"]
    for kind, n in seen.counts.items():
        lines.append(f"  {kind}: {n}")
        for key, values in seen.breakdowns.items():
            if key.split(".")[0] == kind:
                shown = ", ".join(f"{v} {n}" for v, n in values.items())
                lines.append(f"    by {key.split('.')[1]}: {shown}")
    if seen.lists:
        lines.append(f"  candidate lists: {seen.lists}")
    if seen.skipped:
        lines.append(f"  read but not modelled: {sum(seen.skipped.values())}")
        lines += [f"    {what}: {n}" for what, n in seen.skipped.items()]
    lines.append(f"  rejected: {len(seen.rejected)}")
    lines += [f"    {r}" for r in seen.rejected]
    return tuple(lines)


def _blocks(path: str, source: str, seen: Any, view: str | None) -> Iterator[Block]:
    yield Lines(_outline(path, source, seen), _TERMINAL)
    yield Heading(f"Inspection: {path}", _PAGE)
    facts = (("source", source), ("records", seen.records), ("candidate_lists", seen.lists),
             ("rejected", len(seen.rejected)))  # fmt: skip
    yield Facts(facts, _PAGE)
    rows = [("type", kind, "", n) for kind, n in seen.counts.items()]
    rows += [
        ("breakdown", key.split(".")[0], f"{key.split('.')[1]} {value}", n)
        for key, values in seen.breakdowns.items()
        for value, n in values.items()
    ]
    rows += [("not modelled", what, "", n) for what, n in seen.skipped.items()]
    yield Table("counts", "What the source read", ("kind", "type", "value", "records"),
                tuple(rows), ("l", "l", "l", "r"), _READ)  # fmt: skip
    yield Table(
        "rejected",
        "Rejected records",
        ("source", "line", "field", "reason"),
        tuple((r.source, r.line, r.field, r.reason) for r in seen.rejected),
        ("l", "r", "l", "l"),
        _READ,
    )


def _json(path: str, source: str, seen: Any, out: TextIO) -> None:
    data = {
        "path": path,
        "source": source,
        "records": seen.records,
        "counts": seen.counts,
        "breakdowns": seen.breakdowns,
        "lists": seen.lists,
        "not_modelled": seen.skipped,
        "rejected": [attrs.asdict(r) for r in seen.rejected],
    }
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def inspection_document(path: str, source: str, seen: Any) -> Document:
    """What source ``source`` read from ``path``; ``seen`` is an inspection
    (``counts``, ``breakdowns``, ``lists``, ``skipped``, ``rejected``, ``records``)."""
    return Document(
        "inspection",
        functools.partial(_blocks, path, source, seen),
        json=functools.partial(_json, path, source, seen),
    )
