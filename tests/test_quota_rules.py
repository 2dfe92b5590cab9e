"""The quota rules: DOMAIN.md's worked cases under both rule sets, and invariants."""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kppi_core import CandidateList, Gender
from kppi_core.errors import UnknownRuleSet
from kppi_core.quota import (
    ListFacts,
    Move,
    Rounding,
    RuleSet,
    Status,
    Verdict,
    WomenShare,
    Zipper,
    check_list,
    get_rule_set,
    required_women,
    rule_sets,
)
from kppi_core.testing.strategies import candidate_lists

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN


def facts(
    n: int, women: set[int], seats: int | None = 12, unknown: frozenset[int] = frozenset()
) -> ListFacts:
    genders = tuple(F if p in women else U if p in unknown else M for p in range(1, n + 1))
    return ListFacts("DPRD", "SERANG 1", "Partai X", seats, tuple(range(1, n + 1)), genders)


def verdict(f: ListFacts, rule_set: str) -> Verdict:
    return check_list(f, rule_set).verdict


def violated(f: ListFacts, rule_set: str) -> set[str]:
    return {x.rule for x in check_list(f, rule_set).findings if x.status is Status.VIOLATION}


# DOMAIN.md, "Worked cases": n; women at positions → PKPU 10/2023 vs MA ruling.
WORKED = [
    (4, {1}, Verdict.COMPLIANT, Verdict.NONCOMPLIANT),
    (7, {2, 5}, Verdict.COMPLIANT, Verdict.NONCOMPLIANT),
    (8, {2, 5}, Verdict.COMPLIANT, Verdict.NONCOMPLIANT),
    (11, {3, 6, 9}, Verdict.COMPLIANT, Verdict.NONCOMPLIANT),
    (10, {1, 4, 7}, Verdict.COMPLIANT, Verdict.COMPLIANT),
    (2, set(), Verdict.NONCOMPLIANT, Verdict.NONCOMPLIANT),
    (12, {1, 4, 7}, Verdict.NONCOMPLIANT, Verdict.NONCOMPLIANT),
]


@pytest.mark.parametrize(("n", "women", "pkpu", "uu7"), WORKED)
def test_worked_cases(n: int, women: set[int], pkpu: Verdict, uu7: Verdict) -> None:
    f = facts(n, women)
    assert verdict(f, "pkpu-10-2023") is pkpu
    assert verdict(f, "uu7-2017") is uu7
    if uu7 is Verdict.NONCOMPLIANT:
        assert "list-women-share" in violated(f, "uu7-2017")


def test_share_passes_but_zipper_fails() -> None:
    f = facts(5, {4, 5})
    for rs in ("pkpu-10-2023", "uu7-2017"):
        assert violated(f, rs) == {"list-zipper"}


def test_list_longer_than_seats() -> None:
    f = facts(9, {1, 4, 7}, seats=8)
    for rs in ("pkpu-10-2023", "uu7-2017"):
        assert violated(f, rs) == {"list-length"}
        finding = next(x for x in check_list(f, rs).findings if x.rule == "list-length")
        assert finding.repair is not None and finding.repair.remove == 1


def test_one_man_list_is_exempt_by_default_and_fails_strictly() -> None:
    f = facts(1, set())
    result = check_list(f)
    assert result.verdict is Verdict.COMPLIANT
    assert [(x.rule, x.status) for x in result.findings] == [("list-women-share", Status.NOTE)]
    strict = RuleSet("strict", "strict", (WomenShare(one_candidate_exempt=False),))
    assert check_list(f, strict).verdict is Verdict.NONCOMPLIANT


def test_kpu_rounding_table() -> None:
    # PKPU 10/2023's own table: 3–4 → 1; 5–8 → 2; 9–11 → 3; 12 → 4.
    expected = {3: 1, 4: 1, 5: 2, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 4}
    assert {n: required_women(n, Rounding.HALF_UP) for n in expected} == expected
    lose = [n for n in range(1, 13) if required_women(n, Rounding.CEILING) > expected.get(n, 0)]
    assert [n for n in lose if n >= 3] == [4, 7, 8, 11]


@given(st.integers(0, 10_000))
def test_required_is_exact(n: int) -> None:
    from fractions import Fraction

    exact = Fraction(3 * n, 10)
    ceil, half = required_women(n, Rounding.CEILING), required_women(n, Rounding.HALF_UP)
    assert ceil - 1 < exact <= ceil
    assert half - Fraction(1, 2) <= exact < half + Fraction(1, 2)
    assert ceil >= half


def test_undeclared_sex_makes_a_list_undetermined_never_compliant() -> None:
    f = facts(7, {2, 5}, unknown=frozenset({7}))
    result = check_list(f, "uu7-2017")
    assert result.verdict is Verdict.UNDETERMINED
    rules = {x.rule: x.status for x in result.findings}
    assert rules == {"list-women-share": Status.UNDETERMINED, "gender-unknown": Status.NOTE}
    # If the verdict would not change, it is determined.
    assert verdict(facts(7, {1, 2, 5}, unknown=frozenset({7})), "uu7-2017") is Verdict.COMPLIANT
    assert verdict(facts(7, set(), unknown=frozenset({7})), "uu7-2017") is Verdict.NONCOMPLIANT
    # A block whose only hope is a candidate of undeclared sex.
    z = facts(6, {1, 2}, unknown=frozenset({5}))
    assert {x.rule: x.status for x in check_list(z, "pkpu-10-2023").findings}["list-zipper"] is (
        Status.UNDETERMINED
    )


def test_numbering() -> None:
    f = ListFacts("e", "d", "p", 8, (1, 2, 2, 4), (F, M, M, M))
    finding = next(x for x in check_list(f).findings if x.rule == "list-numbering")
    assert "repeated 2" in finding.message and "missing 3" in finding.message


def test_repeated_position_held_by_a_woman_and_a_man() -> None:
    # Found by the benchmark's generator: the zipper repair sorted (position, sex) pairs.
    f = ListFacts("e", "d", "p", 6, (1, 2, 3, 4, 4, 5), (M, M, M, F, M, F))
    assert violated(f, "uu7-2017") == {"list-zipper", "list-numbering"}


def test_rejected_rows_leave_a_list_undetermined() -> None:
    from kppi_core.rejections import Rejection

    f = attrs.evolve(facts(3, {1}), rejected=(Rejection("x.csv", 5, "gender", "bad"),))
    result = check_list(f)
    assert result.verdict is Verdict.UNDETERMINED
    assert any(x.rule == "list-incomplete" and "line 5" in x.message for x in result.findings)


def test_unknown_rule_set_lists_the_known() -> None:
    with pytest.raises(UnknownRuleSet, match="uu7-2017"):
        get_rule_set("nope")
    assert {"uu7-2017", "pkpu-10-2023"} <= set(rule_sets())


# --- Properties -----------------------------------------------------------------------

known = st.sampled_from((F, M))
lists = candidate_lists(min_size=1, max_size=12, gender=known)
# Lists that are short of women often: most draws of these break a rule.
thin = st.lists(st.sampled_from((M, M, M, F)), min_size=2, max_size=12).map(
    lambda gs: ListFacts("e", "d", "p", None, tuple(range(1, len(gs) + 1)), tuple(gs))
)
rule_set_ids = st.sampled_from(("uu7-2017", "pkpu-10-2023"))


def share_status(f: ListFacts, rs: str) -> Status | None:
    for x in check_list(f, rs).findings:
        if x.rule == "list-women-share":
            return x.status
    return None


@given(lists, st.randoms(use_true_random=False), rule_set_ids)
def test_share_depends_only_on_counts(cl: CandidateList, rnd: object, rs: str) -> None:
    f = ListFacts.of(cl)
    genders = list(f.genders)
    rnd.shuffle(genders)  # type: ignore[attr-defined]
    shuffled = attrs.evolve(f, genders=tuple(genders))
    assert share_status(shuffled, rs) == share_status(f, rs)


@given(lists, st.data(), rule_set_ids)
def test_a_woman_for_a_man_never_creates_a_violation(
    cl: CandidateList, data: st.DataObject, rs: str
) -> None:
    f = ListFacts.of(cl)
    men = [i for i, g in enumerate(f.genders) if g is M]
    assume(men)
    i = data.draw(st.sampled_from(men))
    better = attrs.evolve(f, genders=f.genders[:i] + (F,) + f.genders[i + 1 :])
    assert violated(better, rs) <= violated(f, rs)


@given(thin, rule_set_ids)
def test_share_repair_is_sufficient_and_minimal(f: ListFacts, rs: str) -> None:
    finding = next((x for x in check_list(f, rs).findings if x.rule == "list-women-share"), None)
    assume(finding is not None and finding.status is Status.VIOLATION)
    assert finding is not None and finding.repair is not None
    r = finding.repair.replace_men
    assert r is not None
    men = [i for i, g in enumerate(f.genders) if g is M]

    def replaced(k: int) -> ListFacts:
        genders = list(f.genders)
        for i in men[:k]:
            genders[i] = F
        return attrs.evolve(f, genders=tuple(genders))

    assert share_status(replaced(r), rs) is None
    assert share_status(replaced(r - 1), rs) is Status.VIOLATION
    add = finding.repair.add_women
    assert add is not None

    def added(k: int) -> ListFacts:
        n = f.candidates
        return attrs.evolve(
            f, positions=f.positions + tuple(range(n + 1, n + k + 1)), genders=f.genders + (F,) * k
        )

    assert share_status(added(add), rs) is None
    assert share_status(added(add - 1), rs) is Status.VIOLATION


@st.composite
def enough_women(draw: st.DrawFn) -> ListFacts:
    """Lists with at least one woman per full block, placed anywhere."""
    n = draw(st.integers(3, 12))
    w = draw(st.integers(n // 3, min(n, n // 3 + 2)))
    order = draw(st.permutations(range(1, n + 1)))
    return facts(n, set(order[:w]), seats=None)


@given(enough_women())
def test_zipper_moves_fix_every_block(f: ListFacts) -> None:
    finding = next(iter(Zipper().evaluate(f)), None)
    if finding is None:
        return
    assert finding.repair is not None
    assert finding.repair.replace_men is None  # enough women: moves alone suffice
    genders = dict(zip(f.positions, f.genders, strict=True))
    for move in finding.repair.moves:
        genders[move.a], genders[move.b] = genders[move.b], genders[move.a]
    fixed = attrs.evolve(f, genders=tuple(genders[p] for p in f.positions))
    assert Zipper().evaluate(fixed) == ()
    # Fewest: a swap fills one empty block at most.
    assert len(finding.repair.moves) == finding.shortfall


@given(st.integers(1, 12), st.integers(0, 12))
def test_zipper_moves_exist_when_women_suffice(n: int, w: int) -> None:
    assume(w <= n)
    for women in itertools.islice(itertools.combinations(range(1, n + 1), w), 20):
        f = facts(n, set(women))
        finding = next(iter(Zipper().evaluate(f)), None)
        if finding is None:
            continue
        assert finding.repair is not None
        if w >= n // 3:
            assert finding.repair.replace_men is None


@given(
    st.lists(st.integers(1, 15), min_size=1, max_size=12, unique=True),
    st.data(),
)
def test_zipper_repair_with_gaps_in_the_numbers(positions: list[int], data: st.DataObject) -> None:
    """List numbers with gaps (which list-numbering reports) may leave a block with
    nobody in it: the zipper still says which blocks fail, and its moves, a woman
    moved to a free number when the block is empty, fix every block."""
    genders = data.draw(st.lists(st.sampled_from([F, M]), min_size=len(positions),
                                 max_size=len(positions)))  # fmt: skip
    f = ListFacts.build(("DPR", "D1", "A"), None, positions, genders)
    finding = next(iter(Zipper().evaluate(f)), None)
    if finding is None or finding.repair is None or finding.repair.replace_men:
        return
    sexes = dict(zip(f.positions, f.genders, strict=True))
    for move in finding.repair.moves:
        if move.b in sexes:
            sexes[move.a], sexes[move.b] = sexes[move.b], sexes[move.a]
        else:  # an empty number: the candidate is renumbered
            sexes[move.b] = sexes.pop(move.a)
    fixed = ListFacts.build(f.key, None, list(sexes), list(sexes.values()))
    assert Zipper().evaluate(fixed) == ()


def test_zipper_block_with_nobody_in_it() -> None:
    """Regression: numbers 5, 6, 7 (a woman at 5) crashed the repair (issue found
    while speeding up the check); block 1–3 is empty and the woman moves to 1."""
    f = ListFacts.build(("DPR", "D1", "A"), 10, [5, 6, 7], [F, M, M])
    (finding,) = Zipper().evaluate(f)
    assert finding.status is Status.VIOLATION
    assert finding.repair is not None
    assert finding.repair.moves == (Move(5, 1),)
