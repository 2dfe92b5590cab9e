"""KPPI's own indicators on candidate lists: figures to watch, not legal rules.

Women at list position 1 (*nomor urut 1*): the law asks for at least one woman
in every three positions (UU 7/2017 art. 246(2)) and for 30% women on each list
(art. 245); it says nothing of who heads a list. Yet voters see position 1
first, and parties put there whom they mean to elect. KPPI counts, per party,
the share of its lists it heads with a woman. No verdict rests on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import overload

import attrs

from kppi_core.model import Gender
from kppi_core.quota.facts import ListFacts

__all__ = ["HeadRow", "ListHead", "ListHeads", "PartyHeads", "list_heads"]

_CODE = {Gender.FEMALE: "P", Gender.MALE: "L", Gender.UNKNOWN: "?"}

#: One list as plain values: ``(election_id, district_id, party, head, sexes)``.
HeadRow = tuple[str, str, str, "Gender | None", str]


@attrs.frozen
class ListHead:
    """One list: who is at position 1, and each position's sex in order.

    ``head`` is ``None`` when no candidate holds position 1. ``sexes`` has one
    letter per candidate, by position: ``P`` (perempuan), ``L`` (laki-laki),
    ``?`` (not stated)."""

    election_id: str
    district_id: str
    party: str
    head: Gender | None
    sexes: str


@attrs.frozen
class PartyHeads:
    """How many of a party's lists a woman, a man, or nobody known heads."""

    party: str
    lists: int
    women: int
    men: int
    unknown: int

    @property
    def share(self) -> Fraction | None:
        """The share of the party's lists headed by a woman (``None`` for no list)."""
        return Fraction(self.women, self.lists) if self.lists else None


class _Lists(Sequence[ListHead]):
    """The lists of :func:`list_heads`, kept as columns (a national file has tens
    of thousands): a :class:`ListHead` is made when one is asked for. Equal to a
    tuple of the same :class:`ListHead` objects."""

    __slots__ = ("_columns",)

    def __init__(
        self, columns: tuple[list[str], list[str], list[str], list[Gender | None], list[str]]
    ) -> None:
        self._columns = columns

    def __len__(self) -> int:
        return len(self._columns[0])

    @overload
    def __getitem__(self, index: int) -> ListHead: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[ListHead, ...]: ...
    def __getitem__(self, index: int | slice) -> ListHead | tuple[ListHead, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        e, d, p, h, s = self._columns
        return ListHead(e[index], d[index], p[index], h[index], s[index])

    def __iter__(self) -> Iterator[ListHead]:
        return (ListHead(*row) for row in self.rows())

    def rows(self) -> Iterator[HeadRow]:
        return zip(*self._columns, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Lists):
            return self._columns == other._columns
        return isinstance(other, tuple) and tuple(self) == other

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@attrs.frozen
class ListHeads:
    """The indicator over a set of lists: each list, each party, and all.

    ``lists`` is a sequence of :class:`ListHead` (from :func:`list_heads`, made
    one by one as they are read: :meth:`rows` gives the same as plain tuples)."""

    lists: Sequence[ListHead]
    parties: tuple[PartyHeads, ...]
    total: PartyHeads

    def rows(self) -> Iterator[HeadRow]:
        """Each list as ``(election_id, district_id, party, head, sexes)``, in order."""
        if isinstance(self.lists, _Lists):
            return self.lists.rows()
        return ((h.election_id, h.district_id, h.party, h.head, h.sexes) for h in self.lists)


def _head(facts: ListFacts) -> Gender | None:
    """Who is at position 1 of ``facts``."""
    if facts.regular:  # positions exactly 1..n
        return facts.genders[0] if facts.genders else None
    for position, gender in zip(facts.positions, facts.genders, strict=True):
        if position == 1:
            return gender
    return None


def list_heads(lists: Iterable[ListFacts]) -> ListHeads:
    """Women at position 1 of ``lists``: per list, per party (by name), and overall.

    A list without a position 1, or whose position 1 is not stated, counts as
    ``unknown`` — never as a man's."""
    columns: tuple[list[str], list[str], list[str], list[Gender | None], list[str]] = (
        [], [], [], [], []
    )  # fmt: skip
    elections, districts, parties, heads, sexes = columns
    # Lists share a few thousand sequences of sexes: one string each, made once.
    seen: dict[tuple[Gender, ...], str] = {}
    tally: dict[str, list[int]] = {}  # party: [lists, women, men]
    for facts in lists:
        genders = facts.genders
        text = seen.get(genders)
        if text is None:
            text = seen[genders] = "".join(map(_CODE.__getitem__, genders))
        head = _head(facts)
        elections.append(facts.election_id)
        districts.append(facts.district_id)
        parties.append(facts.party)
        heads.append(head)
        sexes.append(text)
        counts = tally.get(facts.party)
        if counts is None:
            counts = tally[facts.party] = [0, 0, 0]
        counts[0] += 1
        if head is Gender.FEMALE:
            counts[1] += 1
        elif head is Gender.MALE:
            counts[2] += 1
    by_party = tuple(_party(p, *tally[p]) for p in sorted(tally))
    total = _party("", *(sum(c[i] for c in tally.values()) for i in range(3)))
    return ListHeads(_Lists(columns), by_party, total)


def _party(party: str, lists: int, women: int, men: int) -> PartyHeads:
    return PartyHeads(party, lists, women, men, lists - women - men)
