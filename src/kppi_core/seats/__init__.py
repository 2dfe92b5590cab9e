"""Seats: allocation methods, thresholds and the audit trail of a district.

See ``docs/seats.md``. Exact arithmetic only; ties are reported, not guessed.
"""

from kppi_core.seats.allocation import (
    DHONDT,
    DPR_THRESHOLD,
    DPRD_THRESHOLD,
    HARE,
    METHODS,
    MODIFIED_SAINTE_LAGUE,
    SAINTE_LAGUE,
    Allocation,
    DistrictAudit,
    DivisorSolution,
    InvalidSeatInput,
    Method,
    QuotientRow,
    SeatAward,
    Tie,
    TieBreak,
    Unfilled,
    allocate,
    find_divisor,
    passing_parties,
)

__all__ = [
    "DHONDT",
    "DPRD_THRESHOLD",
    "DPR_THRESHOLD",
    "HARE",
    "METHODS",
    "MODIFIED_SAINTE_LAGUE",
    "SAINTE_LAGUE",
    "Allocation",
    "DistrictAudit",
    "DivisorSolution",
    "InvalidSeatInput",
    "Method",
    "QuotientRow",
    "SeatAward",
    "Tie",
    "TieBreak",
    "Unfilled",
    "allocate",
    "find_divisor",
    "passing_parties",
]
