"""Seats: allocation methods, thresholds, who is elected, chamber rules.

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
from kppi_core.seats.chambers import (
    CHAMBER_RULES,
    DPR_RULES,
    DPRD_PROVINCE_RULES,
    DPRD_REGENCY_RULES,
    ChamberRules,
    DistrictResult,
    ElectionResult,
    chamber_rules,
    run_election,
)
from kppi_core.seats.election import (
    CLOSED_LIST,
    OPEN_LIST,
    CandidateTie,
    CandidateTieBreak,
    Elected,
    ListOrder,
    PartyElected,
    by_list_position,
    elect,
    elect_party,
)

__all__ = [
    "CHAMBER_RULES",
    "CLOSED_LIST",
    "DHONDT",
    "DPRD_PROVINCE_RULES",
    "DPRD_REGENCY_RULES",
    "DPRD_THRESHOLD",
    "DPR_RULES",
    "DPR_THRESHOLD",
    "HARE",
    "METHODS",
    "MODIFIED_SAINTE_LAGUE",
    "OPEN_LIST",
    "SAINTE_LAGUE",
    "Allocation",
    "CandidateTie",
    "CandidateTieBreak",
    "ChamberRules",
    "DistrictAudit",
    "DistrictResult",
    "DivisorSolution",
    "Elected",
    "ElectionResult",
    "InvalidSeatInput",
    "ListOrder",
    "Method",
    "PartyElected",
    "QuotientRow",
    "SeatAward",
    "Tie",
    "TieBreak",
    "Unfilled",
    "allocate",
    "by_list_position",
    "chamber_rules",
    "elect",
    "elect_party",
    "find_divisor",
    "passing_parties",
    "run_election",
]


def __getattr__(name: str) -> object:
    """Old names, deprecated: each use warns."""
    from kppi_core._deprecated import moved

    return moved(__name__, name, {"ListRule": ("kppi_core.seats", "ListOrder")})
