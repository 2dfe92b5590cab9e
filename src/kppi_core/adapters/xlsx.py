"""Excel workbooks (.xlsx): candidate lists (KPU's published ones too), members, attendance.

Each sheet is read on its own. Its header row is found among its first 20
rows (KPU's sheets put a title block above it) by the column names the CSV
sources know, in English or Indonesian, and decides the table:

- ``candidates``: the columns of the candidates CSV
  (:mod:`kppi_core.adapters.candidates_csv`);
- ``kpu-candidates``: a list as KPU publishes it — party, dapil, nomor urut,
  nama, jenis kelamin (domisili and others optional) — with no election or
  seats column. The election is the read option ``election``, else the
  file's stem; seats stay unknown unless a seats column is there, so no
  :class:`~kppi_core.model.District` comes out. A blank party or dapil cell
  takes the value above it (merged cells read blank after their first row);
- ``attendance``: as :mod:`kppi_core.adapters.attendance_csv` (a timestamp
  column tells it apart, or ODK Central's or KoboToolbox's own columns;
  options ``training``, ``session`` and ``utc_offset``);
- ``membership``: as :mod:`kppi_core.adapters.membership_csv`;
- ``parline``: women in parliament as IPU Parline publishes them, its
  historical workbook (1945–2018) included, as
  :mod:`kppi_core.adapters.parline` reads them.

The read option ``table`` forces one table for every sheet, ``sheet`` reads
one sheet only. Rows are read by the CSV sources' own row parsers, so a row
is accepted or rejected exactly as its CSV twin would be; cells become text
first (whole numbers without ``.0``, dates as ``YYYY-MM-DD``, date-times as
``YYYY-MM-DD HH:MM:SS``). Cells right of the header's last named column are
ignored. Rejections name the sheet: ``book.xlsx[Sheet1]:12``. A sheet with
content but no header row is one rejection.

openpyxl is an optional extra (``pip install 'kppi_core[xlsx]'``), imported
only when a workbook is read, in read-only mode (rows stream from the zip).
A missing openpyxl, or a file that is not a readable workbook (truncated, not
a zip), raises :class:`~kppi_core.errors.SourceError` naming the file.
"""

from __future__ import annotations

import datetime
import importlib
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, final

from kppi_core.adapters import attendance_csv, candidates_csv, membership_csv, parline
from kppi_core.adapters._tabular import header_matches
from kppi_core.errors import Message, SourceError
from kppi_core.limits import MAX_XLSX_BYTES
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Skipped, SourceSpec

__all__ = ["HEADER_SCAN_ROWS", "TABLES", "XlsxSource", "find_header"]

#: How many rows from the top of a sheet are searched for its header row.
HEADER_SCAN_ROWS = 20
#: The tables a sheet can hold, in the order they are tried.
TABLES = ("candidates", "kpu-candidates", "attendance", "membership", "parline")

_KPU_REQUIRED = ("party", "district", "list_number", "name", "gender")
_INSTALL = "reading .xlsx needs openpyxl: pip install 'kppi_core[xlsx]'"


def _table_of(cells: Sequence[str]) -> str | None:
    """The table a header row names, or ``None``."""
    found = header_matches(cells, candidates_csv.COLUMNS)
    if all(c in found for c in candidates_csv.REQUIRED):
        return "candidates"
    if all(c in found for c in _KPU_REQUIRED):
        return "kpu-candidates"
    layout = attendance_csv.layout_of(cells)
    found = header_matches(attendance_csv.form_header(cells, layout), attendance_csv.COLUMNS)
    if "name" in found and ("timestamp" in found or layout is not None):
        return "attendance"
    found = header_matches(cells, membership_csv.COLUMNS)
    if all(c in found for c in membership_csv.REQUIRED):
        return "membership"
    if parline.is_figures_header(cells):
        return "parline"
    return None


def find_header(rows: Sequence[Sequence[str]], table: str | None = None) -> tuple[int, str] | None:
    """``(index, table)`` of the first row naming a known table's columns (only
    ``table`` when given), or ``None``."""
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = _table_of(cells)
        if found is not None and (table is None or found == table):
            return i, found
        if table is not None and found is None and _forced(cells, table):
            return i, table
    return None


def _forced(cells: Sequence[str], table: str) -> bool:
    """Whether a row names the required columns of ``table``, whatever else it could be."""
    if table in ("candidates", "kpu-candidates"):
        need = candidates_csv.REQUIRED if table == "candidates" else _KPU_REQUIRED
        return all(c in header_matches(cells, candidates_csv.COLUMNS) for c in need)
    if table == "parline":
        return parline.is_figures_header(cells)
    module = attendance_csv if table == "attendance" else membership_csv
    return all(c in header_matches(cells, module.COLUMNS) for c in module.REQUIRED)


def _text(value: object) -> str:
    """A cell as the CSV sources would see it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


_RowParser = Callable[[list[str], int], Iterator[Located | Rejection | Skipped]]


def _damaged() -> tuple[type[BaseException], ...]:
    """What reading a damaged sheet raises: zip, deflate and XML errors (lxml's too
    are SyntaxErrors), a missing part. Imported late: only a read needs them."""
    import zipfile
    import zlib

    return (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, SyntaxError)


def _parser(
    table: str, header: list[str], source: str, stem: str, line: int, options: Mapping[str, str]
) -> tuple[int, _RowParser]:
    """The width rows are cut to, and a function from a row to its records."""
    if table == "membership":
        members = membership_csv.MembershipRows(header, source, stem, line=line)
        return members.width, _records_of(members.parse)
    if table == "attendance":
        sheet = attendance_csv.AttendanceRows(header, source, stem, options, line=line)
        return sheet.width, _records_of(sheet.parse)
    if table == "parline":
        figures = parline.FigureRows(header, source, options, line=line)

        def figure(row: list[str], at: int) -> Iterator[Located | Rejection | Skipped]:
            out = figures.parse(row, at)
            if out is not None:
                yield out

        return figures.width, figure
    return len(header), _candidates_parser(table, header, source, stem, line, options)


def _records_of(
    parse: Callable[[list[str], int], list[Located] | Rejection | None],
) -> _RowParser:
    """A row parser from a ``parse`` giving a row's records, its rejection or None."""

    def records(row: list[str], at: int) -> Iterator[Located | Rejection]:
        out = parse(row, at)
        if isinstance(out, Rejection):
            yield out
        elif out is not None:
            yield from out

    return records


def _candidates_parser(
    table: str, header: list[str], source: str, stem: str, line: int, options: Mapping[str, str]
) -> _RowParser:
    """The row parser of a candidates sheet: the library's columns, or KPU's
    published layout (no election column, maybe no seats, merged party and
    district cells)."""
    if table == "kpu-candidates":
        found = header_matches(header, candidates_csv.COLUMNS)
        extra = ["election"] + ([] if "seats" in found else ["seats"])
        election = options.get("election") or stem
        parser = candidates_csv._Parser([*extra, *header], source, line=line, seats_optional=True)
        prefix = [election] + ([] if "seats" in found else [""])
        fill = [found["party"], found["district"]]
    else:
        parser = candidates_csv._Parser(header, source, line=line)
        prefix, fill = [], []
    seen: set[tuple[str, str]] = set()
    above: dict[int, str] = {}

    def candidates(row: list[str], at: int) -> Iterator[Located | Rejection]:
        if not any(cell.strip() for cell in row):
            return  # a blank row: no record (the prefix would make it look filled)
        if fill:
            for i in fill:  # merged cells: blank below their first row
                if row[i].strip():
                    above[i] = row[i]
                elif i in above:
                    row[i] = above[i]
        _key, item = parser.parse([*prefix, *row], at, False)
        if isinstance(item, Rejection):
            yield item
        elif item is not candidates_csv._BLANK:
            yield from candidates_csv._records(item, at, seen)  # type: ignore[arg-type]

    return candidates


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook that would unpack to more than :data:`MAX_XLSX_BYTES`, or
    whose parts are packed more tightly than spreadsheet XML ever is (a
    decompression bomb), before any of it is read."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return  # openpyxl says why it cannot be read
    total = sum(p.file_size for p in parts)
    if total > MAX_XLSX_BYTES:
        reason = Message(
            "unpacks to {total} bytes, more than {limit}: not read",
            total=total,
            limit=MAX_XLSX_BYTES,
        )
        raise SourceError(reason, path=str(path))
    for part in parts:
        if part.file_size > _BOMB_MIN and part.file_size > _BOMB_RATIO * max(1, part.compress_size):
            reason = Message(
                "part {part} is packed {ratio} to 1, as no spreadsheet is (a decompression "
                "bomb?): not read",
                part=repr(part.filename),
                ratio=part.file_size // max(1, part.compress_size),
            )
            raise SourceError(reason, path=str(path))


# Spreadsheet XML packs about 5 to 30 to 1; a part of more than 16 MiB packed
# more than 200 to 1 is filler.
_BOMB_MIN = 16 << 20
_BOMB_RATIO = 200


def _open(path: Path) -> Any:
    try:  # by name: no stubs needed, and the extra may be missing
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise SourceError(_INSTALL, path=str(path)) from None
    if not path.exists():
        raise SourceError(Message("no such file"), path=str(path))
    if path.is_dir():
        raise SourceError(Message("is a directory, not a file"), path=str(path))
    _check_unpacked_size(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file: all mean "unreadable"
        reason = Message(
            "not a readable .xlsx workbook ({kind}): truncated, or not an xlsx",
            kind=type(exc).__name__,
        )
        raise SourceError(reason, path=str(path)) from None


def _sheet(
    sheet: Any, path: Path, options: Mapping[str, str], forced: str | None
) -> Iterator[Located | Rejection | Skipped]:
    source = f"{path}[{sheet.title}]"
    rows = sheet.iter_rows(values_only=True)
    head: list[list[str]] = []
    for values in rows:
        head.append([_text(v) for v in values])
        if len(head) >= HEADER_SCAN_ROWS:
            break
    found = find_header(head, forced)
    if found is None:
        if any(cell.strip() for cells in head for cell in cells):
            scanned = min(len(head), HEADER_SCAN_ROWS)
            reason = Message(
                "no header row of a known table in its first {scanned} rows; not read",
                scanned=str(scanned),
            )
            yield Rejection(source, None, None, reason)
        return
    at, table = found
    header = head[at]
    while header and not header[-1].strip():
        header.pop()
    width, parse = _parser(table, header, source, path.stem, at + 1, options)

    def fitted(cells: list[str]) -> list[str]:
        if len(cells) < width:
            return cells + [""] * (width - len(cells))
        return cells[:width]

    for offset, cells in enumerate(head[at + 1 :], start=at + 2):
        yield from parse(fitted(cells), offset)
    line = len(head)
    for values in rows:
        line += 1
        yield from parse(fitted([_text(v) for v in values]), line)


def _read(path: Path, context: ReadContext) -> Iterator[Located | Rejection | Skipped]:
    path = Path(path)
    book = _open(path)
    options = context.options
    forced = options.get("table") or None
    if forced is not None and forced not in TABLES:
        raise SourceError(f"unknown table {forced!r}; known: {', '.join(TABLES)}", path=str(path))
    try:
        names = list(book.sheetnames)
        wanted = options.get("sheet")
        if wanted is not None:
            if wanted not in names:
                raise SourceError(
                    f"no sheet {wanted!r}; the workbook has {', '.join(names)}", path=str(path)
                )
            names = [wanted]
        for name in names:
            yield from _sheet(book[name], path, options, forced)
    except _damaged() as exc:  # a damaged sheet inside a readable zip
        reason = Message(
            "a sheet cannot be read ({kind}): the workbook is damaged", kind=type(exc).__name__
        )
        raise SourceError(reason, path=str(path)) from None
    finally:
        book.close()


@final
class XlsxSource:
    """The built-in ``xlsx`` source (see the module)."""

    spec = SourceSpec(
        name="xlsx",
        description="Excel workbooks: candidate lists (also as KPU publishes them), "
        "membership exports, attendance sheets, IPU Parline figures (options: table, sheet, "
        "election, training, session)",
        yields=(
            "District",
            "Candidacy",
            "Organization",
            "Person",
            "Membership",
            "Participation",
            "RepresentationFigure",
        ),
        patterns=("*.xlsx", "*.xlsm"),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the file is a zip named like a workbook."""
        return head.startswith(b"PK\x03\x04") and path.suffix.casefold() in (".xlsx", ".xlsm")

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection | Skipped]:
        """Each sheet's records with their row numbers, and every rejection."""
        return _read(path, context)
