"""Findings, repairs and verdicts of the quota engine."""

from __future__ import annotations

import enum
import itertools
import operator
from collections.abc import Mapping

import attrs

from kppi_core.rejections import Rejection

__all__ = [
    "Finding",
    "ListResult",
    "Move",
    "QuotaReport",
    "Repair",
    "Status",
    "Summary",
    "Verdict",
]


class Verdict(enum.Enum):
    """A list's verdict. Undetermined is never compliant."""

    COMPLIANT = "compliant"
    NONCOMPLIANT = "noncompliant"
    UNDETERMINED = "undetermined"

    __hash__ = object.__hash__  # a member equals only itself: hashed in C (see Gender)


class Status(enum.Enum):
    """What a finding says about its rule: broken, can't tell, or a note."""

    VIOLATION = "violation"
    UNDETERMINED = "undetermined"
    NOTE = "note"

    __hash__ = object.__hash__  # a member equals only itself: hashed in C (see Gender)


@attrs.frozen
class Move:
    """Swap the candidates at list positions ``a`` and ``b``."""

    a: int
    b: int


@attrs.frozen
class Repair:
    """The smallest change that satisfies a rule.

    For the share: ``add_women`` women added to the list (``None`` when the
    list is already at the district's seats), or ``replace_men`` men replaced
    by women. For the zipper: ``moves``, the fewest swaps that give every block
    a woman, when the list has enough women; otherwise ``replace_men``.
    For length: ``remove`` candidates.
    """

    add_women: int | None = None
    replace_men: int | None = None
    moves: tuple[Move, ...] = ()
    remove: int | None = None


@attrs.frozen
class Finding:
    """One rule's word on one list: the rule, the list, the numbers, the law,
    a plain message, and the smallest repair."""

    rule: str
    status: Status
    election: str
    district: str
    party: str
    message: str
    legal_source: str
    candidates: int
    women: int
    unknown: int = 0
    required: int | None = None
    shortfall: int | None = None
    seats: int | None = None
    positions: tuple[int, ...] = ()
    repair: Repair | None = None


@attrs.frozen
class ListResult:
    """The verdict on one list and every finding behind it."""

    election: str
    district: str
    party: str
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    candidates: int = 0
    women: int = 0


@attrs.frozen
class Summary:
    """Counts of lists by verdict, and of lists violating each rule."""

    lists: int
    compliant: int
    noncompliant: int
    undetermined: int
    violations: Mapping[str, int]
    rejected: int = 0
    #: Rejected rows that could belong to a list but could not be placed in one:
    #: each made every list it could belong to undetermined.
    unplaced: int = 0


@attrs.frozen
class QuotaReport:
    """Everything a quota check found: per-list results and every rejected record."""

    rule_set: str
    results: tuple[ListResult, ...]
    rejected: tuple[Rejection, ...] = ()
    #: The rule set's title, for reports (empty: look the id up among the built-ins).
    title: str = attrs.field(default="", kw_only=True)

    @property
    def summary(self) -> Summary:
        """Counts by verdict, and lists per violated rule (sorted by rule id)."""
        results = self.results
        verdicts = list(map(_verdict, results))
        violated: dict[str, int] = {}
        for findings in filter(None, map(_findings, results)):
            if len(findings) == 1:  # the usual case: no set needed
                f = findings[0]
                if f.status is _VIOLATION:
                    violated[f.rule] = violated.get(f.rule, 0) + 1
                continue
            for rule in {f.rule for f in findings if f.status is _VIOLATION}:
                violated[rule] = violated.get(rule, 0) + 1
        return Summary(
            lists=len(results),
            compliant=verdicts.count(Verdict.COMPLIANT),
            noncompliant=verdicts.count(Verdict.NONCOMPLIANT),
            undetermined=verdicts.count(Verdict.UNDETERMINED),
            violations=dict(sorted(violated.items())),
            rejected=len(self.rejected),
            unplaced=sum(map(_unplaced, self.rejected)),
        )

    @property
    def ok(self) -> bool:
        """Every list compliant and nothing rejected."""
        return not self.rejected and all(
            map(operator.is_, map(_verdict, self.results), itertools.repeat(Verdict.COMPLIANT))
        )


def _unplaced(r: Rejection) -> bool:
    """Whether rejected record ``r`` could be a list's row whose list is not known."""
    w = r.where
    if w is None:
        return True
    return w.may_be_list_row and not (w.election and w.district and w.party)


_verdict = operator.attrgetter("verdict")
_findings = operator.attrgetter("findings")
_VIOLATION = Status.VIOLATION
