"""The ``kppi`` command: thin click commands over the library.

Exit status: 0 when every list is compliant and nothing was rejected; 1 for
violations, undetermined lists, rejected records, or no lists at all; 2 when
the command could not run (usage, an unreadable file, a required column
missing).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kppi_core import __version__
from kppi_core.errors import KppiError

__all__ = ["main"]

_FORMATS = ("text", "json", "csv", "markdown")
_PROGRESS_MIN_BYTES = 4 << 20


class _Group(click.Group):
    """Turns library errors that stop a command into one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KppiError as exc:
            click.echo(f"kppi: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kppi")
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


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=True))
@click.option("--sample", is_flag=True, help="Check the embedded synthetic Kota Serang sample.")
@click.option(
    "--rules",
    "rule_set",
    default="uu7-2017",
    show_default=True,
    help="Rule set: uu7-2017 (30% rounded up, the law as the Supreme Court read it) or "
    "pkpu-10-2023 (rounded half-up, as KPU applied it in 2024).",
)
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True)
@click.option(
    "--encoding", default="utf-8", show_default=True, help="Encoding of a CSV file (e.g. cp1252)."
)
def check(path: Path | None, sample: bool, rule_set: str, fmt: str, encoding: str) -> None:
    """Check every party's candidate list in every district against the quota law.

    PATH is a candidates CSV (one row per candidate) or the library's JSON.
    """
    from kppi_core.quota import check_lists, get_rule_set
    from kppi_core.reports import ReadInfo, render_quota
    from kppi_core.sources import read_lists

    if sample == (path is not None):
        raise click.UsageError("give a PATH or --sample (one of them)")
    try:
        rules = get_rule_set(rule_set)
    except KppiError as exc:
        raise click.BadParameter(str(exc), param_hint="--rules") from None
    if sample:
        from kppi_core.samples import sample_path

        path = sample_path("candidates")
        shown = "sample: Kota Serang 2024 (synthetic)"
    else:
        assert path is not None
        shown = str(path)
    with _progress(path) as progress:
        read = read_lists(path, encoding=encoding, progress=progress)
    report = check_lists(read.lists, rules, rejected=read.rejected)
    click.echo(render_quota(report, fmt, ReadInfo(shown, read.records)), nl=False)
    if not report.results:
        # Nothing to check is not a pass: an empty export must not gate green.
        click.echo("kppi: warning: no candidate lists found in the data", err=True)
        sys.exit(1)
    sys.exit(0 if report.ok else 1)
