"""The membership CSV source: worked rows, rejections, the fast paths agree with the full ones."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.adapters._tabular import nik_of, parse_day
from kppi_core.adapters.membership_csv import (
    MembershipCsvSource,
    iter_members,
    tally_members,
)
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.model import Gender, Identifier, Membership, Nik, Organisation, PartialDate, Person
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Source
from kppi_core.testing.conformance import SourceConformance

DATA = Path(__file__).parent / "data" / "adapters"
SAMPLE = DATA / "membership.csv"


class TestMembershipCsv(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return MembershipCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return SAMPLE

    @pytest.fixture
    def sample_records(self) -> int:
        return 10  # data rows; the all-empty row is no record


def read(path: Path = SAMPLE) -> list[Located | Rejection]:
    return list(MembershipCsvSource().read(path, ReadContext()))


def test_worked_rows() -> None:
    items = read()
    located = [i for i in items if isinstance(i, Located)]
    first = [i.record for i in located if i.line == 2]
    nik = Nik("3673015708450001")
    assert first == [
        Organisation("pdip", "PDI-P", "party"),
        Person(
            "pdip/kta/0001",
            "Ani Contoh",
            Gender.FEMALE,
            PartialDate(1945, 8, 17),
            nik,
            (Identifier("kta:pdip", "0001"),),
        ),
        Membership(
            "pdip/kta/0001",
            "pdip",
            "member",
            label="Kota Serang",
            start_date=PartialDate(2019, 5, 1),
        ),
    ]
    # PDIP is the same party as PDI-P: no second organisation.
    assert next(i.record for i in located if i.line == 3).id == "pdip/kta/0002"
    assert sum(isinstance(i.record, Organisation) and i.record.id == "pdip" for i in located) == 1
    # No KTA: the id is the file stem and line; day-first dates with slashes.
    citra = next(i.record for i in located if i.line == 4 and isinstance(i.record, Person))
    assert citra.id == "membership/4" and citra.identifiers == ()
    assert citra.birth_date == PartialDate(1980, 4, 3)
    orgs = {i.record.id: i.record for i in located if isinstance(i.record, Organisation)}
    assert set(orgs) == {"pdip", "buruh", "golkar"}
    assert all(o.classification == "party" for o in orgs.values())
    indah = next(i.record for i in located if i.line == 12 and isinstance(i.record, Membership))
    assert indah.start_date == PartialDate(2021)


def test_rejections_name_line_and_field_without_personal_data() -> None:
    rejected = {(r.line, r.field): r.reason for r in read() if isinstance(r, Rejection)}
    assert set(rejected) == {
        (5, "sex"),
        (6, "nik"),
        (7, "birth_date"),
        (8, "name"),
        (9, "party"),
        (11, None),
    }
    assert "'X' is not a sex code" in rejected[(5, "sex")]
    assert "16 digits" in rejected[(6, "nik")] and "3673" not in rejected[(6, "nik")]
    assert "1980" not in rejected[(7, "birth_date")]
    assert rejected[(11, None)] == "has 5 fields, the header has 8"


def test_tally_counts_as_the_stream_does() -> None:
    tally = tally_members(SAMPLE)
    assert tally.rows == 10 and tally.accepted == 4
    assert tally.counts == {
        ("pdip", Gender.FEMALE): 1,
        ("pdip", Gender.MALE): 1,
        ("buruh", Gender.FEMALE): 1,
        ("golkar", Gender.FEMALE): 1,
    }
    stream = [r for r in iter_members(SAMPLE) if isinstance(r, Rejection)]
    assert list(tally.rejected) == stream


def test_sniff_tells_membership_from_candidates_and_attendance() -> None:
    source = MembershipCsvSource()
    assert source.sniff(SAMPLE, SAMPLE.read_bytes())
    assert not source.sniff(SAMPLE, b"election,district,seats,party,list_number,name,gender\n")
    assert not source.sniff(SAMPLE, b"Timestamp,Nama,Partai,No HP\n")
    assert not source.sniff(SAMPLE, b"\x00\x01")


def test_missing_required_column_and_missing_file() -> None:
    with pytest.raises(SourceError, match="missing required column"):
        list(iter_members(_write("Nama,KTA\nAni,1\n")))
    with pytest.raises(SourceError, match="no such file"):
        list(iter_members(DATA / "nope.csv"))


def _write(text: str) -> Path:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        f.write(text)
    return Path(f.name)


# -- the fast paths agree with the careful ones ---------------------------------------

digits16 = st.text("0123456789", min_size=16, max_size=16)
nik_texts = st.one_of(
    digits16,
    st.builds(
        lambda region, day, month, yy, serial: (
            f"{region}01{day:02d}{month:02d}{yy:02d}{serial:04d}"
        ),
        st.sampled_from(["3673", "3604", "3171", "9999", "0000", "1101"]),
        st.integers(0, 72),
        st.integers(0, 13),
        st.integers(0, 99),
        st.integers(0, 9999),
    ),
    st.text("0123456789 -.", max_size=20),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(nik_texts, min_size=1, max_size=5))
def test_nik_of_agrees_with_nik(texts: list[str]) -> None:
    # The memo of good regions and dates fills as it goes; compare after each.
    for text in texts:
        try:
            expected: Nik | str = Nik(text)
        except InvalidRecord as exc:
            expected = str(exc)
        try:
            got: Nik | str = nik_of(text)
        except InvalidRecord as exc:
            got = str(exc)
        assert got == expected
        if isinstance(got, Nik):
            assert got.reveal() == expected.reveal()  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.builds(
            lambda y, m, d, sep, order: (
                f"{d}{sep}{m}{sep}{y}" if order else f"{y:04d}-{m:02d}-{d:02d}"
            ),
            st.integers(1, 2100),
            st.integers(0, 13),
            st.integers(0, 32),
            st.sampled_from(["-", "/", "."]),
            st.booleans(),
        ),
        st.text(max_size=12),
    )
)
def test_parse_day_is_a_real_date_or_a_clean_error(text: str) -> None:
    try:
        day = parse_day(text)
    except InvalidRecord as exc:
        assert text.strip() == "" or text.strip() not in str(exc) or len(text.strip()) < 3
        return
    assert isinstance(day, PartialDate)


cells = st.fixed_dictionaries(
    {
        "Nama": st.sampled_from(["Siti", "", "  ", "Dewi\x00"]),
        "JK": st.sampled_from(["P", "L", "p", "X", "", "Perempuan"]),
        "NIK": st.sampled_from(["", "3673015708450001", "3673015708450002", "12", "x"]),
        "Tgl Lahir": st.sampled_from(["", "1990-01-02", "02-01-1990", "1990-02-30", "x"]),
        "KTA": st.sampled_from(["", "1", "2"]),
        "Partai": st.sampled_from(["PKB", "pkb", "PDI-P", "", "!!"]),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(cells.map(lambda c: list(c.values())), st.just(["a", "b"])), max_size=15))
def test_tally_agrees_with_stream(body: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Nama", "JK", "NIK", "Tgl Lahir", "KTA", "Partai"])
    writer.writerows(body)
    path = _write(out.getvalue())
    try:
        tally = tally_members(path)
        stream = list(iter_members(path))
    finally:
        path.unlink()
    counts: dict[tuple[str, Gender], int] = {}
    for item in stream:
        if isinstance(item, Located) and isinstance(item.record, Membership):
            person = next(
                i.record
                for i in stream
                if isinstance(i, Located) and i.line == item.line and isinstance(i.record, Person)
            )
            key = (item.record.organization_id, person.gender)
            counts[key] = counts.get(key, 0) + 1
    assert tally.counts == counts
    assert list(tally.rejected) == [i for i in stream if isinstance(i, Rejection)]
