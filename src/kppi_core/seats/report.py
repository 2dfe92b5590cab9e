"""Deprecated: the seats and representation reports live in :mod:`kppi_core.render.seats`.

``render_seats(result, fmt, ...)`` and ``render_representation(rows, fmt, ...)``
still work (with a DeprecationWarning); ``percent`` is
:func:`kppi_core.render.percent`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kppi_core.rejections import Rejection
    from kppi_core.seats.chambers import ElectionResult
    from kppi_core.seats.representation import Representation

__all__ = ["render_representation", "render_seats"]


def _warn(old: str, new: str) -> None:
    warnings.warn(
        f"kppi_core.seats.report.{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3
    )


def render_seats(
    result: ElectionResult,
    fmt: str = "text",
    *,
    source: str = "",
    records: int = 0,
    rejected: Sequence[Rejection] = (),
) -> str:
    """Deprecated: ``render(seats_document(result, ...), fmt)``."""
    from kppi_core.render import render
    from kppi_core.render.seats import seats_document

    _warn("render_seats", "kppi_core.render.render(seats_document(...), fmt)")
    return render(seats_document(result, source=source, records=records, rejected=rejected), fmt)


def render_representation(
    rows: Sequence[Representation],
    fmt: str = "text",
    *,
    source: str = "",
    rejected: Sequence[Rejection] = (),
) -> str:
    """Deprecated: ``render(representation_document(rows, ...), fmt)``."""
    from kppi_core.render import render
    from kppi_core.render.seats import representation_document

    _warn("render_representation", "kppi_core.render.render(representation_document(...), fmt)")
    return render(representation_document(rows, source=source, rejected=rejected), fmt)


_MOVED = {
    "FORMATS": ("kppi_core.render", "FORMAT_NAMES"),
    "percent": ("kppi_core.render", "percent"),
}


def __getattr__(name: str) -> Any:
    from kppi_core.render._deprecated import moved

    return moved(__name__, name, _MOVED)
