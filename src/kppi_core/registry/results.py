"""What a registry build gives: persons, merges, ambiguities, decisions, every record
with its places."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from kppi_core.errors import NotFound
from kppi_core.i18n import N_, language
from kppi_core.model import (
    Candidacy,
    Classification,
    District,
    Election,
    FollowUp,
    Gender,
    Identifier,
    Membership,
    Organization,
    Participation,
    Person,
    Post,
    Training,
)
from kppi_core.registry.fingerprints import (
    BIRTH_SCHEMES,
    NIK_SCHEME,
    PHONE_SCHEME,
    birth_fingerprint,
    nik_fingerprint,
    phone_fingerprint,
)
from kppi_core.rejections import Rejection

if TYPE_CHECKING:
    from kppi_core.registry.flags import Flag

__all__ = [
    "REASONS",
    "Ambiguity",
    "Decision",
    "Entry",
    "Merge",
    "Registry",
    "RegistryPerson",
    "SourceRef",
]

T = TypeVar("T")

#: Why a merge was made, by its rule (``{scheme}``: which identifier).
_WHY = {
    # TRANSLATORS: UNSURE "sidik berkunci" for a keyed fingerprint (HMAC).
    "nik": N_("the same NIK (keyed fingerprint)"),
    "identifier": N_("the same {scheme} identifier"),
    "id": N_("the same source id"),
    "phone+name": N_("the same phone number (keyed fingerprint) and name"),
    "name+birth_date": N_("the same name and birth date"),
    "decision": N_("a decision accepted it"),
}

#: What an ambiguity's two persons share and what sets them apart: its
#: ``reasons`` are these messages, in English (``{scheme}``: which identifier).
REASONS = {
    "nik": N_("the same NIK"),
    "identifier": N_("the same {scheme} identifier"),
    "id": N_("the same source id"),
    "phone": N_("the same phone number"),
    "name+birth_date": N_("the same name and birth date"),
    "name": N_("the same name"),
    "no-birth-date": N_("no full birth date on one side"),
    "other-names": N_("different names"),
    "other-niks": N_("different NIKs"),
    "other-birth-dates": N_("different birth dates"),
    "other-genders": N_("different declared genders"),
}
_SAME_SCHEME = re.compile(r"the same (?P<scheme>.+) identifier")


@attrs.frozen(order=True)
class SourceRef:
    """Where a record came from: the source's name and line (when it has lines),
    and for a person record its fingerprint, the stable id decisions use."""

    source: str
    line: int | None = attrs.field(default=None, order=lambda v: -1 if v is None else v)
    fingerprint: str | None = None

    def __str__(self) -> str:
        return self.source if self.line is None else f"{self.source}:{self.line}"


@attrs.frozen
class Entry(Generic[T]):
    """A record with every place it was read from (equal records are kept once)."""

    record: T
    sources: tuple[SourceRef, ...]


@attrs.frozen
class RegistryPerson:
    """One person as the registry resolved her: her records, old ids and identifiers.

    ``name`` is the printed name of her first record, ``other_names`` the
    other names her records print. :attr:`person` is her record without
    personal data: NIK, birth date and phone numbers only as keyed
    fingerprints among its identifiers, no contact details.
    """

    id: str
    name: str
    gender: Gender
    records: tuple[SourceRef, ...]
    old_ids: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    plain_identifiers: tuple[tuple[str, str], ...] = ()
    # NIK token, birth tokens, phone tokens, and (whether they are fingerprints
    # already, the key): one tuple shared by every person of a build.
    _nik: str | None = attrs.field(default=None, eq=False, repr=False)
    _birth: tuple[str | None, ...] = attrs.field(default=(), eq=False, repr=False)
    _keyed: tuple[bool, bytes] = attrs.field(default=(True, b""), eq=False, repr=False)
    _phones: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def identifiers(self) -> tuple[Identifier, ...]:
        """Her identifiers, NIK, birth date and phones as keyed fingerprints (made on demand)."""
        nik, birth, (hashed, key) = self._nik, self._birth, self._keyed
        pairs = set(self.plain_identifiers)
        if nik:
            pairs.add((NIK_SCHEME, nik if hashed else nik_fingerprint(key, nik)))
        for k, value in enumerate(birth):
            if value:
                token = value if hashed else birth_fingerprint(key, value, k)
                pairs.add((BIRTH_SCHEMES[k], token))
        for phone in self._phones:
            pairs.add((PHONE_SCHEME, phone if hashed else phone_fingerprint(key, phone)))
        return tuple(Identifier(s, v) for s, v in sorted(pairs))

    @property
    def person(self) -> Person:
        """Her record as the registry stores it (no NIK, birth date or contact detail)."""
        return Person(
            id=self.id,
            name=self.name,
            gender=self.gender,
            identifiers=self.identifiers,
            other_names=self.other_names,
        )

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """The fingerprints of her source records."""
        return tuple(r.fingerprint for r in self.records if r.fingerprint is not None)


@attrs.frozen
class Merge:
    """Two records found to be one person, and the rule that said so.

    ``rule`` is ``nik``, ``identifier`` (``scheme`` names which), ``id``,
    ``phone+name``, ``name+birth_date`` or ``decision``.
    """

    person_id: str
    a: SourceRef
    b: SourceRef
    rule: str
    scheme: str | None = None

    def why(self, lang: str = "en") -> str:
        """Why the two records are one person, in ``lang``."""
        message = _WHY.get(self.rule)
        if message is None:
            return self.rule
        return language(lang).format(message, scheme=self.scheme)

    def explain(self) -> str:
        """One line: which records, and why."""
        return f"{self.a} = {self.b}: {self.why()}"


@attrs.frozen
class Ambiguity:
    """Two persons who may be one, left apart for a person to decide.

    ``a_record`` and ``b_record`` are record fingerprints to copy into a
    decisions file; ``reasons`` say what matched and what disagreed.
    """

    a: str
    b: str
    a_record: str
    b_record: str
    reasons: tuple[str, ...]

    def reasons_in(self, lang: str = "en") -> tuple[str, ...]:
        """:attr:`reasons` in ``lang`` (each one of :data:`REASONS`)."""
        if lang == "en":
            return self.reasons
        tr = language(lang)
        out = []
        for reason in self.reasons:
            scheme = _SAME_SCHEME.fullmatch(reason)
            if scheme is not None:
                out.append(tr.format(REASONS["identifier"], scheme=scheme["scheme"]))
            else:
                out.append(tr.gettext(reason))
        return tuple(out)

    @property
    def id(self) -> str:
        """A stable id for the pair."""
        pair = "|".join(sorted((self.a_record, self.b_record)))
        return hashlib.sha256(pair.encode()).hexdigest()[:12]


@attrs.frozen
class Decision:
    """A person's answer to a suggested match: ``accept`` or not, between two
    records named by their fingerprints."""

    a: str
    b: str
    accept: bool
    note: str = ""


@attrs.frozen
class Registry:
    """Everything read, with persons resolved and every reference pointing to them."""

    persons: tuple[RegistryPerson, ...]
    organisations: tuple[Entry[Organization], ...] = ()
    posts: tuple[Entry[Post], ...] = ()
    memberships: tuple[Entry[Membership], ...] = ()
    trainings: tuple[Entry[Training], ...] = ()
    participations: tuple[Entry[Participation], ...] = ()
    follow_ups: tuple[Entry[FollowUp], ...] = ()
    elections: tuple[Entry[Election], ...] = ()
    districts: tuple[Entry[District], ...] = ()
    candidacies: tuple[Entry[Candidacy], ...] = ()
    merges: tuple[Merge, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()
    flags: tuple[Flag, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    redirects: Mapping[str, str] = attrs.field(factory=dict)
    decisions: tuple[Decision, ...] = ()
    records: int = 0
    key_check: str = ""
    _by_id: dict[str, RegistryPerson] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self._by_id.update((p.id, p) for p in self.persons)

    def canonical(self, person_id: str) -> str:
        """The id ``person_id`` now goes by (itself when never merged away)."""
        return self.redirects.get(person_id, person_id)

    def person(self, person_id: str) -> RegistryPerson:
        """The person behind ``person_id``, following redirects."""
        try:
            return self._by_id[self.canonical(person_id)]
        except KeyError:
            raise NotFound(f"no person {person_id!r} in the registry") from None

    def get(self, person_id: str) -> RegistryPerson | None:
        """The person behind ``person_id``, or None."""
        return self._by_id.get(self.canonical(person_id))

    def organisation_map(self) -> dict[str, Organization]:
        """Organisations by id. Where sources disagree on one id, the record that
        says most wins (a parent, an area, identifiers), so a branch described
        in a data set beats the bare name an attendance sheet gives."""
        out: dict[str, Organization] = {}
        for e in self.organisations:
            o = e.record
            best = out.get(o.id)
            if best is None or _detail(o) > _detail(best):
                out[o.id] = o
        return out

    def parties(self) -> set[str]:
        """The ids of organisations classified as parties."""
        return {
            e.record.id
            for e in self.organisations
            if e.record.classification == Classification.PARTY
        }

    @property
    def ok(self) -> bool:
        """No ambiguity, no flag, no rejected record."""
        return not (self.ambiguities or self.flags or self.rejected)


def _detail(o: Organization) -> int:
    return sum(
        (
            o.parent_id is not None,
            o.area is not None,
            bool(o.identifiers),
            o.founding_date is not None,
        )
    )
