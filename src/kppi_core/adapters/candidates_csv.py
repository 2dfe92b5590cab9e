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

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

from kppi_core.adapters._tabular import ColumnMap, DecodedLines
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.model import Candidacy, District, Gender, Nik, PartialDate
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import ACCEPTED as _GENDERS_ACCEPTED
from kppi_core.quota.facts import ListFacts
from kppi_core.rejections import Rejection

__all__ = ["COLUMNS", "REQUIRED", "CandidatesRead", "iter_candidacies", "read_candidate_lists"]

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
_Row = tuple[
    tuple[str, str, str], int, int, Gender, str, int | None, bool | None, Nik | None,
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


def _rows(
    path: Path,
    encoding: str,
    progress: Callable[[int], None] | None,
) -> Iterator[tuple[tuple[str, str, str] | None, _Row | Rejection]]:
    """Parse each data row, or say why not; the list key comes with a rejection
    when the row names its list."""
    source = str(path)
    lines = DecodedLines(path, encoding, progress)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise SourceError("the file is empty: expected a header row", path=source) from None
    except csv.Error as exc:
        raise SourceError(f"the header cannot be read: {exc}", path=source, line=1) from None
    cols = ColumnMap(header, COLUMNS, REQUIRED, source=source)
    ie, idi, ise, ip, il, ina, ig = (cols.index[c] for c in REQUIRED)
    inik, ibd, ivo, iel = (cols.get(c) for c in ("nik", "birth_date", "votes", "elected"))
    width = cols.width
    # Seats of each district as first given (with its line), and per list a shortcut to it.
    district_seats: dict[tuple[str, str], tuple[int, int]] = {}
    seats_of: dict[tuple[str, str, str], tuple[int, int]] = {}

    def reject(
        line: int, field: str | None, reason: str, key: tuple[str, str, str] | None = None
    ) -> tuple[tuple[str, str, str] | None, Rejection]:
        return key, Rejection(source, line, field, reason)

    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reject(reader.line_num, None, f"not a CSV row: {exc}")
            continue
        line = reader.line_num
        if lines.nul_seen and any("\x00" in cell for cell in row):
            yield reject(line, None, "contains a NUL byte")
            continue
        if len(row) != width:
            if not any(cell.strip() for cell in row):
                continue  # a blank line is no record
            yield reject(line, None, f"has {len(row)} fields, the header has {width}")
            continue
        election, district, party = row[ie].strip(), row[idi].strip(), row[ip].strip()
        if not (election and district and party):
            empty = "election" if not election else "district" if not district else "party"
            yield reject(line, empty, "is empty")
            continue
        key = (election, district, party)
        seats = _SMALL.get(row[ise]) or _whole(row[ise], 1)
        if seats is None:
            yield reject(
                line, "seats", f"{row[ise].strip()!r} is not a whole number of at least 1", key
            )
            continue
        seen = seats_of.get(key)
        if seen is None:
            seen = seats_of[key] = district_seats.setdefault((election, district), (seats, line))
        if seen[0] != seats:
            yield reject(
                line,
                "seats",
                f"district {district!r} has {seen[0]} seats at line {seen[1]}, {seats} here",
                key,
            )
            continue
        position = _SMALL.get(row[il]) or _whole(row[il], 1)
        if position is None:
            yield reject(
                line,
                "list_number",
                f"{row[il].strip()!r} is not a whole number of at least 1",
                key,
            )
            continue
        gender = _RAW_GENDERS.get(row[ig]) or _GENDERS.get(row[ig].strip().casefold())
        if gender is None:
            yield reject(
                line,
                "gender",
                f"{row[ig].strip()!r} is not a sex code; accepted: {_GENDERS_ACCEPTED}",
                key,
            )
            continue
        name = row[ina].strip()
        if not name:
            yield reject(line, "name", "is empty", key)
            continue
        votes: int | None = None
        if ivo is not None and row[ivo].strip():
            votes = _SMALL.get(row[ivo])
            if votes is None:
                votes = _whole(row[ivo], 0)
            if votes is None:
                yield reject(line, "votes", f"{row[ivo].strip()!r} is not a whole number", key)
                continue
        elected: bool | None = None
        if iel is not None:
            flag = row[iel].strip().casefold()
            if flag in _TRUE:
                elected = True
            elif flag in _FALSE:
                elected = False if flag else None
            else:
                yield reject(line, "elected", f"{row[iel].strip()!r} is not yes/no (ya/tidak)", key)
                continue
        nik: Nik | None = None
        if inik is not None and row[inik].strip():
            try:
                nik = Nik(row[inik])
            except InvalidRecord as exc:
                yield reject(line, "nik", "; ".join(exc.problems), key)  # never the digits
                continue
        born: PartialDate | None = None
        if ibd is not None and row[ibd].strip():
            try:
                born = PartialDate.parse(row[ibd])
            except InvalidRecord:
                yield reject(
                    line, "birth_date", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD", key
                )
                continue
        yield key, (key, seats, position, gender, name, votes, elected, nik, born)


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
    """
    path = Path(path)
    groups: dict[tuple[str, str, str], tuple[list[int], list[Gender]]] = {}
    seats: dict[tuple[str, str, str], int] = {}
    rejected: list[Rejection] = []
    by_list: dict[tuple[str, str, str], list[Rejection]] = {}
    rows = 0
    for key, item in _rows(path, encoding, progress):
        rows += 1
        if isinstance(item, Rejection):
            rejected.append(item)
            if key is not None:
                by_list.setdefault(key, []).append(item)
            continue
        group = groups.get(item[0])
        if group is None:
            group = groups[item[0]] = ([], [])
            seats[item[0]] = item[1]
        group[0].append(item[2])
        group[1].append(item[3])
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
    seen: set[tuple[str, str]] = set()
    for _key, item in _rows(Path(path), encoding, progress):
        if isinstance(item, Rejection):
            yield item
            continue
        (election, district, party), seats, position, gender, name, votes, elected, _, _ = item
        if (election, district) not in seen:
            seen.add((election, district))
            yield District(district, election, seats, name=district)
        yield Candidacy(
            name=name,
            gender=gender,
            party=party,
            election_id=election,
            district_id=district,
            list_position=position,
            votes=votes,
            elected=elected,
        )
