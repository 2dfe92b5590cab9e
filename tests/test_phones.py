"""Phone: one E.164 form for every writing, validated, never shown in clear."""

from __future__ import annotations

import pytest

from kppi_core.errors import InvalidRecord
from kppi_core.model import Phone


@pytest.mark.parametrize(
    "written",
    ["0812-0000-0010", "081200000010", "62812 0000 0010", "+62 812 0000 0010", "(0812) 0000 0010"],
)
def test_every_writing_is_one_number(written: str) -> None:
    assert Phone.parse(written).reveal() == "+6281200000010"
    assert Phone.parse(written) == Phone("+6281200000010")


def test_a_number_with_another_country_code_keeps_it() -> None:
    assert Phone.parse("+65 6123 4567").reveal() == "+6561234567"
    assert Phone.parse("6123 4567", region="SG").reveal() == "+6561234567"


@pytest.mark.parametrize("bad", ["12", "0812000", "abc", "", "+62 999 1234 5678"])
def test_invalid_numbers_are_refused_without_repeating_them(bad: str) -> None:
    with pytest.raises(InvalidRecord) as info:
        Phone.parse(bad)
    if bad:
        assert bad not in str(info.value)


def test_the_number_is_hidden() -> None:
    phone = Phone.parse("0812-0000-0010")
    for shown in (repr(phone), str(phone), f"{phone}"):
        assert "0812" not in shown and "812" not in shown and "0010" not in shown
    assert repr(phone) == "Phone('+62***********')"
