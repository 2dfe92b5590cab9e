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
:class:`~kppi_core.model.Organization` (classification ``party``) comes
before its first member. National parties are recognised under their usual
names (``PDI-P``, ``PDIP`` and ``PDI Perjuangan`` are one party, id ``pdip``).

A row that cannot become these objects is a
:class:`~kppi_core.rejections.Rejection` (empty name or party, a sex code,
NIK or date that does not parse, a ragged row); reasons never repeat a NIK
or a birth date. Duplicate KTA numbers are not looked for here (that would
hold every number in memory): the registry matches people.
"""

from __future__ import annotations

import _csv
import csv
import itertools
import operator
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, final

import attrs

from kppi_core.adapters._parties import organisation_slug
from kppi_core.adapters._tabular import (
    _DATE_CACHE,
    _GOOD_DATES,
    _GOOD_REGIONS,
    IS_EMPTY,
    NUL_BYTE,
    ColumnMap,
    DecodedLines,
    birth_digits_ok,
    day_or_none,
    nik_of,
    not_a_csv_row,
    open_csv,
    parse_day,
    ragged,
    sniff_csv_header,
)
from kppi_core.errors import InvalidRecord, Message
from kppi_core.model import (
    Capacity,
    Classification,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Person,
    Role,
    _trusted,
)
from kppi_core.model._checks import SUSPECT, implausible, personal_in
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import not_a_sex_code
from kppi_core.privacy import describe, shown
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, SourceSpec, _located

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
_MISSING = object()  # a region not seen yet
#: (append, line, party's (id, KTA scheme), name, gender, NIK text (checked), birth
#: date, joining date, KTA, region label)
_AppendRecords = Callable[
    [
        Callable[[Located | Rejection], None],
        int,
        tuple[str, str],
        str,
        Gender,
        str,
        PartialDate | None,
        PartialDate | None,
        str,
        str | None,
    ],
    None,
]
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
        # Raw party cell → (organisation id, KTA scheme), once its organisation
        # has been yielded: rows of these parties may take the short path.
        self._ready: dict[str, tuple[str, str]] = {}

    def _reject(self, line: int, field: str | None, reason: str | Message) -> Rejection:
        return Rejection(self.source, line, field, reason)

    def check(self, row: list[str], line: int, nul: bool = False) -> _Fields | Rejection | None:
        """The validated cells of one row, its rejection, or ``None`` for a blank row.

        ``nul`` says the file has NUL bytes somewhere, so this row is checked.
        """
        if len(row) != self.width or nul:
            if not any(cell.strip() for cell in row):
                return None
            if nul and any("\x00" in cell for cell in row):
                return self._reject(line, None, NUL_BYTE)
            if len(row) != self.width:
                return self._reject(line, None, ragged(len(row), self.width))
        party = self._party(row, line)
        if party is None or isinstance(party, Rejection):
            return party
        name = row[self.name].strip()
        if not name:
            return self._reject(line, "name", IS_EMPTY)
        kind = personal_in(name)
        if kind is not None:
            return self._reject(line, "name", implausible(kind, "name"))
        gender = self._gender(row, line)
        if isinstance(gender, Rejection):
            return gender
        days = self._identity(row, line)
        if isinstance(days, Rejection):
            return days
        nik, born, joined = days
        kta = row[self.kta].strip() if self.kta is not None else ""
        kind = _personal_kta(kta)
        if kind is not None:
            return self._reject(line, "kta", implausible(kind, "kta"))
        region = (row[self.region].strip() or None) if self.region is not None else None
        kind = None if region is None else personal_in(region)
        if kind is not None:
            return self._reject(line, "region", implausible(kind, "region"))
        return party, name, gender, nik, born, kta, region, joined

    def _party(self, row: list[str], line: int) -> tuple[str, str, str] | Rejection | None:
        """The row's party as ``(organisation id, KTA scheme, name)``, its rejection,
        or ``None`` when the whole row is blank."""
        raw_party = row[self.party]
        party = self._parties.get(raw_party)
        if party is not None:
            return party
        text = raw_party.strip()
        if not text:
            if not any(cell.strip() for cell in row):
                return None
            return self._reject(line, "party", IS_EMPTY)
        kind = personal_in(text)
        if kind is not None:
            return self._reject(line, "party", implausible(kind, "party"))
        org_id = organisation_slug(text)
        if not org_id:
            reason = Message("{value} has no letters or digits", value=shown(text))
            return self._reject(line, "party", reason)
        party = (org_id, f"kta:{org_id}", text)
        if len(self._parties) < 10_000:  # junk input must not grow it without bound
            self._parties[raw_party] = party
        return party

    def _gender(self, row: list[str], line: int) -> Gender | Rejection:
        """The member's declared sex (unknown without a sex column)."""
        if self.sex is None:
            return Gender.UNKNOWN
        raw = row[self.sex]
        found = _RAW_GENDERS.get(raw)
        if found is None:
            found = _GENDERS.get(raw.strip().casefold())
            if found is None:
                return self._reject(line, "sex", not_a_sex_code(shown(raw)))
        return found

    def _identity(
        self, row: list[str], line: int
    ) -> tuple[Nik | None, PartialDate | None, PartialDate | None] | Rejection:
        """The NIK, birth date and joining date, each None where absent or blank."""
        nik: Nik | None = None
        if self.nik is not None:
            cell = row[self.nik]
            if cell and not cell.isspace():
                try:
                    nik = nik_of(cell)
                except InvalidRecord as exc:
                    return self._reject(line, "nik", Message.join("; ", exc.messages))
        days: list[PartialDate | None] = []
        for field, i in (("birth_date", self.birth_date), ("joined", self.joined)):
            day: PartialDate | None = None
            cell = "" if i is None else row[i]
            if cell and not cell.isspace():
                try:
                    day = parse_day(cell)
                except InvalidRecord as exc:
                    return self._reject(line, field, exc.messages[0])  # not the date
            days.append(day)
        born, joined = days
        return nik, born, joined

    def parse(self, row: list[str], line: int, nul: bool = False) -> Parsed:
        """The records of one row (the party first if new, the person, the
        membership), its rejection, or ``None`` for a blank row."""
        fields = self.check(row, line, nul)
        if fields is None or isinstance(fields, Rejection):
            return fields
        (org_id, scheme, party_name), name, gender, nik, born, kta, region, joined = fields
        # check() has validated every value: the objects are built without
        # running the model's checks again (they would pass; a test compares).
        if kta:
            person_id = f"{org_id}/kta/{kta}"
            identifiers: tuple[Identifier, ...] = (_trusted.identifier(scheme, kta),)
        else:
            person_id = f"{self.stem}/{line}"
            identifiers = ()
        out: list[Located] = []
        if org_id not in self._seen:
            self._seen.add(org_id)
            out.append(_located(Organization(org_id, party_name, _PARTY), line))
        if len(self._ready) < 10_000:  # bounded as _parties is
            self._ready[row[self.party]] = (org_id, scheme)
        person = _trusted.person(person_id, name, gender, born, nik, identifiers)
        out.append(_located(person, line))
        membership = _trusted.membership(person_id, org_id, _MEMBER, region, joined)
        out.append(_located(membership, line))
        return out


# A KTA number of digits only, up to this long, is taken as it is (the short path);
# anything else is checked for personal data (a NIK, a phone number, a date).
_PLAIN_KTA = 11


def _personal_kta(kta: str) -> str | None:
    """What personal data a KTA cell holds: a valid NIK, a phone number or a date (a
    KTA number itself may well have 10 to 16 digits), or an oversized text."""
    if not kta or (len(kta) <= _PLAIN_KTA and kta.isdigit()):
        return None  # (an empty cell: no describing it, no NIK raised and caught)
    kind = describe(kta)
    if kind in ("a phone number", "a date") or (kind is not None and "character" in kind):
        return kind
    try:
        Nik.parse(kta)
    except InvalidRecord:
        return None
    return "a NIK"


def iter_members(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[Located | Rejection]:
    """Stream a membership CSV: each party when first seen, each person and
    membership with its line, and a rejection for every row that is neither.

    Records are handed out in lists of about :data:`_BATCH` (chained in C, so
    there is no Python frame per record); the stream is the same for any size
    (a test compares).
    """
    return itertools.chain.from_iterable(_member_batches(Path(path), encoding, progress, _BATCH))


_BATCH = 32  # records per list handed to itertools.chain


def _cells(rows: MembershipRows) -> tuple[Callable[[list[str]], tuple[str, ...]], bool]:
    """A getter of the eight cells the short paths read, in one C call, and whether
    rows must be padded first: a missing optional column reads as an empty cell
    appended to the row, which is what :meth:`MembershipRows.check` makes of it."""
    width = rows.width
    optional = (rows.sex, rows.nik, rows.birth_date, rows.kta, rows.region, rows.joined)
    sex, nik, birth_date, kta, region, joined = (width if i is None else i for i in optional)
    get = operator.itemgetter(rows.name, sex, nik, birth_date, kta, rows.party, region, joined)
    return get, any(i is None for i in optional)


def _member_batches(
    path: Path,
    encoding: str,
    progress: Callable[[int], None] | None,
    batch: int,
) -> Iterator[list[Located | Rejection]]:
    """The records of :func:`iter_members`, in lists of about ``batch``.

    Most rows take a short path (:func:`_batch_filler`); anything else goes
    through :meth:`MembershipRows.parse`. Both give the same records (a test
    compares).
    """
    reader, lines, header = open_csv(path, encoding, progress)
    rows = MembershipRows(header, str(path), path.stem)
    fill = _batch_filler(rows, reader, lines, batch)
    out: list[Located | Rejection] = []
    try:
        while True:
            try:
                if fill(out):
                    break
            except csv.Error as exc:  # the next fill resumes on the same reader
                out.append(Rejection(rows.source, reader.line_num, None, not_a_csv_row(exc)))
                continue
            yield out
            out = []
    except Exception:
        if out:  # what was read before the error comes first, as unbatched
            yield out
        raise
    if out:
        yield out


def _batch_filler(
    rows: MembershipRows, reader: _csv.Reader, lines: DecodedLines, batch: int
) -> Callable[[list[Located | Rejection]], bool]:
    """A function that reads rows into a list until it holds ``batch`` records
    (then it says False) or the file ends (True).

    A row takes the short path when it is of the header's width, of a party already
    yielded, and its sex code, NIK and dates are texts :meth:`MembershipRows.check`
    accepted before: :func:`_short_records` makes its records."""
    parse, width, ready = rows.parse, rows.width, rows._ready
    cells, pad = _cells(rows)
    genders = _RAW_GENDERS
    suspect = SUSPECT.search  # a name that may hold a NIK or a date: the careful path
    plain_kta = _PLAIN_KTA
    # One copy of each region text: members of one region share their label.
    labels: dict[str, str | None] = {}
    dates, regions, births = _DATE_CACHE, _GOOD_REGIONS, _GOOD_DATES  # what was accepted
    day, birth_ok = day_or_none, birth_digits_ok
    missing: Any = _MISSING
    short_records = _short_records(rows.stem)

    def fill(out: list[Located | Rejection]) -> bool:
        append = out.append
        for row in reader:
            line = reader.line_num
            if len(row) == width and not lines.nul_seen:
                if pad:
                    row.append("")
                name, sex, nik_text, born_text, kta, party_text, region, joined_text = cells(row)
                party = ready.get(party_text)
                gender = genders.get(sex)
                name = name.strip()
                born = joined = None
                if (  # the cheap checks first: a row failing one takes the careful path
                    party is not None
                    and gender is not None
                    and name
                    # a NIK of a region the careful checks have met, dates as they read them
                    and (
                        not nik_text
                        or (
                            len(nik_text) == 16
                            and nik_text.isdigit()
                            and nik_text.isascii()
                            and nik_text[:4] in regions
                            and (nik_text[6:12] in births or birth_ok(nik_text[6:12]))
                        )
                    )
                    and (not born_text or (born := dates.get(born_text) or day(born_text)))
                    and (not joined_text or (joined := dates.get(joined_text) or day(joined_text)))
                    and (not kta or (len(kta) <= plain_kta and kta.isdigit()))
                    and (region in labels or not suspect(region))
                    and not suspect(name)
                ):
                    label = labels.get(region, missing)
                    if label is missing:
                        label = region.strip() or None
                        if len(labels) < 4096:  # regions are few; stay bounded
                            labels[region] = label
                    short_records(
                        append, line, party, name, gender, nik_text, born, joined, kta, label
                    )
                    if len(out) >= batch:
                        return False
                    continue
                if pad:
                    row.pop()
            parsed = parse(row, line, lines.nul_seen)
            if parsed is None:
                continue
            if isinstance(parsed, Rejection):
                append(parsed)
            else:
                out.extend(parsed)
            if len(out) >= batch:
                return False
        return True

    return fill


def _short_records(stem: str) -> _AppendRecords:
    """A function that appends a short-path row's person and membership, built
    inline as :mod:`kppi_core.model._trusted` does (saving a Python call per
    object)."""
    member = _MEMBER
    substantive = Capacity.SUBSTANTIVE
    new = object.__new__
    # Located is no model class (it is to move into the model, then into _trusted too).
    (set_record, set_line) = _trusted.setters(Located, ("record", "line"))
    (set_digits,) = _trusted.NIK_SETTERS
    (set_scheme, set_identifier) = _trusted.IDENTIFIER_SETTERS
    p_id, p_name, p_gender, p_birth, p_nik, p_idents, p_contacts, p_other = _trusted.PERSON_SETTERS
    m_person, m_org, m_role, m_id, m_post, m_capacity, m_label, m_start, m_end, m_reason = (
        _trusted.MEMBERSHIP_SETTERS
    )

    def records(
        append: Callable[[Located | Rejection], None],
        line: int,
        party: tuple[str, str],
        name: str,
        gender: Gender,
        nik_text: str,
        born: PartialDate | None,
        joined: PartialDate | None,
        kta: str,
        label: str | None,
    ) -> None:
        org_id, scheme = party
        nik: Nik | None = None
        if nik_text:
            set_digits(nik := new(Nik), nik_text)
        if kta:  # digits only (the short path's condition): nothing to strip
            person_id = f"{org_id}/kta/{kta}"
            ident = new(Identifier)
            set_scheme(ident, scheme)
            set_identifier(ident, kta)
            identifiers: tuple[Identifier, ...] = (ident,)
        else:
            person_id = f"{stem}/{line}"
            identifiers = ()
        record = new(Person)
        p_id(record, person_id)
        p_name(record, name)
        p_gender(record, gender)
        p_birth(record, born)
        p_nik(record, nik)
        p_idents(record, identifiers)
        p_contacts(record, ())
        p_other(record, ())
        set_record(item := new(Located), record)
        set_line(item, line)
        append(item)
        held = new(Membership)
        m_person(held, person_id)
        m_org(held, org_id)
        m_role(held, member)
        m_id(held, None)
        m_post(held, None)
        m_capacity(held, substantive)
        m_label(held, label)
        m_start(held, joined)
        m_end(held, None)
        m_reason(held, None)
        set_record(item := new(Located), held)
        set_line(item, line)
        append(item)

    return records


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
    raw, counts, rejected, total = _tally_rows(rows, reader, lines)
    parties = rows._parties
    for (party, sex), n in raw.items():
        folded = (parties[party][0], _RAW_GENDERS[sex])
        counts[folded] = counts.get(folded, 0) + n
    return MembershipTally(counts, tuple(rejected), total)


def _tally_rows(
    rows: MembershipRows, reader: _csv.Reader, lines: DecodedLines
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, Gender], int], list[Rejection], int]:
    """The counts of :func:`tally_members`: by raw party and sex cells for the rows
    of the short path (strings hash once), by (party id, gender) for the others;
    the rejections; the data rows."""
    check = rows.check
    width = rows.width
    parties = rows._parties
    cells, pad = _cells(rows)
    genders = _RAW_GENDERS
    dates = _DATE_CACHE
    regions = _GOOD_REGIONS
    births = _GOOD_DATES
    suspect = SUSPECT.search
    plain_kta = _PLAIN_KTA
    clean_regions: set[str] = set()  # region cells that hold no personal data

    def clean_region(region: str) -> bool:
        if suspect(region):
            return False
        if len(clean_regions) < 4096:  # regions are few; stay bounded
            clean_regions.add(region)
        return True

    raw: dict[tuple[str, str], int] = {}
    counts: dict[tuple[str, Gender], int] = {}
    rejected: list[Rejection] = []
    total = 0
    while True:
        try:
            for row in reader:
                if len(row) == width and not lines.nul_seen:
                    if pad:
                        row.append("")
                    name, sex, nik, born, kta, party, region, joined = cells(row)
                    if (
                        party in parties
                        and sex in genders
                        and name.strip()
                        and not suspect(name)  # the checks of the stream's short path
                        and (not kta or (len(kta) <= plain_kta and kta.isdigit()))
                        and (region in clean_regions or clean_region(region))
                        and (
                            not nik
                            or (
                                len(nik) == 16
                                and nik.isdigit()
                                and nik.isascii()
                                and nik[:4] in regions
                                and (nik[6:12] in births or birth_digits_ok(nik[6:12]))
                            )
                        )
                        and (not born or born in dates or day_or_none(born) is not None)
                        and (not joined or joined in dates or day_or_none(joined) is not None)
                    ):
                        total += 1
                        key = (party, sex)
                        raw[key] = raw.get(key, 0) + 1
                        continue
                    if pad:
                        row.pop()
                fields = check(row, reader.line_num, lines.nul_seen)
                if fields is None:
                    continue
                total += 1
                if isinstance(fields, Rejection):
                    rejected.append(fields)
                    continue
                folded = (fields[0][0], fields[2])
                counts[folded] = counts.get(folded, 0) + 1
            break
        except csv.Error as exc:  # the for loop resumes on the same reader
            total += 1
            rejected.append(Rejection(rows.source, reader.line_num, None, not_a_csv_row(exc)))
    return raw, counts, rejected, total


@final
class MembershipCsvSource:
    """The built-in ``membership-csv`` source (see the module)."""

    spec = SourceSpec(
        name="membership-csv",
        description="Party membership exports: name, sex, NIK, birth date, KTA, party, "
        "region, date joined",
        yields=("Organization", "Person", "Membership"),
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
