"""The report model: a document of blocks that every ``kppi`` report is built as.

A report is a :class:`Document`: a kind (``"check"``, ``"seats"``,
``"registry"``, …) and a sequence of blocks — a :class:`Heading`,
:class:`Lines` and :class:`Paragraph` of text, :class:`Items` (an indented
outline), :class:`Facts` (a key/value summary), :class:`Table` (rows of typed
cells under named columns), :class:`Notes`, and :class:`Section` (a heading
over blocks). Formats (:mod:`kppi_core.render.formats`) turn a document into
output; they never see model objects, so no personal data reaches an output
unless a report builder put it in a cell.

Each block is shown in one or more *views*: :data:`TERMINAL` (a report read
line by line, the ``text`` format), :data:`PAGE` (a document with headings
and tables: ``markdown``, and later HTML) and :data:`DATA` (rows for a
spreadsheet: ``csv``). Most blocks are in every view; a report whose terminal
outline and page tables differ holds both, each marked with its view.

Cells are typed: ``int`` (a count), :class:`~fractions.Fraction` (a share,
shown exactly), :class:`datetime.date`, ``bool``, ``str``, a tuple of strings
(ids), or ``None`` (nothing to show).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import TextIO, TypeAlias

import attrs

from kppi_core.i18n import language
from kppi_core.render import words

__all__ = [
    "ALL",
    "DATA",
    "PAGE",
    "SHEET",
    "TERMINAL",
    "Block",
    "Cell",
    "Document",
    "Facts",
    "Heading",
    "Items",
    "JsonWriter",
    "Lines",
    "Notes",
    "Paragraph",
    "Section",
    "Table",
    "ids",
    "percent",
    "show",
    "table_report",
]

#: A report read line by line in a terminal (the ``text`` format).
TERMINAL = "terminal"
#: A document with headings and tables (``markdown``; HTML later).
PAGE = "page"
#: Rows for a spreadsheet or a script (``csv``; XLSX later).
DATA = "data"
#: Tables for a workbook beside the data view's (``xlsx`` shows both; ``csv``,
#: one table for a script, only :data:`DATA`).
SHEET = "sheet"
#: Every view: the default of every block.
ALL = frozenset({TERMINAL, PAGE, DATA})

Cell: TypeAlias = str | int | Fraction | datetime.date | bool | tuple[str, ...] | None
#: Writes a report's own JSON document (its contract) to a text stream.
JsonWriter: TypeAlias = Callable[[TextIO], None]


def _views(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen
class Heading:
    """The document's title."""

    text: str
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Lines:
    """Lines of text kept apart (a header such as "Rule set: …" / "Source: …")."""

    lines: tuple[str, ...]
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Paragraph:
    """One paragraph of text."""

    text: str
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Items:
    """An outline: entries of text, each at a depth (0 = not indented)."""

    entries: tuple[tuple[int, str], ...]
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Facts:
    """A key/value summary; keys are identifiers (``records_read``), shown with spaces."""

    items: tuple[tuple[str, Cell], ...]
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Table:
    """Rows under named columns. ``align`` (one ``"l"`` or ``"r"`` per column)
    says how a page aligns each column; left when not given."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[str, ...] | None = None
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Notes:
    """Remarks on the whole report."""

    texts: tuple[str, ...]
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


@attrs.frozen
class Section:
    """A heading over blocks (a district, the rejected records)."""

    heading: str
    blocks: tuple[Block, ...]
    views: frozenset[str] = attrs.field(default=ALL, converter=_views)


Block: TypeAlias = Heading | Lines | Paragraph | Items | Facts | Table | Notes | Section


@attrs.frozen
class Document:
    """A report: its kind and its blocks — a tuple, or a function of the view
    wanted (``None`` for every view) giving them, so a report written as JSON
    never builds its text, and one written as CSV never builds its outline.

    ``json``, when given, writes the report's own JSON document (its
    published contract); without it the ``json`` format writes the generic
    shape (``report``, ``title``, ``facts``, ``tables``, ``notes``).
    ``legacy`` is what formats written before this model were given (the
    quota report and its read info, for ``kppi check``); deprecated.

    ``lang`` is the language of the document's texts (``"en"``, ``"id"``):
    the builder wrote its sentences in it, and the formats show cells,
    column labels and their own words (``(none)``, yes/no) in it too.
    """

    kind: str
    content: tuple[Block, ...] | Callable[[str | None], Iterable[Block]] = ()
    json: JsonWriter | None = attrs.field(default=None, kw_only=True)
    lang: str = attrs.field(default="en", kw_only=True)
    legacy: tuple[object, ...] | None = attrs.field(default=None, kw_only=True)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The blocks of every view, in order."""
        content = self.content
        return content if isinstance(content, tuple) else tuple(content(None))

    def shown(self, view: str) -> tuple[Block, ...]:
        """The blocks shown in ``view``."""
        content = self.content
        found = content if isinstance(content, tuple) else content(view)
        return tuple(b for b in found if view in b.views)

    def tables_in(self, view: str) -> tuple[Table, ...]:
        """The tables shown in ``view`` (sections' included), in order."""
        return tuple(t for t in _tables(self.shown(view), view))

    @property
    def title(self) -> str:
        """The first heading's text, or ``""``."""
        return next((b.text for b in self.blocks if isinstance(b, Heading)), "")

    @property
    def facts(self) -> tuple[tuple[str, Cell], ...]:
        """Every key/value pair of the document's :class:`Facts`."""
        return tuple(kv for b in self.blocks if isinstance(b, Facts) for kv in b.items)

    @property
    def tables(self) -> tuple[Table, ...]:
        """Every table of every view, in order (sections' included)."""
        return tuple(_tables(self.blocks, None))

    @property
    def notes(self) -> tuple[str, ...]:
        """Every note."""
        return tuple(t for b in self.blocks if isinstance(b, Notes) for t in b.texts)

    def table(self, name: str) -> Table:
        """The table called ``name``."""
        from kppi_core.errors import NotFound

        for t in self.tables:
            if t.name == name:
                return t
        raise NotFound(f"no table {name!r} in the {self.kind} report")


def _tables(blocks: Iterable[Block], view: str | None) -> Iterable[Table]:
    for b in blocks:
        if view is not None and view not in b.views:
            continue
        if isinstance(b, Table):
            yield b
        elif isinstance(b, Section):
            yield from _tables(b.blocks, view)


def table_report(
    kind: str,
    title: str,
    facts: tuple[tuple[str, Cell], ...] = (),
    tables: tuple[Table, ...] = (),
    notes: tuple[str, ...] = (),
    *,
    lang: str = "en",
) -> Document:
    """A report of a title, facts, tables and notes, the same in every view
    (the cadre reports: training, outreach, follow-ups, funnel), in ``lang``."""
    return Document(kind, (Heading(title), Facts(facts), *tables, Notes(notes)), lang=lang)


def ids(values: Iterable[str]) -> tuple[str, ...]:
    """Person ids, sorted, as one cell."""
    return tuple(sorted(values))


def percent(share: Fraction | None, lang: str = "en") -> str:
    """``share`` as a percentage with one decimal, rounded half up, exactly:
    ``"21.9%"`` (en), ``"21,9%"`` (id); ``"–"`` for None. A label only."""
    if share is None:
        return "–"
    if lang == "en":  # the common case, without Babel
        tenths = share * 1000
        rounded = (tenths.numerator * 2 + tenths.denominator) // (2 * tenths.denominator)
        return f"{rounded // 10}.{rounded % 10}%"
    return language(lang).percent(share)


def show(value: Cell, lang: str = "en") -> str:
    """A cell as a reader of ``lang`` sees it: a count with the locale's
    grouping (``1,062`` / ``1.062``), a share as ``n/d (p%)``, a flag as
    yes/no, ids joined by spaces, a date as ISO 8601, nothing as ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return words.yes_no(value, lang)
    if isinstance(value, int):
        return language(lang).number(value)
    if isinstance(value, Fraction):
        if value.denominator == 1 and value.numerator in (0, 1):
            return f"{value.numerator} ({percent(value, lang)})"
        return f"{value.numerator}/{value.denominator} ({percent(value, lang)})"
    if isinstance(value, tuple):
        return " ".join(value)
    return str(value)
