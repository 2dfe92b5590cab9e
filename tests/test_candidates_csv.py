"""The candidates CSV reader: its short path agrees with the full parser on any input."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.adapters import candidates_csv
from kppi_core.adapters.candidates_csv import (
    CandidatesCsvSource,
    CandidatesRead,
    _read_candidate_lists,
    iter_candidacies,
    read_candidate_lists,
)
from kppi_core.cli import main
from kppi_core.errors import SourceError
from kppi_core.model import Candidacy
from kppi_core.reading import lists_from_records
from kppi_core.samples import sample_path

HEADER = ["election", "district", "seats", "party", "list_number", "name", "gender", "votes"]

cells = st.fixed_dictionaries(
    {
        "election": st.sampled_from(["DPR", "DPR", " DPR", ""]),
        "district": st.sampled_from(["D1", "D1", "D2", "D2 "]),
        "seats": st.sampled_from(["3", "3", "3", "03", " 3", "4", "x", "0"]),
        "party": st.sampled_from(["A", "A", "B", "B", "A "]),
        "list_number": st.sampled_from(["1", "2", "3", "4", "0", "x", " 2", "02", "1000"]),
        "name": st.sampled_from(["Siti", "Budi", "", "  ", "Dewi\x00"]),
        "gender": st.sampled_from(["P", "L", "p", " P", "X", "", "-", "Perempuan", "PEREMPUAN"]),
        "votes": st.sampled_from(["", "12", "1500", "-1", "x", " 7"]),
    }
)
rows = st.lists(
    st.one_of(cells.map(lambda c: [c[h] for h in HEADER]), st.just([]), st.just(["A", "B"])),
    max_size=25,
)


def write(body: list[list[str]], newline: str = "\n", sep: str = ",") -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline, delimiter=sep)
    writer.writerow(HEADER)
    for row in body:
        writer.writerow(row)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as handle:
        handle.write(out.getvalue())
    return Path(handle.name)


def same(fast: CandidatesRead, path: Path) -> None:
    """``fast`` gives what the full parser gives on ``path``."""
    slow = lists_from_records(iter_candidacies(path))
    assert fast.rows == slow.records
    assert [(r.line, r.field, r.reason) for r in fast.rejected] == [
        (r.line, r.field, r.reason) for r in slow.rejected
    ]
    # Both paths apply the verdict rule: the same lists with the same rows rejected.
    assert {f.key: (f.positions, f.genders, f.seats, f.rejected) for f in fast.lists} == {
        f.key: (f.positions, f.genders, f.seats, f.rejected) for f in slow.lists
    }
    assert sum(len(f.positions) for f in fast.lists) + len(fast.rejected) == fast.rows
    listed = [f.key for f in fast.lists]
    assert len(listed) == len(set(listed))
    for f in fast.lists:
        assert all(r.line is not None for r in f.rejected)
        assert set(f.rejected) <= set(fast.rejected)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_short_path_equals_full_parser(body: list[list[str]]) -> None:
    path = write(body)
    try:
        same(read_candidate_lists(path), path)
    finally:
        path.unlink()


# Lists as files write them: runs of rows of one list, in order or not.
plain_cells = st.fixed_dictionaries(
    {
        "election": st.just("DPR"),
        "district": st.sampled_from(["D1", "D2"]),
        "seats": st.sampled_from(["3", "3", "4"]),
        "party": st.sampled_from(["A", "B", "C", "Partai X, Y"]),
        "list_number": st.sampled_from(["1", "2", "3", "4"]),
        "name": st.sampled_from(
            ["Siti", "Budi", "Dewi, S.H.", 'Ani "Ana"', "A\nB", "C\r\nD", "E\rF", "\t", "Tuti;\tP"]
        ),
        "gender": st.sampled_from(["P", "L", "p", "-", ""]),
        "votes": st.sampled_from(["", "12", "7"]),
    }
)
runs = st.lists(
    st.tuples(st.integers(1, 5), plain_cells.map(lambda c: [c[h] for h in HEADER])).map(
        lambda run: [[*run[1][:4], str(i + 1), *run[1][5:]] for i in range(run[0])]
    ),
    max_size=8,
).map(lambda runs: [row for run in runs for row in run])
junk = st.one_of(
    cells.map(lambda c: [c[h] for h in HEADER]),
    st.just([]),
    st.just(["A", "B"]),
    st.just(["x" * 60]),
)


@contextlib.contextmanager
def field_limit(limit: int) -> Iterator[None]:
    """csv's field size limit lowered, so a long cell is a CSV error."""
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


@settings(max_examples=400, deadline=None)
@given(
    runs,
    st.lists(st.tuples(st.integers(0, 40), junk), max_size=4),
    st.sampled_from([1, 2, 3, 5, 64]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_chunked_reading_equals_full_parser(
    body: list[list[str]], extra: list[tuple[int, list[str]]], chunk_rows: int, newline: str
) -> None:
    """Tiny chunks, runs of a list cut by chunks or spread over the file, quoted cells
    with line breaks, junk rows and rows the CSV reader rejects: the same lists,
    rejections and lines as the full parser."""
    for at, row in extra:
        body.insert(min(at, len(body)), row)
    path = write(body, newline)
    try:
        with field_limit(50):
            same(_read_candidate_lists(path, "utf-8", None, chunk_rows), path)
    finally:
        path.unlink()


def test_csv_errors_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    lines = [",".join(HEADER)] + [f"DPR,D1,3,A,{i},Siti,P," for i in (1, 2, 3)]
    lines.insert(2, "DPR,D1,3,A,9," + "x" * 60 + ",P,")
    lines.insert(4, 'DPR,D1,3,A,9,"Line\nbreak' + "y" * 60 + '",P,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with field_limit(50):
        read = _read_candidate_lists(path, "utf-8", None, 2)
    assert [(r.line, r.reason[:16]) for r in read.rejected] == [
        (3, "not a CSV row: f"),
        (6, "not a CSV row: f"),
    ]
    assert read.rows == 5
    assert [(f.positions, f.seats) for f in read.lists] == [((1, 2, 3), 3)]


@contextlib.contextmanager
def block_chars(size: int) -> Iterator[None]:
    """The reader's blocks of quote-free text cut to ``size`` characters."""
    old = candidates_csv._BLOCK_CHARS
    candidates_csv._BLOCK_CHARS = size
    try:
        yield
    finally:
        candidates_csv._BLOCK_CHARS = old


@settings(max_examples=400, deadline=None)
@given(
    runs,
    st.lists(st.tuples(st.integers(0, 40), junk), max_size=4),
    st.sampled_from([1, 20, 45, 90, 200, 1000]),
    st.sampled_from([1, 3, 64]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([",", ";", "\t"]),
)
def test_blocks_of_text_equal_full_parser(
    body: list[list[str]],
    extra: list[tuple[int, list[str]]],
    size: int,
    chunk_rows: int,
    newline: str,
    sep: str,
) -> None:
    """Blocks of text cut anywhere between lines: quote-free ones split in C, quoted
    ones read alone or, when a quoted cell runs on past them, with the rest of the
    file: the same lists, rejections and lines as the full parser, whichever
    separator the file uses."""
    for at, row in extra:
        body.insert(min(at, len(body)), row)
    path = write(body, newline, sep)
    try:
        with block_chars(size):
            same(_read_candidate_lists(path, "utf-8", None, chunk_rows), path)
    finally:
        path.unlink()


def test_header_and_rows_with_carriage_returns_and_quotes(tmp_path: Path) -> None:
    """A CRLF file with a quoted header and a quoted cell that runs over a block's
    end reads like the full parser."""
    path = tmp_path / "crlf.csv"
    header = '"' + '","'.join(HEADER) + '"'
    body = [f"DPR,D1,3,A,{i},Siti,P,{i}" for i in (1, 2, 3)]
    body.insert(1, 'DPR,D1,3,A,9,"Dewi\r\nS.H.",P,')
    body.append("DPR,D1,3,A,4,Budi\rL,")
    path.write_bytes(("\r\n".join([header, *body]) + "\r\n").encode())
    for size in (1, 10, 40, 1 << 17):
        with block_chars(size):
            same(read_candidate_lists(path), path)


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolons_and_tabs_read_as_commas(tmp_path: Path, sep: str) -> None:
    """A file Excel saved with semicolons (as where the decimal mark is a comma, as
    in Indonesia), or with tabs, gives what the same rows with commas give, through
    the fast reader, the record stream, the source's sniffing and the CLI."""
    sample = sample_path("candidates")
    rows = list(csv.reader(sample.open(newline="", encoding="utf-8")))
    rows[0] = ["Pemilu", "Dapil", "Kursi", "Partai", "Nomor Urut", "Nama", "Jenis Kelamin",
               *rows[0][7:]]  # fmt: skip
    rows[5][5] = f"NAMA{sep} S.H."  # a separator inside a quoted cell
    paths = {}
    for s in (",", sep):
        paths[s] = tmp_path / f"lists-{ord(s)}.csv"
        with paths[s].open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=s, lineterminator="\r\n").writerows(rows)
    comma, other = (read_candidate_lists(paths[s]) for s in (",", sep))
    assert other.lists == comma.lists and other.rows == comma.rows == len(rows) - 1
    assert [(r.line, r.reason) for r in other.rejected] == [
        (r.line, r.reason) for r in comma.rejected
    ]
    streamed = [c for c in iter_candidacies(paths[sep]) if isinstance(c, Candidacy)]
    assert any(c.name == f"NAMA{sep} S.H." for c in streamed)
    assert CandidatesCsvSource().sniff(paths[sep], paths[sep].read_bytes()[:4096])
    runner = CliRunner()
    outputs = [
        runner.invoke(main, ["check", str(paths[s]), "--format", "json"]) for s in (",", sep)
    ]
    assert outputs[0].exit_code == outputs[1].exit_code
    summaries = [json.loads(o.stdout)["summary"] for o in outputs]
    assert summaries[0] == summaries[1]


def test_separator_from_first_line_when_lines_end_in_lone_carriage_returns(
    tmp_path: Path,
) -> None:
    """Lines ending in a lone ``\\r`` (old Mac files): the separator is the header
    line's, not the one most common in the whole first block (semicolons in the
    names here), as the full parser decides it."""
    path = tmp_path / "cr.csv"
    name = '"' + ";".join("abcdefghijklmn") + '"'
    rows = [",".join(HEADER)] + [f"DPR,D1,3,A,{i},{name},P," for i in (1, 2, 3)]
    path.write_bytes(("\r".join(rows) + "\r").encode())
    read = read_candidate_lists(path)
    same(read, path)
    assert read.rows == 3 and [f.positions for f in read.lists] == [(1, 2, 3)]


def test_header_cell_past_the_field_limit_is_a_source_error(tmp_path: Path) -> None:
    """A header cell longer than csv's field limit: 'the header cannot be read' at
    line 1, as the full parser says, not csv's own error escaping the reader."""
    path = tmp_path / "long-header.csv"
    path.write_text(",".join([*HEADER, "x" * 60]) + "\nDPR,D1,3,A,1,Siti,P,,\n", encoding="utf-8")
    with field_limit(50):
        with pytest.raises(SourceError) as slow:
            list(iter_candidacies(path))
        with pytest.raises(SourceError) as fast:
            read_candidate_lists(path)
    assert str(fast.value) == str(slow.value)
    assert "the header cannot be read: field larger than field limit (50)" in str(fast.value)


@pytest.mark.parametrize(
    "extra",
    [
        "DPR,D1,3,A,1001,Siti,X,",  # a rejected row of the list
        "DPR,D1,3,A,3,Siti,P,",  # a number again
        "DPR,D1,3,A,1002,Siti,P,",  # a gap past 1000
    ],
)
def test_list_numbered_past_999(tmp_path: Path, extra: str) -> None:
    """A list numbered 1..1000 (a count past the numbers kept in a table), then a
    row that ends the count: every number kept, as the full parser keeps them."""
    path = tmp_path / "long-list.csv"
    rows = [",".join(HEADER)] + [f"DPR,D1,3,A,{i},Siti,P," for i in range(1, 1001)]
    path.write_text("\n".join([*rows, extra]) + "\n", encoding="utf-8")
    read = read_candidate_lists(path)
    same(read, path)
    assert 1000 in read.lists[0].positions


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quote_left_open_at_the_end_of_the_file(tmp_path: Path, newline: str) -> None:
    """The last row opens a quoted cell that runs to the end of the file, taking the
    last line's break into the cell: its rejection names the line the row ends on,
    as the full parser says, not one past the end of the file."""
    path = tmp_path / "open-quote.csv"
    lines = [",".join(HEADER), "DPR,D1,3,A,1,Siti,P,", 'DPR,D1,3,A,2,"Budi', "L"]
    path.write_bytes((newline.join(lines) + newline).encode())
    read = read_candidate_lists(path)
    same(read, path)
    assert [r.line for r in read.rejected] == [4]
