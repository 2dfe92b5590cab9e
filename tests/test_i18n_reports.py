"""The check report in the reader's language: Indonesian words from the catalog,
the same ids and numbers in both languages' JSON."""

from __future__ import annotations

import json

import pytest

from kppi_core.i18n import language
from kppi_core.quota.findings import Finding, Move, Repair, Status
from kppi_core.render._quota_words import finding_message, repair_text
from kppi_run import kppi_stdout

TEXTS = {"message", "note"}  # the keys whose values are words, not ids or numbers


def test_the_indonesian_check_reads_in_the_officers_words() -> None:
    out = kppi_stdout("check", "--sample", "--lang", "id")
    for words in (
        "Aturan: uu7-2017",
        "602 rekaman dibaca: 602 diterima, 0 ditolak",
        "tidak memenuhi",
        "2 dari 8 calon adalah perempuan; diperlukan 3: kurang 1 perempuan",
        "perbaikan: ganti 1 calon laki-laki dengan calon perempuan",
        "tukar nomor urut 7 dan 6",
        "dasar hukum: UU 7/2017 Pasal 246 ayat (2)",
        "96 daftar: 86 memenuhi, 10 tidak memenuhi, 0 belum dapat ditentukan",
        "DPRD Kabupaten/Kota · dapil KOTA SERANG 1",
        "✗ keterwakilan perempuan paling sedikit 30% (tiga puluh persen): 2 dari 8",
    ):
        assert words in out
    for english in ("not compliant", "candidates are women", "repair:", "law:", "Rule set"):
        assert english not in out
    # the jargon issue 13 names: rule ids and election codes stay in the JSON and CSV
    for jargon in ("list-women-share", "list-zipper", "list-length", "DPRD_KABKO"):
        assert jargon not in out


@pytest.mark.parametrize(
    ("election", "en", "id_"),
    [
        ("DPRD_KABKO", "regency/city council (DPRD Kabupaten/Kota)", "DPRD Kabupaten/Kota"),
        ("DPRD_KABKO_2029", "regency/city council (DPRD Kabupaten/Kota) 2029",
         "DPRD Kabupaten/Kota 2029"),
        ("DPR RI", "DPR (national parliament)", "DPR"),
        ("PILEG-X", "PILEG-X", "PILEG-X"),  # not a chamber's name: the id as it is
        ("2029", "2029", "2029"),
    ],
)  # fmt: skip
def test_an_election_id_that_names_a_chamber_is_shown_in_words(
    election: str, en: str, id_: str
) -> None:
    from kppi_core.render.words import election as election_words

    assert election_words(election, "en") == en
    assert election_words(election, "id") == id_


def test_the_english_check_has_no_indonesian() -> None:
    out = kppi_stdout("check", "--sample", "--lang", "en")
    assert "2 of 8 candidates are women; 3 needed: 1 woman short" in out
    for indonesian in ("memenuhi", "perempuan", "perbaikan", "dasar hukum", "Aturan"):
        assert indonesian not in out


def _strip(value: object) -> object:
    """``value`` without its texts in a language: the contract both languages share."""
    if isinstance(value, dict):
        return {k: ("<text>" if k in TEXTS else _strip(v)) for k, v in value.items() if k != "lang"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def test_the_json_is_the_same_in_both_languages_but_lang_and_messages() -> None:
    en = json.loads(kppi_stdout("check", "--sample", "--format", "json", "--lang", "en"))
    id_ = json.loads(kppi_stdout("check", "--sample", "--format", "json", "--lang", "id"))
    assert (en["lang"], id_["lang"]) == ("en", "id")
    assert _strip(en) == _strip(id_)
    assert [f["message"] for f in en["findings"]] != [f["message"] for f in id_["findings"]]
    assert id_["findings"][0]["message"].startswith("2 dari 8 calon")


def _finding(**fields: object) -> Finding:
    base: dict[str, object] = {
        "rule": "list-women-share", "status": Status.VIOLATION, "election": "E",
        "district": "D", "party": "P", "message": "m", "legal_source": "s",
        "candidates": 8, "women": 1, "required": 3, "shortfall": 2,
    }  # fmt: skip
    return Finding(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "en", "id_"),
    [
        ({"women": 1, "shortfall": 2}, "1 of 8 candidates is a woman; 3 needed: 2 women short",
         "1 dari 8 calon adalah perempuan; diperlukan 3: kurang 2 perempuan"),
        ({"rule": "list-zipper", "positions": (4,)}, "no woman among list numbers 4–6",
         "tidak ada perempuan pada nomor urut 4–6"),
        ({"rule": "list-length", "candidates": 1062, "seats": 1000},
         "1,062 candidates for 1,000 seats: 62 too many",
         "1.062 calon untuk 1.000 kursi: kelebihan 62"),
        ({"rule": "a-plugin-rule", "message": "a plugin's own words"},
         "a plugin's own words", "a plugin's own words"),
    ],
)  # fmt: skip
def test_a_finding_is_said_from_its_numbers(fields: dict[str, object], en: str, id_: str) -> None:
    f = _finding(**fields)
    assert finding_message(f, language("en")) == en
    assert finding_message(f, language("id")) == id_


def test_a_repair_in_both_languages() -> None:
    repair = Repair(add_women=1, moves=(Move(3, 9),), replace_men=1)
    assert repair_text(repair, language("en")) == (
        "add 1 female candidate or swap list numbers 3 and 9 or "
        "replace 1 male candidate with a female candidate"
    )
    assert repair_text(repair, language("id")) == (
        "tambahkan 1 calon perempuan atau tukar nomor urut 3 dan 9 atau "
        "ganti 1 calon laki-laki dengan calon perempuan"
    )
