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
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from kppi_core.hookspecs import hookimpl

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

_FORMATS = ("text", "json", "csv", "markdown")
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
            raise click.BadParameter(f"{arg!r}: options are KEY=VALUE after '#'")
        options[key.strip()] = value.strip()
    return Path(path), options


def _dataset_records(path: Path) -> Iterator[Any]:
    from kppi_core.dataset import read_dataset

    read = read_dataset(path)
    ds = read.dataset
    for section in (
        ds.persons,
        ds.organizations,
        ds.posts,
        ds.memberships,
        ds.trainings,
        ds.participations,
        ds.follow_ups,
        ds.elections,
        ds.districts,
        ds.candidate_lists,
    ):
        yield from section
    yield from read.rejected


def read_records(
    path: Path, *, encoding: str = "utf-8", options: dict[str, str] | None = None
) -> Iterable[Any]:
    """The records of one source file: a registry file, a JSON data set, or any
    file a registered source reads (through the plugin manager when present)."""
    from kppi_core.registry import is_registry_file, registry_records

    if is_registry_file(path):
        return registry_records(path)
    if path.suffix.casefold() == ".json":
        return _dataset_records(path)
    from kppi_core.sources import ReadContext

    context = ReadContext(encoding=encoding, options=dict(options or {}))
    try:
        from kppi_core.plugins import read_source, source_for
    except ImportError:  # pragma: no cover - before the plugin manager existed
        return _direct(path, context)
    from kppi_core.errors import NotFound

    try:
        chosen = source_for(path)
        with path.open("rb") as fh:
            recognised = chosen.sniff(path, fh.read(64 << 10))
    except (NotFound, OSError):
        recognised = False
    if recognised:
        return read_source(path, chosen, context)
    return _direct(path, context)  # a built-in adapter the manager does not list (yet)


_ADAPTERS = (
    "kppi_core.adapters.membership_csv",
    "kppi_core.adapters.attendance_csv",
    "kppi_core.adapters.candidates_csv",
)


def _direct(path: Path, context: Any) -> Iterable[Any]:
    """Read ``path`` with the first built-in adapter that recognises it."""
    from kppi_core.builtins import PLUGINS
    from kppi_core.errors import SourceError
    from kppi_core.lazy import load_target

    try:
        with path.open("rb") as fh:
            head = fh.read(64 << 10)
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}", path=str(path)) from None
    for name in _ADAPTERS:
        found: list[Any] = []
        PLUGINS[name].kppi_register_sources(register=found.append)  # type: ignore[attr-defined]
        for declared in found:
            try:
                source = load_target(declared.target)()  # type: ignore[operator]
            except ImportError:
                continue
            if source.sniff(path, head):
                return source.read(path, context)  # type: ignore[no-any-return]
    raise SourceError("no source recognises this file", path=str(path))


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
        click.echo("kppi: warning: no attendance source: the sample's sheets are skipped", err=True)
        names = [n for n in names if n not in options]
    return [(n, read_records(folder / n, options=options.get(n))) for n in names]


def _registry(
    sources: tuple[str, ...],
    sample: bool,
    decisions: Path | None,
    encoding: str,
    options: tuple[str, ...],
) -> Any:
    from kppi_core.registry import build_registry, fingerprint_key, read_decisions

    if sample == bool(sources):
        raise click.UsageError("give SOURCE files or --sample (one of them)")
    common = {}
    for opt in options:
        name, sep, value = opt.partition("=")
        if not sep:
            raise click.BadParameter(f"{opt!r} is not KEY=VALUE", param_hint="--option")
        common[name] = value
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
            chosen.append((str(path), read_records(path, encoding=encoding, options=common | opts)))
    made = read_decisions(decisions) if decisions is not None else ()
    return build_registry(chosen, key=key, decisions=made)


def _common(func: F) -> F:
    for option in reversed(
        (
            click.argument("sources", nargs=-1),
            click.option(
                "--sample", is_flag=True, help="Use the embedded synthetic Kota Serang sample."
            ),
            click.option(
                "--decisions",
                type=click.Path(path_type=Path, dir_okay=False),
                help="A decisions file (accept/reject suggested matches).",
            ),
            click.option(
                "--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True
            ),
            click.option(
                "--encoding", default="utf-8", show_default=True, help="Encoding of CSV files."
            ),
            click.option(
                "--option",
                "options",
                multiple=True,
                metavar="KEY=VALUE",
                help="An option for every source (e.g. training=ID); per file: PATH#KEY=VALUE,…",
            ),
        )
    ):
        func = option(func)
    return func


def _emit(report: Any, fmt: str, registry: Any, findings: bool) -> None:
    from kppi_core.analysis import render

    click.echo(render(report, fmt), nl=False)
    problems = []
    if registry.ambiguities:
        problems.append(f"{len(registry.ambiguities)} open ambiguities")
    if registry.rejected:
        problems.append(f"{len(registry.rejected)} rejected records")
    if problems and report.kind != "registry":
        click.echo(f"kppi: note: {', '.join(problems)} (see kppi registry build)", err=True)
    sys.exit(1 if findings or problems else 0)


# ------------------------------------------------------------------ the registry report


def registry_report(registry: Any, written: str | None = None) -> Any:
    """The registry as a report: counts, merges, ambiguities, flags, rejections."""
    from kppi_core.analysis import Report, Table

    def name(pid: str | None) -> str:
        person = registry.get(pid) if pid else None
        return person.name if person else ""

    kinds = Counter(f.kind.value for f in registry.flags)
    facts = [
        ("records_read", registry.records),
        ("persons", len(registry.persons)),
        ("merges", len(registry.merges)),
        ("redirected_ids", len(registry.redirects)),
        ("open_ambiguities", len(registry.ambiguities)),
        ("decisions_applied", len(registry.decisions)),
        ("flags", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "(none)"),
        ("rejected_records", len(registry.rejected)),
    ]
    if written:
        facts.append(("written_to", written))
    return Report(
        kind="registry",
        title="Registry",
        facts=tuple(facts),
        tables=(
            Table(
                "merges",
                "Merges",
                ("person_id", "a", "b", "rule"),
                tuple(
                    (m.person_id, str(m.a), str(m.b), m.explain().split(": ", 1)[1])
                    for m in registry.merges
                ),
            ),
            Table(
                "ambiguities",
                "Open ambiguities (decide: accept or reject a with b)",
                ("ambiguity", "a", "a_name", "b", "b_name", "reasons", "a_record", "b_record"),
                tuple(
                    (
                        x.id,
                        x.a,
                        name(x.a),
                        x.b,
                        name(x.b),
                        "; ".join(x.reasons),
                        x.a_record,
                        x.b_record,
                    )
                    for x in registry.ambiguities
                ),
            ),
            Table(
                "flags",
                "Flags",
                ("flag", "person_id", "name", "detail", "sources"),
                tuple(
                    (
                        f.kind.value,
                        f.person_id or "",
                        name(f.person_id),
                        f.detail,
                        tuple(str(s) for s in f.sources),
                    )
                    for f in registry.flags
                ),
            ),
            Table(
                "rejected",
                "Rejected records",
                ("source", "line", "field", "reason"),
                tuple((r.source, r.line, r.field or "", r.reason) for r in registry.rejected),
            ),
        ),
        notes=(
            "Record fingerprints are keyed HMACs: copy a_record and b_record into a "
            'decisions file ({"decisions": [{"a": …, "b": …, "decision": "accept"}]}).',
        ),
    )


def _today(on: datetime.datetime | None) -> datetime.date:
    return on.date() if on is not None else datetime.date.today()


# ------------------------------------------------------------------ commands


def register(cli: click.Group) -> None:
    """Add the cadre commands to ``cli``."""

    @cli.group("registry")
    def registry_group() -> None:
        """Persons across sources: matched, explained, flagged."""

    @registry_group.command("build")
    @_common
    @click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write the registry (JSON, no NIK or birth date in clear).",
    )
    def build(
        sources: tuple[str, ...],
        sample: bool,
        decisions: Path | None,
        fmt: str,
        encoding: str,
        options: tuple[str, ...],
        output: Path | None,
    ) -> None:
        """Build the registry from SOURCE files and report merges, ambiguities and flags.

        SOURCE: party membership exports, attendance sheets (with
        '#training=ID,session=ID'), candidates CSVs, the library's JSON, or a
        registry file written by -o (building again from it changes nothing).
        """
        from kppi_core.cli._output import write_output
        from kppi_core.registry import dump_registry

        registry = _registry(sources, sample, decisions, encoding, options)
        if output is not None:
            inputs: list[Path | str] = [*sources, *([decisions] if decisions else [])]
            write_output(output, dump_registry(registry), inputs)
        _emit(
            registry_report(registry, str(output) if output else None),
            fmt,
            registry,
            bool(registry.flags),
        )

    @cli.group("training")
    def training_group() -> None:
        """Trainings: attendance, audiences, speakers."""

    @training_group.command("report")
    @_common
    @click.option("--training", "training_id", help="The training's id (default: the latest).")
    def training_report_cmd(
        sources: tuple[str, ...],
        sample: bool,
        decisions: Path | None,
        fmt: str,
        encoding: str,
        options: tuple[str, ...],
        training_id: str | None,
    ) -> None:
        """Attendance of a training by session, party, organisation and audience."""
        from kppi_core.analysis import training_report

        registry = _registry(sources, sample, decisions, encoding, options)
        _emit(training_report(registry, training_id), fmt, registry, False)

    @cli.command("outreach")
    @_common
    @click.option(
        "--branch",
        "branch_id",
        help="The caucus branch's id (default: the organiser of the latest training).",
    )
    @click.option(
        "--on", type=click.DateTime(["%Y-%m-%d"]), help="The day to report on (default: today)."
    )
    def outreach_cmd(
        sources: tuple[str, ...],
        sample: bool,
        decisions: Path | None,
        fmt: str,
        encoding: str,
        options: tuple[str, ...],
        branch_id: str | None,
        on: datetime.datetime | None,
    ) -> None:
        """Restructuring: the board against every woman cadre in the area; who was never reached."""
        from kppi_core.analysis import outreach_report

        registry = _registry(sources, sample, decisions, encoding, options)
        report = outreach_report(registry, branch_id, today=_today(on))
        outreach = next(t for t in report.tables if t.name == "outreach")
        _emit(report, fmt, registry, bool(outreach.rows))

    @cli.command("follow-ups")
    @_common
    @click.option("--branch", "branch_id", help="The caucus branch's id.")
    @click.option(
        "--on", type=click.DateTime(["%Y-%m-%d"]), help="The day to report on (default: today)."
    )
    def follow_ups_cmd(
        sources: tuple[str, ...],
        sample: bool,
        decisions: Path | None,
        fmt: str,
        encoding: str,
        options: tuple[str, ...],
        branch_id: str | None,
        on: datetime.datetime | None,
    ) -> None:
        """Cascade and synergy after the trainings, and each follow-up's status."""
        from kppi_core.analysis import follow_up_report

        registry = _registry(sources, sample, decisions, encoding, options)
        report = follow_up_report(registry, branch_id, today=_today(on))
        status = next(t for t in report.tables if t.name == "status")
        _emit(report, fmt, registry, any(row[-1] == "overdue" for row in status.rows))

    @cli.command("funnel")
    @_common
    @click.option(
        "--election", "election_id", help=f"The election's id (with --sample: {_SAMPLE_ELECTION})."
    )
    @click.option(
        "--earlier",
        multiple=True,
        help="An election that counts as 'before' (default: every earlier one in the data).",
    )
    @click.option("--branch", "branch_id", help="Count only this branch's trainings.")
    def funnel_cmd(
        sources: tuple[str, ...],
        sample: bool,
        decisions: Path | None,
        fmt: str,
        encoding: str,
        options: tuple[str, ...],
        election_id: str | None,
        earlier: tuple[str, ...],
        branch_id: str | None,
    ) -> None:
        """Trained cadres → candidates → first block of three → elected, by party and district."""
        from kppi_core.analysis import funnel_report

        if election_id is None:
            if not sample:
                raise click.UsageError("name the election with --election")
            election_id = _SAMPLE_ELECTION
        registry = _registry(sources, sample, decisions, encoding, options)
        report = funnel_report(registry, election_id, branch_id=branch_id, earlier=earlier or None)
        _emit(report, fmt, registry, False)


@hookimpl
def kppi_register_commands(cli: click.Group) -> None:
    """Add the cadre commands to ``cli`` at once (kppi itself declares them lazily,
    in :mod:`kppi_core.builtins`)."""
    register(cli)


# The commands, for the lazy declarations in kppi_core.builtins.
_COMMANDS = click.Group()
register(_COMMANDS)
registry_group = _COMMANDS.commands["registry"]
training_group = _COMMANDS.commands["training"]
outreach_command = _COMMANDS.commands["outreach"]
follow_ups_command = _COMMANDS.commands["follow-ups"]
funnel_command = _COMMANDS.commands["funnel"]
