"""The charts each report shows on a page, drawn from the report's own tables.

A chart names the table it is drawn from (the page links the two) and says
in words what it shows (its text alternative). Which charts a report has is
decided here, by the document's kind and the tables it holds: a table that
is missing gives no chart, never an error.
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

import attrs

from kppi_core.render import charts
from kppi_core.render._quota_figures import GRID_MAX_LISTS
from kppi_core.render.model import DATA, Cell, Document, Table, percent

__all__ = ["Chart", "charts_for"]

_TARGET, _MINIMUM = Fraction(3, 10), Fraction(15, 100)


@attrs.frozen
class Chart:
    """One chart: its id in the page, its title and text alternative, the
    table it is drawn from (the page links to it when it shows it), and how
    to draw it (SVG text)."""

    name: str
    title: str
    desc: str
    table: Table = attrs.field(eq=False, repr=False)
    draw: Callable[[], str] = attrs.field(eq=False, repr=False)


def _find(doc: Document, name: str) -> Table | None:
    """The table ``name`` of the data view (typed rows), else of any view."""
    found = [t for t in doc.tables if t.name == name]
    return next((t for t in found if DATA in t.views), found[0] if found else None)


def _col(table: Table, name: str) -> int | None:
    try:
        return table.columns.index(name)
    except ValueError:
        return None


def _int(value: Cell) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _figures(labels: Sequence[str], values: Sequence[str], most: int = 12) -> str:
    parts = [f"{a}: {b}" for a, b in zip(labels, values, strict=True)]
    if len(parts) > most:
        parts = [*parts[:most], f"and {len(parts) - most} more in the table"]
    return "; ".join(parts) + "."


def _bars(
    name: str,
    title: str,
    table: Table,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | Fraction]]],
    desc: str,
    **options: object,
) -> Chart:
    def draw() -> str:
        return charts.bars(name, title, desc, labels, series, **options)  # type: ignore[arg-type]

    return Chart(name, title, desc, table, draw)


def _shares(
    name: str,
    title: str,
    table: Table,
    label: Callable[[tuple[Cell, ...]], str],
    lines: Sequence[tuple[Fraction, str]],
) -> Chart | None:
    """Women's share per row of a table with ``women`` and ``seats`` or ``candidates``,
    against the reference ``lines``."""
    women = _col(table, "women")
    total = _col(table, "seats")
    if total is None:
        total = _col(table, "candidates")
    if women is None or total is None or not table.rows:
        return None
    rows = [r for r in table.rows if _int(r[total])]
    labels = [label(r) for r in rows]
    shares = [Fraction(_int(r[women]), _int(r[total])) for r in rows]
    desc = _figures(
        labels,
        [
            f"{percent(s)} women ({_int(r[women])} of {_int(r[total])})"
            for s, r in zip(shares, rows, strict=True)
        ],
    )
    return _bars(name, title, table, labels, [("women", shares)], desc, lines=lines, share=True)


def _check(doc: Document) -> Iterator[Chart]:
    names = {n: t for n in ("parties", "rule_failures", "list_heads", "list_positions")
             if (t := _find(doc, n)) is not None}  # fmt: skip
    parties = names.get("parties")
    if parties is not None:
        chart = _shares(
            "chart-party-share",
            "Women's share of each party's lists against the required 30%",
            parties,
            lambda r: str(r[0]),
            [(_TARGET, "30% required (UU 7/2017 art. 245)")],
        )
        if chart is not None:
            yield chart
    failures = names.get("rule_failures")
    if failures is not None and failures.rows and len(failures.columns) > 1:
        rules = failures.columns[1:]
        labels = [str(r[0]) for r in failures.rows]
        series = [(rule, [_int(r[i + 1]) for r in failures.rows]) for i, rule in enumerate(rules)]
        desc = _figures(
            labels,
            [
                ", ".join(f"{rule} {_int(r[i + 1])}" for i, rule in enumerate(rules))
                for r in failures.rows
            ],
        )
        yield _bars(
            "chart-rule-failures",
            "Lists that fail each rule, per party",
            failures,
            labels,
            series,
            desc,
            stacked=True,
            colors=charts.SERIES[2:],
        )
    heads = names.get("list_heads")
    if heads is not None and heads.rows:
        share = _col(heads, "share_woman_at_1")
        if share is not None:
            labels = [str(r[0]) for r in heads.rows]
            values: list[int | Fraction] = []
            for r in heads.rows:
                v = r[share]
                values.append(v if isinstance(v, Fraction) else Fraction(0))
            desc = _figures(labels, [percent(Fraction(v)) for v in values])
            yield _bars(
                "chart-list-heads",
                "KPPI indicator (not a legal rule): share of each party's lists headed by a woman",
                heads,
                labels,
                [("woman at position 1", values)],
                desc,
                share=True,
            )
    positions = names.get("list_positions")
    if positions is not None and 0 < len(positions.rows) <= GRID_MAX_LISTS:
        d, p, s = (_col(positions, c) for c in ("district", "party", "sexes"))
        if d is not None and p is not None and s is not None:
            rows = [(f"{r[d]} · {r[p]}", str(r[s])) for r in positions.rows]
            women = sum(x.count("P") for _, x in rows)
            total = sum(len(x) for _, x in rows)
            desc = (
                f"{len(rows)} lists, one row each (district · party), one square per list "
                f"position coloured by sex: {women} of {total} positions are held by women. "
                "P: perempuan (woman), L: laki-laki (man), ?: not stated."
            )
            title = "List positions by sex, party × district"

            def draw() -> str:
                return charts.grid("chart-grid", title, desc, rows)

            yield Chart("chart-grid", title, desc, positions, draw)


def _representation(doc: Document) -> Iterator[Chart]:
    table = _find(doc, "representation")
    if table is None:
        return
    region, party = _col(table, "region"), _col(table, "party")
    if region is None or party is None:
        return
    groups: dict[str, list[tuple[Cell, ...]]] = {"council": [], "party": [], "district": []}
    for r in table.rows:
        key = "party" if r[party] else "district" if r[region] else "council"
        groups[key].append(r)
    for key, what in (("council", "each council"), ("party", "party"), ("district", "district")):
        rows = groups[key]
        if not rows:
            continue
        sub = Table(table.name, table.title, table.columns, tuple(rows))

        def label(r: tuple[Cell, ...]) -> str:
            return " · ".join(str(c) for c in (r[0], r[region], r[party]) if c)

        title = f"Women's share of seats, by {what}, against 30% and 15%"
        if key == "council":
            title = "Women's share of seats in each council, against 30% and 15%"
        chart = _shares(
            f"chart-representation-{key}",
            title,
            sub,
            label,
            [(_TARGET, "30% target"), (_MINIMUM, "15% minimum")],
        )
        if chart is not None:
            yield chart


def _seats(doc: Document) -> Iterator[Chart]:
    table = _find(doc, "seats")
    if table is None:
        return
    kind, party, gender = (_col(table, c) for c in ("kind", "party", "gender"))
    if kind is None or party is None or gender is None:
        return
    women: Counter[str] = Counter()
    men: Counter[str] = Counter()
    for r in table.rows:
        if r[kind] == "elected":
            (women if r[gender] == "P" else men)[str(r[party])] += 1
    labels = sorted(set(women) | set(men), key=lambda p: (-(women[p] + men[p]), p))
    if not labels:
        return
    desc = _figures(labels, [f"{women[p] + men[p]} seats, {women[p]} to women" for p in labels])
    yield _bars(
        "chart-seats",
        "Seats won by each party, women and men elected",
        table,
        labels,
        [("women", [women[p] for p in labels]), ("men and not stated", [men[p] for p in labels])],
        desc,
        stacked=True,
    )


def _funnel(doc: Document) -> Iterator[Chart]:
    table = _find(doc, "stages")
    if table is None or not table.rows:
        return
    labels = [str(r[0]).replace("_", " ") for r in table.rows]
    values = [_int(r[1]) for r in table.rows]
    desc = _figures(labels, [str(v) for v in values])
    yield _bars(
        "chart-funnel",
        "The funnel: trained cadres to candidates to elected",
        table,
        labels,
        [("persons", values)],
        desc,
        colors=(charts.WOMAN,),
    )


def _training(doc: Document) -> Iterator[Chart]:
    names = {n: t for n in ("by_party", "sessions") if (t := _find(doc, n)) is not None}
    by_party = names.get("by_party")
    if by_party is not None and by_party.rows:
        party, attended = _col(by_party, "party"), _col(by_party, "attended")
        if party is not None and attended is not None:
            totals: Counter[str] = Counter()
            for r in by_party.rows:
                totals[str(r[party])] += _int(r[attended])
            labels = sorted(totals, key=lambda p: (-totals[p], p))
            desc = _figures(labels, [f"{totals[p]} attendances" for p in labels])
            yield _bars(
                "chart-attendance-party",
                "Attendance by party (all sessions)",
                by_party,
                labels,
                [("attended", [totals[p] for p in labels])],
                desc,
            )
    sessions = names.get("sessions")
    if sessions is not None and sessions.rows:
        audience, attended = _col(sessions, "audience"), _col(sessions, "attended")
        if audience is not None and attended is not None:
            per: Counter[str] = Counter()
            for r in sessions.rows:
                cell = r[audience]
                for a in cell if isinstance(cell, tuple) else (str(cell or "not stated"),):
                    per[a] += _int(r[attended])
            labels = sorted(per, key=lambda a: (-per[a], a))
            desc = _figures(labels, [f"{per[a]} attendances" for a in labels])
            yield _bars(
                "chart-attendance-audience",
                "Attendance by audience (a session open to several counts for each)",
                sessions,
                labels,
                [("attended", [per[a] for a in labels])],
                desc,
                colors=(charts.OTHER,),
            )


def _outreach(doc: Document) -> Iterator[Chart]:
    table = _find(doc, "by_party")
    if table is None or not table.rows:
        return
    cols = [
        c for c in ("women_cadres", "on_board", "trained", "never_reached") if c in table.columns
    ]
    if not cols:
        return
    labels = [str(r[0]) for r in table.rows]
    series = [
        (c.replace("_", " "), [_int(r[table.columns.index(c)]) for r in table.rows]) for c in cols
    ]
    desc = _figures(
        labels,
        [
            ", ".join(f"{c.replace('_', ' ')} {_int(r[table.columns.index(c)])}" for c in cols)
            for r in table.rows
        ],
    )
    yield _bars("chart-outreach", "Women cadres by party: on the board, trained, never reached",
                table, labels, series, desc)  # fmt: skip


def _month(value: Cell) -> str:
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m}"
    text = str(value or "")
    return text[:7] if len(text) >= 7 else "no due date"


def _follow_ups(doc: Document) -> Iterator[Chart]:
    for table in doc.tables:
        if table.name not in ("status", "follow_ups") or not table.rows:
            continue
        due, state = _col(table, "due"), _col(table, "status")
        if due is None or state is None:
            continue
        counts: Counter[tuple[str, str]] = Counter(
            (_month(r[due]), str(r[state])) for r in table.rows
        )
        months = sorted({m for m, _ in counts})
        states = sorted({s for _, s in counts})
        series = [(s, [counts[m, s] for m in months]) for s in states]
        desc = _figures(
            months,
            [", ".join(f"{counts[m, s]} {s}" for s in states if counts[m, s]) for m in months],
        )
        yield _bars(
            f"chart-due-{table.name}",
            f"{table.title}: follow-ups by due month and status",
            table,
            months,
            series,
            desc,
            stacked=True,
            colors=[_STATUS_COLOURS.get(x, charts.UNKNOWN) for x in states],
        )


#: A follow-up's status, coloured as a reader expects (done green, overdue red).
_STATUS_COLOURS = {"done": "#009E73", "overdue": "#D55E00", "open": "#0072B2"}


_BY_KIND: dict[str, Callable[[Document], Iterator[Chart]]] = {
    "check": _check,
    "representation": _representation,
    "seats": _seats,
    "funnel": _funnel,
    "training": _training,
    "outreach": lambda doc: itertools.chain(_outreach(doc), _follow_ups(doc)),
    "follow_ups": _follow_ups,
}


def charts_for(document: Document) -> list[Chart]:
    """The charts of ``document``'s page, in the order they are shown."""
    make = _BY_KIND.get(document.kind)
    return list(make(document)) if make else []
