"""The words the generic formats add to a report, in one place, in the document's language.

Report builders (:mod:`kppi_core.render.quota`, :mod:`kppi_core.render.seats`,
:mod:`kppi_core.render.registry`, the analyses) write their own sentences;
the formats add only these: a column's or a fact's label
(:data:`kppi_core.glossary.LABELS`), ``(none)``, yes/no and ``Note:``.
"""

from __future__ import annotations

import re

from kppi_core.errors import KppiError
from kppi_core.glossary import CHAMBERS, LABELS
from kppi_core.i18n import N_, Language, language
from kppi_core.model.elections import Chamber

__all__ = ["election", "label", "none", "note", "table_title", "yes_no"]

_NONE = N_("(none)")
_YES = N_("yes")
_NO = N_("no")
_NOTE = N_("Note: {text}")


def label(key: str, lang: str = "en", default: str | None = None) -> str:
    """A table column's or a fact's label: its glossary words in ``lang``, or
    ``default`` (the key itself when not given) when the glossary has none (a
    plugin's column, a column already in words)."""
    message = LABELS.get(key)
    if message is None:
        return key if default is None else default
    return language(lang).gettext(message)


def none(lang: str = "en") -> str:
    """What a table without rows shows."""
    return language(lang).gettext(_NONE)


def yes_no(value: bool, lang: str = "en") -> str:
    """A flag in words."""
    return language(lang).gettext(_YES if value else _NO)


def table_title(title: str, rows: int, lang: str = "en") -> str:
    """A table's title in a terminal, with its row count."""
    return f"{title} ({language(lang).number(rows)})"


def note(text: str, lang: str = "en") -> str:
    """A note in a terminal."""
    return language(lang).format(_NOTE, text=text)


_YEAR = re.compile(r"(?P<name>.+?)[ _-](?P<year>(19|20)\d\d)")


def election(election_id: str, lang: str | Language = "en") -> str:
    """An election id in words where it names a chamber (``DPRD_KABKO`` → DPRD
    Kabupaten/Kota, ``DPRD_KABKO_2029`` → … 2029); any other id as it is."""
    tr = language(lang) if isinstance(lang, str) else lang
    name, year = election_id, ""
    match = _YEAR.fullmatch(election_id)
    if match:
        name, year = match["name"], " " + match["year"]
    try:
        chamber = Chamber.parse(name)
    except KppiError:
        return election_id
    return tr.gettext(CHAMBERS[chamber.value]) + year
