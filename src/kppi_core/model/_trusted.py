"""Trusted constructors: model objects from values a reader has already validated.

Private to kppi_core's readers. Each function builds an instance of the public
class (not a look-alike) by setting its slots directly, skipping the
validators and converters its public constructor runs; it does no checking at
all. Call one only with values that would pass those checks: the objects are
then equal to the ones the public constructor makes (a property test compares
them). Public code paths must keep using the classes' own constructors.
(:func:`setters` lives in :mod:`kppi_core.model._slots`, which the quota engine
and its facts use too without loading the person classes.)

Why: a frozen attrs ``__init__`` sets each field through ``object.__setattr__``
and then calls each validator; for a 5-million-row membership export this is
most of the reading time.
"""

from __future__ import annotations

from kppi_core.model._slots import setters
from kppi_core.model.dates import PartialDate
from kppi_core.model.gender import Gender
from kppi_core.model.nik import Nik
from kppi_core.model.organisations import Capacity, Membership
from kppi_core.model.people import Identifier, Person

__all__ = [
    "BUILT",
    "IDENTIFIER_SETTERS",
    "MEMBERSHIP",
    "MEMBERSHIP_SETTERS",
    "NIK_SETTERS",
    "PERSON",
    "PERSON_SETTERS",
    "identifier",
    "membership",
    "nik",
    "person",
    "setters",
]

_new = object.__new__


#: The fields of Person and of Membership, in order.
PERSON = (
    "id",
    "name",
    "gender",
    "birth_date",
    "nik",
    "identifiers",
    "contact_details",
    "other_names",
)
MEMBERSHIP = (
    "person_id",
    "organization_id",
    "role",
    "id",
    "post_id",
    "capacity",
    "label",
    "start_date",
    "end_date",
    "end_reason",
)
#: The slot setters of each class built here, field by field, for readers that build
#: objects inline in a hot loop (the membership source's short path) instead of
#: calling the functions below. Every slot setting in kppi_core's readers takes its
#: setters from here, so the validators they skip are pinned in one place (a test).
NIK_SETTERS = setters(Nik, ("_digits",))
IDENTIFIER_SETTERS = setters(Identifier, ("scheme", "identifier"))
PERSON_SETTERS = setters(Person, PERSON)
MEMBERSHIP_SETTERS = setters(Membership, MEMBERSHIP)
#: The classes whose validators the trusted paths skip.
BUILT: tuple[type, ...] = (Nik, Identifier, Person, Membership)
# quota.facts' trusted ListFacts constructor is to move here as well.

(_nik_digits,) = NIK_SETTERS
(_i_scheme, _i_identifier) = IDENTIFIER_SETTERS
(_p_id, _p_name, _p_gender, _p_birth, _p_nik, _p_idents, _p_contacts, _p_other) = PERSON_SETTERS
(
    _m_person,
    _m_org,
    _m_role,
    _m_id,
    _m_post,
    _m_capacity,
    _m_label,
    _m_start,
    _m_end,
    _m_reason,
) = MEMBERSHIP_SETTERS
_SUBSTANTIVE = Capacity.SUBSTANTIVE


def nik(digits: str) -> Nik:
    """``Nik(digits)`` for 16 ASCII digits that ``Nik`` has accepted."""
    self = _new(Nik)
    _nik_digits(self, digits)
    return self


def identifier(scheme: str, value: str) -> Identifier:
    """``Identifier(scheme, value)`` for two non-blank strings."""
    self = _new(Identifier)
    _i_scheme(self, scheme)
    _i_identifier(self, value)
    return self


def person(
    id: str,
    name: str,
    gender: Gender,
    birth_date: PartialDate | None,
    nik: Nik | None,
    identifiers: tuple[Identifier, ...],
) -> Person:
    """``Person(id, name, gender, birth_date, nik, identifiers)`` for a non-blank id
    and name and a tuple of identifiers; no contact details or other names."""
    self = _new(Person)
    _p_id(self, id)
    _p_name(self, name)
    _p_gender(self, gender)
    _p_birth(self, birth_date)
    _p_nik(self, nik)
    _p_idents(self, identifiers)
    _p_contacts(self, ())
    _p_other(self, ())
    return self


def membership(
    person_id: str,
    organization_id: str,
    role: str,
    label: str | None,
    start_date: PartialDate | None,
) -> Membership:
    """``Membership(person_id, organization_id, role, label=label,
    start_date=start_date)`` for non-blank ids and a lowercase code ``role``
    given as a plain ``str``; substantive, open-ended."""
    self = _new(Membership)
    _m_person(self, person_id)
    _m_org(self, organization_id)
    _m_role(self, role)
    _m_id(self, None)
    _m_post(self, None)
    _m_capacity(self, _SUBSTANTIVE)
    _m_label(self, label)
    _m_start(self, start_date)
    _m_end(self, None)
    _m_reason(self, None)
    return self
