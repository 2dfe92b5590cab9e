"""The attendance CSV source: form exports into persons, organisations and participations."""

from __future__ import annotations

from pathlib import Path

import pytest

from kppi_core.adapters.attendance_csv import AttendanceCsvSource, iter_attendance
from kppi_core.errors import SourceError
from kppi_core.model import (
    ContactDetail,
    Gender,
    Organization,
    Participation,
    ParticipationRole,
    Person,
)
from kppi_core.rejections import Rejection
from kppi_core.samples import sample_path
from kppi_core.sources import Located, ReadContext, Source
from kppi_core.testing.conformance import SourceConformance

SAMPLE = Path(__file__).parent / "data" / "adapters" / "attendance.csv"


class TestAttendanceCsv(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return AttendanceCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return SAMPLE

    @pytest.fixture
    def sample_records(self) -> int:
        return 11


class TestAttendanceCsvWithSession(TestAttendanceCsv):
    @pytest.fixture
    def context(self) -> ReadContext:
        return ReadContext(options={"training": "t-1", "session": "day-2"})


def records(**options: str) -> list[Located | Rejection]:
    return list(AttendanceCsvSource().read(SAMPLE, ReadContext(options=options)))


def test_worked_rows_without_options() -> None:
    items = records()
    by_line: dict[int, list[object]] = {}
    for item in items:
        if isinstance(item, Located):
            assert item.line is not None
            by_line.setdefault(item.line, []).append(item.record)
    assert by_line[2] == [
        Organization("pkb", "PKB", "party"),
        Person(
            "attendance/2",
            "Ani Contoh",
            Gender.FEMALE,
            contact_details=(
                ContactDetail("phone", "0812-0000-0001"),
                ContactDetail("email", "ani@example.org"),
            ),
        ),
        Participation(
            "attendance/2", "unknown", "2025-06-14", ParticipationRole.PARTICIPANT, True, "pkb"
        ),
    ]
    org3, person3, part3 = by_line[3]
    assert org3 == Organization("partai-contoh-baru", "Partai Contoh Baru", "party")
    assert person3.contact_details == ()  # type: ignore[attr-defined]
    assert part3.session_id == "2025-06-14"  # type: ignore[attr-defined]  # day first
    # a short form the alias table knows: its full name, the short form kept beside it
    assert by_line[4][0] == Organization(
        "muslimat-nahdlatul-ulama",
        "Muslimat Nahdlatul Ulama",
        "women_organisation",
        other_names=("Muslimat NU",),
    )
    assert by_line[5][0] == Organization("karang-taruna", "Karang Taruna", "other")
    # "pkb" again: no second organisation
    assert [type(r) for r in by_line[6]] == [Person, Participation]


def test_rejections_never_show_contacts() -> None:
    rejected = {(r.line, r.field): r.reason for r in records() if isinstance(r, Rejection)}
    assert set(rejected) == {
        (7, "name"),
        (8, "timestamp"),
        (9, "phone"),
        (10, "email"),
        (11, "sex"),
        (12, None),
    }
    assert rejected[(9, "phone")] == "is not a phone number"
    assert "bukan" not in rejected[(10, "email")]


def test_training_and_session_from_options() -> None:
    items = records(training="kppi-serang-2025", session="day-2")
    parts = [
        i.record for i in items if isinstance(i, Located) and isinstance(i.record, Participation)
    ]
    assert {(p.training_id, p.session_id) for p in parts} == {("kppi-serang-2025", "day-2")}
    # With the session given, the timestamp is not needed: row 8 is accepted.
    assert 8 in {i.line for i in items if isinstance(i, Located)}


def test_no_timestamp_and_no_session_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("Nama,Partai\nAni,PKB\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no timestamp column"):
        list(iter_attendance(path))
    assert len(list(iter_attendance(path, options={"session": "s"}))) == 3


def test_sniff() -> None:
    source = AttendanceCsvSource()
    assert source.sniff(SAMPLE, SAMPLE.read_bytes())
    assert not source.sniff(SAMPLE, b"Nama,Partai,No KTA\n")
    assert not source.sniff(SAMPLE, b"")


def test_embedded_sample_sheets_read_whole() -> None:
    folder = sample_path("candidates").parent
    for day in (1, 2):
        path = folder / f"kota_serang_attendance_day{day}.csv"
        if not path.exists():
            pytest.skip("the branch sample is not there")
        items = list(iter_attendance(path, options={"training": "t", "session": f"day-{day}"}))
        assert not [i for i in items if isinstance(i, Rejection)]
