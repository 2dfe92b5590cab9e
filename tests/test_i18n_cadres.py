"""The cadre reports in the reader's language: Indonesian words from the catalog
under ``--lang id``, English under ``--lang en``, and the same ids and numbers in
both languages' JSON and CSV."""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from kppi_core.i18n import LOCALE_DIR
from kppi_core.samples import sample_path

#: The cadre commands on the sample, on a fixed day.
COMMANDS = {
    "training": ("training", "report", "--sample"),
    "completion": ("training", "completion", "--sample"),
    "outreach": ("outreach", "--sample", "--on", "2025-11-01"),
    "follow-ups": ("follow-ups", "--sample", "--on", "2025-11-01"),
    "funnel": ("funnel", "--sample"),
}
#: The JSON keys whose values are sentences in the document's language.
TEXTS = {"title", "notes", "rule"}


@functools.cache
def _kppi(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": ""},
    )
    assert done.returncode in (0, 1), done.stderr
    return done


def _strip(value: object) -> object:
    """``value`` without its sentences: what both languages share."""
    if isinstance(value, dict):
        return {k: ("<text>" if k in TEXTS else _strip(v)) for k, v in value.items() if k != "lang"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_json_is_the_same_in_both_languages_but_lang_and_sentences(name: str) -> None:
    en = json.loads(_kppi(*COMMANDS[name], "--format", "json", "--lang", "en").stdout)
    id_ = json.loads(_kppi(*COMMANDS[name], "--format", "json", "--lang", "id").stdout)
    assert (en["lang"], id_["lang"]) == ("en", "id")
    assert _strip(en) == _strip(id_)
    assert en["title"] != id_["title"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_csv_is_the_same_in_both_languages(name: str) -> None:
    en = _kppi(*COMMANDS[name], "--format", "csv", "--lang", "en").stdout
    assert en == _kppi(*COMMANDS[name], "--format", "csv", "--lang", "id").stdout


@functools.cache
def _data() -> str:
    """The sample's own texts (names, descriptions, in Indonesian): words from
    the data, not from the catalog."""
    folder = sample_path("branch").parent
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("kota_serang_*")))


def _messages(lang: str) -> list[str]:
    """The catalog's texts of several words in ``lang`` (msgstrs for id, msgids
    for en) that differ between the languages and are not in the sample's data."""
    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "kppi_core.po").open("rb") as f:
        catalog = read_po(f)
    texts = []
    for m in catalog:
        if not m.id:
            continue
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        msgstr = m.string if isinstance(m.string, str) else m.string[0]
        text = (msgid if lang == "en" else msgstr).strip()
        if msgid == msgstr or "{" in text or "%" in text or " " not in text:
            continue
        if msgstr in msgid or msgid in msgstr:
            continue  # a name both languages write ("DPRD Kabupaten/Kota")
        if text.casefold() not in _data().casefold():
            texts.append(text)
    return texts


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_cadre_report_speaks_one_language(name: str, lang: str, fmt: str) -> None:
    other = _messages("en" if lang == "id" else "id")
    done = _kppi(*COMMANDS[name], "--format", fmt, "--lang", lang)
    out = " ".join((done.stdout + done.stderr).split())
    leaked = [t for t in other if " ".join(t.split()) in out]
    assert not leaked


def test_the_other_check_can_fail() -> None:
    """The leak check finds an English label in a report read under --lang id."""
    english = _messages("en")
    assert "women cadres in the area" in english
    assert "kader perempuan di wilayah" in _messages("id")


def test_indonesian_outreach_reads_counts_dates_and_words() -> None:
    out = _kppi(*COMMANDS["outreach"], "--lang", "id").stdout
    for words in (
        "Penjangkauan kader: KPPI Kota Serang",
        "per tanggal                         1 November 2025",
        "persentase terjangkau               14 dari 18 (77,8%)",
        "2 dari 3 (66,7%)",
        "ketua",
        "Plt",
        "sekretaris",
        "Daftar penjangkauan: belum pernah mengikuti pelatihan, bukan pengurus (4)",
        "berjalan",
    ):
        assert words in out, words
    assert "7/9" not in out


def test_english_outreach_reads_counts_not_fractions() -> None:
    out = _kppi(*COMMANDS["outreach"], "--lang", "en").stdout
    assert "share reached                     14 of 18 (77.8%)" in out
    assert "on                                November 1, 2025" in out
    assert "7/9" not in out


def test_statuses_are_ids_for_scripts_and_words_for_readers() -> None:
    data = json.loads(_kppi(*COMMANDS["follow-ups"], "--format", "json", "--lang", "id").stdout)
    assert {row["status"] for row in data["tables"]["status"]} == {"done", "overdue", "open"}
    assert data["facts"]["follow_ups"] == "done 3, open 1, overdue 1"
    assert data["facts"]["share_of_trainings_co_organised"] == "1/2"
    assert data["facts"]["on"] == "2025-11-01"
    text = _kppi(*COMMANDS["follow-ups"], "--lang", "id").stdout
    assert "3 selesai, 1 berjalan, 1 lewat tenggat" in text
    assert "1 dari 2 (50,0%)" in text
    english = _kppi(*COMMANDS["follow-ups"], "--lang", "en").stdout
    assert "3 done, 1 open, 1 overdue" in english


def test_the_note_after_a_report_counts_in_the_language() -> None:
    en = _kppi(*COMMANDS["funnel"], "--lang", "en").stderr
    assert "kppi: note: 1 open ambiguity, 1 rejected record (see kppi registry build)" in en
    id_ = _kppi(*COMMANDS["funnel"], "--lang", "id").stderr
    assert "1 kemiripan yang belum diputuskan, 1 rekaman ditolak" in id_


def test_the_completion_rule_in_words() -> None:
    id_ = json.loads(_kppi(*COMMANDS["completion"], "--format", "json", "--lang", "id").stdout)
    assert id_["facts"]["rule"] == "semua 2 sesi"
    out = _kppi(*COMMANDS["completion"], "--lang", "id").stdout
    assert "Daftar hadir: day-1 (14 Juni 2025) (6)" in out


@pytest.mark.parametrize(
    ("args", "id_", "en"),
    [
        (("training", "report", "--sample", "--training", "nope"),
         "kppi: error: tidak ada pelatihan 'nope'; yang ada: ", "kppi: error: no training 'nope'"),
        (("funnel", "--sample", "--election", "X"),
         "kppi: error: tidak ada pencalonan untuk pemilu 'X'",
         "kppi: error: no candidacies for election 'X'"),
        (("outreach", "--sample", "--branch", "zz"),
         "kppi: error: tidak ada organisasi 'zz' dalam data",
         "kppi: error: no organisation 'zz' in the data"),
    ],
)  # fmt: skip
def test_what_cannot_be_reported_is_said_in_the_language(
    args: tuple[str, ...], id_: str, en: str
) -> None:
    for lang, said in (("id", id_), ("en", en)):
        done = subprocess.run(
            [sys.executable, "-m", "kppi_core", *args, "--lang", lang],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert done.returncode == 2
        assert said in done.stderr
