"""Deprecated: reports live in :mod:`kppi_core.render` now.

The check report is :func:`kppi_core.render.quota.check_document`; formats are
:class:`kppi_core.render.Format` and the :class:`kppi_core.render.Formats`
registry. ``Format``, ``TEXT_FORMAT``, ``JSON_FORMAT``, ``CSV_FORMAT`` and
``MARKDOWN_FORMAT`` are the render stack's own objects (the plugin manager
and the built-in format declarations still name them here); ``FORMATS``,
``ReadInfo``, ``format_names``, ``render_quota`` and ``write_quota`` warn.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, TextIO

from kppi_core.render.formats import CSV as CSV_FORMAT
from kppi_core.render.formats import JSON as JSON_FORMAT
from kppi_core.render.formats import MARKDOWN as MARKDOWN_FORMAT
from kppi_core.render.formats import TEXT as TEXT_FORMAT
from kppi_core.render.formats import Format

if TYPE_CHECKING:
    from kppi_core.quota.findings import QuotaReport
    from kppi_core.render.quota import ReadInfo

__all__ = [
    "CSV_FORMAT",
    "JSON_FORMAT",
    "MARKDOWN_FORMAT",
    "TEXT_FORMAT",
    "Format",
    "format_names",
    "render_quota",
    "write_quota",
]


def _warn(old: str, new: str) -> None:
    warnings.warn(f"kppi_core.reports.{old} is deprecated; use {new}", DeprecationWarning, 3)


def _formats() -> Any:
    from kppi_core.plugins import formats
    from kppi_core.render import Formats

    return Formats.of(formats())


def format_names() -> tuple[str, ...]:
    """Deprecated: ``Formats.of(plugin formats).names()``."""
    _warn("format_names", "kppi_core.render.Formats.names")
    names: tuple[str, ...] = _formats().names()
    return names


def _document(report: QuotaReport, info: ReadInfo | None) -> Any:
    from kppi_core.quota.rulesets import get_rule_set
    from kppi_core.render.quota import check_document

    title = get_rule_set(report.rule_set).title
    return check_document(report, info, rule_set_title=title)


def render_quota(report: QuotaReport, format: str = "text", info: ReadInfo | None = None) -> str:
    """Deprecated: ``render(check_document(report, info, ...), format)``."""
    import io

    _warn("render_quota", "kppi_core.render.render(check_document(...))")
    formats = _formats()
    out = io.StringIO()
    formats.write(_document(report, info), formats.get(format), out)
    return out.getvalue()


def write_quota(
    report: QuotaReport, out: TextIO, format: str = "text", info: ReadInfo | None = None
) -> None:
    """Deprecated: ``Formats.write(check_document(report, info, ...), format, out)``."""
    _warn("write_quota", "kppi_core.render.Formats.write(check_document(...))")
    formats = _formats()
    formats.write(_document(report, info), formats.get(format), out)


_MOVED = {
    "FORMATS": ("kppi_core.render", "FORMAT_NAMES"),
    "ReadInfo": ("kppi_core.render.quota", "ReadInfo"),
}


def __getattr__(name: str) -> Any:
    from kppi_core.render._deprecated import moved

    return moved(__name__, name, _MOVED)
