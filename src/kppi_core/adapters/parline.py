"""IPU Parline's women-in-parliament figures (CSV, and sheets of a workbook) into figures.

Three layouts, told apart by their content (no ``--source`` needed):

- **The long series**: one header row; columns (headers match ignoring case,
  spacing and separators) ``country`` (Country, Country Name), ``date``
  (Date, Year, As of), ``seats`` (Seats, Total Seats, Chamber Total Seats)
  and ``women`` (Women, Number of Women, Total women), with optional
  ``chamber`` (Chamber, House, Chamber Type; a file without it gives
  ``"parliament"``), ``month`` (beside a Year column), ``share`` (% Women,
  %W, Percentage of Women) and ``notes``. Dates may be ``YYYY``,
  ``YYYY-MM``, ``YYYY-MM-DD``, day first (``01/10/2024``), or with an
  English month name (``1 October 2024``, ``Oct 2024``). Counts may carry
  thousands separators (``2,977``).
- **IPU's historical workbook** (1945–2018) is that layout with Year and
  Month columns and ``% Of Women in Chamber`` as a fraction of 1 (``0.019``),
  not a percentage. A month cell may be a range or misspelt (``May- June``,
  ``Janauary``): the first month named is read, and the note says what was
  written. Rows that hold no count (``Not available``, ``?``), several counts
  in one cell (``59 52``, two renewals) or a repeated header row are counted
  as :class:`~kppi_core.sources.Skipped`, not rejected: there is no figure in
  them to reject.
- **IPU's monthly ranking**: a preamble (``Source: …``, ``Date: …``,
  ``Ranking as of 1st September 2021``, a blank line), a two-row header, and
  one row per country with the lower (or single) house and the upper chamber
  side by side (Elections, Seats*, Women, %W each). Each chamber is a figure
  of its own, dated by the ranking's "as of" date (else the preamble's
  ``Date:``); its last election (``M.YYYY``) and its rank (a ditto mark
  ``“`` repeats the rank above: a shared rank) go in the note. A chamber
  written ``-`` does not exist and gives no figure.

A row with a published share and no counts is a *share-only* figure
(``seats`` and ``women`` ``None``, ``stated_share`` exact): never turned into
counts. Otherwise the counts are what a figure keeps and the stated share is
only checked: IPU rounds a percentage twice (to two decimals, then one: 65 of
220 is 29.545%, published 29.6), so a share within half a unit of its last
decimal plus half a unit of the next agrees; beyond that the figure is kept
with a ``note`` saying so. A spreadsheet error in the share cell
(``#VALUE!``, a formula's text) is a note too.

Each figure's source is the read option ``source``, else the ranking
preamble's ``Source:``, else ``"IPU Parline"``. A row with women above seats,
a date that does not parse, or a count that is not a number is a
:class:`~kppi_core.rejections.Rejection`.
"""

from __future__ import annotations

import _csv
import csv
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, final

from kppi_core.adapters._tabular import (
    IS_EMPTY,
    NUL_BYTE,
    ColumnMap,
    delimiter_of,
    first_line,
    header_matches,
    missing_columns,
    normalise_header,
    not_a_csv_row,
    open_csv,
    parse_day,
    ragged,
)
from kppi_core.errors import InvalidRecord, Message, SourceError
from kppi_core.model import PartialDate
from kppi_core.model._checks import MAX_SEATS, not_whole
from kppi_core.privacy import hide_digits, shown
from kppi_core.rejections import Rejection
from kppi_core.representation import RepresentationFigure
from kppi_core.sources import Located, ReadContext, Skipped, SourceSpec

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "FigureRows",
    "ParlineCsvSource",
    "is_figures_header",
    "iter_figures",
    "looks_like_parline",
    "parse_figure_date",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "country": ("country", "country name", "negara"),
    "chamber": ("chamber", "house", "chamber name", "chamber type"),
    "date": ("date", "year", "as of", "as of date", "reference date"),
    "month": ("month",),
    "seats": ("seats", "total seats", "number of seats", "seats total", "chamber total seats"),
    "women": ("women", "number of women", "women seats", "seats held by women", "total women"),
    "share": (
        "% women",
        "%women",
        "% w",
        "%w",
        "women %",
        "% of women",
        "percentage of women",
        "share of women",
    ),
    # IPU's historical workbook: named a percentage, written as a fraction of 1.
    "fraction": ("% of women in chamber",),
    "notes": ("notes", "note"),
}
REQUIRED = ("country",)
#: The ranking's two chambers, in the order its columns give them.
RANKING_CHAMBERS = ("Lower or single House", "Upper chamber")

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NAMED = re.compile(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})")
_COUNT = re.compile(r"\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*|\d+")


def parse_figure_date(text: str) -> PartialDate:
    """A date as Parline exports write it (see the module); raises ``InvalidRecord``."""
    match = _NAMED.fullmatch(text.strip())
    if match:
        day, month, year = match.groups()
        number = _MONTHS.get(month.casefold())
        if number is not None:
            return PartialDate(int(year), number, int(day) if day else None)
    return parse_day(text)


_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# A misspelt month (Janauary, Febrruary, Janvier) by its first three letters,
# which tell the twelve apart.
_PREFIXES = {name[:3].casefold(): i for i, name in enumerate(_NAMES, start=1)}
_MISSING = frozenset({"", "-", "?", "na", "n/a", "not available", "..", "…"})
_SEVERAL = re.compile(r"\d+(?:\s+\d+)+\W*")
_M_YYYY = re.compile(r"(\d{1,2})\.(\d{1,4})")
_DITTO = frozenset({"\u201c", "\u201d", '"', "''", "\u3003", "do", "idem"})


def _month(text: str) -> tuple[int | None, str | None]:
    """The first month a month cell names, and a note when the cell says more or is misspelt."""
    words = re.findall(r"[A-Za-z]+", text)
    if not words:
        return None, None
    number = _MONTHS.get(words[0].casefold()) or _PREFIXES.get(words[0][:3].casefold())
    plain = len(words) == 1 and words[0].casefold() in _MONTHS
    note = None if plain and number else f"month written {text.strip()!r}"
    if number is not None and not plain:
        note = f"{note}; read as {_NAMES[number - 1]}"
    return number, note


def _count(text: str) -> int | None:
    """A count of seats or women, at most :data:`MAX_SEATS` (a chamber's size)."""
    text = text.strip()
    if len(text) > _COUNT_CHARS or not _COUNT.fullmatch(text):
        return None
    value = int(text.replace(",", "").replace(".", ""))
    return value if value <= MAX_SEATS else None


_COUNT_CHARS = 9  # "5,000,000": longer is no chamber's size
# A share as Parline writes it: up to 100, at most 20 decimals (no exponent: 1e-999999999
# would make a fraction of a billion digits).
_SHARE = re.compile(r"\d{1,3}(?:\.\d{1,20})?")


def _share(text: str) -> Decimal | None:
    from decimal import Decimal, InvalidOperation  # imported late: only shares need it

    text = text.strip().removesuffix("%").strip().replace(",", ".")
    if not _SHARE.fullmatch(text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _percent(value: Fraction, places: int) -> str:
    """``value`` (a fraction of 1) as a percentage with ``places`` decimals, rounded
    half up, exactly (no float)."""
    scale = 10**places
    units = (value * 100 * scale * 2 + 1) // 2
    whole, rest = divmod(int(units), scale)
    return f"{whole}.{rest:0{places}d}%" if places else f"{whole}%"


def _scaled(value: Decimal) -> tuple[int, int]:
    """``(n, p)`` with ``value == n / 10**p`` exactly: ``29.6`` → ``(296, 1)``."""
    sign, digits, exponent = value.as_tuple()
    n = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if not isinstance(exponent, int):
        return n, 0
    return (n * 10**exponent, 0) if exponent >= 0 else (n, -exponent)


def _disagrees(stated: Decimal, women: int, seats: int, *, fraction: bool) -> str | None:
    """A note when ``stated`` (a percentage, or a fraction of 1) is further from
    women/seats than IPU's double rounding explains, else ``None``.

    The tolerance is half a unit of the stated last decimal plus half a unit of
    the next (11/20 of a unit); a float written out in full (more than 12
    decimals) is allowed its own noise, 10⁻¹². Whole numbers only.
    """
    n, places = _scaled(stated)
    scale = 10**places * (1 if fraction else 100)  # stated share = n / scale
    # |women/seats − n/scale| ≤ 11 / (20 × unit), all multiplied by 20 × scale × seats
    gap = abs(20 * scale * women - 20 * n * seats)
    allowed = 11 * seats
    if places > 12:  # 10⁻¹² × 20 × scale × seats
        allowed = max(allowed, 20 * 10 ** (places - 12) * (scale // 10**places) * seats)
    if gap <= allowed:
        return None
    written = f"{stated}" if fraction else f"{stated}%"
    return hide_digits(
        f"the stated share {written} disagrees with {women} women of {seats} seats "
        f"({_percent(Fraction(women, seats), 1 if fraction else max(places, 1))})"
    )


def _artefact(text: str) -> bool:
    """A spreadsheet error or a formula's text where a value should be."""
    text = text.strip()
    return text.startswith(("#", "="))


class FigureRows:
    """The row parser of a one-header Parline table, shared by the CSV and XLSX sources.

    ``line`` is where the header row is; :meth:`parse` gives a figure, a
    rejection, a :class:`Skipped` row, or ``None`` for a blank row.
    """

    def __init__(
        self,
        header: Sequence[str],
        source: str,
        options: Mapping[str, str],
        *,
        line: int = 1,
        named: str | None = None,
    ) -> None:
        cols = ColumnMap(header, COLUMNS, REQUIRED, source=source, line=line)
        self.source = source
        self.width = cols.width
        self.country = cols.index["country"]
        self.date = cols.get("date")
        self.month = cols.get("month")
        if self.date is None:  # a lone Month column ("Oct 2024") is the date
            self.date, self.month = self.month, None
        self.seats, self.women = cols.get("seats"), cols.get("women")
        self.fraction = cols.get("fraction") is not None
        self.share = cols.get("fraction") if self.fraction else cols.get("share")
        missing = [n for n, i in (("date", self.date),) if i is None]
        if (self.seats is None or self.women is None) and self.share is None:
            missing.append("seats and women, or a share")
        if missing:
            raise SourceError(missing_columns(missing, header), path=source, line=line)
        self.chamber, self.notes = cols.get("chamber"), cols.get("notes")
        self.named = options.get("source") or named or "IPU Parline"
        self._header = [normalise_header(c) for c in header]

    def _reject(self, line: int, field: str | None, reason: str | Message) -> Rejection:
        return Rejection(self.source, line, field, reason)

    def _skip(self, what: str) -> Skipped:
        return Skipped(self.source, what, 1, "holds no figure to read")

    def parse(self, row: list[str], line: int) -> Located | Rejection | Skipped | None:
        """The figure of one row (see the module)."""
        if not any(cell.strip() for cell in row):
            return None
        if any("\x00" in cell for cell in row):
            return self._reject(line, None, NUL_BYTE)
        if len(row) != self.width:
            return self._reject(line, None, ragged(len(row), self.width))
        if [normalise_header(c) for c in row] == self._header:
            return self._skip("repeated header rows")
        country = row[self.country].strip()
        if not country:
            return self._reject(line, "country", IS_EMPTY)
        notes: list[str] = []
        date = self._date(row, line, notes)
        if isinstance(date, Rejection):
            return date
        counted = self._counts(row, line)
        if not isinstance(counted, tuple):
            return counted
        (seats, women), blank = counted
        share = self._stated(row, line, notes)
        if isinstance(share, Rejection):
            return share
        stated_share = share[1]
        counts = self._reconcile(row, line, (seats, women), blank, share, notes)
        if not isinstance(counts, tuple):
            return counts
        seats, women = counts
        if self.notes is not None and row[self.notes].strip():
            notes.append(hide_digits(" ".join(row[self.notes].split())))
        chamber = row[self.chamber].strip() if self.chamber is not None else ""
        figure = RepresentationFigure(
            country,
            chamber or "parliament",
            date,
            seats,
            women,
            self.named,
            "; ".join(notes) or None,
            stated_share if seats is None else None,
        )
        return Located(figure, line)

    def _reconcile(
        self,
        row: list[str],
        line: int,
        counts: tuple[int | None, int | None],
        blank: list[str],
        share: tuple[Decimal | None, Fraction | None, bool],
        notes: list[str],
    ) -> tuple[int | None, int | None] | Rejection | Skipped:
        """The counts the figure keeps: both, or neither where only the share is
        stated; the stated share checked against them."""
        seats, women = counts
        stated, stated_share, as_fraction = share
        if seats is None or women is None:
            if stated_share is None:
                empty = [f for f in blank if not row[self.seats if f == "seats" else self.women]]  # type: ignore[index]
                if empty and len(blank) == 1:  # a cell left empty beside a count
                    return self._reject(line, empty[0], "is empty")
                what = "rows without counts" if len(blank) == 2 else "rows without a count of women"
                return self._skip(what)
            if seats is not None:
                notes.append(f"{seats} seats, women not counted")
            return None, None  # share-only: the published share, no counts
        elif women > seats:
            cells = (row[self.women], row[self.seats])  # type: ignore[index]
            reason = Message(
                "{women} is more than the {seats} seats",
                women=shown(cells[0]),
                seats=shown(cells[1]),
            )
            return self._reject(line, "women", reason)
        elif stated is not None:
            note = _disagrees(stated, women, seats, fraction=as_fraction)
            if note is not None:
                notes.append(note)
        return seats, women

    def _date(self, row: list[str], line: int, notes: list[str]) -> PartialDate | Rejection:
        """The figure's date, to the month a month cell names (noting what it says more)."""
        assert self.date is not None
        try:
            date = parse_figure_date(row[self.date])
        except InvalidRecord:
            reason = Message(
                "{value} is not a date (YYYY-MM-DD, DD/MM/YYYY, 1 October 2024)",
                value=shown(row[self.date]),
            )
            return self._reject(line, "date", reason)
        if self.month is not None and row[self.month].strip() and date.month is None:
            month, said = _month(row[self.month])
            if month is not None:
                date = PartialDate(date.year, month)
            if said is not None:
                notes.append(said if month is not None else f"{said}; not read as a month")
        return date

    def _counts(
        self, row: list[str], line: int
    ) -> tuple[tuple[int | None, int | None], list[str]] | Rejection | Skipped:
        """``((seats, women), the fields left blank)``: a count is None where blank."""
        counts: dict[str, int | None] = {"seats": None, "women": None}
        blank: list[str] = []
        for field, i in (("seats", self.seats), ("women", self.women)):
            cell = "" if i is None else row[i]
            if cell.strip().casefold() in _MISSING:
                blank.append(field)
                continue
            if _SEVERAL.fullmatch(cell.strip()):
                return self._skip("rows with several counts in one cell")
            value = _count(cell)
            if value is None:
                return self._reject(line, field, not_whole(shown(cell), 0, MAX_SEATS))
            counts[field] = value
        seats, women = counts["seats"], counts["women"]
        if seats is not None and seats < 1:
            return self._reject(line, "seats", Message("must be at least 1"))
        return (seats, women), blank

    def _stated(
        self, row: list[str], line: int, notes: list[str]
    ) -> tuple[Decimal | None, Fraction | None, bool] | Rejection:
        """The share the row states, as written and as a fraction of 1, and whether
        it is written as a fraction (else a percentage)."""
        share_cell = row[self.share].strip() if self.share is not None else ""
        stated = None
        if share_cell.casefold() not in _MISSING:
            if _artefact(share_cell):
                notes.append(f"the share cell holds {shown(share_cell)}, not a value")
            else:
                stated = _share(share_cell)
                if stated is None:
                    reason = Message("{value} is not a percentage", value=shown(share_cell))
                    return self._reject(line, "share", reason)
        percent_cell = share_cell.endswith("%")
        as_fraction = self.fraction and not percent_cell
        stated_share = None
        if stated is not None:
            stated_share = Fraction(stated) if as_fraction else Fraction(stated) / 100
            if not 0 <= stated_share <= 1:
                reason = Message("{value} is not between 0 and 100%", value=shown(share_cell))
                return self._reject(line, "share", reason)
        return stated, stated_share, as_fraction


#: How many rows a ranking's preamble and two-row header may take.
_RANKING_SCAN = 12
_AS_OF = re.compile(r"(?:ranking\s+)?as\s+of\s+(.+)", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


def _is_ranking_header(row: Sequence[str]) -> bool:
    cells = [normalise_header(c) for c in row]
    return "lower or single house" in cells


def looks_like_parline(head: bytes) -> bool:
    """Whether a CSV's first bytes are one of the Parline layouts (see the module)."""
    text = first_line(head)
    if text.casefold().startswith("source: inter-parliamentary union"):
        return True
    lines = head.decode("utf-8", "replace").splitlines()[:_RANKING_SCAN]
    for raw in lines:
        try:
            row = next(csv.reader([raw]), [])
        except csv.Error:
            continue
        if _is_ranking_header(row):
            return True
    try:
        first = next(csv.reader([text], delimiter=delimiter_of(text)), [])
    except csv.Error:
        return False
    return is_figures_header(first)


def is_figures_header(cells: Sequence[str]) -> bool:
    """Whether a header row names a one-header Parline table: a country, a date,
    and seats and women or a share."""
    found = header_matches(cells, COLUMNS)
    counted = "seats" in found and "women" in found
    dated = "date" in found or "month" in found
    return "country" in found and dated and (counted or "share" in found or "fraction" in found)


def _ranking_date(text: str) -> PartialDate | None:
    match = _AS_OF.search(text)
    if not match:
        return None
    try:
        return parse_figure_date(_ORDINAL.sub(r"\1", match.group(1)).strip().rstrip(","))
    except InvalidRecord:
        return None


class _Ranking:
    """IPU's monthly ranking: two chambers per row (see the module)."""

    def __init__(self, source: str, named: str, date: PartialDate, width: int) -> None:
        self.source, self.named, self.date, self.width = source, named, date, width
        self.rank: str | None = None

    def _reject(self, line: int, field: str | None, reason: str | Message) -> Rejection:
        return Rejection(self.source, line, field, reason)

    def parse(
        self, row: list[str], line: int
    ) -> list[Located | Rejection | Skipped] | Rejection | None:
        if not any(cell.strip() for cell in row):
            return None
        if any("\x00" in cell for cell in row):
            return self._reject(line, None, NUL_BYTE)
        if len(row) != self.width:
            return self._reject(line, None, ragged(len(row), self.width))
        rank_cell, country = row[0].strip(), row[1].strip()
        if not country:
            return self._reject(line, "country", IS_EMPTY)
        shared = rank_cell in _DITTO
        status = None
        if shared:
            if self.rank is None:
                reason = Message("a ditto mark with no rank above it")
                return self._reject(line, "rank", reason)
        elif rank_cell.isdigit():
            self.rank = rank_cell
        elif rank_cell:
            status = rank_cell  # "Suspended": the parliament, not a rank
        out: list[Located | Rejection | Skipped] = []
        for k, chamber in enumerate(RANKING_CHAMBERS):
            cells = [c.strip() for c in row[2 + 4 * k : 6 + 4 * k]]
            if all(c in _MISSING for c in cells):
                continue  # no such chamber
            if all(c in _MISSING for c in cells[1:]):  # an election date, no figure
                out.append(Skipped(self.source, "chambers without counts", 1, "no figure to read"))
                continue
            ranked = (shared if status is None else None) if k == 0 else None
            out.append(self._chamber(country, chamber, cells, line, ranked))
        if status is not None and not out:
            what = "countries without a figure (parliament suspended, …)"
            out.append(Skipped(self.source, what, 1, "no figure to read"))
        return out

    def _chamber(
        self, country: str, chamber: str, cells: list[str], line: int, shared: bool | None
    ) -> Located | Rejection:
        elected, seats_cell, women_cell, share_cell = cells
        field = "upper " if chamber == RANKING_CHAMBERS[1] else ""
        notes: list[str] = []
        if shared is not None and self.rank is not None:
            notes.append(f"rank {self.rank}{' (shared)' if shared else ''}")
        if elected not in _MISSING:
            match = _M_YYYY.fullmatch(elected)
            if match and len(match.group(2)) == 4 and 1 <= int(match.group(1)) <= 12:
                notes.append(f"last election {int(match.group(1))}.{match.group(2)}")
            else:
                notes.append(f"last election written {elected!r} (not a month.year)")
        counts = []
        for name, cell in (("seats", seats_cell), ("women", women_cell)):
            value = None if cell in _MISSING else _count(cell)
            if value is None and cell not in _MISSING:
                reason = Message("{value} is not a whole number", value=shown(cell))
                return self._reject(line, f"{field}{name}", reason)
            counts.append(value)
        seats, women = counts
        stated = None if share_cell in _MISSING else _share(share_cell)
        if stated is None and share_cell not in _MISSING:
            reason = Message("{value} is not a percentage", value=shown(share_cell))
            return self._reject(line, f"{field}%W", reason)
        stated_share = None if stated is None else Fraction(stated) / 100
        if seats is None or women is None:
            if stated_share is None or not 0 <= stated_share <= 1:
                return self._reject(line, f"{field}seats", Message("no counts and no share"))
            seats = women = None
        else:
            if seats < 1:
                return self._reject(line, f"{field}seats", Message("must be at least 1"))
            if women > seats:
                reason = Message(
                    "{women} is more than the {seats} seats", women=str(women), seats=str(seats)
                )
                return self._reject(line, f"{field}women", reason)
            if stated is not None:
                note = _disagrees(stated, women, seats, fraction=False)
                if note is not None:
                    notes.append(note)
            stated_share = None
        figure = RepresentationFigure(
            country,
            chamber,
            self.date,
            seats,
            women,
            self.named,
            "; ".join(notes) or None,
            stated_share,
        )
        return Located(figure, line)


def iter_figures(
    path: str | Path,
    *,
    options: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[Located | Rejection | Skipped]:
    """Stream a Parline CSV in any of its layouts: each figure with its line, each
    row without a figure as :class:`Skipped`, or a rejection."""
    path = Path(path)
    options = options or {}
    source = str(path)
    reader, _lines, header = open_csv(path, encoding, progress)
    rows: list[list[str]] = [header]
    first = header[0].strip().casefold() if header else ""
    if not _is_ranking_header(header) and first.startswith("source:"):
        try:
            for row in reader:  # the ranking's preamble, up to its two-row header
                rows.append(row)
                if _is_ranking_header(row) or reader.line_num > _RANKING_SCAN:
                    break
        except csv.Error as exc:
            reason = Message("the ranking's preamble cannot be read: {why}", why=str(exc))
            raise SourceError(reason, path=source, line=reader.line_num) from None
    if any(_is_ranking_header(r) for r in rows):
        yield from _iter_ranking(reader, rows, source, options)
        return
    figures = FigureRows(header, source, options)
    while True:
        try:
            for row in reader:
                item = figures.parse(row, reader.line_num)
                if item is not None:
                    yield item
            return
        except csv.Error as exc:  # the for loop resumes on the same reader
            yield Rejection(source, reader.line_num, None, not_a_csv_row(exc))


def _iter_ranking(
    reader: _csv.Reader, rows: list[list[str]], source: str, options: Mapping[str, str]
) -> Iterator[Located | Rejection | Skipped]:
    named = None
    date = None
    stamped = None
    for row in rows:
        first = row[0].strip() if row else ""
        key, sep, value = first.partition(":")
        if sep and key.strip().casefold() == "source":
            named = value.strip() or None
        elif sep and key.strip().casefold() == "date":
            try:
                stamped = parse_figure_date(value)
            except InvalidRecord:
                stamped = None
        elif first:
            date = date or _ranking_date(first)
    at = next(i for i, r in enumerate(rows) if _is_ranking_header(r))
    date = date or stamped
    if date is None:
        raise SourceError(
            Message(
                "a ranking without its date (no 'Ranking as of …' or 'Date:' line above the header)"
            ),
            path=source,
            line=at + 1,
        )
    second = next(reader, None)  # the header's second row: Rank, Country, Elections, …
    if second is None or normalise_header(second[1] if len(second) > 1 else "") != "country":
        raise SourceError(
            Message(
                "the ranking's second header row (Rank, Country, Elections, Seats*, …) is missing"
            ),
            path=source,
            line=at + 2,
        )
    ranking = _Ranking(source, options.get("source") or named or "IPU Parline", date, len(second))
    while True:
        try:
            for row in reader:
                out = ranking.parse(row, reader.line_num)
                if out is None:
                    continue
                if isinstance(out, Rejection):
                    yield out
                else:
                    yield from out
            return
        except csv.Error as exc:  # the for loop resumes on the same reader
            yield Rejection(source, reader.line_num, None, not_a_csv_row(exc))


@final
class ParlineCsvSource:
    """The built-in ``parline-csv`` source (see the module)."""

    spec = SourceSpec(
        name="parline-csv",
        description="IPU Parline's women in parliament: the long series, the historical "
        "workbook, the monthly ranking (option: source)",
        yields=("RepresentationFigure",),
        patterns=("*.csv",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the file is one of the Parline layouts (see :func:`looks_like_parline`)."""
        return looks_like_parline(head)

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection | Skipped]:
        """Each figure with its line, each row without a figure, and every rejection."""
        return iter_figures(
            path, options=context.options, encoding=context.encoding, progress=context.progress
        )
