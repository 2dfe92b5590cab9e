"""How every command renders: the ``--format`` and ``--csv-dialect`` options, the
format registry built from the plugin manager, and writing a report to stdout.

The report itself is built by the library (a :class:`~kppi_core.render.Document`);
nothing here knows what a report holds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kppi_core.cli._files import atomic_output
from kppi_core.i18n import N_

if TYPE_CHECKING:
    from kppi_core.render import Document, Format, Formats

__all__ = ["emit", "format_options", "formats", "pick_format"]

F = TypeVar("F", bound=Callable[..., Any])

_FORMAT_HELP = N_(
    "text, json, csv, markdown, html, xlsx, or a format a plugin adds (see `kppi plugins`)."
)
_DIALECT_HELP = N_(
    "CSV for scripts (plain: comma, UTF-8) or for Excel (excel: semicolon, UTF-8 with a "
    "byte-order mark, CRLF)."
)


def _known(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from kppi_core.errors import KppiError

    try:
        formats().get(value)
    except KppiError as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from None
    return value


_OUTPUT = "kppi_core.output"
_WRITTEN = "kppi_core.output.written"
_OUTPUT_HELP = N_("Write the report to FILE instead of stdout (needed for xlsx on a terminal).")


def _output(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    ctx.meta[_OUTPUT] = value


def format_options(*, early: bool = True, output: bool = True) -> Callable[[F], F]:
    """Add ``--format`` and ``--csv-dialect`` to a command (as ``fmt`` and
    ``csv_dialect``), and ``-o/--output FILE`` unless ``output`` is false (a
    command whose ``-o`` writes something else); ``early``: check the
    format's name while parsing (for a command whose group has loaded the
    plugins already)."""

    def add(func: F) -> F:
        if output:
            func = click.option(
                "-o",
                "--output",
                type=click.Path(path_type=Path, dir_okay=False),
                metavar="FILE",
                help=_OUTPUT_HELP,
                callback=_output,
                expose_value=False,
            )(func)
        func = click.option(
            "--csv-dialect",
            "csv_dialect",
            type=click.Choice(["plain", "excel"]),
            default="plain",
            show_default=True,
            help=_DIALECT_HELP,
        )(func)
        return click.option(
            "--format",
            "fmt",
            metavar="FORMAT",
            default="text",
            show_default=True,
            help=_FORMAT_HELP,
            callback=_known if early else None,
        )(func)

    return add


def formats() -> Formats:
    """The built-in formats and every format a plugin registers, each plugin's
    named for errors."""
    from kppi_core.plugins import get_plugins
    from kppi_core.render import Formats

    manager = get_plugins()
    origins: dict[str, tuple[str, str | None, str | None]] = {}
    for info in manager.infos():
        for name in info.formats:
            by = (
                f"plugin {info.name!r} (distribution {info.distribution} {info.version})"
                if info.distribution
                else f"plugin {info.name!r} (registered in code)"
            )
            origins[name] = (by, info.name, info.distribution)
    return Formats.of(manager.formats(), origins)


def pick_format(registry: Formats, fmt: str, csv_dialect: str) -> Format:
    """The format ``--format`` names, or a usage error (exit 2) listing the known ones."""
    from kppi_core.errors import KppiError

    if csv_dialect != "plain" and fmt != "csv":
        raise click.BadParameter("is for --format csv only", param_hint="--csv-dialect")
    try:
        return registry.get(fmt, csv_dialect)
    except KppiError as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from None


def emit(registry: Formats, document: Document, fmt: Format) -> None:
    """Write ``document`` in ``fmt`` to stdout, or to ``-o FILE`` (a plugin format's
    failure raises :class:`~kppi_core.errors.PluginError`). A binary format
    (xlsx) is not written to a terminal: a usage error says to use ``-o``."""
    from kppi_core.render import HTML, XLSX

    ctx = click.get_current_context(silent=True)
    path: Path | None = ctx.meta.get(_OUTPUT) if ctx else None
    if path is None:
        if fmt is XLSX and sys.stdout.isatty():
            raise click.UsageError(
                "--format xlsx writes a binary workbook: give -o FILE (e.g. -o report.xlsx) "
                "or redirect stdout to a file"
            )
        registry.write(document, fmt, sys.stdout)
        return
    assert ctx is not None
    again = ctx.meta.get(_WRITTEN, False)
    if again and fmt in (HTML, XLSX):
        raise click.UsageError(
            f"--format {fmt.name} writes one report per file: give one PATH with -o"
        )
    ctx.meta[_WRITTEN] = True
    # Several reports (several PATHs) follow one another in the file, as on stdout;
    # each time the whole file is replaced at once, never over one of the inputs.
    with atomic_output(path, _inputs(ctx), append=again) as out:
        registry.write(document, fmt, out)


def _inputs(ctx: click.Context) -> list[Path]:
    """The files the running command (and its parents) read: its path arguments."""
    found: list[Path] = []
    while ctx is not None:
        for value in ctx.params.values():
            values = value if isinstance(value, tuple | list) else (value,)
            found += [v for v in values if isinstance(v, Path)]
        ctx = ctx.parent  # type: ignore[assignment]
    return found
