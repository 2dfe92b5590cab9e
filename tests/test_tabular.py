"""What the tabular sources share: the cell separator found in the header line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import kppi_core.samples
from kppi_core.adapters._tabular import delimiter_of
from kppi_core.adapters.attendance_csv import AttendanceCsvSource
from kppi_core.adapters.membership_csv import MembershipCsvSource
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
