"""Seats and representation rendered as text, JSON, CSV or Markdown.

Elected candidates are named (their names are public on KPU lists); nothing
else about a person is shown: no NIK, no birth date, no contact.
Percentages are exact fractions rounded half up to one decimal for reading;
JSON carries the exact fraction (``"n/d"``) beside them.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from kppi_core.model import Candidacy, Gender
from kppi_core.rejections import Rejection
from kppi_core.seats.chambers import DistrictResult, ElectionResult
from kppi_core.seats.representation import MINIMUM, TARGET, Representation

if TYPE_CHECKING:
    from kppi_core.conversion import KppiConverter

__all__ = ["FORMATS", "percent", "render_representation", "render_seats"]

#: The formats both renderers know.
FORMATS = ("text", "json", "csv", "markdown")


def percent(share: Fraction | None) -> str:
    """``share`` as a percentage with one decimal, rounded half up, exactly (``"21.9%"``)."""
    if share is None:
        return "–"
    tenths = share * 1000
    rounded = (tenths.numerator * 2 + tenths.denominator) // (2 * tenths.denominator)
    return f"{rounded // 10}.{rounded % 10}%"


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


def _ties_text(d: DistrictResult) -> list[str]:
    lines = []
    for t in d.allocation.ties:
        how = f"given to {', '.join(t.chosen)}" if t.chosen else "left open"
        lines.append(
            f"  tie between parties {', '.join(t.parties)} for {t.seats} seat(s) "
            f"at quotient {t.quotient}: {how}"
        )
    for ct in d.elected.ties:
        given = [f"{c.name} (woman rule)" for c in ct.by_woman_priority]
        given += [f"{c.name} (tie-break)" for c in ct.by_tie_break]
        lines.append(
            f"  tie in {ct.party}: {len(ct.candidates)} candidates on {ct.votes} votes for "
            f"{ct.seats} seat(s); given: {', '.join(given) or 'none'}; open: {ct.open}"
        )
    return lines


def _head(result: ElectionResult, source: str, read: int, rejected: int) -> list[str]:
    chamber = result.chamber.value if result.chamber else "custom"
    threshold = "none" if result.threshold == 0 else f"{percent(result.threshold)} "
    if result.threshold:
        threshold += f"({result.threshold_basis} votes)"
    return [
        f"Seats: {source} — {read} records read, {rejected} rejected",
        f"Chamber {chamber}; method {result.method}; threshold {threshold}; "
        f"{result.rule}; woman priority {'on' if result.woman_priority else 'off'}",
    ]


def _summary(result: ElectionResult) -> str:
    share = Fraction(result.women, result.seats) if result.seats else None
    return (
        f"{len(result.districts)} districts, {result.seats} seats: {result.women} women elected "
        f"({percent(share)}), {result.unresolved} seat(s) open by undecided ties"
    )


def render_seats(
    result: ElectionResult,
    fmt: str = "text",
    *,
    source: str = "",
    records: int = 0,
    rejected: Sequence[Rejection] = (),
) -> str:
    """The seats per party and the elected candidates of every district, in ``fmt``."""
    if fmt == "json":
        conv = _conv()
        data = {
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
        return json.dumps(data, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(("kind", "election", "district", "seats", "party", "party_seats",
                    "list_position", "name", "gender", "votes", "note"))  # fmt: skip
        for d in result.districts:
            for p in d.elected.parties:
                for c in p.elected:
                    w.writerow(
                        (
                            "elected", d.election_id, d.district_id, d.seats, p.party, p.seats,
                            c.list_position, c.name, c.gender.code, c.votes, "",
                        )
                    )  # fmt: skip
                if p.open or p.vacant:
                    note = f"{p.open} open by a tie; {p.vacant} vacant (list too short)"
                    w.writerow(("open", d.election_id, d.district_id, d.seats, p.party,
                                p.seats, "", "", "", "", note))  # fmt: skip
            for t in d.allocation.ties:
                chosen = " ".join(t.chosen) or "none"
                w.writerow(
                    (
                        "party-tie", d.election_id, d.district_id, d.seats, " ".join(t.parties),
                        t.seats, "", "", "", "", f"quotient {t.quotient}; chosen: {chosen}",
                    )
                )  # fmt: skip
        for r in rejected:
            w.writerow(("rejected", "", "", "", "", "", "", "", "", "", str(r)))
        return out.getvalue()
    if fmt == "markdown":
        lines = [f"# Seats: {source}", ""]
        lines += [f"{line}  " for line in _head(result, source, records, len(rejected))[1:]]
        for d in result.districts:
            lines += ["", f"## {d.district_id} ({d.seats} seats)", ""]
            lines += ["| party | seats | elected |", "| --- | ---: | --- |"]
            for p in d.elected.parties:
                if p.seats:
                    names = ", ".join(f"{c.name} ({_code(c.gender)}, {c.votes})" for c in p.elected)
                    names = names.replace("|", "\\|")
                    if p.open:
                        names += f"; {p.open} open by a tie"
                    lines.append(f"| {p.party} | {p.seats} | {names} |")
            lines += [line.strip() for line in _ties_text(d)]
        lines += ["", _summary(result)]
        if rejected:
            lines += ["", "## Rejected records", ""] + [f"- {r}" for r in rejected]
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"no format {fmt!r}; known: {', '.join(FORMATS)}")
    lines = _head(result, source, records, len(rejected))
    for d in result.districts:
        lines += ["", f"{d.election_id} · {d.district_id}: {d.seats} seats"]
        for p in d.elected.parties:
            if not p.seats:
                continue
            names = ", ".join(f"{c.name} ({_code(c.gender)}, {c.votes})" for c in p.elected)
            lines.append(f"  {p.party}: {p.seats} — {names}")
            if p.vacant:
                lines.append(f"    {p.vacant} seat(s) vacant: the list is too short")
        lines += _ties_text(d)
        lines += [f"  note: {n}" for n in d.notes]
    if rejected:
        lines += ["", f"Rejected records ({len(rejected)}):"] + [f"  {r}" for r in rejected]
    lines += ["", _summary(result)]
    return "\n".join(lines) + "\n"


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


def render_representation(
    rows: Sequence[Representation],
    fmt: str = "text",
    *,
    source: str = "",
    rejected: Sequence[Rejection] = (),
) -> str:
    """Share of women and the gaps to 30% and 15%, one row per figure, in ``fmt``."""
    if fmt == "json":
        data = {
            "source": source,
            "target": str(TARGET),
            "minimum": str(MINIMUM),
            "figures": [_row(r) for r in rows],
            "rejected": [_conv().unstructure(r) for r in rejected],
        }
        return json.dumps(data, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.DictWriter(out, _COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in _row(r).items()})
        return out.getvalue()
    if fmt == "markdown":
        lines = [f"# Women's representation: {source}", ""]
        lines += [
            "| council | date | source | women / seats | share | to 30% | to 15% |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: |",
        ]
        for r in rows:
            d = _row(r)
            cells = (
                _label(r), d["date"] or "", r.source, f"{r.women} / {r.seats}", d["percent"],
                f"+{r.to_target.missing}", f"+{r.to_minimum.missing}",
            )  # fmt: skip
            lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
        if rejected:
            lines += ["", "## Rejected records", ""] + [f"- {r}" for r in rejected]
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"no format {fmt!r}; known: {', '.join(FORMATS)}")
    lines = [f"Representation: {source}"]
    for r in rows:
        when = f" ({r.date}, {r.source})" if r.date else f" ({r.source})"
        lines.append(
            f"{_label(r)}{when}: {_n(r.women, 'woman', 'women')} of "
            f"{_n(r.seats, 'seat', 'seats')}, {percent(r.share)}"
            + (f", {r.undetermined} undetermined" if r.undetermined else "")
        )
        for g, name in ((r.to_target, "30% target"), (r.to_minimum, "15% minimum")):
            state = "met" if g.met else f"{_n(g.missing, 'more woman', 'more women')} needed"
            lines.append(f"  {name}: {_n(g.required, 'woman', 'women')} — {state}")
    if rejected:
        lines += ["", f"Rejected records ({len(rejected)}):"] + [f"  {r}" for r in rejected]
    return "\n".join(lines) + "\n"
