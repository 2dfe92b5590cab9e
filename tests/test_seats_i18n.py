"""``kppi seats`` and ``kppi representation`` in the reader's language: Indonesian in
the law's and KPU's words, counts read as counts, one language per run, and the
same JSON contract in both languages."""

from __future__ import annotations

import json
import string
import subprocess
import sys
from fractions import Fraction
from typing import Any

import pytest

from kppi_core import Candidacy, District, Gender
from kppi_core.render import render
from kppi_core.render.seats import progress_label, representation_document, seats_document
from kppi_core.seats import DPR_RULES, run_election
from kppi_core.seats.representation import from_election
from kppi_run import kppi_stdout
from test_i18n import _catalog

#: JSON keys whose values are texts in the document's language, not ids or numbers.
TEXTS = {"legal_sources", "notes", "reason"}


def _texts(lang: str) -> list[str]:
    """The catalog's messages in ``lang`` (msgids for en, msgstrs for id) that belong
    to that language alone: the words between their fields (several, not a name
    both languages write, such as "DPRD Kabupaten/Kota" inside its English msgid)."""
    found = []
    for m in _catalog("id"):
        if not m.id:
            continue
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        msgstr = m.string if isinstance(m.string, str) else m.string[0]
        if msgid == msgstr or "%(" in msgid or msgstr.casefold() in msgid.casefold():
            continue
        text, mine = (msgid, msgstr) if lang == "en" else (msgstr, msgid)
        # a message with fields: its words between the fields
        for piece, *_ in string.Formatter().parse(text):
            words = " ".join(piece.split())
            if words.count(" ") >= 1 and len(words) > 8 and words not in mine:
                found.append(words)
    return found


RUNS = [
    ("seats", "--sample"),
    ("seats", "--sample", "--format", "markdown"),
    ("representation", "--sample"),
    ("representation", "--sample", "--format", "markdown"),
    ("seats", "--sample", "--list", "closed", "--no-woman-priority", "--method", "dhondt",
     "--chamber", "dpr", "--threshold", "4%"),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_a_run_speaks_one_language(args: tuple[str, ...], lang: str) -> None:
    other = _texts("en" if lang == "id" else "id")
    out = " ".join(kppi_stdout(*args, "--lang", lang).split())
    leaked = [t for t in other if t in out]
    assert not leaked


def test_the_indonesian_seats_report_reads_in_the_laws_words() -> None:
    out = kppi_stdout("seats", "--sample", "--lang", "id")
    for words in (
        "Perolehan kursi: contoh: Kota Serang 2024 (sintetis) — 602 rekaman dibaca",
        "DPRD Kabupaten/Kota; metode Sainte Lague murni (bilangan pembagi 1, 3, 5, 7, dan "
        "seterusnya); tanpa ambang batas parlemen",
        "proporsional terbuka: calon dengan suara terbanyak mengisi kursi partai",
        "calon perempuan ditetapkan sebagai calon terpilih",
        "DPRD Kabupaten/Kota · KOTA SERANG 1: 8 kursi",
        "Partai Amanat Nasional: 1 kursi — IRFAN HERMAWAN, S.E. (L, 1.653 suara)",
        "6 dapil: perempuan memperoleh 9 dari 45 kursi (20,0%)",
    ):
        assert words in out
    assert "DPRD_KABKO" not in out and "sainte-lague" not in out


def test_the_indonesian_representation_report_says_kppis_targets() -> None:
    out = kppi_stdout("representation", "--sample", "--lang", "id")
    for words in (
        "Keterwakilan perempuan: contoh: Kota Serang 2024 (sintetis)",
        "DPRD Kabupaten/Kota (2024): perempuan memperoleh 9 dari 45 kursi (20,0%)",
        "target keterwakilan perempuan 30%: 14 perempuan — kurang 5 perempuan",
        "minimal 15%: 7 perempuan — tercapai",
        "DPRD Kabupaten/Kota · PARTAI PERINDO (2024): perempuan memperoleh 0 dari 1 kursi",
    ):
        assert words in out


def test_a_share_of_seats_is_a_count_never_a_reduced_fraction() -> None:
    out = kppi_stdout("representation", "--sample", "--lang", "en")
    # 14 women in 18 seats is 7/9 reduced: the report says the counts.
    assert "regency/city council (DPRD Kabupaten/Kota) · KOTA SERANG 4 (2024): " in out
    assert "women have 2 of 10 seats (20.0%)" in out
    assert "1/5" not in out and "2/10" not in out


def _strip(value: Any) -> Any:
    """``value`` without its texts in a language: the contract both languages share."""
    if isinstance(value, dict):
        return {k: ("<text>" if k in TEXTS else _strip(v)) for k, v in value.items() if k != "lang"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.mark.parametrize("command", ["seats", "representation"])
def test_the_json_is_the_same_in_both_languages_but_lang_and_texts(command: str) -> None:
    en = json.loads(kppi_stdout(command, "--sample", "--format", "json", "--lang", "en"))
    id_ = json.loads(kppi_stdout(command, "--sample", "--format", "json", "--lang", "id"))
    assert (en["lang"], id_["lang"]) == ("en", "id")
    assert _strip(en) == _strip(id_)
    if command == "seats":
        assert en["legal_sources"] != id_["legal_sources"]
        assert all(s.startswith("UU 7/2017 Pasal 41") for s in id_["legal_sources"][:2])


def _election(seats: int = 13) -> Any:
    """One DPR district of ``seats`` (outside 3–10: a note), two short lists (seats
    unfilled), and a tie between a woman and a man."""
    cands = [
        Candidacy("Ani", Gender.FEMALE, "A", "DPR", "D1", 1, votes=1_500),
        Candidacy("Budi", Gender.MALE, "A", "DPR", "D1", 2, votes=1_500),
        Candidacy("Citra", Gender.FEMALE, "A", "DPR", "D1", 3, votes=100),
        Candidacy("Dedi", Gender.MALE, "B", "DPR", "D1", 1, votes=900),
    ]
    return run_election([District("D1", "DPR", seats)], cands, DPR_RULES,
                        national_votes={"A": 3_100, "B": 900})  # fmt: skip


def test_notes_ties_and_unfilled_seats_in_both_languages() -> None:
    result = _election()
    en = render(seats_document(result, source="r.csv", records=4), "text")
    id_ = render(seats_document(result, source="r.csv", records=4, lang="id"), "text")
    assert "note: 13 seats: outside the 3–10 a DPR (national parliament) district has" in en
    assert "catatan: 13 kursi: di luar 3–10 kursi yang dimiliki dapil DPR" in id_
    assert "parliamentary threshold 4.0% of national valid votes" in en
    assert "ambang batas parlemen 4,0% dari suara sah secara nasional" in id_
    data = json.loads(render(seats_document(result, source="r.csv", lang="id"), "json"))
    district = data["districts"][0]
    assert district["unfilled"][0]["reason"].startswith("calon partai habis: ")
    assert district["notes"] == ["13 kursi: di luar 3–10 kursi yang dimiliki dapil DPR"]
    english = json.loads(render(seats_document(result, source="r.csv"), "json"))
    assert english["districts"][0]["unfilled"] == [
        {"seats": 9, "reason": "party lists ran out: every competing party has as many seats "
         "as candidates (A, B)"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("n", "en", "id_"),
    [
        (1, "1 seat left open by an undecided tie", "1 kursi belum terisi"),
        (2, "2 seats left open by undecided ties", "2 kursi belum terisi"),
    ],
)
def test_plurals_follow_the_count(n: int, en: str, id_: str) -> None:
    # n men tied on the last n seats of a party with n+1 candidates: n seats open.
    cands = [Candidacy(f"L{i}", Gender.MALE, "A", "E", "D", i, votes=5) for i in range(1, n + 2)]
    result = run_election([District("D", "E", n)], cands, None)
    assert result.unresolved == n
    assert en in render(seats_document(result), "text")
    assert id_ in render(seats_document(result, lang="id"), "text")


def test_the_representation_of_a_council_with_open_seats() -> None:
    cands = [Candidacy(f"L{i}", Gender.MALE, "A", "DPRD_KABKO", "D", i, votes=5) for i in (1, 2)]
    cands.append(Candidacy("Siti", Gender.FEMALE, "A", "DPRD_KABKO", "D", 3, votes=9))
    result = run_election([District("D", "DPRD_KABKO", 2)], cands)
    rows = from_election(result, source="x.csv")
    en = render(representation_document(rows, source="x.csv"), "text")
    id_ = render(representation_document(rows, source="x.csv", lang="id"), "text")
    assert "women have 1 of 2 seats (50.0%); 1 seat whose holder's sex is not known" in en
    assert "perempuan memperoleh 1 dari 2 kursi (50,0%); 1 kursi yang jenis kelamin" in id_


def test_a_partial_count_is_said_in_both_languages() -> None:
    from kppi_core.counts import CountProgress

    progress = CountProgress("E", "D", 431, 634, "2024-02-19 19:00:00")
    assert progress_label(progress) == (
        "PARTIAL count, not a result: 431 of 634 polling stations (68.0%), "
        "as of 2024-02-19 19:00:00"
    )
    assert progress_label(progress, "id") == (
        "hitungan SEMENTARA, bukan hasil: 431 dari 634 TPS (68,0%), per 2024-02-19 19:00:00"
    )
    assert Fraction(431, 634) == progress.share


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--sample", "--threshold", "lots"), "'lots' bukan bagian (tulis 4%, 0.04 atau 1/25)"),
        (("--sample", "--threshold", "120%"), "'120%' tidak di antara 0 dan 1"),
        (("--sample", "--method", "nope"), "'nope'; yang dikenal: dhondt, hare"),
        (("--sample", "--chamber", "dpd"), "lembaga 'dpd' tidak dipilih melalui daftar calon"),
        (("--sample", "--chamber", "senat"), "'senat' bukan lembaga yang dikenal"),
        ((), "berikan PATH atau --sample"),
    ],
)
def test_a_usage_error_in_indonesian(args: tuple[str, ...], says: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", "seats", *args, "--lang", "id"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert says in " ".join(done.stderr.split())
