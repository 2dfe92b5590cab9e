"""What-ifs: how many women other rules, or a few votes, would elect.

- :func:`compare_rules`: women elected per district under the open list (the
  law), the closed list (list order), and a closed list where every party put
  its strongest woman first (:func:`strongest_woman_first`). The seats per
  party stay those the votes gave; only who fills them changes.
- :func:`smallest_vote_shift`: the fewest votes that, moved from one
  candidate to a woman **of the same party** in the same district, elect one
  more woman there.

Definition of the smallest vote shift. For a district whose seats per party
are fixed (moving votes inside a party leaves every party's total, hence the
allocation, unchanged), a *shift* moves ``k >= 1`` votes from a candidacy
``X`` (the donor, ``k <= votes(X)``) to a woman ``W`` of the same party who
is not elected. It *elects one more woman* when the number of women the open
list rule elects in that party (ties decided as the election decides them:
the woman rule, the explicit tie-break, or left open, open seats electing
nobody) is larger after the shift than before. The smallest shift has the
least ``k``; among equal ``k``, the first by party name, then the woman's
list position, then the donor's. ``None`` when no shift does it (no party
with seats has a woman left out, say).

Exact: the number elected changes only where ``votes(W) + k`` or
``votes(X) − k`` meets another candidate's votes, or they meet each other;
every such point and the first whole number after it are tried, in order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

import attrs

from kppi_core.model import Candidacy, Gender
from kppi_core.seats.allocation import Allocation
from kppi_core.seats.chambers import ElectionResult
from kppi_core.seats.election import (
    CLOSED_LIST,
    OPEN_LIST,
    CandidateTieBreak,
    elect,
    elect_party,
)

__all__ = [
    "DistrictWhatIf",
    "VoteShift",
    "WhatIf",
    "compare_rules",
    "smallest_vote_shift",
    "strongest_woman_first",
]


def strongest_woman_first(candidacies: Iterable[Candidacy]) -> tuple[Candidacy, ...]:
    """Every party list with its strongest woman moved to position 1.

    The strongest woman has the most personal votes (the best-placed one
    among equals); the others keep their order behind her, renumbered 1..n
    in list order. Lists without a woman are renumbered only.
    """
    by_list: dict[tuple[str, str, str], list[Candidacy]] = {}
    for c in candidacies:
        by_list.setdefault((c.election_id, c.district_id, c.party), []).append(c)
    out: list[Candidacy] = []
    for cands in by_list.values():
        cands.sort(key=lambda c: c.list_position)
        women = [c for c in cands if c.gender is Gender.FEMALE]
        if women:
            best = min(women, key=lambda c: (-(c.votes or 0), c.list_position))
            cands.remove(best)
            cands.insert(0, best)
        out.extend(attrs.evolve(c, list_position=i) for i, c in enumerate(cands, 1))
    return tuple(out)


@attrs.frozen
class VoteShift:
    """``votes`` moved from ``donor`` to ``recipient`` (a woman of the same party)
    raise the women the party elects from ``women_before`` to ``women_after``."""

    party: str
    donor: Candidacy
    recipient: Candidacy
    votes: int
    women_before: int
    women_after: int


@attrs.frozen
class DistrictWhatIf:
    """Women one district elects under each rule, and the smallest vote shift."""

    election_id: str
    district_id: str
    seats: int
    open_list: int
    closed_list: int
    woman_first: int
    shift: VoteShift | None


@attrs.frozen
class WhatIf:
    """The what-ifs of every district of an election."""

    districts: tuple[DistrictWhatIf, ...]

    @property
    def seats(self) -> int:
        """Seats in every district together."""
        return sum(d.seats for d in self.districts)

    @property
    def open_list(self) -> int:
        """Women the open list elects."""
        return sum(d.open_list for d in self.districts)

    @property
    def closed_list(self) -> int:
        """Women the closed list would elect."""
        return sum(d.closed_list for d in self.districts)

    @property
    def woman_first(self) -> int:
        """Women a closed list with each party's strongest woman first would elect."""
        return sum(d.woman_first for d in self.districts)


def _women(
    votes: Sequence[int],
    genders: Sequence[Gender],
    positions: Sequence[int],
    seats: int,
    woman_priority: bool,
) -> int:
    """Women :func:`elect_party` elects (open list, no tie-break), on plain numbers."""
    n = len(votes)
    if seats >= n:
        return sum(1 for g in genders if g is Gender.FEMALE)
    if not any(votes):
        order = sorted(range(n), key=lambda i: positions[i])
        return sum(1 for i in order[:seats] if genders[i] is Gender.FEMALE)
    ranked = sorted(votes, reverse=True)
    cut = ranked[seats - 1]
    above = [i for i in range(n) if votes[i] > cut]
    tied = [i for i in range(n) if votes[i] == cut]
    women = sum(1 for i in above if genders[i] is Gender.FEMALE)
    at_stake = seats - len(above)
    tied_women = sum(1 for i in tied if genders[i] is Gender.FEMALE)
    if len(tied) == at_stake:
        return women + tied_women
    kinds = {genders[i] for i in tied}
    if woman_priority and kinds == {Gender.FEMALE, Gender.MALE} and tied_women <= at_stake:
        return women + tied_women
    return women


def _steps(w: int, x: int, others: Iterable[int]) -> Iterator[int]:
    """Every ``k`` in ``1..x`` where moving ``k`` votes from ``x`` to ``w`` may change the
    outcome: each meeting point, and the first whole number after it; ascending."""
    points = {Fraction(x - w, 2)}
    for v in others:
        points.add(Fraction(v - w))
        points.add(Fraction(x - v))
    ks = {1}
    for p in points:
        if p.denominator == 1:
            ks.add(int(p))
        ks.add(math.floor(p) + 1)
    return iter(sorted(k for k in ks if 1 <= k <= x))


def _party_shift(
    party: str,
    seats: int,
    cands: list[Candidacy],
    woman_priority: bool,
    tie_break: CandidateTieBreak | None,
    best: int | None,
) -> VoteShift | None:
    cands = sorted(cands, key=lambda c: c.list_position)
    votes = [c.votes or 0 for c in cands]
    genders = [c.gender for c in cands]
    positions = [c.list_position for c in cands]

    def women(vs: list[int]) -> int:
        if tie_break is None:
            return _women(vs, genders, positions, seats, woman_priority)
        shifted = [attrs.evolve(c, votes=v) for c, v in zip(cands, vs, strict=True)]
        return elect_party(
            party, seats, shifted, OPEN_LIST, woman_priority=woman_priority, tie_break=tie_break
        ).women

    before = women(votes)
    decided = set(
        elect_party(
            party, seats, cands, OPEN_LIST, woman_priority=woman_priority, tie_break=tie_break
        ).elected
    )
    found: VoteShift | None = None
    for wi, w in enumerate(cands):
        if w.gender is not Gender.FEMALE or w in decided:
            continue
        for xi, x in enumerate(cands):
            if xi == wi or votes[xi] == 0:
                continue
            others = [v for i, v in enumerate(votes) if i not in (wi, xi)]
            for k in _steps(votes[wi], votes[xi], others):
                if best is not None and k >= best:
                    break
                vs = list(votes)
                vs[wi] += k
                vs[xi] -= k
                after = women(vs)
                if after > before:
                    found = VoteShift(party, x, w, k, before, after)
                    best = k
                    break
    return found


def smallest_vote_shift(
    allocation: Allocation,
    candidacies: Iterable[Candidacy],
    *,
    woman_priority: bool = True,
    tie_break: CandidateTieBreak | None = None,
) -> VoteShift | None:
    """The fewest votes moved inside one party that elect one more woman (see the module).

    ``allocation`` gives the seats per party; ``candidacies`` are the
    district's, each with ``votes``.
    """
    by_party: dict[str, list[Candidacy]] = {}
    for c in candidacies:
        by_party.setdefault(c.party, []).append(c)
    best: VoteShift | None = None
    for party in sorted(by_party):
        seats = allocation.seats_of(party)
        if seats == 0:
            continue
        shift = _party_shift(
            party,
            seats,
            by_party[party],
            woman_priority,
            tie_break,
            None if best is None else best.votes,
        )
        if shift is not None and (best is None or shift.votes < best.votes):
            best = shift
    return best


def compare_rules(
    result: ElectionResult,
    candidacies: Iterable[Candidacy],
    *,
    tie_break: CandidateTieBreak | None = None,
    shifts: bool = True,
) -> WhatIf:
    """For each district of ``result``: women elected under the open list, the
    closed list and the strongest-woman-first closed list, and (``shifts``)
    the smallest vote shift. ``candidacies`` are the ones ``result`` was run on."""
    by_district: dict[tuple[str, str], list[Candidacy]] = {}
    for c in candidacies:
        by_district.setdefault((c.election_id, c.district_id), []).append(c)
    rows = []
    for d in result.districts:
        cands = by_district.get((d.election_id, d.district_id), [])
        opened = d.elected.women
        if result.rule != OPEN_LIST and cands:
            opened = elect(
                d.allocation,
                cands,
                OPEN_LIST,
                woman_priority=result.woman_priority,
                tie_break=tie_break,
            ).women
        closed = elect(d.allocation, cands, CLOSED_LIST).women if cands else 0
        first = elect(d.allocation, strongest_woman_first(cands), CLOSED_LIST).women if cands else 0
        shift = None
        if shifts and cands:
            shift = smallest_vote_shift(
                d.allocation, cands, woman_priority=result.woman_priority, tie_break=tie_break
            )
        rows.append(
            DistrictWhatIf(d.election_id, d.district_id, d.seats, opened, closed, first, shift)
        )
    return WhatIf(tuple(rows))
