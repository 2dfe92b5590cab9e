"""The facts of one candidate list: the reduced view readers build and quota rules read.

A reader (or :func:`kppi_core.reading.lists_read`) turns the rows of a party's
list in one district into a :class:`ListFacts`; the quota engine reads only
that. It lives in the model, below both, so the plugin contract and the
readers need no rules-layer type.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import attrs

from kppi_core.model.elections import CandidateList
from kppi_core.model.gender import Gender

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kppi_core.rejections import Rejection

__all__ = ["ListFacts", "place_rejections"]


_ONE_TO = [tuple(range(1, n + 1)) for n in range(33)]


def one_to(n: int) -> tuple[int, ...]:
    """``(1, 2, …, n)``, one shared tuple for the list lengths that occur."""
    return _ONE_TO[n] if n < len(_ONE_TO) else tuple(range(1, n + 1))


@attrs.frozen
class ListFacts:
    """One party's list in one district, reduced to what the quota law looks at.

    ``positions`` and ``genders`` are aligned and sorted by position; a
    position may repeat when the source repeated it (the ``list-numbering``
    rule reports that). ``rejected`` holds the rows that could not be read
    and could belong to this list: a verdict on such a list is at best
    undetermined (see :func:`kppi_core.reading.lists_read`).
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
        object.__setattr__(self, "regular", self.positions == one_to(len(self.positions)))

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
        if pos == one_to(len(pos)):
            pos = one_to(len(pos))  # one shared tuple per length
        elif any(a >= b for a, b in itertools.pairwise(pos)):
            pairs = sorted(zip(pos, sexes, strict=True), key=lambda r: r[0])
            pos, sexes = tuple(p for p, _ in pairs), tuple(g for _, g in pairs)
        return cls(key[0], key[1], key[2], seats, pos, sexes, tuple(rejected))


def _parts(r: Rejection) -> tuple[str | None, str | None, str | None] | None:
    """What is known of the list of a rejected record: ``(election, district,
    party)``, each None when unknown; None when it cannot be a list's row."""
    w = r.where
    if w is None:
        return (None, None, None)
    if not w.may_be_list_row:
        return None
    return (w.election or None, w.district or None, w.party or None)


def place_rejections(
    lists: Iterable[ListFacts], rejected: Sequence[Rejection]
) -> tuple[tuple[ListFacts, ...], int]:
    """The verdict rule: ``lists`` with every rejection that could belong to a
    list attached to each list it could belong to, and how many rejections
    could not be placed in one list.

    A rejection whose list is known joins that list (made, with no rows, when
    every row of it was rejected, after the others); one known in part joins
    every list matching the parts known; one with nothing known joins every
    list. A rejection already attached is not attached again.
    """
    exact: dict[tuple[str, str, str], list[Rejection]] = {}
    partial: list[tuple[tuple[str | None, str | None, str | None], Rejection]] = []
    for r in rejected:
        parts = _parts(r)
        if parts is None:
            continue
        if parts[0] and parts[1] and parts[2]:
            exact.setdefault(parts, []).append(r)  # type: ignore[arg-type]
        else:
            partial.append((parts, r))
    if not exact and not partial:
        return tuple(lists), 0
    order = {id(r): i for i, r in enumerate(rejected)}
    out: list[ListFacts] = []
    seen: set[tuple[str, str, str]] = set()
    for facts in lists:
        key = facts.key
        seen.add(key)
        extra = list(exact.get(key, ()))
        extra += [r for parts, r in partial if _matches(parts, key)]
        have = {id(x) for x in facts.rejected}
        new = [x for x in extra if id(x) not in have]
        if new:
            both = sorted((*facts.rejected, *new), key=lambda x: order.get(id(x), -1))
            facts = attrs.evolve(facts, rejected=tuple(both))
        out.append(facts)
    for key, rows in exact.items():
        if key not in seen:
            # Every row of this list was rejected: the list still exists, unread.
            rows += [r for parts, r in partial if _matches(parts, key)]
            rows.sort(key=lambda x: order.get(id(x), -1))
            out.append(ListFacts(*key, None, (), (), tuple(rows)))
    return tuple(out), len(partial)


def _matches(parts: tuple[str | None, str | None, str | None], key: tuple[str, str, str]) -> bool:
    return all(p is None or p == k for p, k in zip(parts, key, strict=True))


def __getattr__(name: str) -> object:
    """``trusted_facts``, deprecated: the trusted constructors live in
    :mod:`kppi_core.model._trusted` (``list_facts``)."""
    from kppi_core._deprecated import moved

    return moved(__name__, name, {"trusted_facts": ("kppi_core.model._trusted", "list_facts")})
