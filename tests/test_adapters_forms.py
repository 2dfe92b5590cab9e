"""Sign-in forms from ODK Central and KoboToolbox, and the organisation alias table.

The fixtures are laid out as the tools export them (ODK Central's CSV:
``SubmissionDate`` first, ``group-field`` columns, then ``meta-instanceID``,
``KEY``, ``SubmitterID`` …; KoboToolbox's: ``;``-separated, ``group/field``
headers as names or labels, then ``_id``, ``_uuid``, ``_submission_time`` …).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from kppi_core.adapters._parties import classify, known_organisation
from kppi_core.adapters.attendance_csv import (
    AttendanceCsvSource,
    KoboCsvSource,
    OdkCsvSource,
    iter_attendance,
    sniff_layout,
)
from kppi_core.adapters.xlsx import XlsxSource
from kppi_core.errors import SourceError
from kppi_core.model import Organization, Participation, Person
from kppi_core.plugins import Plugins
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, Source
from kppi_core.testing.conformance import SourceConformance

DATA = Path(__file__).parent / "data"
ODK = DATA / "adapters" / "odk_central.csv"
KOBO = DATA / "adapters" / "kobo_names.csv"
KOBO_LABELS = DATA / "adapters" / "kobo_labels.csv"
SAMPLES = Path(__file__).parents[1] / "src" / "kppi_core" / "samples"


class TestOdk(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return OdkCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return ODK

    @pytest.fixture
    def sample_records(self) -> int:
        return 5


class TestKobo(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return KoboCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return KOBO

    @pytest.fixture
    def sample_records(self) -> int:
        return 3


def by_type(path: Path, **options: str) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for item in iter_attendance(path, options=options):
        record = item.record if isinstance(item, Located) else item
        out.setdefault(type(record).__name__, []).append(record)
    return out


def test_layouts_are_sniffed_by_their_headers() -> None:
    heads = {p: p.read_bytes()[:65536] for p in (ODK, KOBO, KOBO_LABELS)}
    assert sniff_layout(heads[ODK]) == "odk-central"
    assert sniff_layout(heads[KOBO]) == sniff_layout(heads[KOBO_LABELS]) == "kobotoolbox"
    sheet = DATA / "adapters" / "attendance.csv"
    assert sniff_layout(sheet.read_bytes()) == "google-forms"
    for path, head in heads.items():
        assert not AttendanceCsvSource().sniff(path, head)
    manager = Plugins(entry_points=False)
    assert manager.source_for(ODK).spec.name == "odk-csv"
    assert manager.source_for(KOBO).spec.name == "kobo-csv"
    assert manager.source_for(sheet).spec.name == "attendance-csv"


def test_odk_rows() -> None:
    got = by_type(ODK, training="t")
    people = [p for p in got["Person"] if isinstance(p, Person)]
    assert [p.name for p in people] == ["Ani Contoh", "Bunga Contoh", "Cici Contoh", "Dina Contoh"]
    parts = [p for p in got["Participation"] if isinstance(p, Participation)]
    # a session column names each row's session
    assert [p.session_id for p in parts] == ["hari-1", "hari-1", "hari-2", "hari-2"]
    assert [p.organization_id for p in parts][:3] == [
        "gow-kota-contoh",
        "wanita-katolik-republik-indonesia",
        "muslimat-nahdlatul-ulama",
    ]
    (rejected,) = got["Rejection"]
    assert isinstance(rejected, Rejection) and rejected.field == "name"


def test_submission_times_are_read_in_wib(tmp_path: Path) -> None:
    rows = list(csv.reader(ODK.read_text(encoding="utf-8").splitlines()))
    header = [c for c in rows[0] if c != "sesi"]
    keep = [i for i, c in enumerate(rows[0]) if c != "sesi"]
    path = tmp_path / "odk.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows[1:]:
            writer.writerow([row[i] for i in keep])
    sessions = [
        p.session_id for p in by_type(path)["Participation"] if isinstance(p, Participation)
    ]
    # row 3 has no start time: 2025-06-14T23:10Z is 06:10 on the 15th in WIB
    assert sessions == ["2025-06-14", "2025-06-14", "2025-06-15", "2025-06-15"]
    utc = [
        p.session_id
        for p in by_type(path, utc_offset="+00:00")["Participation"]
        if isinstance(p, Participation)
    ]
    assert utc[2] == "2025-06-14"
    with pytest.raises(SourceError, match="utc_offset"):
        by_type(path, utc_offset="WIB")


def test_kobo_names_and_labels() -> None:
    names = by_type(KOBO, training="t", session="s1")
    assert [p.name for p in names["Person"]] == ["Ani Contoh", "Bunga Contoh", "Cici Contoh"]  # type: ignore[attr-defined]
    orgs = {o.id: o for o in names["Organization"] if isinstance(o, Organization)}
    assert orgs["fatayat-nahdlatul-ulama"].classification == "women_organisation"
    assert orgs["himpunan-wanita-disabilitas-indonesia"].other_names == ("HWDI",)
    assert orgs["partai-contoh-baru"].classification == "party"
    labels = by_type(KOBO_LABELS, training="t", session="s1")
    assert [o.name for o in labels["Organization"]] == [  # type: ignore[attr-defined]
        "'Aisyiyah",
        "Persatuan Wanita Kristen Indonesia",
    ]
    assert all(p.contact_details == () or p.contact_details[0].type == "phone"
               for p in labels["Person"])  # type: ignore[attr-defined]  # fmt: skip


def test_workbooks_from_the_form_tools(tmp_path: Path) -> None:
    import openpyxl

    for source, sep in ((ODK, ","), (KOBO, ";")):
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in csv.reader(source.read_text(encoding="utf-8").splitlines(), delimiter=sep):
            sheet.append(row)
        path = tmp_path / f"{source.stem}.xlsx"
        book.save(path)
        items = list(XlsxSource().read(path, ReadContext(options={"training": "t"})))
        people = [i for i in items if isinstance(i, Located) and isinstance(i.record, Person)]
        assert len(people) == (4 if source == ODK else 3)


def test_bad_form_exports() -> None:
    odk = {r.line: r.field for r in iter_attendance(DATA / "bad" / "odk_bad.csv")
           if isinstance(r, Rejection)}  # fmt: skip
    assert odk == {2: "timestamp", 3: "name", 4: "sex", 5: None}
    kobo = {r.line: r.field for r in iter_attendance(DATA / "bad" / "kobo_bad.csv")
            if isinstance(r, Rejection)}  # fmt: skip
    assert kobo == {2: "phone", 3: "name", 4: "timestamp"}


@pytest.mark.parametrize(
    ("written", "expanded", "kind"),
    [
        ("GOW", "Gabungan Organisasi Wanita", "women_organisation"),
        ("GOW Kota Serang", "Gabungan Organisasi Wanita", "women_organisation"),
        ("wkri", "Wanita Katolik Republik Indonesia", "women_organisation"),
        ("PWKI", "Persatuan Wanita Kristen Indonesia", "women_organisation"),
        ("HWDI", "Himpunan Wanita Disabilitas Indonesia", "women_organisation"),
        ("Fatayat", "Fatayat Nahdlatul Ulama", "women_organisation"),
        ("Muslimat NU", "Muslimat Nahdlatul Ulama", "women_organisation"),
        ("Aisyiyah", "'Aisyiyah", "women_organisation"),
        ("KPPG", "Kesatuan Perempuan Partai Golkar", "party_wing"),
    ],
)
def test_the_alias_table(written: str, expanded: str, kind: str) -> None:
    known = known_organisation(written)
    assert known is not None and known.name == expanded and known.source.strip()
    assert classify(written) == kind


def test_unknown_names_stay_as_written() -> None:
    assert known_organisation("Karang Taruna Contoh") is None
    assert classify("Karang Taruna Contoh") == "other"
    got = by_type(ODK, training="t")
    names = [o.name for o in got["Organization"] if isinstance(o, Organization)]
    assert "Karang Taruna Contoh" in names and "GOW Kota Contoh" in names


def test_every_alias_row_has_a_source() -> None:
    from importlib import resources

    text = resources.files("kppi_core.adapters").joinpath("org_aliases.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows and all(r["source"].strip() and r["expansion"].strip() for r in rows)
    assert {r["classification"] for r in rows} <= {"women_organisation", "party_wing"}


def test_form_exports_feed_training_report() -> None:
    training = "kppi-kota-serang/pembinaan-2025"
    result = subprocess.run(
        [
            sys.executable, "-m", "kppi_core", "training", "report",
            str(SAMPLES / "kota_serang_branch.json"),
            f"{ODK}#training={training},session=day-2",
            f"{KOBO}#training={training},session=day-1",
        ],
        capture_output=True, text=True, check=False,
        env={"KPPI_FINGERPRINT_KEY": "a test key, not a secret", "PATH": ""},
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    assert "Muslimat Nahdlatul Ulama" in result.stdout
    assert "Fatayat Nahdlatul Ulama" in result.stdout
