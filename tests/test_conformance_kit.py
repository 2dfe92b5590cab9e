"""The conformance kit works as docs/plugins.md teaches it: for a source that yields bare
objects, several per row; for one that is not line-based; and its streaming test fails
within seconds, saying why, for a source that reads everything first."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kppi_core import Gender, Membership, Person
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.rejections import Rejection
from kppi_core.sources import ReadContext, Record, Source, SourceSpec
from kppi_core.testing.conformance import SourceConformance

ROWS = "kta;nama;lp\n1;Siti;P\n2;Budi;L\n3;;P\n4;Rina;P\n5;Dodi;X\n6;Ani;P\n"
SEXES = {"P": Gender.FEMALE, "L": Gender.MALE}


class BareRowsSource:
    """As docs/plugins.md's example: bare objects, a person and a membership per row."""

    spec = SourceSpec("bare-rows", "test: bare objects per row", ("Person", "Membership"))

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(b"kta;")

    def read(self, path: Path, context: ReadContext) -> Iterator[Record]:
        try:
            with open(path, encoding=context.encoding, newline="") as handle:
                reader = csv.reader(handle, delimiter=";")
                if next(reader, None) is None:
                    raise SourceError("the file is empty", path=str(path))
                for row in reader:
                    sex = SEXES.get(row[2]) if len(row) == 3 else None
                    if sex is None or not row[1]:
                        yield Rejection(str(path), None, None, "not a member row")
                        continue
                    try:  # the model refuses a value (a NIK typed as the name): one rejection
                        person = Person(f"m/{row[0]}", row[1], sex)
                    except InvalidRecord as exc:
                        yield Rejection(str(path), None, "name", str(exc))
                        continue
                    yield person
                    yield Membership(f"m/{row[0]}", "party")
        except (UnicodeDecodeError, csv.Error):
            raise SourceError("not a members file", path=str(path)) from None


class WholeFileRowsSource(BareRowsSource):
    """Reads the whole file before its first record: does not stream."""

    spec = SourceSpec("whole-rows", "test: reads everything first", ("Person", "Membership"))

    def read(self, path: Path, context: ReadContext) -> Iterator[Record]:
        copy = path.with_name("copy.csv")
        copy.write_bytes(path.read_bytes())
        yield from super().read(copy, context)


class JsonArraySource:
    """One JSON document: a list of persons; not line-based."""

    spec = SourceSpec("json-array", "test: one JSON array", ("Person",), ("*.json",))

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.lstrip().startswith(b"[")

    def read(self, path: Path, context: ReadContext) -> Iterator[Record]:
        try:
            data = json.loads(path.read_bytes())
        except (ValueError, UnicodeDecodeError):
            raise SourceError("not JSON", path=str(path)) from None
        if not isinstance(data, list):
            raise SourceError("expected a JSON array", path=str(path))
        for item in data:
            sex = SEXES.get(item.get("lp")) if isinstance(item, dict) else None
            name = item.get("nama") if isinstance(item, dict) else None
            if sex is None or not isinstance(name, str) or not name:
                yield Rejection(str(path), None, None, "not a person")
                continue
            try:
                yield Person(str(item.get("kta")), name, sex)
            except InvalidRecord as exc:
                yield Rejection(str(path), None, "nama", str(exc))


@pytest.fixture
def rows_csv(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


class TestBareObjectsSeveralPerRow(SourceConformance):
    """Six rows, two rejected: 4 persons, 4 memberships, 2 rejections, no lines."""

    stream_head_bytes = stream_tail_bytes = 512 << 10  # the kit's sizes are not under test

    @pytest.fixture
    def source(self) -> Source:
        return BareRowsSource()

    @pytest.fixture
    def sample_path(self, rows_csv: Path) -> Path:
        return rows_csv

    @pytest.fixture
    def sample_records(self) -> int:
        return 6


class TestCountsByType(TestBareObjectsSeveralPerRow):
    @pytest.fixture
    def sample_records(self) -> dict[str, int]:  # type: ignore[override]
        return {"Person": 4, "Membership": 4, "Rejection": 2}


class TestNotLineBased(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return JsonArraySource()

    @pytest.fixture
    def sample_path(self, tmp_path: Path) -> Path:
        path = tmp_path / "members.json"
        people = [{"kta": 1, "nama": "Siti", "lp": "P"}, {"kta": 2, "nama": "", "lp": "P"}]
        path.write_text(json.dumps(people, indent=2), encoding="utf-8")
        return path

    @pytest.fixture
    def sample_records(self) -> int:
        return 2


def test_a_dropped_row_fails_the_count(rows_csv: Path) -> None:
    kit = TestBareObjectsSeveralPerRow()
    with pytest.raises(AssertionError, match="the sample holds 7 records"):
        kit.test_accounts_for_every_record(BareRowsSource(), rows_csv, 7, ReadContext())


def test_a_source_that_does_not_stream_fails_fast_and_says_why(
    rows_csv: Path, tmp_path: Path
) -> None:
    kit = SourceConformance()  # the sizes and the wait partners get
    started = time.monotonic()
    with pytest.raises(AssertionError) as failed:
        kit.test_streams(WholeFileRowsSource(), rows_csv, ReadContext(), tmp_path)
    elapsed = time.monotonic() - started
    message = str(failed.value)
    assert "whole-rows does not stream" in message
    assert "Yield each record as soon as it is read" in message
    assert elapsed < SourceConformance.stream_timeout + 10, elapsed


def test_a_streaming_source_passes_without_waiting(rows_csv: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    SourceConformance().test_streams(BareRowsSource(), rows_csv, ReadContext(), tmp_path)
    # It passed, so its first record came before the timeout; the bound only catches
    # a test that waits out a timer anyway (with room for a loaded machine).
    assert time.monotonic() - started < 2 * SourceConformance.stream_timeout
