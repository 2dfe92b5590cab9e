"""Attendance sheets, as a form tool (Google Forms) exports them: one row per sign-in.

Columns (headers match ignoring case, spacing and separators): ``name``
(Nama, Nama Lengkap) is required; ``timestamp`` (Timestamp, Stempel Waktu,
Waktu) too unless the session is named in the options; optional
``organisation`` (Asal Partai/Organisasi, Partai, Organisasi, Asal),
``phone`` (No HP, Nomor HP, WhatsApp, Telepon), ``email``, ``contact``
(Kontak: a phone number or an email address), ``sex`` (Jenis Kelamin, JK)
and ``nik``.

Each row gives a :class:`~kppi_core.model.Person` (id ``file-stem/line``; her
contacts as :class:`~kppi_core.model.ContactDetail` of type ``phone`` or
``email``) and a :class:`~kppi_core.model.Participation` (role participant,
attended) in the training and session named by the read options
``training`` and ``session``; without them the training is ``unknown`` and
the session is the timestamp's date (``YYYY-MM-DD``; timestamps are read
year first or day first, as Indonesian-locale sheets write them, never month
first). Each organisation named comes once, before its first participant,
classified ``party`` when the name looks like a party (starts with *Partai*,
or is one of the 18 national parties' names or abbreviations),
``women_organisation`` when a word marks one (*Perempuan*, *Wanita*,
*Aisyiyah*, *Muslimat*, …), else ``other``. A cell of ``-`` means none.

A row that cannot become these objects is a
:class:`~kppi_core.rejections.Rejection`; contacts, NIKs and dates are
personal data and never appear in a reason.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import final

from kppi_core.adapters._parties import classify, organisation_slug
from kppi_core.adapters._tabular import (
    ColumnMap,
    nik_of,
    open_csv,
    parse_day,
    sniff_csv_header,
)
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.model import (
    ContactDetail,
    Gender,
    Nik,
    Organisation,
    Participation,
    ParticipationRole,
    Person,
)
from kppi_core.model._checks import personal_in
from kppi_core.model.gender import _ALIASES as _GENDERS
from kppi_core.model.gender import ACCEPTED as _GENDERS_ACCEPTED
from kppi_core.privacy import shown
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, SourceSpec

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "AttendanceCsvSource",
    "AttendanceRows",
    "iter_attendance",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "timestamp": ("timestamp", "stempel waktu", "cap waktu", "waktu"),
    "name": ("name", "nama", "nama lengkap"),
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
    "sex": ("sex", "jenis kelamin", "jk", "gender"),
    "nik": ("nik",),
}
REQUIRED = ("name",)

_NONE = frozenset({"", "-", "--", "tidak ada", "none", "n/a"})
_PHONE_MARKS = str.maketrans("", "", " -().+/")


def _contact(kind: str, text: str) -> ContactDetail | None:
    """The contact in ``text`` for a column of ``kind`` (phone, email or contact),
    ``None`` when it is empty; raises ``ValueError`` (no value in the message)."""
    if text.casefold() in _NONE:
        return None
    if "@" in text and kind != "phone":
        local, _, domain = text.rpartition("@")
        if local and "." in domain and " " not in text:
            return ContactDetail("email", text)
        raise ValueError("is not an email address")
    digits = text.translate(_PHONE_MARKS)
    if kind != "email" and len(digits) >= 6 and digits.isdigit() and digits.isascii():
        return ContactDetail("phone", text)
    what = {"phone": "a phone number", "email": "an email address"}.get(
        kind, "a phone number or an email address"
    )
    raise ValueError(f"is not {what}")


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
        cols = ColumnMap(header, COLUMNS, REQUIRED, source=source, line=line)
        self.source = source
        self.stem = stem
        self.width = cols.width
        self.training = options.get("training") or "unknown"
        self.session = options.get("session") or None
        self.timestamp = cols.get("timestamp")
        if self.timestamp is None and self.session is None:
            raise SourceError(
                "no timestamp column, and no session named in the options "
                "(give one: session=DAY-1)",
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

    def _reject(self, line: int, field: str | None, reason: str) -> Rejection:
        return Rejection(self.source, line, field, reason)

    def parse(
        self, row: list[str], line: int, nul: bool = False
    ) -> list[Located] | Rejection | None:
        """The records of one row (the organisation first if new, the person,
        the participation), its rejection, or ``None`` for a blank row."""
        if not any(cell.strip() for cell in row):
            return None
        if nul and any("\x00" in cell for cell in row):
            return self._reject(line, None, "contains a NUL byte")
        if len(row) != self.width:
            return self._reject(line, None, f"has {len(row)} fields, the header has {self.width}")
        name = row[self.name].strip()
        if not name:
            return self._reject(line, "name", "is empty")
        for field, i in (("name", self.name), ("organisation", self.organisation)):
            kind = None if i is None else personal_in(row[i])
            if kind is not None:
                return self._reject(line, field, f"holds {kind}: not a plausible {field}")
        session = self.session
        if session is None:
            assert self.timestamp is not None
            stamp = row[self.timestamp].strip()
            if not stamp:
                return self._reject(line, "timestamp", "is empty, and no session is named")
            try:
                day = parse_day(stamp)
            except InvalidRecord:
                return self._reject(
                    line, "timestamp", "is not a date and time (YYYY-MM-DD or DD/MM/YYYY first)"
                )
            if day.day is None:
                return self._reject(line, "timestamp", "names no day")
            session = str(day)
        gender = Gender.UNKNOWN
        if self.sex is not None:
            found = _GENDERS.get(row[self.sex].strip().casefold())
            if found is None:
                return self._reject(
                    line,
                    "sex",
                    f"{shown(row[self.sex])} is not a sex code; accepted: {_GENDERS_ACCEPTED}",
                )
            gender = found
        nik: Nik | None = None
        if self.nik is not None and row[self.nik].strip():
            try:
                nik = nik_of(row[self.nik])
            except InvalidRecord as exc:
                return self._reject(line, "nik", "; ".join(exc.problems))
        contacts: list[ContactDetail] = []
        for kind, i in self.contacts:
            try:
                found_contact = _contact(kind, row[i].strip())
            except ValueError as exc:
                return self._reject(line, kind, str(exc))
            if found_contact is not None:
                contacts.append(found_contact)
        out: list[Located] = []
        org_id: str | None = None
        if self.organisation is not None:
            org_name = row[self.organisation].strip()
            org_id = organisation_slug(org_name) or None
            if org_id is not None and org_id not in self._seen:
                self._seen.add(org_id)
                out.append(Located(Organisation(org_id, org_name, classify(org_name)), line))
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
            yield Rejection(rows.source, reader.line_num, None, f"not a CSV row: {exc}")


@final
class AttendanceCsvSource:
    """The built-in ``attendance-csv`` source (see the module)."""

    spec = SourceSpec(
        name="attendance-csv",
        description="Training attendance sheets as form tools export them: timestamp, "
        "name, party or organisation, contact (options: training, session)",
        yields=("Organisation", "Person", "Participation"),
        patterns=("*.csv",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the header names a name, and a timestamp or a contact column."""
        found = sniff_csv_header(head, COLUMNS, REQUIRED)
        return found is not None and any(
            c in found for c in ("timestamp", "phone", "email", "contact")
        )

    def read(self, path: Path, context: ReadContext) -> Iterator[Located | Rejection]:
        """Each organisation (when first named), person and participation with its
        line, and every rejection."""
        return iter_attendance(
            path, options=context.options, encoding=context.encoding, progress=context.progress
        )
