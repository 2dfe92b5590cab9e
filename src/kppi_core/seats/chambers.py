"""Chamber rule sets, and a whole election run district by district.

Each chamber's rules cite UU 7/2017 (the election law):

- DPR: parties below 4% of national valid votes take no part in the seat
  allocation (art. 414(1), art. 415(1)); seats are divided by pure
  Sainte-Laguë, divisors 1, 3, 5, 7, … (art. 415(2)); 3–10 seats a district.
- DPRD province and DPRD regency/city: every party takes part (art. 414(2));
  the same Sainte-Laguë division (art. 415(2)); 3–12 seats a district.
- Inside a party's seats, the most personal votes win (art. 422, believed):
  see :mod:`kppi_core.seats.election`.

A party's valid votes in a district are its candidates' votes plus the votes
cast for the party alone (``party_ballots``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final

import attrs

from kppi_core.errors import InvalidSeatInput
from kppi_core.i18n import N_
from kppi_core.model import Candidacy, Chamber, District
from kppi_core.seats.allocation import (
    DPR_THRESHOLD,
    DPRD_THRESHOLD,
    SAINTE_LAGUE,
    Allocation,
    DistrictAudit,
    Method,
    TieBreak,
    allocate,
    passing_parties,
)
from kppi_core.seats.election import OPEN_LIST, CandidateTieBreak, Elected, ListOrder, elect

__all__ = [
    "CHAMBER_RULES",
    "DPRD_PROVINCE_RULES",
    "DPRD_REGENCY_RULES",
    "DPR_RULES",
    "ChamberRules",
    "DistrictResult",
    "ElectionResult",
    "chamber_rules",
    "run_election",
]

#: The note on a district whose size is outside its chamber's range (English; the
#: reports show it in the reader's language from the numbers).
SEAT_NOTE = N_("{seats} seats: outside the {low}–{high} a {chamber} district has")


@attrs.frozen
class ChamberRules:
    """How one chamber's seats are allocated and filled, with the articles that say so."""

    chamber: Chamber
    title: str
    method: Method
    threshold: Fraction
    district_seats: tuple[int, int]
    sources: tuple[str, ...]


DPR_RULES: Final = ChamberRules(
    chamber=Chamber.DPR,
    title="DPR: 4% national threshold, Sainte-Laguë, most personal votes",
    method=SAINTE_LAGUE,
    threshold=DPR_THRESHOLD,
    district_seats=(3, 10),
    sources=(
        N_("UU 7/2017 art. 414(1): 4% threshold on national valid votes for DPR seats"),
        # TRANSLATORS: UNSURE: the text of UU 7/2017 Pasal 415 ayat (1) was not found in the
        # stored sources; the Indonesian says what the article is reported to say.
        N_("UU 7/2017 art. 415(1): parties below the threshold are left out in every district"),
        N_("UU 7/2017 art. 415(2): Sainte-Laguë divisors 1, 3, 5, 7, …"),
        # TRANSLATORS: UNSURE: Pasal 422 as believed (PKPU 6/2024 repeats 'ditetapkan
        # berdasarkan suara terbanyak'); not checked against the official text.
        N_("UU 7/2017 art. 422 (believed): candidates with the most votes fill the seats"),
    ),
)
"""The DPR (national parliament)."""

DPRD_PROVINCE_RULES: Final = ChamberRules(
    chamber=Chamber.DPRD_PROVINCE,
    title="DPRD province: no threshold, Sainte-Laguë, most personal votes",
    method=SAINTE_LAGUE,
    threshold=DPRD_THRESHOLD,
    district_seats=(3, 12),
    sources=(
        N_("UU 7/2017 art. 414(2): every party takes part in DPRD seats"),
        N_("UU 7/2017 art. 415(2): Sainte-Laguë divisors 1, 3, 5, 7, …"),
        N_("UU 7/2017 art. 422 (believed): candidates with the most votes fill the seats"),
    ),
)
"""Provincial councils (DPRD provinsi)."""

DPRD_REGENCY_RULES: Final = attrs.evolve(
    DPRD_PROVINCE_RULES,
    chamber=Chamber.DPRD_REGENCY,
    title="DPRD regency/city: no threshold, Sainte-Laguë, most personal votes",
)
"""Regency and city councils (DPRD kabupaten/kota)."""

#: The rule set of each chamber elected by party lists.
CHAMBER_RULES: Final[Mapping[Chamber, ChamberRules]] = {
    r.chamber: r for r in (DPR_RULES, DPRD_PROVINCE_RULES, DPRD_REGENCY_RULES)
}


def chamber_rules(chamber: Chamber | str) -> ChamberRules:
    """The rules of ``chamber`` (a :class:`Chamber` or a spelling ``Chamber.parse`` reads)."""
    if isinstance(chamber, str):
        chamber = Chamber.parse(chamber)
    try:
        return CHAMBER_RULES[chamber]
    except KeyError:
        raise InvalidSeatInput(
            f"chamber {chamber.value!r} is not elected by party lists; known: "
            + ", ".join(c.value for c in CHAMBER_RULES)
        ) from None


@attrs.frozen
class DistrictResult:
    """One district: its seats per party, who fills them, and the audit trail.

    ``audit`` is a field here (on :class:`Allocation` it is computed lazily),
    so the converter carries it. ``notes`` say what a reader should know
    (a district size outside the chamber's range, say).
    """

    election_id: str
    district_id: str
    seats: int
    allocation: Allocation
    audit: DistrictAudit
    elected: Elected
    notes: tuple[str, ...] = ()

    @property
    def unresolved(self) -> int:
        """Seats left open by an undecided tie, between parties or between candidates."""
        parties = sum(t.seats for t in self.allocation.ties if not t.chosen)
        return parties + self.elected.open


@attrs.frozen
class ElectionResult:
    """A whole election: the rules used and every district's result.

    ``threshold_basis`` is ``"national"`` when national totals were given,
    ``"districts"`` when the threshold was measured on the districts given
    (only a stand-in for the national count), ``"none"`` with no threshold.
    """

    chamber: Chamber | None
    method: str
    threshold: Fraction
    threshold_basis: str
    rule: ListOrder
    woman_priority: bool
    passing: tuple[str, ...]
    districts: tuple[DistrictResult, ...]
    sources: tuple[str, ...] = ()

    @property
    def seats(self) -> int:
        """Seats in every district together."""
        return sum(d.seats for d in self.districts)

    @property
    def women(self) -> int:
        """Women elected in every district together."""
        return sum(d.elected.women for d in self.districts)

    @property
    def unresolved(self) -> int:
        """Seats left open by undecided ties."""
        return sum(d.unresolved for d in self.districts)


def _districts_by_key(districts: Iterable[District]) -> dict[tuple[str, str], District]:
    """The districts by ``(election_id, district_id)``; one given twice must agree."""
    seats_of: dict[tuple[str, str], District] = {}
    for d in districts:
        key = (d.election_id, d.id)
        if key in seats_of and seats_of[key].seats != d.seats:
            raise InvalidSeatInput(
                f"district {d.id!r} given twice, with {seats_of[key].seats} and {d.seats} seats"
            )
        seats_of[key] = d
    return seats_of


def _candidacies_by_district(
    seats_of: Mapping[tuple[str, str], District], candidacies: Iterable[Candidacy]
) -> dict[tuple[str, str], list[Candidacy]]:
    """The candidacies of each district; one in no district given is an error."""
    by_district: dict[tuple[str, str], list[Candidacy]] = {k: [] for k in seats_of}
    for c in candidacies:
        key = (c.election_id, c.district_id)
        if key not in by_district:
            raise InvalidSeatInput(f"candidacy in district {c.district_id!r}: no such district")
        by_district[key].append(c)
    return by_district


def _party_votes(
    by_district: Mapping[tuple[str, str], list[Candidacy]],
    ballots: Mapping[tuple[str, str], int],
    rule: ListOrder,
) -> dict[tuple[str, str], dict[str, int]]:
    """Each district's votes by party: its candidates' and its party-only ballots."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for key, cands in by_district.items():
        v: dict[str, int] = {}
        for c in cands:
            if c.votes is None and rule == OPEN_LIST:
                raise InvalidSeatInput(
                    f"district {key[1]!r}, party {c.party!r}, list position "
                    f"{c.list_position}: no votes"
                )
            v[c.party] = v.get(c.party, 0) + (c.votes or 0)
        for (district_id, party), n in ballots.items():
            if district_id == key[1]:
                v[party] = v.get(party, 0) + n
        votes[key] = v
    return votes


def _passing(
    votes: Mapping[tuple[str, str], Mapping[str, int]],
    threshold: Fraction,
    national_votes: Mapping[str, int] | None,
) -> tuple[str, list[str]]:
    """What the threshold is measured on (``none``, ``national``, ``districts``)
    and the parties that pass it, sorted."""
    if threshold == 0:
        return "none", sorted({p for v in votes.values() for p in v})
    basis = "national" if national_votes is not None else "districts"
    totals = dict(national_votes or {})
    if national_votes is None:
        for v in votes.values():
            for p, n in v.items():
                totals[p] = totals.get(p, 0) + n
    return basis, sorted(passing_parties(totals, threshold))


def _seat_notes(rules: ChamberRules | None, district: District) -> tuple[str, ...]:
    """A note when the district's seats are outside what its chamber's districts have."""
    if rules is None:
        return ()
    low, high = rules.district_seats
    if low <= district.seats <= high:
        return ()
    return (
        SEAT_NOTE.format(seats=district.seats, low=low, high=high, chamber=rules.chamber.value),
    )


def run_election(
    districts: Iterable[District],
    candidacies: Iterable[Candidacy],
    rules: ChamberRules | None = DPRD_REGENCY_RULES,
    *,
    method: Method | None = None,
    threshold: Fraction | None = None,
    national_votes: Mapping[str, int] | None = None,
    party_ballots: Mapping[tuple[str, str], int] | None = None,
    rule: ListOrder = OPEN_LIST,
    woman_priority: bool = True,
    tie_break: TieBreak | None = None,
    candidate_tie_break: CandidateTieBreak | None = None,
) -> ElectionResult:
    """Allocate every district's seats and elect its candidates.

    ``method`` and ``threshold`` override the chamber's (``rules=None`` means
    Sainte-Laguë and no threshold unless given). The threshold is measured
    on ``national_votes`` when given, otherwise on the parties' totals over
    the districts given. ``party_ballots[(district_id, party)]`` adds the
    votes cast for a party alone. A party's seats are capped at its number of
    candidacies. Districts and candidacies match on ``(election_id, district_id)``.
    """
    method = method or (rules.method if rules else SAINTE_LAGUE)
    if threshold is None:
        threshold = rules.threshold if rules else Fraction(0)
    seats_of = _districts_by_key(districts)
    by_district = _candidacies_by_district(seats_of, candidacies)
    votes = _party_votes(by_district, dict(party_ballots or {}), rule)
    basis, passing = _passing(votes, threshold, national_votes)
    eligible = frozenset(passing)
    results = []
    for key in sorted(seats_of):
        district = seats_of[key]
        cands = by_district[key]
        caps: dict[str, int] = {}
        for c in cands:
            caps[c.party] = caps.get(c.party, 0) + 1
        allocation = allocate(
            votes[key],
            district.seats,
            method,
            eligible=eligible,
            caps={p: caps.get(p, 0) for p in votes[key]},
            tie_break=tie_break,
        )
        elected = elect(
            allocation,
            cands,
            rule,
            woman_priority=woman_priority,
            tie_break=candidate_tie_break,
        )
        if not cands:
            elected = attrs.evolve(elected, election_id=key[0], district_id=key[1])
        notes = _seat_notes(rules, district)
        results.append(
            DistrictResult(
                key[0], key[1], district.seats, allocation, allocation.audit, elected, notes
            )
        )
    return ElectionResult(
        chamber=rules.chamber if rules else None,
        method=method.id,
        threshold=Fraction(threshold),
        threshold_basis=basis,
        rule=rule,
        woman_priority=woman_priority,
        passing=tuple(passing),
        districts=tuple(results),
        sources=rules.sources if rules else (),
    )
