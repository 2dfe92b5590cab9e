"""The registry file (``kppi registry build -o``) and decisions files.

A registry file is the library's JSON data set of the registry's records,
persons without personal data (NIK, birth date and phone numbers only as
keyed fingerprints among their identifiers, no contact details), with the
resolution under ``meta``: each person's source records and old ids, the
merges, carried flags, rejections, decisions, and each record's places.
Building again from it (:func:`registry_records`) changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kppi_core.errors import Message, SourceError
from kppi_core.limits import loads_json
from kppi_core.model import Candidacy, CandidateList
from kppi_core.registry.flags import CARRIED, Flag
from kppi_core.registry.records import CarriedState, Record
from kppi_core.registry.results import Decision, Entry, Merge, Registry, SourceRef
from kppi_core.rejections import Rejection

__all__ = [
    "dump_decisions",
    "dump_registry",
    "is_registry_file",
    "read_decisions",
    "registry_records",
]

_FORMAT = "kppi-registry"
_SECTIONS = (
    ("organizations", "organisations"), ("posts", "posts"), ("memberships", "memberships"),
    ("trainings", "trainings"), ("participations", "participations"),
    ("follow_ups", "follow_ups"), ("elections", "elections"), ("districts", "districts"),
)  # fmt: skip


def _candidate_lists(
    registry: Registry,
) -> tuple[dict[tuple[str, str, str], list[list[Candidacy]]], dict[Candidacy, Any]]:
    """Candidacies grouped back into lists (a second copy where a position repeats)."""
    lists: dict[tuple[str, str, str], list[list[Candidacy]]] = {}
    where: dict[Candidacy, tuple[SourceRef, ...]] = {}
    for e in registry.candidacies:
        c = e.record
        where[c] = e.sources
        copies = lists.setdefault((c.election_id, c.district_id, c.party), [])
        for copy in copies:
            if all(x.list_position != c.list_position for x in copy):
                copy.append(c)
                break
        else:
            copies.append([c])
    return lists, where


def dump_registry(registry: Registry) -> str:
    """The registry as the library's JSON data set, with its resolution under ``meta``.

    Persons carry no NIK, birth date, phone number or contact detail: only
    their keyed fingerprints. Read it back with :func:`registry_records`;
    building again from it changes nothing.
    """
    from kppi_core.conversion import converter
    from kppi_core.dataset import Dataset

    lists, where = _candidate_lists(registry)
    sections = {name: getattr(registry, attr) for name, attr in _SECTIONS}
    dataset = Dataset(
        persons=[p.person for p in registry.persons],
        candidate_lists=[
            CandidateList(e, d, p, cs) for (e, d, p), copies in lists.items() for cs in copies
        ],
        **{name: [e.record for e in entries] for name, entries in sections.items()},
    )
    unstructure = converter.unstructure
    places = {
        name: [[unstructure(r) for r in e.sources] for e in entries]
        for name, entries in sections.items()
    }
    places["candidate_lists"] = [
        [[unstructure(r) for r in where[c]] for c in cs]
        for copies in lists.values()
        for cs in copies
    ]
    meta = {
        "format": _FORMAT,
        "version": 1,
        "key_check": registry.key_check,
        "records": {p.id: [unstructure(r) for r in p.records] for p in registry.persons},
        "old_ids": {p.id: list(p.old_ids) for p in registry.persons if p.old_ids},
        "merges": [unstructure(m) for m in registry.merges],
        "flags": [unstructure(f) for f in registry.flags if f.kind in CARRIED],
        "rejected": [unstructure(r) for r in registry.rejected],
        "decisions": [unstructure(d) for d in registry.decisions],
        "sources": places,
    }
    data: dict[str, Any] = {"meta": meta}
    data.update((k, v) for k, v in unstructure(dataset).items() if v)
    data.setdefault("persons", [])  # so that a registry of nothing is still a data set
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def is_registry_file(path: Path) -> bool:
    """Whether ``path`` looks like a file :func:`dump_registry` wrote (its ``meta`` comes first)."""
    if path.suffix.casefold() != ".json":
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"format": "' + _FORMAT.encode() + b'"' in head


def registry_records(path: str | Path) -> Iterator[Record]:
    """The records of a registry file, for :func:`~kppi_core.registry.build_registry`.

    First what the file carries besides records; then each person as an
    :class:`~kppi_core.registry.Entry` with her earlier source records (so
    that decisions and redirects survive), the other records as Entries with
    their first places where the file has them, and the rejections.
    """
    from kppi_core.conversion import converter
    from kppi_core.dataset import read_dataset

    path = Path(path)
    read = read_dataset(path)
    try:
        meta = loads_json(path.read_text("utf-8-sig"), path=str(path)).get("meta") or {}
    except ValueError as exc:  # pragma: no cover - read_dataset has read it already
        raise SourceError(f"not JSON: {exc}", path=str(path)) from None
    if meta.get("format") != _FORMAT:
        raise SourceError(
            Message("not a registry file (meta.format is not kppi-registry)"), path=str(path)
        )
    structure = converter.structure
    records = meta.get("records", {})

    def refs(items: Iterable[Any]) -> tuple[SourceRef, ...]:
        return tuple(structure(r, SourceRef) for r in items)

    yield CarriedState(
        merges=tuple(structure(m, Merge) for m in meta.get("merges", ())),
        flags=tuple(structure(f, Flag) for f in meta.get("flags", ())),
        rejected=tuple(structure(r, Rejection) for r in meta.get("rejected", ())),
        key_check=str(meta.get("key_check", "")),
        decisions=tuple(structure(d, Decision) for d in meta.get("decisions", ())),
        old_ids={pid: tuple(ids) for pid, ids in meta.get("old_ids", {}).items()},
    )
    ds = read.dataset
    places = meta.get("sources", {})

    def placed(objs: Sequence[Any], where: Sequence[Any]) -> Iterator[Any]:
        if len(where) != len(objs):  # some record was rejected: places unknown
            yield from objs
            return
        for obj, at in zip(objs, where, strict=True):
            yield Entry(obj, refs(at))

    for p in ds.persons:
        yield Entry(p, refs(records.get(p.id, ())))
    for name, _ in _SECTIONS:
        yield from placed(getattr(ds, name), places.get(name, ()))
    list_places = places.get("candidate_lists", ())
    aligned = len(list_places) == len(ds.candidate_lists)
    for n, cl in enumerate(ds.candidate_lists):
        yield from placed(cl.candidacies, list_places[n] if aligned else ())
    yield from read.rejected


def read_decisions(path: str | Path) -> tuple[Decision, ...]:
    """Read a decisions file: ``{"decisions": [{"a", "b", "decision", "note"}]}``.

    ``decision`` is ``accept`` or ``reject``; ``a`` and ``b`` are record
    fingerprints as registry reports show them.
    """
    path = Path(path)
    try:
        data = loads_json(path.read_text("utf-8-sig"), path=str(path))
    except FileNotFoundError:
        raise SourceError(Message("no such file"), path=str(path)) from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot be read as JSON: {exc}", path=str(path)) from None
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceError('expected {"decisions": [...]}', path=str(path))
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("decision") not in ("accept", "reject"):
            raise SourceError(
                f'$.decisions[{i}]: needs "a", "b" and "decision": "accept" or "reject"',
                path=str(path),
            )
        a, b = item.get("a"), item.get("b")
        if not (isinstance(a, str) and isinstance(b, str) and a and b):
            raise SourceError(f"$.decisions[{i}]: a and b must be fingerprints", path=str(path))
        out.append(Decision(a, b, item["decision"] == "accept", str(item.get("note", ""))))
    return tuple(out)


def dump_decisions(decisions: Iterable[Decision]) -> str:
    """Decisions as a decisions file."""
    items = [
        {"a": d.a, "b": d.b, "decision": "accept" if d.accept else "reject", "note": d.note}
        for d in decisions
    ]
    return json.dumps({"decisions": items}, ensure_ascii=False, indent=2) + "\n"
