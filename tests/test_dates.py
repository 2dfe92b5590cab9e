"""PartialDate: parsing, bounds, and the certain order, against brute force over days."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kppi_core import PartialDate
from kppi_core.errors import InvalidPartialDate
from kppi_core.testing.strategies import partial_dates

# A narrow range keeps the brute force small while crossing month and year ends.
LOW, HIGH = datetime.date(2019, 11, 1), datetime.date(2021, 2, 28)
narrow = partial_dates(LOW, HIGH)


def days(p: PartialDate) -> list[datetime.date]:
    out, day = [], p.earliest
    while day <= p.latest:
        out.append(day)
        day += datetime.timedelta(days=1)
    return out


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2020", "2020-01-01", "2020-12-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2021-02", "2021-02-01", "2021-02-28"),
        ("2020-05-01", "2020-05-01", "2020-05-01"),
    ],
)
def test_bounds(text: str, earliest: str, latest: str) -> None:
    p = PartialDate.parse(text)
    assert str(p) == text
    assert p.earliest == datetime.date.fromisoformat(earliest)
    assert p.latest == datetime.date.fromisoformat(latest)


@pytest.mark.parametrize("text", ["", "20", "2020-13", "2020-02-30", "2020/01/01", "2020-1-1", "x"])
def test_rejects_malformed(text: str) -> None:
    with pytest.raises(InvalidPartialDate):
        PartialDate.parse(text)


def test_day_without_month_is_refused() -> None:
    with pytest.raises(InvalidPartialDate, match="day needs a month"):
        PartialDate(2020, None, 3)


def test_django_popolo_case() -> None:
    # Comparing strings says "2020" < "2020-05-01"; it is neither before nor after.
    year, day = PartialDate.parse("2020"), PartialDate.parse("2020-05-01")
    assert not year < day and not year > day and not year >= day and not year <= day
    assert year.overlaps(day)
    assert datetime.date(2020, 5, 1) in year


@given(narrow, narrow)
def test_order_is_certain(a: PartialDate, b: PartialDate) -> None:
    da, db = days(a), days(b)
    assert (a < b) == all(x < y for x in da for y in db)
    assert (a <= b) == all(x <= y for x in da for y in db)
    assert (a > b) == all(x > y for x in da for y in db)
    assert (a >= b) == all(x >= y for x in da for y in db)
    assert a.overlaps(b) == bool(set(da) & set(db))


@given(narrow, st.dates(LOW, HIGH))
def test_containment(p: PartialDate, day: datetime.date) -> None:
    assert p.contains(day) == (day in days(p))
    assert (day in p) == p.contains(day)


@given(partial_dates())
def test_parse_str_round_trip(p: PartialDate) -> None:
    assert PartialDate.parse(str(p)) == p
    assert p.earliest <= p.latest


@given(st.lists(narrow, max_size=8))
def test_sort_key_is_consistent_with_order(values: list[PartialDate]) -> None:
    ordered = sorted(values, key=PartialDate.sort_key)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            assert not b < a
