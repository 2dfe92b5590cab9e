"""Hypothesis fuzzing of every built-in reader: only the library's own errors escape.

Each reader gets files built from its own header (or its own JSON shape) with
cells, lines and values drawn from the kinds of junk real exports hold: wrong
types, huge numbers, NIKs, dates, quotes, NUL bytes, bad bytes, deep nesting.
Whatever it reads, it must yield records and rejections, or raise a
:class:`~kppi_core.errors.KppiError`; any other exception is a bug. A
rejection never shows a planted NIK, date or phone number.

The default suite runs a few hundred examples per reader; ``pytest --slow``
runs many more.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bad_corpus
from kppi_core.adapters.attendance_csv import AttendanceCsvSource
from kppi_core.adapters.candidates_csv import CandidatesCsvSource
from kppi_core.adapters.dataset_json import DatasetJsonSource
from kppi_core.adapters.jsonl import JsonlSource
from kppi_core.adapters.membership_csv import MembershipCsvSource
from kppi_core.adapters.parline import ParlineCsvSource
from kppi_core.adapters.popolo import PopoloSource
from kppi_core.adapters.xlsx import XlsxSource
from kppi_core.errors import KppiError
from kppi_core.rejections import Rejection
from kppi_core.sources import ReadContext

CELLS = st.one_of(
    st.sampled_from(
        [
            "", " ", "P", "L", "x", "1", "0", "-1", "1.9", "true", "1e-999999999", "tiga",
            '"', '""', "\x00", "7" * 5000, "Ani Contoh", "Partai A", "D1", "DPRD_KABKO",
            "2024-01-02", "31/12/1999", *bad_corpus.PLANTED,
        ]
    ),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)  # fmt: skip
SEPARATORS = st.sampled_from([",", ";", "\t"])
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])

JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(bad_corpus.PLANTED),
    st.text(max_size=10), st.sampled_from(["female", "male", "p1", "e1", "d1", "Partai A"]),
)  # fmt: skip
KEYS = [
    "id", "name", "gender", "party", "election_id", "district_id", "list_position",
    "seats", "votes", "candidacies", "birth_date", "nik", "identifiers", "scheme",
    "identifier", "other_names", "person_id", "organization_id", "type", "data",
]  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)
    ),
    max_leaves=20,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what a worksheet cannot hold
SECTIONS = ["persons", "organizations", "memberships", "candidate_lists", "districts", "posts"]


def _csv_files(header: str) -> st.SearchStrategy[bytes]:
    width = header.count(",") + 1

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        sep = draw(SEPARATORS)
        end = draw(ENDINGS)
        rows = draw(st.lists(st.lists(CELLS, min_size=width - 1, max_size=width + 1), max_size=6))
        text = header.replace(",", sep) + end + "".join(sep.join(r) + end for r in rows)
        data = text.encode("utf-8", "surrogatepass")
        if draw(st.booleans()):  # a few damaged bytes anywhere
            at = draw(st.integers(0, max(0, len(data) - 1)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
        return data

    return build()


@st.composite
def _json_documents(draw: st.DrawFn) -> bytes:
    doc = draw(
        st.dictionaries(st.sampled_from(SECTIONS), st.lists(JSON_VALUES, max_size=4), max_size=4)
        | JSON_VALUES
    )
    return json.dumps(doc).encode()


@st.composite
def _jsonl_files(draw: st.DrawFn) -> bytes:
    lines = draw(
        st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["Person", "Organization", "Membership", "X"])},
                optional={"data": JSON_VALUES},
            ).map(json.dumps)
            | st.sampled_from(["not json", "[1]", bad_corpus._deep(5000)]),
            max_size=5,
        )
    )
    return ("\n".join(lines) + "\n").encode()


@st.composite
def _workbooks(draw: st.DrawFn) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["No", "Partai", "Dapil", "Nomor Urut", "Nama", "Jenis Kelamin"])
    values = st.one_of(CELLS, st.integers(-(10**18), 10**18), st.floats(allow_nan=False))
    for row in draw(st.lists(st.lists(values, max_size=7), max_size=5)):
        sheet.append([_CONTROL.sub("", v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if draw(st.booleans()):
        data = data[: len(data) * draw(st.integers(0, 99)) // 100]  # saved bytes vary a little
    return data


READERS: dict[str, tuple[Any, str, st.SearchStrategy[bytes]]] = {
    "candidates-csv": (CandidatesCsvSource(), ".csv", _csv_files(bad_corpus.CANDIDATES_HEADER)),
    "membership-csv": (MembershipCsvSource(), ".csv", _csv_files(bad_corpus.MEMBERS_HEADER)),
    "attendance-csv": (
        AttendanceCsvSource(),
        ".csv",
        _csv_files(bad_corpus.ATTENDANCE_HEADER),
    ),
    "parline-csv": (ParlineCsvSource(), ".csv", _csv_files(bad_corpus.PARLINE_HEADER)),
    "dataset-json": (DatasetJsonSource(), ".json", _json_documents()),
    "popolo-json": (PopoloSource(), ".json", _json_documents()),
    "jsonl": (JsonlSource(), ".jsonl", _jsonl_files()),
    "xlsx": (XlsxSource(), ".xlsx", _workbooks()),
}


def _read_all(source: Any, path: Path) -> list[Any]:
    context = ReadContext("utf-8", None, {"training": "t1", "session": "s1"})
    try:
        return list(source.read(path, context))
    except KppiError:
        return []


def _fuzz(name: str, examples: int) -> Callable[..., None]:
    source, suffix, files = READERS[name]

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=files)
    def run(tmp_path: Path, data: bytes) -> None:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        for item in _read_all(source, path):
            if isinstance(item, Rejection):
                assert not bad_corpus.leaks(str(item)), str(item)

    return run


@pytest.mark.parametrize("name", sorted(READERS))
def test_only_the_librarys_errors_escape(name: str, tmp_path: Path) -> None:
    _fuzz(name, 60 if name == "xlsx" else 150)(tmp_path)


@pytest.mark.long
@pytest.mark.parametrize("name", sorted(READERS))
def test_only_the_librarys_errors_escape_long(name: str, tmp_path: Path) -> None:
    _fuzz(name, 600 if name == "xlsx" else 3000)(tmp_path)


def test_the_fuzzer_can_fail(tmp_path: Path) -> None:
    """A reader that lets a ValueError out is caught (the fuzzing test can fail)."""

    class Broken:
        def read(self, path: Path, context: ReadContext) -> Any:
            raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        _read_all(Broken(), tmp_path / "x.csv")
