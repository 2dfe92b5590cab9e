"""Tests for kppi_core.seats: exact seat allocation, ties as data, the audit trail."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from kppi_core.seats import (
    DHONDT,
    DPR_THRESHOLD,
    DPRD_THRESHOLD,
    HARE,
    METHODS,
    MODIFIED_SAINTE_LAGUE,
    SAINTE_LAGUE,
    Allocation,
    DistrictAudit,
    InvalidSeatInput,
    Method,
    allocate,
    find_divisor,
    passing_parties,
)

DIVISOR_METHODS = [SAINTE_LAGUE, DHONDT, MODIFIED_SAINTE_LAGUE]
ALL_METHODS = [*DIVISOR_METHODS, HARE]

PARTY_NAMES = st.sampled_from([f"P{n}" for n in range(1, 10)])


def votes_st(max_votes: int = 1_000_000, min_size: int = 1) -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(PARTY_NAMES, st.integers(0, max_votes), min_size=min_size, max_size=9)


# Small vote counts make equal quotients (ties) common; large ones make them rare.
ANY_VOTES = st.one_of(votes_st(12), votes_st(1_000), votes_st(1_000_000))
SEATS = st.integers(0, 15)


def reference(
    votes: Mapping[str, int], seats: int, method: Method
) -> tuple[dict[str, int], tuple[str, ...], int]:
    """Textbook seat-by-seat allocation with Fractions: (seats, tied parties, tied seats).

    Equal best quotients that all fit are given together; if they do not fit,
    the tie is returned with the seats left.
    """
    got = dict.fromkeys(votes, 0)
    live = [p for p, v in votes.items() if v > 0]
    left = seats
    while left > 0 and live:
        q = {p: Fraction(votes[p]) / method.divisor(got[p] + 1) for p in live}
        best = max(q.values())
        top = sorted(p for p in live if q[p] == best)
        if len(top) > left:
            return got, tuple(top), left
        for p in top:
            got[p] += 1
        left -= len(top)
    return got, (), 0


def tied_seats(a: Allocation) -> int:
    return sum(t.seats for t in a.ties if not t.chosen)


# ------------------------------------------------------------------ published examples


def test_sainte_lague_indonesian_explainer_six_seats() -> None:
    # detikManado, "Metode Sainte Lague dan cara pembagian kursi DPR dan DPRD di
    # Pemilu 2024": Apel 40,000, Blimbing 25,000, Cempedak 15,000, Duku 12,000,
    # Enau 9,000, Fantasi 6,000; 6 seats -> 2, 1, 1, 1, 1, 0, seat order
    # Apel, Blimbing, Cempedak, Apel, Duku, Enau.
    votes = {
        "Apel": 40_000,
        "Blimbing": 25_000,
        "Cempedak": 15_000,
        "Duku": 12_000,
        "Enau": 9_000,
        "Fantasi": 6_000,
    }
    a = allocate(votes, 6)
    assert a.as_dict() == {
        "Apel": 2,
        "Blimbing": 1,
        "Cempedak": 1,
        "Duku": 1,
        "Enau": 1,
        "Fantasi": 0,
    }
    assert a.order == ("Apel", "Blimbing", "Cempedak", "Apel", "Duku", "Enau")
    assert [s.quotient for s in a.audit.order] == [
        40_000,
        25_000,
        15_000,
        Fraction(40_000, 3),
        12_000,
        9_000,
    ]
    # The last seat (Enau, 9,000) beat Blimbing's 25,000/3 by 2,000/3.
    assert a.audit.margin == Fraction(9_000) - Fraction(25_000, 3)


def test_sainte_lague_bolasport_explainer() -> None:
    # BolaSport.com, "Cara hitung suara lolos ke DPR" (2024), citing
    # pemilu2024.kpu.go.id: A 30,000, B 20,000, C 15,000, D 7,000, E 5,000;
    # 6 seats -> A 2, B 2, C 1, D 1, E 0.
    votes = {"A": 30_000, "B": 20_000, "C": 15_000, "D": 7_000, "E": 5_000}
    assert allocate(votes, 6).as_dict() == {"A": 2, "B": 2, "C": 1, "D": 1, "E": 0}


def test_sainte_lague_electoral_reform_wiki() -> None:
    # Electoral Reform wiki, "Sainte-Laguë Method": 25,000 / 19,000 / 12,000 /
    # 8,000 votes, 10 seats -> 4, 3, 2, 1 ("in this case the results do not
    # differ" from D'Hondt); ranks of the quotients give the seat order.
    votes = {"A": 25_000, "B": 19_000, "C": 12_000, "D": 8_000}
    expected = {"A": 4, "B": 3, "C": 2, "D": 1}
    assert allocate(votes, 10).as_dict() == expected
    assert allocate(votes, 10, DHONDT).as_dict() == expected
    assert allocate(votes, 10).order == ("A", "B", "C", "A", "D", "B", "A", "C", "B", "A")


def test_honikel_three_methods() -> None:
    # staatsrecht.honikel.de, "Berechnungsbeispiele – Lösungen": A 6,100,
    # B 5,000, C 900, 10 seats: Sainte-Laguë 5/4/1, largest remainder 5/4/1,
    # D'Hondt 6/4/0.
    votes = {"A": 6_100, "B": 5_000, "C": 900}
    assert allocate(votes, 10, SAINTE_LAGUE).as_dict() == {"A": 5, "B": 4, "C": 1}
    assert allocate(votes, 10, HARE).as_dict() == {"A": 5, "B": 4, "C": 1}
    assert allocate(votes, 10, DHONDT).as_dict() == {"A": 6, "B": 4, "C": 0}


def test_webster_35_seat_example() -> None:
    # Electowiki, "Sainte-Laguë method", 35-seat example: A 503, B 304, C 193
    # -> 17, 11, 7; the next divisors are 35, 23 and 15.
    votes = {"A": 503, "B": 304, "C": 193}
    a = allocate(votes, 35)
    assert a.as_dict() == {"A": 17, "B": 11, "C": 7}
    rows = {r.party: r.quotients for r in a.audit.table}
    assert rows["A"][-1] == Fraction(503, 35)
    assert rows["B"][-1] == Fraction(304, 23)
    assert rows["C"][-1] == Fraction(193, 15)
    assert find_divisor(votes, 35).seats == a.seats


def test_alabama_paradox_hare_is_not_house_monotone() -> None:
    # Electowiki / Wikipedia, "Alabama paradox": A 5,670, B 3,850, C 420, D 60.
    # Hamilton (Hare) gives C 14 seats of 323 but 13 of 324.
    votes = {"A": 5_670, "B": 3_850, "C": 420, "D": 60}
    assert allocate(votes, 323, HARE).as_dict() == {"A": 183, "B": 124, "C": 14, "D": 2}
    assert allocate(votes, 324, HARE).as_dict() == {"A": 184, "B": 125, "C": 13, "D": 2}
    # A divisor method never does this.
    for method in DIVISOR_METHODS:
        small, big = allocate(votes, 323, method), allocate(votes, 324, method)
        assert all(big.seats_of(p) >= small.seats_of(p) for p in votes)


def test_alabama_paradox_small() -> None:
    # Wikipedia, "Alabama paradox" (via reference.com): sizes 6, 6, 2; 10 seats
    # give C 2, 11 seats give C 1.
    votes = {"A": 6, "B": 6, "C": 2}
    assert allocate(votes, 10, HARE).as_dict() == {"A": 4, "B": 4, "C": 2}
    assert allocate(votes, 11, HARE).as_dict() == {"A": 5, "B": 5, "C": 1}


def test_modified_sainte_lague_first_divisor_is_seven_fifths() -> None:
    # With 1.4 as first divisor a small party needs 1.4x the votes to open.
    votes = {"A": 1_000, "B": 340}
    # Pure: A 1000, 333.3 (B 340 beats it), so B gets the second seat.
    assert allocate(votes, 2, SAINTE_LAGUE).as_dict() == {"A": 1, "B": 1}
    # Modified: B's first quotient is 340/1.4 = 242.9 < 333.3, so A takes both.
    assert allocate(votes, 2, MODIFIED_SAINTE_LAGUE).as_dict() == {"A": 2, "B": 0}
    assert MODIFIED_SAINTE_LAGUE.divisor(1) == Fraction(7, 5)
    assert [MODIFIED_SAINTE_LAGUE.divisor(j) for j in (2, 3, 4)] == [3, 5, 7]


def test_methods_have_stable_ids_and_sources() -> None:
    assert sorted(METHODS) == ["dhondt", "hare", "modified-sainte-lague", "sainte-lague"]
    assert SAINTE_LAGUE.id == "sainte-lague"
    assert "415" in SAINTE_LAGUE.source
    assert [SAINTE_LAGUE.divisor(j) for j in (1, 2, 3, 4)] == [1, 3, 5, 7]
    assert [DHONDT.divisor(j) for j in (1, 2, 3, 4)] == [1, 2, 3, 4]
    for m in METHODS.values():
        assert m.source and m.name
    with pytest.raises(InvalidSeatInput):
        HARE.divisor(1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SAINTE_LAGUE.id = "x"  # type: ignore[misc]


# ------------------------------------------------------------------------ thresholds


def test_dpr_threshold_boundary_is_exact() -> None:
    # UU 7/2017 art. 414(1): 4% of national valid votes. 4 of 100 passes, 399 of
    # 10,000 does not.
    assert Fraction(4, 100) == DPR_THRESHOLD
    assert passing_parties({"A": 96, "B": 4}, DPR_THRESHOLD) == {"A", "B"}
    assert passing_parties({"A": 9_601, "B": 399}, DPR_THRESHOLD) == {"A"}
    # art. 414(2): no threshold for the DPRD, but a party without votes wins nothing.
    assert passing_parties({"A": 9_999, "B": 1, "C": 0}, DPRD_THRESHOLD) == {"A", "B", "C"}
    assert passing_parties({"A": 0, "B": 0}, DPR_THRESHOLD) == frozenset()


@given(votes_st(), st.fractions(0, 1))
def test_passing_parties_matches_fraction_comparison(
    votes: dict[str, int], threshold: Fraction
) -> None:
    total = sum(votes.values())
    expected = {
        p
        for p, v in votes.items()
        if (threshold == 0 or v > 0) and (total == 0 or Fraction(v, total) >= threshold)
    }
    assert passing_parties(votes, threshold) == expected


@pytest.mark.parametrize("bad", [Fraction(-1, 100), Fraction(101, 100), 0.04, "4%"])
def test_threshold_out_of_range_or_float_is_rejected(bad: object) -> None:
    with pytest.raises(InvalidSeatInput, match="threshold"):
        passing_parties({"A": 1}, bad)  # type: ignore[arg-type]


@given(ANY_VOTES, SEATS, st.sampled_from(ALL_METHODS), st.fractions(0, Fraction(1, 5)))
def test_below_threshold_or_zero_votes_win_nothing(
    votes: dict[str, int], seats: int, method: Method, threshold: Fraction
) -> None:
    passing = passing_parties(votes, threshold)
    a = allocate(votes, seats, method, eligible=passing)
    for p, v in votes.items():
        if p not in passing or v == 0:
            assert a.seats_of(p) == 0
            assert p not in a.order


# -------------------------------------------------------------------- core properties


@given(ANY_VOTES, SEATS, st.sampled_from(ALL_METHODS))
def test_seats_add_up_to_house_size(votes: dict[str, int], seats: int, method: Method) -> None:
    a = allocate(votes, seats, method)
    given_seats = sum(s for _, s in a.seats)
    assert given_seats == a.assigned == len(a.order)
    unfilled = sum(u.seats for u in a.unfilled)
    assert given_seats + tied_seats(a) + unfilled == seats
    if any(v > 0 for v in votes.values()):
        assert unfilled == 0  # without caps, lists never run out
    else:
        assert given_seats == 0


@given(
    ANY_VOTES,
    SEATS,
    st.sampled_from(ALL_METHODS),
    st.dictionaries(PARTY_NAMES, st.integers(0, 4)),
)
def test_caps_are_never_exceeded_and_shortfall_is_reported(
    votes: dict[str, int], seats: int, method: Method, raw_caps: dict[str, int]
) -> None:
    caps = {p: c for p, c in raw_caps.items() if p in votes}
    a = allocate(votes, seats, method, caps=caps)
    for p, c in caps.items():
        assert a.seats_of(p) <= c
    unfilled = sum(u.seats for u in a.unfilled)
    assert a.assigned + tied_seats(a) + unfilled == seats
    room = sum(caps.get(p, seats) for p, v in votes.items() if v > 0)
    assert unfilled == max(0, seats - room)
    if unfilled:
        assert "ran out" in a.unfilled[0].reason
    for p in a.capped:
        assert a.seats_of(p) == caps[p]


@given(ANY_VOTES, st.integers(0, 14), st.sampled_from(DIVISOR_METHODS), st.randoms())
def test_house_monotonicity_divisor_methods(
    votes: dict[str, int], seats: int, method: Method, rnd: object
) -> None:
    draw = sorted(votes)
    rnd.shuffle(draw)  # type: ignore[attr-defined]
    small = allocate(votes, seats, method, tie_break=draw)
    big = allocate(votes, seats + 1, method, tie_break=draw)
    for p in votes:
        assert big.seats_of(p) >= small.seats_of(p)
    # Without a tie-break, untied results are monotone too.
    small, big = allocate(votes, seats, method), allocate(votes, seats + 1, method)
    if not small.ties and not big.ties:
        assert all(big.seats_of(p) >= small.seats_of(p) for p in votes)


@given(ANY_VOTES, SEATS, st.sampled_from(DIVISOR_METHODS), st.integers(1, 5_000), st.data())
def test_vote_monotonicity_divisor_methods(
    votes: dict[str, int], seats: int, method: Method, extra: int, data: st.DataObject
) -> None:
    party = data.draw(st.sampled_from(sorted(votes)))
    draw = data.draw(st.permutations(sorted(votes)))
    more = {**votes, party: votes[party] + extra}
    before = allocate(votes, seats, method, tie_break=draw)
    after = allocate(more, seats, method, tie_break=draw)
    assert after.seats_of(party) >= before.seats_of(party)


@given(ANY_VOTES, SEATS, st.sampled_from(ALL_METHODS), st.integers(2, 1_000))
def test_scale_invariance(votes: dict[str, int], seats: int, method: Method, k: int) -> None:
    a = allocate(votes, seats, method)
    b = allocate({p: v * k for p, v in votes.items()}, seats, method)
    assert a.seats == b.seats
    assert [(t.parties, t.seats) for t in a.ties] == [(t.parties, t.seats) for t in b.ties]


@given(ANY_VOTES, SEATS, st.sampled_from(ALL_METHODS))
def test_concordance(votes: dict[str, int], seats: int, method: Method) -> None:
    a = allocate(votes, seats, method)
    for p, vp in votes.items():
        for q, vq in votes.items():
            if vp > vq:
                assert a.seats_of(p) >= a.seats_of(q)
            if vp == vq:
                assert a.seats_of(p) == a.seats_of(q) or a.ties


def _certificate(
    votes: Mapping[str, int], a: Allocation, method: Method
) -> tuple[Fraction, Fraction] | None:
    """(min seated v/d(s), max over all v/d(s+1)), or None without both sides."""
    seated = [
        Fraction(v) / method.divisor(a.seats_of(p)) for p, v in votes.items() if a.seats_of(p)
    ]
    nxt = [Fraction(v) / method.divisor(a.seats_of(p) + 1) for p, v in votes.items() if v]
    if not seated or not nxt:
        return None
    return min(seated), max(nxt)


@given(ANY_VOTES, SEATS, st.sampled_from(DIVISOR_METHODS), st.data())
@example({"A": 100, "B": 100}, 1, SAINTE_LAGUE, None).via("tie on the only seat")
def test_divisor_certificate(
    votes: dict[str, int], seats: int, method: Method, data: st.DataObject | None
) -> None:
    draw = sorted(votes) if data is None else data.draw(st.permutations(sorted(votes)))
    # With a tie-break every seat is given: equality exactly when a tie was reported.
    a = allocate(votes, seats, method, tie_break=draw)
    cert = _certificate(votes, a, method)
    if cert is not None:
        low, high = cert
        assert low >= high
        assert (low == high) == bool(a.ties)
        if a.ties:
            assert a.ties[0].quotient == low
            assert a.audit.margin == 0
        else:
            assert a.audit.margin == low - high
    # Without one, tied seats stay empty and the certificate is strict.
    b = allocate(votes, seats, method)
    cert = _certificate(votes, b, method)
    if cert is not None:
        assert cert[0] > cert[1]
    if b.ties:
        assert b.ties[0].chosen == ()
        assert b.assigned + b.ties[0].seats == seats


@given(ANY_VOTES, SEATS, st.sampled_from(DIVISOR_METHODS))
def test_sequential_and_find_a_divisor_agree(
    votes: dict[str, int], seats: int, method: Method
) -> None:
    a = allocate(votes, seats, method)
    got, tied, at_stake = reference(votes, seats, method)
    assert a.as_dict() == got
    assert [(t.parties, t.seats) for t in a.ties] == ([(tied, at_stake)] if tied else [])
    d = find_divisor(votes, seats, method)
    assert d.seats == a.seats
    assert (d.tied, d.tied_seats) == (tied, at_stake)
    if a.order and d.divisor is not None:
        # The divisor found is the quotient of the last seat (or of the tie).
        last = a.ties[0].quotient if a.ties else a.audit.order[-1].quotient
        assert d.divisor == last


@given(
    ANY_VOTES,
    SEATS,
    st.sampled_from(DIVISOR_METHODS),
    st.dictionaries(PARTY_NAMES, st.integers(0, 4)),
)
def test_find_a_divisor_agrees_with_caps(
    votes: dict[str, int], seats: int, method: Method, raw_caps: dict[str, int]
) -> None:
    caps = {p: c for p, c in raw_caps.items() if p in votes}
    a = allocate(votes, seats, method, caps=caps)
    d = find_divisor(votes, seats, method, caps=caps)
    assert d.seats == a.seats
    assert d.tied_seats == tied_seats(a)


@settings(max_examples=30, deadline=None)
@given(votes_st(10_000, min_size=2), st.integers(257, 400), st.sampled_from(DIVISOR_METHODS))
def test_big_house_fraction_path_agrees(votes: dict[str, int], seats: int, method: Method) -> None:
    a = allocate(votes, seats, method)
    assert a.seats == find_divisor(votes, seats, method).seats


# ------------------------------------------------------------------------------ ties


@given(
    st.integers(2, 6),
    st.integers(1, 100_000),
    st.sampled_from(ALL_METHODS),
    st.data(),
)
def test_equal_parties_fewer_seats_is_a_tie(
    n: int, v: int, method: Method, data: st.DataObject
) -> None:
    parties = [f"P{i}" for i in range(n)]
    seats = data.draw(st.integers(1, n - 1))
    a = allocate(dict.fromkeys(parties, v), seats, method)
    assert a.seats == tuple((p, 0) for p in parties)
    assert len(a.ties) == 1
    assert a.ties[0].parties == tuple(parties)
    assert a.ties[0].seats == seats
    assert a.ties[0].chosen == ()


def test_tie_on_last_seat_is_reported_not_resolved_by_input_order() -> None:
    # D'Hondt, 3 seats: A 600 (600, 300, 200), B 300 (300), C 200 (200).
    # Seats 1-2 go to A (600) and A/B at 300 both fit: A 600, A 300, B 300;
    # the third quotient value 200 is shared by A and C -> but 3 seats are
    # already full, so no tie. With 4 seats, A 200 and C 200 tie for one seat.
    for votes in ({"A": 600, "B": 300, "C": 200}, {"C": 200, "B": 300, "A": 600}):
        three = allocate(votes, 3, DHONDT)
        assert three.as_dict() == {"A": 2, "B": 1, "C": 0}
        assert three.ties == ()
        four = allocate(votes, 4, DHONDT)
        assert four.as_dict() == {"A": 2, "B": 1, "C": 0}
        assert [(t.parties, t.seats, t.quotient) for t in four.ties] == [
            (("A", "C"), 1, Fraction(200))
        ]
        assert four.assigned == 3
        assert four.audit.margin == 100  # last given seat (300) over the tie (200)


def test_tie_break_by_drawn_order_and_by_function() -> None:
    votes = {"A": 600, "B": 300, "C": 200}
    by_order = allocate(votes, 4, DHONDT, tie_break=["C", "B", "A"])
    assert by_order.as_dict() == {"A": 2, "B": 1, "C": 1}
    assert by_order.ties[0].chosen == ("C",)
    assert by_order.order[-1] == "C"
    assert by_order.audit.margin == 0
    other = allocate(votes, 4, DHONDT, tie_break=["A", "C", "B"])
    assert other.as_dict() == {"A": 3, "B": 1, "C": 0}

    seen: list[tuple[tuple[str, ...], int]] = []

    def last_alphabetically(tied: tuple[str, ...], seats: int) -> list[str]:
        seen.append((tied, seats))
        return sorted(tied)[-seats:]

    by_fn = allocate(votes, 4, DHONDT, tie_break=last_alphabetically)
    assert seen == [(("A", "C"), 1)]
    assert by_fn.as_dict() == {"A": 2, "B": 1, "C": 1}
    # Deterministic: the same inputs give the same result.
    assert allocate(votes, 4, DHONDT, tie_break=last_alphabetically) == by_fn


@given(st.integers(2, 6), st.sampled_from(ALL_METHODS), st.data())
def test_tie_break_gives_seats_in_drawn_order(n: int, method: Method, data: st.DataObject) -> None:
    parties = [f"P{i}" for i in range(n)]
    seats = data.draw(st.integers(1, n - 1))
    draw = data.draw(st.permutations(parties))
    a = allocate(dict.fromkeys(parties, 1_000), seats, method, tie_break=draw)
    assert {p for p, s in a.seats if s} == set(draw[:seats])
    assert a.ties[0].chosen == tuple(draw[:seats])
    assert a == allocate(dict.fromkeys(reversed(parties), 1_000), seats, method, tie_break=draw)


def test_bad_tie_breaks_are_rejected() -> None:
    votes = {"A": 100, "B": 100}
    with pytest.raises(InvalidSeatInput, match="does not rank"):
        allocate(votes, 1, tie_break=["A"])
    with pytest.raises(InvalidSeatInput, match="not a string"):
        allocate(votes, 1, tie_break="AB")
    with pytest.raises(InvalidSeatInput, match="expected 1 distinct"):
        allocate(votes, 1, tie_break=lambda tied, k: ["Z"])
    # A tie-break is not consulted when there is no tie.
    assert allocate({"A": 3, "B": 1}, 1, tie_break=["B"]).as_dict() == {"A": 1, "B": 0}


def test_hare_tie_on_remainders() -> None:
    # 3 seats, 4 equal parties, quota 1/3 each... 4 x 3/4 quotas: remainders all 3/4.
    a = allocate({"A": 1, "B": 1, "C": 1, "D": 1}, 3, HARE)
    assert a.ties[0].parties == ("A", "B", "C", "D")
    assert a.ties[0].quotient == Fraction(3, 4)
    assert a.assigned == 0


# ------------------------------------------------------------------------------ audit


def test_audit_trail_is_plain_data() -> None:
    a = allocate({"A": 40_000, "B": 25_000, "C": 0}, 3)
    audit = a.audit
    assert isinstance(audit, DistrictAudit)
    assert audit is a.audit  # computed once
    assert audit.method == "sainte-lague"
    assert [(r.party, r.votes, r.quotients) for r in audit.table] == [
        ("A", 40_000, (Fraction(40_000), Fraction(40_000, 3), Fraction(8_000))),
        ("B", 25_000, (Fraction(25_000), Fraction(25_000, 3))),
    ]
    assert [(s.seat, s.party, s.quotient, s.basis) for s in audit.order] == [
        (1, "A", 40_000, "average"),
        (2, "B", 25_000, "average"),
        (3, "A", Fraction(40_000, 3), "average"),
    ]
    assert audit.margin == Fraction(40_000, 3) - Fraction(25_000, 3)

    def plain(x: object) -> bool:
        if isinstance(x, tuple):
            return all(plain(i) for i in x)
        if attrs.has(type(x)):
            return all(plain(getattr(x, f.name)) for f in attrs.fields(type(x)))  # type: ignore[arg-type]
        return x is None or isinstance(x, str | int | Fraction)

    assert plain(audit)
    assert plain(a)


def test_hare_audit() -> None:
    a = allocate({"A": 6_100, "B": 5_000, "C": 900}, 10, HARE)
    audit = a.audit
    assert audit.quota == 1_200
    assert [s.basis for s in audit.order] == ["quota"] * 9 + ["remainder"]
    assert audit.order[-1].party == "C"
    assert audit.order[-1].quotient == Fraction(3, 4)
    # C's remainder 3/4 beat B's 1/6 (A's 1/12 is lower).
    assert audit.margin == Fraction(3, 4) - Fraction(1, 6)


def test_audit_margin_none_without_loser_or_seats() -> None:
    # A alone: its last seat (5/3) against its own next quotient (5/5).
    assert allocate({"A": 5}, 2).audit.margin == Fraction(5, 3) - 1
    assert allocate({"A": 5}, 0).audit.margin is None
    assert allocate({"A": 5}, 2, caps={"A": 2}).audit.margin is None
    assert allocate({"A": 0}, 2).audit.order == ()


# ------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("votes", "seats", "kwargs", "match"),
    [
        ({"A": -1}, 1, {}, r"votes\['A'\] must be >= 0"),
        ({"A": True}, 1, {}, r"votes\['A'\] must be an int"),
        ({"A": 1.5}, 1, {}, r"votes\['A'\] must be an int"),
        ({"": 1}, 1, {}, "non-empty"),
        ({"A": 1}, -1, {}, "seats must be"),
        ({"A": 1}, 1, {"caps": {"B": 1}}, r"caps\['B'\]: party is not in votes"),
        ({"A": 1}, 1, {"caps": {"A": -1}}, r"caps\['A'\] must be"),
        ({"A": 1}, 1, {"eligible": "A"}, "eligible"),
        ({"A": 1}, 1, {"method": "sainte-lague"}, "method must be"),
    ],
)
def test_bad_input_names_the_culprit(
    votes: dict[str, object], seats: int, kwargs: dict[str, object], match: str
) -> None:
    with pytest.raises(InvalidSeatInput, match=match) as info:
        allocate(votes, seats, **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)


def test_find_divisor_rejects_hare() -> None:
    with pytest.raises(InvalidSeatInput, match="divisor method"):
        find_divisor({"A": 1}, 1, HARE)


# ------------------------------------------------------------------- differential


def _nonzero(d: Mapping[Any, int]) -> dict[str, int]:
    return {str(p): s for p, s in d.items() if s}


@settings(max_examples=300)
@given(votes_st(1_000_000), st.integers(1, 15), st.sampled_from(ALL_METHODS))
def test_agrees_with_votelib_without_ties(
    votes: dict[str, int], seats: int, method: Method
) -> None:
    proportional = pytest.importorskip("votelib.evaluate.proportional")
    divisor = pytest.importorskip("votelib.component.divisor")
    a = allocate(votes, seats, method)
    assume(not a.ties and any(votes.values()))
    if method is HARE:
        evaluator = proportional.LargestRemainder("hare")
    elif method is MODIFIED_SAINTE_LAGUE:
        evaluator = proportional.HighestAverages(
            divisor.modified_first_coef(divisor.sainte_lague, Fraction(7, 5))
        )
    else:
        evaluator = proportional.HighestAverages(
            {"sainte-lague": "sainte_lague", "dhondt": "d_hondt"}[method.id]
        )
    theirs = evaluator.evaluate({p: v for p, v in votes.items() if v}, seats)
    assert _nonzero(theirs) == _nonzero(a.as_dict())
