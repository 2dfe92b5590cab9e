"""KPPI's own indicators on candidate lists: figures to watch, not legal rules.

Women at list position 1 (*nomor urut 1*): the law asks for at least one woman
in every three positions (UU 7/2017 art. 246(2)) and for 30% women on each list
(art. 245); it says nothing of who heads a list. Yet voters see position 1
first, and parties put there whom they mean to elect. KPPI counts, per party,
the share of its lists it heads with a woman. No verdict rests on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs

from kppi_core.model import Gender
from kppi_core.quota.facts import ListFacts

__all__ = ["ListHead", "ListHeads", "PartyHeads", "list_heads"]

_CODE = {Gender.FEMALE: "P", Gender.MALE: "L", Gender.UNKNOWN: "?"}


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


@attrs.frozen
class ListHeads:
    """The indicator over a set of lists: each list, each party, and all."""

    lists: tuple[ListHead, ...]
    parties: tuple[PartyHeads, ...]
    total: PartyHeads


def _head(facts: ListFacts, seen: dict[str, str]) -> ListHead:
    head: Gender | None = None
    for position, gender in zip(facts.positions, facts.genders, strict=True):
        if position == 1:
            head = gender
            break
    sexes = "".join(map(_CODE.__getitem__, facts.genders))
    sexes = seen.setdefault(sexes, sexes)  # lists share a few thousand sequences: one string each
    return ListHead(facts.election_id, facts.district_id, facts.party, head, sexes)


def _tally(party: str, heads: list[ListHead]) -> PartyHeads:
    women = sum(1 for h in heads if h.head is Gender.FEMALE)
    men = sum(1 for h in heads if h.head is Gender.MALE)
    return PartyHeads(party, len(heads), women, men, len(heads) - women - men)


def list_heads(lists: Iterable[ListFacts]) -> ListHeads:
    """Women at position 1 of ``lists``: per list, per party (by name), and overall.

    A list without a position 1, or whose position 1 is not stated, counts as
    ``unknown`` — never as a man's."""
    seen: dict[str, str] = {}
    heads = [_head(f, seen) for f in lists]
    by_party: dict[str, list[ListHead]] = {}
    for h in heads:
        by_party.setdefault(h.party, []).append(h)
    parties = tuple(_tally(p, by_party[p]) for p in sorted(by_party))
    return ListHeads(tuple(heads), parties, _tally("", heads))
