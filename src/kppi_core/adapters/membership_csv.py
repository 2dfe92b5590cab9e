"""Party membership exports: one row per member, as a party's membership system exports them.

Columns (headers match ignoring case, spacing and separators, in English or
Indonesian): ``name`` (Nama, Nama Lengkap) and ``party`` (Partai) are
required; optional ``sex`` (Jenis Kelamin, JK, Gender), ``nik``,
``birth_date`` (Tanggal Lahir, Tgl Lahir), ``kta`` (No KTA, Nomor KTA, Nomor
Anggota), ``region`` (Wilayah, Daerah, Kabupaten/Kota, Kab/Kota, DPC) and
``joined`` (Tanggal Bergabung, Tgl Gabung, Date Joined, Terdaftar). Dates may
be ``YYYY-MM-DD``, ``DD-MM-YYYY`` or ``DD/MM/YYYY``.

Each row gives a :class:`~kppi_core.model.Person` (id ``party/kta/KTA`` when
the row has a KTA number, else ``file-stem/line``; the KTA also as an
identifier in scheme ``kta:party``) and a
:class:`~kppi_core.model.Membership` of the party (role ``member``, from the
date joined, the region as its label); each party's
:class:`~kppi_core.model.Organisation` (classification ``party``) comes
before its first member. National parties are recognised under their usual
names (``PDI-P``, ``PDIP`` and ``PDI Perjuangan`` are one party, id ``pdip``).

A row that cannot become these objects is a
:class:`~kppi_core.rejections.Rejection` (empty name or party, a sex code,
NIK or date that does not parse, a ragged row); reasons never repeat a NIK
or a birth date. Duplicate KTA numbers are not looked for here (that would
hold every number in memory): the registry matches people.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import final

import attrs

from kppi_core.adapters._parties import organisation_slug
from kppi_core.adapters._tabular import (
    ColumnMap,
    nik_of,
    open_csv,
    parse_day,
    sniff_csv_header,
)
from kppi_core.errors import InvalidRecord
from kppi_core.model import (
    Classification,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organisation,
    PartialDate,
    Person,
    Role,
)
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import ACCEPTED as _GENDERS_ACCEPTED
from kppi_core.privacy import shown
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, SourceSpec

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "MembershipCsvSource",
    "MembershipRows",
    "MembershipTally",
    "iter_members",
    "tally_members",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nama", "nama lengkap"),
    "sex": ("sex", "jenis kelamin", "jk", "gender", "l/p"),
    "nik": ("nik",),
    "birth_date": ("birth_date", "tanggal lahir", "tgl lahir"),
    "kta": ("kta", "no kta", "nomor kta", "kta number", "nomor anggota"),
    "party": ("party", "partai", "partai politik"),
    "region": ("region", "wilayah", "daerah", "kabupaten/kota", "kab/kota", "dpc"),
    "joined": ("joined", "tanggal bergabung", "tgl gabung", "date joined", "terdaftar"),
}
REQUIRED = ("name", "party")

# Sex codes exactly as files write them, before folding case and space.
_RAW_GENDERS: dict[str, Gender] = {
    **_GENDERS,
    **{alias.upper(): g for alias, g in _GENDERS.items()},
    **{alias.title(): g for alias, g in _GENDERS.items()},
}
_MEMBER = Role.MEMBER.value
_PARTY = Classification.PARTY.value

#: What :meth:`MembershipRows.parse` returns for one row.
Parsed = list[Located] | Rejection | None
# A checked row: (party id, KTA scheme, party name), name, gender, NIK, birth
# date, KTA, region, date joined.
_Fields = tuple[
    tuple[str, str, str], str, Gender, Nik | None, PartialDate | None, str, str | None,
    PartialDate | None,
]  # fmt: skip


class MembershipRows:
    """The row parser of a membership table: header → columns, then one row at a time.

    Shared by the CSV and XLSX sources. ``source`` names the file in
    rejections, ``stem`` starts the id of a person without a KTA number, and
    ``line`` is where the header row is.
    """

    def __init__(self, header: list[str], source: str, stem: str, *, line: int = 1) -> None:
        cols = ColumnMap(header, COLUMNS, REQUIRED, source=source, line=line)
        self.source = source
        self.stem = stem
        self.width = cols.width
        self.name = cols.index["name"]
        self.party = cols.index["party"]
        self.sex, self.nik, self.birth_date, self.kta, self.region, self.joined = (
            cols.get(c) for c in ("sex", "nik", "birth_date", "kta", "region", "joined")
        )
        # Raw party cell → (organisation id, KTA scheme, name); organisations given.
        self._parties: dict[str, tuple[str, str, str]] = {}
        self._seen: set[str] = set()

    def _reject(self, line: int, field: str | None, reason: str) -> Rejection:
        return Rejection(self.source, line, field, reason)

    def check(self, row: list[str], line: int, nul: bool = False) -> _Fields | Rejection | None:
        """The validated cells of one row, its rejection, or ``None`` for a blank row.

        ``nul`` says the file has NUL bytes somewhere, so this row is checked.
        """
        if len(row) != self.width or nul:
            if not any(cell.strip() for cell in row):
                return None
            if nul and any("\x00" in cell for cell in row):
                return self._reject(line, None, "contains a NUL byte")
            if len(row) != self.width:
                return self._reject(
                    line, None, f"has {len(row)} fields, the header has {self.width}"
                )
        raw_party = row[self.party]
        party = self._parties.get(raw_party)
        if party is None:
            text = raw_party.strip()
            if not text:
                if not any(cell.strip() for cell in row):
                    return None
                return self._reject(line, "party", "is empty")
            org_id = organisation_slug(text)
            if not org_id:
                return self._reject(line, "party", f"{shown(text)} has no letters or digits")
            party = (org_id, f"kta:{org_id}", text)
            if len(self._parties) < 10_000:  # junk input must not grow it without bound
                self._parties[raw_party] = party
        name = row[self.name].strip()
        if not name:
            return self._reject(line, "name", "is empty")
        gender = Gender.UNKNOWN
        if self.sex is not None:
            raw = row[self.sex]
            found = _RAW_GENDERS.get(raw)
            if found is None:
                found = _GENDERS.get(raw.strip().casefold())
                if found is None:
                    return self._reject(
                        line,
                        "sex",
                        f"{shown(raw)} is not a sex code; accepted: {_GENDERS_ACCEPTED}",
                    )
            gender = found
        nik: Nik | None = None
        if self.nik is not None:
            cell = row[self.nik]
            if cell and not cell.isspace():
                try:
                    nik = nik_of(cell)
                except InvalidRecord as exc:
                    return self._reject(line, "nik", "; ".join(exc.problems))  # no digits
        born: PartialDate | None = None
        if self.birth_date is not None:
            cell = row[self.birth_date]
            if cell and not cell.isspace():
                try:
                    born = parse_day(cell)
                except InvalidRecord as exc:
                    return self._reject(line, "birth_date", exc.problems[0])  # not the date
        joined: PartialDate | None = None
        if self.joined is not None:
            cell = row[self.joined]
            if cell and not cell.isspace():
                try:
                    joined = parse_day(cell)
                except InvalidRecord as exc:
                    return self._reject(line, "joined", exc.problems[0])
        kta = row[self.kta].strip() if self.kta is not None else ""
        region = (row[self.region].strip() or None) if self.region is not None else None
        return party, name, gender, nik, born, kta, region, joined

    def parse(self, row: list[str], line: int, nul: bool = False) -> Parsed:
        """The records of one row (the party first if new, the person, the
        membership), its rejection, or ``None`` for a blank row."""
        fields = self.check(row, line, nul)
        if fields is None or isinstance(fields, Rejection):
            return fields
        (org_id, scheme, party_name), name, gender, nik, born, kta, region, joined = fields
        if kta:
            person_id = f"{org_id}/kta/{kta}"
            identifiers: tuple[Identifier, ...] = (Identifier(scheme, kta),)
        else:
            person_id = f"{self.stem}/{line}"
            identifiers = ()
        out: list[Located] = []
        if org_id not in self._seen:
            self._seen.add(org_id)
            out.append(Located(Organisation(org_id, party_name, _PARTY), line))
        out.append(Located(Person(person_id, name, gender, born, nik, identifiers), line))
        membership = Membership(person_id, org_id, _MEMBER, label=region, start_date=joined)
        out.append(Located(membership, line))
        return out


def iter_members(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[Located | Rejection]:
    """Stream a membership CSV: each party when first seen, each person and
    membership with its line, and a rejection for every row that is neither."""
    path = Path(path)
    reader, lines, header = open_csv(path, encoding, progress)
    rows = MembershipRows(header, str(path), path.stem)
    parse = rows.parse
    while True:
        try:
            for row in reader:
                out = parse(row, reader.line_num, lines.nul_seen)
                if out is None:
                    continue
                if isinstance(out, Rejection):
                    yield out
                else:
                    yield from out
            return
        except csv.Error as exc:  # the for loop resumes on the same reader
            line = reader.line_num
            yield Rejection(rows.source, line, None, f"not a CSV row: {exc}")


@attrs.frozen
class MembershipTally:
    """Members counted by party id and declared gender, with every rejection."""

    counts: dict[tuple[str, Gender], int]
    rejected: tuple[Rejection, ...]
    rows: int

    @property
    def accepted(self) -> int:
        """Data rows counted as members."""
        return self.rows - len(self.rejected)


def tally_members(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> MembershipTally:
    """Count the members of a membership CSV by party and gender without building
    model objects: every row is checked as :func:`iter_members` checks it, so
    the same rows are accepted and rejected, for a fraction of the cost."""
    path = Path(path)
    reader, lines, header = open_csv(path, encoding, progress)
    rows = MembershipRows(header, str(path), path.stem)
    check = rows.check
    counts: dict[tuple[str, Gender], int] = {}
    rejected: list[Rejection] = []
    total = 0
    while True:
        try:
            for row in reader:
                fields = check(row, reader.line_num, lines.nul_seen)
                if fields is None:
                    continue
                total += 1
                if isinstance(fields, Rejection):
                    rejected.append(fields)
                    continue
                key = (fields[0][0], fields[2])
                counts[key] = counts.get(key, 0) + 1
            break
        except csv.Error as exc:  # the for loop resumes on the same reader
            total += 1
            rejected.append(Rejection(rows.source, reader.line_num, None, f"not a CSV row: {exc}"))
    return MembershipTally(counts, tuple(rejected), total)


@final
class MembershipCsvSource:
    """The built-in ``membership-csv`` source (see the module)."""

    spec = SourceSpec(
        name="membership-csv",
        description="Party membership exports: name, sex, NIK, birth date, KTA, party, "
        "region, date joined",
        yields=("Organisation", "Person", "Membership"),
        patterns=("*.csv",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the header names a name and a party, and a KTA number, region or
        date joined (which a candidate list or an attendance sheet does not have)."""
        found = sniff_csv_header(head, COLUMNS, REQUIRED)
        return found is not None and any(c in found for c in ("kta", "region", "joined"))

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each party (when first seen), person and membership with its line, and
        every rejection."""
        return iter_members(path, encoding=context.encoding, progress=context.progress)

    def tally(self, path: Path, context: ReadContext) -> MembershipTally:
        """Members by party and gender, by the fast path of :func:`tally_members`."""
        return tally_members(path, encoding=context.encoding, progress=context.progress)
