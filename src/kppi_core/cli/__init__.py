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
from kppi_core.cli import _i18n
from kppi_core.cli._help import add_epilogs
from kppi_core.cli._i18n import Command, Group, tr
from kppi_core.cli._output import emit, format_options, formats, pick_format
from kppi_core.errors import KppiError, PluginWarning
from kppi_core.i18n import N_

if TYPE_CHECKING:
    from kppi_core.lazy import LazyCommand
    from kppi_core.quota.rulesets import RuleSet

__all__ = ["main"]

_PROGRESS_MIN_BYTES = 4 << 20
_CORE = frozenset({"check"})  # commands defined here, not through the hook


class _Group(Group):
    """Adds plugin commands on first look-up, importing lazily declared ones only when
    run (click's lazy group); turns library errors into one line and exit 2."""

    _plugins_token: tuple[object, int] | None = None
    _plugin_commands: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_epilogs(self, "")
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
            _i18n.error(exc)
            ctx.exit(2)
        for warning in caught:
            if issubclass(warning.category, PluginWarning):
                _i18n.warning(warning.message)
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
        if lazy is not None and cmd_name not in self.commands:
            command: click.Command | None = self._guarded(ctx, lazy[1])
            if command is not None:
                self.commands[cmd_name] = command
            self._add_plugin_commands(ctx)  # a failed import leaves its plugin out
        found = super().get_command(ctx, cmd_name)
        return None if found is None else add_epilogs(found, cmd_name)  # exit statuses

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Lists every command; one not imported yet by its declared help."""
        rows: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            lazy = self.lazy_commands.get(name)
            command = self.commands.get(name)
            if command is None and lazy is not None:
                command = Command(name, help=lazy[0].help)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            with formatter.section(tr("Commands") or "Commands"):
                # Each whole first sentence, wrapped: click's default cuts it with "…".
                formatter.write_dl([(n, c.get_short_help_str(1 << 10)) for n, c in rows])

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KppiError as exc:
            _i18n.error(exc)
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

    tr = _i18n.current()
    if isinstance(exc, RecursionError):
        return tr.gettext(N_("the input nests too deep to be read"))
    if isinstance(exc, MemoryError):
        return tr.gettext(N_("the input is too large to be read in the memory available"))
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    text = redact(str(exc).splitlines()[0] if str(exc) else "")
    kind = f"{type(exc).__name__}{': ' if text else ''}{text}"
    return tr.format(N_("unexpected {kind} (a bug: please report it)"), kind=kind)


def _disable(ctx: click.Context, param: click.Parameter, names: Sequence[str]) -> None:
    if names:
        from kppi_core.plugins import disable_plugins

        disable_plugins(names)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="kppi", help=N_("Show the version and exit.")
)
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    is_eager=True,
    expose_value=False,
    callback=_disable,
    help=N_("Leave out the plugin NAME (repeatable; see `kppi plugins`)."),
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


def _rule_set(name: str) -> RuleSet:
    """The rule set ``name``: a built-in, or else a plugin's (the one registry)."""
    from kppi_core.quota.rulesets import BUILTIN, get_rule_set

    if name in BUILTIN:
        return BUILTIN[name]
    from kppi_core.plugins import get_plugins

    return get_rule_set(name, get_plugins().rule_sets())


def read_options(values: Sequence[str]) -> dict[str, str]:
    """``--option KEY=VALUE`` values as the read options of a
    :class:`~kppi_core.sources.ReadContext`."""
    options: dict[str, str] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--option")
        options[key.strip()] = text.strip()
    return options


@main.command()
@click.argument("paths", metavar="[PATH]...", nargs=-1, type=click.Path(path_type=Path))
@click.option("--sample", is_flag=True, help=N_("Check the embedded synthetic Kota Serang sample."))
@click.option(
    "--rules",
    "rule_set",
    default="uu7-2017",
    show_default=True,
    help=N_(
        "Rule set: uu7-2017 (30%, rounded up: the law as the Supreme Court read it) or "
        "pkpu-10-2023 (rounded half-up, as KPU applied it in 2024), or a plugin's."
    ),
)
@format_options(early=False)  # checked once the plugins are loaded
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help=N_("Encoding of a CSV file (e.g. cp1252)."),
)
@click.option(
    "--source",
    "source_name",
    metavar="NAME",
    help=N_("The source that reads each PATH (see `kppi plugins`); guessed when not given."),
)
@click.option("--fail-fast", is_flag=True, help=N_("Stop at the first PATH that cannot be read."))
@click.option(
    "--option",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    callback=lambda ctx, param, values: read_options(values),
    help=N_("A read option for the source (e.g. seats=6, parties=partai.json); repeatable."),
)
def check(
    paths: tuple[Path, ...],
    sample: bool,
    rule_set: str,
    fmt: str,
    csv_dialect: str,
    encoding: str,
    source_name: str | None,
    fail_fast: bool,
    options: dict[str, str],
) -> None:
    """Check every party's candidate list in every district against the quota law.

    Each PATH is a candidates CSV (one row per candidate), the library's JSON,
    or any file a source plugin reads candidacies or lists from. One report
    per PATH, in order; a PATH that cannot be read is named on stderr and the
    others are still checked (exit status 2 at the end), unless --fail-fast.
    """
    from kppi_core.quota import check_lists
    from kppi_core.quota.indicators import list_heads
    from kppi_core.reading import read_lists
    from kppi_core.render.quota import ReadInfo, check_document
    from kppi_core.sources import ReadContext

    if sample == bool(paths):
        raise click.UsageError(_i18n.current().gettext(N_("give PATHs or --sample (one of them)")))
    # Load plugins now, so a broken one is reported as `kppi: warning: …`.
    main._add_plugin_commands(click.get_current_context())
    try:
        rules = _rule_set(rule_set)
    except KppiError as exc:
        raise click.BadParameter(str(exc), param_hint="--rules") from None
    registry = formats()
    chosen = pick_format(registry, fmt, csv_dialect)
    targets: list[tuple[Path, str]] = [(p, str(p)) for p in paths]
    if sample:
        from kppi_core.samples import sample_path

        targets = [(sample_path("candidates"), N_("sample: Kota Serang 2024 (synthetic)"))]
        source_name = source_name or "candidates-csv"
    status = 0
    for path, shown in targets:
        try:
            with _progress(path) as progress:
                context = ReadContext(encoding, progress, options)
                read = read_lists(path, source=source_name, context=context)
            report = check_lists(read.lists, rules, rejected=read.rejected)
        except KppiError as exc:  # unreadable, or a plugin's source or rule that failed
            _i18n.error(exc)
            if fail_fast:
                sys.exit(2)
            status = 2
            continue
        heads = list_heads(read.lists)
        info = ReadInfo(shown, read.records)
        del read  # the lists' facts are in the report now: free them before writing
        try:
            emit(
                registry,
                check_document(
                    report,
                    info,
                    rule_set_title=rules.title,
                    heads=heads,
                    lang=_i18n.current().code,
                ),
                chosen,
            )
        except KppiError as exc:  # a plugin's format that failed
            _i18n.error(exc)
            if fail_fast:
                sys.exit(2)
            status = 2
            continue
        if not report.results:
            # Nothing to check is not a pass: an empty export must not gate green.
            _i18n.say("warning", N_("no candidate lists found in {source}"), source=shown)
        if not report.results or not report.ok:
            status = max(status, 1)
    sys.exit(status)
