"""The check report's figures per party, and KPPI's list-head indicator.

Blocks for :func:`kppi_core.render.quota.check_document`: women's share of
each party's lists against the required 30%, the lists of each party that
fail each rule, and — labelled as KPPI's indicator, not a legal rule — the
share of each party's lists headed by a woman (nomor urut 1) with each
list's positions by sex (the page's list-position grid).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from kppi_core.glossary import GENDERS
from kppi_core.i18n import N_, Language, language
from kppi_core.model import Gender
from kppi_core.quota.findings import QuotaReport, Status, Verdict
from kppi_core.quota.indicators import ListHeads, PartyHeads
from kppi_core.render.model import PAGE, SHEET, TERMINAL, Block, Cell, Paragraph, Section, Table

__all__ = ["GRID_MAX_LISTS", "HEADS_NOTE", "HEADS_RULE", "head_rows", "heads_json", "party_blocks"]

_ALL_BUT_DATA = frozenset({TERMINAL, PAGE, SHEET})
#: Each list's positions (and the page's list-position grid) are shown on a page
#: for this many lists at most (a city's or a province's file): a national
#: file's 35,000 rows belong in a workbook.
GRID_MAX_LISTS = 400
_PAGE_SHEET = frozenset({PAGE, SHEET})

#: The indicator's id, where a rule's id would stand (the CSV's ``rule`` column).
HEADS_RULE = "kppi-list-head"
#: What the indicator is, said wherever it is shown.
HEADS_NOTE = N_(
    "KPPI indicator, not a legal rule: the law asks for 30% women and one woman in every "
    "three positions; it says nothing of who heads a list (nomor urut 1)."
)
_HEAD_WORDS = {
    Gender.FEMALE: GENDERS["female"],
    Gender.MALE: GENDERS["male"],
    Gender.UNKNOWN: GENDERS["unknown"],
    None: N_("no position 1"),
}


def _parties(report: QuotaReport, tr: Language) -> Table:
    totals: dict[str, list[int]] = {}
    for r in report.results:
        t = totals.setdefault(r.party, [0, 0, 0, 0, 0])
        t[0] += 1
        t[1] += r.candidates
        t[2] += r.women
        t[3] += r.verdict is Verdict.NONCOMPLIANT
        t[4] += r.verdict is Verdict.UNDETERMINED
    rows = tuple(
        (p, n, c, w, Fraction(w, c) if c else None, Fraction(3, 10), bad, open_)
        for p, (n, c, w, bad, open_) in sorted(totals.items())
    )
    return Table(
        "parties",
        tr.gettext(N_("Women on each party's lists (all districts)")),
        ("party", "lists", "candidates", "women", "share", "required", "noncompliant",
         "undetermined"),
        rows,
        ("l", "r", "r", "r", "r", "r", "r", "r"),
        _ALL_BUT_DATA,
    )  # fmt: skip


def _failures(report: QuotaReport, tr: Language) -> Table | None:
    by_party: dict[str, dict[str, int]] = {}
    for r in report.results:
        for rule in {f.rule for f in r.findings if f.status is Status.VIOLATION}:
            counts = by_party.setdefault(r.party, {})
            counts[rule] = counts.get(rule, 0) + 1
    rules = sorted({rule for counts in by_party.values() for rule in counts})
    if not rules:
        return None
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (p, *(by_party[p].get(rule, 0) for rule in rules)) for p in sorted(by_party)
    )
    return Table(
        "rule_failures",
        tr.gettext(N_("Lists that fail each rule, per party")),
        ("party", *rules),
        rows,
        ("l", *("r",) * len(rules)),
        _PAGE_SHEET,
    )


def _heads(heads: ListHeads, tr: Language) -> Iterator[Block]:
    rows: list[tuple[Cell, ...]] = [
        (p.party, p.lists, p.women, p.men, p.unknown, p.share) for p in heads.parties
    ]
    t = heads.total
    g = tr.gettext
    rows.append((g(N_("all parties")), t.lists, t.women, t.men, t.unknown, t.share))
    yield Paragraph(g(HEADS_NOTE), _ALL_BUT_DATA)
    yield Table(
        "list_heads",
        g(N_("Lists headed by a woman, per party")),
        ("party", "lists", "woman_at_1", "man_at_1", "unknown_at_1", "share_woman_at_1"),
        tuple(rows),
        ("l", "r", "r", "r", "r", "r"),
        _ALL_BUT_DATA,
    )
    on_page = len(heads.lists) <= GRID_MAX_LISTS
    if not on_page:
        yield Paragraph(
            tr.format(
                N_(
                    "Each list's positions by sex: in the workbook (--format xlsx, sheet "
                    "list_positions) and the JSON; a page shows them for up to {n} lists."
                ),
                n=GRID_MAX_LISTS,
            ),
            frozenset({PAGE}),
        )
    yield Table(
        "list_positions",
        g(N_("Each list: who is at position 1, and every position by sex (P woman, L man)")),
        ("election", "district", "party", "position_1", "sexes"),
        tuple(
            (election, district, party, g(_HEAD_WORDS[head]), sexes)
            for election, district, party, head, sexes in heads.rows()
        ),
        ("l", "l", "l", "l", "l"),
        _PAGE_SHEET if on_page else frozenset({SHEET}),
    )


def party_blocks(
    report: QuotaReport, heads: ListHeads | None, tr: Language | None = None
) -> Iterator[Block]:
    """The figures per party and, given ``heads``, the indicator, as sections in
    ``tr``'s words (English by default)."""
    if not report.results:
        return
    tr = tr or language()
    blocks: list[Block] = [_parties(report, tr)]
    failures = _failures(report, tr)
    if failures is not None:
        blocks.append(failures)
    yield Section(tr.gettext(N_("By party")), tuple(blocks), _ALL_BUT_DATA)
    if heads is not None and heads.lists:
        yield Section(
            tr.gettext(N_("Women at list position 1 (KPPI indicator)")),
            tuple(_heads(heads, tr)),
            _ALL_BUT_DATA,
        )


def heads_json(
    heads: ListHeads, tr: Language | None = None, *, lists: bool = True
) -> dict[str, object]:
    """The indicator as the check JSON's ``indicators.list_heads``, its note in
    ``tr``'s words (without its per-list entries unless ``lists``:
    :func:`heads_lists_json` gives them)."""

    def party(p: PartyHeads) -> dict[str, object]:
        share = p.share
        return {
            "party": p.party, "lists": p.lists, "woman_at_1": p.women, "man_at_1": p.men,
            "unknown_at_1": p.unknown,
            "share_woman_at_1": None if share is None else f"{share.numerator}/{share.denominator}",
        }  # fmt: skip

    found: dict[str, object] = {
        "note": (tr or language()).gettext(HEADS_NOTE),
        "total": party(heads.total),
        "parties": [party(p) for p in heads.parties],
    }
    if lists:
        found["lists"] = list(heads_lists_json(heads))
    return found


def heads_lists_json(heads: ListHeads) -> Iterator[dict[str, object]]:
    """Each list's entry of ``indicators.list_heads.lists``, in order."""
    for election, district, party, head, sexes in heads.rows():
        yield {
            "election": election,
            "district": district,
            "party": party,
            "position_1": None if head is None else head.value,
            "sexes": sexes,
        }


_HEAD_ROW = N_("position 1: {who} (KPPI indicator, not a legal rule)")


def head_rows(heads: ListHeads | None, tr: Language | None = None) -> list[tuple[Cell, ...]]:
    """The indicator as rows of the check table's data view (``kind`` ``list-head``),
    in its columns (see :data:`kppi_core.render.quota._DATA_COLUMNS`), its
    message in ``tr``'s words (English by default)."""
    if heads is None:
        return []
    tr = tr or language()
    said = {
        head: tr.format(_HEAD_ROW, who=tr.gettext(words)) for head, words in _HEAD_WORDS.items()
    }
    return [
        ("list-head", HEADS_RULE, "indicator", election, district, party,
         len(sexes), sexes.count("P"), sexes.count("?"), None, None, None, "1",
         said[head], "", "", None, None, None)
        for election, district, party, head, sexes in heads.rows()
    ]  # fmt: skip
