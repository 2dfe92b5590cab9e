"""Organisations, posts and memberships (Popolo), and the cadre view."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from kppi_core.model import _checks
from kppi_core.model.areas import Area
from kppi_core.model.dates import PartialDate
from kppi_core.model.people import Identifier, Person

__all__ = [
    "Capacity",
    "Classification",
    "Membership",
    "Organization",
    "Post",
    "Role",
    "cadres",
    "check_post_holders",
]


class Classification(enum.StrEnum):
    """The known kinds of organisation. The list is open: any lowercase code is
    accepted, these are the ones kppi_core gives meaning to."""

    CAUCUS_BRANCH = "caucus_branch"
    PARTY = "party"
    PARTY_WING = "party_wing"
    WOMEN_ORGANISATION = "women_organisation"
    GOVERNMENT_AGENCY = "government_agency"
    UNIVERSITY = "university"
    LEGISLATURE = "legislature"
    OTHER = "other"


class Role(enum.StrEnum):
    """Known roles on a board (kepengurusan). Open, like :class:`Classification`."""

    CHAIR = "chair"  # Ketua
    VICE_CHAIR = "vice_chair"  # Wakil Ketua
    SECRETARY = "secretary"  # Sekretaris
    TREASURER = "treasurer"  # Bendahara
    MEMBER = "member"  # Anggota
    BOARD_MEMBER = "board_member"  # pengurus without a named office


class Capacity(enum.Enum):
    """Whether a role is held substantively or in an acting capacity (Plt)."""

    SUBSTANTIVE = "substantive"
    ACTING = "acting"


@attrs.frozen(field_transformer=_checks.strict)
class Organization:
    """A party, a caucus branch, a women's wing, a government unit, a university…

    ``parent_id`` builds the tree: a national caucus → its province branches →
    their city branches; a party → its women's wing.
    """

    id: str = attrs.field(validator=_checks.nonblank)
    name: str = attrs.field(validator=_checks.name)
    classification: str = attrs.field(
        default=Classification.OTHER.value, converter=str, validator=_checks.code
    )
    parent_id: str | None = None
    area: Area | None = None
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    other_names: tuple[str, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    founding_date: PartialDate | None = None
    dissolution_date: PartialDate | None = None

    def __attrs_post_init__(self) -> None:
        if self.parent_id == self.id:
            raise _checks.fail(self, "parent_id", "an organisation cannot be its own parent")
        _checks.period(self, self.founding_date, self.dissolution_date, "dissolution_date")


@attrs.frozen(field_transformer=_checks.strict)
class Post:
    """A position in an organisation (Popolo): the chair of a branch, say.

    ``holders`` is how many people may hold it at once (1 for a chair).
    """

    id: str = attrs.field(validator=_checks.nonblank)
    organization_id: str = attrs.field(validator=_checks.nonblank)
    role: str = attrs.field(converter=str, validator=_checks.code)
    label: str | None = None
    holders: int = attrs.field(default=1, validator=_checks.positive)


@attrs.frozen(field_transformer=_checks.strict)
class Membership:
    """A person in an organisation, in a role, for a time.

    ``capacity`` is ``acting`` for a Plt (pelaksana tugas) holder. Dates are
    partial; ``end_reason`` says why a membership ended (resigned, term ended…).
    """

    person_id: str = attrs.field(validator=_checks.nonblank)
    organization_id: str = attrs.field(validator=_checks.nonblank)
    role: str = attrs.field(default=Role.MEMBER.value, converter=str, validator=_checks.code)
    id: str | None = None
    post_id: str | None = None
    capacity: Capacity = Capacity.SUBSTANTIVE
    label: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    end_reason: str | None = None

    def __attrs_post_init__(self) -> None:
        _checks.period(self, self.start_date, self.end_date)
        if self.end_reason is not None and self.end_date is None:
            raise _checks.fail(self, "end_reason", "an end reason needs an end date")

    def may_be_active(self, on: datetime.date) -> bool:
        """Whether the membership could be in force on ``on``, given partial dates."""
        if self.start_date is not None and self.start_date.earliest > on:
            return False
        return not (self.end_date is not None and self.end_date.latest < on)


def _periods_overlap(a: Membership, b: Membership) -> bool:
    a_start = a.start_date.earliest if a.start_date else datetime.date.min
    a_end = a.end_date.latest if a.end_date else datetime.date.max
    b_start = b.start_date.earliest if b.start_date else datetime.date.min
    b_end = b.end_date.latest if b.end_date else datetime.date.max
    return a_start <= b_end and b_start <= a_end


def check_post_holders(posts: Iterable[Post], memberships: Iterable[Membership]) -> None:
    """Refuse memberships that fill a post with more holders than it allows at once.

    Two memberships of one post whose periods could overlap count as held at
    the same time. Raises :class:`~kppi_core.errors.InvalidRecord` naming the
    post and the field ``post_id``.
    """
    from kppi_core.errors import InvalidRecord

    by_post: dict[str, list[Membership]] = {}
    for m in memberships:
        if m.post_id is not None:
            by_post.setdefault(m.post_id, []).append(m)
    problems = []
    for post in posts:
        held = by_post.get(post.id, [])
        for i, m in enumerate(held):
            overlapping = 1 + sum(1 for other in held[i + 1 :] if _periods_overlap(m, other))
            if overlapping > post.holders:
                problems.append(
                    f"Membership.post_id: post {post.id!r} allows {post.holders} holder(s) "
                    f"at a time, {overlapping} memberships overlap"
                )
                break
    if problems:
        raise InvalidRecord(problems, what="memberships")


def cadres(
    persons: Iterable[Person],
    memberships: Iterable[Membership],
    organisations: Mapping[str, Organization] | Iterable[Organization],
    *,
    on: datetime.date | None = None,
) -> Iterator[tuple[Person, tuple[Membership, ...]]]:
    """The cadres (kader) among ``persons``: each with her party memberships.

    A cadre is a person with a membership of an organisation classified
    ``party`` (or a party's wing), in force on ``on`` when given. No second
    person class: the person comes back as she is.
    """
    if not isinstance(organisations, Mapping):
        organisations = {o.id: o for o in organisations}
    partisan = {
        oid
        for oid, org in organisations.items()
        if org.classification in (Classification.PARTY, Classification.PARTY_WING)
    }
    by_person: dict[str, list[Membership]] = {}
    for m in memberships:
        if m.organization_id in partisan and (on is None or m.may_be_active(on)):
            by_person.setdefault(m.person_id, []).append(m)
    for person in persons:
        held = by_person.get(person.id)
        if held:
            yield person, tuple(held)


def __getattr__(name: str) -> object:
    """Old names, deprecated: each use warns."""
    from kppi_core._deprecated import moved

    return moved(
        __name__, name, {"Organisation": ("kppi_core.model.organisations", "Organization")}
    )
