"""kppi_core: typed tools for women's political representation in Indonesia.

The public API is this module's ``__all__``: the model, the error hierarchy,
the converter, the plugin contract (``Source``, ``SourceSpec``, ``ReadContext``,
``Located``, ``Skipped``, ``Record``, ``Rejection``, ``Where``, ``hookimpl``) and
the verbs ``read_lists``, ``read_records`` and ``check_lists``. Names load on first use (as in
SPEC 1's lazy loading), so ``import kppi_core`` is cheap and a command such
as ``kppi --version`` does not pay for the model or the cattrs converter.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~15 ms)
if TYPE_CHECKING:
    from typing import Any

    from kppi_core.conversion import KppiConverter
    from kppi_core.errors import (
        InvalidArea,
        InvalidArgument,
        InvalidGender,
        InvalidNik,
        InvalidPartialDate,
        InvalidRecord,
        InvalidSeatInput,
        KeyMismatch,
        KppiError,
        Message,
        NotFound,
        OutputError,
        PluginError,
        PluginSourceError,
        PluginWarning,
        SourceError,
        UnknownRuleSet,
        WrongType,
    )
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
        Organization,
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
    from kppi_core.quota import check_lists
    from kppi_core.reading import (
        read_lists,
        read_records,
    )
    from kppi_core.rejections import (
        Rejection,
        Where,
    )
    from kppi_core.sources import (
        Located,
        ReadContext,
        Record,
        Skipped,
        Source,
        SourceSpec,
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
    "InvalidArea",
    "InvalidArgument",
    "InvalidGender",
    "InvalidNik",
    "InvalidPartialDate",
    "InvalidRecord",
    "InvalidSeatInput",
    "KeyMismatch",
    "KppiError",
    "Located",
    "Membership",
    "Message",
    "Nik",
    "NotFound",
    "Organization",
    "OutputError",
    "PartialDate",
    "Participation",
    "ParticipationRole",
    "Person",
    "PluginError",
    "PluginSourceError",
    "PluginWarning",
    "Post",
    "ReadContext",
    "Record",
    "Rejection",
    "Role",
    "Skipped",
    "Source",
    "SourceError",
    "SourceSpec",
    "Speaker",
    "Training",
    "TrainingSession",
    "UnknownRuleSet",
    "Where",
    "WrongType",
    "__version__",
    "cadres",
    "check_lists",
    "check_post_holders",
    "converter",
    "hookimpl",
    "read_lists",
    "read_records",
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
    "InvalidArea": "kppi_core.errors",
    "InvalidArgument": "kppi_core.errors",
    "InvalidGender": "kppi_core.errors",
    "InvalidNik": "kppi_core.errors",
    "InvalidPartialDate": "kppi_core.errors",
    "InvalidRecord": "kppi_core.errors",
    "InvalidSeatInput": "kppi_core.errors",
    "KeyMismatch": "kppi_core.errors",
    "KppiError": "kppi_core.errors",
    "Located": "kppi_core.sources",
    "Membership": "kppi_core.model",
    "Message": "kppi_core.errors",
    "Nik": "kppi_core.model",
    "NotFound": "kppi_core.errors",
    "Organization": "kppi_core.model",
    "OutputError": "kppi_core.errors",
    "PartialDate": "kppi_core.model",
    "Participation": "kppi_core.model",
    "ParticipationRole": "kppi_core.model",
    "Person": "kppi_core.model",
    "PluginError": "kppi_core.errors",
    "PluginSourceError": "kppi_core.errors",
    "PluginWarning": "kppi_core.errors",
    "Post": "kppi_core.model",
    "ReadContext": "kppi_core.sources",
    "Record": "kppi_core.sources",
    "Rejection": "kppi_core.rejections",
    "Role": "kppi_core.model",
    "Skipped": "kppi_core.sources",
    "Source": "kppi_core.sources",
    "SourceError": "kppi_core.errors",
    "SourceSpec": "kppi_core.sources",
    "Speaker": "kppi_core.model",
    "Training": "kppi_core.model",
    "TrainingSession": "kppi_core.model",
    "UnknownRuleSet": "kppi_core.errors",
    "Where": "kppi_core.rejections",
    "WrongType": "kppi_core.errors",
    "cadres": "kppi_core.model",
    "check_lists": "kppi_core.quota",
    "check_post_holders": "kppi_core.model",
    "converter": "kppi_core.conversion",
    "hookimpl": "kppi_core.hookspecs",
    "read_lists": "kppi_core.reading",
    "read_records": "kppi_core.reading",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        from kppi_core._deprecated import moved

        return moved(__name__, name, {"Organisation": ("kppi_core", "Organization")})
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
