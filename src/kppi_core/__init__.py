"""kppi_core: typed tools for women's political representation in Indonesia.

The public API is this module's ``__all__``. ``kppi_core.converter`` (the
configured cattrs converter) is loaded on first use, so ``import kppi_core``
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kppi_core.model import (
    Area,
    AreaLevel,
    Audience,
    Candidacy,
    CandidateList,
    Capacity,
    Chamber,
    Classification,
    ContactDetail,
    District,
    Election,
    FollowUp,
    FollowUpKind,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organisation,
    PartialDate,
    Participation,
    ParticipationRole,
    Person,
    Post,
    Role,
    Speaker,
    Training,
    TrainingSession,
    cadres,
    check_post_holders,
)

if TYPE_CHECKING:
    from kppi_core.conversion import KppiConverter

    converter: KppiConverter

__version__ = "0.1.0"

__all__ = [
    "Area",
    "AreaLevel",
    "Audience",
    "Candidacy",
    "CandidateList",
    "Capacity",
    "Chamber",
    "Classification",
    "ContactDetail",
    "District",
    "Election",
    "FollowUp",
    "FollowUpKind",
    "Gender",
    "Identifier",
    "Membership",
    "Nik",
    "Organisation",
    "PartialDate",
    "Participation",
    "ParticipationRole",
    "Person",
    "Post",
    "Role",
    "Speaker",
    "Training",
    "TrainingSession",
    "__version__",
    "cadres",
    "check_post_holders",
    "converter",
]


def __getattr__(name: str) -> Any:
    if name == "converter":
        from kppi_core.conversion import converter

        return converter
    raise AttributeError(f"module 'kppi_core' has no attribute {name!r}")
