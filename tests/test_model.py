"""Validators and views of the model: each refusal names its field."""

from __future__ import annotations

import datetime

import attrs
import pytest

from kppi_core import (
    Area,
    AreaLevel,
    Candidacy,
    CandidateList,
    Capacity,
    Chamber,
    Classification,
    FollowUp,
    FollowUpKind,
    Gender,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Person,
    Post,
    Training,
    TrainingSession,
    cadres,
    check_post_holders,
)
from kppi_core.errors import InvalidArea, InvalidRecord

D = PartialDate.parse


def cand(pos: int, gender: Gender = Gender.FEMALE, party: str = "X") -> Candidacy:
    return Candidacy("A", gender, party, "e", "d", pos)


def test_frozen_and_slotted() -> None:
    p = Person("p", "n")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.name = "m"  # type: ignore[misc]
    assert not hasattr(p, "__dict__")


def test_end_before_start_names_the_field() -> None:
    with pytest.raises(InvalidRecord) as info:
        Membership("p", "o", start_date=D("2020-05"), end_date=D("2020-04-30"))
    assert info.value.field == "end_date"
    assert "end_date: is before the start date" in str(info.value)
    # Partial dates that overlap are not "before".
    Membership("p", "o", start_date=D("2020-05-10"), end_date=D("2020-05"))
    with pytest.raises(InvalidRecord, match="dissolution_date"):
        Organization("o", "n", founding_date=D("2001"), dissolution_date=D("2000"))


def test_end_reason_needs_end_date() -> None:
    with pytest.raises(InvalidRecord, match="end_reason"):
        Membership("p", "o", end_reason="resigned")


def test_duplicate_list_positions_name_the_field() -> None:
    with pytest.raises(InvalidRecord) as info:
        CandidateList("e", "d", "X", [cand(1), cand(2), cand(2)])
    assert "candidacies[2].list_position" in str(info.value)
    with pytest.raises(InvalidRecord, match=r"candidacies\[0\]"):
        CandidateList("e", "d", "X", [cand(1, party="Y")])


def test_candidate_list_is_kept_in_list_order() -> None:
    cl = CandidateList("e", "d", "X", [cand(3), cand(1, Gender.MALE), cand(2)])
    assert [c.list_position for c in cl.candidacies] == [1, 2, 3]
    assert cl.women == 2 and len(cl) == 3 and cl.key == ("e", "d", "X")


def test_post_holders() -> None:
    chair = Post("kppi-serang/chair", "kppi-serang", "chair")
    one = Membership("a", "kppi-serang", "chair", post_id=chair.id, start_date=D("2020"))
    ended = Membership(
        "b",
        "kppi-serang",
        "chair",
        post_id=chair.id,
        start_date=D("2018"),
        end_date=D("2019-12"),
        end_reason="term ended",
    )
    check_post_holders([chair], [one, ended])  # one after the other: fine
    acting = Membership(
        "c",
        "kppi-serang",
        "chair",
        post_id=chair.id,
        capacity=Capacity.ACTING,
        start_date=D("2024-03"),
    )
    with pytest.raises(InvalidRecord) as info:
        check_post_holders([chair], [one, ended, acting])
    assert "post_id" in str(info.value) and "kppi-serang/chair" in str(info.value)
    check_post_holders([attrs.evolve(chair, holders=2)], [one, ended, acting])


def test_counts_and_codes_are_checked() -> None:
    with pytest.raises(InvalidRecord, match="list_position"):
        cand(0)
    with pytest.raises(InvalidRecord, match="votes"):
        Candidacy("A", Gender.MALE, "X", "e", "d", 1, votes=-1)
    with pytest.raises(InvalidRecord, match="classification"):
        Organization("o", "n", classification="Not A Code")
    with pytest.raises(InvalidRecord, match="name"):
        Person("p", "  ")
    with pytest.raises(InvalidRecord, match="reached"):
        FollowUp("f", "t", FollowUpKind.CASCADE, reached=-3)
    with pytest.raises(InvalidRecord, match=r"sessions\[1\]\.id"):
        day = datetime.date(2025, 9, 1)
        Training("t", "n", "o", sessions=[TrainingSession("s", day), TrainingSession("s", day)])


def test_open_code_lists() -> None:
    assert Organization("o", "n", classification=Classification.PARTY).classification == "party"
    assert Organization("o", "n", classification="youth_wing").classification == "youth_wing"


def test_areas() -> None:
    serang = Area.from_code("36.73")
    assert serang == Area("36.73", AreaLevel.CITY, "Kota Serang")
    assert serang.parent_code == "36" and Area.from_code("36").parent_code == "ID"
    assert Area.from_code("36.04").level is AreaLevel.REGENCY
    with pytest.raises(InvalidArea, match="level"):
        Area("36.73", AreaLevel.REGENCY, "Kota Serang")
    with pytest.raises(InvalidArea, match="name"):
        Area("36.73", AreaLevel.CITY, "Kota Cilegon")
    with pytest.raises(InvalidArea, match="code"):
        Area("367", AreaLevel.PROVINCE, "x")
    # Codes the table does not know are accepted as given.
    assert Area("36.73.01", AreaLevel.DISTRICT, "Serang").level is AreaLevel.DISTRICT


def test_chamber_aliases() -> None:
    assert Chamber.parse("DPRD_KABKO") is Chamber.DPRD_REGENCY
    assert Chamber.parse("DPRD_PROV") is Chamber.DPRD_PROVINCE
    assert Chamber.parse("DPR RI") is Chamber.DPR
    with pytest.raises(InvalidRecord, match="chamber"):
        Chamber.parse("senate")


def test_cadres_view() -> None:
    party = Organization("pkb", "PKB", Classification.PARTY)
    caucus = Organization("kppi", "KPPI", Classification.CAUCUS_BRANCH)
    a, b = Person("a", "A", Gender.FEMALE), Person("b", "B", Gender.FEMALE)
    ms = [
        Membership("a", "pkb", start_date=D("2019"), end_date=D("2022"), end_reason="left"),
        Membership("b", "kppi", "chair"),
    ]
    assert [p.id for p, _ in cadres([a, b], ms, [party, caucus])] == ["a"]
    assert list(cadres([a, b], ms, [party, caucus], on=datetime.date(2024, 1, 1))) == []


def test_nik_gender_mismatch() -> None:
    woman_nik = Nik("3673015708450001")
    assert Person("p", "n", Gender.MALE, nik=woman_nik).nik_gender_mismatch
    assert not Person("p", "n", Gender.FEMALE, nik=woman_nik).nik_gender_mismatch
    assert not Person("p", "n", Gender.UNKNOWN, nik=woman_nik).nik_gender_mismatch
