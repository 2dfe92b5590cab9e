"""The configured cattrs converter: the one gateway between objects and plain data.

``converter.unstructure(obj)`` gives JSON-ready data (Popolo's field names,
partial dates as their strings, enums as lowercase codes, fractions as
``"n/d"``, unknown values left out); ``converter.structure(data, Type)`` gives
back an equal object, or raises :class:`~kppi_core.errors.InvalidRecord`
listing each problem with its path (``$.candidacies[3].gender: …``).

Types are strict: text is due where the model says ``str`` (a whole number is
taken as its digits, but a list, an object, a float or a boolean is refused),
a whole number where it says ``int`` (``1.9`` and ``true`` are refused), and a
boolean where it says ``bool``; structured data is never turned into its
``str()``.

Stored data keeps a NIK's real digits: that is what storage is for. Every
human-facing text masks them.
"""

from __future__ import annotations

import datetime
import enum
from fractions import Fraction
from typing import Any, TypeVar

import cattrs
from cattrs.errors import BaseValidationError
from cattrs.v import format_exception as _cattrs_format_exception
from cattrs.v import transform_error

from kppi_core.errors import InvalidNik, InvalidRecord, Message
from kppi_core.i18n import N_
from kppi_core.limits import MAX_NUMBER_CHARS
from kppi_core.model import Gender, Nik, PartialDate

__all__ = ["KppiConverter", "converter", "make_converter"]

T = TypeVar("T")


#: JSON's kinds of value as Python names them, in words.
_TYPE_WORDS = {
    "int": N_("int"),
    "str": N_("str"),
    "bool": N_("bool"),
    "dict": N_("dict"),
    "list": N_("list"),
    "float": N_("float"),
    "NoneType": N_("NoneType"),
}


def _type_word(name: str) -> Message | str:
    """A type's name as a message (``int`` is a whole number in Indonesian)."""
    word = _TYPE_WORDS.get(name)
    return name if word is None else Message(word)


def _problem(exc: BaseException, type_: Any) -> Message:
    """One problem cattrs found, as a message (``.field: why`` when relative to its path)."""
    if isinstance(exc, InvalidRecord):
        if exc.field is not None and len(exc.messages) == 1:
            # relative to the path cattrs reports
            return Message.compose(".{problem}", problem=exc.messages[0])
        return Message.join("; ", exc.messages)
    if isinstance(exc, ValueError) and str(exc):
        return Message("invalid value: {why}", why=str(exc))
    text = _cattrs_format_exception(exc, type_)
    if isinstance(exc, KeyError):
        return Message("required field missing")
    expected = text.removeprefix("invalid value for type, expected ")
    if expected != text and " " not in expected:
        return Message("invalid value for type, expected {type}", type=_type_word(expected))
    return Message.text(text)


class _Problems:
    """cattrs' ``format_exception``, keeping each problem as a message: cattrs gets a
    token (``\x00n\x00``) in its place, turned back into the message after."""

    def __init__(self) -> None:
        self.found: list[Message] = []

    def __call__(self, exc: BaseException, type_: Any) -> str:
        message = _problem(exc, type_)
        self.found.append(message)
        relative = message.kind == "compose" and message.msgid == ".{problem}"
        return f"{'.' if relative else ''}\x00{len(self.found) - 1}\x00"

    def line(self, line: str) -> Message:
        """A line of ``transform_error`` as ``path: why`` (``path.field: why``)."""
        token, sep, path = line.rpartition(" @ ")
        message = self.found[int(token.strip(".\x00"))]
        if not sep:
            return message
        if token.startswith("."):
            return Message.compose("{path}{problem}", path=path, problem=message)
        return Message.compose("{path}: {problem}", path=path, problem=message)


def _format_exception(exc: BaseException, type_: Any) -> str:
    return str(_problem(exc, type_))


class KppiConverter(cattrs.Converter):
    """A cattrs converter whose ``structure`` raises :class:`InvalidRecord`."""

    def structure(self, obj: Any, cl: Any) -> Any:
        """Turn plain data into an instance of ``cl``; bad data raises ``InvalidRecord``."""
        what = getattr(cl, "__name__", str(cl))
        try:
            return super().structure(obj, cl)
        except BaseValidationError as exc:
            problems = _Problems()
            lines = transform_error(exc, format_exception=problems)
            raise InvalidRecord([problems.line(line) for line in lines], what=what) from exc
        except InvalidRecord as exc:
            problems = _Problems()
            raise InvalidRecord([problems.line(f"{problems(exc, cl)} @ $")], what=what) from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            problem = Message.compose("$: {problem}", problem=_problem(exc, cl))
            raise InvalidRecord(problem, what=what) from exc


def _partial_date(value: Any, _: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value)
    if not isinstance(value, str):
        raise InvalidRecord(Message("expected a date string, got {got}", got=type(value).__name__))
    return PartialDate.parse(value)


def _nik(value: Any, _: Any) -> Nik:
    if isinstance(value, Nik):
        return value
    if not isinstance(value, str):
        reason = Message("expected a string of 16 digits, got {got}", got=type(value).__name__)
        raise InvalidNik(reason, what="NIK")
    return Nik(value)


def _date(value: Any, _: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        reason = Message("expected a YYYY-MM-DD string, got {got}", got=type(value).__name__)
        raise InvalidRecord(reason)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidRecord(Message("not a date written YYYY-MM-DD")) from None  # may be personal


def _fraction(value: Any, _: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        reason = Message("expected a fraction 'n/d', got {got}", got=type(value).__name__)
        raise InvalidRecord(reason)
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        reason = Message("{value} is not a fraction written 'n/d'", value=repr(value))
        raise InvalidRecord(reason) from None


def _enum(value: Any, cl: type[enum.Enum]) -> enum.Enum:
    try:
        return cl(value)
    except ValueError:
        accepted = ", ".join(str(m.value) for m in cl)
        reason = Message("{value} is not one of: {accepted}", value=repr(value), accepted=accepted)
        raise InvalidRecord(reason) from None


def _refused(expected: str, value: Any) -> InvalidRecord:
    if isinstance(value, float) and not value.is_integer():
        return InvalidRecord(
            Message(
                "invalid value for type, expected {type} (got a float with a fraction)",
                type=_type_word(expected),
            )
        )
    return InvalidRecord(
        Message(
            "invalid value for type, expected {type} (got {got})",
            type=_type_word(expected),
            got=_type_word(type(value).__name__),
        )
    )


def _str(value: Any, _: Any) -> str:
    """Text, or a whole number written as one; never the ``str()`` of structured data."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _refused("str", value)


def _int(value: Any, _: Any) -> int:
    """A whole number: an int, a float without a fraction, or ASCII digits as text."""
    if isinstance(value, bool):
        raise _refused("int", value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = text.removeprefix("-")
        if digits.isdigit() and digits.isascii() and len(text) <= MAX_NUMBER_CHARS:
            return int(text)
        raise InvalidRecord(
            Message("invalid value for type, expected {type} (got text)", type=_type_word("int"))
        )
    raise _refused("int", value)


def _bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _refused("bool", value)


def _gender(value: Any, _: Any) -> Gender:
    if isinstance(value, Gender):
        return value
    if not isinstance(value, str):
        raise InvalidRecord(Message("expected a gender code, got {got}", got=type(value).__name__))
    return Gender.parse(value)


def make_converter(*, omit_defaults: bool = True) -> KppiConverter:
    """A fresh converter configured like :data:`converter`, for callers who extend it.

    ``omit_defaults=False`` keeps every field, for reports whose keys are a contract.
    """
    conv = KppiConverter(omit_if_default=omit_defaults, forbid_extra_keys=False)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook(PartialDate, _partial_date)
    conv.register_unstructure_hook(Nik, Nik.reveal)
    conv.register_structure_hook(Nik, _nik)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(datetime.date, _date)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(Fraction, _fraction)
    conv.register_structure_hook(Gender, _gender)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum) and t is not Gender, _enum
    )
    return conv


#: The library's converter. Use it for every conversion to and from plain data.
converter: KppiConverter = make_converter()
