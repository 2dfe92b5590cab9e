"""The html format: one self-contained page, escaped, with or without matplotlib."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from kppi_core.render import (
    HTML,
    Document,
    Facts,
    Heading,
    Lines,
    Notes,
    Section,
    Table,
    charts,
    render,
)
from kppi_core.render.page_charts import charts_for


def _doc(text: str = "<b>Partai & Co</b>") -> Document:
    return Document(
        "funnel",
        (
            Heading(f"Funnel {text}"),
            Lines((f"Source: {text}",)),
            Facts((("trained", 3),)),
            Table(
                "stages",
                "Stages",
                ("stage", "persons", "share_of_previous", "person_ids"),
                (("trained", 3, None, ("p1",)), (text, 1, Fraction(1, 3), ("p2",))),
            ),
            Section(text, (Table("by_party", "By party", ("party", "n"), ((text, 1),)),)),
            Notes((f"{text} note",)),
        ),
    )


def test_everything_the_report_says_is_escaped() -> None:
    page = render(_doc(), HTML)
    assert "<b>" not in page
    assert "&lt;b&gt;Partai &amp; Co&lt;/b&gt;" in page


def test_a_page_has_no_script_and_no_remote_reference() -> None:
    page = render(_doc(), HTML)
    assert "<script" not in page
    assert re.findall(r'(?:src|href)="(?!#)[^"]*"', page) == []
    assert "@import" not in page and "url(http" not in page


def test_each_table_has_an_id_and_the_chart_links_to_its_table() -> None:
    pytest.importorskip("matplotlib")
    page = render(_doc(), HTML)
    assert 'id="t-stages"' in page and 'id="t-by_party"' in page
    figure = page[page.index('<figure id="chart-funnel">') :]
    assert '<a href="#t-stages">' in figure[: figure.index("</figure>")]


def test_a_chart_has_a_title_a_description_and_aria() -> None:
    pytest.importorskip("matplotlib")
    (chart,) = charts_for(_doc())
    svg = chart.draw()
    assert svg.startswith('<svg role="img" aria-labelledby="chart-funnel-title chart-funnel-desc"')
    assert '<title id="chart-funnel-title">' in svg and '<desc id="chart-funnel-desc">' in svg
    assert "trained: 3" in chart.desc  # the figures, in words
    assert "<metadata>" not in svg
    # ids are the chart's own: two charts in a page do not share one
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("chart-funnel-") for i in ids)


def test_without_matplotlib_the_page_keeps_its_tables_and_says_how(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(charts, "available", lambda: False)
    page = render(_doc(), HTML)
    assert "<svg" not in page
    assert "pip install &#x27;kppi_core[charts]&#x27;" in page
    assert 'id="t-stages"' in page


def test_without_matplotlib_installed_the_command_still_writes_a_page(tmp_path: Path) -> None:
    """In a fresh interpreter where importing matplotlib fails, as without the extra."""
    page = tmp_path / "check.html"
    code = textwrap.dedent(
        f"""
        import sys
        sys.modules["matplotlib"] = None  # import matplotlib raises ImportError
        from kppi_core.cli import main
        sys.argv = ["kppi", "check", "--sample", "--format", "html", "-o", {str(page)!r}]
        main()
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr  # the sample has noncompliant lists
    text = page.read_text("utf-8")
    assert "<svg" not in text and "kppi_core[charts]" in text
    assert 'id="t-list_heads"' in text and 'id="t-parties"' in text


def test_matplotlib_is_not_imported_until_a_chart_is_drawn() -> None:
    code = (
        "import sys; from kppi_core.cli import main; import kppi_core.render.html; "
        "print('matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_print_styles_break_pages_between_sections() -> None:
    page = render(_doc(), HTML)
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@media print" in style and "break-before: page" in style
    assert 'name="viewport"' in page
    assert '<section class="part">' in page


def test_a_page_speaks_its_documents_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """lang=, labels, cells, (none), Note: and the words the page adds, in Indonesian."""
    import attrs

    document = attrs.evolve(_doc("Partai X"), lang="id")
    document = attrs.evolve(
        document,
        content=(
            *document.blocks,
            Facts((("women", 1062),)),
            Table("empty", "Kosong", ("party",), ()),
        ),
    )
    monkeypatch.setattr(charts, "available", lambda: False)
    page = render(document, HTML)
    assert '<html lang="id">' in page
    assert "<h2>Grafik</h2>" in page and "Grafik memerlukan matplotlib" in page
    assert "<dt>perempuan</dt><dd>1.062</dd>" in page  # a fact's label, a count per locale
    assert '<th scope="col">partai</th>' in page
    assert "1/3 (33,3%)" in page
    assert "(tidak ada)" in page and "Catatan: Partai X note" in page
    assert "Charts" not in page and "(none)" not in page and "Note:" not in page


def test_the_indonesian_check_page_says_its_charts_in_indonesian(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "check.html"
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", "check", "--sample", "--lang", "id",
         "--format", "html", "-o", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    page = path.read_text("utf-8")
    for words in (
        '<html lang="id">',
        "Persentase perempuan dalam daftar calon tiap partai terhadap syarat 30%",
        "PARTAI PERINDO: 39,0% perempuan (16 dari 41 calon)",
        "paling sedikit 30% (UU 7/2017 Pasal 245)",  # the reference line's legend
        "1 daftar tidak memenuhi",
        "213 dari 602 nomor urut diisi perempuan",
        "Angka-angkanya, dalam tabel.",
        '<th scope="col" class="n">perempuan no. 1</th>',
    ):
        assert words in page, words
    for english in ("women (", " of 41", "Charts", "The figures", "list position", "P: woman"):
        assert english not in page, english


#: A small document of each kind that has charts: the tables its charts are drawn from.
_CHARTED = {
    "representation": (Table("representation", "R",
                             ("council", "region", "party", "seats", "women"),
                             (("DPRD", "", "", 45, 9), ("DPRD", "", "PAN", 6, 1))),),
    "seats": (Table("seats", "S", ("kind", "party", "gender"),
                    (("elected", "PAN", "P"), ("elected", "PAN", "L"))),),
    "funnel": (Table("stages", "F", ("stage", "persons"), (("trained", 1200), ("elected", 3))),),
    "training": (Table("by_party", "P", ("party", "attended"), (("PKB", 1),)),
                 Table("sessions", "S", ("audience", "attended"), ((None, 2),))),
    "outreach": (Table("by_party", "P", ("party", "women_cadres"), (("PKB", 6),)),),
    "follow_ups": (Table("status", "Tindak lanjut", ("due", "status"), (("", "done"),)),),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(_CHARTED))
def test_every_chart_speaks_the_documents_language(kind: str) -> None:
    from test_i18n_commands import _leaks

    found = charts_for(Document(kind, _CHARTED[kind], lang="id"))
    assert found
    for chart in found:
        assert _leaks(f"{chart.title} {chart.desc}", "id") == [], chart.name
    english = charts_for(Document(kind, _CHARTED[kind]))
    assert [c.title for c in english] != [c.title for c in found]


def test_a_chart_reads_counts_as_counts_in_each_language() -> None:
    rows = _CHARTED["representation"]
    (council, party) = charts_for(Document("representation", rows, lang="id"))
    assert council.desc == "DPRD: 20,0% perempuan (9 dari 45 kursi)."
    assert party.desc == "DPRD · PAN: 16,7% perempuan (1 dari 6 kursi)."
    (council, _) = charts_for(Document("representation", rows))
    assert council.desc == "DPRD: 20.0% women (9 of 45 seats)."
    (funnel,) = charts_for(Document("funnel", _CHARTED["funnel"], lang="id"))
    assert "1.200" in funnel.desc
    (seats,) = charts_for(Document("seats", _CHARTED["seats"], lang="id"))
    assert seats.desc == "PAN: 2 kursi, 1 untuk perempuan."
    (seats,) = charts_for(Document("seats", _CHARTED["seats"]))
    assert seats.desc == "PAN: 2 seats, 1 to women."
