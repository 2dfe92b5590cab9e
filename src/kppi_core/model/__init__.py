"""The domain model: frozen, slotted attrs classes with Popolo's names.

Nothing here imports from the rest of kppi_core: data flows from sources into
the model, and from the model into rules, analyses and reports.

Each class loads with its module on first use (PEP 562), so code that needs
only :class:`Gender` and the election classes, such as ``kppi check``, does
not build the classes of trainings and organisations.
"""

from __future__ import annotations

import importlib

from kppi_core._deprecated import moved

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

    from kppi_core.model.areas import Area, AreaLevel
    from kppi_core.model.dates import PartialDate
    from kppi_core.model.elections import (
        Candidacy,
        CandidateList,
        Chamber,
        District,
        Election,
    )
    from kppi_core.model.gender import Gender
    from kppi_core.model.nik import Nik
    from kppi_core.model.organisations import (
        Capacity,
        Classification,
        Membership,
        Organization,
        Post,
        Role,
        cadres,
        check_post_holders,
    )
    from kppi_core.model.people import ContactDetail, Identifier, Person
    from kppi_core.model.phones import Phone
    from kppi_core.model.trainings import (
        Audience,
        FollowUp,
        FollowUpKind,
        Participation,
        ParticipationRole,
        Speaker,
        Training,
        TrainingSession,
    )

    MODEL_TYPES: tuple[type, ...]

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
    "Organization",
    "PartialDate",
    "Participation",
    "ParticipationRole",
    "Person",
    "Phone",
    "Post",
    "Role",
    "Speaker",
    "Training",
    "TrainingSession",
    "cadres",
    "check_post_holders",
]

# Each submodule and the public names it defines.
_DEFINED = {
    "areas": ("Area", "AreaLevel"),
    "dates": ("PartialDate",),
    "elections": ("Candidacy", "CandidateList", "Chamber", "District", "Election"),
    "gender": ("Gender",),
    "nik": ("Nik",),
    "organisations": (
        "Capacity",
        "Classification",
        "Membership",
        "Organization",
        "Post",
        "Role",
        "cadres",
        "check_post_holders",
    ),
    "people": ("ContactDetail", "Identifier", "Person"),
    "phones": ("Phone",),
    "trainings": (
        "Audience",
        "FollowUp",
        "FollowUpKind",
        "Participation",
        "ParticipationRole",
        "Speaker",
        "Training",
        "TrainingSession",
    ),
}
_MODULES = {name: module for module, names in _DEFINED.items() for name in names}

#: Every public model class, in the order a data set lists them (loads them all).
_MODEL_TYPES = (
    "Area", "PartialDate", "Nik", "Identifier", "ContactDetail", "Person", "Organization",
    "Post", "Membership", "Speaker", "TrainingSession", "Training", "Participation",
    "FollowUp", "Election", "District", "Candidacy", "CandidateList",
)  # fmt: skip


#: Old names, deprecated: each use warns.
_RENAMED = {"Organisation": ("kppi_core.model", "Organization")}


def __getattr__(name: str) -> Any:
    if name == "MODEL_TYPES":
        value: Any = tuple(__getattr__(n) for n in _MODEL_TYPES)
    elif name in _DEFINED:  # a submodule, an attribute of the package once imported
        return importlib.import_module(f"kppi_core.model.{name}")
    else:
        module = _MODULES.get(name)
        if module is None:
            return moved(__name__, name, _RENAMED)
        value = getattr(importlib.import_module(f"kppi_core.model.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | {"MODEL_TYPES"})
