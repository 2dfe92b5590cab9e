"""Rejections: records a source read but could not accept, with where and why.

Nothing read is dropped silently: every record a source reads ends as a model
object or as a :class:`Rejection`. A rejection's ``reason`` never holds
personal data in clear.
"""

from __future__ import annotations

import attrs

__all__ = ["Rejection"]


@attrs.frozen
class Rejection:
    """A record that could not be read: ``source`` (file or source name), ``line``
    (1-based, counting the header; ``None`` where lines mean nothing), ``field``
    (column or path) and ``reason``."""

    source: str
    line: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.reason}"
