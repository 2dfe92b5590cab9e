"""The quota engine: apply a rule set to candidate lists and boards."""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterable, Mapping

from kppi_core.model import CandidateList, Gender, Membership, Organisation, Person
from kppi_core.quota.facts import ListFacts
from kppi_core.quota.findings import Finding, ListResult, QuotaReport, Status, Verdict
from kppi_core.quota.rules import BoardFacts, ListRule
from kppi_core.quota.rulesets import DEFAULT_RULE_SET, RuleSet, get_rule_set
from kppi_core.rejections import Rejection

__all__ = ["check_boards", "check_list", "check_lists", "shape_only"]

INCOMPLETE = "list-incomplete"


def _verdict(findings: Iterable[Finding], rows_rejected: bool) -> Verdict:
    violated = unsure = rows_rejected
    for f in findings:
        if f.status is Status.VIOLATION:
            violated = True
        elif f.status is Status.UNDETERMINED:
            unsure = True
    if violated and not rows_rejected:
        return Verdict.NONCOMPLIANT
    return Verdict.UNDETERMINED if violated or unsure else Verdict.COMPLIANT


def check_list(
    facts: ListFacts | CandidateList, rule_set: str | RuleSet = DEFAULT_RULE_SET
) -> ListResult:
    """Every rule of ``rule_set`` on one list.

    The list is noncompliant if a rule is violated; undetermined if a rule
    cannot tell (undeclared sex that could decide it) or if rows of the list
    could not be read; compliant only otherwise.
    """
    rules = get_rule_set(rule_set).list_rules
    if isinstance(facts, CandidateList):
        facts = ListFacts.of(facts)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.evaluate(facts))
    if facts.rejected:
        lines = ", ".join(str(r.line) for r in facts.rejected if r.line is not None)
        findings.append(
            Finding(
                rule=INCOMPLETE,
                status=Status.UNDETERMINED,
                election=facts.election_id,
                district=facts.district_id,
                party=facts.party,
                message=f"{len(facts.rejected)} row(s) of this list could not be read"
                + (f" (line {lines})" if lines else "")
                + ": the verdict cannot be certain",
                legal_source="kppi_core: a verdict on unread data is undetermined",
                candidates=facts.candidates,
                women=facts.women,
                unknown=facts.unknown,
                seats=facts.seats,
            )
        )
    return ListResult(
        facts.election_id,
        facts.district_id,
        facts.party,
        _verdict(findings, bool(facts.rejected)),
        tuple(findings),
        facts.candidates,
        facts.women,
    )


def _for_list(finding: Finding, facts: ListFacts) -> Finding:
    """``finding`` as said of the list ``facts`` (a list of the same shape)."""
    f = finding
    return Finding(
        f.rule, f.status, facts.election_id, facts.district_id, facts.party, f.message,
        f.legal_source, f.candidates, f.women, f.unknown, f.required, f.shortfall, f.seats,
        f.positions, f.repair,
    )  # fmt: skip


def shape_only(rules: Iterable[ListRule]) -> bool:
    """Whether every rule says its findings depend on a list's shape alone (its
    ``shape_only`` attribute; a rule without one is assumed not to)."""
    return all(getattr(rule, "shape_only", False) is True for rule in rules)


def check_lists(
    lists: Iterable[ListFacts | CandidateList],
    rule_set: str | RuleSet = DEFAULT_RULE_SET,
    *,
    rejected: Iterable[Rejection] = (),
    reuse: bool = True,
) -> QuotaReport:
    """Check every list; ``rejected`` carries the records the source could not read.

    When every rule is ``shape_only`` (the built-in ones are) and ``reuse`` is
    true, lists of one shape (seats, list numbers and sexes, no rows rejected)
    are evaluated once; the others get the same verdict and findings, each
    finding naming its own list.
    """
    rs = get_rule_set(rule_set)
    if not (reuse and shape_only(rs.list_rules)):
        return QuotaReport(rs.id, tuple(check_list(f, rs) for f in lists), tuple(rejected))
    # Shapes are told apart by the identity of their sexes tuple (readers share one
    # tuple per sequence of sexes; hashing enums is slow), which stays alive in
    # the value so no other tuple can take its id. Equal tuples that are not the
    # same object are merely evaluated again.
    done: dict[tuple[int | None, tuple[int, ...], int], tuple[object, ListResult]] = {}
    results: list[ListResult] = []
    # Results and findings hold no cycles: the cyclic collector would only rescan them.
    paused = gc.isenabled()
    gc.disable()
    try:
        _reuse(lists, rs, done, results)
    finally:
        if paused:
            gc.enable()
    return QuotaReport(rs.id, tuple(results), tuple(rejected))


def _reuse(
    lists: Iterable[ListFacts | CandidateList],
    rs: RuleSet,
    done: dict[tuple[int | None, tuple[int, ...], int], tuple[object, ListResult]],
    results: list[ListResult],
) -> None:
    """Append each list's result to ``results``, reusing ``done`` by shape."""
    for facts in lists:
        if isinstance(facts, CandidateList):
            facts = ListFacts.of(facts)
        if facts.rejected:
            results.append(check_list(facts, rs))
            continue
        shape = (facts.seats, facts.positions, id(facts.genders))
        seen = done.get(shape)
        if seen is None:
            result = check_list(facts, rs)
            done[shape] = (facts.genders, result)
        else:
            first = seen[1]
            result = ListResult(
                facts.election_id,
                facts.district_id,
                facts.party,
                first.verdict,
                tuple(_for_list(f, facts) for f in first.findings) if first.findings else (),
                facts.candidates,
                facts.women,
            )
        results.append(result)


def check_boards(
    organisations: Iterable[Organisation],
    memberships: Iterable[Membership],
    persons: Mapping[str, Person] | Iterable[Person],
    *,
    on: datetime.date,
    rule_set: str | RuleSet = DEFAULT_RULE_SET,
) -> tuple[ListResult, ...]:
    """Apply the board rules to the board of each organisation on ``on``.

    A board is the memberships in force on ``on`` other than plain
    ``member`` (the pengurus). Pass the parties' central boards to test
    art. 173(2)(e).
    """
    rs = get_rule_set(rule_set)
    if not isinstance(persons, Mapping):
        persons = {p.id: p for p in persons}
    people: dict[str, set[str]] = {}
    for m in memberships:
        if m.role != "member" and m.may_be_active(on):
            people.setdefault(m.organization_id, set()).add(m.person_id)
    results = []
    for org in organisations:
        ids = people.get(org.id, set())
        genders = [persons[i].gender if i in persons else Gender.UNKNOWN for i in ids]
        facts = BoardFacts(
            org.id,
            org.name,
            len(ids),
            genders.count(Gender.FEMALE),
            genders.count(Gender.UNKNOWN),
        )
        findings = tuple(f for rule in rs.board_rules for f in rule.evaluate(facts))
        results.append(
            ListResult(
                "", "", org.name, _verdict(findings, False), findings, facts.members, facts.women
            )
        )
    return tuple(results)
