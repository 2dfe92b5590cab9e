"""IPU Parline as IPU publishes it: the monthly ranking and the historical workbook."""

from __future__ import annotations

import csv
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core.adapters.parline import ParlineCsvSource, _disagrees, iter_figures
from kppi_core.adapters.xlsx import XlsxSource
from kppi_core.errors import InvalidRecord, SourceError
from kppi_core.model import PartialDate
from kppi_core.rejections import Rejection
from kppi_core.representation import RepresentationFigure
from kppi_core.seats.representation import from_figure
from kppi_core.sources import Located, ReadContext, Skipped, Source, SourceSpec
from kppi_core.testing.conformance import SourceConformance

REAL = Path(__file__).parent / "data" / "real" / "ipu-parline"
RANKING = REAL / "ipu_women_ranking_2021-09.csv"
HISTORICAL = REAL / "ipu_historical_1945_2018.xlsx"
BAD = Path(__file__).parent / "data" / "bad"


class TestParlineRanking(SourceConformance):
    """The conformance kit on IPU's own ranking file."""

    @pytest.fixture
    def source(self) -> Source:
        return ParlineCsvSource()

    @pytest.fixture
    def sample_path(self) -> Path:
        return RANKING

    @pytest.fixture
    def sample_records(self) -> int:
        # 193 country rows; Eritrea's (no counts) and Sudan's (suspended) give no
        # figure, only a Skipped note, which the kit does not count.
        return 191

    def large_input(self, sample: bytes, size: int) -> bytes:
        lines = sample.splitlines(keepends=True)
        head, body = b"".join(lines[:6]), b"".join(lines[6:])
        return head + body * (size // len(body) + 1)

    @staticmethod
    def _check_item(item: object, spec: SourceSpec) -> None:
        if isinstance(item, Located) and isinstance(item.record, RepresentationFigure):
            assert "RepresentationFigure" in spec.yields
            return
        SourceConformance._check_item(item, spec)


def figures(items: list[object]) -> list[RepresentationFigure]:
    return [i.record for i in items if isinstance(i, Located)]  # type: ignore[attr-defined]


def test_the_ranking_reads_both_chambers_without_source() -> None:
    head = RANKING.read_bytes()[: 64 << 10]
    assert ParlineCsvSource().sniff(RANKING, head)
    items = list(iter_figures(RANKING))
    assert not [i for i in items if isinstance(i, Rejection)]
    got = {(f.country, f.chamber): f for f in figures(items)}
    indonesia = got["Indonesia", "Lower or single House"]
    assert (indonesia.seats, indonesia.women) == (575, 121)
    assert indonesia.date == PartialDate(2021, 9, 1)  # the ranking's "as of", not the Date: line
    assert indonesia.source == "Inter-Parliamentary Union Open Data"
    assert "last election 4.2019" in (indonesia.note or "")
    assert ("Indonesia", "Upper chamber") not in got  # "-": no such chamber
    austria = got["Austria", "Upper chamber"]
    assert (austria.seats, austria.women, austria.note) == (61, 22, None)
    uae = got["United Arab Emirates", "Lower or single House"]
    assert "rank 4 (shared)" in (uae.note or "")  # a ditto mark repeats the rank above
    assert "'10.202'" in (got["New Zealand", "Lower or single House"].note or "")
    # every country row: 193 lower houses (Eritrea's and Haiti's without counts are
    # skipped, as is suspended Sudan), and the upper chambers the file gives
    lower = [f for f in got.values() if f.chamber == "Lower or single House"]
    upper = [f for f in got.values() if f.chamber == "Upper chamber"]
    body = list(csv.reader(RANKING.read_text(encoding="utf-8").splitlines()))[6:]
    with_upper = [r for r in body if r[7] not in ("-", "")]
    assert len(lower) == len(body) - 3
    assert len(upper) == len(with_upper)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert sum(s.count for s in skipped) == 3


def test_double_rounding_is_not_a_disagreement() -> None:
    from decimal import Decimal

    # 65 of 220 is 29.545…%: to two decimals 29.55, to one 29.6 (IPU), not 29.5
    assert _disagrees(Decimal("29.6"), 65, 220, fraction=False) is None
    assert _disagrees(Decimal("29.5"), 65, 220, fraction=False) is None
    note = _disagrees(Decimal("30.0"), 50, 152, fraction=False)
    assert note is not None and "32.9%" in note


@given(st.integers(1, 2000).flatmap(lambda s: st.tuples(st.just(s), st.integers(0, s))))
def test_ipu_rounding_always_agrees(counts: tuple[int, int]) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    seats, women = counts
    exact = Decimal(100 * women) / Decimal(seats)
    twice = exact.quantize(Decimal("0.01"), ROUND_HALF_UP).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert _disagrees(twice, women, seats, fraction=False) is None


def test_the_historical_workbook_reads_with_no_rejection() -> None:
    items = list(XlsxSource().read(HISTORICAL, ReadContext()))
    assert not [i for i in items if isinstance(i, Rejection)]
    got = figures(items)
    assert len(got) == 3747
    afghanistan = got[0]
    assert afghanistan == RepresentationFigure(
        "Afghanistan",
        "Lower",
        PartialDate(1965, 7),
        210,
        4,
        "IPU Parline",
        "First legislature of Afghanistan after the abolition of the monarchy in 1964",
    )
    skipped = sum(i.count for i in items if isinstance(i, Skipped))
    assert len(got) + skipped == 3815  # every row under the header
    shares = [f for f in got if not f.counted]
    assert len(shares) == 1 and shares[0].stated_share == 0  # seats given, women not
    kuwait = [f for f in got if f.note and "disagrees" in f.note]
    assert [(f.country, f.women, f.seats) for f in kuwait] == [("Kuwait", 4, 50)]
    months = [f for f in got if f.note and f.note.startswith("month written")]
    assert months and all(f.date.month is not None for f in months)


def test_the_historical_layout_reads_as_csv(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(HISTORICAL, read_only=True, data_only=True)
    path = tmp_path / "historical.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in book.worksheets[0].iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    book.close()
    assert ParlineCsvSource().sniff(path, path.read_bytes()[:65536])
    items = list(iter_figures(path))
    assert not [i for i in items if isinstance(i, Rejection)]
    assert len(figures(items)) == 3747


def test_a_share_only_figure_keeps_its_share_and_no_counts(tmp_path: Path) -> None:
    path = tmp_path / "shares.csv"
    path.write_text("Country,Chamber,Date,% Women\nContoh,Lower,2025-01,29.6\n", encoding="utf-8")
    (fig,) = figures(list(iter_figures(path)))
    assert (fig.seats, fig.women, fig.stated_share) == (None, None, Fraction(296, 1000))
    assert fig.share == Fraction(37, 125) and not fig.counted
    with pytest.raises(InvalidRecord, match="share-only"):
        from_figure(fig)
    with pytest.raises(InvalidRecord):
        RepresentationFigure("C", "L", PartialDate(2025), None, None, "IPU Parline")
    with pytest.raises(InvalidRecord):
        RepresentationFigure("C", "L", PartialDate(2025), 10, None, "IPU Parline")


def test_bad_rankings() -> None:
    items = list(iter_figures(BAD / "ipu_ranking_bad.csv"))
    rejected = {r.line: r.field for r in items if isinstance(r, Rejection)}
    assert rejected == {7: "rank", 8: "women", 9: "women", 10: "%W", 11: "country", 12: None}
    (kept,) = figures(items)
    assert "'13.2018' (not a month.year)" in (kept.note or "")
    with pytest.raises(SourceError, match="a ranking without its date"):
        list(iter_figures(BAD / "ipu_ranking_no_date.csv"))


def test_inspect_reads_the_ranking_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kppi_core", "inspect", str(RANKING)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "read by source 'parline-csv'" in result.stdout
    assert "RepresentationFigure: 271" in result.stdout


def test_representation_reads_the_ranking() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kppi_core", "representation", str(RANKING), "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "575" in result.stdout and "121" in result.stdout


def test_a_share_only_figure_round_trips_through_json_lines(tmp_path: Path) -> None:
    from kppi_core.adapters.jsonl import JsonlSource, write_jsonl

    share_only = RepresentationFigure(
        "C", "Lower", PartialDate(2025), None, None, "IPU Parline", None, Fraction(296, 1000)
    )
    counted = RepresentationFigure("C", "Upper", PartialDate(2025), 10, 3, "IPU Parline")
    path = tmp_path / "f.jsonl"
    write_jsonl([share_only, counted], path)
    back = [i.record for i in JsonlSource().read(path, ReadContext()) if isinstance(i, Located)]
    assert back == [share_only, counted]


EXCERPT = Path(__file__).parent / "data" / "adapters" / "ipu_historical_excerpt.csv"


class TestParlineHistorical(TestParlineRanking):
    """The kit on rows of IPU's historical workbook, saved as CSV (every odd kind of row)."""

    @pytest.fixture
    def sample_path(self) -> Path:
        return EXCERPT

    @pytest.fixture
    def sample_records(self) -> int:
        return 13  # 20 rows: 13 figures, 7 rows without one (not modelled)

    def large_input(self, sample: bytes, size: int) -> bytes:
        return SourceConformance.large_input(self, sample, size)


def test_excerpt_rows_without_a_figure_are_not_modelled(tmp_path: Path) -> None:
    items = list(iter_figures(EXCERPT))
    kinds = sorted({i.what for i in items if isinstance(i, Skipped)})
    assert kinds == [
        "rows with several counts in one cell",
        "rows without a count of women",
        "rows without counts",
    ]
    text = EXCERPT.read_text(encoding="utf-8")
    header = text.splitlines()[0]
    path = tmp_path / "repeated.csv"
    path.write_text(text + header + "\n", encoding="utf-8")
    last = list(iter_figures(path))[-1]
    assert isinstance(last, Skipped) and last.what == "repeated header rows"


@given(
    st.integers(1, 3000).flatmap(lambda s: st.tuples(st.just(s), st.integers(0, s))),
    st.integers(0, 10000),
    st.integers(0, 3),
    st.booleans(),
)
def test_the_share_check_is_the_exact_rule(
    counts: tuple[int, int], digits: int, places: int, fraction: bool
) -> None:
    """The whole-number check says what the Fraction rule says: disagreement
    beyond 11/20 of a unit of the stated last decimal."""
    from decimal import Decimal

    seats, women = counts
    stated = Decimal(digits).scaleb(-places - (4 if fraction else 2) + 2)
    value = Fraction(stated) if fraction else Fraction(stated) / 100
    unit = Fraction(1, 10 ** max(-stated.as_tuple().exponent, 0))  # type: ignore[operator]
    unit = unit if fraction else unit / 100
    plain = abs(Fraction(women, seats) - value) > unit * Fraction(11, 20)
    assert (_disagrees(stated, women, seats, fraction=fraction) is not None) == plain
