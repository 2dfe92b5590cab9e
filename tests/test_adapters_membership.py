"""The membership CSV source: worked rows, rejections, the fast paths agree with the full ones."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from unittest import mock

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
from kppi_core.model import Gender, Identifier, Membership, Nik, Organization, PartialDate, Person
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
        Organization("pdip", "PDI-P", "party"),
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
    assert sum(isinstance(i.record, Organization) and i.record.id == "pdip" for i in located) == 1
    # No KTA: the id is the file stem and line; day-first dates with slashes.
    citra = next(i.record for i in located if i.line == 4 and isinstance(i.record, Person))
    assert citra.id == "membership/4" and citra.identifiers == ()
    assert citra.birth_date == PartialDate(1980, 4, 3)
    orgs = {i.record.id: i.record for i in located if isinstance(i.record, Organization)}
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
        # One reason for every text: none of it is repeated (it may be a birth date).
        assert exc.problems == ("is not a date written YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY",)
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


# -- the batched short path gives what the careful row-by-row path gives --------------

_OPTIONAL = ["JK", "NIK", "Tgl Lahir", "KTA", "Wilayah", "Tgl Gabung"]
_CELLS = {
    "Nama": st.sampled_from(
        ["Siti", " Ani ", "", "  ", "Dewi\x00", "Siti\nAni", "Ani\r\nB", "A\rB\n\nC", 'Ina "I"']
    ),
    "JK": st.sampled_from(["P", "L", "p", " P", "X", "", "-", "Perempuan"]),
    "NIK": st.sampled_from(
        [
            "",
            " ",
            "3673015708450001",
            "3673015708450002",
            "3673014101900003",
            "3604013102990004",
            "3604012902000005",
            "3604012902010006",
            "9999015708450007",
            "3673 0157 0845 0008",
            "12",
            "x",
        ]
    ),
    "Tgl Lahir": st.sampled_from(
        ["", " ", "1990-01-02", "02-01-1990", "2/1/1990", "1990-02-30", "x", "1990"]
    ),
    "KTA": st.sampled_from(["", " ", "1", " 2 ", "0003"]),
    "Partai": st.sampled_from(["PKB", "pkb", " PKB", "PDI-P", "PDIP", "", "  ", "!!"]),
    "Wilayah": st.sampled_from(["", " ", "Kota Serang", " Cilegon "]),
    "Tgl Gabung": st.sampled_from(["", "2019-05-01", "01/05/2019", "2019-13-01"]),
}


def _careful(path: Path) -> list[Located | Rejection]:
    """The stream row by row through check(), objects from the public constructors."""
    from kppi_core.adapters._tabular import open_csv
    from kppi_core.adapters.membership_csv import MembershipRows

    reader, lines, header = open_csv(path, "utf-8", None)
    rows = MembershipRows(header, str(path), path.stem)
    out: list[Located | Rejection] = []
    seen: set[str] = set()
    while True:
        try:
            for row in reader:
                line = reader.line_num
                fields = rows.check(row, line, lines.nul_seen)
                if fields is None:
                    continue
                if isinstance(fields, Rejection):
                    out.append(fields)
                    continue
                (org, scheme, party), name, gender, nik, born, kta, region, joined = fields
                pid = f"{org}/kta/{kta}" if kta else f"{path.stem}/{line}"
                if org not in seen:
                    seen.add(org)
                    out.append(Located(Organization(org, party, "party"), line))
                ids = [Identifier(scheme, kta)] if kta else []
                out.append(Located(Person(pid, name, gender, born, nik, ids), line))
                m = Membership(pid, org, "member", label=region, start_date=joined)
                out.append(Located(m, line))
            return out
        except csv.Error as exc:
            out.append(Rejection(rows.source, reader.line_num, None, f"not a CSV row: {exc}"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_OPTIONAL), unique=True).flatmap(
        lambda cols: st.permutations(["Nama", "Partai", *cols])
    ),
    st.data(),
    st.integers(1, 5),
    st.sampled_from([1 << 20, 64, 7, 1]),
)
def test_batched_stream_equals_careful_rows(
    columns: list[str], data: st.DataObject, batch: int, chunk: int
) -> None:
    """Batches of 1-5 rows, and the file decoded in chunks down to a byte."""
    row = st.tuples(*(_CELLS[c] for c in columns)).map(list)
    junk = st.sampled_from([[], ["a", "b"], [""] * (len(columns) + 1)])
    body = data.draw(st.lists(row | junk, max_size=25))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(body)
    path = _write(out.getvalue())
    try:
        with (
            mock.patch("kppi_core.adapters._tabular._CHUNK", chunk),
            mock.patch("kppi_core.adapters.membership_csv._BATCH", batch),
        ):
            got = list(iter_members(path))
            tally = tally_members(path)
        want = _careful(path)
    finally:
        path.unlink()
    assert got == want
    # The tally's short path counts what the careful stream accepts.
    genders = {
        i.line: i.record.gender
        for i in want
        if isinstance(i, Located) and isinstance(i.record, Person)
    }
    counts: dict[tuple[str, Gender], int] = {}
    for i in want:
        if isinstance(i, Located) and isinstance(i.record, Membership):
            key = (i.record.organization_id, genders[i.line])
            counts[key] = counts.get(key, 0) + 1
    assert tally.counts == counts
    assert list(tally.rejected) == [i for i in want if isinstance(i, Rejection)]
    assert [type(i.record) if isinstance(i, Located) else None for i in got] == [
        type(i.record) if isinstance(i, Located) else None for i in want
    ]


def test_a_csv_error_and_a_decoding_error_keep_what_came_before(tmp_path: Path) -> None:
    # Lines are decoded a MiB at a time: the bad byte is in the second MiB, so
    # every row of the first comes out (a partial batch too) before the error.
    path = tmp_path / "m.csv"
    big = "x" * (csv.field_size_limit() + 1)
    head = f"Nama,JK,Partai,KTA\nAni,P,PKB,1\n{big},P,PKB,2\n".encode()
    filler = b"Ani,P,PKB,\n" * ((1 << 20) // 11 + 10)
    path.write_bytes(head + filler + b"\xff\n")
    first_chunk_lines = (head + filler)[: 1 << 20].count(b"\n")
    items = []
    with (
        pytest.raises(SourceError, match="not valid utf-8"),
        mock.patch("kppi_core.adapters.membership_csv._BATCH", 1000),
    ):
        for item in iter_members(path):
            items.append(item)
    assert [(type(i).__name__, i.line) for i in items[:5]] == [
        ("Located", 2),
        ("Located", 2),
        ("Located", 2),
        ("Rejection", 3),
        ("Located", 4),
    ]
    assert "not a CSV row" in items[3].reason  # type: ignore[union-attr]
    assert items[-1].line == first_chunk_lines
    assert len(items) == 4 + 2 * (first_chunk_lines - 3)


def test_nik_birth_digits_as_stdnum_reads_them() -> None:
    from stdnum.exceptions import ValidationError
    from stdnum.id import nik as stdnum_nik

    from kppi_core.adapters._tabular import _birth_digits_ok

    # Every day and month code, over years that are leap or not in 1900 and 2000
    # (checked exhaustively over all 10^6 codes when the memo was written).
    for yy in (0, 1, 4, 96, 99):
        for dd in range(100):
            for mm in range(14):
                six = f"{dd:02d}{mm:02d}{yy:02d}"
                try:
                    stdnum_nik.get_birth_date(f"367301{six}0001")
                    expected = True
                except ValidationError:
                    expected = False
                assert _birth_digits_ok(six) is expected, six


def test_a_large_ordinary_file_reads_as_the_careful_path(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    path = tmp_path / "big.csv"
    lines = ["Nama,Jenis Kelamin,NIK,Tanggal Lahir,No KTA,Partai,Kab/Kota,Tanggal Bergabung"]
    for i in range(3000):
        day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1950, 2005)
        woman = rng.random() < 0.5
        nik = "" if i % 20 == 0 else f"367301{day + 40 * woman:02d}{month:02d}{year % 100:02d}0001"
        born = f"{day:02d}-{month:02d}-{year}" if i % 3 else f"{year}-{month:02d}-{day:02d}"
        kta = f"{i:06d}" if i % 10 else ""
        party = rng.choice(["PKB", "PDI-P", "PDIP", "Golkar"])
        name = '"Siti\nAni, S.H."' if i % 997 == 0 else "Siti Aminah"
        lines.append(f"{name},{'P' if woman else 'L'},{nik},{born},{kta},{party},Kota Serang,")
        if i % 499 == 0:
            lines.append("Budi,X,,,,PKB,,")  # a rejection now and then
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for batch in (64, 7):
        with mock.patch("kppi_core.adapters.membership_csv._BATCH", batch):
            assert list(iter_members(path)) == _careful(path)
