"""Formats: how a :class:`~kppi_core.render.Document` becomes output.

The contract for plugin authors (``kppi_register_formats``): a :class:`Format`
has a ``name``, a ``description`` and ``render(document) -> str | bytes``.
``render`` gets every report — ``check``, ``seats``, ``representation``,
``registry build``, ``training report``, ``outreach``, ``follow-ups``,
``funnel`` — as the same document model: read ``document.kind`` to tell them
apart, ``document.shown(view)`` for its blocks in a view (``"terminal"``,
``"page"``, ``"data"``), ``document.tables`` and ``document.facts`` for the
figures. Return ``str`` for text (written to the console, degraded where the
console's encoding cannot show a character) or ``bytes`` for a file format
(written as they are). A format may stream instead: give ``write(document,
out)`` writing text to ``out``.

The built-in formats are :data:`TEXT`, :data:`JSON`, :data:`CSV` (with its
Excel dialect, :data:`EXCEL_CSV`) and :data:`MARKDOWN`; :class:`Formats` is
the registry a run uses, built from the formats the caller hands in.
"""

from __future__ import annotations

import inspect
import io
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO, TypeVar

import attrs

from kppi_core.errors import KppiError, NotFound, PluginError
from kppi_core.render._json import write_json
from kppi_core.render._tabular import csv_bytes, csv_text
from kppi_core.render._text import markdown, text
from kppi_core.render.console import for_console
from kppi_core.render.model import Document

__all__ = [
    "BUILTIN",
    "CSV",
    "CSV_DIALECTS",
    "EXCEL_CSV",
    "HTML",
    "JSON",
    "MARKDOWN",
    "TEXT",
    "XLSX",
    "Format",
    "Formats",
    "render",
    "write",
]


_T = TypeVar("_T")


@attrs.frozen
class Format:
    """An output format for every report: ``render(document)`` gives the text
    (``str``) or the file (``bytes``); ``write(document, out)``, when given,
    streams text to ``out`` instead. ``json`` says the text is JSON, so a
    character the console cannot encode is escaped (``\\uXXXX``), not degraded."""

    name: str
    render: Callable[[Document], str | bytes]
    description: str = ""
    write: Callable[[Document, TextIO], None] | None = attrs.field(default=None, kw_only=True)
    json: bool = attrs.field(default=False, kw_only=True)


def _json_text(document: Document) -> str:
    out = io.StringIO()
    write_json(document, out)
    return out.getvalue()


TEXT = Format("text", text, "a report to read in a terminal")
JSON = Format(
    "json",
    _json_text,
    "one JSON document per report, on one line where several follow (JSON Lines)",
    write=write_json,
    json=True,
)
CSV = Format("csv", csv_text, "the report's tables as rows (comma, UTF-8)")
#: ``--format csv --csv-dialect excel``: semicolon, CRLF, UTF-8 with a byte-order mark.
EXCEL_CSV = Format("csv", csv_bytes, "the report's tables as rows, for Excel (semicolon, BOM)")
MARKDOWN = Format("markdown", markdown, "headings and tables for an issue or a wiki page")


def _html(document: Document) -> str:
    from kppi_core.render.html import html_page  # deferred: only a page run needs it

    return html_page(document)


def _xlsx(document: Document) -> bytes:
    from kppi_core.render.xlsx import xlsx_bytes  # deferred: only a workbook run needs it

    return xlsx_bytes(document)


HTML = Format("html", _html, "one self-contained page with charts (charts: the charts extra)")
#: A binary format: written to a file (``-o``) or a redirected stdout, never a terminal.
XLSX = Format("xlsx", _xlsx, "an Excel workbook, one sheet per table (a binary file: -o FILE)")
#: The built-in formats, in the order ``--help`` lists them.
BUILTIN = (TEXT, JSON, CSV, MARKDOWN, HTML, XLSX)
#: The CSV dialects: name → format.
CSV_DIALECTS = {"plain": CSV, "excel": EXCEL_CSV}


@attrs.frozen
class Formats:
    """The formats a run can write, by name: the built-ins, then those handed in
    (a plugin's cannot replace a built-in). ``origins`` names who registered a
    format (``"plugin 'x' (distribution y)"``), for errors."""

    by_name: Mapping[str, Format]
    origins: Mapping[str, tuple[str, str | None, str | None]] = attrs.Factory(dict)

    @classmethod
    def of(
        cls,
        formats: Iterable[Format] | Mapping[str, Format] = (),
        origins: Mapping[str, tuple[str, str | None, str | None]] | None = None,
    ) -> Formats:
        """The built-ins and ``formats``; ``origins`` maps a name to (who, plugin, distribution)."""
        found = formats.values() if isinstance(formats, Mapping) else formats
        by_name = {f.name: f for f in BUILTIN}
        for f in found:
            by_name.setdefault(f.name, f)
        return cls(by_name, dict(origins or {}))

    def names(self) -> tuple[str, ...]:
        """Every format's name, the built-ins first."""
        return tuple(self.by_name)

    def get(self, name: str, csv_dialect: str = "plain") -> Format:
        """The format ``name`` (for ``csv``, in ``csv_dialect``)."""
        fmt = self.by_name.get(name)
        if fmt is None:
            raise NotFound(f"{name!r} is not a format; known: {', '.join(self.names())}")
        if fmt is CSV:
            dialect = CSV_DIALECTS.get(csv_dialect)
            if dialect is None:
                raise NotFound(
                    f"{csv_dialect!r} is not a CSV dialect; known: {', '.join(CSV_DIALECTS)}"
                )
            return dialect
        return fmt

    def write(self, document: Document, fmt: Format, out: TextIO) -> None:
        """:func:`write`, a plugin's failure named by who registered the format."""
        write(document, fmt, out, origin=self.origins.get(fmt.name))


def _legacy(fmt: Format) -> bool:
    """Whether ``fmt.render`` is the old ``render(report, info)`` of quota-only formats."""
    try:
        params = inspect.signature(fmt.render).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) == 2


def _call(fmt: Format, document: Document) -> str | bytes:
    if not _legacy(fmt):
        return fmt.render(document)
    warnings.warn(
        f"format {fmt.name!r}: render(report, info) is deprecated; "
        "take one argument, the document (see kppi_core.render.Format)",
        DeprecationWarning,
        stacklevel=3,
    )
    if document.legacy is None:
        raise NotFound(f"format {fmt.name!r} renders only the check report")
    legacy: Callable[..., str | bytes] = fmt.render
    return legacy(*document.legacy)


def _describe(exc: BaseException) -> str:
    from kppi_core.privacy import hide_digits

    return hide_digits(f"{type(exc).__name__}: {exc}")


def write(
    document: Document,
    fmt: Format,
    out: TextIO,
    *,
    origin: tuple[str, str | None, str | None] | None = None,
) -> None:
    """Write ``document`` in ``fmt`` to ``out``: text through
    :func:`~kppi_core.render.console.for_console`,
    bytes to ``out.buffer`` (or decoded, for a stream without one).

    A format other than a built-in that raises anything but a
    :class:`~kppi_core.errors.KppiError` or ``KeyboardInterrupt`` (a
    ``SystemExit`` included), or returns neither text nor bytes,
    raises :class:`~kppi_core.errors.PluginError` naming the format and
    ``origin`` (who registered it, the plugin, its distribution)."""
    console = for_console(out, json=fmt.json)
    if fmt.write is not None:
        _guarded(fmt, origin, lambda: fmt.write(document, console))  # type: ignore[misc]
        return
    result = _guarded(fmt, origin, lambda: _call(fmt, document))
    if isinstance(result, str):
        console.write(result)
    elif isinstance(result, bytes):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            try:
                out.write(result.decode("utf-8"))
            except UnicodeDecodeError:
                raise KppiError(
                    f"format {fmt.name!r} writes a binary file: write it to a file "
                    "(kppi … -o FILE), not to a text stream"
                ) from None
        else:
            out.flush()
            buffer.write(result)
            buffer.flush()
    else:
        raise _failed(fmt, origin, f"returned {type(result).__name__}, not str or bytes")


def _guarded(
    fmt: Format, origin: tuple[str, str | None, str | None] | None, call: Callable[[], _T]
) -> _T:
    if fmt in BUILTIN or fmt is EXCEL_CSV:
        return call()
    try:
        return call()
    except (KppiError, KeyboardInterrupt):  # Ctrl-C stops the command
        raise
    except BaseException as exc:  # SystemExit too: a format does not end the run
        raise _failed(fmt, origin, f"failed while rendering: {_describe(exc)}") from exc


def _failed(
    fmt: Format, origin: tuple[str, str | None, str | None] | None, what: str
) -> PluginError:
    by, plugin, dist = origin or ("a plugin", None, None)
    return PluginError(f"format {fmt.name!r} from {by} {what}", plugin=plugin, distribution=dist)


def render(document: Document, fmt: Format | str = "text") -> str:
    """``document`` in ``fmt`` (a :class:`Format`, or a built-in's name) as text."""
    if isinstance(fmt, str):
        fmt = Formats.of().get(fmt)
    out = io.StringIO()
    write(document, fmt, out)
    return out.getvalue()
