"""kppi_core: typed tools for women's political representation in Indonesia.

The public API is this module's ``__all__``. Names load on first use (as in
SPEC 1's lazy loading), so ``import kppi_core`` is cheap and a command such
as ``kppi --version`` does not pay for the model or the cattrs converter.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~15 ms)
if TYPE_CHECKING:
    from typing import Any

    from kppi_core.conversion import KppiConverter
    from kppi_core.hookspecs import hookimpl
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
    "hookimpl",
]

# Public name → the module that defines it.
_EXPORTS: dict[str, str] = {
    "Area": "kppi_core.model",
    "AreaLevel": "kppi_core.model",
    "Audience": "kppi_core.model",
    "Candidacy": "kppi_core.model",
    "CandidateList": "kppi_core.model",
    "Capacity": "kppi_core.model",
    "Chamber": "kppi_core.model",
    "Classification": "kppi_core.model",
    "ContactDetail": "kppi_core.model",
    "District": "kppi_core.model",
    "Election": "kppi_core.model",
    "FollowUp": "kppi_core.model",
    "FollowUpKind": "kppi_core.model",
    "Gender": "kppi_core.model",
    "Identifier": "kppi_core.model",
    "Membership": "kppi_core.model",
    "Nik": "kppi_core.model",
    "Organisation": "kppi_core.model",
    "PartialDate": "kppi_core.model",
    "Participation": "kppi_core.model",
    "ParticipationRole": "kppi_core.model",
    "Person": "kppi_core.model",
    "Post": "kppi_core.model",
    "Role": "kppi_core.model",
    "Speaker": "kppi_core.model",
    "Training": "kppi_core.model",
    "TrainingSession": "kppi_core.model",
    "cadres": "kppi_core.model",
    "check_post_holders": "kppi_core.model",
    "converter": "kppi_core.conversion",
    "hookimpl": "kppi_core.hookspecs",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kppi_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
