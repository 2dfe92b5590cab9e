"""``kppi registry build``, ``kppi training report``, ``kppi outreach``,
``kppi follow-ups`` and ``kppi funnel``: the cadre commands.

Each reads any mix of sources (party membership exports, attendance sheets,
candidates CSVs, the library's JSON, a registry file), builds the registry,
and reports in text, JSON, CSV or Markdown. Exit status as ``kppi check``: 0
clean; 1 for open ambiguities, flags, rejected records or findings; 2 when the
command could not run. No output holds a NIK, a birth date, a phone number or
an address: reports show registry ids and printed names only.

Fingerprints need a secret key in ``KPPI_FINGERPRINT_KEY``; ``--sample`` uses
the sample's own public key.
"""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from kppi_core.cli._i18n import Command, Group, current, say
from kppi_core.cli._output import emit, format_options, formats, pick_format
from kppi_core.hookspecs import hookimpl
from kppi_core.i18n import N_

__all__ = [
    "SAMPLE_KEY",
    "follow_ups_command",
    "funnel_command",
    "kppi_register_commands",
    "outreach_command",
    "register",
    "registry_group",
    "sample_sources",
    "training_group",
]

#: The sample's fingerprint key: public, so for the synthetic sample only.
SAMPLE_KEY = b"kppi-sample-key (public, for the synthetic sample only)"
_SAMPLE_ELECTION = "DPRD_KABKO_2029"
_SAMPLE_TRAINING = "kppi-kota-serang/pembinaan-2025"

F = TypeVar("F", bound=Callable[..., Any])


# ------------------------------------------------------------------ reading sources


def _split(arg: str) -> tuple[Path, dict[str, str]]:
    """``day1.csv#session=day-1,training=t`` → the path and its options."""
    if Path(arg).exists() or "#" not in arg:
        return Path(arg), {}
    path, _, opts = arg.rpartition("#")
    options = {}
    for part in opts.split(","):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            message = N_("{arg!r}: options are KEY=VALUE after '#'")
            raise click.BadParameter(current().format(message, arg=arg))
        options[key.strip()] = value.strip()
    return Path(path), options


def read_records(
    path: Path,
    *,
    encoding: str = "utf-8",
    options: dict[str, str] | None = None,
    source: str | None = None,
) -> Iterable[Any]:
    """The records of one source file: a registry file, or any file a source reads
    (named, or guessed from the file's name and content: the one reading path)."""
    from kppi_core.reading import read_records as read_path
    from kppi_core.registry import is_registry_file, registry_records
    from kppi_core.sources import ReadContext

    if source is None and is_registry_file(path):
        return registry_records(path)
    context = ReadContext(encoding=encoding, options=dict(options or {}))
    return read_path(path, source, context)


def sample_sources() -> list[tuple[str, Iterable[Any]]]:
    """The embedded Kota Serang sample's sources, as ``(name, records)`` pairs."""
    from kppi_core.samples import sample_path

    folder = sample_path("branch").parent
    options = {
        "kota_serang_attendance_day1.csv": {"training": _SAMPLE_TRAINING, "session": "day-1"},
        "kota_serang_attendance_day2.csv": {"training": _SAMPLE_TRAINING, "session": "day-2"},
    }
    names = [
        "kota_serang_branch.json",
        "kota_serang_members_pkb.csv",
        "kota_serang_members_ppp.csv",
        "kota_serang_members_pan.csv",
        "kota_serang_members_gerindra.csv",
        "kota_serang_attendance_day1.csv",
        "kota_serang_attendance_day2.csv",
        "kota_serang_2024_candidates.csv",
        "kota_serang_2029_candidates.csv",
    ]
    try:
        import kppi_core.adapters.attendance_csv  # noqa: F401
    except ImportError:  # pragma: no cover - until the attendance source lands
        say("warning", N_("no attendance source: the sample's sheets are skipped"))
        names = [n for n in names if n not in options]
    return [(n, read_records(folder / n, options=options.get(n))) for n in names]


def _registry(
    sources: tuple[str, ...],
    sample: bool,
    decisions: Path | None,
    encoding: str,
    options: tuple[str, ...],
    source: str | None = None,
) -> Any:
    from kppi_core.registry import build_registry, fingerprint_key, read_decisions

    if sample == bool(sources):
        raise click.UsageError(current().gettext(N_("give SOURCE files or --sample (one of them)")))
    from kppi_core.cli import read_options

    common = read_options(options)
    chosen: list[tuple[str, Iterable[Any]]]
    if sample:
        from kppi_core.samples import sample_path

        key = SAMPLE_KEY
        chosen = sample_sources()
        if decisions is None and sample_path("decisions").exists():
            decisions = sample_path("decisions")
    else:
        key = fingerprint_key()
        chosen = []
        for arg in sources:
            path, opts = _split(arg)
            records = read_records(path, encoding=encoding, options=common | opts, source=source)
            chosen.append((str(path), records))
    made = read_decisions(decisions) if decisions is not None else ()
    return build_registry(chosen, key=key, decisions=made)


@attrs.frozen
class _Inputs:
    """What every cadre command is given: its SOURCE files (or the sample), the
    decisions, how to read them, and the report's format."""

    sources: tuple[str, ...]
    sample: bool
    decisions: Path | None
    fmt: str
    csv_dialect: str
    encoding: str
    options: tuple[str, ...]
    source_name: str | None

    def registry(self) -> Any:
        """The registry built from the inputs."""
        return _registry(
            self.sources, self.sample, self.decisions, self.encoding, self.options,
            self.source_name,
        )  # fmt: skip

    def emit(self, report: Any, registry: Any, findings: bool) -> None:
        """Write ``report`` and exit: 1 with findings, open ambiguities or rejections."""
        _emit(report, self.fmt, self.csv_dialect, registry, findings)


_INPUTS = tuple(f.name for f in attrs.fields(_Inputs))


def _common(func: F, *, output: bool = True) -> F:
    """The options every cadre command takes, handed to ``func`` as one
    :class:`_Inputs` (its first argument, ``inputs``)."""

    command = func

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        given = _Inputs(**{name: kwargs.pop(name) for name in _INPUTS})
        return command(given, **kwargs)

    func = run  # type: ignore[assignment]
    for option in reversed(
        (
            click.argument("sources", nargs=-1),
            click.option(
                "--sample", is_flag=True, help=N_("Use the embedded synthetic Kota Serang sample.")
            ),
            click.option(
                "--decisions",
                type=click.Path(path_type=Path, dir_okay=False),
                help=N_("A decisions file (accept/reject suggested matches)."),
            ),
            format_options(output=output),
            click.option(
                "--encoding", default="utf-8", show_default=True, help=N_("Encoding of CSV files.")
            ),
            click.option(
                "--option",
                "options",
                multiple=True,
                metavar="KEY=VALUE",
                help=N_(
                    "An option for every source (e.g. training=ID); per file: PATH#KEY=VALUE,…"
                ),
            ),
            click.option(
                "--source",
                "source_name",
                metavar="NAME",
                help=N_(
                    "The source that reads every SOURCE file (see `kppi plugins`); guessed "
                    "from each file when not given."
                ),
            ),
        )
    ):
        func = option(func)
    return func


def _common_own_output(func: F) -> F:
    """:func:`_common` for a command whose ``-o`` writes something else."""
    return _common(func, output=False)


def _emit(report: Any, fmt: str, csv_dialect: str, registry: Any, findings: bool) -> None:
    registry_formats = formats()
    emit(registry_formats, report, pick_format(registry_formats, fmt, csv_dialect))
    tr = current()
    problems = []
    if registry.ambiguities:
        problems.append(tr.nformat(*_AMBIGUITIES, len(registry.ambiguities)))
    if registry.rejected:
        problems.append(tr.nformat(*_REJECTED, len(registry.rejected)))
    if problems and report.kind != "registry":
        say("note", N_("{problems} (see kppi registry build)"), problems=", ".join(problems))
    sys.exit(1 if findings or problems else 0)


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for the catalog (``ngettext``'s first two arguments)."""
    return (singular, plural)


_AMBIGUITIES = _n("{n} open ambiguity", "{n} open ambiguities")
_REJECTED = _n("{n} rejected record", "{n} rejected records")


def _today(on: datetime.datetime | None) -> datetime.date:
    return on.date() if on is not None else datetime.date.today()


# ------------------------------------------------------------------ commands


@click.group("registry", cls=Group)
def registry_group() -> None:
    """Persons across sources: matched, explained, flagged."""


@registry_group.command("build")
@_common_own_output
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Write the registry (JSON, no NIK or birth date in clear)."),
)
def build_command(
    inputs: _Inputs,
    output: Path | None,
) -> None:
    """Build the registry from SOURCE files and report merges, ambiguities and flags.

    SOURCE: party membership exports, attendance sheets (with
    '#training=ID,session=ID'), candidates CSVs, the library's JSON, or a
    registry file written by -o (building again from it changes nothing).
    """
    from kppi_core.cli._files import write_output
    from kppi_core.cli._i18n import current
    from kppi_core.registry import dump_registry
    from kppi_core.render.registry import registry_document

    registry = inputs.registry()
    if output is not None:
        read: list[Path | str] = [*inputs.sources]
        if inputs.decisions is not None:
            read.append(inputs.decisions)
        write_output(output, dump_registry(registry), read)
    inputs.emit(
        registry_document(registry, str(output) if output else None, current().code),
        registry,
        bool(registry.flags),
    )


@click.group("training", cls=Group)
def training_group() -> None:
    """Trainings: attendance, audiences, speakers, completion."""


@training_group.command("report")
@_common
@click.option("--training", "training_id", help=N_("The training's id (default: the latest)."))
def training_report_command(
    inputs: _Inputs,
    training_id: str | None,
) -> None:
    """Attendance of a training by session, party, organisation and audience."""
    from kppi_core.analysis import training_report

    registry = inputs.registry()
    inputs.emit(training_report(registry, training_id, lang=current().code), registry, False)


@click.command("outreach", cls=Command)
@_common
@click.option(
    "--branch",
    "branch_id",
    help=N_("The caucus branch's id (default: the organiser of the latest training)."),
)
@click.option(
    "--on", type=click.DateTime(["%Y-%m-%d"]), help=N_("The day to report on (default: today).")
)
def outreach_command(
    inputs: _Inputs,
    branch_id: str | None,
    on: datetime.datetime | None,
) -> None:
    """Restructuring: the board against every woman cadre in the area; who was never reached."""
    from kppi_core.analysis import outreach_report

    registry = inputs.registry()
    report = outreach_report(registry, branch_id, today=_today(on), lang=current().code)
    outreach = next(t for t in report.tables if t.name == "outreach")
    inputs.emit(report, registry, bool(outreach.rows))


@click.command("follow-ups", cls=Command)
@_common
@click.option("--branch", "branch_id", help=N_("The caucus branch's id."))
@click.option(
    "--on", type=click.DateTime(["%Y-%m-%d"]), help=N_("The day to report on (default: today).")
)
def follow_ups_command(
    inputs: _Inputs,
    branch_id: str | None,
    on: datetime.datetime | None,
) -> None:
    """Cascade and synergy after the trainings, and each follow-up's status."""
    from kppi_core.analysis import follow_up_report

    registry = inputs.registry()
    report = follow_up_report(registry, branch_id, today=_today(on), lang=current().code)
    status = next(t for t in report.tables if t.name == "status")
    inputs.emit(report, registry, any(row[-1] == "overdue" for row in status.rows))


@click.command("funnel", cls=Command)
@_common
@click.option(
    "--election", "election_id", help=N_("The election's id (with --sample: DPRD_KABKO_2029).")
)
@click.option(
    "--earlier",
    multiple=True,
    help=N_("An election that counts as 'before' (default: every earlier one in the data)."),
)
@click.option("--branch", "branch_id", help=N_("Count only this branch's trainings."))
def funnel_command(
    inputs: _Inputs,
    election_id: str | None,
    earlier: tuple[str, ...],
    branch_id: str | None,
) -> None:
    """Trained cadres → candidates → first block of three → elected, by party and district."""
    from kppi_core.analysis import funnel_report

    if election_id is None:
        if not inputs.sample:
            raise click.UsageError(current().gettext(N_("name the election with --election")))
        election_id = _SAMPLE_ELECTION
    registry = inputs.registry()
    report = funnel_report(
        registry, election_id, branch_id=branch_id, earlier=earlier or None, lang=current().code
    )
    inputs.emit(report, registry, False)


@training_group.command("completion")
@_common
@click.option("--training", "training_id", help=N_("The training's id (default: the latest)."))
@click.option(
    "--at-least", "at_least", type=click.IntRange(min=1), help=N_("Sessions needed (k of n).")
)
@click.option(
    "--require",
    "required",
    multiple=True,
    metavar="SESSION",
    help=N_("A session that must be attended (repeatable)."),
)
@click.option(
    "--certificates",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("Write who qualifies for a certificate as CSV (for a mail merge)."),
)
def completion_command(
    inputs: _Inputs,
    training_id: str | None,
    at_least: int | None,
    required: tuple[str, ...],
    certificates: Path | None,
) -> None:
    """Who completed a training (all sessions, --at-least K, --require SESSION),
    who is one session short, and a roster per session."""
    from kppi_core.analysis.completion import (
        CompletionRule,
        certificates_csv,
        completion,
        completion_report,
    )
    from kppi_core.analysis.training import trainings_of

    registry = inputs.registry()
    rule = None
    if training_id is not None or at_least is not None or required:
        if training_id is None:
            found = trainings_of(registry)
            training_id = found[-1].id if found else ""
        rule = CompletionRule(training_id, at_least, required)
    done = completion(registry, rule, lang=current().code)
    if certificates is not None:
        from kppi_core.cli._files import write_output

        write_output(certificates, certificates_csv(done), inputs.sources)
    inputs.emit(completion_report(done, lang=current().code), registry, False)


def register(cli: click.Group) -> None:
    """Add the cadre commands to ``cli``."""
    for command in (
        registry_group,
        training_group,
        outreach_command,
        follow_ups_command,
        funnel_command,
    ):
        cli.add_command(command)


@hookimpl
def kppi_register_commands(cli: click.Group) -> None:
    """Add the cadre commands to ``cli`` at once (kppi itself declares them lazily,
    in :mod:`kppi_core.plugins.builtins`)."""
    register(cli)
