"""The seats and representation reports as documents: every word they show is here.

Elected candidates are named (their names are public on KPU lists); nothing
else about a person is shown: no NIK, no birth date, no contact.
Percentages are exact fractions rounded half up to one decimal for reading;
JSON carries the exact fraction (``"n/d"``) beside them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TextIO

from kppi_core.model import Candidacy, Gender
from kppi_core.rejections import Rejection
from kppi_core.render.model import (
    DATA,
    PAGE,
    TERMINAL,
    Block,
    Document,
    Heading,
    Items,
    Lines,
    Paragraph,
    Section,
    Table,
    percent,
)
from kppi_core.schemas import VERSION as SCHEMA_VERSION
from kppi_core.seats.chambers import DistrictResult, ElectionResult
from kppi_core.seats.representation import MINIMUM, TARGET, Representation

if TYPE_CHECKING:
    from kppi_core.conversion import KppiConverter

__all__ = ["representation_document", "seats_document"]

_TERMINAL = frozenset({TERMINAL})
_PAGE = frozenset({PAGE})
_DATA = frozenset({DATA})
_READ = frozenset({TERMINAL, PAGE})


@functools.cache
def _conv() -> KppiConverter:
    """A converter keeping every field: the JSON keys are a contract."""
    from kppi_core.conversion import make_converter

    return make_converter(omit_defaults=False)


def _who(c: Candidacy) -> dict[str, Any]:
    return {
        "party": c.party,
        "list_position": c.list_position,
        "name": c.name,
        "gender": c.gender.value,
        "votes": c.votes,
    }


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _code(g: Gender) -> str:
    return g.code or "?"


def _ties(d: DistrictResult) -> list[str]:
    lines = []
    for t in d.allocation.ties:
        how = f"given to {', '.join(t.chosen)}" if t.chosen else "left open"
        lines.append(
            f"tie between parties {', '.join(t.parties)} for {t.seats} seat(s) "
            f"at quotient {t.quotient}: {how}"
        )
    for ct in d.elected.ties:
        given = [f"{c.name} (woman rule)" for c in ct.by_woman_priority]
        given += [f"{c.name} (tie-break)" for c in ct.by_tie_break]
        lines.append(
            f"tie in {ct.party}: {len(ct.candidates)} candidates on {ct.votes} votes for "
            f"{ct.seats} seat(s); given: {', '.join(given) or 'none'}; open: {ct.open}"
        )
    return lines


def _head(result: ElectionResult, source: str, read: int, rejected: int) -> tuple[str, str]:
    chamber = result.chamber.value if result.chamber else "custom"
    threshold = "none" if result.threshold == 0 else f"{percent(result.threshold)} "
    if result.threshold:
        threshold += f"({result.threshold_basis} votes)"
    return (
        f"Seats: {source} — {read} records read, {rejected} rejected",
        f"Chamber {chamber}; method {result.method}; threshold {threshold}; "
        f"{result.rule}; woman priority {'on' if result.woman_priority else 'off'}",
    )


def _summary(result: ElectionResult) -> str:
    share = Fraction(result.women, result.seats) if result.seats else None
    return (
        f"{len(result.districts)} districts, {result.seats} seats: {result.women} women elected "
        f"({percent(share)}), {result.unresolved} seat(s) open by undecided ties"
    )


def _elected(p: Any) -> str:
    return ", ".join(f"{c.name} ({_code(c.gender)}, {c.votes})" for c in p.elected)


def _district_outline(d: DistrictResult) -> Section:
    entries: list[tuple[int, str]] = []
    for p in d.elected.parties:
        if not p.seats:
            continue
        entries.append((1, f"{p.party}: {p.seats} — {_elected(p)}"))
        if p.vacant:
            entries.append((2, f"{p.vacant} seat(s) vacant: the list is too short"))
    entries += [(1, t) for t in _ties(d)]
    entries += [(1, f"note: {n}") for n in d.notes]
    heading = f"{d.election_id} · {d.district_id}: {d.seats} seats"
    return Section(heading, (Items(tuple(entries)),), _TERMINAL)


def _district_page(d: DistrictResult) -> Section:
    rows = tuple(
        (p.party, p.seats, _elected(p) + (f"; {p.open} open by a tie" if p.open else ""))
        for p in d.elected.parties
        if p.seats
    )
    blocks: list[Block] = [
        Table("seats", "", ("party", "seats", "elected"), rows, ("l", "r", "l"), _PAGE)
    ]
    ties = _ties(d)
    if ties:
        blocks.append(Items(tuple((0, t) for t in ties), _PAGE))
    return Section(f"{d.district_id} ({d.seats} seats)", tuple(blocks), _PAGE)


_SEATS_COLUMNS = ("kind", "election", "district", "seats", "party", "party_seats",
                  "list_position", "name", "gender", "votes", "note")  # fmt: skip


def _seats_rows(result: ElectionResult, rejected: Sequence[Rejection]) -> Table:
    rows: list[tuple[Any, ...]] = []
    for d in result.districts:
        for p in d.elected.parties:
            for c in p.elected:
                rows.append(
                    ("elected", d.election_id, d.district_id, d.seats, p.party, p.seats,
                     c.list_position, c.name, c.gender.code, c.votes, "")
                )  # fmt: skip
            if p.open or p.vacant:
                note = f"{p.open} open by a tie; {p.vacant} vacant (list too short)"
                rows.append(("open", d.election_id, d.district_id, d.seats, p.party,
                             p.seats, "", "", "", "", note))  # fmt: skip
        for t in d.allocation.ties:
            chosen = " ".join(t.chosen) or "none"
            rows.append(
                ("party-tie", d.election_id, d.district_id, d.seats, " ".join(t.parties),
                 t.seats, "", "", "", "", f"quotient {t.quotient}; chosen: {chosen}")
            )  # fmt: skip
    rows += [("rejected", "", "", "", "", "", "", "", "", "", str(r)) for r in rejected]
    return Table("seats", "Seats and elected candidates", _SEATS_COLUMNS, tuple(rows), None, _DATA)


def _rejected(rejected: Sequence[Rejection]) -> Iterator[Block]:
    """The rejected records, for a terminal (after the figures) — see :func:`_rejected_page`."""
    if rejected:
        yield Section(
            f"Rejected records ({len(rejected)}):",
            (Items(tuple((1, str(r)) for r in rejected)),),
            _TERMINAL,
        )


def _rejected_page(rejected: Sequence[Rejection]) -> Iterator[Block]:
    if rejected:
        yield Section("Rejected records", (Items(tuple((0, str(r)) for r in rejected)),), _PAGE)


def _seats_blocks(
    result: ElectionResult,
    source: str,
    records: int,
    rejected: Sequence[Rejection],
    view: str | None,
) -> Iterator[Block]:
    head = _head(result, source, records, len(rejected))
    yield Heading(f"Seats: {source}", _PAGE)
    yield Lines(head, _TERMINAL)
    yield Lines(head[1:], _PAGE)
    for d in result.districts:
        yield _district_outline(d)
        yield _district_page(d)
    yield from _rejected(rejected)
    yield Paragraph(_summary(result), _READ)
    yield from _rejected_page(rejected)
    yield _seats_rows(result, rejected)


def _seats_json(
    result: ElectionResult, source: str, records: int, rejected: Sequence[Rejection], out: TextIO
) -> None:
    conv = _conv()
    data = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "records": records,
        "chamber": result.chamber.value if result.chamber else None,
        "method": result.method,
        "threshold": str(result.threshold),
        "threshold_basis": result.threshold_basis,
        "rule": result.rule,
        "woman_priority": result.woman_priority,
        "passing": list(result.passing),
        "legal_sources": list(result.sources),
        "summary": {
            "districts": len(result.districts),
            "seats": result.seats,
            "women": result.women,
            "unresolved": result.unresolved,
            "rejected": len(rejected),
        },
        "districts": [
            {
                "election": d.election_id,
                "district": d.district_id,
                "seats": d.seats,
                "seats_by_party": {p: s for p, s in d.allocation.seats if s},
                "party_ties": conv.unstructure(d.allocation.ties),
                "unfilled": conv.unstructure(d.allocation.unfilled),
                "elected": [_who(c) for c in d.elected.elected],
                "candidate_ties": [
                    {
                        "party": t.party,
                        "votes": t.votes,
                        "seats": t.seats,
                        "candidates": [c.list_position for c in t.candidates],
                        "by_woman_priority": [c.list_position for c in t.by_woman_priority],
                        "by_tie_break": [c.list_position for c in t.by_tie_break],
                        "open": t.open,
                    }
                    for t in d.elected.ties
                ],
                "vacant": {p.party: p.vacant for p in d.elected.parties if p.vacant},
                "notes": list(d.notes),
                "audit": conv.unstructure(d.audit),
            }
            for d in result.districts
        ],
        "rejected": [conv.unstructure(r) for r in rejected],
    }
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def seats_document(
    result: ElectionResult,
    *,
    source: str = "",
    records: int = 0,
    rejected: Sequence[Rejection] = (),
) -> Document:
    """The seats per party and the elected candidates of every district."""
    return Document(
        "seats",
        functools.partial(_seats_blocks, result, source, records, rejected),
        json=functools.partial(_seats_json, result, source, records, rejected),
    )


_COLUMNS = ("council", "chamber", "region", "party", "date", "source", "seats", "women",
            "undetermined", "share", "percent", "required_30", "missing_30", "required_15",
            "missing_15")  # fmt: skip


def _row(r: Representation) -> dict[str, Any]:
    return {
        "council": r.council,
        "chamber": r.chamber.value if r.chamber else None,
        "region": r.region,
        "party": r.party,
        "date": str(r.date) if r.date else None,
        "source": r.source,
        "seats": r.seats,
        "women": r.women,
        "undetermined": r.undetermined,
        "share": str(r.share) if r.share is not None else None,
        "percent": percent(r.share),
        "required_30": r.to_target.required,
        "missing_30": r.to_target.missing,
        "required_15": r.to_minimum.required,
        "missing_15": r.to_minimum.missing,
    }


def _label(r: Representation) -> str:
    parts = [r.council]
    if r.region:
        parts.append(r.region)
    if r.party:
        parts.append(r.party)
    return " · ".join(parts)


def _figure(r: Representation) -> list[tuple[int, str]]:
    when = f" ({r.date}, {r.source})" if r.date else f" ({r.source})"
    entries = [
        (
            0,
            f"{_label(r)}{when}: {_n(r.women, 'woman', 'women')} of "
            f"{_n(r.seats, 'seat', 'seats')}, {percent(r.share)}"
            + (f", {r.undetermined} undetermined" if r.undetermined else ""),
        )
    ]
    for g, name in ((r.to_target, "30% target"), (r.to_minimum, "15% minimum")):
        state = "met" if g.met else f"{_n(g.missing, 'more woman', 'more women')} needed"
        entries.append((1, f"{name}: {_n(g.required, 'woman', 'women')} — {state}"))
    return entries


def _representation_blocks(
    rows: Sequence[Representation], source: str, rejected: Sequence[Rejection], view: str | None
) -> Iterator[Block]:
    yield Heading(f"Women's representation: {source}", _PAGE)
    entries = tuple(e for r in rows for e in _figure(r))
    yield Section(f"Representation: {source}", (Items(entries),), _TERMINAL)
    yield Table(
        "figures",
        "",
        ("council", "date", "source", "women / seats", "share", "to 30%", "to 15%"),
        tuple(
            (_label(r), str(r.date) if r.date else "", r.source, f"{r.women} / {r.seats}",
             percent(r.share), f"+{r.to_target.missing}", f"+{r.to_minimum.missing}")
            for r in rows
        ),
        ("l", "l", "l", "r", "r", "r", "r"),
        _PAGE,
    )  # fmt: skip
    yield from _rejected(rejected)
    yield from _rejected_page(rejected)
    yield Table(
        "representation",
        "Women's representation",
        _COLUMNS,
        # the share as a number (a workbook's cell); "n/d" in CSV, as in JSON
        tuple(tuple({**_row(r), "share": r.share}.values()) for r in rows),
        None,
        _DATA,
    )


def _representation_json(
    rows: Sequence[Representation], source: str, rejected: Sequence[Rejection], out: TextIO
) -> None:
    data = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "target": str(TARGET),
        "minimum": str(MINIMUM),
        "figures": [_row(r) for r in rows],
        "rejected": [_conv().unstructure(r) for r in rejected],
    }
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def representation_document(
    rows: Sequence[Representation],
    *,
    source: str = "",
    rejected: Sequence[Rejection] = (),
) -> Document:
    """Share of women and the gaps to 30% and 15%, one figure per council, party or district."""
    return Document(
        "representation",
        functools.partial(_representation_blocks, rows, source, rejected),
        json=functools.partial(_representation_json, rows, source, rejected),
    )
