"""The quota engine: apply a rule set to candidate lists and boards."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping

from kppi_core._gc import paused
from kppi_core.errors import KppiError, PluginError
from kppi_core.model import CandidateList, Gender
from kppi_core.model._slots import setters
from kppi_core.model.lists import ListFacts
from kppi_core.privacy import hide_digits
from kppi_core.quota.findings import Finding, ListResult, QuotaReport, Status, Verdict
from kppi_core.quota.rules import BoardFacts, ListRule
from kppi_core.quota.rulesets import DEFAULT_RULE_SET, RuleSet, get_rule_set
from kppi_core.rejections import Rejection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kppi_core.model import Membership, Organization, Person

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
    rs = get_rule_set(rule_set)
    if isinstance(facts, CandidateList):
        facts = ListFacts.of(facts)
    findings: list[Finding] = []
    for rule in rs.list_rules:
        findings.extend(_evaluate(rule, facts, rs))
    if facts.rejected:
        findings.append(_incomplete(facts))
    return ListResult(
        facts.election_id,
        facts.district_id,
        facts.party,
        _verdict(findings, bool(facts.rejected)),
        tuple(findings),
        facts.candidates,
        facts.women,
    )


def _evaluate(rule: ListRule, facts: ListFacts, rs: RuleSet) -> list[Finding]:
    """``rule.evaluate(facts)`` as a list of findings; anything else it raises or
    returns (a plugin's rule) is a :class:`PluginError` naming the rule."""
    try:
        found = list(rule.evaluate(facts))
    except KppiError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's SystemExit too
        raise PluginError(
            f"rule {_rule_id(rule)!r} of rule set {rs.id!r} failed: "
            f"{type(exc).__name__}: {hide_digits(str(exc))}"
        ) from exc
    for f in found:
        if not isinstance(f, Finding):
            raise PluginError(
                f"rule {_rule_id(rule)!r} of rule set {rs.id!r} returned "
                f"{type(f).__name__}, not a Finding"
            )
    return found


def _rule_id(rule: object) -> str:
    rid = getattr(rule, "id", None)
    return rid if isinstance(rid, str) else type(rule).__name__


def _own(r: Rejection, facts: ListFacts) -> bool:
    """Whether rejected row ``r`` is known to be of this list, not only possibly."""
    w = r.where
    return w is not None and (w.election, w.district, w.party) == facts.key


def _incomplete(facts: ListFacts) -> Finding:
    """The finding that rows which could be this list's were rejected, naming them
    by line (or, without lines, by the path of the first few)."""
    rejected = facts.rejected
    lines = [str(r.line) for r in rejected if r.line is not None]
    fields = [r.field for r in rejected if r.field]
    if lines:
        named = f" (line {', '.join(lines)})"
    elif fields:
        named = f" ({', '.join(fields[:3])}{', …' if len(fields) > 3 else ''})"
    else:
        named = ""
    own = sum(map(_own, rejected, itertools.repeat(facts)))
    if own == len(rejected):
        said = f"{len(rejected)} row(s) of this list could not be read"
    elif own:
        said = f"{len(rejected)} row(s) of this list or that could belong to it could not be read"
    else:
        said = f"{len(rejected)} row(s) that could belong to this list could not be read"
    return Finding(
        rule=INCOMPLETE,
        status=Status.UNDETERMINED,
        election=facts.election_id,
        district=facts.district_id,
        party=facts.party,
        message=said + named + ": the verdict cannot be certain",
        legal_source="kppi_core: a verdict on unread data is undetermined",
        candidates=facts.candidates,
        women=facts.women,
        unknown=facts.unknown,
        seats=facts.seats,
    )


#: Slot setters of ListResult and Finding, for the reuse path: a result or finding
#: built from another's fields, which its class's constructor has already taken
#: (neither class has validators or converters), skipping the frozen
#: ``__setattr__``. Tests compare these objects with the constructors'.
(_r_election, _r_district, _r_party, _r_verdict, _r_findings, _r_candidates, _r_women) = setters(
    ListResult,
    ("election", "district", "party", "verdict", "findings", "candidates", "women"),
)
(
    _f_rule, _f_status, _f_election, _f_district, _f_party, _f_message, _f_legal_source,
    _f_candidates, _f_women, _f_unknown, _f_required, _f_shortfall, _f_seats, _f_positions,
    _f_repair,
) = setters(
    Finding,
    ("rule", "status", "election", "district", "party", "message", "legal_source",
     "candidates", "women", "unknown", "required", "shortfall", "seats", "positions", "repair"),
)  # fmt: skip
_new = object.__new__


def _for_list(f: Finding, election: str, district: str, party: str) -> Finding:
    """``f`` as said of another list of the same shape: ``attrs.evolve(f,
    election=election, district=district, party=party)``, built slot by slot."""
    g = _new(Finding)
    _f_rule(g, f.rule)
    _f_status(g, f.status)
    _f_election(g, election)
    _f_district(g, district)
    _f_party(g, party)
    _f_message(g, f.message)
    _f_legal_source(g, f.legal_source)
    _f_candidates(g, f.candidates)
    _f_women(g, f.women)
    _f_unknown(g, f.unknown)
    _f_required(g, f.required)
    _f_shortfall(g, f.shortfall)
    _f_seats(g, f.seats)
    _f_positions(g, f.positions)
    _f_repair(g, f.repair)
    return g


def _like(first: ListResult, election: str, district: str, party: str) -> ListResult:
    """``first``, the result of a list of the same shape, as the result of the list
    ``(election, district, party)``: same verdict, counts and findings, each
    finding naming that list."""
    result = _new(ListResult)
    _r_election(result, election)
    _r_district(result, district)
    _r_party(result, party)
    _r_verdict(result, first.verdict)
    findings = first.findings
    _r_findings(
        result,
        tuple([_for_list(f, election, district, party) for f in findings]) if findings else (),
    )
    _r_candidates(result, first.candidates)
    _r_women(result, first.women)
    return result


def shape_only(rules: Iterable[ListRule]) -> bool:
    """Whether every rule says its findings depend on a list's shape alone (its
    ``shape_only`` attribute; a rule without one is assumed not to)."""
    return all(getattr(rule, "shape_only", False) is True for rule in rules)


def check_lists(
    lists: Iterable[ListFacts | CandidateList],
    rule_set: str | RuleSet = DEFAULT_RULE_SET,
    *,
    rejected: Iterable[Rejection] = (),
) -> QuotaReport:
    """Check every list; ``rejected`` carries the records the source could not read.

    When every rule is ``shape_only`` (the built-in ones are), lists of one
    shape (seats, list numbers and sexes, no rows rejected) are evaluated once;
    the others get the same verdict and findings, each finding naming its own
    list.
    """
    rs = get_rule_set(rule_set)
    if not shape_only(rs.list_rules):
        return _check_each(lists, rs, rejected)
    results: list[ListResult] = []
    with paused():  # a result and findings per list, no cycles: see kppi_core._gc
        _reuse(lists, rs, results)
    return QuotaReport(rs.id, tuple(results), tuple(rejected), title=rs.title)


def _check_each(
    lists: Iterable[ListFacts | CandidateList], rs: RuleSet, rejected: Iterable[Rejection]
) -> QuotaReport:
    """The plain path: every list evaluated on its own (a test compares with the reuse)."""
    return QuotaReport(
        rs.id, tuple(check_list(f, rs) for f in lists), tuple(rejected), title=rs.title
    )


def _reuse(
    lists: Iterable[ListFacts | CandidateList], rs: RuleSet, results: list[ListResult]
) -> None:
    """Append each list's result to ``results``, evaluating each shape once."""
    done: dict[tuple[int | None, tuple[int, ...], tuple[Gender, ...]], ListResult] = {}
    for facts in lists:
        if isinstance(facts, CandidateList):
            facts = ListFacts.of(facts)
        if facts.rejected:
            results.append(check_list(facts, rs))
            continue
        shape = (facts.seats, facts.positions, facts.genders)
        seen = done.get(shape)
        if seen is None:
            result = check_list(facts, rs)
            done[shape] = result
        else:
            result = _like(seen, facts.election_id, facts.district_id, facts.party)
        results.append(result)


def check_boards(
    organisations: Iterable[Organization],
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
