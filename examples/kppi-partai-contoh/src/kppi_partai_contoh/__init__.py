"""Partai Contoh's membership export: a kppi_core source plugin (an example to copy).

One row per member in a semicolon-separated UTF-8 CSV; see README.md for the
columns. Each row becomes a :class:`~kppi_core.Person` and a
:class:`~kppi_core.Membership` of the party, or a rejection saying which
field is wrong; reasons never repeat a cell, so a NIK never shows in clear.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from kppi_core import (
    Gender,
    Identifier,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Person,
    hookimpl,
)
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Record, Source, SourceSpec

__all__ = ["PARTY", "MembersSource", "kppi_register_sources"]

#: The party every member in the export belongs to.
PARTY = Organization("partai-contoh", "Partai Contoh", classification="party")

# Canonical field → the header as the export writes it (compared case-insensitively).
HEADERS = {
    "kta": "no. kta",
    "name": "nama lengkap",
    "sex": "l/p",
    "nik": "nik",
    "born": "tanggal lahir",
    "region": "kab/kota",
    "joined": "tanggal masuk",
}
REQUIRED = ("kta", "name", "sex")
SEXES = {"l": Gender.MALE, "p": Gender.FEMALE}


def _columns(header: list[str]) -> dict[str, int]:
    found = {cell.strip().lstrip("\ufeff").casefold(): i for i, cell in enumerate(header)}
    return {field: found[h] for field, h in HEADERS.items() if h in found}


class MembersSource:
    """Reads Partai Contoh's membership export, streaming row by row."""

    spec = SourceSpec(
        name="partai-contoh-anggota",
        description="Partai Contoh membership export (CSV, ';', Indonesian headers)",
        yields=("Organization", "Person", "Membership"),
        patterns=("*.csv",),
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the first line holds the required headers, separated by ';'."""
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
        columns = _columns(first.rstrip("\r").split(";"))
        return all(field in columns for field in REQUIRED)

    def read(self, path: Path, context: ReadContext) -> Iterator[Record]:
        """The party once, then a person and a membership per row, or a rejection."""
        fail_midway = os.environ.get("KPPI_CONTOH_GAGAL") == "tengah"
        source = str(path)
        try:
            handle = open(path, encoding=context.encoding, newline="")  # noqa: SIM115
        except OSError as exc:
            raise SourceError(f"cannot be opened: {exc.strerror}", path=source) from None
        with handle:
            reader = csv.reader(handle, delimiter=";")
            try:
                header = next(reader, None)
                if header is None:
                    raise SourceError("the file is empty: expected a header row", path=source)
                columns = _columns(header)
                missing = [HEADERS[f] for f in REQUIRED if f not in columns]
                if missing:
                    raise SourceError(f"missing column(s): {', '.join(missing)}", path=source)
                party_sent = False
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        return
                    except csv.Error as exc:
                        yield Rejection(source, reader.line_num, None, f"not a CSV row: {exc}")
                        continue
                    line = reader.line_num
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) != len(header):
                        reason = f"has {len(row)} fields, the header has {len(header)}"
                        yield Rejection(source, line, None, reason)
                        continue
                    result = _member(row, columns, line, source)
                    if isinstance(result, Rejection):
                        yield result
                        continue
                    if not party_sent:
                        party_sent = True
                        yield Located(PARTY, line)
                    yield Located(result[0], line)
                    yield Located(result[1], line)
                    if fail_midway:
                        raise RuntimeError("simulasi: koneksi ke sistem anggota terputus")
            except UnicodeDecodeError:
                raise SourceError(
                    f"not valid {context.encoding} text (try --encoding cp1252)",
                    path=source,
                    line=reader.line_num + 1,
                ) from None


def _member(
    row: list[str], columns: dict[str, int], line: int, source: str
) -> tuple[Person, Membership] | Rejection:
    """A person and her membership from one row, or why not (never echoing a cell)."""

    def cell(field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None else ""

    def reject(field: str, reason: str) -> Rejection:
        return Rejection(source, line, HEADERS[field], reason)

    kta, name = cell("kta"), cell("name")
    if not kta:
        return reject("kta", "is empty")
    if not name:
        return reject("name", "is empty")
    sex = SEXES.get(cell("sex").casefold())
    if sex is None:
        return reject("sex", "is not L or P")
    nik = born = joined = None
    try:
        if cell("nik"):
            nik = Nik(cell("nik"))
    except InvalidRecord:
        return reject("nik", "is not a valid NIK")
    try:
        if cell("born"):
            born = PartialDate.parse(cell("born"))
    except InvalidRecord:
        return reject("born", "is not a date written YYYY-MM-DD")
    try:
        if cell("joined"):
            joined = PartialDate.parse(cell("joined"))
    except InvalidRecord:
        return reject("joined", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    person_id = f"partai-contoh/kta/{kta}"
    try:  # the model refuses, among others, a name holding a NIK, a phone number or a date
        person = Person(
            person_id,
            name,
            sex,
            birth_date=born,
            nik=nik,
            identifiers=(Identifier("partai-contoh-kta", kta),),
        )
    except InvalidRecord as exc:
        return reject("name", "; ".join(exc.problems))  # the library has redacted it
    member = Membership(person_id, PARTY.id, label=cell("region") or None, start_date=joined)
    return person, member


@hookimpl
def kppi_register_sources(register: Callable[[Source], None]) -> None:
    """Partai Contoh's membership export."""
    register(MembersSource())
