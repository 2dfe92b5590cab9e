"""Attendance sheets, as a form tool (Google Forms) exports them: one row per sign-in.

Columns (headers match ignoring case, spacing and separators): ``name``
(Nama, Nama Lengkap) is required; ``timestamp`` (Timestamp, Stempel Waktu,
Waktu) too unless the session is named in the options; optional
``organisation`` (Asal Partai/Organisasi, Partai, Organisasi, Asal),
``phone`` (No HP, Nomor HP, WhatsApp, Telepon), ``email``, ``contact``
(Kontak: a phone number or an email address), ``sex`` (Jenis Kelamin, JK)
and ``nik``.

ODK Central's CSV (``SubmissionDate``, ``meta-instanceID``, ``KEY``, fields
prefixed by their groups: ``peserta-nama``) and KoboToolbox's
(``;``-separated by default, ``group/field`` headers as question labels or
names, ``_submission_time``, ``_uuid``) are read too, each by its own source
(``odk-csv``, ``kobo-csv``): a field's group path is dropped, Indonesian
question names match as headers do (``nama_lengkap``, ``asal_organisasi``,
``no_hp``), the device's ``start`` time is the timestamp, else the
submission time, which is UTC and read in WIB (+07:00) unless the read
option ``utc_offset`` names another zone's offset. A ``session`` column
(Sesi, Pertemuan) names each row's session when the options do not.

Each row gives a :class:`~kppi_core.model.Person` (id ``file-stem/line``; her
contacts as :class:`~kppi_core.model.ContactDetail` of type ``phone`` or
``email``) and a :class:`~kppi_core.model.Participation` (role participant,
attended) in the training and session named by the read options
``training`` and ``session``; without them the training is ``unknown`` and
the session is the timestamp's date (``YYYY-MM-DD``; timestamps are read
year first or day first, as Indonesian-locale sheets write them, never month
first). Each organisation named comes once, before its first participant,
classified ``party`` when the name looks like a party (starts with *Partai*,
or is one of the 18 national parties' names or abbreviations), by the alias
table of women's and religious organisations and party wings when it knows
the name (GOW, WKRI, HWDI, Fatayat, KPPG…: the full name is kept, the
written one beside it, see :mod:`kppi_core.adapters._parties`),
``women_organisation`` when a word marks one (*Perempuan*, *Wanita*, …),
else ``other``; any other name stays as written. A cell of ``-`` means none.

A row that cannot become these objects is a
:class:`~kppi_core.rejections.Rejection`; contacts, NIKs and dates are
personal data and never appear in a reason.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import final

from kppi_core.adapters._parties import (
    KnownOrganisation,
    classify,
    known_organisation,
    organisation_slug,
)
from kppi_core.adapters._tabular import (
    IS_EMPTY,
    NUL_BYTE,
    ColumnMap,
    delimiter_of,
    first_line,
    header_matches,
    nik_of,
    normalise_header,
    not_a_csv_row,
    open_csv,
    parse_day,
    ragged,
)
from kppi_core.errors import InvalidRecord, Message, SourceError
from kppi_core.model import (
    ContactDetail,
    Gender,
    Nik,
    Organization,
    PartialDate,
    Participation,
    ParticipationRole,
    Person,
)
from kppi_core.model._checks import implausible, personal_in
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import not_a_sex_code
from kppi_core.privacy import shown
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, SourceSpec

__all__ = [
    "COLUMNS",
    "LAYOUTS",
    "REQUIRED",
    "AttendanceCsvSource",
    "AttendanceRows",
    "KoboCsvSource",
    "OdkCsvSource",
    "form_header",
    "iter_attendance",
    "layout_of",
    "sniff_layout",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "timestamp": ("timestamp", "stempel waktu", "cap waktu", "waktu", "waktu hadir", "tanggal"),
    # ODK and KoboToolbox: the device's start time (with its UTC offset), and the
    # server's submission time (UTC).
    "started": ("start", "waktu mulai"),
    "submitted": ("submissiondate", "_submission_time", "submission time", "waktu kirim"),
    "name": ("name", "nama", "nama lengkap", "nama peserta", "full name"),
    "organisation": (
        "organisation",
        "organization",
        "asal partai/organisasi",
        "partai/organisasi",
        "asal partai",
        "asal organisasi",
        "partai",
        "organisasi",
        "asal",
        "asal lembaga",
        "lembaga",
        "instansi",
    ),
    "phone": (
        "phone",
        "no hp",
        "nomor hp",
        "no hp/wa",
        "no wa",
        "nomor wa",
        "whatsapp",
        "nomor whatsapp",
        "telepon",
        "no telepon",
        "no telp",
    ),
    "email": ("email", "e-mail", "alamat email"),
    "contact": ("contact", "kontak"),
    "sex": ("sex", "jenis kelamin", "jk", "gender", "kelamin"),
    "nik": ("nik",),
    "session": ("session", "sesi", "pertemuan", "pertemuan ke"),
}
REQUIRED = ("name",)
#: The form tools whose exports are read besides Google Forms' sheets.
LAYOUTS = ("odk-central", "kobotoolbox")
_GROUP = {"odk-central": "-", "kobotoolbox": "/"}
#: Indonesia's western time (WIB), where a UTC submission time is read unless
#: the read option ``utc_offset`` names another (``+08:00`` for WITA).
_WIB = "+07:00"


def layout_of(header: Sequence[str]) -> str | None:
    """``odk-central`` or ``kobotoolbox`` when a header row is one of their exports, else ``None``.

    ODK Central's CSV has ``SubmissionDate`` with ``meta-instanceID`` or
    ``KEY``; KoboToolbox's has ``_submission_time`` or ``_uuid``.
    """
    cells = {c.strip().lstrip("\ufeff").casefold() for c in header}
    if "submissiondate" in cells and cells & {"meta-instanceid", "key"}:
        return "odk-central"
    if cells & {"_submission_time", "_uuid"}:
        return "kobotoolbox"
    return None


def form_header(header: Sequence[str], layout: str | None) -> list[str]:
    """A form tool's header with each field's group path dropped
    (``peserta-nama`` → ``nama``, ``peserta/nama`` → ``nama``) where the whole
    name is not a known column itself; ``meta-…`` and Kobo's ``_…`` columns are left as they are."""
    if layout is None:
        return list(header)
    sep = _GROUP[layout]
    known = {normalise_header(a) for spellings in COLUMNS.values() for a in spellings}
    out = []
    for cell in header:
        text = cell.strip().lstrip("\ufeff")
        if sep in text and normalise_header(text) not in known and not text.startswith("meta-"):
            text = text.rsplit(sep, 1)[1]
        out.append(text)
    return out


_NONE = frozenset({"", "-", "--", "tidak ada", "none", "n/a"})
_PHONE_MARKS = str.maketrans("", "", " -().+/")


def _organisation(oid: str, written: str, known: KnownOrganisation | None) -> Organization:
    """The organisation a sheet names: as written, with the alias table's
    full name, kind and parent party when it knows the name."""
    if known is None:
        return Organization(oid, written, classify(written))
    if not known.exact(written):  # "GOW Kota Serang": its own name, the table's kind
        return Organization(oid, written, known.classification, known.parent_id)
    others = (written,) if written != known.name else ()  # "HWDI", the Himpunan written short
    return Organization(oid, known.name, known.classification, known.parent_id, other_names=others)


def _contact(kind: str, text: str) -> ContactDetail | None:
    """The contact in ``text`` for a column of ``kind`` (phone, email or contact),
    ``None`` when it is empty; raises :class:`InvalidRecord` (no value in the message)."""
    if text.casefold() in _NONE:
        return None
    if "@" in text and kind != "phone":
        local, _, domain = text.rpartition("@")
        if local and "." in domain and " " not in text:
            return ContactDetail("email", text)
        raise InvalidRecord(Message("is not an email address"))
    digits = text.translate(_PHONE_MARKS)
    if kind != "email" and len(digits) >= 6 and digits.isdigit() and digits.isascii():
        return ContactDetail("phone", text)
    if kind == "phone":
        raise InvalidRecord(Message("is not a phone number"))
    if kind == "email":
        raise InvalidRecord(Message("is not an email address"))
    raise InvalidRecord(Message("is not a phone number or an email address"))


_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")


def _offset(text: str, source: str, line: int) -> datetime.timezone:
    match = _OFFSET.fullmatch(text.strip())
    if not match:
        reason = Message("option utc_offset={value}: write it +07:00", value=repr(text))
        raise SourceError(reason, path=source, line=line)
    sign, hours, minutes = match.groups()
    delta = datetime.timedelta(hours=int(hours), minutes=int(minutes))
    return datetime.timezone(-delta if sign == "-" else delta)


def _local_day(stamp: str, utc: bool, offset: datetime.timezone) -> PartialDate:
    """The day of a form tool's time stamp where the training was: an ISO time
    with an offset (``…T08:01:02.000+07:00``, ``…Z``) is moved to ``offset``; one
    without is taken as UTC when ``utc`` (a submission time), else as local."""
    text = stamp.strip().replace("Z", "+00:00")
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        return parse_day(stamp)
    if when.tzinfo is None and utc:
        when = when.replace(tzinfo=datetime.UTC)
    if when.tzinfo is not None:
        when = when.astimezone(offset)
    return PartialDate(when.year, when.month, when.day)


class AttendanceRows:
    """The row parser of an attendance table, shared by the CSV and XLSX sources.

    ``options`` are the read options (``training``, ``session``); ``line`` is
    where the header row is.
    """

    def __init__(
        self,
        header: list[str],
        source: str,
        stem: str,
        options: Mapping[str, str],
        *,
        line: int = 1,
    ) -> None:
        self.layout = layout_of(header)
        header = form_header(header, self.layout)
        cols = ColumnMap(header, COLUMNS, REQUIRED, source=source, line=line)
        self.source = source
        self.stem = stem
        self.width = cols.width
        self.training = options.get("training") or "unknown"
        self.session = options.get("session") or None
        #: A column naming each row's session (a form with a "sesi" question).
        self.session_column = None if self.session else cols.get("session")
        self.offset = _offset(options.get("utc_offset") or _WIB, source, line)
        # The first of: a sheet's timestamp, a form's start (local, with an
        # offset), a form's submission time (UTC unless it says otherwise).
        self.utc = False
        self.timestamp = cols.get("timestamp")
        if self.timestamp is None:
            self.timestamp = cols.get("started")
        #: A form's submission time, when its start cell is empty.
        self.fallback = cols.get("submitted") if self.timestamp is not None else None
        if self.timestamp is None:
            self.timestamp = cols.get("submitted")
            self.utc = self.timestamp is not None
        if self.timestamp is None and self.session is None:
            raise SourceError(
                Message(
                    "no timestamp column, and no session named in the options "
                    "(give one: session=DAY-1)"
                ),
                path=source,
                line=line,
            )
        self.name = cols.index["name"]
        self.organisation = cols.get("organisation")
        self.contacts = tuple(
            (kind, cols.index[kind]) for kind in ("phone", "email", "contact") if kind in cols.index
        )
        self.sex = cols.get("sex")
        self.nik = cols.get("nik")
        self._seen: set[str] = set()

    def _reject(self, line: int, field: str | None, reason: str | Message) -> Rejection:
        return Rejection(self.source, line, field, reason)

    def parse(
        self, row: list[str], line: int, nul: bool = False
    ) -> list[Located] | Rejection | None:
        """The records of one row (the organisation first if new, the person,
        the participation), its rejection, or ``None`` for a blank row."""
        if not any(cell.strip() for cell in row):
            return None
        if nul and any("\x00" in cell for cell in row):
            return self._reject(line, None, NUL_BYTE)
        if len(row) != self.width:
            return self._reject(line, None, ragged(len(row), self.width))
        name = row[self.name].strip()
        if not name:
            return self._reject(line, "name", IS_EMPTY)
        for field, i in (("name", self.name), ("organisation", self.organisation)):
            kind = None if i is None else personal_in(row[i])
            if kind is not None:
                return self._reject(line, field, implausible(kind, field))
        session = self._session(row, line)
        if isinstance(session, Rejection):
            return session
        details = self._details(row, line)
        if isinstance(details, Rejection):
            return details
        gender, nik, contacts = details
        out: list[Located] = []
        org_id = self._organisation_id(row, line, out)
        person_id = f"{self.stem}/{line}"
        out.append(
            Located(Person(person_id, name, gender, nik=nik, contact_details=contacts), line)
        )
        participation = Participation(
            person_id,
            self.training,
            session,
            ParticipationRole.PARTICIPANT,
            attended=True,
            organization_id=org_id,
        )
        out.append(Located(participation, line))
        return out

    def _session(self, row: list[str], line: int) -> str | Rejection:
        """The row's session: the one named, its session cell, or the day of its timestamp."""
        session = self.session
        if session is None and self.session_column is not None:
            session = row[self.session_column].strip() or None
        if session is not None:
            return session
        assert self.timestamp is not None
        stamp = row[self.timestamp].strip()
        utc = self.utc
        if not stamp and self.fallback is not None and self.layout is not None:
            stamp, utc = row[self.fallback].strip(), True
        if not stamp:
            reason = Message("is empty, and no session is named")
            return self._reject(line, "timestamp", reason)
        try:
            day = _local_day(stamp, utc, self.offset) if self.layout else parse_day(stamp)
        except InvalidRecord:
            reason = Message("is not a date and time (YYYY-MM-DD or DD/MM/YYYY first)")
            return self._reject(line, "timestamp", reason)
        if day.day is None:
            return self._reject(line, "timestamp", Message("names no day"))
        return str(day)

    def _details(
        self, row: list[str], line: int
    ) -> tuple[Gender, Nik | None, list[ContactDetail]] | Rejection:
        """The participant's sex (unknown without a sex column), NIK and contacts."""
        gender = Gender.UNKNOWN
        if self.sex is not None:
            found = _GENDERS.get(row[self.sex].strip().casefold())
            if found is None:
                return self._reject(line, "sex", not_a_sex_code(shown(row[self.sex])))
            gender = found
        nik: Nik | None = None
        if self.nik is not None and row[self.nik].strip():
            try:
                nik = nik_of(row[self.nik])
            except InvalidRecord as exc:
                return self._reject(line, "nik", Message.join("; ", exc.messages))
        contacts: list[ContactDetail] = []
        for kind, i in self.contacts:
            try:
                found_contact = _contact(kind, row[i].strip())
            except InvalidRecord as exc:
                return self._reject(line, kind, Message.join("; ", exc.messages))
            if found_contact is not None:
                contacts.append(found_contact)
        return gender, nik, contacts

    def _organisation_id(self, row: list[str], line: int, out: list[Located]) -> str | None:
        """The id of the row's organisation, if any; appends the organisation to ``out``
        the first time it is seen."""
        if self.organisation is None:
            return None
        org_name = row[self.organisation].strip()
        org_id = organisation_slug(org_name) or None
        known = known_organisation(org_name) if org_id is not None else None
        if known is not None and known.exact(org_name):
            org_id = known.id  # "Muslimat NU" and "Muslimat Nahdlatul Ulama" are one
        if org_id is not None and org_id not in self._seen:
            self._seen.add(org_id)
            out.append(Located(_organisation(org_id, org_name, known), line))
        return org_id


def iter_attendance(
    path: str | Path,
    *,
    options: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> Iterator[Located | Rejection]:
    """Stream an attendance CSV: each organisation when first named, each person
    and participation with its line, and a rejection for every row that is neither."""
    path = Path(path)
    reader, lines, header = open_csv(path, encoding, progress)
    rows = AttendanceRows(header, str(path), path.stem, options or {})
    while True:
        try:
            for row in reader:
                out = rows.parse(row, reader.line_num, lines.nul_seen)
                if out is None:
                    continue
                if isinstance(out, Rejection):
                    yield out
                else:
                    yield from out
            return
        except csv.Error as exc:  # the for loop resumes on the same reader
            yield Rejection(rows.source, reader.line_num, None, not_a_csv_row(exc))


def _header_of(head: bytes) -> list[str]:
    first = first_line(head)
    try:
        return next(csv.reader([first], delimiter=delimiter_of(first)), [])
    except csv.Error:
        return []


def sniff_layout(head: bytes) -> str | None:
    """The layout a CSV's first line names: ``google-forms`` (a sheet with a name
    and a timestamp or contact column), one of :data:`LAYOUTS` (with a name
    column), or ``None``."""
    header = _header_of(head)
    layout = layout_of(header)
    found = header_matches(form_header(header, layout), COLUMNS)
    if "name" not in found:
        return None
    if layout is not None:
        return layout
    if any(c in found for c in ("timestamp", "phone", "email", "contact")):
        return "google-forms"
    return None


@final
class AttendanceCsvSource:
    """The built-in ``attendance-csv`` source (see the module)."""

    spec = SourceSpec(
        name="attendance-csv",
        description="Training attendance sheets as form tools export them: timestamp, "
        "name, party or organisation, contact (options: training, session)",
        yields=("Organization", "Person", "Participation"),
        patterns=("*.csv",),
    )
    layout = "google-forms"

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the header is this source's layout (see :func:`sniff_layout`)."""
        return sniff_layout(head) == self.layout

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each organisation (when first named), person and participation with its
        line, and every rejection."""
        return iter_attendance(
            path, options=context.options, encoding=context.encoding, progress=context.progress
        )


@final
class OdkCsvSource:
    """The built-in ``odk-csv`` source: ODK Central's CSV export of a sign-in form."""

    spec = SourceSpec(
        name="odk-csv",
        description="Sign-in forms as ODK Central exports them: SubmissionDate, group-field "
        "columns, meta-instanceID, KEY (options: training, session, utc_offset)",
        yields=("Organization", "Person", "Participation"),
        patterns=("*.csv",),
    )
    layout = "odk-central"
    sniff = AttendanceCsvSource.sniff
    read = AttendanceCsvSource.read


@final
class KoboCsvSource:
    """The built-in ``kobo-csv`` source: KoboToolbox's CSV export of a sign-in form."""

    spec = SourceSpec(
        name="kobo-csv",
        description="Sign-in forms as KoboToolbox exports them: ';'-separated, group/field "
        "headers (labels or names), _submission_time, _uuid (options: training, session, "
        "utc_offset)",
        yields=("Organization", "Person", "Participation"),
        patterns=("*.csv",),
    )
    layout = "kobotoolbox"
    sniff = AttendanceCsvSource.sniff
    read = AttendanceCsvSource.read
