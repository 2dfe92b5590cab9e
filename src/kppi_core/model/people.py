"""People: Popolo's Person, Identifier and ContactDetail."""

from __future__ import annotations

from typing import Any

import attrs

from kppi_core.model.dates import PartialDate
from kppi_core.model.gender import Gender
from kppi_core.model.nik import Nik

__all__ = ["ContactDetail", "Identifier", "Person"]


from kppi_core.model import _checks


@attrs.frozen(field_transformer=_checks.strict)
class Identifier:
    """An id of a thing in some scheme: a party's KTA number, a source's own id.

    ``scheme`` names the issuer (``"kta:pkb"``, ``"kpu-silon"``,
    ``"everypolitician_legacy"``); ``identifier`` is the value (Popolo names).
    """

    scheme: str = attrs.field(validator=_checks.nonblank)
    identifier: str = attrs.field(validator=_checks.nonblank)


@attrs.frozen(repr=False, field_transformer=_checks.strict)
class ContactDetail:
    """A way to reach a person: Popolo's ``type`` (``email``, ``phone``,
    ``address``, …), ``value`` and ``label``.

    The value is personal data: ``repr()`` shows the type only.
    """

    type: str = attrs.field(validator=_checks.nonblank)
    value: str = attrs.field(validator=_checks.nonblank)
    label: str | None = None

    def __repr__(self) -> str:
        return f"ContactDetail(type={self.type!r}, value=<hidden>)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's and Hypothesis's pretty printers read attrs fields directly.
        printer.text(repr(self))


@attrs.frozen(field_transformer=_checks.strict)
class Person:
    """A person, as Popolo describes one.

    ``gender`` is what the record declares; it is never guessed. ``birth_date``,
    ``nik`` and ``contact_details`` are personal data (UU 27/2022) and are left
    out of ``repr()``.
    """

    id: str = attrs.field(validator=_checks.nonblank)
    name: str = attrs.field(validator=_checks.name)
    gender: Gender = Gender.UNKNOWN
    birth_date: PartialDate | None = attrs.field(default=None, repr=False)
    nik: Nik | None = attrs.field(default=None, repr=False)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    contact_details: tuple[ContactDetail, ...] = attrs.field(
        default=(), converter=_checks.to_tuple, repr=False
    )
    other_names: tuple[str, ...] = attrs.field(default=(), converter=_checks.to_tuple)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's and Hypothesis's pretty printers read attrs fields directly,
        # which would show the birth date and contact details.
        printer.text(repr(self))

    def identifier(self, scheme: str) -> str | None:
        """The value of this person's identifier in ``scheme``, if any."""
        for ident in self.identifiers:
            if ident.scheme == scheme:
                return ident.identifier
        return None

    @property
    def nik_gender_mismatch(self) -> bool:
        """True when the declared gender disagrees with the sex the NIK encodes.

        Unknown gender or no NIK is no mismatch: there is nothing to compare.
        """
        return (
            self.nik is not None
            and self.gender is not Gender.UNKNOWN
            and self.nik.sex is not self.gender
        )
