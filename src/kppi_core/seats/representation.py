"""Women's representation in a council, and how far it is from 30% and 15%.

KPPI's stated targets (the Kota Serang branch, see ``DOMAIN.md``): 30% women
in the legislature, and at least 15% if 30% is not reached. A figure is
always kept with its source and its date, since figures for the same council
differ by both (the 2024 DPR: 127 women of 580 seats per IPU Parline, 129 in
other counts).

The gap is counted in seats: ``required = ceil(goal × seats)`` women reach
the goal, and ``missing = max(0, required − women)``. All arithmetic is
exact (``int`` and ``Fraction``).

Figures come from election results (:func:`from_election`), from Popolo
persons and memberships (:func:`from_popolo`), or from any published figure
with ``seats``, ``women``, ``source`` and ``date`` (:func:`from_figure`, for
the IPU Parline figures the adapters read).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final, Protocol

import attrs

from kppi_core.errors import InvalidArgument, InvalidRecord
from kppi_core.model import Chamber, Gender, Membership, Organization, PartialDate, Person
from kppi_core.model.organisations import Classification
from kppi_core.seats.chambers import ElectionResult

__all__ = [
    "MINIMUM",
    "TARGET",
    "FigureLike",
    "Gap",
    "Representation",
    "from_election",
    "from_figure",
    "from_popolo",
    "gap",
    "series",
]

#: KPPI's target: 30% women in the council.
TARGET: Final = Fraction(30, 100)
#: KPPI's fallback: at least 15% if 30% is not reached.
MINIMUM: Final = Fraction(15, 100)


@attrs.frozen
class Gap:
    """How many women a council of ``seats`` needs to reach ``goal``, and how many it lacks."""

    goal: Fraction
    required: int
    missing: int

    @property
    def met(self) -> bool:
        """Whether the council has at least ``required`` women."""
        return self.missing == 0


def gap(women: int, seats: int, goal: Fraction = TARGET) -> Gap:
    """The gap of ``women`` in ``seats`` to ``goal``: ``ceil(goal × seats)`` required.

    >>> gap(127, 580)
    Gap(goal=Fraction(3, 10), required=174, missing=47)
    >>> gap(127, 580, MINIMUM).met
    True
    """
    goal = Fraction(goal)
    if not 0 <= goal <= 1:
        raise InvalidArgument(f"goal must be between 0 and 1, got {goal}")
    required = math.ceil(goal * seats)
    return Gap(goal, required, max(0, required - women))


def _date(value: object) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value)
    raise InvalidRecord(f"expected a date, got {type(value).__name__}", what="Representation")


def _counts(instance: Representation, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 0:
        raise InvalidRecord(
            f"{attribute.name}: must be a whole number >= 0, got {value!r}", what="Representation"
        )


@attrs.frozen
class Representation:
    """Women in one council (or one party's part of it) by one source on one date.

    ``women`` counts seats held by declared women. ``undetermined`` counts
    seats whose holder's gender is unknown or not decided (an open tie);
    the share counts known women only, so it is a lower bound when
    ``undetermined`` is above zero.
    """

    council: str
    seats: int = attrs.field(validator=_counts)
    women: int = attrs.field(validator=_counts)
    source: str
    date: PartialDate | None = attrs.field(default=None, converter=_date)
    chamber: Chamber | None = None
    region: str | None = None
    party: str | None = None
    undetermined: int = attrs.field(default=0, validator=_counts)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.women + self.undetermined > self.seats:
            raise InvalidRecord(
                f"women ({self.women}) and undetermined ({self.undetermined}) exceed "
                f"seats ({self.seats}) for {self.council!r}",
                what="Representation",
            )
        if not self.source.strip():
            raise InvalidRecord("source: a figure needs its source", what="Representation")

    @property
    def share(self) -> Fraction | None:
        """Women over seats, exactly; ``None`` for a council of no seats."""
        return Fraction(self.women, self.seats) if self.seats else None

    @property
    def to_target(self) -> Gap:
        """The gap to 30%."""
        return gap(self.women, self.seats, TARGET)

    @property
    def to_minimum(self) -> Gap:
        """The gap to 15%."""
        return gap(self.women, self.seats, MINIMUM)


class FigureLike(Protocol):
    """A published figure: seats, women, its source and date (IPU Parline's, say).

    ``seats`` and ``women`` are ``None`` for a share-only figure (a published
    percentage without counts), which :func:`from_figure` refuses.
    """

    @property
    def seats(self) -> int | None: ...
    @property
    def women(self) -> int | None: ...
    @property
    def source(self) -> str: ...
    @property
    def date(self) -> object: ...


def from_figure(figure: FigureLike, *, council: str | None = None) -> Representation:
    """A :class:`Representation` from a published figure.

    Reads ``seats``, ``women``, ``source`` and ``date``, and when present
    ``chamber`` (a :class:`Chamber` or a spelling of one, else kept as the
    council name), ``country``, ``region``, ``party`` and ``note``. A share-only
    figure (no counts) raises :class:`~kppi_core.errors.InvalidRecord`: a gap is
    counted in seats, and none are known.
    """
    seats, women = figure.seats, figure.women
    if seats is None or women is None:
        raise InvalidRecord(
            "a share-only figure (a published percentage, no counts) has no seats to "
            "count a gap in",
            what="Representation",
        )
    raw_chamber = getattr(figure, "chamber", None)
    chamber: Chamber | None = None
    name = council
    if isinstance(raw_chamber, Chamber):
        chamber = raw_chamber
    elif isinstance(raw_chamber, str) and raw_chamber.strip():
        try:
            chamber = Chamber.parse(raw_chamber)
        except InvalidRecord:
            chamber = None
        name = name or raw_chamber
    country = getattr(figure, "country", None)
    region = getattr(figure, "region", None) or country
    if name is None:
        name = chamber.value.upper() if chamber is not None else str(region or "council")
    return Representation(
        council=name,
        seats=seats,
        women=women,
        source=figure.source,
        date=_date(figure.date),
        chamber=chamber,
        region=region,
        party=getattr(figure, "party", None),
        note=getattr(figure, "note", None),
    )


def from_election(
    result: ElectionResult,
    *,
    source: str,
    date: PartialDate | datetime.date | str | None = None,
    council: str | None = None,
    region: str | None = None,
    by: Iterable[str] = ("council", "party"),
) -> tuple[Representation, ...]:
    """Women elected in ``result``: the whole council, then by party and/or district.

    ``by`` picks the rows: ``"council"``, ``"party"``, ``"district"``. Seats
    are the districts' seats (a party's row: seats it won, or left open by
    its own tie); seats open because of a tie or with no candidate left, and
    elected candidacies of unknown gender, are ``undetermined``.
    """
    wanted = tuple(by)
    unknown = set(wanted) - {"council", "party", "district"}
    if unknown:
        raise InvalidArgument(f"by: {sorted(unknown)} not known; use council, party, district")
    name = council or ", ".join(sorted({d.election_id for d in result.districts})) or "council"
    rows: list[Representation] = []

    def row(seats: int, women: int, known: int, **extra: str | None) -> Representation:
        return Representation(
            council=name,
            seats=seats,
            women=women,
            source=source,
            date=date,
            chamber=result.chamber,
            region=extra.get("region", region),
            party=extra.get("party"),
            undetermined=seats - known,
        )

    if "council" in wanted:
        known_men = sum(
            1 for d in result.districts for c in d.elected.elected if c.gender is Gender.MALE
        )
        rows.append(row(result.seats, result.women, result.women + known_men))
    if "party" in wanted:
        seats: dict[str, int] = {}
        women: dict[str, int] = {}
        men: dict[str, int] = {}
        for d in result.districts:
            for p in d.elected.parties:
                if not p.seats:
                    continue
                seats[p.party] = seats.get(p.party, 0) + p.seats
                women[p.party] = women.get(p.party, 0) + p.women
                men[p.party] = men.get(p.party, 0) + sum(
                    1 for c in p.elected if c.gender is Gender.MALE
                )
        for party in sorted(seats):
            rows.append(row(seats[party], women[party], women[party] + men[party], party=party))
    if "district" in wanted:
        for d in result.districts:
            known = sum(1 for c in d.elected.elected if c.gender is not Gender.UNKNOWN)
            rows.append(row(d.seats, d.elected.women, known, region=d.district_id))
    return tuple(rows)


def from_popolo(
    persons: Iterable[Person],
    memberships: Iterable[Membership],
    organisations: Iterable[Organization] | Mapping[str, Organization],
    legislature_id: str,
    *,
    on: datetime.date,
    source: str,
    seats: int | None = None,
    chamber: Chamber | None = None,
    by_party: bool = True,
) -> tuple[Representation, ...]:
    """Women among the members of ``legislature_id`` on ``on``, from Popolo records.

    A member is a person with a membership of the legislature that may be in
    force on ``on`` (partial dates read generously). ``seats`` is the house
    size when known (empty seats are then ``undetermined``), else the number
    of members. A member's party is the party organisation she belongs to on
    ``on``; a member of none, or of more than one, counts under no party.
    """
    if not isinstance(organisations, Mapping):
        organisations = {o.id: o for o in organisations}
    legislature = organisations.get(legislature_id)
    name = legislature.name if legislature is not None else legislature_id
    parties = {
        oid
        for oid, o in organisations.items()
        if o.classification in (Classification.PARTY, Classification.PARTY_WING)
    }
    members: set[str] = set()
    party_of: dict[str, set[str]] = {}
    for m in memberships:
        if not m.may_be_active(on):
            continue
        if m.organization_id == legislature_id:
            members.add(m.person_id)
        elif m.organization_id in parties:
            party_of.setdefault(m.person_id, set()).add(m.organization_id)
    gender = {p.id: p.gender for p in persons}
    women = sum(1 for pid in members if gender.get(pid) is Gender.FEMALE)
    men = sum(1 for pid in members if gender.get(pid) is Gender.MALE)
    house = len(members) if seats is None else seats
    if house < len(members):
        raise InvalidRecord(
            f"{len(members)} members of {legislature_id!r} on {on}, more than {house} seats",
            what="Representation",
        )
    when = PartialDate.from_date(on)
    rows = [
        Representation(name, house, women, source, when, chamber, undetermined=house - women - men)
    ]
    if by_party:
        grouped: dict[str, list[str]] = {}
        for pid in members:
            held = party_of.get(pid, set())
            if len(held) == 1:
                grouped.setdefault(next(iter(held)), []).append(pid)
        for oid in sorted(grouped, key=lambda o: organisations[o].name):
            ids = grouped[oid]
            w = sum(1 for pid in ids if gender.get(pid) is Gender.FEMALE)
            k = sum(1 for pid in ids if gender.get(pid) is Gender.MALE)
            rows.append(
                Representation(
                    name,
                    len(ids),
                    w,
                    source,
                    when,
                    chamber,
                    party=organisations[oid].name,
                    undetermined=len(ids) - w - k,
                )
            )
    return tuple(rows)


def series(
    figures: Iterable[Representation],
) -> dict[tuple[str, str | None, str | None], tuple[Representation, ...]]:
    """Figures grouped by ``(council, region, party)``, each group in date order.

    Figures of one date from different sources are all kept, ordered by source:
    a series never merges or averages them.
    """
    groups: dict[tuple[str, str | None, str | None], list[Representation]] = {}
    for f in figures:
        groups.setdefault((f.council, f.region, f.party), []).append(f)

    def key(f: Representation) -> tuple[tuple[datetime.date, datetime.date], str]:
        when = f.date.sort_key() if f.date is not None else (datetime.date.min,) * 2
        return (when[0], when[1]), f.source

    return {
        k: tuple(sorted(v, key=key))
        for k, v in sorted(groups.items(), key=lambda kv: tuple(x or "" for x in kv[0]))
    }
