"""Writing to a console that cannot show every character.

A Windows console (cp1252, cp437) or a C locale cannot encode ``✗``, ``↔`` or
``→``; a report written there degrades instead of failing: the marks
become ASCII (``x``, ``<->``, ``->``), any other character the encoding lacks
becomes ``?``. JSON stays exact: such a character is written as its
``\\uXXXX`` escape, which every JSON reader decodes back.
"""

from __future__ import annotations

import codecs
from typing import TextIO

__all__ = ["FALLBACKS", "degrade", "for_console"]

#: ASCII for the marks reports use, where the console cannot show them.
FALLBACKS = {
    "✗": "x", "✓": "v", "↔": "<->", "→": "->", "←": "<-", "·": "-", "—": "-", "–": "-",
    "…": "...", "≥": ">=", "≤": "<=", "×": "x", "“": '"', "”": '"', "‘": "'", "’": "'",
    "\u00a0": " ", "\ufeff": "",
}  # fmt: skip
_DEGRADE = "kppi-degrade"
_JSON = "kppi-json-escape"


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(FALLBACKS.get(c, "?") for c in bad), exc.end


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    units = exc.object[exc.start : exc.end].encode("utf-16-be")
    return "".join(
        f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2)
    ), exc.end


codecs.register_error(_DEGRADE, _degrade)
codecs.register_error(_JSON, _json_escape)


def degrade(text: str, encoding: str) -> str:
    """``text`` with what ``encoding`` cannot encode replaced (see the module)."""
    return text.encode(encoding, _DEGRADE).decode(encoding)


class _Console:
    """A text stream that writes only what its encoding can show."""

    def __init__(self, out: TextIO, encoding: str, errors: str) -> None:
        self._out, self._encoding, self._errors = out, encoding, errors

    def write(self, text: str) -> int:
        return self._out.write(text.encode(self._encoding, self._errors).decode(self._encoding))

    def flush(self) -> None:
        self._out.flush()


def _is_unicode(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith(("utf-", "utf_"))
    except LookupError:
        return False


def for_console(out: TextIO, *, json: bool = False) -> TextIO:
    """``out``, or a stream over it that degrades (or, for ``json``, escapes)
    characters its encoding cannot encode."""
    encoding = getattr(out, "encoding", None)
    if not isinstance(encoding, str) or _is_unicode(encoding):
        return out
    return _Console(out, encoding, _JSON if json else _DEGRADE)  # type: ignore[return-value]
