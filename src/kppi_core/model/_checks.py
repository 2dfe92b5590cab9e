"""Validators shared by the model's classes. Each names the class and field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from kppi_core.errors import InvalidRecord
from kppi_core.model.dates import PartialDate


def fail(instance: object, field: str, reason: str) -> InvalidRecord:
    """The error for a bad ``field`` of ``instance``."""
    return InvalidRecord(reason, what=type(instance).__name__, field=field)


def nonblank(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse an empty or all-space string."""
    if not value.strip():
        raise fail(instance, attribute.name, "must not be blank")


def non_negative(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Refuse a negative count."""
    if value is not None and value < 0:
        raise fail(instance, attribute.name, f"must not be negative, got {value}")


def positive(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Refuse a count below 1."""
    if value is not None and value < 1:
        raise fail(instance, attribute.name, f"must be at least 1, got {value}")


def code(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Refuse a code that is not lowercase words joined by ``_``."""
    if not value or not all(part.isalnum() and part.islower() for part in value.split("_")):
        raise fail(instance, attribute.name, f"{value!r} is not a lowercase code like 'party_wing'")


def period(
    instance: object,
    start: PartialDate | None,
    end: PartialDate | None,
    end_field: str = "end_date",
) -> None:
    """Refuse an end date that is certainly before the start date."""
    if start is not None and end is not None and end < start:
        raise fail(instance, end_field, "is before the start date")  # dates: personal


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable for a tuple field (typed loosely: mypy's attrs plugin
    cannot solve a generic converter)."""
    return tuple(values)
