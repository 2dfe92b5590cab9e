"""Phone numbers, normalised to one E.164 form (``+6281200000010``) and hidden.

Sign-in sheets write one number many ways: ``0812-0000-0010``,
``62812 0000 0010``, ``+62 812 0000 0010``. :meth:`Phone.parse` reads them
with Google's libphonenumber (the ``phonenumbers`` package), numbers without
a country code in the region given (Indonesia, ``ID``, by default), and keeps
only numbers the library validates (a known prefix and length).

A phone number is personal data under UU 27/2022. A :class:`Phone` shows only
its country code in ``str()`` and ``repr()``; the number comes out only
through :meth:`Phone.reveal`, and error messages never repeat it.
"""

from __future__ import annotations

from typing import Any

import attrs

from kppi_core.errors import InvalidRecord, Message

__all__ = ["Phone"]

#: Where a number written without a country code is taken to be.
DEFAULT_REGION = "ID"


def _e164(text: str, region: str) -> str:
    # Imported here: phonenumbers' package import costs about 15 ms.
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidRecord(Message("is not a phone number"), what="phone number") from None
    if not phonenumbers.is_valid_number(number):
        reason = Message("is not a valid phone number (unknown prefix or wrong length)")
        raise InvalidRecord(reason, what="phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _normal(text: str) -> str:
    return _e164(text, DEFAULT_REGION)


def _mask(e164: str) -> str:
    import phonenumbers

    head = f"+{phonenumbers.parse(e164).country_code}"
    return head + "*" * (len(e164) - len(head))


@attrs.frozen(repr=False, eq=True, hash=True)
class Phone:
    """A validated phone number in E.164 form whose digits stay hidden unless asked for.

    ``Phone(text)`` reads ``text`` as :meth:`parse` does in the default region.

    >>> phone = Phone.parse("0812-0000-0010")
    >>> phone
    Phone('+62***********')
    >>> phone == Phone.parse("+62 812 0000 0010")
    True
    """

    _e164: str = attrs.field(alias="e164", converter=_normal)

    @classmethod
    def parse(cls, text: str, region: str = DEFAULT_REGION) -> Phone:
        """Read ``text`` as a phone number (``region`` for numbers without ``+``).

        Raises :class:`~kppi_core.errors.InvalidRecord` when it is not a valid
        number; the message does not repeat it.
        """
        return cls(_e164(text, region))

    def reveal(self) -> str:
        """The number in E.164 form, in clear. Call it only where it is needed."""
        return self._e164

    def __str__(self) -> str:
        return _mask(self._e164)

    def __repr__(self) -> str:
        return f"Phone({_mask(self._e164)!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's and Hypothesis's pretty printers read attrs fields directly.
        printer.text(repr(self))
