"""``kppi seats`` and ``kppi representation``: a built-in plugin adding two commands.

``kppi seats PATH`` reads results (a candidates CSV with a ``votes`` column,
or any source yielding districts and candidacies), allocates every
district's seats and elects its candidates; JSON carries the audit trail.

``kppi representation PATH`` gives the share of women and the gap to 30% and
15%: from results as above (the council, each party, each district), or from
a figures CSV (columns ``council``, ``seats``, ``women``, ``source``, and
optional ``date``, ``chamber``, ``region``, ``party``, ``note``).

Exit status, like ``kppi check``: 0 when all went well; 1 when records were
rejected, nothing was read, a tie was left undecided (a seat without a
holder), or (``representation``, by ``--fail-under``, default ``minimum``) a
whole council is below 15% women; 2 when the command could not run (usage,
an unreadable file, a district without votes, bad options).
"""

from __future__ import annotations

import csv
import sys
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kppi_core.cli._i18n import Command, current, say
from kppi_core.cli._output import emit, format_options, formats, pick_format
from kppi_core.i18n import N_

if TYPE_CHECKING:
    from kppi_core.render import Format, Formats

__all__ = ["representation_command", "seats_command"]

# The sample's name (the same msgid as `kppi check`'s): the reports show it in their language.
_SAMPLE = N_("sample: Kota Serang 2024 (synthetic)")
_FIGURE_COLUMNS = ("council", "seats", "women", "source")
# A rejection's reason (the words of the rejected records stay English; the catalog has them).
_NOT_WHOLE = N_("seats and women must be whole numbers")


def _fraction(text: str | None) -> Fraction | None:
    """``4%``, ``0.04`` or ``1/25`` as an exact Fraction."""
    if text is None:
        return None
    raw = text.strip()
    tr = current()
    try:
        value = Fraction(raw[:-1].strip()) / 100 if raw.endswith("%") else Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise click.BadParameter(
            tr.format(N_("{text} is not a share (write 4%, 0.04 or 1/25)"), text=repr(text)),
            param_hint="--threshold",
        ) from None
    if not 0 <= value <= 1:
        raise click.BadParameter(
            tr.format(N_("{text} is not between 0 and 1"), text=repr(text)),
            param_hint="--threshold",
        )
    return value


def _read(
    path: Path,
    source_name: str | None,
    encoding: str,
    yields: tuple[str, ...] | None,
    options: dict[str, str] | None = None,
) -> tuple[dict[str, list[Any]], list[Any], int]:
    """What a source reads from ``path`` (through the one reading path), by model
    type; the rejections; and the count of records (districts not counted)."""
    from kppi_core.reading import read_records
    from kppi_core.rejections import Rejection
    from kppi_core.sources import ReadContext, unwrap

    found: dict[str, list[Any]] = {}
    rejected: list[Rejection] = []
    records = 0
    for item in read_records(
        path, source_name, ReadContext(encoding, options=options or {}), yields=yields
    ):
        record, _ = unwrap(item)
        kind = type(record).__name__
        if kind != "District":
            records += 1
        if isinstance(record, Rejection):
            rejected.append(record)
        else:
            found.setdefault(kind, []).append(record)
    return found, rejected, records


def _options(f: Any) -> Any:
    for option in reversed(
        (
            click.argument("path", required=False, type=click.Path(path_type=Path)),
            click.option(
                "--sample", is_flag=True, help=N_("Run on the embedded synthetic sample.")
            ),
            click.option(
                "--chamber",
                default="dprd_regency",
                show_default=True,
                help=N_("dpr (4% threshold), dprd_province or dprd_regency (no threshold)."),
            ),
            click.option(
                "--method",
                default=None,
                help=N_("sainte-lague (the law), dhondt, modified-sainte-lague or hare."),
            ),
            click.option(
                "--threshold", default=None, help=N_("Override the chamber's threshold: 4%, 1/25.")
            ),
            click.option(
                "--list",
                "list_rule",
                type=click.Choice(["open", "closed"]),
                default="open",
                show_default=True,
                help=N_("open: personal votes (the law); closed: list order (a what-if)."),
            ),
            click.option(
                "--woman-priority/--no-woman-priority",
                default=True,
                show_default=True,
                help=N_("A tie between a man and a woman goes to the woman."),
            ),
            format_options(),
            click.option("--encoding", default="utf-8", show_default=True),
            click.option(
                "--source", "source_name", metavar="NAME", help=N_("The source to read with.")
            ),
            click.option(
                "--option",
                "options",
                multiple=True,
                metavar="KEY=VALUE",
                help=N_(
                    "A read option for the source (e.g. seats=8, candidates=PATH); repeatable."
                ),
            ),
        )
    ):
        f = option(f)
    return f


def _run(
    path: Path | None,
    sample: bool,
    chamber: str,
    method: str | None,
    threshold: str | None,
    list_rule: str,
    woman_priority: bool,
    encoding: str,
    source_name: str | None,
    read: tuple[dict[str, list[Any]], list[Any], int] | None = None,
    options: tuple[str, ...] = (),
) -> tuple[Any, list[Any], list[Any], str, int]:
    """Read (unless ``read`` holds what was read) and run the election:
    (result, candidacies, rejected, shown source, records).

    A running count's progress is part of the shown source, so a partial count
    is never shown as a result."""
    from kppi_core.cli import read_options
    from kppi_core.render.seats import progress_label
    from kppi_core.seats import METHODS, run_election

    tr = current()
    if sample == (path is not None):
        raise click.UsageError(tr.gettext(N_("give PATH or --sample (one of them)")))
    rules = _chamber(chamber)
    chosen = None
    if method is not None:
        chosen = METHODS.get(method)
        if chosen is None:
            raise click.BadParameter(
                tr.format(N_("{method}; known: {known}"), method=repr(method),
                          known=", ".join(sorted(METHODS))),
                param_hint="--method",
            )  # fmt: skip
    shown = _SAMPLE if sample else str(path)
    if sample:
        from kppi_core.samples import sample_path

        path, source_name = sample_path("candidates"), source_name or "candidates-csv"
    assert path is not None
    if read is None:
        read = _read(path, source_name, encoding, ("Candidacy",), read_options(options))
    found, rejected, records = read
    districts, cands = found.get("District", []), found.get("Candidacy", [])
    ballots: dict[tuple[str, str], int] = {}
    for v in found.get("PartyVotes", []):
        ballots[(v.district_id, v.party)] = ballots.get((v.district_id, v.party), 0) + v.votes
    progress = found.get("CountProgress", [])
    result = run_election(
        districts,
        cands,
        rules,
        method=chosen,
        threshold=_fraction(threshold),
        party_ballots=ballots or None,
        rule="open-list" if list_rule == "open" else "closed-list",
        woman_priority=woman_priority,
    )
    if progress:
        shown = f"{shown} — " + "; ".join(progress_label(p, tr.code) for p in progress)
    return result, cands, rejected, shown, records


def _chamber(name: str) -> Any:
    """The rules of the chamber ``name`` (``--chamber``), or a usage error in the
    reader's language."""
    from kppi_core.errors import InvalidRecord
    from kppi_core.model import Chamber
    from kppi_core.seats import CHAMBER_RULES

    tr = current()
    known = ", ".join(c.value for c in CHAMBER_RULES)
    try:
        chamber = Chamber.parse(name)
    except InvalidRecord:
        message = tr.format(N_("{chamber} is not a known chamber; known: {known}"),
                            chamber=repr(name), known=known)  # fmt: skip
        raise click.BadParameter(message, param_hint="--chamber") from None
    if chamber not in CHAMBER_RULES:
        message = tr.format(N_("chamber {chamber} is not elected by party lists; known: {known}"),
                            chamber=repr(chamber.value), known=known)  # fmt: skip
        raise click.BadParameter(message, param_hint="--chamber")
    return CHAMBER_RULES[chamber]


@click.command("seats", cls=Command)
@_options
def seats_command(**options: Any) -> None:
    """Allocate each district's seats and elect its candidates from results with votes.

    Exit status 0; 1 if records were rejected, nothing was read, or a tie was
    left undecided; 2 if it could not run.
    """
    from kppi_core.render.seats import seats_document

    registry = formats()
    chosen = pick_format(registry, options.pop("fmt"), options.pop("csv_dialect"))
    result, _, rejected, shown, records = _run(**options)
    lang = current()
    document = seats_document(
        result, source=shown, records=records, rejected=rejected, lang=lang.code
    )
    emit(registry, document, chosen)
    if not result.districts:
        say("warning", N_("no districts found in {source}"), source=lang.gettext(shown))
    sys.exit(1 if rejected or not result.districts or result.unresolved else 0)


def _is_figures(path: Path, encoding: str) -> bool:
    if path.suffix.casefold() != ".csv":
        return False
    try:
        with path.open(encoding=encoding, newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    names = {h.strip().casefold().lstrip("\ufeff") for h in header}
    return set(_FIGURE_COLUMNS) <= names


def _read_figures(path: Path, encoding: str) -> tuple[list[Any], list[Any]]:
    """Figures from a figures CSV, and a rejection for each row that is not one."""
    from kppi_core.errors import InvalidRecord, Message
    from kppi_core.rejections import Rejection
    from kppi_core.seats.representation import Representation, from_figure

    rows: list[Representation] = []
    rejected: list[Rejection] = []
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        for raw in reader:
            line = reader.line_num
            row = {(k or "").strip().casefold().lstrip("\ufeff"): (v or "").strip()
                   for k, v in raw.items()}  # fmt: skip
            try:
                seats, women = int(row["seats"]), int(row["women"])
            except ValueError:
                rejected.append(Rejection(str(path), line, "seats", Message(_NOT_WHOLE)))
                continue
            figure = {
                "chamber": row.get("chamber") or None,
                "seats": seats,
                "women": women,
                "source": row["source"],
                "date": row.get("date") or None,
                "region": row.get("region") or None,
                "party": row.get("party") or None,
                "note": row.get("note") or None,
            }
            try:
                rows.append(from_figure(_Figure(**figure), council=row["council"] or None))
            except InvalidRecord as exc:
                rejected.append(Rejection(str(path), line, None, Message.join("; ", exc.messages)))
    return rows, rejected


class _Figure:
    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    seats: int
    women: int
    source: str
    date: object


@click.command("representation", cls=Command)
@_options
@click.option(
    "--fail-under",
    type=click.Choice(["minimum", "target", "none"]),
    default="minimum",
    show_default=True,
    # TRANSLATORS: 'council' covers DPR and DPRD here; written DPR/DPRD.
    help=N_("Exit 1 when a whole council is below 15% (minimum) or 30% (target) women."),
)
@click.option("--date", "date", default=None, help=N_("Date of the results (YYYY[-MM[-DD]])."))
def representation_command(fail_under: str, date: str | None, **options: Any) -> None:
    """Share of women in each council, party and district, and the gap to 30% and 15%.

    Exit status 0; 1 if records were rejected, nothing was read, a tie was
    left undecided, or a whole council is under --fail-under; 2 if it could
    not run.
    """
    from kppi_core.cli import read_options
    from kppi_core.seats.representation import from_election

    registry = formats()
    chosen = pick_format(registry, options.pop("fmt"), options.pop("csv_dialect"))
    path: Path | None = options["path"]
    read = None
    if path is not None and not options["sample"]:
        if options["source_name"] is None and _is_figures(path, options["encoding"]):
            rows, rejected = _read_figures(path, options["encoding"])
            _finish(rows, [r for r in rows if r.party is None], rejected, str(path),
                    (registry, chosen), fail_under, 0)  # fmt: skip
        # Any source, through the one reading path: figures (Parline), Popolo, or results.
        read = _read(
            path,
            options["source_name"],
            options["encoding"],
            None,
            read_options(options["options"]),
        )
        if "RepresentationFigure" in read[0] or "Membership" in read[0]:
            rows = _figures(read[0], str(path), date)
            _finish(rows, [r for r in rows if r.party is None], read[1], str(path),
                    (registry, chosen), fail_under, 0)  # fmt: skip
    result, _, rejected, shown, _ = _run(**options, read=read)
    rows = (
        list(
            from_election(
                result,
                source=shown,
                date=date or ("2024" if options["sample"] else None),
                by=("council", "party", "district"),
            )
        )
        if result.districts
        else []
    )
    _finish(rows, rows[:1], rejected, shown, (registry, chosen), fail_under, result.unresolved)


def _figures(found: dict[str, list[Any]], source: str, date: str | None) -> list[Any]:
    """Representation rows from published figures (Parline) or from a Popolo file's
    legislatures (on ``date``, else the latest start of a membership of each)."""
    import datetime

    from kppi_core.model import PartialDate
    from kppi_core.seats.representation import from_figure, from_popolo

    rows = [from_figure(f) for f in found.get("RepresentationFigure", [])]
    organisations = found.get("Organization", [])
    memberships = found.get("Membership", [])
    for org in organisations:
        if org.classification != "legislature":
            continue
        on: PartialDate | None
        if date is not None:
            on = PartialDate.parse(date)
        else:
            starts = [m.start_date for m in memberships
                      if m.organization_id == org.id and m.start_date is not None]  # fmt: skip
            on = max(starts, key=lambda d: d.earliest) if starts else None
        day = datetime.date.today() if on is None else on.earliest
        rows += from_popolo(
            found.get("Person", []), memberships, organisations, org.id, on=day, source=source
        )
    return rows


def _finish(
    rows: list[Any],
    councils: list[Any],
    rejected: list[Any],
    shown: str,
    output: tuple[Formats, Format],
    fail_under: str,
    unresolved: int,
) -> NoReturn:
    """Print the representation report and exit with its status."""
    from kppi_core.render.seats import representation_document

    registry, chosen = output
    lang = current()
    document = representation_document(rows, source=shown, rejected=rejected, lang=lang.code)
    emit(registry, document, chosen)
    below = False
    if fail_under != "none":
        below = any(
            not (r.to_minimum if fail_under == "minimum" else r.to_target).met for r in councils
        )
    if not rows:
        say("warning", N_("nothing to measure in {source}"), source=lang.gettext(shown))
    sys.exit(1 if rejected or not rows or unresolved or below else 0)
