"""The facts a quota rule reads about one candidate list."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from kppi_core.model import CandidateList, Gender
from kppi_core.model._slots import setters
from kppi_core.rejections import Rejection

__all__ = ["ListFacts"]


_ONE_TO = [tuple(range(1, n + 1)) for n in range(33)]


def _one_to(n: int) -> tuple[int, ...]:
    """``(1, 2, …, n)``, kept for the list lengths that occur."""
    return _ONE_TO[n] if n < len(_ONE_TO) else tuple(range(1, n + 1))


@attrs.frozen
class ListFacts:
    """One party's list in one district, reduced to what the quota law looks at.

    ``positions`` and ``genders`` are aligned and sorted by position; a
    position may repeat when the source repeated it (the ``list-numbering``
    rule reports that). ``rejected`` holds the rows of this list that could
    not be read: a verdict on such a list is at best undetermined.
    """

    election_id: str
    district_id: str
    party: str
    seats: int | None
    positions: tuple[int, ...]
    genders: tuple[Gender, ...]
    rejected: tuple[Rejection, ...] = ()
    women: int = attrs.field(init=False)
    unknown: int = attrs.field(init=False)
    #: Whether the positions are exactly 1..n (the usual case, checked once).
    regular: bool = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "women", self.genders.count(Gender.FEMALE))
        object.__setattr__(self, "unknown", self.genders.count(Gender.UNKNOWN))
        object.__setattr__(self, "regular", self.positions == _one_to(len(self.positions)))

    @property
    def key(self) -> tuple[str, str, str]:
        """``(election_id, district_id, party)``."""
        return (self.election_id, self.district_id, self.party)

    @property
    def candidates(self) -> int:
        """How many candidates the party submitted (rows, repeats included)."""
        return len(self.positions)

    @classmethod
    def of(cls, candidate_list: CandidateList, seats: int | None = None) -> ListFacts:
        """The facts of a model :class:`~kppi_core.CandidateList`."""
        cs = candidate_list.candidacies
        return cls(
            candidate_list.election_id,
            candidate_list.district_id,
            candidate_list.party,
            candidate_list.seats if seats is None else seats,
            tuple(c.list_position for c in cs),
            tuple(c.gender for c in cs),
        )

    @classmethod
    def build(
        cls,
        key: tuple[str, str, str],
        seats: int | None,
        positions: Sequence[int],
        genders: Sequence[Gender],
        rejected: Sequence[Rejection] = (),
    ) -> ListFacts:
        """Facts from aligned positions and genders in any order."""
        pos, sexes = tuple(positions), tuple(genders)
        if pos == _one_to(len(pos)):
            pos = _one_to(len(pos))  # one shared tuple per length
        elif any(a >= b for a, b in itertools.pairwise(pos)):
            pairs = sorted(zip(pos, sexes, strict=True), key=lambda r: r[0])
            pos, sexes = tuple(p for p, _ in pairs), tuple(g for _, g in pairs)
        return cls(key[0], key[1], key[2], seats, pos, sexes, tuple(rejected))


_FIELDS = (
    "election_id", "district_id", "party", "seats", "positions", "genders", "rejected",
    "women", "unknown", "regular",
)  # fmt: skip


_SET = setters(ListFacts, _FIELDS)


def trusted_facts(
    key: tuple[str, str, str],
    seats: int | None,
    positions: tuple[int, ...],
    genders: tuple[Gender, ...],
    women: int,
    unknown: int,
) -> ListFacts:
    """A :class:`ListFacts` of a list with no rows rejected and positions exactly
    ``1..n``, from counts its reader already knows, its slots set directly.

    For readers only: no checking at all. The values must be what the public
    constructor would compute (``women`` and ``unknown`` the counts of those
    sexes); the objects are then equal to its (a test compares them)."""
    facts: ListFacts = object.__new__(ListFacts)
    e, d, p, s, pos, sex, rej, w, u, reg = _SET
    e(facts, key[0])
    d(facts, key[1])
    p(facts, key[2])
    s(facts, seats)
    pos(facts, positions)
    sex(facts, genders)
    rej(facts, ())
    w(facts, women)
    u(facts, unknown)
    reg(facts, True)
    return facts
