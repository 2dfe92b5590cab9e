"""The render stack: the document model, the built-in formats, formula escaping,
the Excel CSV dialect, console degradation and one JSON document per PATH."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.render import (
    CSV,
    EXCEL_CSV,
    JSON,
    MARKDOWN,
    TEXT,
    Document,
    Facts,
    Formats,
    Heading,
    Notes,
    Table,
    render,
    show,
    table_report,
    write,
)
from kppi_core.render._tabular import FORMULA_STARTS, escape_formula
from kppi_core.render.console import degrade, for_console

SAMPLE = Path(__file__).parent.parent / "src" / "kppi_core" / "samples"
CANDIDATES = SAMPLE / "kota_serang_2024_candidates.csv"


def _report(*rows: tuple[object, ...]) -> Document:
    table = Table("t", "Things", ("name", "count", "share"), tuple(rows))  # type: ignore[arg-type]
    return table_report("demo", "Demo", (("records_read", 3),), (table,), ("a note",))


def test_text_and_markdown_of_a_table_report() -> None:
    doc = _report(("a", 1, Fraction(1, 3)), ("bb", 22, None))
    assert render(doc, "text") == (
        "Demo\n====\nrecords read  3\n\nThings (2)\n"
        "  name  count  share\n  a     1      1/3 (33.3%)\n  bb    22\n\nNote: a note\n"
    )
    assert render(doc, "markdown") == (
        "# Demo\n\n| | |\n| --- | ---: |\n| records read | 3 |\n\n## Things\n\n"
        "| name | count | share |\n| --- | --- | --- |\n| a | 1 | 1/3 (33.3%) |\n"
        "| bb | 22 |  |\n\n> a note\n"
    )
    data = json.loads(render(doc, "json"))
    assert data["tables"]["t"] == [
        {"name": "a", "count": 1, "share": "1/3"},
        {"name": "bb", "count": 22, "share": None},
    ]
    assert data["facts"] == {"records_read": 3} and data["notes"] == ["a note"]


def test_views_choose_what_each_format_shows() -> None:
    doc = Document(
        "v",
        (
            Heading("Page only", ("page",)),
            Facts((("shown", 1),), ("terminal",)),
            Table("rows", "", ("a",), (("x",),), views=("data",)),
            Notes(("everywhere",)),
        ),
    )
    assert render(doc, "text") == "shown  1\n\nNote: everywhere\n"
    assert render(doc, "markdown") == "# Page only\n\n> everywhere\n"
    assert render(doc, "csv") == "a\nx\n"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_escapes_cells_a_spreadsheet_would_run(start: str) -> None:
    evil = f'{start}HYPERLINK("http://x")'
    out = render(_report((evil, -1, Fraction(-1, 3))), "csv")
    row = list(csv.reader(io.StringIO(out, newline="")))[1]
    assert row == ["'" + evil, "-1", "'-1/3"]  # numbers stay numbers


@given(st.text(max_size=20))
def test_escaped_cells_never_start_a_formula_and_keep_the_text(text: str) -> None:
    escaped = escape_formula(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert escaped in (text, "'" + text)


def test_csv_formula_escape_from_the_command_line(tmp_path: Path) -> None:
    bad = tmp_path / "lists.csv"
    lines = CANDIDATES.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = next(csv.reader([lines[1]]))
    row[header.index("party")] = "=HYPERLINK(1)"
    bad.write_text("\n".join([lines[0], ",".join(f'"{c}"' for c in row), ""]), encoding="utf-8")
    result = _kppi("check", str(bad), "--format", "csv")
    assert "'=HYPERLINK(1)" in result.stdout
    assert ",=HYPERLINK" not in result.stdout


def test_excel_dialect_is_semicolons_crlf_and_a_bom() -> None:
    data = EXCEL_CSV.render(_report(("Perempuan é", 1, None)))
    assert isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text == "name;count;share\r\nPerempuan é;1;\r\n"
    assert Formats.of().get("csv", "excel") is EXCEL_CSV
    assert Formats.of().get("csv") is CSV


def test_excel_dialect_on_the_command_line() -> None:
    result = _kppi("seats", "--sample", "--format", "csv", "--csv-dialect", "excel", binary=True)
    assert result.returncode == 0
    assert result.stdout.startswith(b"\xef\xbb\xbfkind;election;district")
    assert b"\r\n" in result.stdout and b",KOTA" not in result.stdout
    wrong = _kppi("check", "--sample", "--csv-dialect", "excel")
    assert wrong.returncode == 2 and "--csv-dialect" in wrong.stderr


def test_degrade_replaces_only_what_the_encoding_lacks() -> None:
    assert degrade("✗ a ↔ b → c · d — é 漢", "cp1252") == "x a <-> b -> c · d — é ?"
    assert degrade("✗ ↔ → · —", "ascii") == "x <-> -> - -"


def test_json_on_a_narrow_console_escapes_instead() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    doc = table_report("j", "✗ 漢 😀", (("k", "漢"),))
    write(doc, JSON, out)
    out.flush()
    text = out.buffer.getvalue().decode("cp1252")  # type: ignore[attr-defined]
    assert json.loads(text)["title"] == "✗ 漢 😀"
    assert for_console(io.StringIO()) is not None


def _kppi(
    *args: str, env: dict[str, str] | None = None, binary: bool = False
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **(env or {})}
    environ = {k: v for k, v in environ.items() if v}  # "" unsets
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "kppi_core.cli", *args],
        capture_output=True,
        text=not binary,
        encoding=None if binary else "utf-8",
        errors=None if binary else "replace",
        env=environ,
        check=False,
        timeout=120,
    )


NARROW = [{"PYTHONIOENCODING": "cp1252"}, {"LC_ALL": "C", "PYTHONUTF8": "0",
          "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}]  # fmt: skip


@pytest.mark.parametrize("env", NARROW, ids=["cp1252", "C"])
@pytest.mark.parametrize(
    "command",
    [("check", "--sample"), ("seats", "--sample"), ("representation", "--sample"),
     ("registry", "build", "--sample"), ("inspect", str(CANDIDATES))],
)  # fmt: skip
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_reports_on_a_console_that_is_not_utf8(
    env: dict[str, str], command: tuple[str, ...], fmt: str
) -> None:
    result = _kppi(*command, "--format", fmt, env=env)
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr
    assert result.returncode in (0, 1)
    assert "✗" not in result.stdout and "↔" not in result.stdout
    if fmt == "json":
        json.loads(result.stdout)
    if command[0] == "check" and fmt == "text":
        assert "    x at least" in result.stdout  # the mark, degraded


def test_several_paths_give_one_json_document_per_line(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_bytes(CANDIDATES.read_bytes())
    result = _kppi("check", str(CANDIDATES), str(other), "--format", "json")
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # JSON Lines: one document per PATH
    sources = [json.loads(line)["source"] for line in lines]
    assert sources == [str(CANDIDATES), str(other)]


@pytest.mark.parametrize("fmt", [TEXT, MARKDOWN, CSV, JSON])
def test_builtin_formats_write_what_they_render(fmt: object) -> None:
    doc = _report(("a", 1, Fraction(1, 2)))
    out = io.StringIO()
    write(doc, fmt, out)  # type: ignore[arg-type]
    assert out.getvalue() == render(doc, fmt)  # type: ignore[arg-type]


def test_the_render_stack_never_imports_the_plugin_manager() -> None:
    """The caller hands the formats in: rendering every report loads no plugin."""
    code = (
        "import sys, kppi_core.render, kppi_core.render.quota, kppi_core.render.seats, "
        "kppi_core.render.registry, kppi_core.analysis\n"
        "from kppi_core.adapters.candidates_csv import read_candidate_lists\n"
        "from kppi_core.quota import check_lists\n"
        "from kppi_core.quota.rulesets import UU7_2017\n"
        "import io\n"
        "from kppi_core.render import BUILTIN, write\n"
        "from kppi_core.render.quota import check_document\n"
        "from kppi_core.samples import sample_path\n"
        "read = read_candidate_lists(sample_path('candidates'))\n"
        "doc = check_document(check_lists(read.lists, UU7_2017, rejected=read.rejected))\n"
        "for f in BUILTIN: write(doc, f, io.TextIOWrapper(io.BytesIO()))  # xlsx: bytes\n"
        "print('kppi_core.plugins' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.fractions(max_denominator=50),
    st.text(max_size=8),
    st.tuples(st.text(max_size=4), st.text(max_size=4)),
)


@given(st.lists(st.tuples(cells, cells), max_size=5), st.sampled_from(["plain", "excel"]))
def test_csv_reads_back_as_the_escaped_cells(
    rows: list[tuple[object, object]], dialect: str
) -> None:
    doc = Document("p", (Table("t", "T", ("a", "b"), tuple(rows)),))  # type: ignore[arg-type]
    out = Formats.of().get("csv", dialect).render(doc)
    text = out.decode("utf-8-sig") if isinstance(out, bytes) else out
    read = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=";" if dialect == "excel" else ",")
    )
    expected = [["a", "b"]] + [
        [str(c) if isinstance(c, int) and not isinstance(c, bool) else escape_formula(
            f"{c.numerator}/{c.denominator}" if isinstance(c, Fraction) else show(c))  # type: ignore[arg-type]
         for c in row]
        for row in rows
    ]  # fmt: skip
    assert read == expected


@given(st.lists(st.tuples(cells, cells), max_size=5), st.text(max_size=10))
def test_every_builtin_format_renders_any_table_report(
    rows: list[tuple[object, object]], title: str
) -> None:
    doc = table_report("p", title, (("k", 1),), (Table("t", title, ("a", "b"), tuple(rows)),))  # type: ignore[arg-type]
    for fmt in ("text", "markdown", "csv"):
        assert render(doc, fmt).endswith("\n")
    data = json.loads(render(doc, "json"))
    assert len(data["tables"]["t"]) == len(rows) and data["title"] == title


def test_the_old_names_warn_and_point_to_the_new_ones() -> None:
    import kppi_core.analysis as analysis
    import kppi_core.render as new
    import kppi_core.seats.report as seats_report

    for module, name, replacement in (
        (analysis, "render", new.render),
        (analysis, "Table", new.Table),
        (analysis, "Report", new.table_report),
        (analysis, "FORMATS", new.FORMAT_NAMES),
        (seats_report, "percent", new.percent),
    ):
        with pytest.warns(DeprecationWarning, match=f"{module.__name__}.{name} is deprecated"):
            assert getattr(module, name) is replacement
    with pytest.raises(AttributeError):
        analysis.nothing_here  # noqa: B018


def test_the_plugin_format_example_in_the_docs_runs() -> None:
    """docs/plugins.md's format example, executed on a real report."""
    docs = (Path(__file__).parent.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
    example = docs.split("# src/my_party_plugin/formats.py\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(example, namespace)  # our own docs
    fmt = namespace["ROWS"]
    from kppi_core.quota import check_lists
    from kppi_core.quota.rulesets import UU7_2017
    from kppi_core.render.quota import check_document

    text = render(check_document(check_lists([], UU7_2017)), fmt)  # type: ignore[arg-type]
    assert text.startswith("# check: Quota check: uu7-2017\n")


def test_a_carriage_return_in_a_cell_keeps_its_row_whole() -> None:
    """The csv module leaves a lone \\r unquoted when lines end in \\n; a reader
    then splits the row. Such a row is quoted."""
    out = render(_report(("a\rb", 1, None), ("c", 2, None)), "csv")
    assert out == 'name,count,share\n"a\rb","1",""\nc,2,\n'
    assert list(csv.reader(io.StringIO(out, newline="")))[1] == ["a\rb", "1", ""]
