"""Validators shared by the model's classes. Each names the class and field.

Counts have plausible bounds, so that an identity number typed in the wrong
column (a 16-digit NIK, a phone number) is never taken for one:

- seats: 1 to :data:`MAX_SEATS`. The law gives a district 3 to 10 (DPR) or
  3 to 12 (DPRD) seats (UU 7/2017 arts. 187, 189, 192) and the DPR 580; the
  largest chamber anywhere has about 3,000 (China's NPC, 2,977), and a
  figure from IPU Parline counts a whole chamber.
- list positions: 1 to :data:`MAX_LIST_POSITION` (a list holds at most as
  many names as its district has seats).
- votes: 0 to :data:`MAX_VOTES` (Indonesia's electorate is about 205 million).
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from kppi_core.errors import InvalidRecord, Message
from kppi_core.i18n import N_
from kppi_core.model.dates import PartialDate
from kppi_core.privacy import LONG_WORD, redact

#: The most seats a district, or a whole chamber, can have.
MAX_SEATS = 5_000
#: The highest place on a candidate list.
MAX_LIST_POSITION = MAX_SEATS
#: The most votes one count can hold.
MAX_VOTES = 1_000_000_000


#: The words for the fields a reason may name (the key is the field's name).
FIELD_WORDS = {
    "name": N_("name"),
    "party": N_("party"),
    "district": N_("district"),
    "election": N_("election"),
    "region": N_("region"),
    "organisation": N_("organisation"),
    "organization": N_("organization"),
    "kta": N_("KTA number"),
    "title": N_("title"),
    "label": N_("label"),
    "family_name": N_("family name"),
    "given_name": N_("given name"),
}


def field_word(field: str) -> Message:
    """A field's name in words, as a message (the name itself when it has no words)."""
    word = FIELD_WORDS.get(field)
    return Message(word) if word is not None else Message.text(field)


def implausible(kind: str, field: str) -> Message:
    """The reason a ``field`` holding ``kind`` (a kind the redaction policy names) is refused."""
    return Message("holds {kind}: not a plausible {field}", kind=kind, field=field_word(field))


def not_whole(value: str, minimum: int, maximum: int) -> Message:
    """The reason a cell ``value`` (as shown) is refused as a count of ``minimum``..``maximum``."""
    return Message(
        "{value} is not a whole number from {minimum} to {maximum}",
        value=value,
        minimum=minimum,
        maximum=maximum,
    )


def _number(value: int) -> int | str:
    """A count for a message: itself, or the kind of number (an identity number typed
    in the wrong column is never shown)."""
    text = str(value)
    hidden = redact(text)
    return value if hidden == text else hidden


def fail(instance: object, field: str, reason: str | Message) -> InvalidRecord:
    """The error for a bad ``field`` of ``instance``."""
    return InvalidRecord(reason, what=type(instance).__name__, field=field)


# Six digits or more, perhaps with separators: what a NIK, a phone number or a date needs.
SUSPECT = re.compile(r"\d(?:[ ./\-]?\d){5,}")
_KINDS = re.compile(r"a [\d,]+-digit number|a phone number|a date|a [\d,]+-character text")


def personal_in(text: str) -> str | None:
    """What personal data (a NIK-like number, a phone number, a date) or oversized
    word ``text`` holds, as the redaction policy names it; None when it holds none.

    A name, a party or an id holding one is refused: it is a value typed in the
    wrong column, and reports would show it."""
    if SUSPECT.search(text) is None and (len(text) <= LONG_WORD or " " in text):
        return None
    found = _KINDS.search(redact(text))
    return found.group() if found else None


def nonblank(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse an empty or all-space string."""
    if not value.strip():
        raise fail(instance, attribute.name, Message("must not be blank"))


def name(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse a blank name, and one holding personal data (see :func:`personal_in`):
    names and parties are shown in reports, ids and codes may rightly hold dates
    and numbers."""
    nonblank(instance, attribute, value)
    kind = personal_in(value)
    if kind is not None:
        raise fail(instance, attribute.name, implausible(kind, attribute.name))


def non_negative(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Refuse a negative count."""
    if value is not None and value < 0:
        reason = Message("must not be negative, got {value}", value=str(_number(value)))
        raise fail(instance, attribute.name, reason)


def positive(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Refuse a count below 1."""
    if value is not None and value < 1:
        reason = Message("must be at least 1, got {value}", value=str(_number(value)))
        raise fail(instance, attribute.name, reason)


def code(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse a code that is not lowercase words joined by ``_``."""
    if not value or not all(part.isalnum() and part.islower() for part in value.split("_")):
        reason = Message("{value} is not a lowercase code like 'party_wing'", value=repr(value))
        raise fail(instance, attribute.name, reason)


def period(
    instance: object,
    start: PartialDate | None,
    end: PartialDate | None,
    end_field: str = "end_date",
) -> None:
    """Refuse an end date that is certainly before the start date."""
    if start is not None and end is not None and end < start:
        raise fail(instance, end_field, Message("is before the start date"))  # dates: personal


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable for a tuple field, but text and mappings, which are left
    as they are for the field's type check to refuse (typed loosely: mypy's attrs
    plugin cannot solve a generic converter)."""
    if isinstance(values, str | bytes | Mapping):
        return values  # type: ignore[return-value]
    return tuple(values)


# --- strict types -------------------------------------------------------------------

# (class, field) → (the types a value may have, their names, the item types of a tuple)
_Spec = tuple[tuple[type, ...], str, tuple[type, ...] | None]
_SPECS: dict[tuple[type, str], _Spec | None] = {}


def _spec_of(cls: type, name: str) -> _Spec | None:
    """What the annotation of ``cls.name`` allows, or None where it says nothing checkable."""
    module = sys.modules[cls.__module__]
    hint = typing.get_type_hints(cls, vars(module))[name]
    allowed: list[type] = []
    items: tuple[type, ...] | None = None
    for part in typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,):
        origin = typing.get_origin(part)
        if part is type(None):
            allowed.append(type(None))
        elif origin is tuple:
            allowed.append(tuple)
            args = typing.get_args(part)
            items = args[:1] if len(args) == 2 and args[1] is Ellipsis else None
        elif isinstance(part, type):
            allowed.append(part)
        else:
            return None  # Any, a TypeVar: nothing to check
    names = " or ".join("None" if t is type(None) else t.__name__ for t in allowed)
    return tuple(allowed), names, items


def _typed(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    key = (type(instance), attribute.name)
    try:
        spec = _SPECS[key]
    except KeyError:
        spec = _SPECS[key] = _spec_of(*key)
    if spec is None:
        return
    allowed, names, items = spec
    if not isinstance(value, allowed) or (type(value) is bool and bool not in allowed):
        got = type(value).__name__
        reason = Message("expected {expected}, got {got}", expected=names, got=got)
        raise fail(instance, attribute.name, reason)
    if items is not None and type(value) is tuple:
        for i, item in enumerate(value):
            if not isinstance(item, items):
                got = type(item).__name__
                reason = Message(
                    "expected {expected}, got {got}", expected=items[0].__name__, got=got
                )
                raise fail(instance, f"{attribute.name}[{i}]", reason)


def strict(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: each field also refuses a value that is not of its
    annotated type (a ``str`` where a ``Gender`` is due, ``True`` where an ``int`` is),
    before its own validator runs. The error names the class and the field."""
    out = []
    for field in fields:
        validator = (
            _typed if field.validator is None else attrs.validators.and_(_typed, field.validator)
        )
        out.append(field.evolve(validator=validator))
    return out


def count(minimum: int, maximum: int) -> Any:
    """A validator refusing a count outside ``minimum``..``maximum`` (None passes)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None and not minimum <= value <= maximum:
            reason = Message(
                "must be from {minimum} to {maximum}, got {value}",
                minimum=minimum,
                maximum=maximum,
                value=_number(value),
            )
            raise fail(instance, attribute.name, reason)

    return check
