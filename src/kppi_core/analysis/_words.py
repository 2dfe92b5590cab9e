"""The cadre reports' words: one document, stable values for scripts, words for a reader.

A cadre report (training, completion, outreach, follow-ups, funnel) is built
once from values that mean the same in every language; :func:`document`
shows each as a script needs it in the data views (JSON, CSV: a status id, an
exact share, an ISO date) and as a reader needs it in the reading views (text,
Markdown, HTML: the status in words, ``14 of 18 (77.8%)``, a date written
out), in the document's language:

* :class:`Share` — a count of a whole: the exact :class:`~fractions.Fraction`
  to a script, ``14 dari 18 (77,8%)`` to a reader (counts as counts, never
  the reduced fraction);
* :class:`Said` — a stable value (an id, a status, ``(none)``) and its words;
* a :class:`datetime.date` fact — ISO 8601 to a script, written out to a
  reader (``1 Desember 2026``); dates in tables stay ISO in every view.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import NamedTuple, TypeAlias

import attrs

from kppi_core.i18n import N_, Language
from kppi_core.render.model import (
    PAGE,
    TERMINAL,
    Block,
    Cell,
    Document,
    Facts,
    Heading,
    Notes,
    Table,
)

__all__ = [
    "COUNTED_ONCE",
    "Said",
    "Share",
    "Sheet",
    "Value",
    "document",
    "nothing",
    "share",
    "word",
]

_SHARE = N_("{part} of {whole} ({percent})")
#: The note of every report that counts persons.
COUNTED_ONCE = N_(
    "Counts are of persons as the registry resolved them; open ambiguities may "
    "still hide one person counted twice."
)
_NOTHING = N_("(none)")


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for the catalog (``ngettext``'s first two arguments)."""
    return (singular, plural)


@attrs.frozen
class Share:
    """``part`` of ``whole`` (``whole`` > 0): a Fraction to a script, counts to a reader."""

    part: int
    whole: int


@attrs.frozen
class Said:
    """A stable value for scripts (``data``) and the words a reader sees (``words``)."""

    data: Cell
    words: str


Value: TypeAlias = Cell | Share | Said


class Sheet(NamedTuple):
    """A table of a cadre report, its cells :data:`Value` s (see :func:`document`)."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: Iterable[tuple[Value, ...]]


def share(part: int, whole: int) -> Share | None:
    """``part`` of ``whole``, or None when ``whole`` is 0 (nothing to share)."""
    return Share(part, whole) if whole else None


def word(table: dict[str, str], code: str, tr: Language) -> Said:
    """A stable code for scripts, its words (the msgid ``table`` has for it) for a reader."""
    return Said(code, tr.gettext(table[code]) if code in table else code)


def nothing(tr: Language) -> Said:
    """``(none)``: the same for scripts in every language, in words for a reader."""
    return Said("(none)", tr.gettext(_NOTHING))


def _cell(value: Value, tr: Language, reader: bool, fact: bool) -> Cell:
    if isinstance(value, Share):
        if not reader:
            return Fraction(value.part, value.whole)
        return tr.format(
            _SHARE,
            part=value.part,
            whole=value.whole,
            percent=Fraction(value.part, value.whole),
        )
    if isinstance(value, Said):
        return value.words if reader else value.data
    if fact and reader and isinstance(value, datetime.date):
        return tr.date(value)
    return value


def document(
    kind: str,
    title: str,
    facts: Iterable[tuple[str, Value]],
    sheets: Iterable[Sheet],
    notes: Iterable[str],
    tr: Language,
) -> Document:
    """A cadre report in ``tr``'s language: a heading, facts, tables and notes,
    each value shown as its view needs it (see the module's docstring)."""
    items = tuple(facts)
    tables = tuple(Sheet(s.name, s.title, s.columns, tuple(s.rows)) for s in sheets)
    remarks = tuple(notes)

    def blocks(view: str | None) -> Iterator[Block]:
        reader = view in (TERMINAL, PAGE)
        yield Heading(title)
        yield Facts(tuple((k, _cell(v, tr, reader, True)) for k, v in items))
        for s in tables:
            rows = tuple(tuple(_cell(v, tr, reader, False) for v in row) for row in s.rows)
            yield Table(s.name, s.title, s.columns, rows)
        yield Notes(remarks)

    return Document(kind, blocks, lang=tr.code)
