"""Gender.parse over every alias, and refusal of the rest."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core import Gender
from kppi_core.errors import InvalidGender

FEMALE = ["P", "Perempuan", "Wanita", "F", "Female", "W"]
MALE = ["L", "Laki-laki", "Laki laki", "Pria", "M", "Male"]
UNKNOWN = ["", "-"]
ALL = {a.casefold() for a in FEMALE + MALE + UNKNOWN} | {"unknown"}


@pytest.mark.parametrize("alias", FEMALE)
def test_female(alias: str) -> None:
    for form in (alias, alias.upper(), alias.lower(), f"  {alias}\t"):
        assert Gender.parse(form) is Gender.FEMALE


@pytest.mark.parametrize("alias", MALE)
def test_male(alias: str) -> None:
    for form in (alias, alias.upper(), alias.lower(), f" {alias} "):
        assert Gender.parse(form) is Gender.MALE


@pytest.mark.parametrize("alias", [*UNKNOWN, "   ", " - "])
def test_unknown(alias: str) -> None:
    assert Gender.parse(alias) is Gender.UNKNOWN


@pytest.mark.parametrize("bad", ["X", "LP", "laki", "perempuan2", "0", "1", "Mr", "laki_laki"])
def test_refuses_others_listing_what_is_accepted(bad: str) -> None:
    with pytest.raises(InvalidGender) as info:
        Gender.parse(bad)
    message = str(info.value)
    assert repr(bad) in message
    assert "Perempuan" in message and "Laki-laki" in message
    assert isinstance(info.value, ValueError)


@given(st.text(max_size=12))
def test_anything_else_is_refused(text: str) -> None:
    if text.strip().casefold() in ALL:
        assert Gender.parse(text) in Gender
    else:
        with pytest.raises(InvalidGender):
            Gender.parse(text)


def test_codes() -> None:
    assert [g.code for g in Gender] == ["P", "L", ""]


@given(
    st.lists(st.sampled_from(Gender), max_size=12), st.lists(st.sampled_from(Gender), max_size=12)
)
def test_sequences_of_sexes_are_keys_by_value(a: list[Gender], b: list[Gender]) -> None:
    """Gender hashes by identity (in C, for the quota engine's shapes); as a key it
    behaves as Enum's own hash did: equal tuples find each other, others do not."""
    assert all(hash(g) == object.__hash__(g) for g in Gender)
    shapes = {tuple(a): "a"}
    assert shapes.get(tuple(b)) == ("a" if a == b else None)
    assert {g: g.value for g in a} == {g: g.value for g in Gender if g in a}
    import pickle

    assert [pickle.loads(pickle.dumps(g)) for g in a] == a


def test_the_quota_enums_hash_by_identity_too() -> None:
    """Verdict and Status hash in C as Gender does (the JSON writer keys by member)."""
    from kppi_core.quota.findings import Status, Verdict

    for member in (*Verdict, *Status):
        assert hash(member) == object.__hash__(member)
        assert {member: 1}.get(type(member)(member.value)) == 1  # found by value too
