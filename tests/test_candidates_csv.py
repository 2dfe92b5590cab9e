"""The candidates CSV reader: its short path agrees with the full parser on any input."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.adapters.candidates_csv import iter_candidacies, read_candidate_lists
from kppi_core.sources import lists_from_records

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


def write(body: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in body:
        writer.writerow(row)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as handle:
        handle.write(out.getvalue())
    return Path(handle.name)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_short_path_equals_full_parser(body: list[list[str]]) -> None:
    path = write(body)
    try:
        fast = read_candidate_lists(path)
        slow = lists_from_records(iter_candidacies(path))
    finally:
        path.unlink()
    assert fast.rows == slow.records
    assert [(r.line, r.field, r.reason) for r in fast.rejected] == [
        (r.line, r.field, r.reason) for r in slow.rejected
    ]
    accepted = {f.key: (f.positions, f.genders, f.seats) for f in fast.lists if f.positions}
    assert accepted == {f.key: (f.positions, f.genders, f.seats) for f in slow.lists}
    assert sum(len(f.positions) for f in fast.lists) + len(fast.rejected) == fast.rows
