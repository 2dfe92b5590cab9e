"""Deprecated: entry-point discovery lives in :mod:`kppi_core.plugins.discovery`."""

from __future__ import annotations

import warnings

from kppi_core.plugins.discovery import *  # noqa: F403 (the old module's names)
from kppi_core.plugins.discovery import __all__  # noqa: F401 (the same public names)

warnings.warn(
    "kppi_core.discovery is deprecated; use kppi_core.plugins.discovery",
    DeprecationWarning,
    stacklevel=2,
)
