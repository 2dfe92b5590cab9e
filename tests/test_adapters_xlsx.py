"""The XLSX source: KPU's sheets with a title block, the CSV tables in workbooks, bad workbooks."""

from __future__ import annotations

import csv
import datetime
import sys
from pathlib import Path
from typing import Any

import pytest

from kppi_core.adapters.membership_csv import iter_members
from kppi_core.adapters.xlsx import XlsxSource
from kppi_core.errors import SourceError
from kppi_core.model import Candidacy, Gender, PartialDate, Person
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Source, lists_from_records
from kppi_core.testing.conformance import SourceConformance

openpyxl = pytest.importorskip("openpyxl")
DATA = Path(__file__).parent / "data" / "adapters"


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


KPU_SHEET = [
    ["DAFTAR CALON TETAP ANGGOTA DPRD KOTA CONTOH"],
    ["PEMILIHAN UMUM TAHUN 2024"],
    [],
    ["No", "Partai", "Dapil", "Nomor Urut", "Nama", "Jenis Kelamin", "Domisili"],
    [1, "Partai A", "Contoh 1", 1, "Ani Contoh", "P", "Kota Contoh"],
    [2, None, None, 2, "Budi Contoh", "L", "Kota Contoh"],  # merged party and dapil cells
    [3, None, None, 3, "Cici Contoh", "L", "Kota Contoh"],
    [],
    [4, "Partai B", "Contoh 1", 1, "Dodi Contoh", "X", "Kota Contoh"],
    [5, None, None, "dua", "Eka Contoh", "P", "Kota Contoh"],
    [6, None, None, 2, "Fani Contoh", "Perempuan", "Kota Contoh", "catatan di luar tabel"],
]


class TestXlsxKpuSheet(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return XlsxSource()

    @pytest.fixture
    def sample_path(self, tmp_path: Path) -> Path:
        return workbook(tmp_path / "dct.xlsx", {"DCT": KPU_SHEET})

    @pytest.fixture
    def sample_records(self) -> int:
        return 6


class TestXlsxMembership(TestXlsxKpuSheet):
    @pytest.fixture
    def sample_path(self, tmp_path: Path) -> Path:
        with (DATA / "membership.csv").open(encoding="utf-8", newline="") as handle:
            rows: list[list[Any]] = list(csv.reader(handle))
        return workbook(tmp_path / "members.xlsx", {"Anggota": rows})

    @pytest.fixture
    def sample_records(self) -> int:
        return 10


def read(path: Path, **options: str) -> list[Located | Rejection]:
    return list(XlsxSource().read(path, ReadContext(options=options)))


def test_kpu_sheet_below_a_title_block(tmp_path: Path) -> None:
    path = workbook(tmp_path / "dct-kota-contoh.xlsx", {"DCT": KPU_SHEET})
    items = read(path, election="dprd-kota-contoh-2024")
    candidacies = {i.line: i.record for i in items if isinstance(i, Located)}
    assert candidacies[6] == Candidacy(
        "Budi Contoh", Gender.MALE, "Partai A", "dprd-kota-contoh-2024", "Contoh 1", 2
    )
    assert set(candidacies) == {5, 6, 7, 11}  # no District: KPU's sheets give no seats
    assert candidacies[11].party == "Partai B"  # type: ignore[attr-defined]
    rejected = {(r.source, r.line, r.field) for r in items if isinstance(r, Rejection)}
    assert rejected == {(f"{path}[DCT]", 9, "gender"), (f"{path}[DCT]", 10, "list_number")}
    lists = lists_from_records(items)
    assert {f.key: f.seats for f in lists.lists} == {
        ("dprd-kota-contoh-2024", "Contoh 1", "Partai A"): None,
        ("dprd-kota-contoh-2024", "Contoh 1", "Partai B"): None,
    }
    # Without the option, the file's stem names the election.
    assert {i.record.election_id for i in read(path) if isinstance(i, Located)} == {
        "dct-kota-contoh"
    }


def test_membership_workbook_reads_as_its_csv_twin(tmp_path: Path) -> None:
    twin = DATA / "membership.csv"
    with twin.open(encoding="utf-8", newline="") as handle:
        rows: list[list[Any]] = list(csv.reader(handle))
    path = workbook(tmp_path / "membership.xlsx", {"Sheet": rows})
    got = [(type(i).__name__, i.line, getattr(i, "field", None)) for i in read(path)]
    want = [(type(i).__name__, i.line, getattr(i, "field", None)) for i in iter_members(twin)]
    # A sheet has no ragged rows: the short row 11 is padded, so its party is empty.
    assert ("Rejection", 11, None) in want and ("Rejection", 11, "party") in got
    assert [g for g in got if g[1] != 11] == [w for w in want if w[1] != 11]
    csv_records = [i.record for i in iter_members(twin) if isinstance(i, Located)]
    assert [i.record for i in read(path) if isinstance(i, Located)] == csv_records


def test_typed_cells_become_text_as_in_a_csv(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "typed.xlsx",
        {
            "Anggota": [
                ["Nama", "JK", "Tgl Lahir", "No KTA", "Partai", "Tanggal Bergabung"],
                ["Ani Contoh", "P", datetime.datetime(1980, 4, 3), 1234, "PKB", 2019.0],
            ]
        },
    )
    person = next(
        i.record for i in read(path) if isinstance(i, Located) and isinstance(i.record, Person)
    )
    assert person.id == "pkb/kta/1234" and person.birth_date == PartialDate(1980, 4, 3)


def test_attendance_workbook_and_sheet_option(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "hadir.xlsx",
        {
            "Catatan": [["hanya catatan"]],
            "Form Responses 1": [
                ["Timestamp", "Nama", "Asal Partai/Organisasi", "No HP"],
                [datetime.datetime(2025, 6, 14, 8, 2), "Ani Contoh", "PKB", "0812-0000-0001"],
            ],
        },
    )
    items = read(path)
    assert isinstance(items[0], Rejection) and items[0].source.endswith("[Catatan]")
    parts = [i.record for i in items if isinstance(i, Located)]
    assert parts[-1].session_id == "2025-06-14"  # type: ignore[attr-defined]
    assert not any(isinstance(i, Rejection) for i in read(path, sheet="Form Responses 1"))
    with pytest.raises(SourceError, match="no sheet 'Nope'"):
        read(path, sheet="Nope")


def test_bad_workbooks_are_source_errors(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", {"DCT": KPU_SHEET})
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    not_zip = tmp_path / "not-zip.xlsx"
    not_zip.write_text("Nama,Partai\n", encoding="utf-8")
    for path in (truncated, not_zip):
        with pytest.raises(SourceError, match=r"not a readable \.xlsx workbook") as caught:
            read(path)
        assert str(path) in str(caught.value)
    with pytest.raises(SourceError, match="no such file"):
        read(tmp_path / "missing.xlsx")


def test_missing_openpyxl_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "dct.xlsx", {"DCT": KPU_SHEET})
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(SourceError, match=r"pip install 'kppi_core\[xlsx\]'"):
        read(path)


def test_sniff() -> None:
    source = XlsxSource()
    assert source.sniff(Path("a.xlsx"), b"PK\x03\x04rest")
    assert not source.sniff(Path("a.zip"), b"PK\x03\x04rest")
    assert not source.sniff(Path("a.xlsx"), b"Nama,Partai\n")
