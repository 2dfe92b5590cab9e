"""Women's representation figures: how many of a chamber's seats women hold, by a source, on a date.

Figures differ by source and date (the DPR's women in 2024: 127 of 580 by IPU
Parline, other counts elsewhere), so a figure always carries both. Counts are
whole numbers and the share is an exact fraction, never a rounded percentage.
A source that publishes a percentage only (newer Parline exports) gives a
*share-only* figure: no counts, the published share kept exactly as written
(``29.6`` → ``Fraction(296, 1000)``), never turned into invented counts.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from kppi_core.model import PartialDate
from kppi_core.model._checks import fail, nonblank, positive

__all__ = ["RepresentationFigure"]


@attrs.frozen
class RepresentationFigure:
    """Women's seats in one chamber on one date, as one source reports them.

    ``country`` and ``chamber`` name the body (``"Indonesia"``, ``"House of
    Representatives"``); ``source`` names who counted (``"IPU Parline"``);
    ``note`` keeps anything the source says about the figure or any doubt
    about it. ``stated_share`` is the share the source published (a fraction
    of 1, exact), when it published one; a figure without counts
    (``seats`` and ``women`` both ``None``) must have it.
    """

    country: str = attrs.field(validator=nonblank)
    chamber: str = attrs.field(validator=nonblank)
    date: PartialDate
    seats: int | None = attrs.field(validator=positive)
    women: int | None = attrs.field()
    source: str = attrs.field(validator=nonblank)
    note: str | None = None
    stated_share: Fraction | None = None

    @women.validator
    def _check_women(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if (value is None) != (self.seats is None):
            raise fail(self, "women", "seats and women are given together, or neither")
        if value is not None and self.seats is not None and not 0 <= value <= self.seats:
            raise fail(self, "women", f"must be between 0 and the {self.seats} seats, got {value}")

    def __attrs_post_init__(self) -> None:
        stated = self.stated_share
        if stated is not None and not (type(stated) is Fraction and 0 <= stated <= 1):
            raise fail(self, "stated_share", f"must be a Fraction from 0 to 1, got {stated!r}")
        if self.seats is None and stated is None:
            raise fail(self, "stated_share", "a figure without counts needs its published share")

    @property
    def counted(self) -> bool:
        """Whether the figure has counts (seats and women), not only a published share."""
        return self.seats is not None

    @property
    def share(self) -> Fraction:
        """Women's share of the seats, exact: ``127/580``; the published share
        for a share-only figure."""
        if self.seats is None or self.women is None:
            assert self.stated_share is not None
            return self.stated_share
        return Fraction(self.women, self.seats)

    def gap(self, target: Fraction) -> Fraction:
        """How far the share falls short of ``target`` (``Fraction(3, 10)`` for 30%);
        negative when the target is passed."""
        return target - self.share
