"""The ``kppi`` command: thin click commands over the library.

Exit status: 0 when every list is compliant and nothing was rejected; 1 for
violations, undetermined lists, rejected records, or no lists at all; 2 when
the command could not run or complete (usage, an unreadable file, a required
column missing, a source that failed, an ``-o`` file that cannot be written,
an interruption, any unexpected error, shown as one line and never as a
traceback). No other status.

Subcommands other than ``check`` come through the ``kppi_register_commands``
hook, built-in (``plugins``, ``inspect``) or from installed plugins. They are
added on the first look-up of a command, so ``kppi --version`` loads no
plugin, and each plugin is guarded: a broken one is named on stderr and left
out, and ``--help`` still works. Commands declared lazily (all built-ins) are
imported only when run: ``kppi --help`` lists them by their declared help.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kppi_core import __version__
from kppi_core.errors import KppiError, PluginWarning

if TYPE_CHECKING:
    from kppi_core.lazy import LazyCommand
    from kppi_core.sources import ListsRead, ReadContext

__all__ = ["main"]

_PROGRESS_MIN_BYTES = 4 << 20
_CORE = frozenset({"check"})  # commands defined here, not through the hook


class _Group(click.Group):
    """Adds plugin commands on first look-up, importing lazily declared ones only when
    run (click's lazy group); turns library errors into one line and exit 2."""

    _plugins_token: tuple[object, int] | None = None
    _plugin_commands: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Name → (declaration, a function importing the command or returning None).
        self.lazy_commands: dict[str, tuple[LazyCommand, Callable[[], click.Command | None]]] = {}

    def _add_plugin_commands(self, ctx: click.Context) -> None:
        from kppi_core.plugins import get_plugins

        manager = get_plugins()
        if self._plugins_token == (manager, manager.generation):
            return
        for name in self._plugin_commands:  # added for a manager since replaced
            self.commands.pop(name, None)
            self.lazy_commands.pop(name, None)
        self._guarded(ctx, lambda: manager.add_commands(self))
        self._plugin_commands = tuple(n for i in manager.infos() for n in i.commands)
        self._plugins_token = (manager, manager.generation)

    def _guarded(self, ctx: click.Context, call: Callable[[], Any]) -> Any:
        """``call()``, with plugin warnings shown as ``kppi: warning:`` lines and a
        plugin error (strict mode) as ``kppi: error:`` and exit 2."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", PluginWarning)
                result = call()
        except KppiError as exc:  # strict mode
            click.echo(f"kppi: error: {exc}", err=True)
            ctx.exit(2)
        for warning in caught:
            if issubclass(warning.category, PluginWarning):
                click.echo(f"kppi: warning: {warning.message}", err=True)
            else:
                warnings.warn_explicit(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
        return result

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._add_plugin_commands(ctx)
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _CORE:  # `kppi check --help` needs no plugin loaded
            self._add_plugin_commands(ctx)
        lazy = self.lazy_commands.get(cmd_name)
        if lazy is None or cmd_name in self.commands:
            return super().get_command(ctx, cmd_name)
        command: click.Command | None = self._guarded(ctx, lazy[1])
        if command is not None:
            self.commands[cmd_name] = command
        self._add_plugin_commands(ctx)  # a failed import leaves its plugin out
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Lists every command; one not imported yet by its declared help."""
        rows: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            lazy = self.lazy_commands.get(name)
            command = self.commands.get(name)
            if command is None and lazy is not None:
                command = click.Command(name, help=lazy[0].help)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(n, c.get_short_help_str(limit)) for n, c in rows])

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KppiError as exc:
            click.echo(f"kppi: error: {exc}", err=True)
            ctx.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("kppi: interrupted", err=True)
            ctx.exit(2)
        except Exception as exc:  # a run that could not complete: exit 2, never a traceback
            click.echo(f"kppi: error: {_unexpected(exc)}", err=True)
            ctx.exit(2)


def _unexpected(exc: Exception) -> str:
    """One redacted line for an error the library did not expect, naming its kind."""
    from kppi_core.privacy import redact

    if isinstance(exc, RecursionError):
        return "the input nests too deep to be read"
    if isinstance(exc, MemoryError):
        return "the input is too large to be read in the memory available"
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    text = redact(str(exc).splitlines()[0] if str(exc) else "")
    return f"unexpected {type(exc).__name__}{': ' if text else ''}{text} (a bug: please report it)"


def _disable(ctx: click.Context, param: click.Parameter, names: Sequence[str]) -> None:
    if names:
        from kppi_core.plugins import disable_plugins

        disable_plugins(names)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kppi")
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    is_eager=True,
    expose_value=False,
    callback=_disable,
    help="Leave out the plugin NAME (repeatable; see `kppi plugins`).",
)
def main() -> None:
    """kppi: women's political representation in Indonesia, checked exactly."""


@contextmanager
def _progress(path: Path) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a large file, when stderr is a terminal."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size < _PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=size, label=f"reading {path.name}", file=sys.stderr) as bar:
        yield bar.update


def _read_lists(path: Path, source: str | None, context: ReadContext) -> ListsRead:
    """The candidate lists in ``path`` through a plugin source (guessed unless named)."""
    from kppi_core.errors import NotFound
    from kppi_core.plugins import read_source_lists

    try:
        return read_source_lists(path, source, context)
    except NotFound:
        if source is not None or path.suffix.casefold() != ".json":
            raise
    # No registered source reads this .json: the library's own data set format.
    from kppi_core.sources import read_lists

    return read_lists(path, encoding=context.encoding, progress=context.progress)


@main.command()
@click.argument("paths", metavar="[PATH]...", nargs=-1, type=click.Path(path_type=Path))
@click.option("--sample", is_flag=True, help="Check the embedded synthetic Kota Serang sample.")
@click.option(
    "--rules",
    "rule_set",
    default="uu7-2017",
    show_default=True,
    help="Rule set: uu7-2017 (30% rounded up, the law as the Supreme Court read it) or "
    "pkpu-10-2023 (rounded half-up, as KPU applied it in 2024), or a plugin's.",
)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    help="text, json, csv, markdown, or a format a plugin adds (see `kppi plugins`).",
)
@click.option(
    "--encoding", default="utf-8", show_default=True, help="Encoding of a CSV file (e.g. cp1252)."
)
@click.option(
    "--source",
    "source_name",
    metavar="NAME",
    help="The source that reads each PATH (see `kppi plugins`); guessed when not given.",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first PATH that cannot be read.")
def check(
    paths: tuple[Path, ...],
    sample: bool,
    rule_set: str,
    fmt: str,
    encoding: str,
    source_name: str | None,
    fail_fast: bool,
) -> None:
    """Check every party's candidate list in every district against the quota law.

    Each PATH is a candidates CSV (one row per candidate), the library's JSON,
    or any file a source plugin reads candidacies or lists from. One report
    per PATH, in order; a PATH that cannot be read is named on stderr and the
    others are still checked (exit status 2 at the end), unless --fail-fast.
    """
    from kppi_core.quota import check_lists, get_rule_set
    from kppi_core.reports import ReadInfo, format_names, write_quota
    from kppi_core.sources import ReadContext

    if sample == bool(paths):
        raise click.UsageError("give PATHs or --sample (one of them)")
    # Load plugins now, so a broken one is reported as `kppi: warning: …`.
    main._add_plugin_commands(click.get_current_context())
    try:
        rules = get_rule_set(rule_set)
    except KppiError as exc:
        raise click.BadParameter(str(exc), param_hint="--rules") from None
    known = format_names()
    if fmt not in known:
        raise click.BadParameter(
            f"{fmt!r} is not a format; known: {', '.join(known)}", param_hint="--format"
        )
    targets: list[tuple[Path, str]] = [(p, str(p)) for p in paths]
    if sample:
        from kppi_core.samples import sample_path

        targets = [(sample_path("candidates"), "sample: Kota Serang 2024 (synthetic)")]
        source_name = source_name or "candidates-csv"
    status = 0
    for path, shown in targets:
        try:
            with _progress(path) as progress:
                read = _read_lists(path, source_name, ReadContext(encoding, progress))
        except KppiError as exc:
            click.echo(f"kppi: error: {exc}", err=True)
            if fail_fast:
                sys.exit(2)
            status = 2
            continue
        report = check_lists(read.lists, rules, rejected=read.rejected)
        info = ReadInfo(shown, read.records)
        del read  # the lists' facts are in the report now: free them before writing
        try:
            write_quota(report, sys.stdout, fmt, info)
        except KppiError as exc:  # a plugin's format that failed
            click.echo(f"kppi: error: {exc}", err=True)
            if fail_fast:
                sys.exit(2)
            status = 2
            continue
        if not report.results:
            # Nothing to check is not a pass: an empty export must not gate green.
            click.echo(f"kppi: warning: no candidate lists found in {shown}", err=True)
        if not report.results or not report.ok:
            status = max(status, 1)
    sys.exit(status)
