"""The charts each report shows on a page, drawn from the report's own tables.

A chart names the table it is drawn from (the page links the two) and says
in words what it shows (its text alternative). Which charts a report has is
decided here, by the document's kind and the tables it holds: a table that
is missing gives no chart, never an error. Every word a chart adds (its
title, legend, description) is in the document's language, its numbers and
percentages written per locale; counts read as counts ("14 of 18 seats").
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

import attrs

from kppi_core.glossary import GENDERS, LAW, RULES, TERMS, _n
from kppi_core.i18n import N_, Language, language
from kppi_core.render import charts, words
from kppi_core.render._quota_figures import GRID_MAX_LISTS
from kppi_core.render._quota_words import pair
from kppi_core.render.model import DATA, Cell, Document, Table

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


def _figures(labels: Sequence[str], values: Sequence[str], tr: Language, most: int = 12) -> str:
    parts = [f"{a}: {b}" for a, b in zip(labels, values, strict=True)]
    if len(parts) > most:
        parts = [*parts[:most], tr.format(N_("and {n} more in the table"), n=len(parts) - most)]
    return "; ".join(parts) + "."


#: A share of women in words, with the counts it is made of: "39.0% women (16 of 41 candidates)".
_SHARE = N_("{share} women ({count})")
_CANDIDATES_OF = _n("{part} of {n} candidate", "{part} of {n} candidates")


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
    tr: Language,
) -> Chart | None:
    """Women's share per row of a table with ``women`` and ``seats`` or ``candidates``,
    against the reference ``lines``."""
    women = _col(table, "women")
    total = _col(table, "seats")
    of = pair(TERMS, "seats-of")
    if total is None:
        total, of = _col(table, "candidates"), _CANDIDATES_OF
    if women is None or total is None or not table.rows:
        return None
    rows = [r for r in table.rows if _int(r[total])]
    labels = [label(r) for r in rows]
    shares = [Fraction(_int(r[women]), _int(r[total])) for r in rows]
    desc = _figures(
        labels,
        [
            tr.format(_SHARE, share=s, count=tr.nformat(*of, _int(r[total]), part=_int(r[women])))
            for s, r in zip(shares, rows, strict=True)
        ],
        tr,
    )
    series = [(words.label("women", tr.code), shares)]
    return _bars(name, title, table, labels, series, desc, lines=lines, share=True)


def _rule(rule: str, tr: Language) -> str:
    """A rule as a sentence says it: what it requires, and its id (the legend's
    and the table's name for it); a plugin's rule, its id."""
    wording = RULES.get(rule)
    return f"“{tr.gettext(wording)}” ({rule})" if wording else rule


_FAILS = _n("{n} list fails {rule}", "{n} lists fail {rule}")
_GRID_DESC = _n(
    "{n} list, one row each (district · party), one square per list position coloured by "
    "sex: {women} of {total} positions are held by women.",
    "{n} lists, one row each (district · party), one square per list position coloured by "
    "sex: {women} of {total} positions are held by women.",
)
_SEXES = N_("P: perempuan (woman), L: laki-laki (man), ?: not stated.")


def _party_share(parties: Table, tr: Language) -> Chart | None:
    law = tr.format(LAW["article"], law="UU 7/2017", article="245")
    return _shares(
        "chart-party-share",
        tr.gettext(N_("Women's share of each party's lists against the required 30%")),
        parties,
        lambda r: str(r[0]),
        [(_TARGET, tr.format(N_("at least 30% ({law})"), law=law))],
        tr,
    )


def _failures(failures: Table, tr: Language) -> Chart:
    rules = failures.columns[1:]
    labels = [str(r[0]) for r in failures.rows]
    series = [(rule, [_int(r[i + 1]) for r in failures.rows]) for i, rule in enumerate(rules)]
    desc = _figures(
        labels,
        [
            ", ".join(
                tr.nformat(*_FAILS, _int(r[i + 1]), rule=_rule(rule, tr))
                for i, rule in enumerate(rules)
                if _int(r[i + 1])
            )
            for r in failures.rows
        ],
        tr,
    )
    return _bars(
        "chart-rule-failures",
        tr.gettext(N_("Lists that fail each rule, per party")),
        failures,
        labels,
        series,
        desc,
        stacked=True,
        colors=charts.SERIES[2:],
    )


def _heads(heads: Table, share: int, tr: Language) -> Chart:
    labels = [str(r[0]) for r in heads.rows]
    values: list[int | Fraction] = []
    for r in heads.rows:
        v = r[share]
        values.append(v if isinstance(v, Fraction) else Fraction(0))
    desc = _figures(labels, [tr.percent(Fraction(v)) for v in values], tr)
    title = N_("KPPI indicator (not a legal rule): share of each party's lists headed by a woman")
    return _bars(
        "chart-list-heads",
        tr.gettext(title),
        heads,
        labels,
        [(words.label("woman_at_1", tr.code), values)],
        desc,
        share=True,
    )


def _grid(positions: Table, tr: Language) -> Chart | None:
    d, p, s = (_col(positions, c) for c in ("district", "party", "sexes"))
    if d is None or p is None or s is None:
        return None
    g = tr.gettext
    rows = [(f"{r[d]} · {r[p]}", str(r[s])) for r in positions.rows]
    women = sum(x.count("P") for _, x in rows)
    total = sum(len(x) for _, x in rows)
    desc = tr.nformat(*_GRID_DESC, len(rows), women=women, total=total) + " " + g(_SEXES)
    title = g(N_("List positions by sex, party × district"))
    axis = g(N_("list position (nomor urut)"))
    legend = (
        f"P: {g(GENDERS['female'])}",
        f"L: {g(GENDERS['male'])}",
        f"?: {g(GENDERS['unknown'])}",
    )

    def draw() -> str:
        return charts.grid("chart-grid", title, desc, rows, axis=axis, legend=legend)

    return Chart("chart-grid", title, desc, positions, draw)


def _check(doc: Document, tr: Language) -> Iterator[Chart]:
    names = {n: t for n in ("parties", "rule_failures", "list_heads", "list_positions")
             if (t := _find(doc, n)) is not None}  # fmt: skip
    parties = names.get("parties")
    if parties is not None and (chart := _party_share(parties, tr)) is not None:
        yield chart
    failures = names.get("rule_failures")
    if failures is not None and failures.rows and len(failures.columns) > 1:
        yield _failures(failures, tr)
    heads = names.get("list_heads")
    if heads is not None and heads.rows and (share := _col(heads, "share_woman_at_1")) is not None:
        yield _heads(heads, share, tr)
    positions = names.get("list_positions")
    if positions is not None and 0 < len(positions.rows) <= GRID_MAX_LISTS:
        grid = _grid(positions, tr)
        if grid is not None:
            yield grid


_REPRESENTATION_TITLES = {
    "council": N_("Women's share of seats in each council, against 30% and 15%"),
    "party": N_("Women's share of seats, by party, against 30% and 15%"),
    "district": N_("Women's share of seats, by district, against 30% and 15%"),
}


def _representation(doc: Document, tr: Language) -> Iterator[Chart]:
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
    lines = [(_TARGET, tr.gettext(N_("30% target"))), (_MINIMUM, tr.gettext(N_("15% minimum")))]
    for key, title in _REPRESENTATION_TITLES.items():
        rows = groups[key]
        if not rows:
            continue
        sub = Table(table.name, table.title, table.columns, tuple(rows))

        def label(r: tuple[Cell, ...]) -> str:
            return " · ".join(str(c) for c in (r[0], r[region], r[party]) if c)

        chart = _shares(f"chart-representation-{key}", tr.gettext(title), sub, label, lines, tr)
        if chart is not None:
            yield chart


_SEATS_WON = _n("{n} seat, {women} to women", "{n} seats, {women} to women")


def _seats(doc: Document, tr: Language) -> Iterator[Chart]:
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
    desc = _figures(
        labels, [tr.nformat(*_SEATS_WON, women[p] + men[p], women=women[p]) for p in labels], tr
    )
    yield _bars(
        "chart-seats",
        tr.gettext(N_("Seats won by each party, women and men elected")),
        table,
        labels,
        [
            (words.label("women", tr.code), [women[p] for p in labels]),
            (tr.gettext(N_("men and not stated")), [men[p] for p in labels]),
        ],
        desc,
        stacked=True,
    )


def _funnel(doc: Document, tr: Language) -> Iterator[Chart]:
    table = _find(doc, "stages")
    if table is None or not table.rows:
        return
    labels = [words.label(str(r[0]), tr.code, str(r[0]).replace("_", " ")) for r in table.rows]
    values = [_int(r[1]) for r in table.rows]
    desc = _figures(labels, [tr.number(v) for v in values], tr)
    yield _bars(
        "chart-funnel",
        tr.gettext(N_("The funnel: trained cadres to candidates to elected")),
        table,
        labels,
        [(tr.gettext(N_("persons")), values)],
        desc,
        colors=(charts.WOMAN,),
    )


_ATTENDANCES = _n("{n} attendance", "{n} attendances")


def _training(doc: Document, tr: Language) -> Iterator[Chart]:
    g = tr.gettext
    attended_label = words.label("attended", tr.code)
    names = {n: t for n in ("by_party", "sessions") if (t := _find(doc, n)) is not None}
    by_party = names.get("by_party")
    if by_party is not None and by_party.rows:
        party, attended = _col(by_party, "party"), _col(by_party, "attended")
        if party is not None and attended is not None:
            totals: Counter[str] = Counter()
            for r in by_party.rows:
                totals[str(r[party])] += _int(r[attended])
            labels = sorted(totals, key=lambda p: (-totals[p], p))
            desc = _figures(labels, [tr.nformat(*_ATTENDANCES, totals[p]) for p in labels], tr)
            yield _bars(
                "chart-attendance-party",
                g(N_("Attendance by party (all sessions)")),
                by_party,
                labels,
                [(attended_label, [totals[p] for p in labels])],
                desc,
            )
    sessions = names.get("sessions")
    if sessions is not None and sessions.rows:
        audience, attended = _col(sessions, "audience"), _col(sessions, "attended")
        if audience is not None and attended is not None:
            per: Counter[str] = Counter()
            for r in sessions.rows:
                cell = r[audience]
                for a in cell if isinstance(cell, tuple) else (str(cell or g(GENDERS["unknown"])),):
                    per[a] += _int(r[attended])
            labels = sorted(per, key=lambda a: (-per[a], a))
            desc = _figures(labels, [tr.nformat(*_ATTENDANCES, per[a]) for a in labels], tr)
            yield _bars(
                "chart-attendance-audience",
                g(N_("Attendance by audience (a session open to several counts for each)")),
                sessions,
                labels,
                [(attended_label, [per[a] for a in labels])],
                desc,
                colors=(charts.OTHER,),
            )


def _outreach(doc: Document, tr: Language) -> Iterator[Chart]:
    table = _find(doc, "by_party")
    if table is None or not table.rows:
        return
    cols = [
        c for c in ("women_cadres", "on_board", "trained", "never_reached") if c in table.columns
    ]
    if not cols:
        return
    labels = [str(r[0]) for r in table.rows]
    names = {c: words.label(c, tr.code, c.replace("_", " ")) for c in cols}
    series = [(names[c], [_int(r[table.columns.index(c)]) for r in table.rows]) for c in cols]
    desc = _figures(
        labels,
        [
            ", ".join(f"{names[c]} {tr.number(_int(r[table.columns.index(c)]))}" for c in cols)
            for r in table.rows
        ],
        tr,
    )
    title = tr.gettext(N_("Women cadres by party: on the board, trained, never reached"))
    yield _bars("chart-outreach", title, table, labels, series, desc)


_NO_DUE = N_("no due date")


def _month(value: Cell) -> str:
    """The month a follow-up is due (``2024-03``), or ``""`` for none."""
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m}"
    text = str(value or "")
    return text[:7] if len(text) >= 7 else ""


def _follow_ups(doc: Document, tr: Language) -> Iterator[Chart]:
    for table in doc.tables:
        if table.name not in ("status", "follow_ups") or not table.rows:
            continue
        due, state = _col(table, "due"), _col(table, "status")
        if due is None or state is None:
            continue
        counts: Counter[tuple[str, str]] = Counter(
            (_month(r[due]), str(r[state])) for r in table.rows
        )
        months = sorted({m for m, _ in counts}, key=lambda m: (not m, m))  # none due last
        # a status as the table shows it: its id, or the id in the report's words
        colours = {**{tr.gettext(k): c for k, c in _STATUS_COLOURS.items()}, **_STATUS_COLOURS}
        shown = [m or tr.gettext(_NO_DUE) for m in months]
        states = sorted({s for _, s in counts})
        series = [(s, [counts[m, s] for m in months]) for s in states]
        desc = _figures(
            shown,
            [
                ", ".join(f"{tr.number(counts[m, s])} {s}" for s in states if counts[m, s])
                for m in months
            ],
            tr,
        )
        yield _bars(
            f"chart-due-{table.name}",
            tr.format(N_("{table}: follow-ups by due month and status"), table=table.title),
            table,
            shown,
            series,
            desc,
            stacked=True,
            colors=[colours.get(x, charts.UNKNOWN) for x in states],
        )


#: A follow-up's status, coloured as a reader expects (done green, overdue red).
_STATUS_COLOURS = {"done": "#009E73", "overdue": "#D55E00", "open": "#0072B2"}


_BY_KIND: dict[str, Callable[[Document, Language], Iterator[Chart]]] = {
    "check": _check,
    "representation": _representation,
    "seats": _seats,
    "funnel": _funnel,
    "training": _training,
    "outreach": lambda doc, tr: itertools.chain(_outreach(doc, tr), _follow_ups(doc, tr)),
    "follow_ups": _follow_ups,
}


def charts_for(document: Document) -> list[Chart]:
    """The charts of ``document``'s page, in the order they are shown, in its language."""
    make = _BY_KIND.get(document.kind)
    return list(make(document, language(document.lang))) if make else []
