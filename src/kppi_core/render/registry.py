"""The registry report (``kppi registry build``) as a document: its words are here.

Persons are shown by registry id and printed name; records by their keyed
fingerprint. No NIK, birth date or contact detail appears.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kppi_core.render.model import Document, Facts, Heading, Notes, Table

__all__ = ["registry_document"]


def _sources(flag: Any) -> tuple[str, ...]:
    return tuple(str(s) for s in flag.sources)


def registry_document(registry: Any, written: str | None = None) -> Document:
    """The registry as a report: counts, merges, ambiguities, flags, rejections
    (``written``: where the registry file went, if it was written)."""

    def name(pid: str | None) -> str:
        person = registry.get(pid) if pid else None
        return person.name if person else ""

    kinds = Counter(f.kind.value for f in registry.flags)
    facts = [
        ("records_read", registry.records),
        ("persons", len(registry.persons)),
        ("merges", len(registry.merges)),
        ("redirected_ids", len(registry.redirects)),
        ("open_ambiguities", len(registry.ambiguities)),
        ("decisions_applied", len(registry.decisions)),
        ("flags", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "(none)"),
        ("rejected_records", len(registry.rejected)),
    ]
    if written:
        facts.append(("written_to", written))
    tables = (
        Table(
            "merges",
            "Merges",
            ("person_id", "a", "b", "rule"),
            tuple(
                (m.person_id, str(m.a), str(m.b), m.explain().split(": ", 1)[1])
                for m in registry.merges
            ),
        ),
        Table(
            "ambiguities",
            "Open ambiguities (decide: accept or reject a with b)",
            ("ambiguity", "a", "a_name", "b", "b_name", "reasons", "a_record", "b_record"),
            tuple(
                (x.id, x.a, name(x.a), x.b, name(x.b), "; ".join(x.reasons), x.a_record, x.b_record)
                for x in registry.ambiguities
            ),
        ),
        Table(
            "flags",
            "Flags",
            ("flag", "person_id", "name", "detail", "sources"),
            tuple(
                (
                    f.kind.value,
                    f.person_id or "",
                    name(f.person_id),
                    f.detail,
                    tuple(str(s) for s in f.sources),
                )
                for f in registry.flags
            ),
        ),
        Table(
            "rejected",
            "Rejected records",
            ("source", "line", "field", "reason"),
            tuple((r.source, r.line, r.field or "", r.reason) for r in registry.rejected),
        ),
    )
    note = (
        "Record fingerprints are keyed HMACs: copy a_record and b_record into a "
        'decisions file ({"decisions": [{"a": …, "b": …, "decision": "accept"}]}).'
    )
    return Document("registry", (Heading("Registry"), Facts(tuple(facts)), *tables, Notes((note,))))
