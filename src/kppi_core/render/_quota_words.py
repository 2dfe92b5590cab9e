"""The check report's sentences, in the reader's language, from a finding's numbers.

A finding keeps its stable ``rule`` id and its counts; its ``message`` is the
English the rule wrote. A report shows :func:`finding_message` instead: the
sentence rebuilt from the numbers through the catalog, for the rules kppi
ships; a plugin's rule shows its own message (translated when the catalog
has it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import cast

from kppi_core.glossary import REPAIRS, TERMS
from kppi_core.i18n import N_, Language
from kppi_core.quota.findings import Finding, Repair, Status

__all__ = ["finding_message", "legal_text", "or_join", "pair", "repair_text", "term"]


def term(table: Mapping[str, Sequence[str]], key: str) -> str:
    """A glossary message by its key (``term(TERMS, "law")``)."""
    return cast("str", table[key])


def pair(table: Mapping[str, Sequence[str]], key: str) -> tuple[str, str]:
    """A glossary plural pair by its key (``pair(TERMS, "lists")``)."""
    return cast("tuple[str, str]", table[key])


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for the catalog."""
    return (singular, plural)


#: The legal sources of kppi's own rules, as the findings cite them.
_SOURCES = (
    N_("UU 7/2017 art. 245; rounding up: PKPU 20/2018 art. 6(2), MA 24 P/HUM/2023"),
    N_("UU 7/2017 art. 245; rounding half-up: PKPU 10/2023 art. 8(2)"),
    N_("UU 7/2017 art. 246(2)"),
    N_("UU 7/2017 art. 244; UU 8/2012 art. 54"),
    N_("UU 7/2017 art. 243, 246; PKPU 10/2023 (nomor urut)"),
    N_("kppi_core: sex is never guessed"),
    N_("UU 7/2017 art. 173(2)(e)"),
    N_("kppi_core: a verdict on unread data is undetermined"),
)
_EXEMPT = N_("one-candidate list: exempt from the 30%-women rule in KPU practice")
_COULD_DECIDE = _n(
    "{share}; {unknown} candidate of undeclared sex could decide it",
    "{share}; {unknown} candidates of undeclared sex could decide it",
)
_SHORT = N_("{share}: {short}")
_NO_WOMAN = _n("no woman among list numbers {spans}", "no woman in list number blocks {spans}")
_NO_DECLARED = _n(
    "no declared woman among list numbers {spans}; a candidate of undeclared sex could decide it",
    "no declared woman in list number blocks {spans}; candidates of undeclared sex could decide it",
)
_SEATS_UNKNOWN = N_("the district's seat count is unknown")
_UNDECLARED = _n(
    "{n} candidate of undeclared sex at list number {positions}: counted as not a woman",
    "{n} candidates of undeclared sex at list numbers {positions}: counted as not women",
)
_BOARD = _n(
    "{n} of {total} board members is a woman; {needed} needed",
    "{n} of {total} board members are women; {needed} needed",
)
_NO_BOARD = N_("no board members recorded on that day")
# list-incomplete: its numbers are in the English the engine writes (quota/engine.py).
_INCOMPLETE = re.compile(
    r"(?P<n>\d+) row\(s\) (?P<whose>of this list|of this list or that could belong to it"
    r"|that could belong to this list) could not be read(?: \((?:line (?P<lines>[\d, ]+)"
    r"|(?P<fields>[^)]*))\))?: the verdict cannot be certain"
)
_INCOMPLETE_WORDS = {
    "of this list": N_(
        "{n} row(s) of this list could not be read{named}: the verdict cannot be certain"
    ),
    "of this list or that could belong to it": N_(
        "{n} row(s) of this list or that could belong to it could not be read{named}: "
        "the verdict cannot be certain"
    ),
    "that could belong to this list": N_(
        "{n} row(s) that could belong to this list could not be read{named}: "
        "the verdict cannot be certain"
    ),
}
_AT_LINES = N_(" (line {lines})")
# list-numbering: its numbers too are in the English the rule writes (quota/rules.py).
_NUMBERING = re.compile(
    r"list numbers must run 1\.\.(?P<n>\d+): (?:repeated (?P<repeated>[\d, ]+))?(?:; )?"
    r"(?:missing (?P<missing>[\d, ]+))?"
)
_RUN = N_("list numbers must run 1..{n}: {problems}")
_REPEATED = N_("repeated {numbers}")
_MISSING = N_("missing {numbers}")
_OR = N_("{first} or {second}")
_SPAN = N_("{first}–{last}")


def or_join(tr: Language, parts: list[str]) -> str:
    """``a or b or c`` in ``tr``'s words."""
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = tr.format(_OR, first=text, second=part)
    return text


def _women_of(tr: Language, f: Finding) -> str:
    return tr.nformat(*pair(TERMS, "women-of"), f.women, total=f.candidates, needed=f.required or 0)


def _spans(tr: Language, starts: tuple[int, ...]) -> str:
    return ", ".join(tr.format(_SPAN, first=s, last=s + 2) for s in starts)


def _share(tr: Language, f: Finding) -> str:
    if f.status is Status.NOTE:
        return tr.gettext(_EXEMPT)
    if f.status is Status.UNDETERMINED:
        return tr.nformat(*_COULD_DECIDE, f.unknown, share=_women_of(tr, f), unknown=f.unknown)
    short = tr.nformat(*pair(TERMS, "short"), f.shortfall or 0)
    return tr.format(_SHORT, share=_women_of(tr, f), short=short)


def finding_message(f: Finding, tr: Language) -> str:
    """What ``f`` says, in ``tr``'s language, from its numbers."""
    if f.rule == "list-women-share":
        return _share(tr, f)
    if f.rule == "list-zipper" and f.positions:
        forms = _NO_DECLARED if f.status is Status.UNDETERMINED else _NO_WOMAN
        return tr.nformat(*forms, len(f.positions), spans=_spans(tr, f.positions))
    if f.rule == "list-length":
        if f.status is Status.UNDETERMINED or f.seats is None:
            return tr.gettext(_SEATS_UNKNOWN)
        excess = f.candidates - f.seats
        return tr.nformat(*pair(TERMS, "too-many"), f.candidates, seats=f.seats, excess=excess)
    if f.rule == "gender-unknown":
        where = ", ".join(map(tr.number, f.positions))
        return tr.nformat(*_UNDECLARED, f.unknown, positions=where)
    if f.rule == "board-women-share":
        if not f.candidates:
            return tr.gettext(_NO_BOARD)
        return tr.nformat(*_BOARD, f.women, total=f.candidates, needed=f.required or 0)
    if f.rule == "list-incomplete" and tr.code != "en":
        return _incomplete(f.message, tr)
    if f.rule == "list-numbering" and tr.code != "en":
        return _numbering(f.message, tr)
    return tr.gettext(f.message)


def _incomplete(message: str, tr: Language) -> str:
    """The list-incomplete finding in ``tr``'s words (its own text when not the engine's)."""
    found = _INCOMPLETE.fullmatch(message)
    if found is None:
        return tr.gettext(message)
    lines, fields = found.group("lines"), found.group("fields")
    named = f" ({fields})" if fields else ""
    if lines:
        named = tr.format(_AT_LINES, lines=lines)
    words = _INCOMPLETE_WORDS[found.group("whose")]
    return tr.format(words, n=int(found.group("n")), named=named)


def _numbering(message: str, tr: Language) -> str:
    """The list-numbering finding in ``tr``'s words (its own text when not the rule's)."""
    found = _NUMBERING.fullmatch(message)
    if found is None:
        return tr.gettext(message)
    problems = [
        tr.format(words, numbers=found.group(group))
        for words, group in ((_REPEATED, "repeated"), (_MISSING, "missing"))
        if found.group(group)
    ]
    return tr.format(_RUN, n=found.group("n"), problems="; ".join(problems))


def legal_text(source: str, tr: Language) -> str:
    """A finding's legal source in ``tr``'s words (kppi's own sources are in the catalog)."""
    return tr.gettext(source)


def repair_text(repair: Repair | None, tr: Language) -> str:
    """A repair in words: "add 1 female candidate or replace 1 male candidate with a
    female candidate"; each choice alone repairs the list."""
    if repair is None:
        return ""
    parts = []
    if repair.add_women:
        parts.append(tr.nformat(*pair(REPAIRS, "add-women"), repair.add_women))
    if repair.moves:
        parts.append(
            ", ".join(tr.format(term(REPAIRS, "swap"), a=m.a, b=m.b) for m in repair.moves)
        )
    if repair.replace_men:
        parts.append(tr.nformat(*pair(REPAIRS, "replace-men"), repair.replace_men))
    if repair.remove:
        parts.append(tr.nformat(*pair(REPAIRS, "remove"), repair.remove))
    return or_join(tr, parts)
