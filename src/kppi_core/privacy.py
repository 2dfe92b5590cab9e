"""Keeping personal data out of human-facing text: the one redaction policy.

Every message that may echo input (a rejection's reason, an error, a warning,
a plugin's error) passes through :func:`redact` when it is made, so no reader
can forget it. The policy hides, and names the kind of value it hid:

- a run of 10 or more digits, in any writing ``Nik.parse`` accepts (spaces,
  dots or dashes between the digits): ``a 16-digit number``; one that looks
  like an Indonesian phone number (``08…``, ``+62 8…``, ``628…``, 10 to 13
  digits): ``a phone number``;
- a date (``1987-09-05``, ``1987-09``, ``05-09-1987``, ``05/09/87``,
  ``05.09.1987``): ``a date``;
- a quoted excerpt longer than :data:`EXCERPT` characters, or a word longer
  than :data:`LONG_WORD`: ``a 3,000-character text``.

Hex fingerprints, UUIDs (ids, not personal data) and, in messages, file paths
are left alone; a message longer than :data:`MESSAGE` characters is cut.

The kinds are named in English; :func:`shown_kinds` names them in another
language (the msgids are :data:`KINDS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "EXCERPT",
    "KINDS",
    "LONG_WORD",
    "MESSAGE",
    "describe",
    "hide_digits",
    "redact",
    "shown",
    "shown_kinds",
]


def N_(message: str) -> str:
    """The catalog's marker (as :func:`kppi_core.i18n.N_`), for this lowest layer."""
    return message


#: The kinds of value the policy names, as msgids (``{n}`` a count).
KINDS = (
    N_("a {n}-digit number"),
    N_("a phone number"),
    N_("a date"),
    N_("a {n}-character text"),
    N_("a NIK"),
    N_("… ({n} more characters)"),
)
_KIND_TEXT = re.compile(
    r"a (?P<digits>[\d,]+)-digit number|(?P<phone>a phone number)|(?P<date>a date)"
    r"|a (?P<chars>[\d,]+)-character text|(?P<nik>a NIK)|… \((?P<more>[\d,]+) more characters\)"
)

#: The longest quoted excerpt of input a message shows.
EXCERPT = 40
#: The longest word (no spaces) a message shows.
LONG_WORD = 64
#: The longest message shown; the rest is cut.
MESSAGE = 2000

_NUMBER = re.compile(r"\+?\d(?:[ .\-]?\d)*")
_DATE = re.compile(
    r"(?<!\d)(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?!\d)"
)
# Ids that are not personal data: hex fingerprints and UUIDs (with a letter in them).
_SAFE = re.compile(
    r"(?<![0-9A-Za-z])(?=[0-9a-f-]*[a-f])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
    r"[0-9a-f]{12}|[0-9a-f]{16,})(?![0-9A-Za-z])"
)
# A quoted excerpt: the quote opens after a space or bracket and closes before one.
_QUOTED = re.compile(
    rf"""(?:(?<=^)|(?<=[\s(\[{{:=,]))(?:'[^'\n]{{{EXCERPT + 1},}}?'|"[^"\n]{{{EXCERPT + 1},}}?")"""
    r"(?=$|[\s)\]}.,;:])"
)
_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_DIGIT_RUN = re.compile(r"\d{10}")
# Ten digits in any writing Nik.parse accepts (spaces, dots or dashes between them).
_WRITTEN_RUN = re.compile(r"\d(?:[ .\-]?\d){9}")
_PATH = re.compile(rf"(?<!\S)(?=\S*[/\\])(?=\S*[A-Za-z])\S{{2,{4 * LONG_WORD}}}(?!\S)")
_PLACEHOLDER = "\x00{}\x00"
_MIN_DIGITS = 10


def _number(match: re.Match[str]) -> str:
    text = match.group()
    digits = sum(c.isdigit() for c in text)
    if digits < _MIN_DIGITS:
        return text
    bare = re.sub(r"\D", "", text)
    if 10 <= digits <= 13 and (bare.startswith("08") or bare.startswith("628")):
        return "a phone number"
    return f"a {digits}-digit number"


def _long(match: re.Match[str]) -> str:
    return f"a {len(match.group()):,}-character text"


def describe(value: str) -> str | None:
    """What kind of personal or oversized value ``value`` is, or None when it may be shown."""
    text = value.strip()
    if len(text) > EXCERPT:
        return f"a {len(text):,}-character text"
    hidden = redact(text, paths=False)
    return hidden if hidden != text else None


def redact(text: str, *, paths: bool = True) -> str:
    """``text`` with every NIK-like number, phone number, date and long excerpt replaced by
    the kind of value it was (see the module's docstring).

    With ``paths`` (for messages), a file's path (a word with a ``/`` or ``\\`` and a
    letter, up to four times :data:`LONG_WORD`) is left as it is: it is the user's
    own, and needed to find the file. A cell's value is redacted without it."""
    if len(text) <= LONG_WORD and text.isascii() and text.isalpha():
        return text
    out = _redact(text, paths=paths, ids=True)
    if out is None:  # a kept id ran on into the digits beside it ("0.000000000b…"): hide it
        out = _redact(text, paths=paths, ids=False)
        assert out is not None
    if len(out) > MESSAGE:
        out = f"{out[:MESSAGE]}… ({len(out) - MESSAGE:,} more characters)"
    return out


def _redact(text: str, *, paths: bool, ids: bool) -> str | None:
    """:func:`redact`'s work; with ``ids``, hex ids are kept, and None is returned
    when keeping one leaves a run of ten digits (the id's digits and those beside it)."""
    kept: list[str] = []
    kept_ids = False

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return _PLACEHOLDER.format(len(kept) - 1)

    def keep_id(match: re.Match[str]) -> str:
        nonlocal kept_ids
        # An id with a run of ten digits in it may hide a NIK ("…0001b"): not kept.
        if _DIGIT_RUN.search(match.group()):
            return match.group()
        kept_ids = True
        return keep(match)

    out = _SAFE.sub(keep_id, text) if ids and any(c in text for c in "abcdef") else text
    if paths and ("/" in out or "\\" in out):
        out = _PATH.sub(keep, out)
    out = _QUOTED.sub(lambda m: f"a {len(m.group()) - 2:,}-character text", out)
    out = _WORD.sub(_long, out)
    out = _NUMBER.sub(_number, out)
    out = _DATE.sub("a date", out)
    for n, original in enumerate(kept):
        out = out.replace(_PLACEHOLDER.format(n), original, 1)
    if kept_ids and _WRITTEN_RUN.search(out):
        return None
    return out


_KIND_GROUPS = ("digits", "phone", "date", "chars", "nik", "more")  # as in KINDS


def shown_kinds(text: str, gettext: Callable[[str], str], number: Callable[[int], str]) -> str:
    """``text``, redacted, with the kinds of value it names (``a 16-digit number``) in
    the language of ``gettext`` (a catalog's) and ``number`` (its way to write a count)."""

    def kind(match: re.Match[str]) -> str:
        group = match.lastgroup
        msgid = KINDS[_KIND_GROUPS.index(group or "")]
        count = match.group(group) if group in ("digits", "chars", "more") else None
        n = number(int(count.replace(",", ""))) if count else ""
        return gettext(msgid).format(n=n)

    return _KIND_TEXT.sub(kind, text)


def hide_digits(text: str) -> str:
    """``text`` redacted (see :func:`redact`); the older name, kept for callers."""
    return redact(text)


def shown(cell: str) -> str:
    """A cell's value for a message: quoted when it may be shown, else the kind of value
    it is (``a 16-digit number``, ``a date``, ``a 3,000-character text``)."""
    kind = describe(cell)
    return kind if kind is not None else repr(cell.strip())
