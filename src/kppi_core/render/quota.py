"""The check report (``kppi check``) as a document: every word it shows is here.

Reports name lists and rules, never a candidate's personal data: findings
hold counts and list positions, not names, NIKs or birth dates.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs

from kppi_core.glossary import RULES, STATUSES, TERMS, VERDICTS
from kppi_core.i18n import N_, Language, language
from kppi_core.quota.findings import Finding, QuotaReport, Repair, Status, Verdict
from kppi_core.quota.indicators import ListHeads
from kppi_core.rejections import text_in
from kppi_core.render import _quota_words as words
from kppi_core.render import words as words_of
from kppi_core.render._quota_figures import head_rows, party_blocks
from kppi_core.render._quota_json import write_json
from kppi_core.render._quota_words import _n, pair, term
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


def repair_text(repair: Repair | None, lang: str = "en") -> str:
    """A repair in words: "add 1 female candidate or replace 1 male candidate with
    a female candidate"."""
    return words.repair_text(repair, language(lang))


_MARK = {Status.VIOLATION: "✗", Status.UNDETERMINED: "?", Status.NOTE: "·"}
_TERMINAL = frozenset({TERMINAL})
_PAGE = frozenset({PAGE})
_DATA = frozenset({DATA})

_DATA_COLUMNS = (
    "kind", "rule", "status", "election", "district", "party", "candidates", "women",
    "unknown", "required", "shortfall", "seats", "positions", "message", "legal_source",
    "repair", "file", "line", "field",
)  # fmt: skip


def _head(report: QuotaReport, info: ReadInfo | None, title: str, tr: Language) -> tuple[str, ...]:
    lines = [f"{tr.gettext(term(TERMS, 'rule-set'))}: {report.rule_set} — {tr.gettext(title)}"]
    if info is not None:
        rejected = len(report.rejected)
        read = tr.format(
            term(TERMS, "records-read"),
            records=info.records,
            accepted=info.records - rejected,
            rejected=rejected,
        )
        lines.append(f"{tr.gettext(term(TERMS, 'source'))}: {tr.gettext(info.source)} — {read}")
    return tuple(lines)


def _rule(rule: str, tr: Language) -> str:
    """A rule in words: what it requires (a plugin's rule: its id)."""
    message = RULES.get(rule)
    return rule if message is None else tr.gettext(message)


class _Places:
    """Elections and districts in words, each election id read once: a
    chamber's name where the id names one (``DPRD_KABKO`` → DPRD
    Kabupaten/Kota; ``DPRD_KABKO_2029`` → … 2029), else the id as it is."""

    def __init__(self, tr: Language) -> None:
        self.tr = tr
        self.elections: dict[str, str] = {}

    def election(self, election: str) -> str:
        shown = self.elections.get(election)
        if shown is None:
            shown = self.elections[election] = words_of.election(election, self.tr)
        return shown

    def where(self, election: str, district: str) -> str:
        district_words = self.tr.format(N_("district {district}"), district=district)
        return f"{self.election(election)} · {district_words}"


def _summary(report: QuotaReport, tr: Language) -> tuple[str, ...]:
    s = report.summary
    lines = [
        tr.format(
            term(TERMS, "lists-summary"),
            lists=tr.nformat(*pair(TERMS, "lists"), s.lists),
            compliant=s.compliant,
            noncompliant=s.noncompliant,
            undetermined=s.undetermined,
        )
    ]
    if s.violations:
        counts = "; ".join(
            f"{_rule(rule, tr)} ({tr.number(count)})" for rule, count in s.violations.items()
        )
        lines.append(tr.format(N_("Lists violating each rule: {counts}"), counts=counts))
    if s.unplaced:
        lines.append(
            tr.nformat(
                *_n(
                    "{n} rejected row could not be placed in a list: every list it could "
                    "belong to cannot be determined yet",
                    "{n} rejected rows could not be placed in a list: every list they could "
                    "belong to cannot be determined yet",
                ),
                s.unplaced,
            )
        )
    return tuple(lines)


def _outline(report: QuotaReport, tr: Language) -> Iterator[Block]:
    """The terminal view: by district, each list that is not plainly compliant."""
    current: str | None = None
    entries: list[tuple[int, str]] = []
    repair_word, law_word = tr.gettext(term(TERMS, "repair")), tr.gettext(term(TERMS, "law"))
    places = _Places(tr)
    for result in report.results:
        if result.verdict is Verdict.COMPLIANT and not result.findings:
            continue
        where = places.where(result.election, result.district)
        if where != current:
            if current is not None:
                yield Section(current, (Items(tuple(entries)),), _TERMINAL)
            current, entries = where, []
        entries.append((1, f"{result.party}: {tr.gettext(term(VERDICTS, result.verdict.value))}"))
        for f in result.findings:
            rule = _rule(f.rule, tr)
            entries.append((2, f"{_MARK[f.status]} {rule}: {words.finding_message(f, tr)}"))
            repair = words.repair_text(f.repair, tr)
            if repair:
                entries.append((3, f"{repair_word}: {repair}"))
            if f.status is not Status.NOTE:
                entries.append((3, f"{law_word}: {words.legal_text(f.legal_source, tr)}"))
    if current is not None:
        yield Section(current, (Items(tuple(entries)),), _TERMINAL)
    if report.rejected:
        yield Section(
            tr.format(N_("Rejected records ({n}):"), n=len(report.rejected)),
            (Items(tuple((1, text_in(r, tr)) for r in report.rejected)),),
            _TERMINAL,
        )


def _tables(report: QuotaReport, findings: list[Finding], tr: Language) -> Iterator[Block]:
    """The page view: the summary, the findings, the rejected records."""
    s = report.summary
    g = tr.gettext
    places = _Places(tr)
    yield Table(
        "summary",
        "",
        (g(N_("lists")), g(term(VERDICTS, "compliant")), g(term(VERDICTS, "noncompliant")),
         g(term(VERDICTS, "undetermined")), g(N_("rejected records"))),
        ((s.lists, s.compliant, s.noncompliant, s.undetermined, len(report.rejected)),),
        ("r",) * 5,
        _PAGE,
    )  # fmt: skip
    if findings:
        yield Table(
            "findings",
            g(N_("Findings")),
            (g(N_("election")), g(term(TERMS, "district")), g(term(TERMS, "party")), g(N_("rule")),
             g(N_("status")), g(N_("women / candidates")), g(N_("required")), g(N_("message")),
             g(term(TERMS, "repair"))),
            tuple(
                (places.election(f.election), f.district, f.party, _rule(f.rule, tr),
                 g(term(STATUSES, f.status.value)),
                 f"{tr.number(f.women)} / {tr.number(f.candidates)}", f.required,
                 words.finding_message(f, tr), words.repair_text(f.repair, tr))
                for f in findings
            ),
            ("l", "l", "l", "l", "l", "r", "r", "l", "l"),
            _PAGE,
        )  # fmt: skip
    if report.rejected:
        yield Table(
            "rejected",
            g(N_("Rejected records")),
            (g(N_("file")), g(N_("line")), g(N_("field")), g(N_("reason"))),
            tuple((r.source, r.line, r.field, r.reason_in(tr)) for r in report.rejected),
            ("l", "r", "l", "l"),
            _PAGE,
        )


def _rows(
    report: QuotaReport, findings: list[Finding], heads: ListHeads | None, tr: Language
) -> Table:
    """The data view: one row per finding or rejected record (ids and numbers as
    they are; ``message`` and ``repair`` in ``tr``'s words)."""
    rows: list[tuple[Cell, ...]] = [
        ("finding", f.rule, f.status.value, f.election, f.district, f.party, f.candidates,
         f.women, f.unknown, f.required, f.shortfall, f.seats,
         " ".join(map(str, f.positions)), words.finding_message(f, tr),
         words.legal_text(f.legal_source, tr), words.repair_text(f.repair, tr),
         None, None, None)
        for f in findings
    ]  # fmt: skip
    rows += [
        ("rejected", *("",) * 12, r.reason_in(tr), "", "", r.source, r.line, r.field)
        for r in report.rejected
    ]
    rows += head_rows(heads, tr)
    title = tr.gettext(N_("Findings and rejected records"))
    return Table("check", title, _DATA_COLUMNS, tuple(rows), None, _DATA)


def _blocks(
    report: QuotaReport,
    info: ReadInfo | None,
    title: str,
    heads: ListHeads | None,
    tr: Language,
    view: str | None,
) -> Iterator[Block]:
    """The blocks of ``view`` (``None``: of every view); each view's are built only for it."""
    findings = [f for r in report.results for f in r.findings] if view != TERMINAL else []
    yield Heading(tr.format(N_("Quota check: {rule_set}"), rule_set=report.rule_set), _PAGE)
    yield Lines(_head(report, info, title, tr), frozenset({TERMINAL, PAGE}))
    if view in (None, TERMINAL):
        yield from _outline(report, tr)
    if view in (None, PAGE):
        yield from _tables(report, findings, tr)
    if view != DATA:
        yield from party_blocks(report, heads, tr)
    if view in (None, TERMINAL):
        yield Lines(_summary(report, tr), _TERMINAL)  # last, where a reader looks
    if view in (None, DATA):
        yield _rows(report, findings, heads, tr)


def check_document(
    report: QuotaReport,
    info: ReadInfo | None = None,
    *,
    rule_set_title: str = "",
    heads: ListHeads | None = None,
    lang: str = "en",
) -> Document:
    """The check report as a document in ``lang`` (``"en"``, ``"id"``);
    ``rule_set_title`` is the rule set's title (the caller has the rule set);
    ``heads``, KPPI's list-head indicator on the same lists
    (:func:`kppi_core.quota.indicators.list_heads`). Its JSON is
    :func:`write_json`'s: ids and numbers as they are, ``lang``, and messages in ``lang``."""
    tr = language(lang)
    return Document(
        "check",
        functools.partial(_blocks, report, info, rule_set_title or report.title, heads, tr),
        json=functools.partial(write_json, report, info, heads=heads, tr=tr),
        legacy=(report, info),
        lang=tr.code,
    )
