"""The seats and representation reports as documents: every word they show is here.

Each report is written in the document's language (``lang``, ``"en"`` or
``"id"``) through the catalogs: the law's and KPU's words in Indonesian
(*kursi*, *dapil*, *ambang batas parlemen*, *calon terpilih*, *DPRD
Kabupaten/Kota*), counts read as counts ("9 of 45 seats", "9 dari 45
kursi"), numbers and percentages per locale (``1.653``, ``20,0%``).

Elected candidates are named (their names are public on KPU lists); nothing
else about a person is shown: no NIK, no birth date, no contact.
Percentages are exact fractions rounded half up to one decimal for reading;
JSON carries the exact fraction (``"n/d"``) beside them, and its keys, ids
and numbers are the same in every language (only ``lang`` and the texts
differ).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TextIO, cast

from kppi_core.errors import InvalidRecord
from kppi_core.glossary import CHAMBERS, TERMS
from kppi_core.i18n import N_, Language, language
from kppi_core.model import Candidacy, Chamber
from kppi_core.rejections import Rejection, text_in
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
from kppi_core.seats.allocation import NO_COMPETING_PARTY, RAN_OUT
from kppi_core.seats.chambers import CHAMBER_RULES, SEAT_NOTE, DistrictResult, ElectionResult
from kppi_core.seats.election import PartyElected
from kppi_core.seats.representation import MINIMUM, TARGET, Gap, Representation

if TYPE_CHECKING:
    from kppi_core.conversion import KppiConverter
    from kppi_core.counts import CountProgress

__all__ = ["progress_label", "representation_document", "seats_document"]

_TERMINAL = frozenset({TERMINAL})
_PAGE = frozenset({PAGE})
_DATA = frozenset({DATA})
_READ = frozenset({TERMINAL, PAGE})


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for the catalog (``ngettext``'s first two arguments)."""
    return (singular, plural)


def _term(key: str) -> tuple[str, str]:
    return cast("tuple[str, str]", TERMS[key])


# ---------------------------------------------------------------- the words of both reports

_SEATS = _n("{n} seat", "{n} seats")
_DISTRICTS = _n("{n} district", "{n} districts")
_WOMEN = _n("{n} woman", "{n} women")
_NONE = N_("none")
_REJECTED = N_("Rejected records ({n}):")
_RECORDS_READ = cast("str", TERMS["records-read"])
_REJECTED_PAGE = N_("Rejected records")

#: Each method by its id (``Method.id``), as Indonesian sources name it.
_METHODS = {
    # TRANSLATORS: UU 7/2017 Pasal 415 ayat (2): 'dibagi dengan bilangan pembagi 1 dan diikuti
    # secara berurutan oleh bilangan ganjil 3; 5; 7; dan seterusnya'. KPU, Bawaslu and the press
    # write 'metode Sainte Lague'; 'murni' (pure) as against 'modifikasi' (first divisor 1,4), the
    # words of the 2017 debate (suara.com, 11 Apr 2019).
    "sainte-lague": N_("pure Sainte-Laguë method (divisors 1, 3, 5, 7, …)"),
    "dhondt": N_("D'Hondt method (divisors 1, 2, 3, 4, …)"),
    "modified-sainte-lague": N_("modified Sainte-Laguë method (divisors 1.4, 3, 5, 7, …)"),
    # TRANSLATORS: Indonesia's method until 2014: 'Kuota Hare', with BPP (Bilangan Pembagi
    # Pemilih) as the quota (tribunnews.com, 20 Apr 2019).
    "hare": N_("Hare quota and largest remainders"),
}
_METHOD = N_("method {method}")
_RULES = {
    # TRANSLATORS: 'sistem proporsional terbuka' (tribunnews.com, 16 Feb 2024); PKPU 6/2024: calon
    # terpilih 'ditetapkan berdasarkan suara terbanyak'.
    "open-list": N_("open list: the candidates with the most votes take a party's seats"),
    "closed-list": N_("closed list: list order fills a party's seats (a what-if)"),
}
# TRANSLATORS: UU 7/2017 Pasal 414: 'ambang batas perolehan suara paling sedikit 4% (empat
# persen) dari jumlah suara sah secara nasional' for DPR seats; none for DPRD (ayat (2)). Commonly
# 'ambang batas parlemen (parliamentary threshold)'.
_NO_THRESHOLD = N_("no parliamentary threshold")
_THRESHOLD = {
    "national": N_("parliamentary threshold {share} of national valid votes"),
    "districts": N_(
        "parliamentary threshold {share}, measured on the districts read "
        "(a stand-in for the national count)"
    ),
}
_PRIORITY = {
    # TRANSLATORS: PKPU 6/2024 Pasal 29 as reported (Radar Sulbar, Mar 2024): when votes and their
    # spread are equal, 'calon berjenis kelamin perempuan ditetapkan sebagai calon terpilih'.
    True: N_("a tie between a woman and a man goes to the woman"),
    False: N_("no priority for women in a tie"),
}
_CUSTOM = N_("custom rules")
_CHAMBER_LINE = N_("{chamber}; {method}; {threshold}")
_RULE_LINE = N_("{rule}; {priority}")
_TITLE = N_("Seats: {source}")
_HEAD = N_("Seats: {source} — {read}")
_DISTRICT = N_("{election} · {district}: {seats}")
_DISTRICT_PAGE = N_("{district} ({seats})")
_PARTY = N_("{party}: {seats} — {elected}")
_PERSON = _n("{name} ({sex}, {n} vote)", "{name} ({sex}, {n} votes)")
_VACANT = _n("{n} seat vacant: the list is too short", "{n} seats vacant: the list is too short")
_OPEN = _n("{n} seat open by a tie", "{n} seats open by a tie")
_PARTY_TIE = _n(
    "tie between parties {parties} for {n} seat at quotient {quotient}: {how}",
    "tie between parties {parties} for {n} seats at quotient {quotient}: {how}",
)
_GIVEN = N_("given to {parties}")
_LEFT_OPEN = N_("left open")
_CANDIDATE_TIE = N_(
    "tie in {party}: {candidates} on {votes} votes for {seats}; given: {given}; open: {open}"
)
_BY_WOMAN_RULE = N_("{name} (woman rule)")
_BY_TIE_BREAK = N_("{name} (tie-break)")
_NOTE = N_("note: {text}")
_SUMMARY = N_("{districts}: women won {women_of_seats} ({share}); {open}")
_UNRESOLVED = _n("{n} seat left open by an undecided tie", "{n} seats left open by undecided ties")
_DATA_TITLE = N_("Seats and elected candidates")
_OPEN_NOTE = N_("{open} open by a tie; {vacant} vacant (list too short)")
_TIE_NOTE = N_("quotient {quotient}; chosen: {chosen}")
# A count's progress, on the source line, so a snapshot never reads as a result.
# TRANSLATORS: TPS (tempat pemungutan suara): a polling station.
_PARTIAL = N_("PARTIAL count, not a result: {counted} of {total} polling stations")
_COMPLETE = N_("complete count: {counted} of {total} polling stations")
_AS_OF = N_("as of {when}")


def _shown(text: str, tr: Language) -> str:
    """A text that may be a msgid (the sample's name, a legal source) in ``tr``'s words;
    any other text (a path) as it is."""
    return tr.gettext(text) if text else text


@functools.cache
def _conv() -> KppiConverter:
    """A converter keeping every field: the JSON keys are a contract."""
    from kppi_core.conversion import make_converter

    return make_converter(omit_defaults=False)


def _chamber_name(text: str, tr: Language) -> str:
    """An election id or a council written as a chamber (``DPRD_KABKO``) in words
    (``DPRD Kabupaten/Kota``); any other text as it is."""
    try:
        chamber = Chamber.parse(text)
    except InvalidRecord:
        return text
    return tr.gettext(CHAMBERS[chamber.value])


def progress_label(progress: CountProgress, lang: str = "en") -> str:
    """A count's progress for the source line: ``PARTIAL count, not a result: 431 of
    634 polling stations (68.0%), as of …``, so a snapshot never reads as a result."""
    tr = language(lang)
    what = _PARTIAL if progress.partial else _COMPLETE
    text = tr.format(what, counted=progress.counted, total=progress.total)
    if progress.share is not None:
        text += f" ({percent(progress.share, lang)})"
    if progress.as_of:
        text += ", " + tr.format(_AS_OF, when=progress.as_of)
    return text


def _rejected(rejected: Sequence[Rejection], tr: Language) -> Iterator[Block]:
    """The rejected records, for a terminal (after the figures) — see :func:`_rejected_page`."""
    if rejected:
        yield Section(
            tr.format(_REJECTED, n=len(rejected)),
            (Items(tuple((1, text_in(r, tr)) for r in rejected)),),
            _TERMINAL,
        )


def _rejected_page(rejected: Sequence[Rejection], tr: Language) -> Iterator[Block]:
    if rejected:
        yield Section(
            tr.gettext(_REJECTED_PAGE),
            (Items(tuple((0, text_in(r, tr)) for r in rejected)),),
            _PAGE,
        )


# ---------------------------------------------------------------------------- kppi seats


def _who(c: Candidacy) -> dict[str, Any]:
    return {
        "party": c.party,
        "list_position": c.list_position,
        "name": c.name,
        "gender": c.gender.value,
        "votes": c.votes,
    }


def _seats(n: int, tr: Language) -> str:
    return tr.nformat(*_SEATS, n)


def _person(c: Candidacy, tr: Language) -> str:
    sex = c.gender.code or "?"
    if c.votes is None:
        return f"{c.name} ({sex})"
    return tr.nformat(*_PERSON, c.votes, name=c.name, sex=sex)


def _elected(p: PartyElected, tr: Language) -> str:
    return ", ".join(_person(c, tr) for c in p.elected)


def _names(names: Sequence[str], tr: Language) -> str:
    return ", ".join(names) or tr.gettext(_NONE)


def _ties(d: DistrictResult, tr: Language) -> list[str]:
    lines = []
    for t in d.allocation.ties:
        how = tr.format(_GIVEN, parties=", ".join(t.chosen)) if t.chosen else tr.gettext(_LEFT_OPEN)
        lines.append(
            tr.nformat(
                *_PARTY_TIE,
                t.seats,
                parties=", ".join(t.parties),
                quotient=str(t.quotient),
                how=how,
            )
        )
    for ct in d.elected.ties:
        given = [tr.format(_BY_WOMAN_RULE, name=c.name) for c in ct.by_woman_priority]
        given += [tr.format(_BY_TIE_BREAK, name=c.name) for c in ct.by_tie_break]
        lines.append(
            tr.format(
                _CANDIDATE_TIE,
                party=ct.party,
                candidates=tr.nformat(*_term("candidates"), len(ct.candidates)),
                votes=ct.votes,
                seats=_seats(ct.seats, tr),
                given=_names(given, tr),
                open=ct.open,
            )
        )
    return lines


def _note(note: str, d: DistrictResult, result: ElectionResult, tr: Language) -> str:
    """A district's note in ``tr``'s words: the seat-range note rebuilt from its numbers."""
    rules = CHAMBER_RULES.get(result.chamber) if result.chamber else None
    if rules is not None:
        low, high = rules.district_seats
        fields = {"seats": d.seats, "low": low, "high": high}
        if note == SEAT_NOTE.format(**fields, chamber=rules.chamber.value):
            chamber = tr.gettext(CHAMBERS[rules.chamber.value])
            return tr.format(SEAT_NOTE, **fields, chamber=chamber)
    return _shown(note, tr)


def _unfilled(d: DistrictResult, tr: Language) -> list[dict[str, Any]]:
    """The seats no party could take, their reason in ``tr``'s words."""
    ran_out = RAN_OUT.format(parties=", ".join(d.allocation.capped) or NO_COMPETING_PARTY)
    parties = ", ".join(d.allocation.capped) or tr.gettext(NO_COMPETING_PARTY)
    return [
        {
            "seats": u.seats,
            "reason": tr.format(RAN_OUT, parties=parties)
            if u.reason == ran_out
            else _shown(u.reason, tr),
        }
        for u in d.allocation.unfilled
    ]


def _head(
    result: ElectionResult, source: str, read: int, rejected: int, tr: Language
) -> tuple[str, str, str]:
    chamber = tr.gettext(CHAMBERS[result.chamber.value]) if result.chamber else tr.gettext(_CUSTOM)
    method = _METHODS.get(result.method)
    threshold = tr.gettext(_NO_THRESHOLD)
    if result.threshold:
        share = percent(result.threshold, tr.code)
        threshold = tr.format(_THRESHOLD.get(result.threshold_basis, _THRESHOLD["national"]),
                              share=share)  # fmt: skip
    accepted = read - rejected
    records = tr.format(_RECORDS_READ, records=read, accepted=accepted, rejected=rejected)
    rule = _RULES.get(result.rule)
    return (
        tr.format(_HEAD, source=_shown(source, tr), read=records),
        tr.format(
            _CHAMBER_LINE,
            chamber=chamber,
            method=tr.gettext(method) if method else tr.format(_METHOD, method=result.method),
            threshold=threshold,
        ),
        tr.format(
            _RULE_LINE,
            rule=tr.gettext(rule) if rule else result.rule,
            priority=tr.gettext(_PRIORITY[result.woman_priority]),
        ),
    )


def _summary(result: ElectionResult, tr: Language) -> str:
    share = Fraction(result.women, result.seats) if result.seats else None
    return tr.format(
        _SUMMARY,
        districts=tr.nformat(*_DISTRICTS, len(result.districts)),
        women_of_seats=tr.nformat(*_term("seats-of"), result.seats, part=result.women),
        share=percent(share, tr.code),
        open=tr.nformat(*_UNRESOLVED, result.unresolved),
    )


def _district_outline(d: DistrictResult, result: ElectionResult, tr: Language) -> Section:
    entries: list[tuple[int, str]] = []
    for p in d.elected.parties:
        if not p.seats:
            continue
        seats, elected = _seats(p.seats, tr), _elected(p, tr)
        entries.append((1, tr.format(_PARTY, party=p.party, seats=seats, elected=elected)))
        if p.vacant:
            entries.append((2, tr.nformat(*_VACANT, p.vacant)))
    entries += [(1, t) for t in _ties(d, tr)]
    entries += [(1, tr.format(_NOTE, text=_note(n, d, result, tr))) for n in d.notes]
    heading = tr.format(
        _DISTRICT,
        election=_chamber_name(d.election_id, tr),
        district=d.district_id,
        seats=_seats(d.seats, tr),
    )
    return Section(heading, (Items(tuple(entries)),), _TERMINAL)


def _page_elected(p: PartyElected, tr: Language) -> str:
    elected = _elected(p, tr)
    return f"{elected}; {tr.nformat(*_OPEN, p.open)}" if p.open else elected


def _district_page(d: DistrictResult, tr: Language) -> Section:
    rows = tuple((p.party, p.seats, _page_elected(p, tr)) for p in d.elected.parties if p.seats)
    blocks: list[Block] = [
        Table("seats", "", ("party", "seats", "elected"), rows, ("l", "r", "l"), _PAGE)
    ]
    ties = _ties(d, tr)
    if ties:
        blocks.append(Items(tuple((0, t) for t in ties), _PAGE))
    heading = tr.format(_DISTRICT_PAGE, district=d.district_id, seats=_seats(d.seats, tr))
    return Section(heading, tuple(blocks), _PAGE)


_SEATS_COLUMNS = ("kind", "election", "district", "seats", "party", "party_seats",
                  "list_position", "name", "gender", "votes", "note")  # fmt: skip


def _seats_rows(result: ElectionResult, rejected: Sequence[Rejection], tr: Language) -> Table:
    rows: list[tuple[Any, ...]] = []
    for d in result.districts:
        for p in d.elected.parties:
            for c in p.elected:
                rows.append(
                    ("elected", d.election_id, d.district_id, d.seats, p.party, p.seats,
                     c.list_position, c.name, c.gender.code, c.votes, "")
                )  # fmt: skip
            if p.open or p.vacant:
                note = tr.format(_OPEN_NOTE, open=p.open, vacant=p.vacant)
                rows.append(("open", d.election_id, d.district_id, d.seats, p.party,
                             p.seats, "", "", "", "", note))  # fmt: skip
        for t in d.allocation.ties:
            chosen = " ".join(t.chosen) or tr.gettext(_NONE)
            note = tr.format(_TIE_NOTE, quotient=str(t.quotient), chosen=chosen)
            rows.append(
                ("party-tie", d.election_id, d.district_id, d.seats, " ".join(t.parties),
                 t.seats, "", "", "", "", note)
            )  # fmt: skip
    rows += [("rejected", "", "", "", "", "", "", "", "", "", text_in(r, tr)) for r in rejected]
    return Table("seats", tr.gettext(_DATA_TITLE), _SEATS_COLUMNS, tuple(rows), None, _DATA)


def _seats_blocks(
    result: ElectionResult,
    source: str,
    records: int,
    rejected: Sequence[Rejection],
    lang: str,
    view: str | None,
) -> Iterator[Block]:
    tr = language(lang)
    head = _head(result, source, records, len(rejected), tr)
    yield Heading(tr.format(_TITLE, source=_shown(source, tr)), _PAGE)
    yield Lines(head, _TERMINAL)
    yield Lines(head[1:], _PAGE)
    for d in result.districts:
        yield _district_outline(d, result, tr)
        yield _district_page(d, tr)
    yield from _rejected(rejected, tr)
    yield Paragraph(_summary(result, tr), _READ)
    yield from _rejected_page(rejected, tr)
    yield _seats_rows(result, rejected, tr)


def _seats_json(
    result: ElectionResult,
    source: str,
    records: int,
    rejected: Sequence[Rejection],
    lang: str,
    out: TextIO,
) -> None:
    conv = _conv()
    tr = language(lang)
    data = {
        "schema_version": SCHEMA_VERSION,
        "lang": tr.code,
        "source": source,
        "records": records,
        "chamber": result.chamber.value if result.chamber else None,
        "method": result.method,
        "threshold": str(result.threshold),
        "threshold_basis": result.threshold_basis,
        "rule": result.rule,
        "woman_priority": result.woman_priority,
        "passing": list(result.passing),
        "legal_sources": [_shown(s, tr) for s in result.sources],
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
                "unfilled": _unfilled(d, tr),
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
                "notes": [_note(n, d, result, tr) for n in d.notes],
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
    lang: str = "en",
) -> Document:
    """The seats per party and the elected candidates of every district, in ``lang``."""
    code = language(lang).code
    return Document(
        "seats",
        functools.partial(_seats_blocks, result, source, records, rejected, code),
        json=functools.partial(_seats_json, result, source, records, rejected, code),
        lang=code,
    )


# ------------------------------------------------------------------- kppi representation

_REPRESENTATION = N_("Women's representation: {source}")
_REPRESENTATION_DATA = N_("Women's representation")
_FIGURE = N_("{figure}: women have {women_of_seats} ({share})")
_UNDETERMINED = _n(
    "{n} seat whose holder's sex is not known or not decided",
    "{n} seats whose holders' sex is not known or not decided",
)
# TRANSLATORS: KPPI's targets as the Kota Serang branch states them (gelumpai.id): '30 persen
# keterwakilan perempuan di parlemen', and if not reached 'minimal angka 15 persen'.
_GOALS = (
    ("target", N_("30% target: {required} — {state}")),
    ("minimum", N_("15% minimum: {required} — {state}")),
)
_MET = N_("met")
_SHORT = _n("{n} more woman needed", "{n} more women needed")

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


def _label(r: Representation, tr: Language) -> str:
    parts = [_chamber_name(r.council, tr)]
    if r.region:
        parts.append(r.region)
    if r.party:
        parts.append(r.party)
    return " · ".join(parts)


def _figure(r: Representation, source: str, tr: Language) -> list[tuple[int, str]]:
    """A figure and its two gaps; its source is said when it is not the report's."""
    when = [str(r.date)] if r.date else []
    if r.source != source:
        when.append(_shown(r.source, tr))
    figure = _label(r, tr) + (f" ({', '.join(when)})" if when else "")
    text = tr.format(
        _FIGURE,
        figure=figure,
        women_of_seats=tr.nformat(*_term("seats-of"), r.seats, part=r.women),
        share=percent(r.share, tr.code),
    )
    if r.undetermined:
        text += "; " + tr.nformat(*_UNDETERMINED, r.undetermined)
    entries = [(0, text)]
    gaps: dict[str, Gap] = {"target": r.to_target, "minimum": r.to_minimum}
    for key, message in _GOALS:
        g = gaps[key]
        state = tr.gettext(_MET) if g.met else tr.nformat(*_SHORT, g.missing)
        required = tr.nformat(*_WOMEN, g.required)
        entries.append((1, tr.format(message, required=required, state=state)))
    return entries


def _representation_blocks(
    rows: Sequence[Representation],
    source: str,
    rejected: Sequence[Rejection],
    lang: str,
    view: str | None,
) -> Iterator[Block]:
    tr = language(lang)
    title = tr.format(_REPRESENTATION, source=_shown(source, tr))
    yield Heading(title, _PAGE)
    entries = tuple(e for r in rows for e in _figure(r, source, tr))
    yield Section(title, (Items(entries),), _TERMINAL)
    n = tr.number
    yield Table(
        "figures",
        "",
        ("council", "date", "source", "women_seats", "share", "to_30", "to_15"),
        tuple(
            (_label(r, tr), str(r.date) if r.date else "", _shown(r.source, tr),
             f"{n(r.women)} / {n(r.seats)}", percent(r.share, tr.code),
             f"+{n(r.to_target.missing)}", f"+{n(r.to_minimum.missing)}")
            for r in rows
        ),
        ("l", "l", "l", "r", "r", "r", "r"),
        _PAGE,
    )  # fmt: skip
    yield from _rejected(rejected, tr)
    yield from _rejected_page(rejected, tr)
    yield Table(
        "representation",
        tr.gettext(_REPRESENTATION_DATA),
        _COLUMNS,
        # the share as a number (a workbook's cell); "n/d" in CSV, as in JSON; the
        # source in the reader's words (the sample's name), as the JSON keeps it
        tuple(
            tuple({**_row(r), "source": _shown(r.source, tr), "share": r.share}.values())
            for r in rows
        ),
        None,
        _DATA,
    )


def _representation_json(
    rows: Sequence[Representation],
    source: str,
    rejected: Sequence[Rejection],
    lang: str,
    out: TextIO,
) -> None:
    data = {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
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
    lang: str = "en",
) -> Document:
    """Share of women and the gaps to 30% and 15%, one figure per council, party or
    district, in ``lang``."""
    code = language(lang).code
    return Document(
        "representation",
        functools.partial(_representation_blocks, rows, source, rejected, code),
        json=functools.partial(_representation_json, rows, source, rejected, code),
        lang=code,
    )
