"""The engine's reuse of one shape's evaluation gives what evaluating every list gives."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.model import Gender
from kppi_core.quota import Finding, ListFacts, RuleSet, Status, check_lists, get_rule_set
from kppi_core.quota.engine import _check_each, shape_only
from kppi_core.rejections import Rejection
from objects import assert_same_object

sexes = st.sampled_from([Gender.FEMALE, Gender.MALE, Gender.UNKNOWN])
shared: dict[tuple[Gender, ...], tuple[Gender, ...]] = {}


@st.composite
def lists(draw: st.DrawFn) -> ListFacts:
    n = draw(st.integers(0, 7))
    genders = tuple(draw(st.lists(sexes, min_size=n, max_size=n)))
    if draw(st.booleans()):  # as readers do: one tuple per sequence of sexes
        genders = shared.setdefault(genders, genders)
    positions = draw(st.sampled_from([tuple(range(1, n + 1)), tuple(sorted(range(n, 0, -1)))]))
    if n and draw(st.booleans()):
        positions = (*positions[:-1], positions[0])  # a repeated number
    rejected = (Rejection("f.csv", 3, "gender", "bad"),) if draw(st.booleans()) else ()
    return ListFacts(
        "DPR",
        draw(st.sampled_from(["D1", "D2", "D3"])),
        draw(st.sampled_from(["A", "B", "C", "D"])),
        draw(st.sampled_from([None, 1, 3, 5, 8])),
        positions,
        genders,
        rejected if draw(st.integers(0, 4)) == 0 else (),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(lists(), max_size=30), st.sampled_from(["uu7-2017", "pkpu-10-2023"]))
def test_reuse_equals_evaluating_each_list(facts: list[ListFacts], rules: str) -> None:
    reused = check_lists(facts, rules)
    each = _check_each(facts, get_rule_set(rules), ())
    assert reused == each
    for result in reused.results:
        for f in result.findings:
            assert (f.election, f.district, f.party) == (
                result.election,
                result.district,
                result.party,
            )


@attrs.frozen
class ByName:
    """A rule that reads a list's party: not shape-only, so never reused."""

    id: str = "by-name"
    source: str = "test"

    def evaluate(self, facts: ListFacts) -> tuple[Finding, ...]:
        if facts.party != "A":
            return ()
        return (
            Finding(
                self.id, Status.NOTE, facts.election_id, facts.district_id, facts.party,
                "party A", self.source, facts.candidates, facts.women,
            ),
        )  # fmt: skip


def test_rules_without_shape_only_are_evaluated_per_list() -> None:
    rs = RuleSet("t", "t", (*get_rule_set("uu7-2017").list_rules, ByName()))
    assert shape_only(get_rule_set("uu7-2017").list_rules)
    assert not shape_only(rs.list_rules)
    same = (1, 2, 3), (Gender.FEMALE, Gender.MALE, Gender.MALE)
    a = ListFacts("DPR", "D1", "A", 3, *same)
    b = ListFacts("DPR", "D1", "B", 3, *same)
    report = check_lists([a, b], rs)
    assert [[f.rule for f in r.findings] for r in report.results] == [["by-name"], []]


@settings(max_examples=200, deadline=None)
@given(st.lists(lists(), max_size=30), st.sampled_from(["uu7-2017", "pkpu-10-2023"]))
def test_reused_results_are_the_constructors_objects(facts: list[ListFacts], rules: str) -> None:
    for result in check_lists(facts, rules).results:
        findings = tuple(attrs.evolve(f) for f in result.findings)
        for f, g in zip(result.findings, findings, strict=True):
            assert_same_object(f, g)
        assert_same_object(result, attrs.evolve(result, findings=findings))
