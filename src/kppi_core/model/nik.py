"""NIK (Nomor Induk Kependudukan), Indonesia's 16-digit identity number.

Layout ``PPRRSS DDMMYY NNNN``: province, regency or city (71–99 are cities)
and district of registration; the birth date, with 40 added to the day for
women; a serial. There is no check digit. Validation (digits, length, a real
birth date, a known province and regency) is python-stdnum's
``stdnum.id.nik``.

A NIK is personal data under UU 27/2022. A :class:`Nik` shows only its
4-digit region prefix in ``str()`` and ``repr()``; the digits come out only
through :meth:`Nik.reveal`, and error messages never repeat them.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from kppi_core.errors import InvalidNik, Message
from kppi_core.model.gender import Gender

__all__ = ["Nik"]


def _validate(text: str) -> str:
    # Imported here: stdnum's package import costs tens of milliseconds.
    from stdnum import exceptions
    from stdnum.id import nik

    try:
        return str(nik.validate(text))
    except exceptions.InvalidLength:
        reason = Message("it does not have 16 digits")
    except exceptions.InvalidFormat:
        reason = Message("it holds characters other than digits")
    except exceptions.InvalidComponent:
        reason = Message("its birth date or region code does not exist")
    except exceptions.ValidationError:  # pragma: no cover - stdnum's catch-all
        reason = Message("python-stdnum rejects it")
    raise InvalidNik(reason, what="NIK")


def _mask(digits: str) -> str:
    return digits[:4] + "*" * (len(digits) - 4)


@attrs.frozen(repr=False, eq=True, hash=True)
class Nik:
    """A validated NIK whose digits stay hidden unless asked for.

    >>> nik = Nik("3673015708450001")
    >>> nik
    Nik('3673************')
    >>> nik.sex
    <Gender.FEMALE: 'female'>
    """

    _digits: str = attrs.field(alias="digits", converter=_validate)

    @classmethod
    def parse(cls, text: str) -> Nik:
        """Validate ``text`` (spaces, dots and dashes allowed between digits)."""
        return cls(text)

    def reveal(self) -> str:
        """The 16 digits in clear. Call it only where they are needed."""
        return self._digits

    @property
    def region(self) -> str:
        """The 4-digit province and regency/city prefix, e.g. ``"3673"``."""
        return self._digits[:4]

    @property
    def sex(self) -> Gender:
        """The sex the registry encoded (day + 40 for women).

        Use it to flag a record whose declared gender disagrees, never to fill
        a missing one.
        """
        return Gender.FEMALE if int(self._digits[6:8]) > 40 else Gender.MALE

    def birth_date(self, reference: datetime.date | None = None) -> datetime.date:
        """The birth date the number encodes.

        The number holds only two digits of the year. The century is the
        latest one that puts the birth date on or before ``reference``
        (default: today), so a person is never born in the future; a
        centenarian would need an earlier ``reference``.
        """
        ref = reference or datetime.date.today()
        day = int(self._digits[6:8]) % 40
        month = int(self._digits[8:10])
        yy = int(self._digits[10:12])
        for century in range(ref.year // 100 * 100, 0, -100):
            try:
                born = datetime.date(century + yy, month, day)
            except ValueError:
                continue
            if born <= ref:
                return born
        raise InvalidNik(Message("its birth date does not exist"), what="NIK")

    def fingerprint(self, key: bytes) -> str:
        """A keyed HMAC-SHA256 of the digits, in hex.

        .. deprecated:: 2026-12
           Use ``kppi_core.registry.fingerprints.nik_fingerprint``, which
           gives the same value; this method stays as a thin alias.
        """
        import warnings

        warnings.warn(
            "Nik.fingerprint is deprecated: use "
            "kppi_core.registry.fingerprints.nik_fingerprint(key, nik.reveal())",
            DeprecationWarning,
            stacklevel=2,
        )
        # Deferred: hmac loads OpenSSL (~4 MiB resident), which `kppi check` never needs.
        from kppi_core.model._fingerprint import keyed_digest

        return keyed_digest(key, self._digits.encode("ascii")).hex()

    def __str__(self) -> str:
        return _mask(self._digits)

    def __repr__(self) -> str:
        return f"Nik({_mask(self._digits)!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's and Hypothesis's pretty printers read attrs fields directly.
        printer.text(repr(self))
