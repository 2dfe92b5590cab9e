"""The JSON report, formatted from its fields' cached texts, is byte for byte what
encoding plain dicts with the json module gives."""

from __future__ import annotations

import io
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core import schemas
from kppi_core.i18n import language
from kppi_core.model import Gender
from kppi_core.model.lists import ListFacts
from kppi_core.quota import Finding, ListResult, QuotaReport, Status
from kppi_core.quota.findings import Move, Repair, Verdict
from kppi_core.quota.indicators import ListHead, ListHeads, PartyHeads, list_heads
from kppi_core.rejections import Rejection
from kppi_core.render import JSON, write
from kppi_core.render import _quota_json as fast
from kppi_core.render._quota_figures import HEADS_NOTE
from kppi_core.render._quota_words import finding_message
from kppi_core.render.quota import ReadInfo, check_document

# Names that repeat (so the cache is hit), and any text at all: quotes, backslashes,
# control characters, line separators, non-ASCII.
tricky = st.sampled_from(["DPR", 'Dapil "1"', "a\\b", "é\u2028\x01\t", "Partai ✓", ""])
texts = tricky | st.text(max_size=12)
counts = st.integers(0, 120)
maybe = st.none() | counts
moves = st.lists(st.builds(Move, counts, counts), max_size=3).map(tuple)
repairs = st.none() | st.builds(Repair, maybe, maybe, moves, maybe)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    return Finding(
        draw(texts), draw(st.sampled_from(Status)), draw(texts), draw(texts), draw(texts),
        draw(texts), draw(texts), draw(counts), draw(counts), draw(counts), draw(maybe),
        draw(maybe), draw(maybe), tuple(draw(st.lists(counts, max_size=4))), draw(repairs),
    )  # fmt: skip


results = st.builds(
    ListResult,
    texts,
    texts,
    texts,
    st.sampled_from(Verdict),
    st.lists(findings(), max_size=3).map(tuple),
    counts,
    counts,
)
rejections = st.builds(Rejection, texts, st.none() | counts, st.none() | texts, texts)
reports_ = st.builds(
    QuotaReport,
    st.sampled_from(["uu7-2017", "pkpu-10-2023"]),
    st.lists(results, max_size=8).map(tuple),
    st.lists(rejections, max_size=4).map(tuple),
)
infos = st.none() | st.builds(ReadInfo, texts, counts)


def _repair_json(repair: Repair | None) -> dict[str, object] | None:
    if repair is None:
        return None
    return {
        "add_women": repair.add_women,
        "replace_men": repair.replace_men,
        "moves": [{"a": m.a, "b": m.b} for m in repair.moves],
        "remove": repair.remove,
    }


def _finding_json(f: Finding) -> dict[str, object]:
    return {
        "rule": f.rule,
        "status": f.status.value,
        "election": f.election,
        "district": f.district,
        "party": f.party,
        "message": finding_message(f, language("en")),
        "legal_source": f.legal_source,
        "candidates": f.candidates,
        "women": f.women,
        "unknown": f.unknown,
        "required": f.required,
        "shortfall": f.shortfall,
        "seats": f.seats,
        "positions": f.positions,
        "repair": _repair_json(f.repair),
    }


def _party_json(p: PartyHeads) -> dict[str, object]:
    share = None if p.share is None else f"{p.share.numerator}/{p.share.denominator}"
    return {
        "party": p.party, "lists": p.lists, "woman_at_1": p.women, "man_at_1": p.men,
        "unknown_at_1": p.unknown, "share_woman_at_1": share,
    }  # fmt: skip


def _heads_json(heads: ListHeads) -> dict[str, object]:
    return {
        "note": HEADS_NOTE,
        "total": _party_json(heads.total),
        "parties": [_party_json(p) for p in heads.parties],
        "lists": [
            {
                "election": h.election_id,
                "district": h.district_id,
                "party": h.party,
                "position_1": None if h.head is None else h.head.value,
                "sexes": h.sexes,
            }
            for h in heads.lists
        ],
    }


def reference(report: QuotaReport, info: ReadInfo | None, heads: ListHeads | None = None) -> str:
    """The report as the writer wrote it before commit fee6265: each item a dict encoded
    by the json module, items joined by ``,``; the indicator one dict encoded whole."""
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
        {
            "schema_version": schemas.VERSION,
            "lang": "en",
            "rule_set": report.rule_set,
            "source": info.source if info else None,
            "summary": summary,
        }
    )
    lists = [
        {
            "election": r.election,
            "district": r.district,
            "party": r.party,
            "verdict": r.verdict.value,
            "candidates": r.candidates,
            "women": r.women,
        }
        for r in report.results
    ]
    found = [_finding_json(f) for r in report.results for f in r.findings]
    rejected = [
        {"source": r.source, "line": r.line, "field": r.field, "reason": r.reason}
        for r in report.rejected
    ]
    indicators = (
        "" if heads is None else f', "indicators": {encode({"list_heads": _heads_json(heads)})}'
    )
    return (
        f'{head[:-1]}, "lists": [{",".join(map(encode, lists))}], '
        f'"findings": [{",".join(map(encode, found))}], '
        f'"rejected": [{",".join(map(encode, rejected))}]{indicators}}}\n'
    )


def written(report: QuotaReport, info: ReadInfo | None, heads: ListHeads | None = None) -> str:
    out = io.StringIO()
    write(check_document(report, info, heads=heads), JSON, out)
    return out.getvalue()


genders = st.sampled_from(Gender)
facts_ = st.builds(
    lambda e, d, p, sexes, start: ListFacts(
        e, d, p, None, tuple(range(start, start + len(sexes))), tuple(sexes)
    ),
    tricky, tricky, texts, st.lists(genders, max_size=6), st.sampled_from([1, 1, 1, 0, 2]),
)  # fmt: skip
heads_ = st.lists(facts_, max_size=12).map(list_heads) | st.builds(
    ListHeads,
    st.lists(st.builds(ListHead, texts, texts, texts, st.none() | genders, texts)).map(tuple),
    st.lists(st.builds(PartyHeads, texts, counts, counts, counts, counts), max_size=3).map(tuple),
    st.builds(PartyHeads, texts, counts, counts, counts, counts),
)


@settings(max_examples=200, deadline=None)
@given(reports_, heads_)
def test_json_with_the_indicator(report: QuotaReport, heads: ListHeads) -> None:
    assert written(report, None, heads) == reference(report, None, heads)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fast, "_BATCH", 2)
        m.setattr(fast, "_KEPT", 1)
        assert written(report, None, heads) == reference(report, None, heads)


@settings(max_examples=300, deadline=None)
@given(reports_, infos)
def test_json_is_what_the_json_module_writes(report: QuotaReport, info: ReadInfo | None) -> None:
    text = written(report, info)
    assert text == reference(report, info)
    json.loads(text)


@settings(max_examples=50, deadline=None)
@given(reports_, infos)
def test_json_across_batches(report: QuotaReport, info: ReadInfo | None) -> None:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fast, "_BATCH", 2)
        m.setattr(fast, "_KEPT", 1)  # caches cleared between batches
        assert written(report, info) == reference(report, info)


@settings(max_examples=100, deadline=None)
@given(reports_, st.lists(texts, min_size=1, max_size=3))
def test_json_of_findings_copied_to_other_lists(report: QuotaReport, parties: list[str]) -> None:
    """As the engine copies a shape's findings: all but the list's names shared."""
    copies = tuple(
        attrs.evolve(r, party=p, findings=tuple(attrs.evolve(f, party=p) for f in r.findings))
        for p in parties
        for r in report.results
    )
    report = attrs.evolve(report, results=report.results + copies)
    assert written(report, None) == reference(report, None)


def test_json_of_the_sample_data() -> None:
    from kppi_core.adapters.candidates_csv import read_candidate_lists
    from kppi_core.quota import check_lists
    from kppi_core.samples import sample_path

    read = read_candidate_lists(sample_path("candidates"))
    for rules in ("uu7-2017", "pkpu-10-2023"):
        report = check_lists(read.lists, rules, rejected=read.rejected)
        info = ReadInfo("sample", read.rows)
        assert written(report, info) == reference(report, info)


def test_json_of_a_plugin_finding_with_positions_in_a_list() -> None:
    """A plugin's rule that gives its positions as a list (not the declared tuple)
    is written as the json module writes it, not a TypeError."""
    finding = Finding(
        "by-plugin", Status.VIOLATION, "DPR", "D1", "A", "m", "law", 3, 0,
        positions=[1, 2],  # type: ignore[arg-type]
    )  # fmt: skip
    report = QuotaReport(
        "uu7-2017", (ListResult("DPR", "D1", "A", Verdict.NONCOMPLIANT, (finding,), 3, 0),)
    )
    assert written(report, None) == reference(report, None)
