"""What the tabular sources share: the cell separator, and CSV text split in bulk."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kppi_core.samples
from kppi_core.adapters._tabular import delimiter_of, first_line, split_columns
from kppi_core.adapters.attendance_csv import AttendanceCsvSource
from kppi_core.adapters.membership_csv import MembershipCsvSource
from kppi_core.errors import SourceError
from kppi_core.sources import Located, ReadContext

SAMPLES = Path(kppi_core.samples.__file__).parent


@pytest.mark.parametrize(
    ("header", "sep"),
    [
        ("election,district,seats", ","),
        ("Pemilu;Dapil;Kursi;Partai", ";"),
        ("Pemilu\tDapil\tKursi", "\t"),
        ("Nama, Gelar;Dapil;Kursi", ";"),  # the most frequent wins
        ("nama", ","),  # none: a comma
        ("", ","),
    ],
)
def test_delimiter_of(header: str, sep: str) -> None:
    assert delimiter_of(header) == sep


@pytest.mark.parametrize(
    ("source", "sample"),
    [
        (MembershipCsvSource(), "kota_serang_members_pkb.csv"),
        (AttendanceCsvSource(), "kota_serang_attendance_day2.csv"),
    ],
)
@pytest.mark.parametrize("sep", [";", "\t"])
def test_sources_read_semicolons_and_tabs_as_commas(
    tmp_path: Path, source: MembershipCsvSource | AttendanceCsvSource, sample: str, sep: str
) -> None:
    rows = list(csv.reader((SAMPLES / sample).open(newline="", encoding="utf-8")))
    paths = []
    for s in (",", sep):
        (tmp_path / str(ord(s))).mkdir()
        path = tmp_path / str(ord(s)) / sample  # ids derive from the file's name
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=s).writerows(rows)
        assert source.sniff(path, path.read_bytes()[:4096])
        paths.append(path)

    def records(path: Path) -> list[object]:
        out = list(source.read(path, ReadContext()))
        return [(x.record, x.line) if isinstance(x, Located) else x.reason for x in out]

    comma, other = (records(p) for p in paths)
    assert comma and other == comma


quote_free = st.text(alphabet=st.sampled_from("ab,;\t\n\r\x00 "), max_size=60)


@settings(max_examples=500, deadline=None)
@given(quote_free, st.integers(1, 5), st.sampled_from([",", ";", "\t"]))
def test_split_columns_equals_csv(text: str, width: int, sep: str) -> None:
    """Text without quotes split at separators in C: the csv module's rows, as
    columns, whenever every row has ``width`` cells; None otherwise."""
    text = text.replace("\r", "").replace("\x00", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    cols = split_columns(text, width, sep)
    if rows and width > 1 and all(len(row) == width for row in rows):
        assert cols is not None
        assert [list(row) for row in zip(*cols, strict=True)] == rows
    else:
        assert cols is None


@pytest.mark.parametrize("source", [MembershipCsvSource(), AttendanceCsvSource()])
def test_an_empty_file_is_said_to_be_empty(tmp_path: Path, source: object) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="the file is empty"):
        list(source.read(path, ReadContext()))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("head", "line"),
    [
        (b"a,b\nc", "a,b"),
        (b"a,b\r\nc", "a,b"),
        (b"a,b\rc\rd", "a,b"),  # lines ending in a lone carriage return (old Mac files)
        (b"\xef\xbb\xbfa;b\n", "a;b"),
        (b"a,b", "a,b"),
    ],
)
def test_first_line(head: bytes, line: str) -> None:
    assert first_line(head) == line


def test_sniffers_see_the_header_of_a_file_with_lone_carriage_returns(tmp_path: Path) -> None:
    from kppi_core.adapters.candidates_csv import CandidatesCsvSource

    text = (SAMPLES / "kota_serang_2024_candidates.csv").read_text(encoding="utf-8")
    path = tmp_path / "mac.csv"
    path.write_bytes(text.replace("\n", "\r").encode())
    assert CandidatesCsvSource().sniff(path, path.read_bytes()[:4096])
    members = tmp_path / "members.csv"
    members.write_bytes(
        (SAMPLES / "kota_serang_members_pkb.csv").read_bytes().replace(b"\n", b"\r")
    )
    assert MembershipCsvSource().sniff(members, members.read_bytes()[:4096])
