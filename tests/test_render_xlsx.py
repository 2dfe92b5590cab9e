"""The xlsx format: each command's workbook read back with openpyxl, cell by cell
against the same command's JSON output."""

from __future__ import annotations

import datetime
import io
import json
import os
import pty
import re
import subprocess
import sys
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.render import XLSX, Document, Facts, Heading, Table, render, words
from kppi_core.render.formats import write

openpyxl = pytest.importorskip("openpyxl")


def _kppi(*args: str) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core.cli", *args], capture_output=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return done


def _both(args: list[str], tmp: Path) -> tuple[Any, Any]:
    """The command's JSON document and its workbook (written with ``-o``, or to a
    redirected stdout for ``registry build``, whose ``-o`` is the registry)."""
    data = json.loads(_kppi(*args, "--format", "json").stdout)
    book = tmp / "report.xlsx"
    if args[:2] == ["registry", "build"]:
        book.write_bytes(_kppi(*args, "--format", "xlsx").stdout)
    else:
        _kppi(*args, "--format", "xlsx", "-o", str(book))
    return data, openpyxl.load_workbook(book)


def _rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def same(expected: Any, cell: Any) -> bool:
    """Whether a cell holds what the JSON says: shares ``"n/d"`` as numbers, dates as
    dates, id lists as their text, empty text as an empty cell."""
    if expected in (None, "", []):
        return cell in (None, "")
    if isinstance(expected, list):
        return cell == " ".join(map(str, expected))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat() == expected
    if isinstance(expected, str) and isinstance(cell, int | float):
        # a share, "n/d" (or "0", "1") in JSON: a number in the sheet
        exact = Fraction(expected) if re.fullmatch(r"-?\d+(/\d+)?", expected) else None
        return exact is not None and abs(cell - float(exact)) < 1e-12
    return bool(cell == expected and type(cell) is type(expected))


def _table_matches(rows: list[list[Any]], records: list[dict[str, Any]], lang: str = "en") -> None:
    """A data sheet: its columns' labels, then their keys, then the JSON's records."""
    labels, header, *body = rows
    assert labels == [words.label(k, lang, k.replace("_", " ")) for k in header]
    assert len(body) == len(records)
    for record, row in zip(records, body, strict=True):
        assert header == list(record)
        for key, cell in zip(header, row, strict=True):
            assert same(record[key], cell), (key, record[key], cell)


GENERIC = {
    "training": ["training", "report", "--sample"],
    "outreach": ["outreach", "--sample"],
    "follow-ups": ["follow-ups", "--sample"],
    "funnel": ["funnel", "--sample"],
    "registry": ["registry", "build", "--sample"],
}


@pytest.mark.parametrize("name", sorted(GENERIC))
def test_a_table_report_sheet_by_sheet(name: str, tmp_path: Path) -> None:
    data, book = _both(GENERIC[name], tmp_path)
    assert book.sheetnames == ["about", *data["tables"]]
    for table, records in data["tables"].items():
        ws = book[table]
        assert ws.freeze_panes == "A3"  # the labels and the keys stay in view
        if records:
            _table_matches(_rows(ws), records)
        else:
            assert len(_rows(ws)) == 2
    about = {k: v for k, v in _rows(book["about"])}
    assert about["report"] == data["report"] and about["title"] == data["title"]
    for key, value in data["facts"].items():
        assert same(value, about[words.label(key, "en", key.replace("_", " "))]), key
    assert isinstance(about["written"], datetime.datetime)


def test_check_sheet_by_sheet(tmp_path: Path) -> None:
    data, book = _both(["check", "--sample"], tmp_path)
    labels, header, *rows = _rows(book["check"])
    assert labels[header.index("legal_source")] == "legal source"
    assert book["check"].freeze_panes == "A3"
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_kind[row[0]].append(dict(zip(header, row, strict=True)))
    assert len(by_kind["finding"]) == len(data["findings"])
    for finding, row in zip(data["findings"], by_kind["finding"], strict=True):
        for key in ("rule", "status", "election", "district", "party", "candidates", "women",
                    "unknown", "required", "shortfall", "seats", "positions", "message",
                    "legal_source"):  # fmt: skip
            assert same(finding[key], row[key]), (key, finding[key], row[key])
    assert len(by_kind["rejected"]) == len(data["rejected"])
    heads = data["indicators"]["list_heads"]
    assert len(by_kind["list-head"]) == len(heads["lists"])
    for head, row in zip(heads["lists"], by_kind["list-head"], strict=True):
        assert (row["election"], row["district"], row["party"]) == (
            head["election"], head["district"], head["party"]
        )  # fmt: skip
        assert row["candidates"] == len(head["sexes"])
        assert row["women"] == head["sexes"].count("P")
    # A sheet for people only (not the CSV's rows): the labels, no row of keys.
    lh_labels, *lh_rows = _rows(book["list_heads"])
    assert book["list_heads"].freeze_panes == "A2"
    lh_header = ["party", "lists", "woman_at_1", "man_at_1", "unknown_at_1", "share_woman_at_1"]
    assert lh_labels == ["party", "lists", "woman at no. 1", "man at no. 1",
                         "not stated at no. 1", "share woman at no. 1"]  # fmt: skip
    for party, row in zip([*heads["parties"], heads["total"]], lh_rows, strict=True):
        expected = {**party, "party": party["party"] or "all parties"}
        for key, cell in zip(lh_header, row, strict=True):
            assert same(expected[key], cell), (key, expected[key], cell)
    # Women on each party's lists: the sums of the JSON's lists.
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in data["lists"]:
        t = totals[item["party"]]
        t[0] += 1
        t[1] += item["candidates"]
        t[2] += item["women"]
    _, *p_rows = _rows(book["parties"])
    assert [r[0] for r in p_rows] == sorted(totals)
    for row in p_rows:
        lists, candidates, women = totals[row[0]]
        assert row[1:4] == [lists, candidates, women]
        assert row[4] == pytest.approx(women / candidates) and row[5] == pytest.approx(0.3)
    about = {k: v for k, v in _rows(book["about"])}
    assert about["rule set"].startswith(data["rule_set"])
    assert about["source"].startswith(data["source"])


def test_seats_sheet_against_the_elected(tmp_path: Path) -> None:
    data, book = _both(["seats", "--sample"], tmp_path)
    _, header, *rows = _rows(book["seats"])
    elected = [dict(zip(header, r, strict=True)) for r in rows if r[0] == "elected"]
    expected = [
        (d["district"], c["party"], c["list_position"], c["name"], c["votes"])
        for d in data["districts"]
        for c in d["elected"]
    ]
    got = [(r["district"], r["party"], r["list_position"], r["name"], r["votes"]) for r in elected]
    assert sorted(got) == sorted(expected)


def test_representation_sheet_against_the_figures(tmp_path: Path) -> None:
    data, book = _both(["representation", "--sample"], tmp_path)
    _table_matches(_rows(book["representation"]), data["figures"])


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    document = Document(
        "demo",
        (
            Heading("=HYPERLINK(1)"),
            Facts((("on", datetime.date(2024, 2, 14)),)),
            Table(
                "t", "T", ("a", "b", "c"), (("=1+1", Fraction(1, 3), datetime.date(2024, 1, 2)),)
            ),
        ),
    )
    out = io.StringIO()
    path = tmp_path / "demo.xlsx"
    with path.open("w") as f:
        write(document, XLSX, f)
    del out
    book = openpyxl.load_workbook(path)
    ws = book["t"]
    assert ws["A3"].value == "=1+1" and ws["A3"].data_type == "s"  # under labels and keys
    assert ws["B3"].value == pytest.approx(1 / 3) and ws["B3"].number_format == "0.0%"
    assert ws["C3"].value == datetime.datetime(2024, 1, 2)
    assert book["about"]["B2"].data_type == "s"


def test_a_workbook_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    """On a terminal, --format xlsx asks for -o FILE (usage error, exit 2)."""
    main, child = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core.cli", "funnel", "--sample", "--format", "xlsx"],
        stdout=child,
        stderr=subprocess.PIPE,
        check=False,
    )
    os.close(child)
    os.close(main)
    assert done.returncode == 2
    assert b"-o FILE" in done.stderr


def test_render_to_text_refuses_a_workbook() -> None:
    with pytest.raises(Exception, match="binary"):
        render(Document("demo", (Heading("x"),)), XLSX)


def _seen(cell: Any) -> tuple[Any, str, str]:
    fmt = cell.number_format if cell.value is not None else ""
    return (cell.value, cell.data_type, fmt)


def _read(data: bytes) -> list[tuple[str, Any, list[Any], list[list[tuple[Any, str, str]]]]]:
    """Every sheet as openpyxl reads it: name, frozen cell, column widths, and each
    cell's value, type and number format."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = []
    for ws in book:
        widths = [ws.column_dimensions[k].width for k in sorted(ws.column_dimensions)]
        cells = [[_seen(c) for c in row] for row in ws.iter_rows()]
        found.append((ws.title, ws.freeze_panes, widths, cells))
    return found


def _documents() -> list[Document]:
    from kppi_core.adapters.candidates_csv import read_candidate_lists
    from kppi_core.quota import check_lists
    from kppi_core.quota.indicators import list_heads
    from kppi_core.quota.rulesets import UU7_2017
    from kppi_core.render.quota import check_document
    from kppi_core.samples import sample_path

    read = read_candidate_lists(sample_path("candidates"))
    report = check_lists(read.lists, UU7_2017, rejected=read.rejected)
    heads = list_heads(read.lists)
    return [check_document(report, heads=heads, lang=lang) for lang in ("en", "id")]


text_cells = st.text(st.characters(codec="utf-8"), max_size=12)
any_cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.fractions(min_value=0, max_value=1, max_denominator=1000),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    text_cells,
    st.tuples(text_cells, text_cells),
)


@pytest.mark.parametrize("document", _documents(), ids=lambda d: f"{d.kind}-{d.lang}")
def test_the_fast_writer_writes_what_openpyxl_writes(document: Document) -> None:
    from kppi_core.render import xlsx
    from kppi_core.render._xlsx_xml import workbook

    fast = workbook(xlsx.sheets(document))
    plain = xlsx.openpyxl_bytes(xlsx.sheets(document))
    assert _read(fast) == _read(plain)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(any_cell, any_cell, any_cell), max_size=8))
def test_the_fast_writer_writes_any_cells_as_openpyxl_does(rows: list[tuple[Any, ...]]) -> None:
    from kppi_core.render import xlsx
    from kppi_core.render._xlsx_xml import workbook

    document = Document("demo", (Table("t", "T", ("a", "b", "c"), tuple(rows)),))
    assert _read(workbook(xlsx.sheets(document))) == _read(
        xlsx.openpyxl_bytes(xlsx.sheets(document))
    )


def test_an_indonesian_workbook_has_its_words_and_the_same_keys_and_figures(
    tmp_path: Path,
) -> None:
    """The labels, the about sheet and the messages in Indonesian; the data sheets'
    keys, ids and numbers as in English."""
    books = {}
    for lang in ("en", "id"):
        path = tmp_path / f"{lang}.xlsx"
        _kppi("check", "--sample", "--lang", lang, "--format", "xlsx", "-o", str(path))
        books[lang] = openpyxl.load_workbook(path)
    en, id_ = books["en"], books["id"]
    assert id_.sheetnames == ["keterangan", *en.sheetnames[1:]]
    about = {k: v for k, v in _rows(id_["keterangan"])}
    assert about["laporan"] == "check" and about["judul"].startswith("Pemeriksaan kuota")
    assert isinstance(about["tanggal dibuat"], datetime.datetime)
    assert _rows(id_["parties"])[0][:4] == ["partai", "daftar", "calon", "perempuan"]
    en_rows, id_rows = _rows(en["check"]), _rows(id_["check"])
    assert id_rows[0][:3] == ["jenis", "aturan", "status"]
    assert id_rows[1] == en_rows[1]  # the keys
    texts = {en_rows[1].index(k) for k in ("message", "legal_source", "repair")}
    for e, i in zip(en_rows[2:], id_rows[2:], strict=True):
        assert [c for n, c in enumerate(e) if n not in texts] == [
            c for n, c in enumerate(i) if n not in texts
        ]
    messages = {r[en_rows[1].index("message")] for r in id_rows[2:]}
    assert "nomor urut 1: laki-laki (indikator KPPI, bukan aturan hukum)" in messages
