"""Slot setters of frozen attrs classes, for kppi_core's trusted constructors.

Private. See :mod:`kppi_core.model._trusted` for when building an object by
setting its slots is allowed (values already checked, objects equal to the
public constructor's).
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["setters"]


def setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The slot setters of the attrs class ``cls`` for ``names``, which must be all
    its fields in order; ``setter(obj, value)`` sets a field of a frozen object.

    For a hot loop that builds objects inline (see :mod:`kppi_core.model._trusted`)."""
    fields = tuple(f.name for f in attrs.fields(cls))
    if fields != names:  # a new field would be left unset: fail at import, loudly
        raise RuntimeError(f"{cls.__name__} fields changed: {fields} != {names}")
    return tuple(cls.__dict__[name].__set__ for name in names)
