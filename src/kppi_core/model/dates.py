"""Partial dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as Popolo writes them.

A partial date stands for every day it could be. ``PartialDate("2020")`` is
any day of 2020, so it is *not* before ``PartialDate("2020-05-01")``:
comparing the strings (as django-popolo did) says it is. Here the ordering
operators answer "certainly": ``a < b`` is true only when every day ``a``
could be comes before every day ``b`` could be. Two partial dates that
overlap are neither ``<`` nor ``>`` one another, so the order is partial, as
for sets; sort with :meth:`PartialDate.sort_key`.
"""

from __future__ import annotations

import datetime
import re

import attrs

from kppi_core.errors import InvalidPartialDate, Message

__all__ = ["PartialDate"]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _month_days(year: int, month: int) -> int:
    """Days in a month, Gregorian leap years included (no ``calendar`` import)."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_parts(year: int, month: int | None, day: int | None) -> None:
    for part in (year, month, day):
        if part is not None and type(part) is not int:
            reason = Message("expected whole numbers, got {got}", got=type(part).__name__)
            raise InvalidPartialDate(reason)
    if not 1 <= year <= 9999:
        raise InvalidPartialDate(Message("the year is outside 1..9999"))
    if month is None:
        if day is not None:
            raise InvalidPartialDate(Message("a day needs a month"))
        return
    if not 1 <= month <= 12:
        raise InvalidPartialDate(Message("the month is outside 1..12"))
    if day is not None:
        last = _month_days(year, month)
        if not 1 <= day <= last:
            reason = Message("the day is outside 1..{last} for that month", last=str(last))
            raise InvalidPartialDate(reason)


@attrs.frozen(order=False, repr=False)
class PartialDate:
    """A day, a month or a year: Popolo's ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_parts(self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (surrounding space ignored)."""
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            # The text is not repeated: it may be someone's birth date.
            raise InvalidPartialDate(Message("not a date written YYYY, YYYY-MM or YYYY-MM-DD"))
        y, m, d = match.groups()
        return cls(int(y), int(m) if m else None, int(d) if d else None)

    @classmethod
    def from_date(cls, day: datetime.date) -> PartialDate:
        """The full date ``day``."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def earliest(self) -> datetime.date:
        """The first day this date could be."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day this date could be."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(self.year, self.month, _month_days(self.year, self.month))
        return datetime.date(self.year, self.month, self.day)

    def contains(self, day: datetime.date) -> bool:
        """Whether ``day`` is one of the days this date could be."""
        return self.earliest <= day <= self.latest

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.contains(day)

    def overlaps(self, other: PartialDate) -> bool:
        """Whether the two could be the same day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        """A total order for sorting: by earliest day, then by latest day."""
        return (self.earliest, self.latest)

    # Certain relations: true only if they hold for every pair of possible days.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.latest < other.earliest

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.latest <= other.earliest

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.earliest > other.latest

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.earliest >= other.latest

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"
