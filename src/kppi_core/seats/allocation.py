"""Seat allocation for one electoral district (daerah pemilihan), exactly.

Indonesia's legislative seats are divided among parties in each district by
the pure Sainte-Laguë method, divisors 1, 3, 5, 7, … (UU 7/2017 art. 415(2)),
after parties below the national threshold are set aside (art. 414: 4% of
national valid votes for the DPR, none for the DPRD). D'Hondt, modified
Sainte-Laguë and largest remainder with the Hare quota are here too, for
comparison and for history.

All arithmetic is exact (``int`` and :class:`fractions.Fraction`). Ties are
data: when the last seats fall on equal quotients for more parties than there
are seats, the tie is reported and those seats stay unassigned unless an
explicit ``tie_break`` is given.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import Final, Literal

import attrs

from kppi_core.errors import InvalidSeatInput
from kppi_core.i18n import N_

__all__ = [
    "DHONDT",
    "DPRD_THRESHOLD",
    "DPR_THRESHOLD",
    "HARE",
    "METHODS",
    "MODIFIED_SAINTE_LAGUE",
    "SAINTE_LAGUE",
    "Allocation",
    "DistrictAudit",
    "DivisorSolution",
    "InvalidSeatInput",
    "Method",
    "QuotientRow",
    "SeatAward",
    "Tie",
    "TieBreak",
    "Unfilled",
    "allocate",
    "find_divisor",
    "passing_parties",
]

#: A drawn order of party names, or a function ``(tied_parties, seats) -> chosen``.
TieBreak = Sequence[str] | Callable[[tuple[str, ...], int], Sequence[str]]

#: Above this house size the fast path compares Fractions instead of scaled ints.
_SCALED_MAX_SEATS: Final = 256


# --------------------------------------------------------------------------- methods


@attrs.frozen
class Method:
    """A seat-allocation method, known by a stable ``id``.

    Divisor (highest-averages) methods have ``kind == "divisor"`` and the
    divisor sequence ``d(1) = first``, ``d(j) = base + step * (j - 1)`` for
    ``j >= 2``. The largest-remainder method has ``kind == "quota"``.
    """

    id: str
    name: str
    kind: Literal["divisor", "quota"]
    source: str
    first: Fraction = Fraction(1)
    base: int = 1
    step: int = 1

    def divisor(self, j: int) -> Fraction:
        """The divisor for a party's ``j``-th seat (``j >= 1``)."""
        if self.kind != "divisor":
            raise InvalidSeatInput(f"method {self.id!r} has no divisors")
        if j < 1:
            raise InvalidSeatInput(f"divisor index must be >= 1, got {j}")
        return self.first if j == 1 else Fraction(self.base + self.step * (j - 1))


SAINTE_LAGUE: Final = Method(
    id="sainte-lague",
    name="Sainte-Laguë (pure)",
    kind="divisor",
    source="UU 7/2017 art. 415(2): divisors 1, 3, 5, 7, …; Webster's method",
    first=Fraction(1),
    base=1,
    step=2,
)
"""Pure Sainte-Laguë: divisors 1, 3, 5, 7, … (UU 7/2017 art. 415(2))."""

DHONDT: Final = Method(
    id="dhondt",
    name="D'Hondt",
    kind="divisor",
    source="D'Hondt 1882; Jefferson's method: divisors 1, 2, 3, …",
    first=Fraction(1),
    base=1,
    step=1,
)
"""D'Hondt (Jefferson): divisors 1, 2, 3, …"""

MODIFIED_SAINTE_LAGUE: Final = Method(
    id="modified-sainte-lague",
    name="Sainte-Laguë (modified, first divisor 1.4)",
    kind="divisor",
    source="Scandinavian practice: divisors 1.4, 3, 5, 7, …",
    first=Fraction(7, 5),
    base=1,
    step=2,
)
"""Modified Sainte-Laguë: divisors 1.4, 3, 5, 7, … (Norway, Sweden)."""

HARE: Final = Method(
    id="hare",
    name="Largest remainder, Hare quota",
    kind="quota",
    source="Hamilton/Hare: quota = votes / seats, then largest remainders",
)
"""Largest remainder with the Hare quota (Hamilton). Not house monotone."""

#: Every built-in method by its ``id``.
METHODS: Final[Mapping[str, Method]] = {
    m.id: m for m in (DHONDT, HARE, MODIFIED_SAINTE_LAGUE, SAINTE_LAGUE)
}

# ------------------------------------------------------------------------ thresholds

#: DPR threshold: 4% of national valid votes (UU 7/2017 art. 414(1)).
DPR_THRESHOLD: Final = Fraction(4, 100)
#: DPRD threshold: none (UU 7/2017 art. 414(2)).
DPRD_THRESHOLD: Final = Fraction(0)


def passing_parties(votes: Mapping[str, int], threshold: Fraction) -> frozenset[str]:
    """The parties whose share of ``votes`` reaches ``threshold`` (UU 7/2017 art. 414).

    ``votes`` are national valid votes per party. The test is exact:
    ``v * den >= num * total``. With a threshold above zero a party with no
    votes never passes.
    """
    if not isinstance(threshold, Fraction | int) or isinstance(threshold, bool):
        raise InvalidSeatInput(f"threshold must be a Fraction, got {threshold!r}")
    threshold = Fraction(threshold)
    if not 0 <= threshold <= 1:
        raise InvalidSeatInput(f"threshold must be between 0 and 1, got {threshold}")
    _check_votes(votes)
    total = sum(votes.values())
    num, den = threshold.numerator, threshold.denominator
    return frozenset(p for p, v in votes.items() if v * den >= num * total and (v > 0 or num == 0))


# --------------------------------------------------------------------------- results


@attrs.frozen
class Tie:
    """Parties tied on the same quotient for fewer seats than there are parties.

    ``chosen`` is empty when the tie is left unresolved (the seats are then
    unassigned); otherwise it names the parties the ``tie_break`` gave them to.
    """

    parties: tuple[str, ...]
    seats: int
    quotient: Fraction
    chosen: tuple[str, ...] = ()


#: Why seats stay unfilled when every list ran out (English; the reports show it
#: in the reader's language from ``Allocation.capped``).
RAN_OUT = N_(
    "party lists ran out: every competing party has as many seats as candidates ({parties})"
)
NO_COMPETING_PARTY = N_("no competing party")


@attrs.frozen
class Unfilled:
    """Seats no party could take, and why."""

    seats: int
    reason: str


@attrs.frozen
class QuotientRow:
    """One party's quotients, for each divisor it was considered at.

    For a divisor method ``quotients[j - 1] == votes / d(j)``; for Hare it
    holds the single value ``votes / quota``.
    """

    party: str
    votes: int
    quotients: tuple[Fraction, ...]


@attrs.frozen
class SeatAward:
    """One seat: its number (1-based, in the order seats fell), the party and why.

    ``basis`` is ``"average"`` for a divisor method, ``"quota"`` for a whole
    Hare quota and ``"remainder"`` for a largest-remainder seat, in which case
    ``quotient`` is the remainder (in quotas).
    """

    seat: int
    party: str
    quotient: Fraction
    basis: str


@attrs.frozen
class DistrictAudit:
    """How a district's seats were allocated, for a reader to check by hand.

    ``margin`` is the quotient of the last seat given minus the best quotient
    that got no seat (``None`` if either does not exist); it is zero exactly
    when a tie was broken.
    """

    method: str
    house_size: int
    quota: Fraction | None
    table: tuple[QuotientRow, ...]
    order: tuple[SeatAward, ...]
    margin: Fraction | None


@attrs.frozen
class Allocation:
    """The seats of one district.

    ``seats`` holds every party of the input, sorted by name (zero for parties
    with no votes or not eligible). ``votes`` holds the parties that competed.
    ``order`` names the party of each seat in the order seats fell. ``capped``
    names parties whose list ran out (they took as many seats as candidates).
    ``audit`` is computed on first access.
    """

    method: str
    house_size: int
    seats: tuple[tuple[str, int], ...]
    votes: tuple[tuple[str, int], ...]
    order: tuple[str, ...]
    ties: tuple[Tie, ...] = ()
    unfilled: tuple[Unfilled, ...] = ()
    capped: tuple[str, ...] = ()

    def seats_of(self, party: str) -> int:
        """Seats won by ``party`` (0 for a party not in the input)."""
        for p, s in self.seats:
            if p == party:
                return s
        return 0

    def as_dict(self) -> dict[str, int]:
        """Seats per party as a plain dict."""
        return dict(self.seats)

    @property
    def assigned(self) -> int:
        """The number of seats actually given to a party."""
        return len(self.order)

    @cached_property
    def audit(self) -> DistrictAudit:
        """The quotient table, the order of seats and the margin of the last one."""
        return _audit(self)


@attrs.frozen
class DivisorSolution:
    """A divisor method solved the Jefferson/Webster way, by finding a divisor.

    ``divisor`` is the quotient of the last seat: every seated quotient is
    ``>= divisor`` and every unseated one ``<= divisor``. When parties tie on
    it for fewer seats than there are of them, ``seats`` leaves those seats out
    and ``tied``/``tied_seats`` say who and how many.
    """

    seats: tuple[tuple[str, int], ...]
    divisor: Fraction | None
    tied: tuple[str, ...] = ()
    tied_seats: int = 0


# ------------------------------------------------------------------------ validation


def _check_votes(votes: Mapping[str, int]) -> None:
    for p, v in votes.items():
        if type(p) is str and p and type(v) is int and v >= 0:
            continue
        if not isinstance(p, str) or not p:
            raise InvalidSeatInput(f"party names must be non-empty strings, got {p!r}")
        if type(v) is not int:
            raise InvalidSeatInput(f"votes[{p!r}] must be an int, got {v!r}")
        if v < 0:
            raise InvalidSeatInput(f"votes[{p!r}] must be >= 0, got {v}")


def _check_caps(caps: Mapping[str, int], votes: Mapping[str, int]) -> None:
    for p, c in caps.items():
        if p not in votes:
            raise InvalidSeatInput(f"caps[{p!r}]: party is not in votes")
        if type(c) is not int or c < 0:
            raise InvalidSeatInput(f"caps[{p!r}] must be an int >= 0, got {c!r}")


def _resolve(tied: tuple[str, ...], seats: int, tie_break: TieBreak) -> tuple[str, ...]:
    """The ``seats`` parties among ``tied`` that ``tie_break`` chooses, in its order."""
    if isinstance(tie_break, str):
        raise InvalidSeatInput("tie_break must be a sequence of party names, not a string")
    if callable(tie_break):
        chosen = tuple(tie_break(tied, seats))
        if len(chosen) != seats or len(set(chosen)) != seats or not set(chosen) <= set(tied):
            raise InvalidSeatInput(
                f"tie_break returned {chosen!r}; expected {seats} distinct of {tied!r}"
            )
        return chosen
    order = list(tie_break)
    missing = [p for p in tied if p not in order]
    if missing:
        raise InvalidSeatInput(f"tie_break does not rank tied parties {missing!r}")
    return tuple(sorted(tied, key=order.index)[:seats])


# ------------------------------------------------------------------------ allocation


_MULTIPLIERS: dict[tuple[int, int, int, int, int], tuple[int, ...]] = {}


def _multipliers(method: Method, seats: int) -> tuple[int, ...]:
    """``m[j] = L / D(j)`` for ``j = 1 … seats + 1``, where ``D`` is the divisor
    sequence scaled to integers and ``L`` their lcm, so ``v * m[j]`` orders
    exactly like ``v / d(j)``. ``m[0]`` is unused. Cached per sequence and size."""
    first = method.first
    cache_key = (first.numerator, first.denominator, method.base, method.step, seats)
    found = _MULTIPLIERS.get(cache_key)
    if found is None:
        scale = first.denominator
        ints = [int(method.divisor(j) * scale) for j in range(1, seats + 2)]
        lcm = math.lcm(*ints)
        found = (0, *(lcm // d for d in ints))
        if len(_MULTIPLIERS) < 4096:
            _MULTIPLIERS[cache_key] = found
    return found


def allocate(
    votes: Mapping[str, int],
    seats: int,
    method: Method = SAINTE_LAGUE,
    *,
    eligible: Collection[str] | None = None,
    caps: Mapping[str, int] | None = None,
    tie_break: TieBreak | None = None,
) -> Allocation:
    """Allocate ``seats`` seats of one district among parties by ``votes``.

    Only parties in ``eligible`` (all, if ``None``) with votes above zero
    compete; use :func:`passing_parties` for the national threshold. ``caps``
    limits a party to its number of candidates; seats nobody can take are
    reported in ``unfilled``. A tie on the last seats is reported in ``ties``
    and its seats left unassigned unless ``tie_break`` (a drawn order of
    party names, or a function ``(tied, seats) -> chosen``) decides it.
    """
    if type(seats) is not int or seats < 0:
        raise InvalidSeatInput(f"seats must be an int >= 0, got {seats!r}")
    if not isinstance(method, Method):
        raise InvalidSeatInput(f"method must be a Method, got {method!r}")
    _check_votes(votes)
    if caps is not None:
        _check_caps(caps, votes)
    if isinstance(eligible, str):
        raise InvalidSeatInput("eligible must be a collection of party names, not a string")
    names = sorted(votes)
    competing = [p for p in names if votes[p] > 0 and (eligible is None or p in eligible)]
    if method.kind == "divisor":
        counts, order, ties = _highest_averages(votes, competing, seats, method, caps, tie_break)
    else:
        counts, order, ties = _largest_remainder(votes, competing, seats, caps, tie_break)
    capped: tuple[str, ...] = ()
    unfilled: tuple[Unfilled, ...] = ()
    if caps is not None:
        capped = tuple(p for p in competing if p in caps and counts.get(p, 0) >= caps[p])
    tied_seats = sum(t.seats for t in ties if not t.chosen)
    missing = seats - len(order) - tied_seats
    if missing:
        parties = ", ".join(capped) or NO_COMPETING_PARTY
        unfilled = (Unfilled(missing, RAN_OUT.format(parties=parties)),)
    return Allocation(
        method=method.id,
        house_size=seats,
        seats=tuple(zip(names, [counts.get(p, 0) for p in names], strict=True)),
        votes=tuple(zip(competing, [votes[p] for p in competing], strict=True)),
        order=tuple(order),
        ties=ties,
        unfilled=unfilled,
        capped=capped,
    )


def _highest_averages(
    votes: Mapping[str, int],
    competing: list[str],
    seats: int,
    method: Method,
    caps: Mapping[str, int] | None,
    tie_break: TieBreak | None,
) -> tuple[dict[str, int], list[str], tuple[Tie, ...]]:
    """Seat by seat: a heap of each party's next quotient, compared exactly."""
    counts = dict.fromkeys(competing, 0)
    if seats == 0 or not competing:
        return counts, [], ()
    if caps is None:
        capl = [seats] * len(competing)
    else:
        capl = [min(caps[p], seats) if p in caps else seats for p in competing]
    # Keys are exact: scaled integers for small houses, Fractions for big ones.
    vl = [votes[p] for p in competing]
    cnt = [0] * len(competing)
    won: list[int] = []
    keys: list[int | Fraction] = []
    rounds = _scaled_rounds if seats <= _SCALED_MAX_SEATS else _fraction_rounds
    heap = rounds(vl, capl, seats, method, cnt, won, keys)
    ties: tuple[Tie, ...] = ()
    if heap and won and heap[0][0] == keys[-1]:
        ties = (_last_seats_tied(votes, competing, method, tie_break, heap, cnt, won, keys),)
    counts = dict(zip(competing, cnt, strict=True))
    return counts, [competing[i] for i in won], ties


_Heap = list[tuple[int | Fraction, int]]


def _scaled_rounds(
    vl: list[int],
    capl: list[int],
    seats: int,
    method: Method,
    cnt: list[int],
    won: list[int],
    keys: list[int | Fraction],
) -> _Heap:
    """The rounds of :func:`_highest_averages` with integer keys (votes times a
    multiplier per divisor): ``cnt``, ``won`` and ``keys`` filled; the heap left."""
    mult = _multipliers(method, seats)
    m1 = mult[1]
    heap: _Heap = [(-vl[i] * m1, i) for i in range(len(vl)) if capl[i] > 0]
    heapq.heapify(heap)
    replace, pop = heapq.heapreplace, heapq.heappop
    for _ in range(seats):
        if not heap:
            break
        top = heap[0]
        i = top[1]
        c = cnt[i] + 1
        cnt[i] = c
        won.append(i)
        keys.append(top[0])
        if c < capl[i]:
            replace(heap, (-vl[i] * mult[c + 1], i))
        else:
            pop(heap)
    return heap


def _fraction_rounds(
    vl: list[int],
    capl: list[int],
    seats: int,
    method: Method,
    cnt: list[int],
    won: list[int],
    keys: list[int | Fraction],
) -> _Heap:
    """:func:`_scaled_rounds` with Fraction keys, for houses too big to scale."""
    divisor = method.divisor
    heap: _Heap = [(-(vl[i] / divisor(1)), i) for i in range(len(vl)) if capl[i] > 0]
    heapq.heapify(heap)
    for _ in range(seats):
        if not heap:
            break
        negk, i = heap[0]
        c = cnt[i] + 1
        cnt[i] = c
        won.append(i)
        keys.append(negk)
        if c < capl[i]:
            heapq.heapreplace(heap, (-vl[i] / divisor(c + 1), i))
        else:
            heapq.heappop(heap)
    return heap


def _last_seats_tied(
    votes: Mapping[str, int],
    competing: list[str],
    method: Method,
    tie_break: TieBreak | None,
    heap: _Heap,
    cnt: list[int],
    won: list[int],
    keys: list[int | Fraction],
) -> Tie:
    """The tie for the last seats, whose quotient a party left out has too: those
    seats are taken back from ``cnt`` and ``won``, and given by ``tie_break`` if any."""
    last = keys[-1]
    at_stake = 0
    while at_stake < len(keys) and keys[-1 - at_stake] == last:
        at_stake += 1
    inside = won[len(won) - at_stake :]
    del won[len(won) - at_stake :]
    for i in inside:
        cnt[i] -= 1
    tied = tuple(
        sorted([competing[i] for i in inside] + [competing[i] for k, i in heap if k == last])
    )
    j = cnt[inside[0]] + 1
    quotient = Fraction(votes[competing[inside[0]]]) / method.divisor(j)
    if tie_break is None:
        return Tie(tied, at_stake, quotient)
    chosen = _resolve(tied, at_stake, tie_break)
    index = {p: i for i, p in enumerate(competing)}
    for p in chosen:
        cnt[index[p]] += 1
        won.append(index[p])
    return Tie(tied, at_stake, quotient, chosen)


def _largest_remainder(
    votes: Mapping[str, int],
    competing: list[str],
    seats: int,
    caps: Mapping[str, int] | None,
    tie_break: TieBreak | None,
) -> tuple[dict[str, int], list[str], tuple[Tie, ...]]:
    """Hare quota seats, then remaining seats by largest remainder.

    With caps, quota seats are capped and remainder seats go round the
    parties with room in order of remainder, one per party per round.
    """
    counts = dict.fromkeys(competing, 0)
    total = sum(votes[p] for p in competing)
    if seats == 0 or total == 0:
        return counts, [], ()
    cap = {p: seats if caps is None or p not in caps else caps[p] for p in competing}
    order: list[str] = []
    rem: dict[str, int] = {}  # remainder scaled by total: v * seats mod total
    for p in competing:
        whole, rem[p] = divmod(votes[p] * seats, total)
        counts[p] = min(whole, cap[p])
        order.extend([p] * counts[p])
    left = seats - len(order)
    ties: tuple[Tie, ...] = ()
    while left > 0:
        room = sorted((p for p in competing if counts[p] < cap[p]), key=lambda p: -rem[p])
        if not room:
            break
        if left >= len(room):
            given = room
        else:
            edge = rem[room[left - 1]]
            above = [p for p in room if rem[p] > edge]
            tied = tuple(sorted(p for p in room if rem[p] == edge))
            at_stake = left - len(above)
            given = above
            if len(tied) > at_stake:
                quotient = Fraction(edge, total)
                if tie_break is None:
                    ties = (Tie(tied, at_stake, quotient),)
                else:
                    chosen = _resolve(tied, at_stake, tie_break)
                    given = above + list(chosen)
                    ties = (Tie(tied, at_stake, quotient, chosen),)
            else:
                given = above + list(tied)
        for p in given:
            counts[p] += 1
            order.append(p)
        left -= len(room) if left >= len(room) else left
        if ties:
            break
    return counts, order, ties


# ------------------------------------------------------------------------ the divisor way


def _count_below(method: Method, x: Fraction, *, inclusive: bool) -> int:
    """How many divisors ``d(j)`` are ``< x`` (``<= x`` if ``inclusive``)."""
    if x < method.first or (x == method.first and not inclusive):
        return 0
    y = (x - method.base) / method.step  # d(j) for j >= 2 compares with x as (j - 1) with y
    if y <= 0:
        return 1
    k = math.floor(y) if inclusive else math.ceil(y) - 1
    return 1 + max(0, k)


def find_divisor(
    votes: Mapping[str, int],
    seats: int,
    method: Method = SAINTE_LAGUE,
    *,
    caps: Mapping[str, int] | None = None,
) -> DivisorSolution:
    """Solve a divisor method by searching a divisor, not seat by seat.

    A party with ``v`` votes gets as many seats as there are divisors ``d(j)``
    with ``v / d(j)`` above the common divisor ``D`` (Jefferson for D'Hondt,
    Webster for Sainte-Laguë). Starting from ``D = total / seats``, ``D`` jumps
    to the next quotient up or down until the count fits the house. Parties
    with zero votes get nothing. Used to cross-check :func:`allocate`.
    """
    if method.kind != "divisor":
        raise InvalidSeatInput(f"find_divisor needs a divisor method, got {method.id!r}")
    _check_votes(votes)
    if caps is not None:
        _check_caps(caps, votes)
    names = sorted(votes)
    live = [p for p in names if votes[p] > 0]
    cap = {p: seats if caps is None or p not in caps else min(caps[p], seats) for p in live}
    zero = tuple((p, 0) for p in names)
    if seats == 0 or not live:
        return DivisorSolution(zero, None)
    if sum(cap.values()) <= seats:
        return DivisorSolution(tuple((p, cap.get(p, 0)) for p in names), None)

    def count(d: Fraction, inclusive: bool) -> dict[str, int]:
        return {
            p: min(cap[p], _count_below(method, votes[p] / d, inclusive=inclusive)) for p in live
        }

    d = Fraction(sum(votes[p] for p in live), seats)
    while True:
        above = count(d, False)
        n_above = sum(above.values())
        if n_above >= seats:
            # D too small: move up to the smallest quotient counted above it.
            d = min(votes[p] / method.divisor(s) for p, s in above.items() if s > 0)
            continue
        at_or_above = count(d, True)
        if sum(at_or_above.values()) >= seats:
            break
        # D too large: move down to the largest quotient not yet counted.
        d = max(votes[p] / method.divisor(s + 1) for p, s in at_or_above.items() if s < cap[p])
    tied = tuple(p for p in live if at_or_above[p] > above[p])
    left = seats - n_above
    if len(tied) == left:
        return DivisorSolution(tuple((p, at_or_above.get(p, 0)) for p in names), d)
    return DivisorSolution(tuple((p, above.get(p, 0)) for p in names), d, tied, left)


# ------------------------------------------------------------------------------ audit


def _audit(a: Allocation) -> DistrictAudit:
    method = METHODS[a.method]
    votes = dict(a.votes)
    seats = dict(a.seats)
    capped = set(a.capped)
    if method.kind == "divisor":
        table = tuple(
            QuotientRow(
                p,
                v,
                tuple(
                    Fraction(v) / method.divisor(j)
                    for j in range(1, seats[p] + (1 if p in capped else 2))
                ),
            )
            for p, v in a.votes
        )
        seen: dict[str, int] = {}
        order = []
        for n, p in enumerate(a.order, 1):
            seen[p] = seen.get(p, 0) + 1
            order.append(SeatAward(n, p, Fraction(votes[p]) / method.divisor(seen[p]), "average"))
        losers = [Fraction(v) / method.divisor(seats[p] + 1) for p, v in a.votes if p not in capped]
        margin = order[-1].quotient - max(losers) if order and losers else None
        return DistrictAudit(a.method, a.house_size, None, table, tuple(order), margin)
    total = sum(votes.values())
    quota = Fraction(total, a.house_size) if total and a.house_size else None
    if quota is None:
        return DistrictAudit(a.method, a.house_size, None, (), (), None)
    fair = {p: v / quota for p, v in a.votes}
    table = tuple(QuotientRow(p, v, (fair[p],)) for p, v in a.votes)
    seen = {}
    order = []
    passes: dict[str, int] = {}
    for n, p in enumerate(a.order, 1):
        seen[p] = seen.get(p, 0) + 1
        if seen[p] <= math.floor(fair[p]):
            order.append(SeatAward(n, p, fair[p], "quota"))
        else:
            passes[p] = passes.get(p, 0) + 1
            order.append(SeatAward(n, p, fair[p] - math.floor(fair[p]), "remainder"))
    margin = None
    if order and order[-1].basis == "remainder":
        last_pass = passes[order[-1].party]
        losers = [
            fair[p] - math.floor(fair[p])
            for p in votes
            if p not in capped and passes.get(p, 0) < last_pass
        ]
        if losers:
            margin = order[-1].quotient - max(losers)
    return DistrictAudit(a.method, a.house_size, quota, table, tuple(order), margin)
