"""Candidates CSV: one row per candidate on a party's list in a district.

Columns (headers match ignoring case, spacing and separators, in English or
Indonesian): ``election`` (Pemilu, Jenis Pemilu), ``district`` (Dapil),
``seats`` (Kursi, Jumlah Kursi), ``party`` (Partai), ``list_number`` (Nomor
Urut, No Urut), ``name`` (Nama, Nama Lengkap), ``gender`` (Jenis Kelamin, JK);
optional ``nik``, ``birth_date`` (Tanggal Lahir), ``domicile`` (Domisili),
``votes`` (Suara), ``elected`` (Terpilih). UTF-8 with or without a BOM unless
another encoding is named.

Every data row ends as accepted or as a :class:`~kppi_core.rejections.Rejection`
naming its line, field and reason. A file that cannot be read at all (missing,
undecodable, no header, a required column missing) raises
:class:`~kppi_core.errors.SourceError`.
"""

from __future__ import annotations

import _csv
import csv
import io
import itertools
import operator
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, final

import attrs

from kppi_core._gc import paused
from kppi_core.adapters._tabular import (
    IS_EMPTY,
    NUL_BYTE,
    ColumnMap,
    DecodedLines,
    csv_reader,
    delimiter_of,
    first_line,
    not_a_csv_row,
    open_csv,
    ragged,
    read_header,
    split_columns,
    strict_rows,
    unquote,
)
from kppi_core.errors import InvalidRecord, Message, SourceError
from kppi_core.model import Candidacy, District, Gender, Nik, PartialDate
from kppi_core.model._checks import (
    MAX_LIST_POSITION,
    MAX_SEATS,
    MAX_VOTES,
    SUSPECT,
    implausible,
    not_whole,
    personal_in,
)
from kppi_core.model._trusted import list_facts
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import not_a_sex_code
from kppi_core.model.lists import ListFacts, place_rejections
from kppi_core.model.lists import one_to as _one_to
from kppi_core.privacy import LONG_WORD, shown
from kppi_core.rejections import Rejection, Where
from kppi_core.sources import Located, ReadContext, SourceSpec

__all__ = [
    "CHUNK_ROWS",
    "COLUMNS",
    "REQUIRED",
    "CandidatesCsvSource",
    "CandidatesRead",
    "iter_candidacies",
    "read_candidate_lists",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "election": ("election", "pemilu", "jenis pemilu"),
    "district": ("district", "dapil", "daerah pemilihan"),
    "seats": ("seats", "kursi", "jumlah kursi", "alokasi kursi"),
    "party": ("party", "partai", "partai politik", "nama partai"),
    "list_number": ("list_number", "list position", "nomor urut", "no urut", "nomor"),
    "name": ("name", "nama", "nama lengkap", "nama calon"),
    "gender": ("gender", "sex", "jenis kelamin", "jk", "l/p"),
    "nik": ("nik",),
    "birth_date": ("birth_date", "tanggal lahir", "tgl lahir"),
    "domicile": ("domicile", "domisili", "tempat tinggal"),
    "votes": ("votes", "suara", "perolehan suara", "jumlah suara"),
    "elected": ("elected", "terpilih"),
}
REQUIRED = ("election", "district", "seats", "party", "list_number", "name", "gender")

_TRUE = frozenset({"1", "true", "yes", "ya", "y", "x", "terpilih"})
_FALSE = frozenset({"0", "false", "no", "tidak", "n", "-", ""})

# One parsed row: list key, seats, list number, gender, name, votes, elected, nik, birth date.
# Seats are None only for a parser made with ``seats_optional`` (a KPU sheet).
_Row = tuple[
    tuple[str, str, str], int | None, int, Gender, str, int | None, bool | None, Nik | None,
    PartialDate | None,
]  # fmt: skip


# Small numbers as written in lists, parsed once: seats, positions and many vote
# counts repeat. The hot loop looks here before calling _whole.
_SMALL = {str(i): i for i in range(1000)}
# Sex codes exactly as files write them, before folding case and space.
_RAW_GENDERS = {
    **{alias: g for alias, g in _GENDERS.items()},
    **{alias.upper(): g for alias, g in _GENDERS.items()},
    **{alias.title(): g for alias, g in _GENDERS.items()},
}


def _whole(text: str, minimum: int, maximum: int) -> int | None:
    """A whole number written in ASCII digits (spaces around allowed), from ``minimum``
    to ``maximum`` (so an identity number is never taken for a count)."""
    value = _SMALL.get(text)
    if value is None:
        text = text.strip()
        if not text.isdigit() or not text.isascii() or len(text) > _DIGITS:
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


_DIGITS = len(str(MAX_VOTES))
_SUSPECT = SUSPECT.search  # a name that may hold personal data takes the careful path


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _suspect_names(names: list[str]) -> bool:
    """Whether some name may hold a NIK, a phone number or a date. Names seldom hold
    digits: counting them in one pass (in C) spares a search of each name."""
    text = "\n".join(names)
    if len(text) - len(text.translate(_NO_DIGITS)) < 6:
        return False
    return _SUSPECT(text) is not None  # no separator of the pattern is a line break


def _clean(text: str) -> bool:
    """Whether ``text`` surely holds no personal data (else the full parser decides)."""
    return len(text) <= LONG_WORD and _SUSPECT(text) is None


_SEATS = (1, MAX_SEATS)
_POSITION = (1, MAX_LIST_POSITION)
_VOTES = (0, MAX_VOTES)


def _not_whole(cell: str, bounds: tuple[int, int]) -> Message:
    return not_whole(shown(cell), *bounds)


_Key = tuple[str, str, str]


_BLANK = object()  # a blank line: no record at all


class _Rejected(Exception):  # control flow inside _Parser.parse: it never escapes
    """A row's rejection, raised by a check of :meth:`_Parser.parse` and caught there."""

    def __init__(self, pair: tuple[_Key | None, Rejection]) -> None:
        super().__init__()
        self.pair = pair


_NOWHERE = Where("Candidacy")  # a candidate's row whose list cannot be read


class _Parser:
    """The full, careful reading of one row: every check, every reason.

    The fast path of :func:`read_candidate_lists` accepts only rows this
    parser would accept with the same values, and hands it everything else.
    """

    def __init__(
        self,
        header: list[str],
        source: str,
        *,
        line: int = 1,
        seats_optional: bool = False,
        sep: str | None = None,
    ) -> None:
        self.source = source
        #: The CSV separator, when rows come from a CSV: a cell that runs over several
        #: lines and holds a row's worth of them is rows swallowed by a stray quote.
        self.sep = sep
        #: Whether an empty seats cell means "not known" (KPU's published sheets
        #: have no seats column) rather than a rejection.
        self.seats_optional = seats_optional
        cols = ColumnMap(header, COLUMNS, REQUIRED, source=source, line=line)
        self.width = cols.width
        self.required = tuple(cols.index[c] for c in REQUIRED)
        self.nik, self.birth_date, self.votes, self.elected = (
            cols.get(c) for c in ("nik", "birth_date", "votes", "elected")
        )
        self.optional = tuple(
            i for i in (self.nik, self.birth_date, self.votes, self.elected) if i is not None
        )
        # Seats of each district as first given, with its line.
        self.district_seats: dict[tuple[str, str], tuple[int, int]] = {}

    def _reject(
        self,
        line: int,
        field: str | None,
        reason: str | Message,
        key: _Key | None = None,
        where: Where = _NOWHERE,
    ) -> tuple[_Key | None, Rejection]:
        if key is not None:
            where = Where("Candidacy", *key)
        return key, Rejection(self.source, line, field, reason, where=where)

    def _known(self, row: list[str]) -> Where:
        """What the list cells of a row of the header's width tell (a cell with a NUL
        byte, or empty, tells nothing)."""
        ie, idi, _, ip = self.required[:4]
        e, d, p = (row[i].strip() for i in (ie, idi, ip))
        return Where("Candidacy", *(c if c and "\x00" not in c else None for c in (e, d, p)))

    def _swallowed(self, row: list[str]) -> Message | None:
        """Why a row looks like several rows run together by a quote left open: a
        cell over several lines holding a row's worth of separators; else None."""
        sep = self.sep
        if sep is None:
            return None
        for cell in row:
            if ("\n" in cell or "\r" in cell) and cell.count(sep) >= self.width - 1:
                lines = len(cell.splitlines())
                return Message(
                    "a cell runs over {lines} lines and holds {separators} separators: "
                    "a quote left open ran rows together",
                    lines=lines,
                    separators=cell.count(sep),
                )
        return None

    def parse(self, row: list[str], line: int, nul: bool) -> tuple[_Key | None, object]:
        """``(key, parsed row)``, ``(key or None, Rejection)``, or ``(None, _BLANK)``."""
        misshapen = self._misshapen(row, line, nul)
        if misshapen is not None:
            return misshapen
        ie, idi, ise, ip = self.required[:4]
        election, district, party = row[ie].strip(), row[idi].strip(), row[ip].strip()
        if not (election and district and party):
            if not any(cell.strip() for cell in row):
                return None, _BLANK
            empty = "election" if not election else "district" if not district else "party"
            return self._reject(line, empty, IS_EMPTY, where=self._known(row))
        key = (election, district, party)
        try:
            seats = self._seats(row[ise], line, key)
            position, gender, name = self._candidate(row, line, key)
            votes, elected, nik, born = self._optional_cells(row, line, key)
        except _Rejected as rejected:
            return rejected.pair
        return key, (key, seats, position, gender, name, votes, elected, nik, born)

    def _misshapen(self, row: list[str], line: int, nul: bool) -> tuple[_Key | None, object] | None:
        """The rejection (or blank) of a row with a NUL byte, a width other than the
        header's, or rows run together by a stray quote; None for a well-shaped row."""
        if nul and any("\x00" in cell for cell in row):
            known = self._known(row) if len(row) == self.width else _NOWHERE
            return self._reject(line, None, NUL_BYTE, where=known)
        if len(row) != self.width:
            if not any(cell.strip() for cell in row):
                return None, _BLANK
            return self._reject(line, None, ragged(len(row), self.width))
        swallowed = self._swallowed(row) if self.sep is not None else None
        if swallowed is not None:
            return self._reject(line, None, swallowed)
        return None

    def _fail(
        self, line: int, field: str | None, reason: str | Message, key: _Key | None
    ) -> NoReturn:
        raise _Rejected(self._reject(line, field, reason, key))

    def _seats(self, cell: str, line: int, key: _Key) -> int | None:
        """The district's seats (None when optional and empty), the same on every row."""
        if self.seats_optional and not cell.strip():
            return None
        seats = _whole(cell, 1, MAX_SEATS)
        if seats is None:
            self._fail(line, "seats", _not_whole(cell, _SEATS), key)
        election, district, _ = key
        seen = self.district_seats.setdefault((election, district), (seats, line))
        if seen[0] != seats:
            self._fail(
                line,
                "seats",
                Message(
                    "district {district} has {seats} seats at line {line}, {here} here",
                    district=shown(district),
                    seats=str(seen[0]),
                    line=str(seen[1]),
                    here=str(seats),
                ),
                key,
            )
        return seats

    def _candidate(self, row: list[str], line: int, key: _Key) -> tuple[int, Gender, str]:
        """The list position, sex and name, with no personal data in the list cells."""
        _, _, _, _, il, ina, ig = self.required
        position = _whole(row[il], 1, MAX_LIST_POSITION)
        if position is None:
            self._fail(line, "list_number", _not_whole(row[il], _POSITION), key)
        gender = _GENDERS.get(row[ig].strip().casefold())
        if gender is None:
            self._fail(line, "gender", not_a_sex_code(shown(row[ig])), key)
        name = row[ina].strip()
        if not name:
            self._fail(line, "name", IS_EMPTY, key)
        for field, text in zip(("election", "district", "party"), key, strict=True):
            kind = personal_in(text)
            if kind is not None:
                self._fail(line, field, implausible(kind, field), None)
        kind = personal_in(name)
        if kind is not None:
            self._fail(line, "name", implausible(kind, "name"), key)
        return position, gender, name

    def _optional_cells(
        self, row: list[str], line: int, key: _Key
    ) -> tuple[int | None, bool | None, Nik | None, PartialDate | None]:
        """Votes, elected, NIK and birth date, each None where its cell is absent or empty."""
        votes: int | None = None
        if self.votes is not None and row[self.votes].strip():
            votes = _whole(row[self.votes], 0, MAX_VOTES)
            if votes is None:
                self._fail(line, "votes", _not_whole(row[self.votes], _VOTES), key)
        elected: bool | None = None
        if self.elected is not None:
            flag = row[self.elected].strip().casefold()
            if flag in _TRUE:
                elected = True
            elif flag in _FALSE:
                elected = False if flag else None
            else:
                reason = Message("{value} is not yes/no (ya/tidak)", value=shown(row[self.elected]))
                self._fail(line, "elected", reason, key)
        nik: Nik | None = None
        if self.nik is not None and row[self.nik].strip():
            try:
                nik = Nik(row[self.nik])
            except InvalidRecord as exc:
                self._fail(line, "nik", Message.join("; ", exc.messages), key)  # no digits
        born: PartialDate | None = None
        if self.birth_date is not None and row[self.birth_date].strip():
            try:
                born = PartialDate.parse(row[self.birth_date])
            except InvalidRecord:
                reason = Message("is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
                self._fail(line, "birth_date", reason, key)
        return votes, elected, nik, born

    def optional_trivial(self, row: list[str]) -> bool:
        """Whether the optional cells need no checking: empty, or a vote count in digits."""
        for i in self.optional:
            cell = row[i]
            if cell and not (i == self.votes and cell.isdigit() and cell.isascii()):
                return False
        return True


def _open(
    path: Path, encoding: str, progress: Callable[[int], None] | None
) -> tuple[Any, DecodedLines, _Parser]:
    reader, lines, header = open_csv(path, encoding, progress)
    return reader, lines, _Parser(header, str(path), sep=reader.dialect.delimiter)


def _rows(
    path: Path,
    encoding: str,
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[_Key | None, _Row | Rejection, int]]:
    """Each data row parsed, or rejected with its reason (and its list, when it names
    one), with the row's line number."""
    reader, lines, parser = _open(path, encoding, progress)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            rejection = Rejection(
                parser.source, reader.line_num, None, not_a_csv_row(exc), where=_NOWHERE
            )
            yield None, rejection, reader.line_num
            continue
        key, item = parser.parse(row, reader.line_num, lines.nul_seen)
        if item is not _BLANK:
            yield key, item, reader.line_num  # type: ignore[misc]


@attrs.frozen
class CandidatesRead:
    """What reading a candidates file gave: lists, rejections, and row counts."""

    lists: tuple[ListFacts, ...]
    rejected: tuple[Rejection, ...]
    rows: int

    @property
    def accepted(self) -> int:
        """Data rows that became part of a list."""
        return self.rows - len(self.rejected)


# 1..999: a run of list numbers (each below 1000, see _SMALL) continues a count
# n when they equal these from n + 1 on. A count may pass 999 (numbers from the
# full parser), so it is turned back into numbers by range, not by this.
_ALL = list(range(1, 1000))

# A list as it is read: [seats, list numbers, pieces of the sexes' letters]; the
# numbers are a count n while they are 1..n, the usual case, else a list of them.
_Group = list[Any]


def _extend(group: _Group, positions: list[int], letters: str) -> None:
    """Add rows to ``group``: their list numbers (a count while they run 1..n) and
    their sexes' letters."""
    have = group[1]
    if have.__class__ is int:
        if positions == _ALL[have : have + len(positions)]:
            group[1] = have + len(positions)
            group[2].append(letters)
            return
        have = group[1] = list(range(1, have + 1))
    have.extend(positions)
    group[2].append(letters)


#: Rows taken from the CSV reader at a time by :func:`read_candidate_lists`.
CHUNK_ROWS = 2048

# One letter per sex, so a list's sexes are a string: cheap to slice, join and hash.
_LETTER = {Gender.FEMALE: "F", Gender.MALE: "M", Gender.UNKNOWN: "U"}
_FROM_LETTER = {letter: g for g, letter in _LETTER.items()}
_RAW_LETTERS = {raw: _LETTER[g] for raw, g in _RAW_GENDERS.items()}


def _line_ends(chunk: list[list[str]], start: int) -> list[int]:
    """The line each row of ``chunk`` ends on, the line before it being ``start``.

    A row takes one line plus one for each line break inside its quoted cells
    (``\\r\\n``, ``\\r`` or ``\\n``, as the decoded lines are split).
    """
    ends = []
    line = start
    for row in chunk:
        line += 1
        for cell in row:
            if "\n" in cell or "\r" in cell:
                line += cell.count("\n") + cell.count("\r") - cell.count("\r\n")
        ends.append(line)
    return ends


class _ListsBuilder:
    """The lists of one candidates file, built a chunk of rows at a time (as
    columns split from text, or as rows from the ``csv`` module).

    A chunk whose every row is plain (the header's width, a small list number,
    a sex code as lists write it, a name, nothing in the optional cells but
    vote counts) is taken a run of rows at a time (rows with the same list and
    seats cells): the run's first row is checked for those cells as the full
    parser would (or read by it, when they are not plain); the other rows are
    then known to parse the same way. Any other chunk goes row by row, rows
    like ones already accepted by a short path and the rest through the full
    parser, so the lists and rejections are those the full parser gives.
    """

    def __init__(self, parser: _Parser, lines: DecodedLines, sep: str = ",") -> None:
        self.parser = parser
        self.lines = lines
        self.sep = sep  # the cell separator
        ie, idi, ise, ip, il, ina, ig = parser.required
        self.columns = ie, idi, ise, ip, il, ina, ig
        # The common optional column, votes, is checked in bulk; others must be empty.
        self.votes_only = parser.optional == (parser.votes,)
        # key → [seats, list numbers, pieces of the sexes' letters], in order of first row
        self.groups: dict[_Key, _Group] = {}
        # raw (election, district, party, seats) cells of a row the parser accepted →
        # its group: the short path of chunks read row by row
        self.by_raw: dict[tuple[str, str, str, str], _Group] = {}
        self.rejected: list[Rejection] = []
        self.rows = 0
        self.strings: dict[str, str] = {}  # one copy of each election, district and party

    def take(self, chunk: list[list[str]], start: int, end: int) -> None:
        """Add ``chunk``, the rows read after line ``start`` up to line ``end``."""
        ends = None if end - start == len(chunk) else _line_ends(chunk, start)
        if ends is not None:
            # The last row may run to the end of the file in a quoted cell that holds
            # the last line's break too: counted in the cell, it starts no new line.
            ends[-1] = end
        if ends is not None or self.lines.nul_seen or set(map(len, chunk)) != {self.parser.width}:
            # Rows over several lines (quoted line breaks) go row by row: the full
            # parser looks at each for rows a stray quote ran together.
            self._row_by_row(chunk, start, ends)
            return
        self._take_columns(list(zip(*chunk, strict=True)), start, ends, chunk)

    def take_text(self, text: str, start: int) -> int | None:
        """Add the rows of ``text``, whole lines after line ``start``, and return how
        many there were; or, when the text is not plainly split (a quoted cell
        with a quote or a line break in it, a blank line, a ragged row, a NUL
        byte, a lone carriage return), add nothing and return None.

        Cells are split at separators in C (see :func:`._tabular.split_columns`);
        quoted cells that hold only text are unquoted first (:func:`._tabular.unquote`).
        """
        if "\x00" in text:
            return None
        if "\r" in text:
            if text.count("\r") != text.count("\r\n"):
                return None  # lone carriage returns end lines too
            text = text.replace("\r\n", "\n")
        quoted = '"' in text
        if quoted:
            if not text.endswith("\n"):
                text += "\n"
            unquoted = unquote(text, self.sep)
            if unquoted is None:
                return None
            text = unquoted
        cols = split_columns(text, self.parser.width, self.sep)
        if cols is None:
            return None
        masked = False
        if quoted:
            # Separators in quoted cells are NULs while the text is split. The list's
            # cells get them back now; other cells only when a row goes to the full
            # parser: a NUL for a comma or semicolon changes no check the bulk path
            # makes (both are neither space, nor digit, nor a sex code). A tab is
            # space: with tabs, every cell gets them back now.
            sep = self.sep
            restore = range(len(cols)) if sep.isspace() else self.columns[:4]
            for k in restore:
                if "\x00" in "".join(cols[k]):
                    cols[k] = list(map(str.replace, cols[k], _NULS, itertools.repeat(sep)))
            masked = True
        self._take_columns(cols, start, None, None, masked)
        return len(cols[0])

    def _take_columns(
        self,
        cols: list[Any],
        start: int,
        ends: list[int] | None,
        chunk: list[list[str]] | None,
        masked: bool = False,
    ) -> None:
        """Add rows given as columns, every row of the header's width (``chunk``: the
        same rows as lists, when the caller has them; ``masked``: NULs in cells other
        than the list's and seats stand for commas)."""

        def row(i: int) -> list[str]:
            if masked:
                return [c[i].replace("\x00", self.sep) for c in cols]
            return [c[i] for c in cols]

        plain = self._plain(cols)
        if plain is None:
            rows = chunk if chunk is not None else [row(i) for i in range(len(cols[0]))]
            self._row_by_row(rows, start, ends)
            return
        positions, letters = plain
        ie, idi, ise, ip = self.columns[:4]
        # Runs of rows with the same list and seats cells: where the cells change.
        raws = list(zip(cols[ie], cols[idi], cols[ip], cols[ise], strict=True))
        n = len(raws)
        cuts = [*itertools.compress(range(1, n), map(operator.ne, raws[1:], raws)), n]
        seen_seats = self.parser.district_seats.setdefault
        groups = self.groups
        strings = self.strings
        one = strings.setdefault
        i = 0
        for j in cuts:
            first = i
            # The run's first row is checked for its list and seats cells as the
            # full parser would (no spaces around them, a small seat count that
            # agrees with the district's), or read by that parser.
            election, district, party, seats_text = raws[i]
            seats = _SMALL.get(seats_text)
            line = start + i + 1 if ends is None else ends[i]
            if (
                seats
                and election
                and district
                and party
                and election.strip() == election
                and district.strip() == district
                and party.strip() == party
                # cells of a list accepted before were checked then (strings holds them)
                and (election in strings or _clean(election))
                and (district in strings or _clean(district))
                and (party in strings or _clean(party))
                and seen_seats((election, district), (seats, line))[0] == seats
            ):
                key = (election, district, party)
                group = groups.get(key)
                if group is None:
                    # One copy of each election, district and party string.
                    key = (one(election, election), one(district, district), one(party, party))
                    group = groups[key] = [seats, 0, []]
            else:
                group = self._parse(row(i), line)
                if group is None:  # rejected: the rest of the run goes row by row
                    for k in range(i + 1, j):
                        line = start + k + 1 if ends is None else ends[k]
                        self._parse(row(k), line)
                    i = j
                    continue
                first += 1
            _extend(group, positions[first:j], letters[first:j])
            self.rows += j - first
            i = j

    def _plain(self, cols: list[Any]) -> tuple[list[int], str] | None:
        """The list numbers as ints and the sexes as one string of letters, if every
        row of these columns is plain; else None."""
        parser = self.parser
        _, _, _, _, il, ina, ig = self.columns
        positions = list(map(_SMALL.get, cols[il]))
        if None in positions or 0 in positions:
            return None
        try:
            letters = "".join(map(_RAW_LETTERS.get, cols[ig]))  # type: ignore[arg-type]
        except TypeError:  # a code not as lists write it: None among the letters
            return None
        names = cols[ina]
        if not all(names) or any(map(str.isspace, names)) or _suspect_names(names):
            return None
        for i in parser.optional:
            if i == parser.votes:
                votes = "".join(cols[i])
                if votes and not (votes.isdigit() and votes.isascii()):
                    return None
            elif any(cols[i]):
                return None
        return positions, letters  # type: ignore[return-value]

    def _group(self, key: _Key, seats: int, raw: tuple[str, str, str, str]) -> _Group:
        """The group of list ``key`` (made on its first row), known from now on by
        the raw cells ``raw`` too."""
        one = self.strings.setdefault
        group = self.groups.get(key)
        if group is None:
            key = (one(key[0], key[0]), one(key[1], key[1]), one(key[2], key[2]))
            group = self.groups[key] = [seats, 0, []]
        # Raw cells usually equal the key's: keep one copy of each string.
        election, district, party, seats_text = raw
        shared = (one(election, election), one(district, district), one(party, party), seats_text)
        self.by_raw[shared] = group
        return group

    def _parse(self, row: list[str], line: int) -> _Group | None:
        """Read one row with the full parser; its list's group if it was accepted."""
        parser = self.parser
        key, item = parser.parse(row, line, self.lines.nul_seen)
        if item is _BLANK:
            return None
        self.rows += 1
        if isinstance(item, Rejection):
            self.rejected.append(item)
            return None
        assert key is not None
        ie, idi, ise, ip = self.columns[:4]
        group = self._group(key, item[1], (row[ie], row[idi], row[ip], row[ise]))  # type: ignore[index]
        _extend(group, [item[2]], _LETTER[item[3]])  # type: ignore[index]
        return group

    def _row_by_row(self, chunk: list[list[str]], start: int, ends: list[int] | None) -> None:
        """Add the rows of a chunk that is not plain, each by the short or the full path."""
        parser = self.parser
        ie, idi, ise, ip, il, ina, ig = self.columns
        votes_only = self.votes_only
        iv = parser.votes if votes_only and parser.votes is not None else 0
        plain = not parser.optional
        by_raw = self.by_raw
        nul = self.lines.nul_seen
        for i, row in enumerate(chunk):
            one_line = ends is None or ends[i] - (ends[i - 1] if i else start) == 1
            if len(row) == parser.width and not nul and one_line:
                group = by_raw.get((row[ie], row[idi], row[ip], row[ise]))
                if group is not None:
                    position = _SMALL.get(row[il])
                    letter = _RAW_LETTERS.get(row[ig])
                    name = row[ina]
                    if (
                        position
                        and letter is not None
                        and name
                        and not name.isspace()
                        and (
                            plain
                            or (
                                votes_only
                                and (not row[iv] or (row[iv].isdigit() and row[iv].isascii()))
                            )
                            or parser.optional_trivial(row)
                        )
                    ):
                        self.rows += 1
                        _extend(group, [position], letter)
                        continue
            self._parse(row, start + i + 1 if ends is None else ends[i])

    def error(self, exc: csv.Error, line: int) -> None:
        """A row the CSV reader could not read, ending at ``line``."""
        self.rows += 1
        reason = not_a_csv_row(exc)
        self.rejected.append(Rejection(self.parser.source, line, None, reason, where=_NOWHERE))

    def result(self) -> CandidatesRead:
        """The lists (in order of their first accepted row, then lists with every row
        rejected), the rejections in file order, and the row count, with the
        verdict rule applied (:func:`~kppi_core.model.lists.place_rejections`)."""
        self.by_raw.clear()  # not needed any more: free it before the lists are built
        lists = []
        # One shape (sexes tuple and counts) per sequence of sexes of a list numbered
        # exactly 1..n: lists of one shape share it, and the checker sees that.
        shapes: dict[str, tuple[tuple[Gender, ...], int, int]] = {}
        sexes: dict[str, tuple[Gender, ...]] = {}  # the same for other lists
        groups = self.groups
        keys = list(groups)
        pop = groups.pop
        for key in keys:
            seats, positions, letters = pop(key)  # each list's rows freed as it is built
            text = letters[0] if len(letters) == 1 else "".join(letters)
            if positions.__class__ is int:  # numbered 1..n
                shape = shapes.get(text)
                if shape is None:
                    shared = tuple(map(_FROM_LETTER.__getitem__, text))
                    shape = shapes[text] = (shared, text.count("F"), text.count("U"))
                lists.append(list_facts(key, seats, _one_to(positions), *shape))
                continue
            genders = sexes.get(text) or sexes.setdefault(
                text, tuple(map(_FROM_LETTER.__getitem__, text))
            )
            lists.append(ListFacts.build(key, seats, positions, genders))
        placed, _ = place_rejections(lists, self.rejected)
        return CandidatesRead(placed, tuple(self.rejected), self.rows)


_NULS = itertools.repeat("\x00")

#: Characters of quote-free text :func:`read_candidate_lists` splits at a time.
_BLOCK_CHARS = 1 << 17


def _consume(builder: _ListsBuilder, reader: _csv.Reader, base: int, chunk_rows: int) -> int:
    """Add every row ``reader`` gives, ``chunk_rows`` at a time, its lines counted
    after line ``base``; return the line of the last row."""
    while True:
        start = base + reader.line_num
        chunk: list[list[str]] = []
        try:
            # On an error, extend keeps the rows it took before it.
            chunk.extend(itertools.islice(reader, chunk_rows))
        except csv.Error as exc:
            line = base + reader.line_num
            if chunk:
                ends = _line_ends(chunk, start)
                builder.take(chunk, start, ends[-1])
            builder.error(exc, line)
            continue
        if not chunk:
            return base + reader.line_num
        builder.take(chunk, start, base + reader.line_num)


def read_candidate_lists(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> CandidatesRead:
    """Read a candidates CSV into one :class:`ListFacts` per party list per district.

    Rows rejected for a list they name (a bad sex code, a conflicting seat
    count) are attached to it, so its verdict is at best undetermined.

    The text is taken in blocks of whole lines. A block without quotes is split
    into columns in C; a block with quotes, or that does not split evenly, is
    read by the ``csv`` module (:data:`CHUNK_ROWS` rows at a time), alone when that
    is sure to read it as a reader of the whole file would, else together with
    the rest of the file. The columns are then checked in bulk; rows like the
    ones before them take a short path, and every other row is read by the
    full parser, so every way gives the same lists (see :class:`_ListsBuilder`).
    """
    with paused():  # hundreds of thousands of acyclic objects: see kppi_core._gc
        return _read_candidate_lists(Path(path), encoding, progress, CHUNK_ROWS)


def _read_candidate_lists(
    path: Path, encoding: str, progress: Callable[[int], None] | None, chunk_rows: int
) -> CandidatesRead:
    """:func:`read_candidate_lists` with the csv module's block size a parameter,
    for the tests that compare every size."""
    lines = DecodedLines(path, encoding, progress)
    blocks = lines.blocks()
    text = next(blocks, "")
    cut = text.find("\n") + 1 or len(text)
    head = text[:cut]
    if not head or '"' in head or "\x00" in head or "\r" in head.removesuffix("\r\n"):
        # An unusual header: the whole file through one reader, the separator
        # the header line's as csv splits lines (a lone \r ends one too).
        sep = delimiter_of(next(io.StringIO(text, newline=""), ""))
        reader = csv_reader(itertools.chain((text,), blocks), sep)
        parser = _Parser(read_header(reader, str(path)), str(path), sep=sep)
        builder = _ListsBuilder(parser, lines, sep)
        _consume(builder, reader, 0, chunk_rows)
        return builder.result()
    sep = delimiter_of(head)
    parser = _Parser(read_header(csv.reader([head], delimiter=sep), str(path)), str(path), sep=sep)
    builder = _ListsBuilder(parser, lines, sep)
    line = 1  # lines read so far
    text = text[cut:]
    size = max(1, min(_BLOCK_CHARS, csv.field_size_limit()))
    while True:
        if not text:
            text = next(blocks, "")
            if not text:
                break
        if len(text) <= size:
            part, text = text, ""
        else:
            cut = text.rfind("\n", 0, size) + 1 or text.find("\n") + 1 or len(text)
            part, text = text[:cut], text[cut:]
        # A part longer than a cell may be is one line: csv decides about it.
        taken = builder.take_text(part, line) if len(part) <= size else None
        if taken is None and '"' in part:
            strict = strict_rows(part, sep)
            if strict is None:
                # A quoted cell may run on past this part: one reader for the rest.
                rest = itertools.chain((part + text,), blocks)
                _consume(builder, csv_reader(rest, sep), line, chunk_rows)
                break
            rows, taken = strict
            builder.take(rows, line, line + taken)
        elif taken is None:
            reader = csv_reader(iter((part,)), sep)
            taken = _consume(builder, reader, line, chunk_rows) - line
        line += taken
    return builder.result()


def iter_candidacies(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[District | Candidacy | Rejection]:
    """Stream model objects from a candidates CSV: each district when first
    seen, each candidacy, and a rejection for every row that is neither."""
    for item in _located(Path(path), encoding, progress):
        yield item if isinstance(item, Rejection) else item.record


def _located(
    path: Path, encoding: str, progress: Callable[[int], None] | None
) -> Iterator[Located | Rejection]:
    """What :func:`iter_candidacies` yields, each model object with its line."""
    seen: set[tuple[str, str]] = set()
    for _key, item, line in _rows(path, encoding, progress):
        if isinstance(item, Rejection):
            yield item
            continue
        yield from _records(item, line, seen)


def _records(item: _Row, line: int, seen: set[tuple[str, str]]) -> Iterator[Located]:
    """The model objects of one parsed row: its district when first seen (and its
    seats known), then its candidacy. Shared with the XLSX source."""
    (election, district, party), seats, position, gender, name, votes, elected, _, _ = item
    if seats is not None and (election, district) not in seen:
        seen.add((election, district))
        yield Located(District(district, election, seats, name=district), line)
    candidacy = Candidacy(
        name=name,
        gender=gender,
        party=party,
        election_id=election,
        district_id=district,
        list_position=position,
        votes=votes,
        elected=elected,
    )
    yield Located(candidacy, line)


@final
class CandidatesCsvSource:
    """The built-in ``candidates-csv`` source: one row per candidate (see the module)."""

    spec = SourceSpec(
        name="candidates-csv",
        description="Candidate lists, one row per candidate (KPU's DCS/DCT columns)",
        yields=("District", "Candidacy"),
        patterns=("*.csv",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the first line is a header naming every required column."""
        first = first_line(head)
        try:
            header = next(csv.reader([first], delimiter=delimiter_of(first)), [])
            ColumnMap(header, COLUMNS, REQUIRED, source=str(path))
        except (SourceError, csv.Error):
            return False
        return True

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each district (when first seen) and candidacy with its line, and every rejection."""
        return _located(Path(path), context.encoding, context.progress)

    def read_lists(
        self, path: Path, context: ReadContext
    ) -> tuple[tuple[ListFacts, ...], tuple[Rejection, ...], int]:
        """The candidate lists, by the fast path of :func:`read_candidate_lists` (the
        second reader behind :func:`kppi_core.reading.read_lists`)."""
        read = read_candidate_lists(path, encoding=context.encoding, progress=context.progress)
        return read.lists, read.rejected, read.rows
