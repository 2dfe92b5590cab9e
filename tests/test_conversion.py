"""The converter: every public type to JSON-ready data and back, and errors with paths."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kppi_core
from kppi_core import Candidacy, CandidateList, Gender, Membership, Person
from kppi_core.errors import InvalidRecord
from kppi_core.testing import strategies as kst

ROUND_TRIPS: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (kppi_core.PartialDate, kst.partial_dates()),
    (kppi_core.Nik, kst.niks()),
    (kppi_core.Gender, kst.genders()),
    (kppi_core.Area, kst.areas()),
    (kppi_core.Identifier, kst.identifiers()),
    (kppi_core.ContactDetail, kst.contact_details()),
    (kppi_core.Person, kst.persons()),
    (kppi_core.Organization, kst.organisations()),
    (kppi_core.Post, kst.posts()),
    (kppi_core.Membership, kst.memberships()),
    (kppi_core.Speaker, kst.speakers()),
    (kppi_core.TrainingSession, kst.training_sessions()),
    (kppi_core.Training, kst.trainings()),
    (kppi_core.Participation, kst.participations()),
    (kppi_core.FollowUp, kst.follow_ups()),
    (kppi_core.Election, kst.elections()),
    (kppi_core.District, kst.districts()),
    (kppi_core.Candidacy, kst.candidacies()),
    (kppi_core.CandidateList, kst.candidate_lists()),
]


@pytest.mark.parametrize(("cls", "strategy"), ROUND_TRIPS, ids=lambda v: getattr(v, "__name__", ""))
def test_round_trip(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    @given(strategy)
    def check(obj: Any) -> None:
        data = kppi_core.converter.unstructure(obj)
        text = json.dumps(data)  # JSON-ready
        assert kppi_core.converter.structure(json.loads(text), cls) == obj

    check()


def test_every_public_class_has_a_round_trip() -> None:
    covered = {cls for cls, _ in ROUND_TRIPS}
    public = {
        getattr(kppi_core, name)
        for name in kppi_core.__all__
        if isinstance(getattr(kppi_core, name), type)
        and hasattr(getattr(kppi_core, name), "__attrs_attrs__")
        and getattr(kppi_core, name).__module__.startswith("kppi_core.model")
    }
    assert public <= covered, public - covered


def test_popolo_names_and_codes() -> None:
    person = Person(
        "p1",
        "Siti",
        Gender.FEMALE,
        birth_date=kppi_core.PartialDate.parse("1980-05"),
        identifiers=[kppi_core.Identifier("kta:pkb", "42")],
    )
    assert kppi_core.converter.unstructure(person) == {
        "id": "p1",
        "name": "Siti",
        "gender": "female",
        "birth_date": "1980-05",
        "identifiers": [{"scheme": "kta:pkb", "identifier": "42"}],
    }
    m = Membership("p1", "org", role="chair", capacity=kppi_core.Capacity.ACTING)
    assert kppi_core.converter.unstructure(m) == {
        "person_id": "p1",
        "organization_id": "org",
        "role": "chair",
        "capacity": "acting",
    }


def test_stored_data_keeps_the_real_nik() -> None:
    nik = kppi_core.Nik("3673015708450001")
    assert kppi_core.converter.unstructure(nik) == "3673015708450001"


def _candidacy(pos: Any, gender: Any = "P") -> dict[str, Any]:
    return {
        "name": "A",
        "gender": gender,
        "party": "X",
        "election_id": "e",
        "district_id": "d",
        "list_position": pos,
    }


def test_errors_carry_paths() -> None:
    data = {
        "election_id": "e",
        "district_id": "d",
        "party": "X",
        "candidacies": [_candidacy(1), _candidacy(2), _candidacy(3), _candidacy("x", gender="Q")],
    }
    with pytest.raises(InvalidRecord) as info:
        kppi_core.converter.structure(data, CandidateList)
    problems = info.value.problems
    assert any(p.startswith("$.candidacies[3].gender: ") for p in problems), problems
    assert any(p.startswith("$.candidacies[3].list_position: ") for p in problems), problems
    assert isinstance(info.value, ValueError)


def test_validator_errors_get_the_path_of_the_field() -> None:
    data = {"election_id": "e", "district_id": "d", "party": "X"}
    data["candidacies"] = [_candidacy(1), _candidacy(1)]  # type: ignore[assignment]
    with pytest.raises(InvalidRecord) as info:
        kppi_core.converter.structure(data, CandidateList)
    assert info.value.problems == (
        "$.candidacies[1].list_position: position 1 is already held by candidacies[0]",
    )
    with pytest.raises(InvalidRecord, match=r"\$\.list_position: must be from 1 to 5,000"):
        kppi_core.converter.structure(_candidacy(0), Candidacy)


def test_missing_field_and_wrong_type() -> None:
    with pytest.raises(InvalidRecord, match=r"\$\.organization_id: required field missing"):
        kppi_core.converter.structure({"person_id": "p"}, Membership)
    with pytest.raises(InvalidRecord, match=r"\$\.birth_date: "):
        kppi_core.converter.structure({"id": "p", "name": "n", "birth_date": [1]}, Person)


def test_bad_nik_error_has_no_digits() -> None:
    bad = "3673015708459999"[:-1] + "x"
    with pytest.raises(InvalidRecord) as info:
        kppi_core.converter.structure({"id": "p", "name": "n", "nik": bad}, Person)
    assert "$.nik" in str(info.value)
    assert bad[:10] not in str(info.value)


def test_converter_is_loaded_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kppi_core; kppi_core.Person; "
        "print('cattrs' in sys.modules, 'stdnum' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_public_names_resolve_and_are_sorted() -> None:
    assert kppi_core.__all__ == sorted(kppi_core.__all__)
    for name in kppi_core.__all__:
        assert getattr(kppi_core, name) is not None
    assert set(kppi_core.__all__) <= set(dir(kppi_core))
    with pytest.raises(AttributeError):
        _ = kppi_core.NoSuchThing  # type: ignore[attr-defined]


def test_the_public_face() -> None:
    from kppi_core import errors, reading, rejections, sources

    assert set(errors.__all__) <= set(kppi_core.__all__)
    for name in ("Source", "SourceSpec", "ReadContext", "Located", "Skipped", "Record"):
        assert getattr(kppi_core, name) is getattr(sources, name)
    assert kppi_core.Rejection is rejections.Rejection
    assert kppi_core.Where is rejections.Where
    assert kppi_core.read_lists is reading.read_lists
    assert kppi_core.read_records is reading.read_records
    assert kppi_core.check_lists is kppi_core.quota.check_lists


def test_every_writing_adapter_says_dump() -> None:
    from kppi_core.adapters import jsonl, popolo

    assert popolo.dump is popolo.dump_popolo
    assert jsonl.dump is jsonl.write_jsonl


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kppi_core; "
        "print(sorted(m for m in ('attrs', 'cattrs', 'stdnum', 'typing', 'click') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- strict types (issue 12) ---------------------------------------------------------

_CANDIDACY = {
    "name": "Ani", "gender": "female", "party": "A", "election_id": "e", "district_id": "d",
    "list_position": 1,
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"list_position": 1.9}, "$.list_position: invalid value for type, expected int"),
        ({"list_position": True}, "$.list_position: invalid value for type, expected int"),
        ({"list_position": "x"}, "$.list_position: invalid value for type, expected int"),
        ({"name": ["Ani"]}, "$.name: invalid value for type, expected str (got list)"),
        ({"name": {"lang": "id"}}, "$.name: invalid value for type, expected str (got dict)"),
        ({"name": 1.5}, "$.name: invalid value for type, expected str"),
        ({"name": False}, "$.name: invalid value for type, expected str (got bool)"),
        ({"elected": "yes"}, "$.elected: invalid value for type, expected bool (got str)"),
        ({"list_position": 3201014509870003}, "$.list_position: must be from 1 to 5,000"),
    ],
)
def test_the_converter_refuses_wrong_types_with_the_path(
    change: dict[str, object], problem: str
) -> None:
    with pytest.raises(InvalidRecord) as info:
        kppi_core.converter.structure({**_CANDIDACY, **change}, Candidacy)
    assert info.value.problems[0].startswith(problem)
    assert "3201014509870003" not in str(info.value)


def test_the_converter_never_turns_structured_data_into_text() -> None:
    with pytest.raises(InvalidRecord, match=r"\$\.other_names\[0\]: invalid value for type"):
        kppi_core.converter.structure(
            {"id": "p", "name": "Ani", "other_names": [{"lang": "id", "name": "A"}]}, Person
        )
    whole = kppi_core.converter.structure({**_CANDIDACY, "list_position": 2.0}, Candidacy)
    assert whole.list_position == 2 and type(whole.list_position) is int


def test_model_constructors_refuse_wrong_types_naming_the_field() -> None:
    with pytest.raises(InvalidRecord, match="gender: expected Gender, got str"):
        Candidacy("Ani", "P", "A", "e", "d", 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidRecord, match="list_position: expected int, got bool"):
        Candidacy("Ani", Gender.FEMALE, "A", "e", "d", True)
    with pytest.raises(InvalidRecord, match=r"other_names: expected tuple, got str"):
        Person("p", "Ani", other_names="Ani")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecord, match="name: holds a 16-digit number"):
        Person("p", "3201 0145 0987 0003")
