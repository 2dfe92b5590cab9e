"""Old names of the render stack, kept importable for a while (each warns)."""

from __future__ import annotations

from kppi_core._deprecated import moved

__all__ = ["moved"]
