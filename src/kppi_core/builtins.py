"""Deprecated: the built-in plugins' declarations live in :mod:`kppi_core.plugins.builtins`."""

from __future__ import annotations

import warnings

from kppi_core.plugins.builtins import *  # noqa: F403 (the old module's names)
from kppi_core.plugins.builtins import __all__  # noqa: F401 (the same public names)

warnings.warn(
    "kppi_core.builtins is deprecated; use kppi_core.plugins.builtins",
    DeprecationWarning,
    stacklevel=2,
)
