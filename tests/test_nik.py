"""Nik: validation through python-stdnum, masking, birth date, sex and fingerprint."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given

from kppi_core import Gender, Nik
from kppi_core.errors import InvalidNik
from kppi_core.testing.strategies import niks

WOMAN = "3673015708450001"  # Kota Serang; 17-08-45 with 40 added to the day


def test_masked_everywhere() -> None:
    nik = Nik(WOMAN)
    assert str(nik) == "3673************"
    assert repr(nik) == "Nik('3673************')"
    assert f"{nik}" == str(nik)
    assert nik.reveal() == WOMAN
    assert nik.region == "3673"


def test_sex_and_birth_date() -> None:
    nik = Nik(WOMAN)
    assert nik.sex is Gender.FEMALE
    assert nik.birth_date() == datetime.date(1945, 8, 17)
    man = Nik("3673011708050001")
    assert man.sex is Gender.MALE


def test_century_follows_the_reference_date() -> None:
    nik = Nik("3673011708050001")  # born 17-08-05
    assert nik.birth_date(datetime.date(2026, 1, 1)) == datetime.date(2005, 8, 17)
    assert nik.birth_date(datetime.date(2005, 8, 16)) == datetime.date(1905, 8, 17)
    # stdnum alone would say 1905 whatever the day: it tries 19xx first.


def test_leap_day_born_in_2000() -> None:
    assert Nik("3171012902001234").birth_date(datetime.date(2026, 1, 1)) == datetime.date(
        2000, 2, 29
    )


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("367301570845", "16 digits"),
        ("36730157084500012", "16 digits"),
        ("36730157084500a1", "other than digits"),
        ("9973015708450001", "region"),  # no province 99
        ("3673013013450001", "birth date"),  # month 13
    ],
)
def test_invalid_never_echoes_digits(bad: str, reason: str) -> None:
    with pytest.raises(InvalidNik) as info:
        Nik(bad)
    message = str(info.value)
    assert reason in message
    assert bad not in message and bad[:12] not in message
    assert isinstance(info.value, ValueError)


def test_separators_are_accepted() -> None:
    assert Nik("3673 0157 0845 0001") == Nik(WOMAN)


def test_fingerprint_is_keyed_and_deprecated() -> None:
    from kppi_core.registry.fingerprints import nik_fingerprint

    nik = Nik(WOMAN)
    with pytest.warns(DeprecationWarning, match="nik_fingerprint"):
        a, b = nik.fingerprint(b"key-a"), nik.fingerprint(b"key-b")
    assert a != b and len(a) == 64
    assert a == nik_fingerprint(b"key-a", WOMAN)  # one implementation
    assert WOMAN not in a
    with pytest.raises(ValueError, match="secret key"), pytest.warns(DeprecationWarning):
        nik.fingerprint(b"")


@given(niks())
def test_generated_niks_are_consistent(nik: Nik) -> None:
    day = int(nik.reveal()[6:8])
    assert (day > 40) == (nik.sex is Gender.FEMALE)
    assert nik.birth_date() <= datetime.date.today()
    assert Nik(nik.reveal()) == nik
    assert nik.reveal() not in repr(nik)
