"""The facts a quota rule reads about one candidate list.

:class:`ListFacts` lives in :mod:`kppi_core.model.lists` (readers build it);
it is re-exported here for code that imported it from the quota package.
"""

from __future__ import annotations

from kppi_core.model.lists import ListFacts, trusted_facts

__all__ = ["ListFacts", "trusted_facts"]
