"""The ``hypothesis`` entry point: ``st.from_type(kppi_core.Person)`` and friends.

Hypothesis runs :func:`register_type_strategies` while it is itself being
imported, which may be in the middle of importing
:mod:`kppi_core.testing.strategies` (that module imports Hypothesis first).
So this module never imports ``strategies`` at once: each type is registered
with a function that looks its strategy up when ``from_type`` first asks.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from kppi_core import model

__all__ = ["register_type_strategies"]

# Model type → the function of kppi_core.testing.strategies that draws it.
_STRATEGIES = {
    "Gender": "genders",
    "PartialDate": "partial_dates",
    "Nik": "niks",
    "Area": "areas",
    "Identifier": "identifiers",
    "ContactDetail": "contact_details",
    "Person": "persons",
    "Organization": "organisations",
    "Post": "posts",
    "Membership": "memberships",
    "Speaker": "speakers",
    "TrainingSession": "training_sessions",
    "Training": "trainings",
    "Participation": "participations",
    "FollowUp": "follow_ups",
    "Election": "elections",
    "District": "districts",
    "Candidacy": "candidacies",
    "CandidateList": "candidate_lists",
}


def _deferred(name: str) -> Callable[[type[Any]], Any]:
    def strategy(_: type[Any]) -> Any:
        return getattr(importlib.import_module("kppi_core.testing.strategies"), name)()

    return strategy


def register_type_strategies() -> None:
    """Register every model type's strategy with Hypothesis, without importing them yet."""
    from hypothesis import strategies as st

    for type_name, function in _STRATEGIES.items():
        st.register_type_strategy(getattr(model, type_name), _deferred(function))
