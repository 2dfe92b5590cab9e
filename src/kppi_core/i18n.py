"""Languages: Indonesian and English catalogs, choosing one, and numbers per locale.

kppi_core writes its messages in English in the code (the gettext msgids) and
translates them through the catalogs in ``kppi_core/locale/<lang>/LC_MESSAGES/
kppi_core.po`` (compiled to ``.mo`` beside them). :func:`language` returns a
:class:`Language`: its catalog, and Babel's number and date formats for its
locale (``28,6%``, ``1.062``, ``1 Desember 2026`` in Indonesian), so words and
numbers come out of one object::

    lang = language("id")
    lang.nformat("{n} candidate", "{n} candidates", 1062)   # '1.062 calon'
    lang.percent(Fraction(2, 7))                            # '28,6%'

The library never installs a translation for the process: a function that
renders text takes a language; the ``kppi`` command chooses one
(:func:`choose_language`) and installs it for click's own messages.
Catalogs and Babel load on first use, so importing this module costs only
the standard library's :mod:`gettext`.
"""

from __future__ import annotations

import datetime
import functools
import gettext
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Choice",
    "Language",
    "choose_language",
    "language",
    "normalize_language",
]

#: The gettext domain: the catalogs' file name.
DOMAIN = "kppi_core"
#: The languages with a catalog.
LANGUAGES = ("en", "id")
#: The language when nothing chooses one.
DEFAULT_LANGUAGE = "en"
#: Where the catalogs are: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/kppi_core.mo``.
LOCALE_DIR = Path(__file__).with_name("locale")
#: The variable that chooses kppi's language over the locale.
ENV_VAR = "KPPI_LANG"
#: The variables gettext programs read, in order (the first one set counts).
GETTEXT_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# Other names people write for a language we have: "in" is Indonesian's
# withdrawn ISO 639 code (Java still writes in_ID), "ind"/"eng" ISO 639-2.
_ALIASES = {"in": "id", "ind": "id", "eng": "en", "c": "en", "posix": "en"}


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (translated where shown)."""
    return message


def normalize_language(tag: str) -> str | None:
    """The catalog language a tag names (``id_ID.UTF-8`` → ``"id"``), or None."""
    code = tag.strip().partition(".")[0].partition("@")[0].replace("-", "_").partition("_")[0]
    code = _ALIASES.get(code.casefold(), code.casefold())
    return code if code in LANGUAGES else None


class Choice(NamedTuple):
    """A chosen language, what chose it, and an unknown language asked for."""

    lang: str
    #: ``"--lang"``, ``"KPPI_LANG"``, a gettext variable's name, or ``"default"``.
    by: str
    #: The language asked for by --lang or KPPI_LANG when it has no catalog.
    unknown: str | None = None


def choose_language(
    explicit: str | None = None, environ: Mapping[str, str] | None = None
) -> Choice:
    """The language to speak: ``explicit`` (``--lang``), else ``KPPI_LANG``, else the
    locale as gettext reads it, else English.

    The locale is the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and
    ``LANG`` that is set (as :func:`gettext.find` reads it); in a colon list
    such as ``LANGUAGE=fr:id`` the first language with a catalog counts, and a
    locale we have no catalog for (``fr_FR``) quietly means English. A
    language asked for by name (``explicit`` or ``KPPI_LANG``) that has no
    catalog gives English too, with ``unknown`` set so the caller warns once.
    """
    if environ is None:
        import os

        environ = os.environ
    for by, asked in (("--lang", explicit), (ENV_VAR, environ.get(ENV_VAR))):
        if asked:
            lang = normalize_language(asked)
            return Choice(lang, by) if lang else Choice(DEFAULT_LANGUAGE, by, asked)
    for name in GETTEXT_VARS:
        value = environ.get(name)
        if value:
            for tag in value.split(":"):
                lang = normalize_language(tag)
                if lang:
                    return Choice(lang, name)
            break
    return Choice(DEFAULT_LANGUAGE, "default")


class Language:
    """One language: its catalog and its locale's formats for numbers and dates.

    Get one with :func:`language`. Babel is imported on the first number or
    date formatted.
    """

    __slots__ = ("_numbers", "code", "translations")

    def __init__(self, code: str, translations: gettext.NullTranslations) -> None:
        self.code = code
        self.translations = translations
        self._numbers: dict[int, str] = {}  # a report writes the same few counts again and again

    def __repr__(self) -> str:
        return f"<Language {self.code}>"

    def gettext(self, message: str) -> str:
        """``message`` in this language (itself when the catalog lacks it)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` of ``singular``/``plural`` (Indonesian has one form)."""
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in this language, where ``context`` tells two meanings apart."""
        return self.translations.pgettext(context, message)

    def format(self, message: str, /, **fields: object) -> str:
        """``message`` translated, then its ``{fields}`` filled, numbers per locale
        (ints with :meth:`number`, Fractions with :meth:`percent`, dates with :meth:`date`)."""
        return self.gettext(message).format(**self._fields(fields))

    def nformat(self, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """The plural form for ``n`` translated and filled as :meth:`format`;
        ``{n}`` is ``n`` itself."""
        return self.ngettext(singular, plural, n).format(**self._fields({"n": n, **fields}))

    def _fields(self, fields: Mapping[str, object]) -> dict[str, object]:
        shown: dict[str, object] = {}
        for key, value in fields.items():
            if isinstance(value, bool):
                shown[key] = value
            elif isinstance(value, int):
                shown[key] = self.number(value)
            elif isinstance(value, Fraction):
                shown[key] = self.percent(value)
            elif isinstance(value, datetime.date):
                shown[key] = self.date(value)
            else:
                shown[key] = value
        return shown

    def number(self, n: int) -> str:
        """A count with this locale's grouping: ``1.062`` (id), ``1,062`` (en)."""
        shown = self._numbers.get(n)
        if shown is None:
            if len(self._numbers) > 10_000:
                self._numbers.clear()
            shown = self._numbers[n] = _grouped(n, self.code)
        return shown

    def percent(self, share: Fraction, digits: int = 1) -> str:
        """``share`` as a percentage label: ``28,6%`` (id), ``28.6%`` (en).

        Rounded half up at ``digits`` decimals, exactly, from the Fraction: a
        label only — a verdict is decided on the exact share, never on this.
        """
        from decimal import Decimal

        from babel.numbers import format_percent

        scale = 10**digits * 100
        scaled = share * scale
        rounded = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(Decimal(rounded) / scale, pattern, locale=self.code)

    def date(self, day: datetime.date) -> str:
        """A day written out: ``1 Desember 2026`` (id), ``December 1, 2026`` (en)."""
        from babel.dates import format_date

        return format_date(day, "long", locale=self.code)


#: Each catalog language's group separator for whole numbers, as Babel's locale data
#: (CLDR) has it, with pattern ``#,##0.###`` and ``-`` for minus in both (a test
#: holds :func:`_grouped` to Babel's ``format_decimal``).
_GROUP = {"en": ",", "id": "."}


def _grouped(n: int, code: str) -> str:
    """Babel's ``format_decimal(n, locale=code)`` for a whole number, without Babel
    for the languages of :data:`_GROUP`: loading Babel and its locale data costs
    a report of a few thousand lines more than formatting all its numbers."""
    group = _GROUP.get(code)
    if group is None:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=code)
    text = f"{n:,}"
    return text if group == "," else text.replace(",", group)


@functools.cache
def language(code: str = DEFAULT_LANGUAGE) -> Language:
    """The :class:`Language` for ``code`` (``"id"``, ``"en"``, or a tag such as
    ``id_ID.UTF-8``); its catalog is read once.

    :raises kppi_core.errors.NotFound: no catalog for ``code``.
    """
    lang = normalize_language(code)
    if lang is None:
        from kppi_core.errors import NotFound

        raise NotFound(f"language {code!r}: no catalog; known: {', '.join(LANGUAGES)}")
    translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    return Language(lang, translations)
