"""Rejection reasons, errors and warnings in the chosen language (issue 13).

A reason or an error is a :class:`~kppi_core.errors.Message` (a msgid and its
fields): its English text stays ``Rejection.reason`` and ``str(error)``, for
scripts and the JSON contract; :func:`kppi_core.rejections.text_in` shows it in
another language from the msgid and the fields, which were redacted when the
message was made.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import types
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import bad_corpus
from kppi_core import hookimpl, reading
from kppi_core.errors import InvalidRecord, KppiError, Message, SourceError
from kppi_core.i18n import LOCALE_DIR, language
from kppi_core.privacy import KINDS, redact, shown_kinds
from kppi_core.rejections import Rejection, text_in

ID = language("id")
KPPI = [sys.executable, "-m", "kppi_core.cli"]
BAD = Path(__file__).parent / "data" / "bad"
# English words of the redaction policy's kinds, none of which may be left in Indonesian.
_KIND_WORDS = re.compile(r"digit number|phone number|\ba date\b|character text|more characters")


@cache
def _catalog() -> dict[str, str]:
    """The Indonesian catalog: msgid → msgstr (a plural entry by its singular)."""
    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "kppi_core.po").open("rb") as f:
        catalog = read_po(f)
    out = {}
    for m in catalog:
        if m.id:
            msgid = m.id if isinstance(m.id, str) else m.id[0]
            out[msgid] = m.string if isinstance(m.string, str) else m.string[0]
    return out


@cache
def _english_fragments() -> tuple[str, ...]:
    """The English between the fields of every msgid the catalog translates otherwise:
    pieces of two words or more that its Indonesian does not hold."""
    found = set()
    for msgid, msgstr in _catalog().items():
        for piece in re.split(r"\{[^}]*\}", msgid):
            piece = piece.strip(" ,;:()")
            if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2 and piece not in msgstr:
                found.add(piece)
    return tuple(sorted(found))


def _english_in(text: str) -> list[str]:
    """The catalog's English fragments in ``text``, outside quotes (a quote is the
    input's own words: an IPU file's 'Ranking as of …' header)."""
    text = re.sub(r"'[^'\n]*'", "''", text)
    return [p for p in _english_fragments() if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]


def _untranslated(message: Message) -> list[str]:
    """The parts of ``message`` that would be shown in English under ``--lang id``:
    text the library wrote as it is, and msgids the catalog lacks."""
    verbatim = message.kind == "text" and re.search(r"[A-Za-z]{3,}", message.msgid)
    missing = message.kind in ("gettext", "ngettext") and not _catalog().get(message.msgid)
    out = [message.msgid] if verbatim or missing else []
    for _, value in message.fields:
        if isinstance(value, Message):
            out += _untranslated(value)
    return out


def _corpus(tmp: Path) -> Iterator[tuple[str, Message, str, str]]:
    """Every reason and reading error the bad-input corpus gives: (file, message,
    English text, Indonesian text)."""
    files = [p for p, _ in bad_corpus.build(tmp, xlsx=_has_openpyxl())]
    for path in [*files, *sorted(BAD.iterdir())]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                for item in reading.read_records(path):
                    if isinstance(item, Rejection):
                        yield path.name, item.message, str(item), text_in(item, ID)
            except KppiError as exc:
                reason = exc.reason_message if isinstance(exc, SourceError) else exc.message
                yield path.name, reason, str(exc), text_in(exc, ID)


def _has_openpyxl() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Message, str, str]]:
    return list(_corpus(tmp_path_factory.mktemp("corpus")))


def test_every_reason_of_the_corpus_has_indonesian_words(
    corpus: list[tuple[str, Message, str, str]],
) -> None:
    assert len(corpus) > 300
    left = {(name, part) for name, message, _, _ in corpus for part in _untranslated(message)}
    assert not left, sorted(left)[:20]


def test_no_english_catalog_message_is_left_in_the_indonesian_reasons(
    corpus: list[tuple[str, Message, str, str]],
) -> None:
    assert "is not a whole number" in _english_fragments()  # the check can fail
    left = [(name, text, found) for name, _, _, text in corpus if (found := _english_in(text))]
    left += [(name, text, ["kind"]) for name, _, _, text in corpus if _KIND_WORDS.search(text)]
    assert not left, left[:10]


def test_no_planted_personal_data_in_either_language(
    corpus: list[tuple[str, Message, str, str]],
) -> None:
    leaked = [
        (name, found)
        for name, _, english, indonesian in corpus
        for found in (bad_corpus.leaks(english), bad_corpus.leaks(indonesian))
        if found
    ]
    assert not leaked


_PLANTED = st.sampled_from(bad_corpus.PLANTED)
_AROUND = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@given(before=_AROUND, planted=_PLANTED, after=_AROUND)
def test_a_field_holding_personal_data_is_hidden_in_both_languages(
    before: str, planted: str, after: str
) -> None:
    cell = f"{before} {planted} {after}"
    reason = Message("{value} is not a whole number from {minimum} to {maximum}",
                     value=repr(cell), minimum=1, maximum=5000)  # fmt: skip
    rejection = Rejection("a.csv", 3, "seats", reason)
    error = SourceError(Message("the header cannot be read: {why}", why=cell), path="a.csv")
    for text in (str(rejection), text_in(rejection, "id"), str(error), text_in(error, "id")):
        assert not bad_corpus.leaks(text), text


@pytest.mark.parametrize(
    "value",
    ["3201014509870003", "0813-9876-5432", "1987-09-05", "x" * 100, "kata " * 600],
    ids=["nik", "phone", "date", "long-word", "long-text"],
)
def test_every_kind_the_policy_names_has_indonesian_words(value: str) -> None:
    english = redact(f"found {value} here")
    assert any(k.split("{")[0].strip() in english or k[:4] in english for k in KINDS)
    shown = shown_kinds(english, ID.gettext, ID.number)
    assert not _KIND_WORDS.search(shown), shown
    assert shown != english


# --- worked regressions, both languages -----------------------------------------------


def _kppi(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("KPPI_LANG", None)
    return subprocess.run([*KPPI, *args], capture_output=True, text=True, env=env, check=False)


def test_check_shows_bad_integers_in_indonesian() -> None:
    run = _kppi("check", str(BAD / "bad_integers.csv"), "--lang", "id")
    assert run.returncode == 1
    assert "[seats]: 'tiga' bukan bilangan bulat dari 1 sampai 5.000" in run.stdout
    assert "[list_number]: '1a' bukan bilangan bulat dari 1 sampai 5.000" in run.stdout
    assert (
        "semua baris daftar terbaca: 1 baris daftar ini tidak dapat dibaca "
        "(baris 5): "
        "hasilnya belum dapat dipastikan"
    ) in run.stdout
    assert "kppi_core: hasil atas data yang tidak terbaca belum dapat ditentukan" in run.stdout
    assert not _english_in(run.stdout), _english_in(run.stdout)


def test_check_shows_bad_integers_in_english_as_before() -> None:
    run = _kppi("check", str(BAD / "bad_integers.csv"), "--lang", "en")
    assert "[seats]: 'tiga' is not a whole number from 1 to 5,000" in run.stdout
    assert (
        "every row of the list read: 1 row(s) of this list could not be read "
        "(line 5): "
        "the verdict cannot be certain"
    ) in run.stdout
    assert "bilangan bulat" not in run.stdout


def test_the_check_json_reason_is_in_the_chosen_language_and_nothing_else_changes() -> None:
    path = str(BAD / "bad_integers.csv")
    en = json.loads(_kppi("check", path, "--format", "json", "--lang", "en").stdout)
    id_ = json.loads(_kppi("check", path, "--format", "json", "--lang", "id").stdout)
    assert en["rejected"][0]["reason"] == "'tiga' is not a whole number from 1 to 5,000"
    assert id_["rejected"][0]["reason"] == "'tiga' bukan bilangan bulat dari 1 sampai 5.000"
    incomplete = [f for f in id_["findings"] if f["rule"] == "list-incomplete"]
    assert incomplete[0]["message"].startswith("1 baris daftar ini tidak dapat dibaca")

    def stable(doc: dict[str, object]) -> object:
        text = json.dumps(doc)
        for key in ("reason", "message", "note", "lang"):
            text = re.sub(rf'"{key}": "(?:[^"\\]|\\.)*"', f'"{key}": ""', text)
        return json.loads(text)

    assert stable(en) == stable(id_)


@pytest.mark.parametrize(
    ("name", "english", "indonesian"),
    [
        ("nul.csv", "contains a NUL byte", "memuat bita NUL"),
        ("ragged.csv", "fields, the header has", "kolom, sedangkan baris judul memuat"),
        ("unknown_sex.csv", "is not a sex code; accepted:", "bukan kode jenis kelamin"),
        ("conflicting_seats.csv", "seats at line", "kursi di baris"),
    ],
)
def test_reasons_users_meet_in_both_languages(name: str, english: str, indonesian: str) -> None:
    path = BAD / name
    if not path.exists():
        pytest.skip(f"no {name} in the corpus")
    en = _kppi("check", str(path), "--lang", "en")
    id_ = _kppi("check", str(path), "--lang", "id")
    assert english in en.stdout and indonesian not in en.stdout
    assert indonesian in id_.stdout and english not in id_.stdout


def test_an_error_line_is_in_the_chosen_language(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    run = _kppi("check", str(missing), "--lang", "id")
    assert run.returncode == 2
    assert run.stderr.strip() == f"kppi: error: {missing}: berkas tidak ditemukan"
    run = _kppi("check", str(BAD / "cp1252.csv"), "--lang", "id")
    assert "bita 0xe9 bukan utf-8 yang sah (coba --encoding cp1252)" in run.stderr
    run = _kppi("check", str(BAD / "cp1252.csv"), "--source", "nope", "--lang", "id")
    assert run.returncode == 2
    assert "kppi: error: tidak ada sumber 'nope'; yang dikenal: " in run.stderr
    run = _kppi("check", str(missing), "--lang", "en")
    assert run.stderr.strip() == f"kppi: error: {missing}: no such file"


# --- the structure -----------------------------------------------------------------------


def test_a_rejection_keeps_its_english_reason_and_its_message() -> None:
    message = Message("{value} is not a whole number", value="'x'")
    made = Rejection("a.csv", 2, "women", message)
    assert made == Rejection("a.csv", 2, "women", "'x' is not a whole number")
    assert made.reason == "'x' is not a whole number" and made.message == message
    assert attrs.evolve(made, source="b.csv").message == message
    assert pickle.loads(pickle.dumps(made)).message == message
    assert json.dumps(attrs.asdict(made))  # the reason is written as its text
    assert text_in(made, "id") == "a.csv:2 [women]: 'x' bukan bilangan bulat"
    assert made.reason_in(ID) == "'x' bukan bilangan bulat"


def test_a_plugins_own_reason_shows_as_it_is() -> None:
    made = Rejection("plugin", None, None, "the sheet has no such tab, Bu")
    assert text_in(made, "id") == "plugin: the sheet has no such tab, Bu"


def test_an_invalid_record_keeps_its_text_and_says_it_in_indonesian() -> None:
    exc = InvalidRecord(["a: x", Message("must not be blank")], what="Candidacy")
    assert str(exc) == "invalid Candidacy, 2 problems:\n  a: x\n  must not be blank"
    assert text_in(exc, "id") == "Candidacy tidak sah, 2 masalah:\n  a: x\n  tidak boleh kosong"
    one = InvalidRecord(Message("must not be blank"), what="Person", field="name")
    assert str(one) == "invalid Person: name: must not be blank"
    assert [(path, str(why)) for path, why in one.located()] == [("name", "must not be blank")]


def test_numbers_in_fields_follow_the_locale_and_identity_numbers_never_show() -> None:
    from kppi_core.model import Candidacy, Gender

    with pytest.raises(InvalidRecord) as caught:
        Candidacy("Ani", Gender.FEMALE, "A", "e", "d", 3201014509870003)
    assert "got a 16-digit number" in str(caught.value)
    assert "ternyata bilangan 16 digit" in text_in(caught.value, "id")
    assert "dari 1 sampai 5.000" in text_in(caught.value, "id")


_CLI_DAMAGES = ("extra_field", "nul", "stray_quote", "bad_byte", "c1_nik", "c2_date", "c4_float",
                "c5_phone", "c6_text3000", "header_open_quote", "cell200k" )  # fmt: skip


def test_check_over_damaged_files_speaks_indonesian_in_reasons_and_errors(tmp_path: Path) -> None:
    corpus = {p.stem.split("-", 1)[1]: p for p, _ in bad_corpus.build(tmp_path, xlsx=False)
              if p.name.startswith("candidates-")}  # fmt: skip
    names = [n for n in corpus if n in _CLI_DAMAGES or n.endswith("cell200k")]
    assert len(names) >= 8
    for name in names:
        run = _kppi("check", str(corpus[name]), "--format", "json", "--lang", "id")
        assert run.returncode in (1, 2), (name, run.stderr)
        reasons = [r["reason"] for r in json.loads(run.stdout)["rejected"]] if run.stdout else []
        said = [*reasons, run.stderr]
        left = [(name, text) for text in said if _english_in(text) or _KIND_WORDS.search(text)]
        assert not left, left
        assert not bad_corpus.leaks(run.stdout + run.stderr)


def test_a_plugin_left_out_is_said_in_the_chosen_language(
    kppi_register: Any,
) -> None:
    from click.testing import CliRunner

    from kppi_core.cli import main
    from kppi_core.lazy import LazyCommand
    from kppi_core.plugins import PluginStatus

    module = types.ModuleType("rusak")

    @hookimpl
    def kppi_register_commands(register: Any) -> None:
        register(LazyCommand("rusak", "no_such_module_kppi:command", "A broken command."))

    module.kppi_register_commands = kppi_register_commands  # type: ignore[attr-defined]
    info = kppi_register(module)
    assert info.status is PluginStatus.LOADED
    ran = CliRunner().invoke(main, ["rusak", "--lang", "id"], catch_exceptions=False)
    assert "kppi: warning: plugin 'rusak' (registered in code) tidak dimuat: " in ran.stderr
    assert "was left out" not in ran.stderr  # in English: tests/test_plugins_lazy.py
