"""Old names kept importable for a while: each use warns and names the new one."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

__all__ = ["moved"]


def moved(module: str, name: str, renames: dict[str, tuple[str, str]]) -> Any:
    """``module.name``, deprecated, from where it lives now (``renames``: old name →
    (new module, new name)); AttributeError for a name that never existed."""
    try:
        target, new = renames[name]
    except KeyError:
        raise AttributeError(f"module {module!r} has no attribute {name!r}") from None
    warnings.warn(
        f"{module}.{name} is deprecated; use {target}.{new}",
        DeprecationWarning,
        stacklevel=3,
    )
    return getattr(importlib.import_module(target), new)
