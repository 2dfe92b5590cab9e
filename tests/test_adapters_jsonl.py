"""The JSON Lines source and writer, and the JSON data set source."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.adapters.dataset_json import DatasetJsonSource, looks_like_dataset
from kppi_core.adapters.jsonl import JsonlSource, iter_jsonl, write_jsonl
from kppi_core.errors import SourceError
from kppi_core.model import Gender, Membership, Organization, PartialDate, Person
from kppi_core.rejections import Rejection
from kppi_core.representation import RepresentationFigure
from kppi_core.sources import Located, ReadContext, Source
from kppi_core.testing import strategies as kst
from kppi_core.testing.conformance import SourceConformance

DATA = Path(__file__).parent / "data" / "adapters"


class TestJsonl(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return JsonlSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return DATA / "records.jsonl"

    @pytest.fixture
    def sample_records(self) -> int:
        return 10  # non-blank lines


class TestDatasetJson(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return DatasetJsonSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return DATA / "dataset.json"

    @pytest.fixture
    def sample_records(self) -> int:
        return 6  # 5 records and one unknown section


def test_jsonl_worked_lines_and_rejections() -> None:
    items = list(iter_jsonl(DATA / "records.jsonl"))
    accepted = {i.line: i.record for i in items if isinstance(i, Located)}
    assert accepted == {
        1: Organization("pkb", "Partai Contoh", "party"),
        2: Person("p1", "Ani Contoh", Gender.FEMALE, PartialDate(1980, 4)),
        3: Membership("p1", "pkb", start_date=PartialDate(2019)),
        5: Organization("kppi", "Kaukus Contoh", "caucus_branch"),
    }
    rejected = {r.line: (r.field, r.reason) for r in items if isinstance(r, Rejection)}
    assert rejected[6][0] == "$.data.gender" and "not a sex code" in rejected[6][1]
    assert rejected[7][0] == "$.type" and "'Spaceship' is not a model type" in rejected[7][1]
    assert rejected[8] == ("$.data", "must be an object")
    assert rejected[9][0] is None and rejected[9][1].startswith("not JSON")
    assert rejected[10][0] == "$"
    assert rejected[11][0] == "$.data.end_date"
    assert set(rejected) == {6, 7, 8, 9, 10, 11}


def test_jsonl_carries_representation_figures(tmp_path: Path) -> None:
    figure = RepresentationFigure("Contoh", "DPR", PartialDate(2024, 10), 580, 127, "IPU Parline")
    path = tmp_path / "figures.jsonl"
    write_jsonl([figure], path)
    assert '"type":"RepresentationFigure"' in path.read_text(encoding="utf-8")
    assert [i.record for i in iter_jsonl(path) if isinstance(i, Located)] == [figure]


def test_jsonl_hides_a_nik_in_a_wrong_field(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    line = {"type": "Person", "data": {"id": "p", "name": "A", "gender": "3673015505900001"}}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (rejection,) = list(iter_jsonl(path))
    assert isinstance(rejection, Rejection) and "3673015505900001" not in rejection.reason


def test_write_jsonl_refuses_what_is_not_a_model_object() -> None:
    with pytest.raises(TypeError, match="dict is not a model type"):
        write_jsonl([{"a": 1}], io.StringIO())


records = st.lists(
    st.one_of(
        kst.persons(),
        kst.organisations(),
        kst.memberships(),
        kst.posts(),
        kst.trainings(),
        kst.participations(),
        kst.follow_ups(),
        kst.elections(),
        kst.districts(),
        kst.candidacies(),
        kst.candidate_lists(),
        kst.areas(),
    ),
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(records)
def test_write_then_read_gives_equal_objects(objects: list[object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.jsonl"
        assert write_jsonl([Located(o, None) for o in objects], path) == len(objects)
        back = list(iter_jsonl(path))
    assert [i.record for i in back if isinstance(i, Located)] == objects
    assert [i.line for i in back] == list(range(1, len(objects) + 1))


def test_dataset_source_yields_sections_then_rejections() -> None:
    items = list(DatasetJsonSource().read(DATA / "dataset.json", ReadContext()))
    objects = [i for i in items if not isinstance(i, Rejection)]
    assert [type(o).__name__ for o in objects] == ["Person", "Organization", "Membership"]
    fields = [r.field for r in items if isinstance(r, Rejection)]
    assert fields == ["$.persons[1].gender", "$.districts[0].seats", "$.surprise"]


def test_dataset_and_popolo_sniffing_do_not_overlap() -> None:
    assert looks_like_dataset(b'{"persons": [], "candidate_lists": []}') is True
    assert looks_like_dataset(b'{"persons": [{"id": "x"}]}') is True
    assert looks_like_dataset(b'{"posts": [], "persons": [], "meta": {}}') is False
    assert looks_like_dataset(b"[1, 2]") is None
    with pytest.raises(SourceError):
        list(DatasetJsonSource().read(DATA / "records.jsonl", ReadContext()))
