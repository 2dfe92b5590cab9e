"""Person names as keys for matching: case, spacing, punctuation and titles set aside.

Indonesian names carry honorifics before them (``H.``, ``Hj.``, ``Dr.``,
``Dra.``, ``Drs.``, ``Ir.``, ``Prof.``, ``KH``) and academic degrees after them
(``S.H.``, ``S.Sos.``, ``S.Pd.``, ``M.Si.``, ``M.M.``, ``S.E.``, ``S.Ag.`` …),
usually after a comma. KPU's lists print them; membership exports often do
not. :func:`name_key` drops them *for matching only*: the printed name is
always kept as it was written.

>>> name_key("Hj. RINI  Mulyati, S.Pd., M.Si.")
'rini mulyati'
>>> name_key("DEDI SYAHRONI, S.Sos.")
'dedi syahroni'
>>> name_key("Dra. Siti Ma'rifah")
'siti marifah'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["DEGREES", "HONORIFICS", "name_key"]

#: Titles written before a name, letters only (``Hj.`` → ``hj``).
HONORIFICS = frozenset(
    {"h", "hj", "hjh", "dr", "dra", "drs", "drg", "ir", "prof", "kh", "ny", "tgk", "tuan"}
)
#: Academic degrees written after a name, letters only (``S.Sos.`` → ``ssos``).
DEGREES = frozenset(
    {
        "sh", "shi", "ssos", "spd", "spdi", "msi", "mm", "se", "sag", "mpd", "st", "skom",
        "sip", "sikom", "mh", "mag", "amd", "map", "ma", "mba", "phd", "lc", "skep", "sked",
        "spsi", "mkes", "sfarm", "shum", "sak", "makt", "mak", "sth", "ssi", "mt", "str",
        "skm", "sp", "ssn", "sthi", "mhum", "ssy", "sei", "mesy", "mikom", "mkn", "sgz",
        "dr", "drs", "dra", "ir", "prof",
    }
)  # fmt: skip

_GLUED = re.compile(r"\b(" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.(?=\w)")
_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_PLAIN = re.compile(r"[A-Za-z ]+")


def _letters(token: str) -> str:
    return _NOT_ALNUM.sub("", token)


def name_key(name: str) -> str:
    """The key two spellings of one name share: folded case and accents, single
    spaces, no punctuation, honorifics and degrees set aside.

    Titles are dropped only at the ends of the name (honorifics before it,
    degrees after it or after its first comma), and never the last word left.
    """
    if _PLAIN.fullmatch(name):  # the common case: letters and spaces only
        tokens = name.casefold().split()
        if tokens and tokens[0] not in HONORIFICS and tokens[-1] not in DEGREES:
            return " ".join(tokens)
        return _trimmed(tokens)
    return _written_key(name)


@lru_cache(maxsize=1 << 14)
def _written_key(name: str) -> str:
    """:func:`name_key` of a name with punctuation, accents or digits (memoised:
    the same name read again is not worked out again)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.split(",", 1)[0] if "," in text else text
    text = _GLUED.sub(r"\1. ", _APOSTROPHES.sub("", text))
    tokens = []
    for raw in text.split():
        # A dotted degree (s.pd, m.si.) is one token; other punctuation splits words.
        if "." in raw.strip(".") and _letters(raw) in DEGREES:
            tokens.append(_letters(raw))
        else:
            tokens.extend(_NOT_ALNUM.sub(" ", raw).split())
    return _trimmed(tokens)


def _trimmed(tokens: list[str]) -> str:
    """The tokens without honorifics before them and degrees after them."""
    start, end = 0, len(tokens)
    while end - start > 1 and tokens[start] in HONORIFICS:
        start += 1
    while end - start > 1 and tokens[end - 1] in DEGREES:
        end -= 1
    return " ".join(tokens[start:end])
