"""Trusted constructors: model objects from values a reader has already validated.

Private to kppi_core's readers, and the one home of them all. Each function
builds an instance of the public class (not a look-alike) by setting its slots
directly, skipping the validators, converters and ``__attrs_post_init__`` its
public constructor runs; it does no checking at all. Call one only with values
that would pass those checks: the objects are then equal to the ones the
public constructor makes (a property test compares them, and
``tests/test_model_trusted.py`` fails when a field of these classes gains a
check the trusted path would skip). Public code paths must keep using the
classes' own constructors. (:func:`setters` lives in
:mod:`kppi_core.model._slots`, which the quota engine uses too for its own
result classes.)

Why: a frozen attrs ``__init__`` sets each field through ``object.__setattr__``
and then calls each validator; for a 5-million-row membership export this is
most of the reading time.

The person classes' part (``nik``, ``identifier``, ``person``, ``membership``,
their setters and :data:`BUILT`) is made on first use: the candidates reader
needs only :func:`list_facts`, and ``kppi check`` then loads none of the
person, NIK or organisation classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kppi_core.model._slots import setters
from kppi_core.model.gender import Gender
from kppi_core.model.lists import ListFacts

if TYPE_CHECKING:
    from kppi_core.model.dates import PartialDate
    from kppi_core.model.nik import Nik
    from kppi_core.model.organisations import Membership
    from kppi_core.model.people import Identifier, Person

__all__ = [
    "BUILT",
    "IDENTIFIER_SETTERS",
    "LIST_FACTS",
    "MEMBERSHIP",
    "MEMBERSHIP_SETTERS",
    "NIK_SETTERS",
    "PERSON",
    "PERSON_SETTERS",
    "identifier",
    "list_facts",
    "membership",
    "nik",
    "person",
    "setters",
]

_new = object.__new__

#: The fields of ListFacts, Person and Membership, in order.
LIST_FACTS = (
    "election_id", "district_id", "party", "seats", "positions", "genders", "rejected",
    "women", "unknown", "regular",
)  # fmt: skip
PERSON = (
    "id", "name", "gender", "birth_date", "nik", "identifiers", "contact_details", "other_names",
)  # fmt: skip
MEMBERSHIP = (
    "person_id", "organization_id", "role", "id", "post_id", "capacity", "label", "start_date",
    "end_date", "end_reason",
)  # fmt: skip

# ------------------------------------------------------------------ candidate lists

(_l_election, _l_district, _l_party, _l_seats, _l_positions, _l_genders, _l_rejected,
 _l_women, _l_unknown, _l_regular) = setters(ListFacts, LIST_FACTS)  # fmt: skip


def list_facts(
    key: tuple[str, str, str],
    seats: int | None,
    positions: tuple[int, ...],
    genders: tuple[Gender, ...],
    women: int,
    unknown: int,
) -> ListFacts:
    """``ListFacts(*key, seats, positions, genders)`` of a list with no rows rejected
    and ``positions`` exactly ``1..n``, from the counts its reader already knows
    (``women`` and ``unknown`` the counts of those sexes in ``genders``)."""
    self = _new(ListFacts)
    _l_election(self, key[0])
    _l_district(self, key[1])
    _l_party(self, key[2])
    _l_seats(self, seats)
    _l_positions(self, positions)
    _l_genders(self, genders)
    _l_rejected(self, ())
    _l_women(self, women)
    _l_unknown(self, unknown)
    _l_regular(self, True)
    return self


# ------------------------------------------------------------------ people (made on first use)

if TYPE_CHECKING:
    #: The slot setters of each class built here, field by field, for readers that
    #: build objects inline in a hot loop (the membership source's short path)
    #: instead of calling the functions. Every slot setting in kppi_core's readers
    #: takes its setters from here, so the checks they skip are pinned in one place.
    NIK_SETTERS: tuple[Any, ...]
    IDENTIFIER_SETTERS: tuple[Any, ...]
    PERSON_SETTERS: tuple[Any, ...]
    MEMBERSHIP_SETTERS: tuple[Any, ...]
    #: The classes whose validators the trusted paths skip.
    BUILT: tuple[type, ...]

    def nik(digits: str) -> Nik:
        """``Nik(digits)`` for 16 ASCII digits that ``Nik`` has accepted."""

    def identifier(scheme: str, value: str) -> Identifier:
        """``Identifier(scheme, value)`` for two non-blank strings."""

    def person(
        id: str,
        name: str,
        gender: Gender,
        birth_date: PartialDate | None,
        nik: Nik | None,
        identifiers: tuple[Identifier, ...],
    ) -> Person:
        """``Person(id, name, gender, birth_date, nik, identifiers)`` for a non-blank
        id and name and a tuple of identifiers; no contact details or other names."""

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


def _people() -> dict[str, Any]:
    """The person classes' part of the module (declared above for type checkers):
    their setters, and constructors closed over them."""
    from kppi_core.model.nik import Nik
    from kppi_core.model.organisations import Capacity, Membership
    from kppi_core.model.people import Identifier, Person

    nik_setters = setters(Nik, ("_digits",))
    identifier_setters = setters(Identifier, ("scheme", "identifier"))
    person_setters = setters(Person, PERSON)
    membership_setters = setters(Membership, MEMBERSHIP)
    (nik_digits,) = nik_setters
    i_scheme, i_identifier = identifier_setters
    p_id, p_name, p_gender, p_birth, p_nik, p_idents, p_contacts, p_other = person_setters
    (m_person, m_org, m_role, m_id, m_post, m_capacity, m_label, m_start, m_end,
     m_reason) = membership_setters  # fmt: skip
    substantive = Capacity.SUBSTANTIVE

    def nik(digits: str) -> Nik:
        self: Nik = _new(Nik)
        nik_digits(self, digits)
        return self

    def identifier(scheme: str, value: str) -> Identifier:
        self: Identifier = _new(Identifier)
        i_scheme(self, scheme)
        i_identifier(self, value)
        return self

    def person(
        id: str,
        name: str,
        gender: Gender,
        birth_date: PartialDate | None,
        nik: Nik | None,
        identifiers: tuple[Identifier, ...],
    ) -> Person:
        self: Person = _new(Person)
        p_id(self, id)
        p_name(self, name)
        p_gender(self, gender)
        p_birth(self, birth_date)
        p_nik(self, nik)
        p_idents(self, identifiers)
        p_contacts(self, ())
        p_other(self, ())
        return self

    def membership(
        person_id: str,
        organization_id: str,
        role: str,
        label: str | None,
        start_date: PartialDate | None,
    ) -> Membership:
        self: Membership = _new(Membership)
        m_person(self, person_id)
        m_org(self, organization_id)
        m_role(self, role)
        m_id(self, None)
        m_post(self, None)
        m_capacity(self, substantive)
        m_label(self, label)
        m_start(self, start_date)
        m_end(self, None)
        m_reason(self, None)
        return self

    made: dict[str, Any] = {
        "NIK_SETTERS": nik_setters,
        "IDENTIFIER_SETTERS": identifier_setters,
        "PERSON_SETTERS": person_setters,
        "MEMBERSHIP_SETTERS": membership_setters,
        "BUILT": (Nik, Identifier, Person, Membership, ListFacts),
    }
    for function in (nik, identifier, person, membership):
        function.__module__ = __name__
        function.__qualname__ = function.__name__
        made[function.__name__] = function
    return made


_LAZY = frozenset(
    ("NIK_SETTERS", "IDENTIFIER_SETTERS", "PERSON_SETTERS", "MEMBERSHIP_SETTERS", "BUILT",
     "nik", "identifier", "person", "membership")
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """The person classes' part, made on first use (see the module)."""
    if name in _LAZY:
        globals().update(_people())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
