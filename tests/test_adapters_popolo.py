"""Popolo JSON in and out: the mapping, the EveryPolitician DPR file, round trips."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.adapters.popolo import PopoloSource, dump_popolo, load_popolo, read_popolo
from kppi_core.dataset import Dataset
from kppi_core.errors import SourceError
from kppi_core.model import (
    Area,
    Chamber,
    ContactDetail,
    Election,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Person,
    Post,
)
from kppi_core.sources import ReadContext, Source
from kppi_core.testing import strategies as kst
from kppi_core.testing.conformance import SourceConformance

DATA = Path(__file__).parent / "data" / "adapters"
SAMPLE = DATA / "popolo.json"
DPR = Path(__file__).parent / "data" / "real" / "everypolitician" / "indonesia-dpr-popolo.json"


class TestPopolo(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return PopoloSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return SAMPLE

    @pytest.fixture
    def sample_records(self) -> int:
        # Without lines, the kit counts items: 12 model objects (2 of them party
        # memberships from on_behalf_of_id) and 3 rejections. The 2 areas and 2
        # of the 3 events are used or counted as not modelled, not yielded.
        return 15


def test_worked_mapping() -> None:
    read = read_popolo(SAMPLE)
    serang = Area.from_code("36.73", "Kota Serang")
    term = (PartialDate(2019, 8, 1), PartialDate(2024, 7, 31))
    assert list(read.records) == [
        Election(
            "e2024",
            Chamber.DPRD_REGENCY,
            PartialDate(2024, 2, 14).earliest,
            serang,
            "Pemilu Contoh",
        ),
        Organization("leg", "Dewan Contoh", "legislature", area=serang),
        Organization("party/a", "Partai A", "party"),
        Organization("party/b", "Partai B", "party"),
        Person(
            "p1",
            "Ani Contoh",
            Gender.FEMALE,
            PartialDate(1980, 4),
            Nik("3673015708450001"),
            (Identifier("wikidata", "Q1"),),
            (ContactDetail("email", "ani@example.org"),),
            ("Ani",),
        ),
        Person("p2", "Budi Contoh", Gender.MALE),
        Person("p3", "Cici Contoh", Gender.UNKNOWN),
        Post("post/chair", "leg", "chair", "Ketua"),
        Membership("p1", "leg", "member", start_date=term[0], end_date=term[1]),
        Membership("p1", "party/a", "member", start_date=term[0], end_date=term[1]),
        Membership(
            "p2", "leg", "member_of_parliament", post_id="post/chair", start_date=PartialDate(2020)
        ),
        Membership("p2", "party/b", "member", start_date=PartialDate(2020)),
    ]
    assert [(r.field, r.reason.split(":")[0]) for r in read.rejected] == [
        ("$.persons[3].birth_date", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("$.persons[4].id", "is missing"),
        ("$.memberships[2]", "end_date"),
    ]
    assert read.not_modelled["persons.gender (kept as unknown)"] == 1
    assert read.not_modelled["areas (not a Kemendagri region)"] == 1
    assert read.not_modelled["events (general election)"] == 1
    assert read.not_modelled["organizations.area_id"] == 1
    assert read.not_modelled["organizations.seats"] == 1
    assert read.not_modelled["meta"] == 1


def test_not_popolo_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"candidates": []}', encoding="utf-8")
    with pytest.raises(SourceError, match="not Popolo"):
        read_popolo(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SourceError, match="not Popolo"):
        list(PopoloSource().read(path, ReadContext()))


def dataset_of(records: Any) -> Dataset:
    kinds = {
        "persons": Person,
        "organizations": Organization,
        "memberships": Membership,
        "posts": Post,
        "elections": Election,
    }
    return Dataset(**{k: [r for r in records if type(r) is t] for k, t in kinds.items()})


def test_everypolitician_dpr_imports_whole_and_round_trips() -> None:
    read = read_popolo(DPR)
    assert read.rejected == ()
    counts = Counter(type(r).__name__ for r in read.records)
    assert counts == {"Person": 551, "Organization": 11, "Membership": 1102}
    persons = [r for r in read.records if isinstance(r, Person)]
    assert Counter(p.gender for p in persons) == {
        Gender.MALE: 409,
        Gender.FEMALE: 89,
        Gender.UNKNOWN: 53,
    }
    parties = [
        m
        for m in read.records
        if isinstance(m, Membership) and m.organization_id.startswith("party/")
    ]
    assert len(parties) == 551
    assert all(m.start_date == PartialDate(2014, 10, 1) for m in parties)
    assert read.not_modelled["areas (not a Kemendagri region)"] == 77
    assert read.not_modelled["events (general election)"] == 12
    # export, import again: the same model objects, nothing rejected, nothing left out
    again = load_popolo(json.loads(json.dumps(dump_popolo(dataset_of(read.records)))))
    assert again.records == read.records
    assert again.rejected == () and again.not_modelled == {}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(kst.persons(), max_size=4, unique_by=lambda p: p.id),
    st.lists(kst.organisations(), max_size=3),
    st.lists(kst.memberships(), max_size=4),
    st.lists(kst.posts(), max_size=2),
    st.lists(kst.elections(), max_size=2),
)
def test_dump_then_load_gives_equal_objects(
    persons: list[Person],
    organisations: list[Organization],
    memberships: list[Membership],
    posts: list[Post],
    elections: list[Election],
) -> None:
    dataset = Dataset(
        persons=persons,
        organizations=organisations,
        memberships=memberships,
        posts=posts,
        elections=elections,
    )
    data = json.loads(json.dumps(dump_popolo(dataset, include_nik=True)))
    read = load_popolo(data)
    assert read.rejected == ()
    assert dataset_of(read.records) == dataset


def test_nik_is_not_written_unless_asked() -> None:
    person = Person("p", "Ani", Gender.FEMALE, nik=Nik("3673015708450001"))
    assert "3673015708450001" not in json.dumps(dump_popolo(Dataset(persons=[person])))
    assert "3673015708450001" in json.dumps(
        dump_popolo(Dataset(persons=[person]), include_nik=True)
    )


def test_inspect_lists_what_was_read_but_not_modelled() -> None:
    # Nothing is dropped silently: valid Popolo the model does not hold is
    # neither rejected nor hidden.
    from click.testing import CliRunner

    from kppi_core.cli import main

    result = CliRunner().invoke(main, ["inspect", str(DPR), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rejected"] == []
    assert data["not_modelled"]["areas (not a Kemendagri region)"] == 77
    assert data["not_modelled"]["events (general election)"] == 12
