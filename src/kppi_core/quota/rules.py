"""The quota rules: each a small frozen object with a stable id and its legal source.

A rule reads the :class:`~kppi_core.quota.facts.ListFacts` of one list and
returns its findings: none when the list passes. A plugin adds a rule by
writing any object with ``id``, ``source`` and ``evaluate`` (the
:class:`ListRule` protocol) and putting it in a rule set; the engine needs no
change. Arithmetic is on integers only.
"""

from __future__ import annotations

import enum
from collections import Counter
from typing import ClassVar, Protocol, runtime_checkable

import attrs

from kppi_core.model import Gender
from kppi_core.model.lists import ListFacts
from kppi_core.quota.findings import Finding, Move, Repair, Status

__all__ = [
    "BoardFacts",
    "BoardRule",
    "BoardWomenShare",
    "GenderUnknown",
    "ListLength",
    "ListNumbering",
    "ListRule",
    "Rounding",
    "WomenShare",
    "Zipper",
    "required_women",
]


class Rounding(enum.Enum):
    """How 30% of a list's length becomes a whole number of women."""

    #: Always up. PKPU 20/2018 art. 6(2); Supreme Court decision 24 P/HUM/2023.
    CEILING = "ceiling"
    #: Below .50 down, .50 and above up. PKPU 10/2023 art. 8(2), struck down
    #: by 24 P/HUM/2023 but applied by KPU in 2024.
    HALF_UP = "half-up"


def required_women(n: int, rounding: Rounding, share: tuple[int, int] = (3, 10)) -> int:
    """The women a list of ``n`` candidates needs: ``share`` × n, rounded.

    >>> [required_women(n, Rounding.HALF_UP) for n in (3, 4, 5, 8, 9, 11, 12)]
    [1, 1, 2, 2, 3, 3, 4]
    >>> [required_women(n, Rounding.CEILING) for n in (3, 4, 5, 8, 9, 11, 12)]
    [1, 2, 2, 3, 3, 4, 4]
    """
    num, den = share
    if rounding is Rounding.CEILING:
        return -(-num * n // den)
    return (2 * num * n + den) // (2 * den)


@runtime_checkable
class ListRule(Protocol):
    """What a candidate-list rule offers the engine.

    A rule may also say ``shape_only = True`` (a class attribute; not part of
    the protocol, so rules without it still qualify): its findings on a list
    depend on the list's seats, list numbers and sexes alone, and name the list
    only in their election, district and party. When every rule of a set says
    so, the engine evaluates lists of one shape once. Without it, each list is
    evaluated.
    """

    @property
    def id(self) -> str:
        """A stable id, such as ``list-women-share``."""
        ...

    @property
    def source(self) -> str:
        """The legal source, as cited in findings."""
        ...

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        """The findings on one list; empty when it passes."""
        ...


def _finding(
    rule: ListRule, facts: ListFacts, status: Status, message: str, **numbers: object
) -> Finding:
    return Finding(
        rule=rule.id,
        status=status,
        election=facts.election_id,
        district=facts.district_id,
        party=facts.party,
        message=message,
        legal_source=rule.source,
        candidates=facts.candidates,
        women=facts.women,
        unknown=facts.unknown,
        seats=facts.seats,
        **numbers,  # type: ignore[arg-type]
    )


@attrs.frozen
class WomenShare:
    """``list-women-share``: at least 30% women among the candidates a party
    submits in a district (UU 7/2017 art. 245), counted on the list, not the seats.

    ``rounding`` turns 30% × n into a number of women. A one-candidate list
    whose candidate is a man is exempt when ``one_candidate_exempt`` (KPU
    practice, Kepkpu 352/2023 as reported), with a note; the strict option
    counts it.
    """

    shape_only: ClassVar[bool] = True

    rounding: Rounding = Rounding.CEILING
    one_candidate_exempt: bool = True
    id: str = "list-women-share"

    @property
    def source(self) -> str:
        if self.rounding is Rounding.CEILING:
            return "UU 7/2017 art. 245; rounding up: PKPU 20/2018 art. 6(2), MA 24 P/HUM/2023"
        return "UU 7/2017 art. 245; rounding half-up: PKPU 10/2023 art. 8(2)"

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        n, women = facts.candidates, facts.women
        if n == 0:
            return ()
        if n == 1 and self.one_candidate_exempt:
            if women == 1:
                return ()
            return (
                _finding(
                    self,
                    facts,
                    Status.NOTE,
                    "one-candidate list: exempt from the 30% rule in KPU practice",
                    required=0,
                ),
            )
        required = required_women(n, self.rounding)
        if women >= required:
            return ()
        shortfall = required - women
        pct = f"{women} of {n} candidates are women; {required} needed ({self.rounding.value})"
        if women + facts.unknown >= required:
            return (
                _finding(
                    self,
                    facts,
                    Status.UNDETERMINED,
                    f"{pct}; {facts.unknown} of undeclared sex could decide it",
                    required=required,
                    shortfall=shortfall,
                ),
            )
        return (
            _finding(
                self,
                facts,
                Status.VIOLATION,
                f"{pct}: {shortfall} short",
                required=required,
                shortfall=shortfall,
                repair=Repair(
                    add_women=self._women_to_add(n, women, facts.seats),
                    replace_men=shortfall,
                ),
            ),
        )

    def _women_to_add(self, n: int, women: int, seats: int | None) -> int | None:
        """The fewest women to add so the longer list complies; None past the seats."""
        k = 0
        while women + k < required_women(n + k, self.rounding):
            k += 1
        if seats is not None and n + k > seats:
            return None
        return k


def _blocks(facts: ListFacts, final_block: bool) -> list[int]:
    """The first positions (1, 4, 7, …) of the blocks to check."""
    n = facts.candidates
    last = n // 3 + (1 if final_block and n % 3 else 0)
    return [3 * k + 1 for k in range(last)]


@attrs.frozen
class Zipper:
    """``list-zipper``: in every 3 candidates at least 1 woman (UU 7/2017 art.
    246(2)), read as each block of list positions 1–3, 4–6, … holding a woman
    anywhere in it.

    Only full blocks are checked unless ``check_final_block``: no source found
    settles the rule for an incomplete final block.
    """

    shape_only: ClassVar[bool] = True

    check_final_block: bool = False
    id: str = "list-zipper"
    source: str = "UU 7/2017 art. 246(2)"

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        starts = _blocks(facts, self.check_final_block)
        if not starts:
            return ()
        if facts.regular:  # positions 1..n: block k is genders[3k:3k+3]
            g = facts.genders
            if all(Gender.FEMALE in g[s - 1 : s + 2] for s in starts):
                return ()
        women = [0] * len(starts)
        unknown = [0] * len(starts)
        for pos, gender in zip(facts.positions, facts.genders, strict=True):
            k = (pos - 1) // 3
            if k < len(starts):
                if gender is Gender.FEMALE:
                    women[k] += 1
                elif gender is Gender.UNKNOWN:
                    unknown[k] += 1
        empty = [k for k, w in enumerate(women) if w == 0]
        if not empty:
            return ()
        failing = [k for k in empty if unknown[k] == 0]
        shown = failing or empty
        spans = ", ".join(f"{starts[k]}–{starts[k] + 2}" for k in shown)
        block_starts = tuple(starts[k] for k in shown)
        if not failing:
            return (
                _finding(
                    self,
                    facts,
                    Status.UNDETERMINED,
                    f"no declared woman in positions {spans}; a candidate of undeclared sex "
                    "could decide it",
                    positions=block_starts,
                ),
            )
        return (
            _finding(
                self,
                facts,
                Status.VIOLATION,
                f"no woman in positions {spans}",
                positions=block_starts,
                shortfall=len(failing),
                repair=self._repair(facts, women, failing, starts),
            ),
        )

    def _repair(
        self, facts: ListFacts, women: list[int], failing: list[int], starts: list[int]
    ) -> Repair:
        """One swap per failing block, taking spare women from the end of the list."""
        spare_in_block = [w - 1 for w in women]
        donors: list[int] = []
        pairs = zip(facts.positions, facts.genders, strict=True)
        for pos, gender in sorted(pairs, key=lambda pair: pair[0], reverse=True):
            if gender is not Gender.FEMALE:
                continue
            k = (pos - 1) // 3
            if k >= len(starts):
                donors.append(pos)  # an unchecked position: always free to move
            elif spare_in_block[k] > 0:
                spare_in_block[k] -= 1
                donors.append(pos)
        moves = []
        for k, donor in zip(failing, donors, strict=False):
            in_block = [p for p in facts.positions if starts[k] <= p <= starts[k] + 2]
            # A block nobody is numbered in (list numbers with gaps): the woman
            # moves to its first position.
            moves.append(Move(donor, max(in_block, default=starts[k])))
        missing = len(failing) - len(moves)
        return Repair(moves=tuple(moves), replace_men=missing or None)


@attrs.frozen
class ListLength:
    """``list-length``: no more candidates than the district has seats
    (UU 7/2017 art. 244; UU 8/2012 art. 54: at most 100% of the seats)."""

    shape_only: ClassVar[bool] = True

    id: str = "list-length"
    source: str = "UU 7/2017 art. 244; UU 8/2012 art. 54"

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        n, seats = facts.candidates, facts.seats
        if seats is None:
            return (
                _finding(self, facts, Status.UNDETERMINED, "the district's seat count is unknown"),
            )
        if n <= seats:
            return ()
        return (
            _finding(
                self,
                facts,
                Status.VIOLATION,
                f"{n} candidates for {seats} seats: {n - seats} too many",
                repair=Repair(remove=n - seats),
            ),
        )


@attrs.frozen
class ListNumbering:
    """``list-numbering``: list positions run 1..n with no gap and no repeat
    (the nomor urut of a valid list, PKPU 10/2023)."""

    shape_only: ClassVar[bool] = True

    id: str = "list-numbering"
    source: str = "UU 7/2017 art. 243, 246; PKPU 10/2023 (nomor urut)"

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        n = facts.candidates
        if facts.regular:
            return ()
        counts = Counter(facts.positions)
        repeated = sorted(p for p, c in counts.items() if c > 1)
        missing = sorted(set(range(1, n + 1)) - counts.keys())
        parts = []
        if repeated:
            parts.append("repeated " + ", ".join(map(str, repeated)))
        if missing:
            parts.append("missing " + ", ".join(map(str, missing)))
        return (
            _finding(
                self,
                facts,
                Status.VIOLATION,
                f"list numbers must run 1..{n}: " + "; ".join(parts),
                positions=tuple(repeated or missing),
            ),
        )


@attrs.frozen
class GenderUnknown:
    """``gender-unknown``: candidates whose sex the source does not declare.

    They count as not women. The share and zipper rules say whether they
    could change a verdict (then the list is undetermined, never compliant).
    """

    shape_only: ClassVar[bool] = True

    id: str = "gender-unknown"
    source: str = "kppi_core: sex is never guessed"

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        if not facts.unknown:
            return ()
        where = tuple(
            p for p, g in zip(facts.positions, facts.genders, strict=True) if g is Gender.UNKNOWN
        )
        return (
            _finding(
                self,
                facts,
                Status.NOTE,
                f"{facts.unknown} candidate(s) of undeclared sex at position(s) "
                + ", ".join(map(str, where))
                + ": counted as not women",
                positions=where,
            ),
        )


@attrs.frozen
class BoardFacts:
    """A board (kepengurusan) reduced to counts: the organisation and its members."""

    organization_id: str
    name: str
    members: int
    women: int
    unknown: int = 0


class BoardRule(Protocol):
    """What a board rule offers the engine."""

    @property
    def id(self) -> str:
        """A stable id, such as ``board-women-share``."""
        ...

    @property
    def source(self) -> str:
        """The legal source."""
        ...

    def evaluate(self, facts: BoardFacts) -> tuple[Finding, ...]:
        """The findings on one board; empty when it passes."""
        ...


@attrs.frozen
class BoardWomenShare:
    """``board-women-share``: at least 30% women on a party's central board,
    a condition for taking part in the election (UU 7/2017 art. 173(2)(e)).
    Province and regency boards: only "taken into account"."""

    id: str = "board-women-share"
    source: str = "UU 7/2017 art. 173(2)(e)"

    def evaluate(self, facts: BoardFacts) -> tuple[Finding, ...]:
        required = required_women(facts.members, Rounding.CEILING)
        if facts.members and facts.women >= required:
            return ()
        if not facts.members:
            return (
                Finding(
                    rule=self.id,
                    status=Status.UNDETERMINED,
                    election="",
                    district="",
                    party=facts.name,
                    message="no board members recorded on that day",
                    legal_source=self.source,
                    candidates=0,
                    women=0,
                ),
            )
        status = (
            Status.UNDETERMINED if facts.women + facts.unknown >= required else Status.VIOLATION
        )
        shortfall = required - facts.women
        return (
            Finding(
                rule=self.id,
                status=status,
                election="",
                district="",
                party=facts.name,
                message=f"{facts.women} of {facts.members} board members are women; "
                f"{required} needed",
                legal_source=self.source,
                candidates=facts.members,
                women=facts.women,
                unknown=facts.unknown,
                required=required,
                shortfall=shortfall,
                repair=Repair(replace_men=shortfall),
            ),
        )
