"""``kppi plugins`` and ``kppi inspect``: a built-in plugin adding two commands.

Declared lazily in :mod:`kppi_core.plugins.builtins`; this module imports no attrs,
so listing plugins stays cheap.

``kppi plugins [--json]`` lists every plugin: distribution, version, hooks,
what it registers, its status and any load error (exit 0).

``kppi inspect PATH [--source NAME] [--format FORMAT]`` reads a file
through a source (guessed from the file when not named) and counts what it
read by type, with every rejected record and its reason. Exit status 0; 1 if
any record was rejected; 2 if the file could not be read.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import click

from kppi_core.cli._i18n import Command, say
from kppi_core.cli._output import emit, format_options, formats, pick_format
from kppi_core.i18n import N_

__all__ = ["Inspection", "inspect_command", "inspect_records", "plugins_command"]


class Inspection(NamedTuple):
    """What a source read: counts by type, breakdowns, lists, and the rejections."""

    counts: dict[str, int]
    breakdowns: dict[str, dict[str, int]]
    lists: int
    rejected: tuple[Any, ...]
    #: What the source read and deliberately did not model, by kind, with counts.
    skipped: dict[str, int] = {}  # noqa: RUF012 (never mutated)

    @property
    def records(self) -> int:
        """Every object and rejection the source yielded."""
        return sum(self.counts.values()) + len(self.rejected)


_PATH_OR_SAMPLE = N_("give PATH or --sample (one of them)")
_GUESSED = N_(
    "{error} (read by source {source}, guessed from the file; name another with --source, "
    "give its options with --option)"
)

# Type name → the attribute whose values are counted too.
_BREAKDOWNS = {
    "Person": "gender",
    "Organization": "classification",
    "Candidacy": "gender",
    "Membership": "role",
    "Participation": "role",
}


def _value(value: object) -> str:
    if value is None:
        return "unknown"
    return str(getattr(value, "value", value))


def inspect_records(records: Iterable[Any]) -> Inspection:
    """Count a source's stream by type (persons by gender, organisations by
    classification, …), the candidate lists it names, and keep every rejection."""
    from kppi_core.rejections import Rejection
    from kppi_core.sources import Skipped, unwrap

    counts: Counter[str] = Counter()
    breakdowns: dict[str, Counter[str]] = {}
    lists: set[tuple[str, str, str]] = set()
    rejected: list[Rejection] = []
    skipped: dict[str, int] = {}
    for item in records:
        record, _ = unwrap(item)
        if isinstance(record, Rejection):
            rejected.append(record)
            continue
        if isinstance(record, Skipped):
            skipped[record.what] = skipped.get(record.what, 0) + record.count
            continue
        kind = type(record).__name__
        counts[kind] += 1
        field = _BREAKDOWNS.get(kind)
        if field is not None and hasattr(record, field):
            key = f"{kind}.{field}"
            breakdowns.setdefault(key, Counter())[_value(getattr(record, field))] += 1
        if kind == "Candidacy":
            lists.add((record.election_id, record.district_id, record.party))
        elif kind == "CandidateList":
            lists.add(record.key)
    return Inspection(
        dict(sorted(counts.items())),
        {k: dict(sorted(v.items())) for k, v in sorted(breakdowns.items())},
        len(lists),
        tuple(rejected),
        dict(sorted(skipped.items())),
    )


def _plugins_text(infos: Iterable[Any]) -> str:
    lines = []
    for info in infos:
        origin = f"{info.distribution} {info.version}" if info.distribution else "in code"
        kind = "built-in" if info.builtin else "installed"
        lines.append(f"{info.name}  [{info.status.value}]  {origin}, {kind}")
        if info.hooks:
            lines.append(f"  hooks: {', '.join(info.hooks)}")
        for label, names in (
            ("sources", info.sources),
            ("rule sets", info.rule_sets),
            ("formats", info.formats),
            ("commands", info.commands),
        ):
            if names:
                lines.append(f"  {label}: {', '.join(names)}")
        if info.error:
            lines.append(f"  {'error' if info.status.value == 'failed' else 'why'}: {info.error}")
    return "\n".join(lines) + "\n"


@click.command("plugins", cls=Command)
@click.option("--json", "as_json", is_flag=True, help=N_("One JSON array, one object per plugin."))
def plugins_command(as_json: bool) -> None:
    """List every plugin: distribution, version, hooks, what it registers, status, errors."""
    from kppi_core.plugins import plugin_infos

    infos = plugin_infos()
    if as_json:
        import json

        data = [{**i._asdict(), "status": i.status.value} for i in infos]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(_plugins_text(infos), nl=False)


@click.command("inspect", cls=Command)
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option(
    "--sample", is_flag=True, help=N_("Inspect the embedded synthetic Kota Serang candidates file.")
)
@click.option(
    "--source", "source_name", metavar="NAME", help=N_("The source (see `kppi plugins`).")
)
@format_options()
@click.option("--encoding", default="utf-8", show_default=True, help=N_("Encoding of a text file."))
@click.option(
    "--option",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    help=N_("A read option for the source (e.g. seats=6, training=ID, sheet=NAME); repeatable."),
)
def inspect_command(
    path: Path | None,
    sample: bool,
    source_name: str | None,
    fmt: str,
    csv_dialect: str,
    encoding: str,
    options: tuple[str, ...],
) -> None:
    """Read PATH through a source and count what it holds, listing every rejected record.

    Exit status 0; 1 if any record was rejected; 2 if PATH could not be read.
    """
    from kppi_core.cli import read_options
    from kppi_core.cli._i18n import current, error
    from kppi_core.errors import KppiError
    from kppi_core.reading import read_records
    from kppi_core.rejections import text_in
    from kppi_core.render.inspection import inspection_document
    from kppi_core.sources import ReadContext

    if sample == (path is not None):
        raise click.UsageError(current().gettext(_PATH_OR_SAMPLE))
    shown = str(path)
    if path is None:
        from kppi_core.samples import sample_path

        path = sample_path("candidates")
        shown = path.name  # the same on every machine
    context = ReadContext(encoding, options=read_options(options))
    chosen: list[Any] = []
    try:
        seen = inspect_records(read_records(path, source_name, context, chosen=chosen.append))
    except KppiError as exc:
        if chosen and source_name is None:
            shown_error = text_in(exc, current())
            say("error", _GUESSED, error=shown_error, source=repr(chosen[0].spec.name))
        else:
            error(exc)
        sys.exit(2)
    registry = formats()
    picked = pick_format(registry, fmt, csv_dialect)
    document = inspection_document(shown, chosen[0].spec.name, seen, current().code)
    emit(registry, document, picked)
    sys.exit(1 if seen.rejected else 0)
