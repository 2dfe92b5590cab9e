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

import codecs
import contextlib
import csv
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, final

import attrs

from kppi_core.adapters._tabular import ColumnMap, DecodedLines, open_csv
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.model import Candidacy, District, Gender, Nik, PartialDate
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import ACCEPTED as _GENDERS_ACCEPTED
from kppi_core.privacy import hide_digits, shown
from kppi_core.quota.facts import ListFacts
from kppi_core.rejections import Rejection
from kppi_core.sources import ListsRead, Located, ReadContext, SourceSpec

__all__ = [
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


def _whole(text: str, minimum: int) -> int | None:
    """A whole number written in ASCII digits (spaces around allowed), at least ``minimum``."""
    value = _SMALL.get(text)
    if value is None:
        text = text.strip()
        if not text.isdigit() or not text.isascii():
            return None
        value = int(text)
    return value if value >= minimum else None


_Key = tuple[str, str, str]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building acyclic data.

    Hundreds of thousands of small lists would otherwise trigger collections
    that scan the growing heap again and again; nothing built here has cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_BLANK = object()  # a blank line: no record at all


class _Parser:
    """The full, careful reading of one row: every check, every reason.

    The fast path of :func:`read_candidate_lists` accepts only rows this
    parser would accept with the same values, and hands it everything else.
    """

    def __init__(
        self, header: list[str], source: str, *, line: int = 1, seats_optional: bool = False
    ) -> None:
        self.source = source
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
        self, line: int, field: str | None, reason: str, key: _Key | None = None
    ) -> tuple[_Key | None, Rejection]:
        return key, Rejection(self.source, line, field, reason)

    def parse(self, row: list[str], line: int, nul: bool) -> tuple[_Key | None, object]:
        """``(key, parsed row)``, ``(key or None, Rejection)``, or ``(None, _BLANK)``."""
        if nul and any("\x00" in cell for cell in row):
            return self._reject(line, None, "contains a NUL byte")
        if len(row) != self.width:
            if not any(cell.strip() for cell in row):
                return None, _BLANK
            return self._reject(line, None, f"has {len(row)} fields, the header has {self.width}")
        ie, idi, ise, ip, il, ina, ig = self.required
        election, district, party = row[ie].strip(), row[idi].strip(), row[ip].strip()
        if not (election and district and party):
            if not any(cell.strip() for cell in row):
                return None, _BLANK
            empty = "election" if not election else "district" if not district else "party"
            return self._reject(line, empty, "is empty")
        key = (election, district, party)
        seats: int | None = None
        if not (self.seats_optional and not row[ise].strip()):
            seats = _whole(row[ise], 1)
            if seats is None:
                return self._reject(
                    line, "seats", f"{shown(row[ise])} is not a whole number of at least 1", key
                )
            seen = self.district_seats.setdefault((election, district), (seats, line))
            if seen[0] != seats:
                return self._reject(
                    line,
                    "seats",
                    hide_digits(
                        f"district {shown(district)} has {seen[0]} seats at line {seen[1]}, "
                        f"{seats} here",
                    ),
                    key,
                )
        position = _whole(row[il], 1)
        if position is None:
            return self._reject(
                line, "list_number", f"{shown(row[il])} is not a whole number of at least 1", key
            )
        gender = _GENDERS.get(row[ig].strip().casefold())
        if gender is None:
            return self._reject(
                line,
                "gender",
                f"{shown(row[ig])} is not a sex code; accepted: {_GENDERS_ACCEPTED}",
                key,
            )
        name = row[ina].strip()
        if not name:
            return self._reject(line, "name", "is empty", key)
        votes: int | None = None
        if self.votes is not None and row[self.votes].strip():
            votes = _whole(row[self.votes], 0)
            if votes is None:
                return self._reject(
                    line, "votes", f"{shown(row[self.votes])} is not a whole number", key
                )
        elected: bool | None = None
        if self.elected is not None:
            flag = row[self.elected].strip().casefold()
            if flag in _TRUE:
                elected = True
            elif flag in _FALSE:
                elected = False if flag else None
            else:
                return self._reject(
                    line, "elected", f"{shown(row[self.elected])} is not yes/no (ya/tidak)", key
                )
        nik: Nik | None = None
        if self.nik is not None and row[self.nik].strip():
            try:
                nik = Nik(row[self.nik])
            except InvalidRecord as exc:
                return self._reject(line, "nik", "; ".join(exc.problems), key)  # no digits
        born: PartialDate | None = None
        if self.birth_date is not None and row[self.birth_date].strip():
            try:
                born = PartialDate.parse(row[self.birth_date])
            except InvalidRecord:
                return self._reject(
                    line, "birth_date", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD", key
                )
        return key, (key, seats, position, gender, name, votes, elected, nik, born)

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
    return reader, lines, _Parser(header, str(path))


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
            reason = f"not a CSV row: {exc}"
            yield None, Rejection(parser.source, reader.line_num, None, reason), reader.line_num
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


def read_candidate_lists(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> CandidatesRead:
    """Read a candidates CSV into one :class:`ListFacts` per party list per district.

    Rows rejected for a list they name (a bad sex code, a conflicting seat
    count) are attached to it, so its verdict is at best undetermined.

    A row like the ones before it (same list cells, same seats text, a small
    list number, a sex code as lists write it, nothing in the optional cells
    but a small vote count) takes a short path; any other row is read by the
    full parser, so both give the same lists.
    """
    path = Path(path)
    reader, lines, parser = _open(path, encoding, progress)
    width = parser.width
    ie, idi, ise, ip, il, ina, ig = parser.required
    plain = not parser.optional
    # The common optional column, votes, is checked inline; others go to the parser.
    votes_only = parser.optional == (parser.votes,)
    iv = parser.votes if votes_only else 0
    # key → [positions, genders]; raw list cells → (that group, its seats text)
    groups: dict[_Key, tuple[list[int], list[Gender]]] = {}
    by_raw: dict[tuple[str, str, str], tuple[tuple[list[int], list[Gender]], str]] = {}
    seats: dict[_Key, int] = {}
    rejected: list[Rejection] = []
    by_list: dict[_Key, list[Rejection]] = {}
    rows = 0
    small, raw_genders = _SMALL, _RAW_GENDERS
    with _gc_paused():
        while True:
            try:
                for row in reader:
                    if len(row) == width and not lines.nul_seen:
                        hit = by_raw.get((row[ie], row[idi], row[ip]))
                        if hit is not None and row[ise] == hit[1]:
                            position = small.get(row[il])
                            gender = raw_genders.get(row[ig])
                            name = row[ina]
                            if (
                                position
                                and gender is not None
                                and name
                                and not name.isspace()
                                and (
                                    plain
                                    or (
                                        votes_only
                                        and (
                                            not row[iv] or (row[iv].isdigit() and row[iv].isascii())
                                        )
                                    )
                                    or parser.optional_trivial(row)
                                )
                            ):
                                rows += 1
                                hit[0][0].append(position)
                                hit[0][1].append(gender)
                                continue
                    key, item = parser.parse(row, reader.line_num, lines.nul_seen)
                    if item is _BLANK:
                        continue
                    rows += 1
                    if isinstance(item, Rejection):
                        rejected.append(item)
                        if key is not None:
                            by_list.setdefault(key, []).append(item)
                        continue
                    assert key is not None
                    group = groups.get(key)
                    if group is None:
                        group = groups[key] = ([], [])
                        seats[key] = item[1]  # type: ignore[index]
                    group[0].append(item[2])  # type: ignore[index]
                    group[1].append(item[3])  # type: ignore[index]
                    by_raw[(row[ie], row[idi], row[ip])] = (group, row[ise])
                break
            except csv.Error as exc:  # the for loop resumes on the same reader
                rows += 1
                reason = f"not a CSV row: {exc}"
                rejected.append(Rejection(parser.source, reader.line_num, None, reason))
        for key in by_list.keys() - groups.keys():
            # Every row of this list was rejected: the list still exists, unread.
            groups[key] = ([], [])
            seats[key] = 0
        lists = tuple(
            ListFacts.build(key, seats[key] or None, group[0], group[1], by_list.get(key, ()))
            for key, group in groups.items()
        )
    return CandidatesRead(lists, tuple(rejected), rows)


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
        first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0]
        try:
            header = next(csv.reader([first.decode("utf-8", "replace")]), [])
            ColumnMap(header, COLUMNS, REQUIRED, source=str(path))
        except (SourceError, csv.Error):
            return False
        return True

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each district (when first seen) and candidacy with its line, and every rejection."""
        return _located(Path(path), context.encoding, context.progress)

    def read_lists(self, path: Path, context: ReadContext) -> ListsRead:
        """The candidate lists, by the fast path of :func:`read_candidate_lists`."""
        read = read_candidate_lists(path, encoding=context.encoding, progress=context.progress)
        return ListsRead(read.lists, read.rejected, read.rows)
