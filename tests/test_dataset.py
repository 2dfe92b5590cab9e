"""The library's JSON data set: round trip, and bad records rejected one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kppi_core.dataset import Dataset, dump_dataset, read_dataset
from kppi_core.errors import SourceError
from kppi_core.testing import strategies as kst

datasets = st.builds(
    Dataset,
    persons=st.lists(kst.persons(), max_size=3),
    organizations=st.lists(kst.organisations(), max_size=2),
    memberships=st.lists(kst.memberships(), max_size=2),
    trainings=st.lists(kst.trainings(), max_size=1),
    candidate_lists=st.lists(kst.candidate_lists(max_size=4), max_size=2),
)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets)
def test_round_trip(tmp_path: Path, data: Dataset) -> None:
    path = tmp_path / "data.json"
    path.write_text(dump_dataset(data), encoding="utf-8")
    read = read_dataset(path)
    assert read.rejected == ()
    assert read.dataset == data


def test_bad_records_are_rejected_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(
        json.dumps(
            {
                "persons": [
                    {"id": "a", "name": "Siti", "gender": "female"},
                    {"id": "b", "name": "Sari", "gender": "Q", "nik": "3673015708450009"},
                    {"id": "c", "name": ""},
                ],
                "unknown_section": [],
                "memberships": {"not": "a list"},
            }
        ),
        encoding="utf-8",
    )
    read = read_dataset(path)
    assert [p.id for p in read.dataset.persons] == ["a"]
    fields = [r.field for r in read.rejected]
    assert fields == [
        "$.persons[1].gender",
        "$.persons[2].name",
        "$.unknown_section",
        "$.memberships",
    ]
    assert read.records == 3
    assert all("3673015708450009" not in r.reason for r in read.rejected)


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"[]", "expected a JSON object"), (b"{", "not JSON"), (b'{"x": 1}', "no known section")],
)
def test_unreadable(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=says):
        read_dataset(path)
