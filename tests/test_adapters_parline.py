"""IPU Parline CSV into representation figures; the figure itself."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.adapters.parline import ParlineCsvSource, iter_figures, parse_figure_date
from kppi_core.errors import InvalidRecord
from kppi_core.model import PartialDate
from kppi_core.rejections import Rejection
from kppi_core.representation import RepresentationFigure
from kppi_core.sources import Located, ReadContext, Source
from kppi_core.testing.conformance import SourceConformance

SAMPLE = Path(__file__).parent / "data" / "adapters" / "parline.csv"


class TestParlineCsv(SourceConformance):
    @pytest.fixture
    def source(self) -> Source:
        return ParlineCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return SAMPLE

    @pytest.fixture
    def sample_records(self) -> int:
        return 11


def test_worked_rows() -> None:
    items = list(iter_figures(SAMPLE, options={"source": "IPU Parline, 2024 export"}))
    figures = {i.line: i.record for i in items if isinstance(i, Located)}
    dpr = figures[2]
    assert dpr == RepresentationFigure(
        "Contoh",
        "House of Representatives",
        PartialDate(2024, 10, 1),
        580,
        127,
        "IPU Parline, 2024 export",
    )
    assert dpr.share == Fraction(127, 580)
    assert dpr.gap(Fraction(3, 10)) == Fraction(3, 10) - Fraction(127, 580)
    assert figures[3].date == PartialDate(2019, 10, 1)
    assert figures[6].seats == 2977 and figures[6].note is None  # 26.54% agrees
    assert figures[5].note is not None and "30.0%" in figures[5].note  # 50/152 is 32.9%
    rejected = {r.line: r.field for r in items if isinstance(r, Rejection)}
    assert rejected == {
        4: "women",
        7: "date",
        8: "seats",
        9: "country",
        10: "women",
        11: "share",
        12: None,
    }


def test_no_chamber_column_means_parliament(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Country,Year,Seats,Women\nContoh,2024,10,3\n", encoding="utf-8")
    (item,) = list(ParlineCsvSource().read(path, ReadContext()))
    assert isinstance(item, Located) and item.record.chamber == "parliament"
    assert item.record.source == "IPU Parline"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", PartialDate(2024)),
        ("2024-10", PartialDate(2024, 10)),
        ("01/10/2024", PartialDate(2024, 10, 1)),
        ("1 October 2024", PartialDate(2024, 10, 1)),
        ("Oct 2024", PartialDate(2024, 10)),
        ("Sept. 2024", PartialDate(2024, 9)),
    ],
)
def test_dates(text: str, expected: PartialDate) -> None:
    assert parse_figure_date(text) == expected


def test_figure_refuses_more_women_than_seats() -> None:
    with pytest.raises(InvalidRecord, match="women"):
        RepresentationFigure("C", "L", PartialDate(2024), 10, 11, "s")


@given(st.integers(1, 3000).flatmap(lambda s: st.tuples(st.just(s), st.integers(0, s))))
def test_share_is_exact(counts: tuple[int, int]) -> None:
    seats, women = counts
    figure = RepresentationFigure("C", "L", PartialDate(2024), seats, women, "s")
    assert figure.share * seats == women
    assert figure.gap(figure.share) == 0
