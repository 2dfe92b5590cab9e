"""Women's representation figures: how many of a chamber's seats women hold, by a source, on a date.

Figures differ by source and date (the DPR's women in 2024: 127 of 580 by IPU
Parline, other counts elsewhere), so a figure always carries both. Counts are
whole numbers and the share is an exact fraction, never a rounded percentage.
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
    about it.
    """

    country: str = attrs.field(validator=nonblank)
    chamber: str = attrs.field(validator=nonblank)
    date: PartialDate
    seats: int = attrs.field(validator=positive)
    women: int = attrs.field()
    source: str = attrs.field(validator=nonblank)
    note: str | None = None

    @women.validator
    def _check_women(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not 0 <= value <= self.seats:
            raise fail(self, "women", f"must be between 0 and the {self.seats} seats, got {value}")

    @property
    def share(self) -> Fraction:
        """Women's share of the seats, exact: ``127/580``."""
        return Fraction(self.women, self.seats)

    def gap(self, target: Fraction) -> Fraction:
        """How far the share falls short of ``target`` (``Fraction(3, 10)`` for 30%);
        negative when the target is passed."""
        return target - self.share
