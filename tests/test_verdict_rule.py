"""The verdict rule: a list is compliant only when no rejected record could belong to it.

Worked cases from issue 12 (a 7-candidate list with 2 women fails 30%: damage
its 7th row and it must not turn "compliant, 6 candidates"), for every path a
list is read by: the candidates CSV's fast reader, its plain stream, XLSX,
the JSON data set, JSON Lines; then a Hypothesis property over any damage to
any row of a file.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kppi_core.adapters.candidates_csv import iter_candidacies, read_candidate_lists
from kppi_core.model import Gender
from kppi_core.model.lists import ListFacts, place_rejections
from kppi_core.quota import Verdict, check_lists
from kppi_core.reading import lists_from_records, read_lists
from kppi_core.rejections import Rejection, Where

HEADER = ["election", "district", "seats", "party", "list_number", "name", "gender"]
# A 7-candidate list with 2 women (fails 30%: 3 needed), women at 1 and 4 (zipper
# fine), and a compliant list beside it in the same district, and one in another.
SEVEN = [["DPR", "D1", "7", "A", str(i), f"Calon A{i}", "P" if i in (1, 4) else "L"]
         for i in range(1, 8)]  # fmt: skip
GOOD = [["DPR", "D1", "7", "B", str(i), f"Calon B{i}", "P" if i in (1, 2, 4, 7) else "L"]
        for i in range(1, 8)]  # fmt: skip
OTHER = [["DPR", "D2", "3", "C", str(i), f"Calon C{i}", "P" if i == 1 else "L"]
         for i in range(1, 4)]  # fmt: skip


def text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER, *rows])
    return out.getvalue()


def verdicts(path: Path) -> dict[tuple[str, str, str], Verdict]:
    read = read_lists(path)
    return {r.key: r.verdict for r in _results(read.lists, read.rejected)}


def _results(lists: tuple[ListFacts, ...], rejected: tuple[Rejection, ...]) -> list[object]:
    report = check_lists(lists, rejected=rejected)
    return [_Keyed(r.election, r.district, r.party, r.verdict) for r in report.results]


class _Keyed:
    def __init__(self, e: str, d: str, p: str, verdict: Verdict) -> None:
        self.key, self.verdict = (e, d, p), verdict


def write(tmp_path: Path, body: str, name: str = "lists.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(body.encode("utf-8"))
    return path


def test_the_worked_list_fails_when_whole(tmp_path: Path) -> None:
    got = verdicts(write(tmp_path, text(SEVEN + GOOD)))
    assert got[("DPR", "D1", "A")] is Verdict.NONCOMPLIANT
    assert got[("DPR", "D1", "B")] is Verdict.COMPLIANT


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line + ",extra",  # one field too many
        lambda line: line.replace("Calon A7", "Calon\x00A7"),  # a NUL byte
        lambda line: line.replace(",L", ",X"),  # an unknown sex code
        lambda line: line.replace("DPR,D1,7,A", "DPR,D1,7,"),  # the party cell empty
    ],
    ids=["extra-field", "nul", "unknown-sex", "empty-party"],
)
def test_a_damaged_seventh_row_never_leaves_its_list_compliant(
    tmp_path: Path, damage: object
) -> None:
    lines = text(SEVEN + GOOD).splitlines()
    lines[7] = damage(lines[7])  # type: ignore[operator]
    path = write(tmp_path, "\n".join(lines) + "\n")
    got = verdicts(path)
    assert got[("DPR", "D1", "A")] is not Verdict.COMPLIANT
    # The same by the plain stream of records and by the fast reader used directly.
    plain = lists_from_records(iter_candidacies(path))
    fast = read_candidate_lists(path)
    for lists, rejected in ((plain.lists, plain.rejected), (fast.lists, fast.rejected)):
        by_key = {r.key: r.verdict for r in _results(lists, rejected)}  # type: ignore[attr-defined]
        assert by_key[("DPR", "D1", "A")] is not Verdict.COMPLIANT


def test_a_row_known_by_its_list_touches_only_that_list(tmp_path: Path) -> None:
    lines = text(SEVEN + GOOD + OTHER).splitlines()
    lines[7] = lines[7].replace(",L", ",X")
    got = verdicts(write(tmp_path, "\n".join(lines) + "\n"))
    assert got[("DPR", "D1", "A")] is Verdict.UNDETERMINED
    assert got[("DPR", "D1", "B")] is Verdict.COMPLIANT
    assert got[("DPR", "D2", "C")] is Verdict.COMPLIANT


def test_an_unreadable_party_touches_its_district_only(tmp_path: Path) -> None:
    lines = text(SEVEN + GOOD + OTHER).splitlines()
    lines[7] = lines[7].replace("DPR,D1,7,A", "DPR,D1,7,")
    path = write(tmp_path, "\n".join(lines) + "\n")
    got = verdicts(path)
    assert got[("DPR", "D1", "B")] is Verdict.UNDETERMINED  # it could be B's row
    assert got[("DPR", "D2", "C")] is Verdict.COMPLIANT
    assert read_lists(path).unplaced == 1


def test_a_row_with_nothing_readable_touches_every_list(tmp_path: Path) -> None:
    lines = text(SEVEN + GOOD + OTHER).splitlines()
    lines[7] += ",extra"
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert set(verdicts(path).values()) == {Verdict.UNDETERMINED}
    report = check_lists(read_lists(path).lists, rejected=read_lists(path).rejected)
    assert report.summary.unplaced == 1


def test_a_stray_quote_that_runs_rows_together_is_caught(tmp_path: Path) -> None:
    """One quote left open swallowed rows and still gave a row of the header's
    width: the swallowed rows must not vanish while the lists stay compliant."""
    rows = GOOD + OTHER
    lines = text(rows).splitlines()
    lines[2] = lines[2].replace("Calon B2", '"Calon B2')  # opened, never closed on its line
    lines[5] = lines[5].replace("Calon B5", 'Calon B5"')  # closed three lines on
    path = write(tmp_path, "\n".join(lines) + "\n")
    read = read_lists(path)
    assert read.rejected, "rows run together must be rejected"
    got = verdicts(path)
    assert Verdict.COMPLIANT not in got.values()
    assert read_lists(path).unplaced >= 1


def test_every_row_of_a_list_rejected_keeps_the_list(tmp_path: Path) -> None:
    rows = [[*r[:6], "X"] for r in OTHER]
    got = verdicts(write(tmp_path, text(GOOD + rows)))
    assert got[("DPR", "D2", "C")] is Verdict.UNDETERMINED


def test_json_data_set_keeps_a_list_with_one_bad_candidacy(tmp_path: Path) -> None:
    good = {
        "election_id": "DPR", "district_id": "D1", "party": "B", "seats": 3,
        "candidacies": [
            {"name": f"B{i}", "gender": "P", "party": "B", "election_id": "DPR",
             "district_id": "D1", "list_position": i} for i in (1, 2, 3)
        ],
    }  # fmt: skip
    bad = json.loads(json.dumps(good).replace('"B"', '"A"'))
    bad["candidacies"][2]["gender"] = "Q"
    path = tmp_path / "lists.json"
    path.write_text(json.dumps({"candidate_lists": [good, bad]}), encoding="utf-8")
    got = verdicts(path)
    assert got[("DPR", "D1", "B")] is Verdict.COMPLIANT
    assert got[("DPR", "D1", "A")] is Verdict.UNDETERMINED  # there, not vanished


def test_jsonl_rejected_candidacy_joins_its_list(tmp_path: Path) -> None:
    rows = [
        {"type": "Candidacy", "data": {"name": f"A{i}", "gender": g, "party": "A",
                                       "election_id": "DPR", "district_id": "D1",
                                       "list_position": i}}
        for i, g in ((1, "P"), (2, "L"), (3, "?"))
    ]  # fmt: skip
    path = tmp_path / "lists.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert verdicts(path)[("DPR", "D1", "A")] is Verdict.UNDETERMINED


def test_xlsx_unknown_sex_code_leaves_its_list_undetermined(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [[*r] for r in SEVEN]
    rows[6][6] = "X"
    for row in [HEADER, *rows]:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "lists.xlsx"
    book.save(path)
    got = verdicts(path)  # read_lists reads XLSX too, through the one path
    assert got[("DPR", "D1", "A")] is Verdict.UNDETERMINED


def test_rows_that_say_they_are_not_list_rows_touch_no_list() -> None:
    lists = (ListFacts("DPR", "D1", "A", 3, (1, 2, 3), (Gender.FEMALE,) * 3),)
    person = Rejection("f.json", None, "$.persons[0]", "bad", where=Where("Person"))
    placed, unplaced = place_rejections(lists, [person])
    assert placed == lists and unplaced == 0


def test_placing_twice_attaches_once() -> None:
    lists = (ListFacts("DPR", "D1", "A", 3, (1, 2), (Gender.FEMALE,) * 2),)
    r = Rejection("f.csv", 4, None, "bad")
    once, _ = place_rejections(lists, [r])
    twice, _ = place_rejections(once, [r])
    assert once == twice and once[0].rejected == (r,)


# -- the property: any damage to any row ---------------------------------------------------

DAMAGES = ("extra", "missing", "nul", "sex", "number", "party", "quote", "empty")


def damaged(line: str, how: str) -> str:
    cells = line.split(",")
    if how == "extra":
        return line + ",x"
    if how == "missing":
        return ",".join(cells[:-1])
    if how == "nul":
        cells[5] = cells[5] + "\x00"
        return ",".join(cells)
    if how == "sex":
        cells[6] = "Q"
        return ",".join(cells)
    if how == "number":
        cells[4] = "satu"
        return ",".join(cells)
    if how == "party":
        cells[3] = ""
        return ",".join(cells)
    if how == "quote":
        cells[5] = '"' + cells[5]
        return ",".join(cells)
    return ",".join("" if i in (0, 1) else c for i, c in enumerate(cells))  # election, district


lists_strategy = st.lists(
    st.tuples(
        st.sampled_from(["D1", "D2"]),
        st.sampled_from(["A", "B", "C"]),
        st.lists(st.sampled_from("PL"), min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda t: (t[0], t[1]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lists_strategy, st.data())
def test_no_list_that_lost_a_row_is_compliant(
    tmp_path: Path, spec: list[tuple[str, str, list[str]]], data: st.DataObject
) -> None:
    rows, owner = [], []
    for district, party, sexes in spec:
        for i, sex in enumerate(sexes, 1):
            rows.append(["DPR", district, "9", party, str(i), f"Calon {party}{i}", sex])
            owner.append(("DPR", district, party))
    lines = text(rows).splitlines()
    damage = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(rows) - 1), st.sampled_from(DAMAGES)),
            min_size=1,
            max_size=3,
            unique_by=lambda t: t[0],
        )
    )
    for index, how in damage:
        lines[index + 1] = damaged(lines[index + 1], how)
    path = tmp_path / "damaged.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    read = read_lists(path)
    report = check_lists(read.lists, rejected=read.rejected)
    by_key = {(r.election, r.district, r.party): r for r in report.results}
    accepted = sum(f.candidates for f in read.lists)
    for index, _ in damage:
        result = by_key.get(owner[index])
        assert result is None or result.verdict is not Verdict.COMPLIANT, (index, damage)
    # Every list that lost a row lost it to a rejection the report carries.
    for key in {owner[i] for i, _ in damage}:
        lost = sum(1 for o in owner if o == key) - (by_key[key].candidates if key in by_key else 0)
        if lost:
            assert read.rejected
            assert key not in by_key or by_key[key].verdict is not Verdict.COMPLIANT
    assert accepted + len(read.rejected) == read.records


def test_the_cli_says_how_many_rows_could_not_be_placed(tmp_path: Path) -> None:
    lines = text(SEVEN + GOOD).splitlines()
    lines[7] += ",extra"
    path = write(tmp_path, "\n".join(lines) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert "compliant, 6 candidates" not in done.stdout
    assert "1 rejected row could not be placed in a list" in done.stdout
    assert "Partai" not in done.stdout  # the parties are A and B
    assert "A: cannot be determined yet" in done.stdout
    assert "B: cannot be determined yet" in done.stdout
