"""The check report (``kppi check``) as a document: every word it shows is here.

Reports name lists and rules, never a candidate's personal data: findings
hold counts and list positions, not names, NIKs or birth dates.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs

from kppi_core.quota.findings import Finding, QuotaReport, Repair, Status, Verdict
from kppi_core.quota.indicators import ListHeads
from kppi_core.render._quota_figures import head_rows, party_blocks
from kppi_core.render._quota_json import write_json
from kppi_core.render.model import (
    DATA,
    PAGE,
    TERMINAL,
    Block,
    Cell,
    Document,
    Heading,
    Items,
    Lines,
    Section,
    Table,
)

__all__ = ["ReadInfo", "check_document", "repair_text"]


@attrs.frozen
class ReadInfo:
    """Where the data came from and how many records were read."""

    source: str
    records: int


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def repair_text(repair: Repair | None) -> str:
    """A repair in words: "add 1 woman or replace 1 man by a woman each"."""
    if repair is None:
        return ""
    parts = []
    if repair.add_women:
        parts.append(f"add {_count(repair.add_women, 'woman', 'women')}")
    if repair.moves:
        swaps = ", ".join(f"{m.a}↔{m.b}" for m in repair.moves)
        parts.append(f"swap positions {swaps}")
    if repair.replace_men:
        parts.append(f"replace {_count(repair.replace_men, 'man', 'men')} by a woman each")
    if repair.remove:
        parts.append(f"remove {_count(repair.remove, 'candidate', 'candidates')}")
    return " or ".join(parts)


_MARK = {Status.VIOLATION: "✗", Status.UNDETERMINED: "?", Status.NOTE: "·"}
_TERMINAL = frozenset({TERMINAL})
_PAGE = frozenset({PAGE})
_DATA = frozenset({DATA})

_DATA_COLUMNS = (
    "kind", "rule", "status", "election", "district", "party", "candidates", "women",
    "unknown", "required", "shortfall", "seats", "positions", "message", "legal_source",
    "repair", "file", "line", "field",
)  # fmt: skip


def _head(report: QuotaReport, info: ReadInfo | None, title: str) -> tuple[str, ...]:
    lines = [f"Rule set: {report.rule_set} — {title}"]
    if info is not None:
        rejected = len(report.rejected)
        lines.append(
            f"Source: {info.source} — {info.records} records read: "
            f"{info.records - rejected} accepted, {rejected} rejected"
        )
    return tuple(lines)


def _summary(report: QuotaReport) -> tuple[str, ...]:
    s = report.summary
    lines = [
        f"{_count(s.lists, 'list', 'lists')}: {s.compliant} compliant, "
        f"{s.noncompliant} noncompliant, {s.undetermined} undetermined"
    ]
    if s.violations:
        lines.append(
            "Lists violating each rule: "
            + ", ".join(f"{rule} {count}" for rule, count in s.violations.items())
        )
    if s.unplaced:
        lines.append(
            f"{_count(s.unplaced, 'rejected row', 'rejected rows')} could not be placed in a "
            "list: every list it could belong to is undetermined"
        )
    return tuple(lines)


def _outline(report: QuotaReport) -> Iterator[Block]:
    """The terminal view: by district, each list that is not plainly compliant."""
    current: str | None = None
    entries: list[tuple[int, str]] = []
    for result in report.results:
        if result.verdict is Verdict.COMPLIANT and not result.findings:
            continue
        where = f"{result.election} · {result.district}"
        if where != current:
            if current is not None:
                yield Section(current, (Items(tuple(entries)),), _TERMINAL)
            current, entries = where, []
        entries.append((1, f"{result.party}: {result.verdict.value}"))
        for f in result.findings:
            entries.append((2, f"{_MARK[f.status]} {f.rule}: {f.message}"))
            repair = repair_text(f.repair)
            if repair:
                entries.append((3, f"repair: {repair}"))
            if f.status is not Status.NOTE:
                entries.append((3, f"law: {f.legal_source}"))
    if current is not None:
        yield Section(current, (Items(tuple(entries)),), _TERMINAL)
    if report.rejected:
        yield Section(
            f"Rejected records ({len(report.rejected)}):",
            (Items(tuple((1, str(r)) for r in report.rejected)),),
            _TERMINAL,
        )


def _tables(report: QuotaReport, findings: list[Finding]) -> Iterator[Block]:
    """The page view: the summary, the findings, the rejected records."""
    s = report.summary
    yield Table(
        "summary",
        "",
        ("lists", "compliant", "noncompliant", "undetermined", "rejected records"),
        ((s.lists, s.compliant, s.noncompliant, s.undetermined, len(report.rejected)),),
        ("r",) * 5,
        _PAGE,
    )
    if findings:
        yield Table(
            "findings",
            "Findings",
            ("election", "district", "party", "rule", "status", "women / candidates",
             "required", "message", "repair"),
            tuple(
                (f.election, f.district, f.party, f.rule, f.status.value,
                 f"{f.women} / {f.candidates}", f.required, f.message, repair_text(f.repair))
                for f in findings
            ),
            ("l", "l", "l", "l", "l", "r", "r", "l", "l"),
            _PAGE,
        )  # fmt: skip
    if report.rejected:
        yield Table(
            "rejected",
            "Rejected records",
            ("file", "line", "field", "reason"),
            tuple((r.source, r.line, r.field, r.reason) for r in report.rejected),
            ("l", "r", "l", "l"),
            _PAGE,
        )


def _rows(report: QuotaReport, findings: list[Finding], heads: ListHeads | None) -> Table:
    """The data view: one row per finding or rejected record."""
    rows: list[tuple[Cell, ...]] = [
        ("finding", f.rule, f.status.value, f.election, f.district, f.party, f.candidates,
         f.women, f.unknown, f.required, f.shortfall, f.seats,
         " ".join(map(str, f.positions)), f.message, f.legal_source, repair_text(f.repair),
         None, None, None)
        for f in findings
    ]  # fmt: skip
    rows += [
        ("rejected", *("",) * 12, r.reason, "", "", r.source, r.line, r.field)
        for r in report.rejected
    ]
    rows += head_rows(heads)
    return Table("check", "Findings and rejected records", _DATA_COLUMNS, tuple(rows), None, _DATA)


def _blocks(
    report: QuotaReport,
    info: ReadInfo | None,
    title: str,
    heads: ListHeads | None,
    view: str | None,
) -> Iterator[Block]:
    """The blocks of ``view`` (``None``: of every view); each view's are built only for it."""
    findings = [f for r in report.results for f in r.findings] if view != TERMINAL else []
    yield Heading(f"Quota check: {report.rule_set}", _PAGE)
    yield Lines(_head(report, info, title), frozenset({TERMINAL, PAGE}))
    if view in (None, TERMINAL):
        yield from _outline(report)
    if view in (None, PAGE):
        yield from _tables(report, findings)
    if view != DATA:
        yield from party_blocks(report, heads)
    if view in (None, TERMINAL):
        yield Lines(_summary(report), _TERMINAL)  # last, where a reader looks
    if view in (None, DATA):
        yield _rows(report, findings, heads)


def check_document(
    report: QuotaReport,
    info: ReadInfo | None = None,
    *,
    rule_set_title: str = "",
    heads: ListHeads | None = None,
) -> Document:
    """The check report as a document; ``rule_set_title`` is the rule set's title
    (the caller has the rule set); ``heads``, KPPI's list-head indicator on the
    same lists (:func:`kppi_core.quota.indicators.list_heads`). Its JSON is
    :func:`write_json`'s."""
    return Document(
        "check",
        functools.partial(_blocks, report, info, rule_set_title or report.title, heads),
        json=functools.partial(write_json, report, info, heads=heads),
        legacy=(report, info),
    )
