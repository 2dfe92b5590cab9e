"""Who is elected inside a party's seats in one district.

Open list (the rule since 2009): a party's seats go to its candidates with
the most personal votes, not to list order. The Constitutional Court struck
down the list-order rule of UU 10/2008 art. 214 in decision 22-24/PUU-VI/2008
(23 December 2008, believed); UU 7/2017 art. 422 (believed; the same words
are in PKPU 6/2024) sets "suara terbanyak": the most votes.

Ties on equal votes are data. With ``woman_priority`` (the default) a tie
between women and men goes to the women first: the rule KPU applied in 2014
(PKPU 29/2013 as amended, reported by the KPU Banten chair, Radar Banten,
17 April 2014), and in 2024 the step after vote spread (PKPU 6/2024 art. 29,
as reported). Any other tie stays open, its seats unfilled, unless an explicit
``tie_break`` decides it; input order never does.

Closed list (list order) is here as a counterfactual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Final, Literal

import attrs

from kppi_core.errors import InvalidSeatInput
from kppi_core.model import Candidacy, Gender
from kppi_core.seats.allocation import Allocation

__all__ = [
    "CLOSED_LIST",
    "OPEN_LIST",
    "CandidateTie",
    "CandidateTieBreak",
    "Elected",
    "ListOrder",
    "PartyElected",
    "by_list_position",
    "elect",
    "elect_party",
]

#: ``"open-list"`` (personal votes) or ``"closed-list"`` (list order).
ListOrder = Literal["open-list", "closed-list"]
OPEN_LIST: Final[ListOrder] = "open-list"
CLOSED_LIST: Final[ListOrder] = "closed-list"

#: ``(tied candidacies, seats) -> chosen``: an explicit decision of a tie.
CandidateTieBreak = Callable[[tuple[Candidacy, ...], int], Sequence[Candidacy]]


def by_list_position(tied: tuple[Candidacy, ...], seats: int) -> Sequence[Candidacy]:
    """A tie-break: the best-placed candidates on the list win.

    PKPU 6/2024 art. 29 (as reported) uses it as the last step, after vote
    spread and sex. Never applied unless passed as ``tie_break``.
    """
    return sorted(tied, key=lambda c: c.list_position)[:seats]


@attrs.frozen
class CandidateTie:
    """Candidates of one party tied on ``votes`` for ``seats`` seats.

    ``by_woman_priority`` names the women the 2014 rule gave seats to,
    ``by_tie_break`` those an explicit ``tie_break`` chose; the rest of the
    ``seats`` stay open (:attr:`open`).
    """

    party: str
    votes: int
    seats: int
    candidates: tuple[Candidacy, ...]
    by_woman_priority: tuple[Candidacy, ...] = ()
    by_tie_break: tuple[Candidacy, ...] = ()

    @property
    def open(self) -> int:
        """Seats of the tie nobody was given."""
        return self.seats - len(self.by_woman_priority) - len(self.by_tie_break)


@attrs.frozen
class PartyElected:
    """A party's seats in a district and who fills them.

    ``elected`` is in rank order (votes, or list order). ``vacant`` counts
    seats the list cannot fill (too few candidates); a tie's open seats are
    in ``tie``.
    """

    party: str
    seats: int
    elected: tuple[Candidacy, ...]
    tie: CandidateTie | None = None
    vacant: int = 0

    @property
    def open(self) -> int:
        """Seats left open by an undecided tie."""
        return 0 if self.tie is None else self.tie.open

    @property
    def women(self) -> int:
        """Elected candidacies that declare a woman."""
        return sum(1 for c in self.elected if c.gender is Gender.FEMALE)


@attrs.frozen
class Elected:
    """Who fills each party's seats in one district, under ``rule``."""

    election_id: str
    district_id: str
    rule: ListOrder
    woman_priority: bool
    parties: tuple[PartyElected, ...]

    @property
    def elected(self) -> tuple[Candidacy, ...]:
        """Every elected candidacy, party by party (parties sorted by name)."""
        return tuple(c for p in self.parties for c in p.elected)

    @property
    def women(self) -> int:
        """Elected women."""
        return sum(p.women for p in self.parties)

    @property
    def ties(self) -> tuple[CandidateTie, ...]:
        """Every tie met, decided or not."""
        return tuple(p.tie for p in self.parties if p.tie is not None)

    @property
    def open(self) -> int:
        """Seats left open by undecided ties."""
        return sum(p.open for p in self.parties)

    def party(self, name: str) -> PartyElected | None:
        """The result for party ``name``, if it won seats or stood."""
        for p in self.parties:
            if p.party == name:
                return p
        return None


def _rank_key(c: Candidacy) -> int:
    return c.list_position


def _decide(
    party: str,
    ranked: list[Candidacy],
    seats: int,
    woman_priority: bool,
    tie_break: CandidateTieBreak | None,
) -> tuple[tuple[Candidacy, ...], CandidateTie | None]:
    """The elected among ``ranked`` (votes descending) for ``seats`` seats, and any tie."""
    votes = [c.votes or 0 for c in ranked]
    cut = votes[seats - 1]
    above = [c for c, v in zip(ranked, votes, strict=True) if v > cut]
    tied = tuple(c for c, v in zip(ranked, votes, strict=True) if v == cut)
    at_stake = seats - len(above)
    if len(tied) == at_stake:
        return tuple(above) + tied, None
    tied = tuple(sorted(tied, key=_rank_key))  # a stable order to report, not to decide
    by_rule: tuple[Candidacy, ...] = ()
    left = tied
    genders = {c.gender for c in tied}
    if woman_priority and genders == {Gender.FEMALE, Gender.MALE}:
        women = tuple(c for c in tied if c.gender is Gender.FEMALE)
        if len(women) <= at_stake:
            by_rule = women
            left = tuple(c for c in tied if c.gender is not Gender.FEMALE)
        else:
            left = women  # the men are out; the women still tie among themselves
    need = at_stake - len(by_rule)
    chosen: tuple[Candidacy, ...] = ()
    if need and len(left) > need and tie_break is not None:
        chosen = tuple(tie_break(left, need))
        if len(chosen) != need or len(set(chosen)) != need or not set(chosen) <= set(left):
            raise InvalidSeatInput(
                f"tie_break for party {party!r} returned {len(chosen)} candidacies; "
                f"expected {need} distinct of the {len(left)} tied"
            )
        chosen = tuple(sorted(chosen, key=_rank_key))
    tie = CandidateTie(party, cut, at_stake, tied, by_rule, chosen)
    return tuple(above) + by_rule + chosen, tie


def elect_party(
    party: str,
    seats: int,
    candidacies: Iterable[Candidacy],
    rule: ListOrder = OPEN_LIST,
    *,
    woman_priority: bool = True,
    tie_break: CandidateTieBreak | None = None,
) -> PartyElected:
    """Fill ``party``'s ``seats`` from its ``candidacies`` under ``rule``.

    Open list ranks by personal votes (every candidacy needs ``votes``); when
    no candidate of the party has a vote, list order decides (PKPU 6/2024, as
    published). Closed list ranks by list position.
    """
    if type(seats) is not int or seats < 0:
        raise InvalidSeatInput(f"seats of party {party!r} must be an int >= 0, got {seats!r}")
    cands = sorted(candidacies, key=_rank_key)
    positions = [c.list_position for c in cands]
    if len(set(positions)) != len(positions):
        raise InvalidSeatInput(f"party {party!r}: two candidacies hold the same list position")
    for c in cands:
        if c.party != party:
            raise InvalidSeatInput(f"candidacy at position {c.list_position} is of {c.party!r}")
    if seats == 0:
        return PartyElected(party, 0, ())
    vacant = max(0, seats - len(cands))
    filled = seats - vacant
    if rule == CLOSED_LIST:
        return PartyElected(party, seats, tuple(cands[:filled]), vacant=vacant)
    if rule != OPEN_LIST:
        raise InvalidSeatInput(f"rule must be {OPEN_LIST!r} or {CLOSED_LIST!r}, got {rule!r}")
    missing = [c.list_position for c in cands if c.votes is None]
    if missing:
        raise InvalidSeatInput(
            f"party {party!r}: open list needs votes; none for list positions {missing}"
        )
    if filled == len(cands):
        ranked = sorted(cands, key=lambda c: -(c.votes or 0))
        return PartyElected(party, seats, tuple(ranked), vacant=vacant)
    if all(c.votes == 0 for c in cands):
        return PartyElected(party, seats, tuple(cands[:filled]), vacant=vacant)
    ranked = sorted(cands, key=lambda c: -(c.votes or 0))  # stable: ties decided in _decide
    elected, tie = _decide(party, ranked, filled, woman_priority, tie_break)
    return PartyElected(party, seats, elected, tie, vacant)


def elect(
    allocation: Allocation,
    candidacies: Iterable[Candidacy],
    rule: ListOrder = OPEN_LIST,
    *,
    woman_priority: bool = True,
    tie_break: CandidateTieBreak | None = None,
) -> Elected:
    """Who fills the seats ``allocation`` gave each party, from the district's candidacies.

    Every candidacy must be of one election and district. Parties with seats
    but no candidacies get their seats ``vacant``. See :func:`elect_party`.
    """
    by_party: dict[str, list[Candidacy]] = {}
    where: tuple[str, str] | None = None
    for c in candidacies:
        if not isinstance(c, Candidacy):
            raise InvalidSeatInput(f"candidacies must be Candidacy objects, got {c!r}")
        here = (c.election_id, c.district_id)
        if where is None:
            where = here
        elif here != where:
            raise InvalidSeatInput(
                f"candidacies of two districts given: {where[1]!r} and {here[1]!r}"
            )
        by_party.setdefault(c.party, []).append(c)
    seats = allocation.as_dict()
    parties = sorted(set(by_party) | {p for p, s in seats.items() if s})
    results = tuple(
        elect_party(
            p,
            seats.get(p, 0),
            by_party.get(p, ()),
            rule,
            woman_priority=woman_priority,
            tie_break=tie_break,
        )
        for p in parties
    )
    election_id, district_id = where if where is not None else ("", "")
    return Elected(election_id, district_id, rule, woman_priority, results)


def __getattr__(name: str) -> object:
    """Old names, deprecated: each use warns."""
    from kppi_core._deprecated import moved

    return moved(__name__, name, {"ListRule": ("kppi_core.seats.election", "ListOrder")})
