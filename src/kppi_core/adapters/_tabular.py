"""What every tabular source shares: decoding with line numbers, header aliases."""

from __future__ import annotations

import _csv
import codecs
import csv
import io
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from kppi_core.errors import InvalidPartialDate, Message, SourceError
from kppi_core.limits import MAX_LINE
from kppi_core.model import Nik, PartialDate, _trusted
from kppi_core.privacy import shown
from kppi_core.sources import open_file

__all__ = [
    "DELIMITERS",
    "IS_EMPTY",
    "NUL_BYTE",
    "ColumnMap",
    "DecodedLines",
    "csv_reader",
    "decoded_lines",
    "delimiter_of",
    "first_line",
    "header_matches",
    "missing_columns",
    "nik_of",
    "normalise_header",
    "not_a_csv_row",
    "open_csv",
    "parse_day",
    "ragged",
    "read_header",
    "slug",
    "sniff_csv_header",
    "split_columns",
    "strict_rows",
    "unquote",
]

_CHUNK = 1 << 18
_SEPARATORS = re.compile(r"[\s_.\-/]+")

# The reasons every tabular source gives.
#: A cell that must hold something and holds nothing.
IS_EMPTY = Message("is empty")
#: A row with a NUL byte (a damaged file).
NUL_BYTE = Message("contains a NUL byte")


def ragged(fields: int, width: int) -> Message:
    """The reason a row of ``fields`` cells is refused under a header of ``width``."""
    return Message(
        "has {fields} fields, the header has {width}", fields=str(fields), width=str(width)
    )


def _csv_error(exc: csv.Error) -> Message:
    """The csv module's complaint as a message (one it has words for, else as it is)."""
    text = str(exc)
    head, _, limit = text.partition(" (")
    if head == "field larger than field limit" and limit.rstrip(")").isdigit():
        return Message("field larger than field limit ({limit})", limit=limit.rstrip(")"))
    return Message.text(text)


def missing_columns(missing: Sequence[str], header: Sequence[str]) -> Message:
    """The reason a header lacking the ``missing`` columns is refused."""
    found = ", ".join(shown(c) for c in header)
    if not found:
        return Message(
            "missing required column(s) {missing}; the header has nothing",
            missing=", ".join(missing),
        )
    return Message(
        "missing required column(s) {missing}; the header has {found}",
        missing=", ".join(missing),
        found=found,
    )


def not_a_csv_row(exc: csv.Error) -> Message:
    """The reason a row the csv module could not split is refused."""
    return Message("not a CSV row: {why}", why=_csv_error(exc))


def normalise_header(text: str) -> str:
    """``" Nomor_Urut "`` → ``"nomor urut"``: case, spacing and separators folded."""
    return _SEPARATORS.sub(" ", text.strip().lstrip("\ufeff").casefold()).strip()


class DecodedLines:
    """The lines of a file, decoded strictly, a UTF-8 BOM dropped; iterate it.

    Reads in chunks, so memory stays flat. Bytes that are not ``encoding``
    raise :class:`SourceError` naming the line and the byte. ``nul_seen`` turns
    true once a chunk holding a NUL byte has been handed out, so a reader can
    look for NULs in rows only when there are any.
    """

    def __init__(
        self,
        path: Path,
        encoding: str = "utf-8",
        progress: Callable[[int], None] | None = None,
    ) -> None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            reason = Message("unknown encoding {encoding}", encoding=repr(encoding))
            raise SourceError(reason, path=str(path)) from None
        self.path = path
        self.encoding = encoding
        self.progress = progress
        self.nul_seen = False

    def __iter__(self) -> Iterator[str]:
        # Lines come from one StringIO per chunk, chained in C: no Python frame per line.
        # newline="" splits lines as open(..., newline="") does, which is what csv
        # expects; unlike str.splitlines it leaves \x0c or \u2028 alone.
        return itertools.chain.from_iterable(
            io.StringIO(text, newline="") for text in self.blocks()
        )

    def blocks(self) -> Iterator[str]:
        """The decoded text in blocks of whole lines (each ends with ``\n``, but
        perhaps the last), about 256 KiB of bytes each."""
        if "\n".encode(self.encoding, "replace") != b"\n":
            # UTF-16 or UTF-32 (Excel's "Unicode text"): a line break is not the byte
            # 0x0a, so the bytes are decoded first, incrementally, then cut at lines.
            yield from self._wide_blocks()
            return
        path, encoding = self.path, self.encoding
        handle = open_file(path)
        line = 1
        first = True
        carry = b""
        pending: list[bytes] = []  # blocks of a line still without its end
        pending_size = 0
        strip_bom = encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig")
        with handle:
            while True:
                block = handle.read(_CHUNK)
                if self.progress is not None and block:
                    self.progress(len(block))
                if block:
                    cut = block.rfind(b"\n") + 1
                    if cut == 0:  # joined once the line ends: no copying per block
                        pending.append(block)
                        pending_size += len(block)
                        if len(carry) + pending_size > MAX_LINE:
                            raise SourceError(
                                Message(
                                    "a line longer than {limit} bytes: not a text table",
                                    limit=MAX_LINE,
                                ),
                                path=str(path),
                                line=line,
                            )
                        continue
                    data = b"".join((carry, *pending, block[:cut]))
                    carry = block[cut:]
                    pending.clear()
                    pending_size = 0
                else:
                    data = b"".join((carry, *pending))
                    carry = b""
                    pending.clear()
                    if not data:
                        return
                if first:
                    first = False
                    if strip_bom:
                        data = data.removeprefix(codecs.BOM_UTF8)
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError as exc:
                    bad = line + data.count(b"\n", 0, exc.start)
                    byte, hint = f"0x{data[exc.start]:02x}", encoding.startswith("utf")
                    raise SourceError(
                        Message(
                            "byte {byte} is not valid {encoding} (try --encoding cp1252)",
                            byte=byte,
                            encoding=encoding,
                        )
                        if hint
                        else Message(
                            "byte {byte} is not valid {encoding}", byte=byte, encoding=encoding
                        ),
                        path=str(path),
                        line=bad,
                    ) from None
                if "\x00" in text:
                    self.nul_seen = True
                line += text.count("\n")
                yield text
                if not block:
                    return

    def _wide_blocks(self) -> Iterator[str]:
        """:meth:`blocks` for an encoding whose line break is not one byte."""
        decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        carry = ""
        line = 1
        with open_file(self.path) as handle:
            while True:
                block = handle.read(_CHUNK)
                if self.progress is not None and block:
                    self.progress(len(block))
                try:
                    text = carry + decoder.decode(block, final=not block)
                except UnicodeDecodeError:
                    raise SourceError(
                        Message(
                            "bytes that are not valid {encoding} after line {line}",
                            encoding=self.encoding,
                            line=str(line),
                        ),
                        path=str(self.path),
                        line=line + carry.count("\n"),
                    ) from None
                text = text.removeprefix("\ufeff") if line == 1 else text
                cut = text.rfind("\n") + 1 if block else len(text)
                text, carry = text[:cut], text[cut:]
                if "\x00" in text:
                    self.nul_seen = True
                if text:
                    line += text.count("\n")
                    yield text
                if not block:
                    return


def decoded_lines(
    path: Path,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """The lines of ``path``, decoded strictly (see :class:`DecodedLines`)."""
    return iter(DecodedLines(path, encoding, progress))


class ColumnMap:
    """Which column index holds each canonical field, from a header row.

    ``aliases`` maps a canonical name to the header spellings that mean it
    (compared after :func:`normalise_header`). ``line`` is where the header
    row is, for errors (a spreadsheet's header may sit below a title block).
    """

    def __init__(
        self,
        header: Sequence[str],
        aliases: Mapping[str, Sequence[str]],
        required: Sequence[str],
        *,
        source: str,
        line: int = 1,
    ) -> None:
        lookup = {
            normalise_header(a): name for name, spellings in aliases.items() for a in spellings
        }
        self.index: dict[str, int] = {}
        self.ignored: list[str] = []
        for i, cell in enumerate(header):
            name = lookup.get(normalise_header(cell))
            if name is None:
                if cell.strip():
                    self.ignored.append(cell.strip())
                continue
            if name in self.index:
                raise SourceError(
                    Message(
                        "columns {first} and {second} both mean {name}",
                        first=str(self.index[name] + 1),
                        second=str(i + 1),
                        name=repr(name),
                    ),
                    path=source,
                    line=line,
                )
            self.index[name] = i
        missing = [r for r in required if r not in self.index]
        if missing:
            raise SourceError(
                missing_columns(missing, header),
                path=source,
                line=line,
            )
        self.width = len(header)

    def get(self, name: str) -> int | None:
        """The index of ``name``, or ``None`` when the file lacks it."""
        return self.index.get(name)


# --- Shared cell readers for the tabular adapters --------------------------------------

_NON_SLUG = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """``"Partai Buruh "`` → ``"partai-buruh"``: lowercase ASCII letters and digits
    joined by ``-`` (empty when the text has none)."""
    return _NON_SLUG.sub("-", text.casefold()).strip("-")


def header_matches(header: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Canonical name → column index for the cells of ``header`` that name a column
    (first match wins; used to sniff files and find a header row)."""
    lookup = {normalise_header(a): name for name, spellings in aliases.items() for a in spellings}
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = lookup.get(normalise_header(cell))
        if name is not None:
            found.setdefault(name, i)
    return found


#: The cell separators a CSV may use: comma, semicolon (what Excel writes where the
#: decimal mark is a comma, as in Indonesia), tab.
DELIMITERS = (",", ";", "\t")


def delimiter_of(header: str) -> str:
    """The separator of a CSV whose header line is ``header``: whichever of comma,
    semicolon and tab it holds most of (comma when none wins)."""
    return max(DELIMITERS, key=header.count)


_LINE_END = re.compile(rb"\r\n|\r|\n")


def first_line(head: bytes) -> str:
    """The first line of a file's first bytes, as text (a UTF-8 BOM dropped; a
    line ends at ``\r\n``, ``\r`` or ``\n``, as csv reads it), for sniffing."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        text = head[: len(head) & ~1].decode("utf-16", "replace")
        return re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return _LINE_END.split(head.removeprefix(codecs.BOM_UTF8), 1)[0].decode("utf-8", "replace")


def sniff_csv_header(
    head: bytes, aliases: Mapping[str, Sequence[str]], required: Sequence[str]
) -> dict[str, int] | None:
    """The columns the first line of ``head`` names, if it names every required one."""
    first = first_line(head)
    try:
        header = next(csv.reader([first], delimiter=delimiter_of(first)), [])
    except csv.Error:
        return None
    found = header_matches(header, aliases)
    return found if all(r in found for r in required) else None


def open_csv(
    path: Path, encoding: str, progress: Callable[[int], None] | None
) -> tuple[_csv.Reader, DecodedLines, list[str]]:
    """A ``csv.reader`` over the decoded lines of ``path``, past its header row.

    Returns the reader (its ``line_num`` is the line of the row last read; its
    ``dialect.delimiter`` the separator found in the header line, see
    :func:`delimiter_of`), the lines (see :attr:`DecodedLines.nul_seen`) and the
    header. A file without a header raises :class:`SourceError`.
    """
    source = str(path)
    lines = DecodedLines(path, encoding, progress)
    each = iter(lines)
    first = next(each, None)
    head = () if first is None else (first,)
    reader = csv.reader(itertools.chain(head, each), delimiter=delimiter_of(first or ""))
    return reader, lines, read_header(reader, source)


def read_header(reader: _csv.Reader, source: str) -> list[str]:
    """The first row of ``reader``, the header; :class:`SourceError` when the file
    is empty or the row cannot be read."""
    try:
        header: list[str] = next(reader)
    except StopIteration:
        reason = Message("the file is empty: expected a header row")
        raise SourceError(reason, path=source) from None
    except csv.Error as exc:
        reason = Message("the header cannot be read: {why}", why=_csv_error(exc))
        raise SourceError(reason, path=source, line=1) from None
    return header


# Dates as exports write them. A cache keeps repeated dates (birth dates, join
# dates) from being parsed again; it is cleared when it grows, so memory stays flat.
_DATE_CACHE: dict[str, PartialDate] = {}
_DATE_CACHE_LIMIT = 100_000
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")


def parse_day(text: str) -> PartialDate:
    """A date as Indonesian exports write it: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
    ``YYYY/MM/DD``, or day first: ``DD-MM-YYYY``, ``DD/MM/YYYY``, ``DD.MM.YYYY``
    (one-digit day and month allowed). A time after the date is ignored.

    Raises :class:`~kppi_core.errors.InvalidPartialDate` with a reason that does
    not repeat the text (a birth date is personal data).
    """
    found = _DATE_CACHE.get(text)
    if found is not None:
        return found
    value = _parse_day(text)
    if len(_DATE_CACHE) >= _DATE_CACHE_LIMIT:
        _DATE_CACHE.clear()
    _DATE_CACHE[text] = value
    return value


def day_or_none(text: str) -> PartialDate | None:
    """:func:`parse_day`, or None where it raises (a reader's careful path then says
    why): for a short path that must not stop at a date it has not met before."""
    try:
        return parse_day(text)
    except InvalidPartialDate:
        return None


def _parse_day(text: str) -> PartialDate:
    day = text.strip().split(" ", 1)[0].split("T", 1)[0]
    try:
        if len(day) == 10 and day[4] == "-" and day[7] == "-":
            return PartialDate(int(day[:4]), int(day[5:7]), int(day[8:]))
        match = _DMY.fullmatch(day)
        if match:
            d, _, m, y = match.groups()
            return PartialDate(int(y), int(m), int(d))
        match = _YMD_SLASH.fullmatch(day)
        if match:
            y, m, d = match.groups()
            return PartialDate(int(y), int(m), int(d))
        return PartialDate.parse(day)
    except (InvalidPartialDate, ValueError):
        raise InvalidPartialDate(
            Message("is not a date written YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY"), what="date"
        ) from None


# NIK validation through python-stdnum costs tens of microseconds. Its verdict on
# 16 ASCII digits depends only on the region prefix (digits 1–4) and the birth
# date (digits 7–12), so a number whose prefix passed before and whose date
# digits make a date as stdnum reads them (_birth_digits_ok) is valid without
# asking again. Anything else goes through Nik() itself. Both memos are bounded
# by construction: 10^4 prefixes, fewer than 10^5 dates.
_GOOD_REGIONS: set[str] = set()
_GOOD_DATES: set[str] = set()


def birth_digits_ok(ddmmyy: str) -> bool:
    """Whether the birth date digits of a NIK (digits 7–12) are ones stdnum accepts,
    remembered in :data:`_GOOD_DATES` when they are."""
    if ddmmyy in _GOOD_DATES:
        return True
    if _birth_digits_ok(ddmmyy):
        _GOOD_DATES.add(ddmmyy)
        return True
    return False


def _birth_digits_ok(ddmmyy: str) -> bool:
    """Whether stdnum's ``id.nik.get_birth_date`` accepts these six digits: the
    day (plus 40 for women) and month in 1900+YY, or else in 2000+YY."""
    day = int(ddmmyy[:2]) % 40
    month = int(ddmmyy[2:4])
    year = int(ddmmyy[4:6])
    if not (1 <= month <= 12 and day >= 1):
        return False
    if month == 2 and day == 29:  # 1900 is no leap year, 2000 is: stdnum tries both
        return year % 4 == 0
    return day <= _DAYS[month]


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def nik_of(text: str) -> Nik:
    """The :class:`Nik` in ``text``, validated as :class:`Nik` does, faster on repeats.

    Raises :class:`~kppi_core.errors.InvalidNik` (whose message has no digits).
    """
    if (
        len(text) == 16
        and text.isdigit()
        and text.isascii()
        and text[:4] in _GOOD_REGIONS
        and birth_digits_ok(text[6:12])
    ):
        return _trusted.nik(text)
    nik = Nik(text)
    digits = nik.reveal()
    _GOOD_REGIONS.add(digits[:4])
    _GOOD_DATES.add(digits[6:12])
    return nik


# --- CSV text in bulk ------------------------------------------------------------


def split_columns(text: str, width: int, sep: str = ",") -> list[list[str]] | None:
    """The columns of ``text``, lines of cells separated by ``sep`` with no quotes,
    if every line has ``width`` cells; else None.

    Splitting at separators alone joins each line's last cell to the next line's
    first, ``"last\\nfirst"``: with ``width - 1`` separators on every line those
    joined pieces fall at every ``width - 1``-th place, and each holds one of the
    text's line breaks. Both are checked, in C, before the columns are sliced.
    """
    if width < 2 or not text:
        return None
    if not text.endswith("\n"):
        text += "\n"
    rows = text.count("\n")
    step = width - 1
    pieces = text.split(sep)
    if len(pieces) != rows * step + 1:
        return None
    joined = pieces[step::step]
    if not all(map(operator.contains, joined, itertools.repeat("\n", rows))):
        return None  # some line has more separators and another fewer
    ends = "\n".join(joined).split("\n")  # last cell, first cell of the next line, …
    first = ends[1:-1:2]
    first.insert(0, pieces[0])
    return [first, *(pieces[k::step] for k in range(1, step)), ends[0:-1:2]]


_NULS = itertools.repeat("\x00")


def unquote(text: str, sep: str = ",") -> str | None:
    """``text`` (lines ending in ``\n``, no NUL, no carriage return) with its quoted
    cells unquoted and the separators ``sep`` in them made NULs, when every quoted
    cell is simple: quotes right at both ends of the cell, nothing between them
    but text without quotes or line breaks. Else None.

    The csv module reads such a cell as the text between its quotes; with the
    separators masked, the result splits as quote-free text does.
    """
    pieces = text.split('"')
    if len(pieces) % 2 == 0:
        return None
    inside, outside = pieces[1::2], pieces[0::2]
    if any(map(operator.contains, inside, itertools.repeat("\n"))):
        return None
    # Each quote opens a cell (at the start, or after a separator or line break) or
    # closes one (before a separator or line break): a doubled quote fails here too.
    ends = (sep, "\n")
    if outside[0] and not outside[0].endswith(ends):
        return None
    if not all(map(str.endswith, outside[1:-1], itertools.repeat(ends))):
        return None
    if not all(map(str.startswith, outside[1:], itertools.repeat(ends))):
        return None
    pieces[1::2] = map(str.replace, inside, itertools.repeat(sep), _NULS)
    return "".join(pieces)


def csv_reader(texts: Iterator[str], sep: str) -> _csv.Reader:
    # newline="" splits lines as open(..., newline="") does, which is what csv expects.
    return csv.reader(
        itertools.chain.from_iterable(io.StringIO(text, newline="") for text in texts),
        delimiter=sep,
    )


def strict_rows(text: str, sep: str) -> tuple[list[list[str]], int] | None:
    """The rows of ``text`` and its lines, if ``text`` is strict CSV ending outside
    any quoted cell (then the file's reader reads them the same); else None."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        rows = list(reader)
    except csv.Error:
        return None
    return rows, reader.line_num
