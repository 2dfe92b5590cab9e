"""Tests for representation (share and gaps to 30% and 15%) and the what-ifs."""

from __future__ import annotations

import datetime
import math
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.errors import InvalidRecord
from kppi_core.model import (
    Candidacy,
    Chamber,
    District,
    Gender,
    Membership,
    Organization,
    PartialDate,
    Person,
)
from kppi_core.seats import allocate, elect_party, run_election
from kppi_core.seats.representation import (
    MINIMUM,
    TARGET,
    Representation,
    from_election,
    from_figure,
    from_popolo,
    gap,
    series,
)
from kppi_core.seats.whatif import (
    _women,
    compare_rules,
    smallest_vote_shift,
    strongest_woman_first,
)

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN


def cand(pos: int, gender: Gender, votes: int, party: str = "A", district: str = "D1") -> Candidacy:
    return Candidacy(f"{party} {pos}", gender, party, "E", district, pos, votes=votes)


# ------------------------------------------------------------------------ arithmetic


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_gap_is_exact(a: int, b: int) -> None:
    seats, women = max(a, b), min(a, b)
    for goal in (TARGET, MINIMUM):
        g = gap(women, seats, goal)
        assert g.missing == max(0, g.required - women)
        assert g.met == (Fraction(women) >= goal * seats)
        # The smallest number of women that reaches the goal.
        assert g.required == next(k for k in range(seats + 1) if Fraction(k) >= goal * seats)


def test_dpr_2024_figures_differ_by_source_and_both_are_kept() -> None:
    ipu = Representation("DPR", 580, 127, "IPU Parline", "2024-10", Chamber.DPR)
    other = Representation("DPR", 580, 129, "another count", "2024-10", Chamber.DPR)
    assert ipu.share == Fraction(127, 580)
    assert ipu.to_target == gap(127, 580) and ipu.to_target.required == 174
    assert ipu.to_target.missing == 47 and other.to_target.missing == 45
    assert ipu.to_minimum.met and ipu.to_minimum.required == 87
    earlier = Representation("DPR", 575, 118, "DOMAIN.md", "2019", Chamber.DPR)
    grouped = series([other, ipu, earlier])
    assert list(grouped) == [("DPR", None, None)]
    assert [r.source for r in grouped["DPR", None, None]] == [
        "DOMAIN.md",
        "IPU Parline",
        "another count",
    ]


def test_representation_refuses_impossible_counts() -> None:
    with pytest.raises(InvalidRecord, match="exceed"):
        Representation("X", 10, 8, "s", undetermined=3)
    with pytest.raises(InvalidRecord, match="women"):
        Representation("X", 10, -1, "s")
    with pytest.raises(InvalidRecord, match="source"):
        Representation("X", 10, 1, " ")
    assert Representation("X", 0, 0, "s").share is None


@attrs.frozen
class _Figure:  # the shape of the adapters' RepresentationFigure
    chamber: str
    date: datetime.date
    seats: int
    women: int
    source: str
    country: str = "Indonesia"
    note: str | None = None


def test_from_figure_reads_a_published_figure() -> None:
    rep = from_figure(_Figure("DPR", datetime.date(2024, 10, 1), 580, 127, "IPU Parline"))
    assert rep.chamber is Chamber.DPR and rep.council == "DPR" and rep.region == "Indonesia"
    assert rep.date == PartialDate(2024, 10, 1) and rep.to_target.missing == 47


def test_from_popolo_counts_members_in_force() -> None:
    orgs = [
        Organization("dpr", "DPR", "legislature"),
        Organization("p1", "Party One", "party"),
        Organization("p2", "Party Two", "party"),
    ]
    persons = [
        Person("a", "A", F),
        Person("b", "B", M),
        Person("c", "C", M),
        Person("d", "D"),
        Person("e", "E", F),
    ]
    term = {"start_date": PartialDate(2019, 10), "end_date": PartialDate(2024, 9)}
    memberships = [
        Membership("a", "dpr", **term),
        Membership("b", "dpr", **term),
        Membership("c", "dpr", **term),
        Membership("d", "dpr", **term),
        Membership("e", "dpr", start_date=PartialDate(2024, 10)),  # not yet in office
        Membership("a", "p1"),
        Membership("b", "p1"),
        Membership("c", "p2"),
        Membership("c", "p1"),  # two parties: counted under none
    ]
    rows = from_popolo(
        persons, memberships, orgs, "dpr", on=datetime.date(2020, 1, 1), source="Popolo", seats=5
    )
    council, party_one = rows
    assert (council.council, council.seats, council.women, council.undetermined) == (
        "DPR",
        5,
        1,
        2,
    )
    assert (party_one.party, party_one.seats, party_one.women) == ("Party One", 2, 1)


# ------------------------------------------------------------------ from election results


def _election() -> tuple[list[District], list[Candidacy]]:
    districts = [District("D1", "E", 3), District("D2", "E", 2)]
    cands = [
        cand(1, M, 300),
        cand(2, F, 200),
        cand(3, M, 10),
        cand(1, F, 50, "B"),
        cand(2, M, 60, "B"),
        cand(1, M, 90, "A", "D2"),
        cand(2, F, 90, "A", "D2"),
        cand(3, F, 90, "A", "D2"),
        cand(1, U, 200, "B", "D2"),
    ]
    return districts, cands


def test_from_election_by_council_party_and_district() -> None:
    districts, cands = _election()
    result = run_election(districts, cands)
    rows = from_election(result, source="test", date="2024", by=("council", "party", "district"))
    council = rows[0]
    assert (council.seats, council.women, council.undetermined) == (5, 1, 2)
    assert council.to_target == gap(1, 5) and council.to_target.missing == 1
    parties = {r.party: r for r in rows if r.party}
    assert (parties["A"].seats, parties["A"].women, parties["A"].undetermined) == (3, 1, 1)
    assert (parties["B"].seats, parties["B"].women, parties["B"].undetermined) == (2, 0, 1)
    d2 = next(r for r in rows if r.region == "D2")
    assert (d2.seats, d2.women, d2.undetermined) == (2, 0, 2)
    with pytest.raises(ValueError, match="not known"):
        from_election(result, source="x", by=("province",))


# ---------------------------------------------------------------------------- what-ifs


def test_strongest_woman_first() -> None:
    cands = [cand(1, M, 9), cand(2, F, 3), cand(3, M, 1), cand(4, F, 7)]
    moved = strongest_woman_first(cands)
    assert [(c.name, c.list_position) for c in moved] == [
        ("A 4", 1),
        ("A 1", 2),
        ("A 2", 3),
        ("A 3", 4),
    ]


def test_compare_rules_counts_women_under_each_rule() -> None:
    districts, cands = _election()
    result = run_election(districts, cands)
    what = compare_rules(result, cands)
    d1, d2 = what.districts
    assert (d1.open_list, d1.closed_list, d1.woman_first) == (1, 2, 2)
    assert (d2.open_list, d2.closed_list, d2.woman_first) == (0, 0, 1)
    assert what.seats == 5 and what.open_list == 1 and what.woman_first == 3
    # B's woman has 50 votes to a man's 60: 5 votes make a tie, which goes to her.
    assert d1.shift is not None and d1.shift.party == "B" and d1.shift.votes == 5
    assert d2.shift is not None and d2.shift.votes == 1  # breaks the women's tie


CASES = st.lists(st.tuples(st.sampled_from([F, M, U]), st.integers(0, 9)), min_size=1, max_size=6)


@settings(max_examples=150)
@given(CASES, st.integers(1, 5), st.booleans())
def test_fast_count_agrees_with_elect_party(
    rows: list[tuple[Gender, int]], seats: int, priority: bool
) -> None:
    cands = [cand(i + 1, g, v) for i, (g, v) in enumerate(rows)]
    women = elect_party("A", seats, cands, woman_priority=priority).women
    votes = [v for _, v in rows]
    genders = [g for g, _ in rows]
    assert _women(votes, genders, list(range(1, len(rows) + 1)), seats, priority) == women


def _brute_force(cands: list[Candidacy], seats: int, priority: bool) -> int | None:
    before = elect_party("A", seats, cands, woman_priority=priority)
    best = None
    for w in cands:
        if w.gender is not F or w in before.elected:
            continue
        for x in cands:
            if x is w:
                continue
            for k in range(1, (x.votes or 0) + 1):
                shifted = [
                    attrs.evolve(c, votes=(c.votes or 0) + k)
                    if c is w
                    else attrs.evolve(c, votes=(c.votes or 0) - k)
                    if c is x
                    else c
                    for c in cands
                ]
                if elect_party("A", seats, shifted, woman_priority=priority).women > before.women:
                    best = k if best is None else min(best, k)
                    break
    return best


@settings(max_examples=150, deadline=None)
@given(CASES, st.integers(1, 4), st.booleans())
def test_smallest_vote_shift_is_minimal(
    rows: list[tuple[Gender, int]], seats: int, priority: bool
) -> None:
    cands = [cand(i + 1, g, v) for i, (g, v) in enumerate(rows)]
    allocation = allocate({"A": max(1, sum(v for _, v in rows)), "Z": 0}, seats)
    shift = smallest_vote_shift(allocation, cands, woman_priority=priority)
    expected = _brute_force(cands, seats, priority)
    assert (shift.votes if shift else None) == expected
    if shift is not None:
        assert shift.recipient.gender is F and shift.women_after > shift.women_before
        assert shift.votes <= (shift.donor.votes or 0)


def test_vote_shift_with_large_votes_is_exact() -> None:
    cands = [cand(1, M, 1_000_001), cand(2, M, 999_999), cand(3, F, 400_000)]
    allocation = allocate({"A": 10}, 2)
    shift = smallest_vote_shift(allocation, cands)
    # She needs 999,999 - k <= 400,000 + k with the tie going to her: k = 299,999 … 300,000.
    assert shift is not None and shift.donor.list_position == 2
    assert shift.votes == math.ceil((999_999 - 400_000) / 2)


def test_from_figure_reads_the_adapters_representation_figure() -> None:
    from kppi_core.representation import RepresentationFigure

    fig = RepresentationFigure(
        "Indonesia", "House of Representatives", PartialDate(2024, 10), 580, 127, "IPU Parline"
    )
    rep = from_figure(fig)
    assert (rep.council, rep.region, rep.source, rep.date) == (
        "House of Representatives",
        "Indonesia",
        "IPU Parline",
        PartialDate(2024, 10),
    )
    assert rep.share == fig.share and rep.to_target.missing == 47


POPOLO = Path(__file__).parent / "data" / "real" / "everypolitician" / "indonesia-dpr-popolo.json"


def test_from_popolo_on_everypolitician_dpr_2014_2019() -> None:
    from kppi_core.adapters.popolo import read_popolo

    read = read_popolo(POPOLO)
    persons = [r for r in read.records if isinstance(r, Person)]
    memberships = [r for r in read.records if isinstance(r, Membership)]
    orgs = [r for r in read.records if isinstance(r, Organization)]
    (dpr,) = [o for o in orgs if o.classification == "legislature"]
    rows = from_popolo(
        persons,
        memberships,
        orgs,
        dpr.id,
        on=datetime.date(2015, 1, 1),
        source="EveryPolitician",
        seats=560,
    )
    council = rows[0]
    # 551 members recorded, 89 declared women, 53 of unknown sex; 9 empty seats.
    assert (council.seats, council.women, council.undetermined) == (560, 89, 62)
    assert council.to_target.missing == 79 and council.to_minimum.met
    assert sum(r.seats for r in rows[1:]) == 551
