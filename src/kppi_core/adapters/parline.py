"""IPU Parline's women-in-parliament series (CSV) into representation figures.

Columns (headers match ignoring case, spacing and separators): ``country``
(Country, Country Name), ``date`` (Date, Year, As of, Month), ``seats``
(Seats, Total Seats, Number of Seats) and ``women`` (Women, Number of Women,
Seats held by women) are required; optional ``chamber`` (Chamber, House; a
file without it gives ``"parliament"``) and ``share`` (% Women, %W, Women %,
Percentage of Women). Dates may be ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
day first (``01/10/2024``), or with an English month name (``1 October
2024``, ``Oct 2024``). Counts may carry thousands separators (``2,977``).

Each row gives a :class:`~kppi_core.representation.RepresentationFigure`
with its date and its source: the read option ``source``, else ``"IPU
Parline"``. The counts are what the figure keeps; the stated percentage is
only checked: when it disagrees with women/seats by more than its own
rounding (half a unit of its last decimal), the figure is kept with a
``note`` saying so, since the counts are the primary data and dropping the
row would lose them. A row without a count, with women above seats, or with a
date that does not parse is a :class:`~kppi_core.rejections.Rejection`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, final

from kppi_core.adapters._tabular import (
    ColumnMap,
    open_csv,
    parse_day,
    sniff_csv_header,
)
from kppi_core.errors import InvalidRecord
from kppi_core.model import PartialDate
from kppi_core.model._checks import MAX_SEATS
from kppi_core.privacy import hide_digits, shown
from kppi_core.rejections import Rejection
from kppi_core.representation import RepresentationFigure
from kppi_core.sources import Located, ReadContext, SourceSpec

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "ParlineCsvSource",
    "iter_figures",
    "parse_figure_date",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "country": ("country", "country name", "negara"),
    "chamber": ("chamber", "house", "chamber name", "chamber type"),
    "date": ("date", "year", "as of", "as of date", "month", "reference date"),
    "seats": ("seats", "total seats", "number of seats", "seats total"),
    "women": ("women", "number of women", "women seats", "seats held by women"),
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
}
REQUIRED = ("country", "date", "seats", "women")

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


def _count(text: str) -> int | None:
    """A count of seats or women, at most :data:`MAX_SEATS` (a chamber's size)."""
    text = text.strip()
    if len(text) > _COUNT_CHARS or not _COUNT.fullmatch(text):
        return None
    value = int(text.replace(",", "").replace(".", ""))
    return value if value <= MAX_SEATS else None


_COUNT_CHARS = 9  # "5,000,000": longer is no chamber's size
# A share as Parline writes it: up to 100, at most 6 decimals (no exponent: 1e-999999999
# would make a fraction of a billion digits).
_SHARE = re.compile(r"\d{1,3}(?:\.\d{1,6})?")


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


class _Rows:
    def __init__(self, header: list[str], source: str, options: Mapping[str, str]) -> None:
        cols = ColumnMap(header, COLUMNS, REQUIRED, source=source)
        self.source = source
        self.width = cols.width
        self.country, self.date, self.seats, self.women = (cols.index[c] for c in REQUIRED)
        self.chamber, self.share = cols.get("chamber"), cols.get("share")
        self.named = options.get("source") or "IPU Parline"

    def parse(self, row: list[str], line: int) -> Located | Rejection | None:
        if not any(cell.strip() for cell in row):
            return None
        if any("\x00" in cell for cell in row):
            return Rejection(self.source, line, None, "contains a NUL byte")
        if len(row) != self.width:
            reason = f"has {len(row)} fields, the header has {self.width}"
            return Rejection(self.source, line, None, reason)
        country = row[self.country].strip()
        if not country:
            return Rejection(self.source, line, "country", "is empty")
        chamber = row[self.chamber].strip() if self.chamber is not None else ""
        try:
            date = parse_figure_date(row[self.date])
        except InvalidRecord:
            reason = (
                f"{shown(row[self.date])} is not a date (YYYY-MM-DD, DD/MM/YYYY, 1 October 2024)"
            )
            return Rejection(self.source, line, "date", reason)
        counts = {}
        for field, i in (("seats", self.seats), ("women", self.women)):
            cell = row[i]
            if not cell.strip():
                return Rejection(self.source, line, field, "is empty")
            value = _count(cell)
            if value is None:
                reason = f"{shown(cell)} is not a whole number from 0 to {MAX_SEATS:,}"
                return Rejection(self.source, line, field, reason)
            counts[field] = value
        seats, women = counts["seats"], counts["women"]
        if seats < 1:
            return Rejection(self.source, line, "seats", "must be at least 1")
        if women > seats:
            reason = f"{shown(row[self.women])} is more than the {shown(row[self.seats])} seats"
            return Rejection(self.source, line, "women", reason)
        note = None
        if self.share is not None and row[self.share].strip():
            stated = _share(row[self.share])
            if stated is None:
                reason = f"{shown(row[self.share])} is not a percentage"
                return Rejection(self.source, line, "share", reason)
            exponent = stated.as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            tolerance = Fraction(1, 2 * 10**places)
            actual = Fraction(100 * women, seats)
            if abs(actual - Fraction(stated)) > tolerance:
                note = hide_digits(
                    f"the stated share {stated}% disagrees with {women} women of {seats} "
                    f"seats ({float(actual):.{max(places, 1)}f}%)",
                )
        figure = RepresentationFigure(
            country, chamber or "parliament", date, seats, women, self.named, note
        )
        return Located(figure, line)


def iter_figures(
    path: str | Path,
    *,
    options: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[Located | Rejection]:
    """Stream a Parline CSV: each figure with its line, or a rejection."""
    path = Path(path)
    reader, _lines, header = open_csv(path, encoding, progress)
    rows = _Rows(header, str(path), options or {})
    while True:
        try:
            for row in reader:
                item = rows.parse(row, reader.line_num)
                if item is not None:
                    yield item
            return
        except csv.Error as exc:  # the for loop resumes on the same reader
            yield Rejection(rows.source, reader.line_num, None, f"not a CSV row: {exc}")


@final
class ParlineCsvSource:
    """The built-in ``parline-csv`` source (see the module)."""

    spec = SourceSpec(
        name="parline-csv",
        description="IPU Parline's women-in-parliament series: country, chamber, date, "
        "seats, women (option: source)",
        yields=("RepresentationFigure",),
        patterns=("*.csv",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the header names a country, a date, seats and women."""
        return sniff_csv_header(head, COLUMNS, REQUIRED) is not None

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each figure with its line, and every rejection."""
        return iter_figures(
            path, options=context.options, encoding=context.encoding, progress=context.progress
        )
