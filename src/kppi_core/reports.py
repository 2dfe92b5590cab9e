"""Reports: a quota check rendered as text, JSON, CSV or Markdown.

Reports name lists and rules, never a candidate's personal data: findings
hold counts and list positions, not names, NIKs or birth dates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import TextIO

import attrs

from kppi_core.quota.findings import Finding, QuotaReport, Repair, Status, Verdict
from kppi_core.quota.rulesets import get_rule_set

__all__ = [
    "FORMATS",
    "Format",
    "ReadInfo",
    "format_names",
    "render_quota",
    "write_quota",
]

#: The built-in formats; plugins may add more (:func:`format_names`).
FORMATS = ("text", "json", "csv", "markdown")


@attrs.frozen
class ReadInfo:
    """Where the data came from and how many records were read."""

    source: str
    records: int


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _repair_text(repair: Repair | None) -> str:
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


def _finding_tail(f: Finding, text: _Strings) -> str:
    """A finding's JSON from ``"message"`` to its end."""
    repair = "null" if f.repair is None else _repair_text_json(f.repair)
    return (
        f'"message": {text[f.message]}, "legal_source": {text[f.legal_source]}, '
        f'"candidates": {f.candidates}, "women": {f.women}, "unknown": {f.unknown}, '
        f'"required": {_int(f.required)}, "shortfall": {_int(f.shortfall)}, '
        f'"seats": {_int(f.seats)}, "positions": [{", ".join(map(str, f.positions))}], '
        f'"repair": {repair}}}'
    )


#: Enum members' JSON text by ``id`` (members live as long as their class; an
#: enum's hash is computed in Python).
_ENUM_JSON = {id(e): encode_basestring(e.value) for e in (*Verdict, *Status)}

_BATCH = 2000  # items encoded, then written, at a time
_KEPT = 10_000  # texts cached at most, of each kind (checked between batches)


def _write_json(report: QuotaReport, info: ReadInfo | None, out: TextIO) -> None:
    """The JSON report, written a batch of items at a time so a national file's
    report is never held whole as text.

    Each list, finding and rejected record is formatted as one string from its
    fields' JSON texts, each distinct string encoded once (:class:`_Strings`):
    the text ``json.dumps(item, ensure_ascii=False)`` would give, for the
    field types the classes declare, at a fraction of the cost.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
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
    head = encode(
        {"rule_set": report.rule_set, "source": info.source if info else None, "summary": summary}
    )
    out.write(f'{head[:-1]}, "lists": [')
    text = _Strings()
    enum = _ENUM_JSON
    results = report.results
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
                f'{where}"party": {text[r.party]}, "verdict": {enum[id(r.verdict)]}, '
                f'"candidates": {r.candidates}, "women": {r.women}}}'
            )
        out.write(("," if i else "") + ",".join(items))
    out.write('], "findings": [')
    # Findings copied from one list to lists of its shape share everything from
    # "message" on: that part is formatted once per distinct value. A repair is
    # told by its id, which stays its own while ``findings`` holds it.
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
                f.message, f.legal_source, f.candidates, f.women, f.unknown, f.required,
                f.shortfall, f.seats, tuple(f.positions), id(f.repair),
            )  # fmt: skip
            tail = tails.get(key)
            if tail is None:
                tail = tails[key] = _finding_tail(f, text)
            items.append(
                f'{{"rule": {text[f.rule]}, "status": {enum[id(f.status)]}, '
                f'"election": {text[f.election]}, "district": {text[f.district]}, '
                f'"party": {text[f.party]}, {tail}'
            )
        out.write(("," if i else "") + ",".join(items))
    del findings, tails
    out.write('], "rejected": [')
    out.write(
        ",".join(
            f'{{"source": {text[r.source]}, "line": {_int(r.line)}, '
            f'"field": {"null" if r.field is None else text[r.field]}, '
            f'"reason": {text[r.reason]}}}'
            for r in report.rejected
        )
    )
    out.write("]}\n")


def _json(report: QuotaReport, info: ReadInfo | None) -> str:
    buffer = io.StringIO()
    _write_json(report, info, buffer)
    return buffer.getvalue()


_CSV_COLUMNS = (
    "kind", "rule", "status", "election", "district", "party", "candidates", "women",
    "unknown", "required", "shortfall", "seats", "positions", "message", "legal_source",
    "repair", "file", "line", "field",
)  # fmt: skip


def _csv(report: QuotaReport, info: ReadInfo | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for result in report.results:
        for f in result.findings:
            writer.writerow(
                ("finding", f.rule, f.status.value, f.election, f.district, f.party,
                 f.candidates, f.women, f.unknown, _blank(f.required), _blank(f.shortfall),
                 _blank(f.seats), " ".join(map(str, f.positions)), f.message, f.legal_source,
                 _repair_text(f.repair), "", "", "")
            )  # fmt: skip
    for r in report.rejected:
        writer.writerow(
            ("rejected", "", "", "", "", "", "", "", "", "", "", "", "", r.reason, "", "",
             r.source, _blank(r.line), r.field or "")
        )  # fmt: skip
    return out.getvalue()


def _blank(value: object) -> str:
    return "" if value is None else str(value)


_MARK = {Status.VIOLATION: "✗", Status.UNDETERMINED: "?", Status.NOTE: "·"}


def _heading(report: QuotaReport, info: ReadInfo | None) -> list[str]:
    title = report.title or get_rule_set(report.rule_set).title
    lines = [f"Rule set: {report.rule_set} — {title}"]
    if info is not None:
        rejected = len(report.rejected)
        lines.append(
            f"Source: {info.source} — {info.records} records read: "
            f"{info.records - rejected} accepted, {rejected} rejected"
        )
    return lines


def _summary_lines(report: QuotaReport) -> list[str]:
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
    return lines


def _text(report: QuotaReport, info: ReadInfo | None) -> str:
    lines = _heading(report, info)
    current = None
    for result in report.results:
        if result.verdict is Verdict.COMPLIANT and not result.findings:
            continue
        where = f"{result.election} · {result.district}"
        if where != current:
            lines += ["", where]
            current = where
        lines.append(f"  {result.party}: {result.verdict.value}")
        for f in result.findings:
            lines.append(f"    {_MARK[f.status]} {f.rule}: {f.message}")
            repair = _repair_text(f.repair)
            if repair:
                lines.append(f"      repair: {repair}")
            if f.status is not Status.NOTE:
                lines.append(f"      law: {f.legal_source}")
    if report.rejected:
        lines += ["", f"Rejected records ({len(report.rejected)}):"]
        lines += [f"  {r}" for r in report.rejected]
    lines += ["", *_summary_lines(report)]
    return "\n".join(lines) + "\n"


def _md_cell(value: object) -> str:
    return _blank(value).replace("|", "\\|").replace("\n", " ")


def _markdown(report: QuotaReport, info: ReadInfo | None) -> str:
    s = report.summary
    lines = [f"# Quota check: {report.rule_set}", ""]
    lines += [f"{line}  " for line in _heading(report, info)]
    lines += [
        "",
        "| lists | compliant | noncompliant | undetermined | rejected records |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {s.lists} | {s.compliant} | {s.noncompliant} | {s.undetermined} "
        f"| {len(report.rejected)} |",
    ]
    findings: list[Finding] = [f for r in report.results for f in r.findings]
    if findings:
        lines += [
            "",
            "## Findings",
            "",
            "| election | district | party | rule | status | women / candidates | required "
            "| message | repair |",
            "| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |",
        ]
        for f in findings:
            cells = (f.election, f.district, f.party, f.rule, f.status.value,
                     f"{f.women} / {f.candidates}", f.required, f.message,
                     _repair_text(f.repair))  # fmt: skip
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    if report.rejected:
        lines += ["", "## Rejected records", "", "| file | line | field | reason |",
                  "| --- | ---: | --- | --- |"]  # fmt: skip
        for r in report.rejected:
            lines.append(
                f"| {_md_cell(r.source)} | {_md_cell(r.line)} | {_md_cell(r.field)} "
                f"| {_md_cell(r.reason)} |"
            )
    return "\n".join(lines) + "\n"


@attrs.frozen
class Format:
    """An output format for quota reports, as a plugin registers one."""

    name: str
    render: Callable[[QuotaReport, ReadInfo | None], str]
    description: str = ""


_RENDERERS: dict[str, Callable[[QuotaReport, ReadInfo | None], str]] = {
    "text": _text,
    "json": _json,
    "csv": _csv,
    "markdown": _markdown,
}
_DESCRIPTIONS = {
    "text": "a report to read in a terminal",
    "json": "one JSON object: summary, lists, findings, rejected records",
    "csv": "one row per finding or rejected record",
    "markdown": "tables for an issue or a wiki page",
}

#: The built-in formats, declared lazily in :mod:`kppi_core.builtins`.
TEXT_FORMAT, JSON_FORMAT, CSV_FORMAT, MARKDOWN_FORMAT = (
    Format(n, _RENDERERS[n], _DESCRIPTIONS[n]) for n in FORMATS
)


def _plugin_formats() -> dict[str, Format]:
    from kppi_core.plugins import formats

    return formats()


def format_names() -> tuple[str, ...]:
    """Every format :func:`render_quota` accepts: the built-ins, then plugins'."""
    return FORMATS + tuple(n for n in _plugin_formats() if n not in _RENDERERS)


def render_quota(report: QuotaReport, format: str = "text", info: ReadInfo | None = None) -> str:
    """The report in ``format``: ``text``, ``json``, ``csv``, ``markdown`` or a plugin's.

    A plugin's renderer that raises something other than a :class:`KppiError`
    raises :class:`~kppi_core.errors.PluginError` naming the plugin."""
    renderer = _RENDERERS.get(format)
    if renderer is not None:
        return renderer(report, info)
    if format not in _plugin_formats():
        raise ValueError(f"no format {format!r}; known: {', '.join(format_names())}")
    from kppi_core.plugins import get_plugins

    return get_plugins().render(format, report, info)


def write_quota(
    report: QuotaReport, out: TextIO, format: str = "text", info: ReadInfo | None = None
) -> None:
    """Write the report to ``out``; JSON is streamed item by item."""
    if format == "json":
        _write_json(report, info, out)
    else:
        out.write(render_quota(report, format, info))
