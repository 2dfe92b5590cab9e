"""The check report's JSON, written fast: the one speed trick of the render stack.

:func:`write_json` writes exactly what ``json.dumps(..., ensure_ascii=False)``
of the report as a dict would (``tests/test_reports_json.py`` holds the two
against each other), a batch of items at a time.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, TextIO

from kppi_core.i18n import Language, language
from kppi_core.model import Gender
from kppi_core.quota.findings import (
    Finding,
    ListResult,
    QuotaReport,
    Repair,
    Status,
    Verdict,
)
from kppi_core.rejections import Rejection
from kppi_core.render._quota_figures import heads_json
from kppi_core.render._quota_words import finding_message
from kppi_core.schemas import VERSION as SCHEMA_VERSION

if TYPE_CHECKING:
    from kppi_core.quota.indicators import ListHeads
    from kppi_core.render.quota import ReadInfo

__all__ = ["write_json"]


class _Strings(dict[str, str]):
    """Each string's JSON text, as ``json.dumps(s, ensure_ascii=False)`` gives it,
    encoded once: a report repeats its names, rules, laws and messages."""

    def __missing__(self, s: str) -> str:
        text = self[s] = encode_basestring(s)
        return text


def _int(n: int | None) -> str:
    return "null" if n is None else str(n)


def _repair_text_json(repair: Repair) -> str:
    moves = ", ".join(f'{{"a": {m.a}, "b": {m.b}}}' for m in repair.moves)
    return (
        f'{{"add_women": {_int(repair.add_women)}, "replace_men": {_int(repair.replace_men)}, '
        f'"moves": [{moves}], "remove": {_int(repair.remove)}}}'
    )


def _finding_tail(f: Finding, text: _Strings, tr: Language) -> str:
    """A finding's JSON from ``"message"`` (in ``tr``'s words) to its end."""
    repair = "null" if f.repair is None else _repair_text_json(f.repair)
    message = finding_message(f, tr)
    return (
        f'"message": {text[message]}, "legal_source": {text[f.legal_source]}, '
        f'"candidates": {f.candidates}, "women": {f.women}, "unknown": {f.unknown}, '
        f'"required": {_int(f.required)}, "shortfall": {_int(f.shortfall)}, '
        f'"seats": {_int(f.seats)}, "positions": [{", ".join(map(str, f.positions))}], '
        f'"repair": {repair}}}'
    )


#: Enum members' JSON text, by member (hashed in C; an enum's ``value`` is a Python
#: property).
_ENUM_JSON: dict[Verdict | Status, str] = {
    e: encode_basestring(e.value) for e in (*Verdict, *Status)
}

_BATCH = 500  # items encoded, then written, at a time
_KEPT = 10_000  # texts cached at most, of each kind (checked between batches)


def write_json(
    report: QuotaReport,
    info: ReadInfo | None,
    out: TextIO,
    *,
    heads: ListHeads | None = None,
    tr: Language | None = None,
) -> None:
    """The JSON report, written a batch of items at a time so a national file's
    report is never held whole as text.

    Each list, finding and rejected record is formatted as one string from its
    fields' JSON texts, each distinct string encoded once (:class:`_Strings`):
    the text ``json.dumps(item, ensure_ascii=False)`` would give, for the
    field types the classes declare, at a fraction of the cost.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    tr = tr or language()
    head = _head_json(report, info, encode, tr)
    out.write(f'{head[:-1]}, "lists": [')
    text = _Strings()
    _write_lists(report.results, text, out)
    out.write('], "findings": [')
    _write_findings(report.results, text, out, tr)
    out.write('], "rejected": [')
    out.write(_rejected_json(report.rejected, text, tr))
    out.write("]")
    if heads is not None:
        _write_heads(heads, encode, out, tr)
    out.write("}\n")


def _head_json(
    report: QuotaReport,
    info: ReadInfo | None,
    encode: Callable[[object], str],
    tr: Language,
) -> str:
    """The report's opening object: schema, rule set, source and summary."""
    s = report.summary
    summary: dict[str, object] = {
        "lists": s.lists,
        "compliant": s.compliant,
        "noncompliant": s.noncompliant,
        "undetermined": s.undetermined,
        "violations": dict(s.violations),
        "rejected": s.rejected,
    }
    if s.unplaced:
        summary["unplaced"] = s.unplaced
    if info is not None:
        summary["records"] = info.records
    return encode(
        {
            "schema_version": SCHEMA_VERSION,
            "lang": tr.code,
            "rule_set": report.rule_set,
            "source": info.source if info else None,
            "summary": summary,
        }
    )


def _write_lists(results: Sequence[ListResult], text: _Strings, out: TextIO) -> None:
    """The items of ``"lists"``, a batch at a time."""
    enum = _ENUM_JSON
    for i in range(0, len(results), _BATCH):
        if len(text) > _KEPT:
            text.clear()
        items = []
        election = district = None
        where = ""
        for r in results[i : i + _BATCH]:
            if r.district is not district or r.election is not election:
                election, district = r.election, r.district  # lists come by district
                where = f'{{"election": {text[election]}, "district": {text[district]}, '
            items.append(
                f'{where}"party": {text[r.party]}, "verdict": {enum[r.verdict]}, '
                f'"candidates": {r.candidates}, "women": {r.women}}}'
            )
        out.write(("," if i else "") + ",".join(items))


def _write_findings(
    results: Sequence[ListResult], text: _Strings, out: TextIO, tr: Language
) -> None:
    """The items of ``"findings"``, a batch at a time.

    Findings copied from one list to lists of its shape share everything from
    "message" on: that part is formatted once per distinct value.
    """
    enum = _ENUM_JSON
    findings = [f for r in results for f in r.findings]
    tails: dict[tuple[object, ...], str] = {}
    for i in range(0, len(findings), _BATCH):
        if len(text) > _KEPT:
            text.clear()
        if len(tails) > _KEPT:
            tails.clear()
        items = []
        for f in findings[i : i + _BATCH]:
            # (a plugin's rule may have given its positions as a list)
            key = (
                f.rule, f.status, f.message, f.legal_source, f.candidates, f.women,
                f.unknown, f.required, f.shortfall, f.seats, tuple(f.positions), f.repair,
            )  # fmt: skip
            tail = tails.get(key)
            if tail is None:
                tail = tails[key] = _finding_tail(f, text, tr)
            items.append(
                f'{{"rule": {text[f.rule]}, "status": {enum[f.status]}, '
                f'"election": {text[f.election]}, "district": {text[f.district]}, '
                f'"party": {text[f.party]}, {tail}'
            )
        out.write(("," if i else "") + ",".join(items))


def _rejected_json(rejected: Iterable[Rejection], text: _Strings, tr: Language) -> str:
    """The items of ``"rejected"``, joined; each ``reason`` in ``tr``'s words."""
    return ",".join(
        f'{{"source": {text[r.source]}, "line": {_int(r.line)}, '
        f'"field": {"null" if r.field is None else text[r.field]}, '
        f'"reason": {text[r.reason_in(tr)]}}}'
        for r in rejected
    )


def _write_heads(
    heads: ListHeads, encode: Callable[[object], str], out: TextIO, tr: Language
) -> None:
    """``"indicators"``: the per-list entries written a batch at a time, as the
    lists are (a national file has tens of thousands), each formatted as the
    lists' entries are."""
    found = heads_json(heads, tr, lists=False)
    head = encode({"list_heads": {**found, "lists": []}})
    out.write(f', "indicators": {head[:-3]}')  # up to the open '[' of "lists"
    text = _Strings()
    rows = heads.rows()
    first = True
    while batch := list(itertools.islice(rows, _BATCH)):
        if len(text) > _KEPT:
            text.clear()
        items = []
        election = district = None
        where = ""
        for e, d, party, sex, sexes in batch:
            if d is not district or e is not election:
                election, district = e, d  # lists come by district
                where = f'{{"election": {text[e]}, "district": {text[d]}, '
            items.append(
                f'{where}"party": {text[party]}, "position_1": {_HEAD_JSON[sex]}, '
                f'"sexes": {text[sexes]}}}'
            )
        out.write(("" if first else ", ") + ", ".join(items))
        first = False
    out.write("]}}")


#: Who heads a list, as JSON text.
_HEAD_JSON: dict[Gender | None, str] = {None: "null"}
_HEAD_JSON.update((g, encode_basestring(g.value)) for g in Gender)
