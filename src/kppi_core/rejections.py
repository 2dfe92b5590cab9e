"""Rejections: records a source read but could not accept, with where and why.

Nothing read is dropped silently: every record a source reads ends as a model
object or as a :class:`Rejection`. A rejection's ``reason`` never holds
personal data in clear.
"""

from __future__ import annotations

import attrs

from kppi_core.privacy import redact

__all__ = ["Rejection"]


def _redact_field(field: str | None) -> str | None:
    return None if field is None else redact(field)


@attrs.frozen
class Rejection:
    """A record that could not be read: ``source`` (file or source name), ``line``
    (1-based, counting the header; ``None`` where lines mean nothing), ``field``
    (column or path) and ``reason``.

    ``field`` and ``reason`` pass through :func:`kppi_core.privacy.redact` when
    the rejection is made, so whatever a reader echoes of its input, no NIK,
    date, phone number or long excerpt is kept."""

    source: str
    line: int | None
    field: str | None = attrs.field(converter=_redact_field)
    reason: str = attrs.field(converter=redact)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.reason}"
