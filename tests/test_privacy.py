"""Personal data never shows in clear: repr, str, errors, log lines."""

from __future__ import annotations

import logging

import attrs
import pytest
from hypothesis import given

import kppi_core
from kppi_core import ContactDetail, Person
from kppi_core.errors import InvalidRecord
from kppi_core.testing.strategies import persons

PHONE = "+62 812 5555 0199"


def with_phone(person: Person) -> Person:
    return attrs.evolve(person, contact_details=[ContactDetail("phone", PHONE)])


@given(persons(with_nik=True))
def test_repr_and_str_hide_the_nik(person: Person) -> None:
    assert person.nik is not None
    digits = person.nik.reveal()
    for text in (repr(person), str(person), repr(person.nik), str(person.nik), f"{person.nik}"):
        assert digits not in text
        assert digits[4:] not in text
    for detail in person.contact_details:
        assert "<hidden>" in repr(detail)


@given(persons(with_nik=True).map(with_phone))
def test_log_lines_hide_personal_data(person: Person) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    log = logging.getLogger("kppi_core.test")
    handler = Keep()
    log.addHandler(handler)
    try:
        log.warning("person %r, nik %s", person, person.nik)
    finally:
        log.removeHandler(handler)
    line = records[0].getMessage()
    assert person.nik is not None
    assert person.nik.reveal() not in line
    assert PHONE not in line
    if person.birth_date is not None and person.birth_date.precision == "day":
        assert str(person.birth_date) not in line


@given(persons(with_nik=True))
def test_errors_hide_the_nik(person: Person) -> None:
    assert person.nik is not None
    digits = person.nik.reveal()
    data = kppi_core.converter.unstructure(person)
    data["name"] = ""  # break something else in the same record
    data["nik"] = digits[:-1] + "x"  # and the NIK itself
    with pytest.raises(InvalidRecord) as info:
        kppi_core.converter.structure(data, Person)
    text = str(info.value) + repr(info.value)
    assert digits[:-1] not in text and digits[4:-1] not in text
    with pytest.raises(InvalidRecord) as info2:
        attrs.evolve(person, name=" ")
    assert digits not in str(info2.value)


@pytest.mark.parametrize("bad", ["1990-13-01", "1990-02-30", "19900101", "0000"])
def test_errors_hide_a_bad_birth_date(bad: str) -> None:
    with pytest.raises(InvalidRecord) as info:
        kppi_core.converter.structure({"id": "p", "name": "n", "birth_date": bad}, Person)
    assert "$.birth_date" in str(info.value)
    assert bad not in str(info.value) and "1990" not in str(info.value)


@given(persons(with_nik=True).map(with_phone))
def test_pretty_printers_hide_personal_data(person: Person) -> None:
    # Hypothesis prints failing examples with this printer (IPython's works alike).
    from hypothesis.vendor.pretty import pretty

    assert person.nik is not None
    text = pretty([person, person.nik, person.contact_details])
    assert person.nik.reveal() not in text and PHONE not in text
