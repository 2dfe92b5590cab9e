"""The readers' trusted constructors make the very objects the public constructors make."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.model import Gender, Identifier, Membership, Nik, PartialDate, Person, _trusted
from kppi_core.sources import Located, _located
from objects import assert_same_object

nonblank = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")
dates = st.none() | st.dates().map(PartialDate.from_date)
niks = st.none() | st.sampled_from(["3673015708450001", "3604014101900002", "3171011708450003"])
idents = st.lists(st.tuples(nonblank, nonblank), max_size=2)


@settings(max_examples=200, deadline=None)
@given(nonblank, nonblank, st.sampled_from(Gender), dates, niks, idents)
def test_person_and_identifier(
    pid: str,
    name: str,
    gender: Gender,
    born: PartialDate | None,
    nik: str | None,
    pairs: list[tuple[str, str]],
) -> None:
    for scheme, value in pairs:
        assert_same_object(_trusted.identifier(scheme, value), Identifier(scheme, value))
    trusted_ids = tuple(_trusted.identifier(s, v) for s, v in pairs)
    public_ids = [Identifier(s, v) for s, v in pairs]  # the converter takes any iterable
    trusted_nik = None if nik is None else _trusted.nik(nik)
    public_nik = None if nik is None else Nik(nik)
    if nik is not None:
        assert_same_object(trusted_nik, public_nik)
    assert_same_object(
        _trusted.person(pid, name, gender, born, trusted_nik, trusted_ids),
        Person(pid, name, gender, born, public_nik, public_ids),
    )


@settings(max_examples=200, deadline=None)
@given(
    nonblank,
    nonblank,
    st.sampled_from(["member", "chair", "board_member"]),
    st.none() | nonblank,
    dates,
)
def test_membership(
    person_id: str, org: str, role: str, label: str | None, start: PartialDate | None
) -> None:
    assert_same_object(
        _trusted.membership(person_id, org, role, label, start),
        Membership(person_id, org, role, label=label, start_date=start),
    )


def test_located() -> None:
    assert_same_object(_located("x", 3), Located("x", 3))


def test_a_new_field_would_fail_at_import() -> None:
    @attrs.frozen
    class Grown:
        a: int
        b: int = 0

    with pytest.raises(RuntimeError, match="fields changed"):
        _trusted.setters(Grown, ("a",))


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(nonblank, nonblank, nonblank),
    st.none() | st.integers(1, 12),
    st.lists(st.sampled_from(Gender), max_size=14),
)
def test_list_facts(key: tuple[str, str, str], seats: int | None, genders: list[Gender]) -> None:
    from kppi_core.quota.facts import ListFacts, trusted_facts

    sexes = tuple(genders)
    positions = tuple(range(1, len(sexes) + 1))
    trusted = trusted_facts(
        key, seats, positions, sexes, sexes.count(Gender.FEMALE), sexes.count(Gender.UNKNOWN)
    )
    assert_same_object(trusted, ListFacts(*key, seats, positions, sexes))
