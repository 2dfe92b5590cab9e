"""The facts a quota rule reads about one candidate list.

:class:`ListFacts` lives in :mod:`kppi_core.model.lists` (readers build it);
it is re-exported here for code that imported it from the quota package.
"""

from __future__ import annotations

from kppi_core.model.lists import ListFacts

__all__ = ["ListFacts"]


def __getattr__(name: str) -> object:
    """``trusted_facts``, deprecated: :func:`kppi_core.model._trusted.list_facts`."""
    from kppi_core._deprecated import moved

    return moved(__name__, name, {"trusted_facts": ("kppi_core.model._trusted", "list_facts")})
