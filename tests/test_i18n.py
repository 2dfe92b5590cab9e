"""Languages: the catalogs are complete and compiled, the language is chosen in
the documented order, numbers read per locale, and --help speaks one language."""

from __future__ import annotations

import datetime
import io
import os
import re
import string
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from kppi_core import glossary
from kppi_core.i18n import LANGUAGES, LOCALE_DIR, choose_language, language

PO = {lang: LOCALE_DIR / lang / "LC_MESSAGES" / "kppi_core.po" for lang in ("id", "en")}


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with PO[lang].open("rb") as f:
        return read_po(f, locale=lang)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_every_msgid_has_an_indonesian_translation_with_the_same_placeholders() -> None:
    catalog = _catalog("id")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
            continue
        allowed = set().union(*map(_fields, ids))
        for text in strings:
            if not _fields(text) <= allowed or (len(ids) == 1 and _fields(text) != allowed):
                problems.append(f"placeholders differ: {ids[0]!r} → {text!r}")
    problems += [f"{m.id!r}: {e}" for m, errors in catalog.check() for e in errors]
    assert not problems, "\n".join(problems)


def test_the_compiled_catalogs_are_those_of_the_po_files() -> None:
    for lang in PO:
        built = io.BytesIO()
        write_mo(built, _catalog(lang))
        mo = PO[lang].with_suffix(".mo").read_bytes()
        assert mo == built.getvalue(), f"{lang}: run `python tools/catalogs.py compile`"


def test_every_help_text_of_every_command_is_in_the_catalog() -> None:
    from kppi_core.cli import main

    ids = {m.id for m in _catalog("id") if m.id and not isinstance(m.id, tuple)}
    missing = []

    def walk(command: click.Command, ctx: click.Context) -> None:
        import inspect

        # (an epilog is built from catalog pieces: test_every_epilog_piece_is_in_the_catalog)
        texts = [command.help, command.short_help]
        texts += [getattr(p, "help", None) for p in command.get_params(ctx)]
        missing.extend(
            f"{ctx.command_path}: {t!r}" for t in texts if t and inspect.cleandoc(t) not in ids
        )
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, click.Context(sub, info_name=name, parent=ctx))

    walk(main, click.Context(main, info_name="kppi"))
    for name, (lazy, _) in main.lazy_commands.items():
        if lazy.help not in ids:
            missing.append(f"{name} (declared help): {lazy.help!r}")
    assert not missing, "\n".join(missing)


def test_every_epilog_piece_is_in_the_catalog() -> None:
    from kppi_core.cli._help import EPILOGS

    ids = {m.id for m in _catalog("id") if m.id and not isinstance(m.id, tuple)}
    pieces = {"Exit status:", "Example:"}
    for statuses, _, more in EPILOGS.values():
        pieces |= {*statuses, *more}
    assert sorted(pieces - ids) == []


def test_the_click_messages_in_the_catalog_are_clicks_own() -> None:
    """A click upgrade that rewords a message a user sees shows up here."""
    from kppi_core.cli._click_messages import MESSAGES

    ours = {m if isinstance(m, str) else m[0] for m in MESSAGES}
    clicks = set()
    for _, _, message, _, _ in extract_from_dir(Path(click.__file__).parent):
        clicks.add(message if isinstance(message, str) else message[0])
    assert ours <= clicks, sorted(ours - clicks)


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        (None, {}, ("en", "default", None)),
        (None, {"LANG": "id_ID.UTF-8"}, ("id", "LANG", None)),
        (None, {"LANG": "in_ID"}, ("id", "LANG", None)),
        (None, {"LANG": "fr_FR.UTF-8"}, ("en", "default", None)),
        (None, {"LANGUAGE": "fr:id", "LANG": "en_US"}, ("id", "LANGUAGE", None)),
        (None, {"LC_ALL": "C", "LANG": "id_ID"}, ("en", "LC_ALL", None)),
        (None, {"KPPI_LANG": "en", "LANG": "id_ID.UTF-8"}, ("en", "KPPI_LANG", None)),
        ("id", {"KPPI_LANG": "en"}, ("id", "--lang", None)),
        ("fr", {"KPPI_LANG": "id"}, ("en", "--lang", "fr")),
        (None, {"KPPI_LANG": "xx"}, ("en", "KPPI_LANG", "xx")),
    ],
)
def test_the_language_is_chosen_in_order(
    explicit: str | None, environ: dict[str, str], expected: tuple[str, str, str | None]
) -> None:
    assert tuple(choose_language(explicit, environ)) == expected


def test_numbers_dates_and_plurals_per_locale() -> None:
    id_, en = language("id"), language("en")
    assert id_.percent(Fraction(2, 7)) == "28,6%"
    assert en.percent(Fraction(2, 7)) == "28.6%"
    assert id_.percent(Fraction(1, 4)) == "25,0%"
    assert en.percent(Fraction(1, 2000)) == "0.1%"  # 0.05% rounds half up
    assert id_.nformat(*glossary.TERMS["candidates"], 1062) == "1.062 calon"
    assert en.nformat(*glossary.TERMS["candidates"], 1) == "1 candidate"
    assert en.nformat(*glossary.TERMS["seats-of"], 18, part=14) == "14 of 18 seats"
    assert id_.nformat(*glossary.TERMS["seats-of"], 18, part=14) == "14 dari 18 kursi"
    assert id_.date(datetime.date(2026, 12, 1)) == "1 Desember 2026"
    assert id_.gettext(glossary.VERDICTS["undetermined"]) == "belum dapat ditentukan"
    assert id_.format(glossary.REPAIRS["swap"], a=3, b=9) == "tukar nomor urut 3 dan 9"
    assert (
        id_.nformat(*glossary.REPAIRS["replace-men"], 1)
        == "ganti 1 calon laki-laki dengan calon perempuan"
    )


def _kppi(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "KPPI_LANG"}
    }
    return subprocess.run(
        [sys.executable, "-m", "kppi_core", *args],
        capture_output=True,
        text=True,
        env={**clean, "PYTHONIOENCODING": "utf-8", **env},
        check=False,
    )


def test_the_command_line_chooses_lang_then_kppi_lang_then_the_locale() -> None:
    assert "Penggunaan:" in _kppi("--help", LANG="id_ID.UTF-8").stdout
    assert "Usage:" in _kppi("--help", LANG="id_ID.UTF-8", KPPI_LANG="en").stdout
    assert "Penggunaan:" in _kppi("--help", KPPI_LANG="id", LANG="en_US.UTF-8").stdout
    assert "Usage:" in _kppi("--lang", "en", "--help", KPPI_LANG="id").stdout
    assert "Penggunaan:" in _kppi("check", "--lang", "id", "--help", KPPI_LANG="en").stdout
    error = _kppi("--lang", "id", "check", "--nope")
    assert error.returncode == 2
    assert "Galat: Tidak ada opsi '--nope'." in error.stderr


def test_an_unknown_language_speaks_english_with_one_warning() -> None:
    run = _kppi("--lang", "fr", "check", "--help")
    assert run.returncode == 0
    assert "Usage:" in run.stdout
    assert run.stderr.count("warning") == 1
    assert "'fr'" in run.stderr


def _commands() -> list[tuple[str, ...]]:
    from kppi_core.cli import main

    ctx = click.Context(main, info_name="kppi")
    found: list[tuple[str, ...]] = [()]
    for name in main.list_commands(ctx):
        found.append((name,))
        sub = main.get_command(ctx, name)
        if isinstance(sub, click.Group):
            found += [(name, s) for s in sub.list_commands(ctx)]
    return found


def _messages(lang: str) -> list[str]:
    """The catalog's texts in ``lang``: msgstrs for id, msgids for en (single words,
    which may be names such as DPR, and texts the same in both languages left out)."""
    catalog = _catalog("id")
    texts = []
    for m in catalog:
        if not m.id:
            continue
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        msgstr = m.string if isinstance(m.string, str) else m.string[0]
        text = msgid if lang == "en" else msgstr
        if msgid == msgstr or "{" in msgid or "%" in msgid or " " not in text.strip():
            continue
        texts.append(text)
    return texts


def _says(out: str, text: str) -> bool:
    """Whether ``out`` holds ``text`` as words ("a NIK" is not in "data NIK")."""
    words = re.escape(" ".join(text.split()))
    return re.search(rf"(?<!\w){words}(?!\w)", out) is not None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_help_of_every_command_speaks_one_language(lang: str) -> None:
    other = _messages("en" if lang == "id" else "id")
    for command in _commands():
        run = _kppi(*command, "--lang", lang, "--help")
        assert run.returncode == 0, (command, run.stderr)
        out = " ".join(run.stdout.split())
        leaked = [t for t in other if _says(out, t)]
        assert not leaked, (command, leaked)


@given(st.integers(-(10**12), 10**12) | st.integers(-(10**24), 10**24))
def test_whole_numbers_are_grouped_as_babel_groups_them(n: int) -> None:
    """The fast path of Language.number agrees with Babel, the plain path, per language
    (up to 10**24: past its decimal context's precision Babel raises)."""
    from babel.numbers import format_decimal

    from kppi_core.i18n import _grouped

    for code in LANGUAGES:
        assert _grouped(n, code) == format_decimal(n, locale=code)
        assert language(code).number(n) == format_decimal(n, locale=code)
