"""Bounds on input: how much any one file, line, cell or number may cost to read.

Each limit is far above what a real export holds and far below what would let
a damaged or hostile file run for minutes, fill memory or pass an identity
number off as a count:

- :data:`MAX_CELL` characters in a CSV cell (the csv module's own default); a
  longer cell makes its row one rejection.
- :data:`MAX_LINE` bytes in a line of a text file (CSV or JSON Lines); a file
  with a longer line (``/dev/zero``, a file without line breaks) is refused
  with a :class:`~kppi_core.errors.SourceError` naming the line.
- :data:`MAX_JSON_BYTES` bytes in a JSON document read whole (a data set, a
  Popolo file); :data:`MAX_JSON_DEPTH` levels of nesting and :data:`MAX_NUMBER_CHARS`
  characters in a JSON number; ``NaN`` and ``Infinity`` are refused.
- :data:`MAX_XLSX_BYTES` of XML unpacked from a workbook, and no part packed
  more than 200 to 1 (a decompression bomb is refused before it is read).

The bounds on counts (seats, list positions, votes) are in the model
(:mod:`kppi_core.model._checks`), next to the validators that apply them.
"""

from __future__ import annotations

import json
from typing import Any

from kppi_core.errors import Message, SourceError
from kppi_core.i18n import N_

__all__ = [
    "MAX_CELL",
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_LINE",
    "MAX_NUMBER_CHARS",
    "MAX_XLSX_BYTES",
    "loads_json",
]

#: Characters in one CSV cell.
MAX_CELL = 131_072
#: Bytes in one line of a text file.
MAX_LINE = 8 << 20
#: Bytes of a JSON document read whole.
MAX_JSON_BYTES = 1 << 30
#: The most a pipe, device or stream is copied before it is read (1 GiB).
MAX_SPOOL_BYTES = 1 << 30
#: Levels of arrays and objects in a JSON document: about as deep as the parser's
#: stack goes (the interpreter's recursion limit), far deeper than any real file.
MAX_JSON_DEPTH = 1000
#: Characters in one JSON number (``-12.5e3`` is 7).
MAX_NUMBER_CHARS = 40
#: Bytes of XML an XLSX workbook may unpack to.
MAX_XLSX_BYTES = 512 << 20


class _Refused(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(
            Message(
                "a number of {n} digits; at most {limit} are read",
                n=len(text),
                limit=str(MAX_NUMBER_CHARS),
            )
        )
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(
            Message(
                "a number of {n} characters; at most {limit} are read",
                n=len(text),
                limit=str(MAX_NUMBER_CHARS),
            )
        )
    return float(text)


def _constant(text: str) -> Any:
    raise _Refused(Message("{text} is not a number JSON allows", text=text))


# The json module's complaints, each as a msgid (it writes them in English).
_JSON_ERRORS = frozenset(
    {
        N_("Expecting value"),
        N_("Expecting property name enclosed in double quotes"),
        N_("Expecting ',' delimiter"),
        N_("Expecting ':' delimiter"),
        N_("Unterminated string starting at"),
        N_("Invalid control character at"),
        N_("Invalid \\escape"),
        N_("Extra data"),
        N_("Illegal trailing comma before end of object"),
        N_("Illegal trailing comma before end of array"),
    }
)


def _json_error(msg: str) -> Message:
    return Message(msg) if msg in _JSON_ERRORS else Message.text(msg)


def loads_json(text: str, *, path: str | None = None, line: int | None = None) -> Any:
    """The JSON document ``text``, within the limits above.

    Anything that is not JSON, or is JSON beyond the limits, raises
    :class:`~kppi_core.errors.SourceError` naming ``path`` and the line.
    """
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        at = exc.lineno if line is None else line
        why = _json_error(exc.msg)
        if path is None:  # a line of JSON Lines
            reason = Message("not JSON: {why} at column {column}", why=why, column=str(exc.colno))
        else:
            reason = Message("not JSON: {why}", why=why)
        raise SourceError(reason, path=path, line=at) from None
    except _Refused as exc:
        reason = Message("not JSON this reader takes: {why}", why=exc.message)
        raise SourceError(reason, path=path, line=line) from None
    except RecursionError:
        deep = Message("nested deeper than about {n} levels", n=MAX_JSON_DEPTH)
        reason = Message("not JSON this reader takes: {why}", why=deep)
        raise SourceError(reason, path=path, line=line) from None
