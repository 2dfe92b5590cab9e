"""The one reading path: every command picks and reads sources the same way."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kppi_core import hookimpl
from kppi_core.cli import main
from kppi_core.errors import NotFound
from kppi_core.model import Gender, Person
from kppi_core.reading import read_lists, read_records, source_for
from kppi_core.samples import sample_path
from kppi_core.sources import Located, SourceSpec

ADAPTERS = Path(__file__).parent / "data" / "adapters"
POPOLO = ADAPTERS / "popolo.json"
PARLINE = ADAPTERS / "parline.csv"


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


def test_check_and_inspect_pick_the_same_source_for_a_popolo_file() -> None:
    inspected = run("inspect", str(POPOLO), "--format", "json")
    assert json.loads(inspected.stdout)["source"] == "popolo-json"
    checked = run("check", str(POPOLO))
    assert checked.exit_code == 2
    assert "read by source 'popolo-json'" in checked.stderr
    assert "not candidacies or lists" in checked.stderr


def test_source_for_names_what_it_guessed_when_it_cannot_serve(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="read by source 'membership-csv'"):
        source_for(ADAPTERS / "membership.csv", yields=("Candidacy", "CandidateList"))
    assert source_for(ADAPTERS / "membership.csv").spec.name == "membership-csv"


def test_registry_build_reads_popolo_as_inspect_does() -> None:
    env = {"KPPI_FINGERPRINT_KEY": "test-key"}
    inspected = json.loads(run("inspect", str(POPOLO), "--format", "json").stdout)
    built = run("registry", "build", str(POPOLO), "--format", "json", env=env)
    facts = dict(json.loads(built.stdout)["facts"])
    assert facts["persons"] == inspected["counts"]["Person"]
    assert facts["open_ambiguities"] == 0


def test_a_partners_json_source_reads_for_registry_build(
    kppi_register: Any, tmp_path: Path
) -> None:
    class PartnerJson:
        spec = SourceSpec("partner-json", "a partner's JSON", ("Person",), ("*.partner.json",))

        def sniff(self, path: Path, head: bytes) -> bool:
            return b'"anggota"' in head

        def read(self, path: Path, context: Any) -> Any:
            for i, name in enumerate(json.loads(path.read_text())["anggota"]):
                yield Located(Person(f"partner/{i}", name, Gender.FEMALE), i + 1)

    plugin = types.ModuleType("partner")

    @hookimpl
    def kppi_register_sources(register: Any) -> None:
        register(PartnerJson())

    plugin.kppi_register_sources = kppi_register_sources  # type: ignore[attr-defined]
    kppi_register(plugin)
    path = tmp_path / "members.partner.json"
    path.write_text(json.dumps({"anggota": ["Siti Aminah", "Dewi Lestari"]}), encoding="utf-8")
    built = run("registry", "build", str(path), "--format", "json",
                env={"KPPI_FINGERPRINT_KEY": "k"})  # fmt: skip
    assert built.exit_code == 0, built.output
    assert dict(json.loads(built.stdout)["facts"])["persons"] == 2
    named = run("registry", "build", str(path), "--source", "partner-json",
                env={"KPPI_FINGERPRINT_KEY": "k"})  # fmt: skip
    assert named.exit_code == 0


def test_read_lists_reads_xlsx_through_its_source(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["election", "district", "seats", "party", "list_number", "name", "gender"])
    for i, sex in enumerate("PLP", 1):
        sheet.append(["DPR", "D1", 3, "A", i, f"Calon {i}", sex])
    path = tmp_path / "x.xlsx"
    book.save(path)
    read = read_lists(path)
    assert [(f.key, f.candidates, f.women) for f in read.lists] == [(("DPR", "D1", "A"), 3, 2)]


def test_representation_reads_parline_and_popolo_directly() -> None:
    parline = run("representation", str(PARLINE))
    assert "House of Representatives" in parline.stdout and parline.exit_code in (0, 1)
    assert "Traceback" not in parline.output
    popolo = run("representation", str(POPOLO), "--fail-under", "none")
    assert "Traceback" not in popolo.output
    assert popolo.exit_code in (0, 1)


def test_a_pipe_is_read_whole(tmp_path: Path) -> None:
    """Sniffing a pipe must not eat its first 64 KiB."""
    rows = ["election,district,seats,party,list_number,name,gender"]
    rows += [f"DPR,D{d},3,A,{i},Nama {d} {i},{'L' if i == 2 else 'P'}"
             for d in range(3000) for i in (1, 2, 3)]  # fmt: skip
    data = ("\n".join(rows) + "\n").encode()
    assert len(data) > 3 * (64 << 10)
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", "check", "/dev/stdin", "--format", "json"],
        input=data,
        capture_output=True,
        check=False,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["summary"]
    assert summary["lists"] == 3000 and summary["records"] == 9000


def test_utf16_text_is_decoded_before_lines_are_cut(tmp_path: Path) -> None:
    text = "election\tdistrict\tseats\tparty\tlist_number\tname\tgender\n"
    text += "".join(
        f"DPR\tD1\t3\tA\t{i}\tCalon {i}\t{s}\n" for i, s in ((1, "P"), (2, "L"), (3, "P"))
    )
    path = tmp_path / "unicode.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") * 1)
    read = read_lists(path, encoding="utf-16")
    assert [(f.key, f.candidates) for f in read.lists] == [(("DPR", "D1", "A"), 3)]
    assert not read.rejected
    # A file longer than a read block, so lines meet block ends at odd bytes.
    many = text + "".join(f"DPR\tD2\t3\tB{n}\t1\tNama\tP\n" for n in range(40000))
    path.write_bytes(codecs.BOM_UTF16_LE + many.encode("utf-16-le"))
    read = read_lists(path, encoding="utf-16")
    assert read.records == 40003 and not read.rejected


def test_inspect_names_the_guess_and_takes_options(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("Nama Lengkap,Asal Partai/Organisasi,No. HP\nSiti,PKB,0812\n", encoding="utf-8")
    failed = run("inspect", str(path))  # no timestamp and no session: it asks for one
    assert failed.exit_code == 2
    assert "read by source 'attendance-csv', guessed from the file" in failed.stderr
    assert "--option" in failed.stderr
    done = run("inspect", str(path), "--option", "session=day-1", "--option", "training=t")
    assert done.exit_code in (0, 1) and "attendance-csv" in done.stdout


def test_read_records_streams_a_named_source() -> None:
    items = list(read_records(sample_path("candidates"), "candidates-csv"))
    assert items and isinstance(items[0], Located)


def test_the_moved_names_stay_importable_from_sources() -> None:
    from kppi_core import reading, sources

    assert sources.read_lists is reading.read_lists
    assert sources.ListsRead is reading.ListsRead
    assert sources.lists_from_records is reading.lists_from_records


def test_register_rule_set_is_deprecated_and_feeds_the_one_registry(
    kppi_plugin_manager: Any,
) -> None:
    from kppi_core.quota import RuleSet, register_rule_set
    from kppi_core.quota.rules import WomenShare

    mine = RuleSet("old-style", "registered the old way", (WomenShare(),))
    with pytest.warns(DeprecationWarning, match="register_rule_set is deprecated"):
        register_rule_set(mine)
    assert kppi_plugin_manager.rule_sets()["old-style"] is mine


def test_guessing_a_candidates_file_imports_no_other_source() -> None:
    """The sources that yield what is needed are imported and asked first: a candidates
    CSV is read without importing the membership, attendance or Parline sources."""
    code = (
        "import json, sys; from kppi_core.reading import source_for; "
        f"s = source_for({str(sample_path('candidates'))!r}, yields=('District', 'Candidacy')); "
        "print(json.dumps([s.spec.name, "
        "sorted(m for m in sys.modules if m.startswith('kppi_core.adapters.'))]))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    name, adapters = json.loads(run.stdout)
    assert name == "candidates-csv"
    assert adapters == ["kppi_core.adapters._tabular", "kppi_core.adapters.candidates_csv"]
