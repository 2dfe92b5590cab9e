"""Tests for who is elected inside a party's seats, chamber rules and whole elections."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.conversion import converter
from kppi_core.errors import InvalidSeatInput as FromErrors
from kppi_core.errors import KppiError
from kppi_core.model import Candidacy, Chamber, District, Gender
from kppi_core.seats import (
    CLOSED_LIST,
    DHONDT,
    DPR_RULES,
    DPRD_PROVINCE_RULES,
    DPRD_REGENCY_RULES,
    OPEN_LIST,
    ElectionResult,
    InvalidSeatInput,
    allocate,
    by_list_position,
    chamber_rules,
    elect,
    elect_party,
    run_election,
)

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN


def cand(
    pos: int,
    gender: Gender,
    votes: int | None = 0,
    party: str = "A",
    district: str = "D1",
    election: str = "E",
) -> Candidacy:
    return Candidacy(
        name=f"{party} {pos}",
        gender=gender,
        party=party,
        election_id=election,
        district_id=district,
        list_position=pos,
        votes=votes,
    )


def party_list(
    genders: list[Gender], votes: list[int] | None = None, party: str = "A"
) -> list[Candidacy]:
    votes = votes or [0] * len(genders)
    return [cand(i + 1, g, v, party) for i, (g, v) in enumerate(zip(genders, votes, strict=True))]


GENDERS = st.sampled_from([F, M])
LISTS = st.lists(GENDERS, min_size=1, max_size=12)


def test_invalid_seat_input_lives_in_errors() -> None:
    assert InvalidSeatInput is FromErrors
    assert issubclass(InvalidSeatInput, KppiError) and issubclass(InvalidSeatInput, ValueError)


# --------------------------------------------------------------------------- closed list


@given(LISTS, st.integers(0, 12), st.data())
def test_moving_a_woman_up_a_closed_list_never_lowers_women_elected(
    genders: list[Gender], seats: int, data: st.DataObject
) -> None:
    women_at = [i for i, g in enumerate(genders) if g is F]
    if not women_at:
        return
    i = data.draw(st.sampled_from(women_at))
    j = data.draw(st.integers(0, i))
    moved = genders[:j] + [F] + genders[j:i] + genders[i + 1 :]
    before = elect_party("A", seats, party_list(genders), CLOSED_LIST).women
    after = elect_party("A", seats, party_list(moved), CLOSED_LIST).women
    assert after >= before


def test_closed_list_takes_list_order_and_reports_vacant_seats() -> None:
    result = elect_party("A", 4, party_list([M, F, M], [1, 100, 50]), CLOSED_LIST)
    assert [c.list_position for c in result.elected] == [1, 2, 3]
    assert result.vacant == 1 and result.tie is None


# ----------------------------------------------------------------------------- open list


VOTED = st.lists(st.tuples(st.sampled_from([F, M, U]), st.integers(0, 6)), min_size=1, max_size=10)


@given(VOTED, st.integers(0, 10), st.booleans())
def test_open_list_respects_votes(
    rows: list[tuple[Gender, int]], seats: int, priority: bool
) -> None:
    cands = party_list([g for g, _ in rows], [v for _, v in rows])
    result = elect_party("A", seats, cands, OPEN_LIST, woman_priority=priority)
    elected = set(result.elected)
    losers = [c for c in cands if c not in elected]
    filled = min(seats, len(cands))
    assert len(result.elected) + result.open == filled
    assert result.vacant == seats - filled
    all_zero = all(c.votes == 0 for c in cands)
    for w in result.elected:
        for loser in losers:
            assert (w.votes or 0) >= (loser.votes or 0)
            if w.votes == loser.votes and not all_zero:
                assert result.tie is not None and loser in result.tie.candidates
    if result.tie is not None:
        assert result.open == result.tie.open >= 0


@given(VOTED, st.integers(0, 10), st.randoms(use_true_random=False))
def test_input_order_never_decides(
    rows: list[tuple[Gender, int]], seats: int, rnd: random.Random
) -> None:
    cands = party_list([g for g, _ in rows], [v for _, v in rows])
    shuffled = cands[:]
    rnd.shuffle(shuffled)
    assert elect_party("A", seats, cands) == elect_party("A", seats, shuffled)


def test_tie_between_a_man_and_a_woman_goes_to_the_woman() -> None:
    cands = party_list([M, M, F], [90, 40, 40])
    result = elect_party("A", 2, cands)
    assert [c.list_position for c in result.elected] == [1, 3]
    assert result.tie is not None
    assert result.tie.by_woman_priority == (cands[2],) and result.open == 0


def test_woman_priority_can_be_turned_off() -> None:
    cands = party_list([M, M, F], [90, 40, 40])
    result = elect_party("A", 2, cands, woman_priority=False)
    assert [c.list_position for c in result.elected] == [1]
    assert result.open == 1
    assert result.tie is not None and result.tie.candidates == (cands[1], cands[2])


def test_tie_between_two_women_stays_open_unless_decided() -> None:
    cands = party_list([M, F, F, M], [90, 40, 40, 40])
    result = elect_party("A", 2, cands)
    assert [c.list_position for c in result.elected] == [1]
    assert result.open == 1
    tie = result.tie
    assert tie is not None and tie.seats == 1 and tie.votes == 40 and len(tie.candidates) == 3
    decided = elect_party("A", 2, cands, tie_break=by_list_position)
    assert [c.list_position for c in decided.elected] == [1, 2]
    assert decided.tie is not None and decided.tie.by_tie_break == (cands[1],)


def test_women_take_the_tie_first_and_men_tie_for_the_rest() -> None:
    cands = party_list([F, M, M], [7, 7, 7])
    result = elect_party("A", 2, cands)
    assert result.elected == (cands[0],) and result.open == 1
    decided = elect_party("A", 2, cands, tie_break=lambda tied, n: [tied[-1]])
    assert decided.elected == (cands[0], cands[2])


def test_unknown_gender_blocks_the_woman_rule() -> None:
    cands = party_list([F, U], [5, 5])
    result = elect_party("A", 1, cands)
    assert result.elected == () and result.open == 1


def test_bad_tie_break_is_refused() -> None:
    cands = party_list([M, M], [5, 5])
    with pytest.raises(InvalidSeatInput, match="tie_break for party 'A'"):
        elect_party("A", 1, cands, tie_break=lambda tied, n: list(tied))


def test_no_votes_at_all_falls_back_to_list_order() -> None:
    # PKPU 6/2024: a party with seats but no candidate with a valid vote.
    result = elect_party("A", 2, party_list([M, F, M], [0, 0, 0]))
    assert [c.list_position for c in result.elected] == [1, 2] and result.tie is None


def test_open_list_needs_votes() -> None:
    with pytest.raises(InvalidSeatInput, match="needs votes"):
        elect_party("A", 1, [cand(1, M, None), cand(2, F, 3)])


def test_duplicate_positions_and_mixed_districts_are_refused() -> None:
    with pytest.raises(InvalidSeatInput, match="same list position"):
        elect_party("A", 1, [cand(1, M, 1), cand(1, F, 2)])
    a = allocate({"A": 10}, 1)
    with pytest.raises(InvalidSeatInput, match="two districts"):
        elect(a, [cand(1, M, 1), cand(2, F, 2, district="D2")])


def test_elect_follows_the_allocation() -> None:
    cands = party_list([M, F, M], [300, 200, 10], "A") + party_list([F, M], [50, 60], "B")
    a = allocate({"A": 510, "B": 110}, 3)
    assert a.as_dict() == {"A": 2, "B": 1}
    result = elect(a, cands)
    assert result.district_id == "D1" and result.rule == OPEN_LIST
    assert [c.name for c in result.elected] == ["A 1", "A 2", "B 2"]
    assert result.women == 1
    closed = elect(a, cands, CLOSED_LIST)
    assert [c.name for c in closed.elected] == ["A 1", "A 2", "B 1"] and closed.women == 2


# ----------------------------------------------------------------------- chambers, runs


def test_chamber_rules_cite_their_articles() -> None:
    assert DPR_RULES.threshold == Fraction(4, 100)
    assert DPRD_PROVINCE_RULES.threshold == 0 == DPRD_REGENCY_RULES.threshold
    assert any("414(1)" in s for s in DPR_RULES.sources)
    assert any("415(2)" in s for s in DPR_RULES.sources)
    assert any("414(2)" in s for s in DPRD_REGENCY_RULES.sources)
    assert chamber_rules("DPRD_KABKO") is DPRD_REGENCY_RULES
    assert chamber_rules(Chamber.DPR) is DPR_RULES
    with pytest.raises(InvalidSeatInput, match="not elected by party lists"):
        chamber_rules("dpd")


def _two_districts() -> tuple[list[District], list[Candidacy]]:
    districts = [District("D1", "E", 3), District("D2", "E", 2)]
    cands = (
        party_list([M, F, M], [300, 200, 10], "A")
        + party_list([F, M], [50, 60], "B")
        + [cand(1, F, 5, "C")]
        + [cand(1, M, 90, "A", "D2"), cand(2, F, 100, "A", "D2"), cand(1, F, 80, "B", "D2")]
    )
    return districts, cands


def test_run_election_allocates_and_elects_every_district() -> None:
    districts, cands = _two_districts()
    result = run_election(districts, cands)
    assert result.chamber is Chamber.DPRD_REGENCY and result.threshold_basis == "none"
    assert [d.district_id for d in result.districts] == ["D1", "D2"]
    d1, d2 = result.districts
    assert d1.allocation.as_dict() == {"A": 2, "B": 1, "C": 0}
    assert d1.audit == d1.allocation.audit
    assert [c.name for c in d2.elected.elected] == ["A 2", "B 1"]
    assert result.seats == 5 and result.women == 3 and result.unresolved == 0
    assert d2.notes and "3–12" in d2.notes[0]


def test_run_election_applies_the_dpr_threshold() -> None:
    districts, cands = _two_districts()
    national = {"A": 960, "B": 30, "C": 10}  # B 3%, C 1%: both below 4%
    result = run_election(districts, cands, DPR_RULES, national_votes=national)
    assert result.threshold_basis == "national" and result.passing == ("A",)
    assert all(d.allocation.seats_of("B") == 0 for d in result.districts)
    on_districts = run_election(districts, cands, DPR_RULES)
    assert on_districts.threshold_basis == "districts"
    assert on_districts.passing == ("A", "B")  # C has 5 of 1,035 votes


def test_run_election_party_ballots_and_overrides() -> None:
    districts, cands = _two_districts()
    result = run_election(districts, cands, None, method=DHONDT, party_ballots={("D1", "C"): 1000})
    assert result.chamber is None and result.method == "dhondt"
    d1 = result.districts[0]
    assert d1.allocation.seats_of("C") == 1  # capped at its one candidate
    assert "C" in d1.allocation.capped


def test_run_election_refuses_bad_input() -> None:
    districts, cands = _two_districts()
    with pytest.raises(InvalidSeatInput, match="no such district"):
        run_election(districts[:1], cands)
    with pytest.raises(InvalidSeatInput, match="no votes"):
        run_election(districts, [*cands, cand(9, M, None)])
    with pytest.raises(InvalidSeatInput, match="given twice"):
        run_election([*districts, District("D1", "E", 4)], cands)


def test_election_result_goes_through_the_converter() -> None:
    districts, cands = _two_districts()
    result = run_election(districts, cands[:-1] + [cand(2, M, 100, "B", "D2")])
    data = converter.unstructure(result)
    text = json.dumps(data)
    order = data["districts"][0]["audit"]["order"]
    assert [(s["party"], s["quotient"]) for s in order] == [
        ("A", "510"),
        ("A", "170"),
        ("B", "110"),
    ]
    assert converter.structure(json.loads(text), ElectionResult) == result


def test_unresolved_candidate_tie_is_counted() -> None:
    districts = [District("D1", "E", 1)]
    cands = party_list([M, M], [5, 5])
    result = run_election(districts, cands)
    assert result.unresolved == 1 and result.districts[0].elected.open == 1
