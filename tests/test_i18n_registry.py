"""``kppi registry build`` and ``kppi inspect`` in the reader's language: Indonesian
words from the catalog, flag ids kept for scripts, the same keys, ids and
numbers in both languages' JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from kppi_core.registry import Flag, FlagKind
from kppi_core.registry.results import Ambiguity, Merge, SourceRef
from kppi_run import kppi_stdout
from test_i18n import _messages

#: The JSON keys whose values are words in the document's language (``reason``: a
#: rejected record's reason, in the language as in check's JSON).
TEXTS = {"title", "notes", "rule", "reasons", "detail", "reason"}
#: The sample's runs, each as one language speaks it.
RUNS = [("registry", "build", "--sample"), ("inspect", "--sample")]


def test_the_indonesian_registry_reads_in_kpu_words() -> None:
    out = kppi_stdout("registry", "build", "--sample", "--lang", "id")
    for words in (
        "Registri",
        "rekaman dibaca",
        "NIK tidak valid 1, jenis kelamin tidak sesuai NIK 1, pencalonan ganda 1, "
        "keanggotaan ganda 1",
        "kemiripan yang belum diputuskan  1",
        "dinyatakan perempuan, NIK menunjukkan laki-laki",
        "tercantum di 2 daftar calon (beda dapil): DPRD_KABKO_2029 · KOTA SERANG 1",
        "anggota 2 partai: PKB, PPP",
        "nama sama; tanggal lahir lengkap tidak ada di salah satu pihak",
        "NIK sama (sidik berkunci)",
        "salin rekaman a dan rekaman b ke berkas keputusan",
    ):
        assert words in out, words
    for english in ("two_lists", "nik_gender_mismatch", "declared female", "Merges", "Flags"):
        assert english not in out


def test_the_english_registry_shows_flags_in_words() -> None:
    out = kppi_stdout("registry", "build", "--sample", "--lang", "en")
    assert "invalid NIK 1, declared gender differs from the NIK 1" in out
    assert "declared female, the NIK encodes male" in out
    assert "on 2 lists (two districts)" in out
    assert "member of 2 parties: PKB, PPP" in out
    assert "two_lists" not in out


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("run", RUNS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_run_speaks_one_language(run: tuple[str, ...], lang: str, fmt: str) -> None:
    other = _messages("en" if lang == "id" else "id")
    out = " ".join(kppi_stdout(*run, "--format", fmt, "--lang", lang).split())
    leaked = [t for t in other if f" {' '.join(t.split())} " in f" {out} "]
    assert not leaked, leaked


def _strip(value: Any) -> Any:
    """``value`` without its words: what both languages share."""
    if isinstance(value, dict) and isinstance(value.get("facts"), dict):
        value = {**value, "facts": {**value["facts"], "flags": "<text>"}}
    if isinstance(value, dict):
        return {k: ("<text>" if k in TEXTS else _strip(v)) for k, v in value.items() if k != "lang"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.mark.parametrize("run", RUNS, ids=" ".join)
def test_the_json_is_the_same_in_both_languages_but_lang_and_words(run: tuple[str, ...]) -> None:
    en = json.loads(kppi_stdout(*run, "--format", "json", "--lang", "en"))
    id_ = json.loads(kppi_stdout(*run, "--format", "json", "--lang", "id"))
    assert (en["lang"], id_["lang"]) == ("en", "id")
    assert _strip(en) == _strip(id_)


def test_the_registry_json_keeps_flag_ids_and_says_details_in_its_language() -> None:
    id_ = json.loads(
        kppi_stdout("registry", "build", "--sample", "--format", "json", "--lang", "id")
    )
    flags = {f["flag"]: f for f in id_["tables"]["flags"]}
    assert sorted(flags) == ["invalid_nik", "nik_gender_mismatch", "two_lists", "two_parties"]
    assert flags["two_parties"]["detail"] == "anggota 2 partai: PKB, PPP"
    assert id_["facts"]["flags"].startswith("NIK tidak valid 1, jenis kelamin tidak sesuai NIK 1")
    assert id_["title"] == "Registri"


def test_the_registry_csv_keeps_flag_ids_and_keys() -> None:
    out = kppi_stdout("registry", "build", "--sample", "--format", "csv", "--lang", "id")
    header = out.splitlines()[0]
    assert header.startswith("table,person_id,a,b,rule,ambiguity")
    assert "\nflags,gerindra/kta/3673300298,,,,,,,,,,two_lists,Iis Zakiyah,tercantum di 2" in out


@pytest.mark.parametrize(
    ("detail", "id_"),
    [
        (
            "declared female, the NIK encodes male",
            "dinyatakan perempuan, NIK menunjukkan laki-laki",
        ),
        (
            "declared male, the NIK encodes female",
            "dinyatakan laki-laki, NIK menunjukkan perempuan",
        ),
        ("member of 3 parties: A, B, C", "anggota 3 partai: A, B, C"),
        (
            "on 2 lists (two levels, two parties): E1 · D · P; E2 · D · Q",
            "tercantum di 2 daftar calon (beda tingkat, beda partai): E1 · D · P; E2 · D · Q",
        ),
        (
            "on 2 lists (one list twice): E · D · P",
            "tercantum di 2 daftar calon (dua kali di satu daftar): E · D · P",
        ),
        ("something a newer kppi wrote", "something a newer kppi wrote"),
    ],
)
def test_a_flag_detail_is_said_from_its_english(detail: str, id_: str) -> None:
    kind = {"d": FlagKind.NIK_GENDER_MISMATCH, "m": FlagKind.TWO_PARTIES}.get(
        detail[0], FlagKind.TWO_LISTS
    )
    flag = Flag(kind, "p", detail)
    assert flag.words("en") == detail
    assert flag.words("id") == id_


def test_flag_names_and_merge_and_ambiguity_words() -> None:
    assert Flag(FlagKind.TWO_LISTS, "p", "").name("id") == "pencalonan ganda"
    assert Flag(FlagKind.TWO_PARTIES, "p", "").name("en") == "member of two parties"
    merge = Merge("p", SourceRef("a.csv", 2), SourceRef("b.csv", 3), "identifier", "kta")
    assert merge.explain() == "a.csv:2 = b.csv:3: the same kta identifier"
    assert merge.why("id") == "identitas kta sama"
    pair = Ambiguity("a", "b", "x", "y", ("the same kta identifier", "different NIKs"))
    assert pair.reasons_in("id") == ("identitas kta sama", "NIK berbeda")
    assert pair.reasons_in("en") == pair.reasons


def test_inspect_counts_read_in_indonesian() -> None:
    out = kppi_stdout("inspect", "--sample", "--lang", "id")
    assert out.splitlines()[:4] == [
        "kota_serang_2024_candidates.csv: dibaca oleh sumber 'candidates-csv': 608 objek dan "
        "penolakan",
        "  pencalonan: 602",
        "    menurut jenis kelamin: perempuan 213, laki-laki 389",
        "  dapil: 6",
    ]


def test_inspect_needs_a_path_or_the_sample() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", "inspect", "--lang", "id"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert "berikan PATH atau --sample" in done.stderr
