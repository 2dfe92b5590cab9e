"""The ``html`` format: a report as one self-contained page, with charts.

One file, nothing fetched: the style sheet is inline, each chart an inline
``<svg>`` (:mod:`kppi_core.render.charts`, from the ``charts`` extra), no
script, no font, no image from elsewhere. The page reads on a phone (tables
scroll sideways inside their box) and prints to PDF from the browser (each
section on a new page, charts kept whole). Every chart has a text
alternative (``<title>``, ``<desc>``, ``aria-labelledby``) and the table it
is drawn from. Everything a report says is HTML-escaped; the page shows the
page view of the document, so nothing more than the markdown report shows.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from fractions import Fraction

import attrs

from kppi_core.i18n import N_, language
from kppi_core.render import charts, words
from kppi_core.render.model import (
    DATA,
    PAGE,
    Block,
    Cell,
    Document,
    Facts,
    Heading,
    Items,
    Lines,
    Notes,
    Paragraph,
    Section,
    Table,
    show,
)
from kppi_core.render.page_charts import Chart, charts_for

__all__ = ["html_page"]

_STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem; color: var(--ink);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.lines, .notes { color: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .25rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .55rem; vertical-align: top; }
th { background: var(--band); text-align: left; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .95rem; margin-bottom: .25rem; }
figure .desc { color: var(--muted); font-size: .8rem; margin: .25rem 0 0; }
svg.chart { width: 100%; height: auto; max-width: 48rem; display: block; }
.hint { border-left: 4px solid #E69F00; padding: .5rem .75rem; background: #fff8e6; }
.indicator { border-left: 4px solid #CC79A7; padding-left: .75rem; }
ul.items { padding-left: 1.2rem; } ul.items ul { padding-left: 1.2rem; }
@media (max-width: 40rem) { body { padding: .6rem; font-size: 15px; }
  th, td { padding: .25rem .4rem; } }
@media print { body { max-width: none; padding: 0; font-size: 11pt; }
  section.part { break-before: page; page-break-before: always; }
  .scroll { overflow: visible; } a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; } tr { break-inside: avoid; } }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_BATCH = 2000  # table rows written at a time
_KEPT = 10_000  # cells' texts cached at most


class _Shown(dict[str, str]):
    """Each text cell escaped once: a table repeats its parties and districts.
    (Texts only: ``True == 1`` would share a key.)"""

    def __missing__(self, value: str) -> str:
        if len(self) > _KEPT:
            self.clear()
        text = self[value] = _e(value)
        return text


def _numeric(value: Cell) -> bool:
    return isinstance(value, int | Fraction) and not isinstance(value, bool)


def _table(table: Table, anchor: str, lang: str) -> Iterator[str]:
    yield f'<div class="scroll"><table id="{_e(anchor)}">'
    if table.title:
        yield f"<caption>{_e(words.table_title(table.title, len(table.rows), lang))}</caption>"
    align = table.align or tuple(
        "r" if table.rows and _numeric(table.rows[0][i]) else "l" for i in range(len(table.columns))
    )
    num = {"r": ' class="n"'}
    heads = "".join(
        f'<th scope="col"{num.get(a, "")}>{_e(words.label(c, lang))}</th>'
        for c, a in zip(table.columns, align, strict=True)
    )
    yield f"<thead><tr>{heads}</tr></thead><tbody>"
    if not table.rows:
        yield f'<tr><td colspan="{len(table.columns)}">{_e(words.none(lang))}</td></tr>'
    opens = [f"<td{num.get(a, '')}>" for a in align]
    shown = _Shown()
    for i in range(0, len(table.rows), _BATCH):
        yield "".join(
            "<tr>"
            + "".join(
                f"{o}{shown[c] if type(c) is str else _e(show(c, lang))}</td>"
                for o, c in zip(opens, row, strict=True)
            )
            + "</tr>"
            for row in table.rows[i : i + _BATCH]
        )
    yield "</tbody></table></div>"


def _items(block: Items) -> Iterator[str]:
    depth = None
    top = min((d for d, _ in block.entries), default=0)
    for d, entry in block.entries:
        d -= top
        if depth is None:
            yield '<ul class="items">' + "<ul>" * d
        elif d > depth:
            yield "<ul>" * (d - depth)
        elif d < depth:
            yield "</li></ul>" * (depth - d) + "</li>"
        else:
            yield "</li>"
        yield f"<li>{_e(entry)}"
        depth = d
    if depth is not None:
        yield "</li></ul>" * (depth + 1)


def _tables(blocks: tuple[Block, ...]) -> Iterator[Table]:
    for b in blocks:
        if isinstance(b, Table):
            yield b
        elif isinstance(b, Section):
            yield from _tables(tuple(i for i in b.blocks if PAGE in i.views))


class _Page:
    """The page being written: an id for each table shown, unique in the page."""

    def __init__(self, blocks: tuple[Block, ...], lang: str = "en") -> None:
        self.lang = lang
        self.ids: dict[int, str] = {}
        used: set[str] = set()
        for t in _tables(blocks):
            base = "t-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in t.name)
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base}-{n}"
            used.add(name)
            self.ids[id(t)] = name

    def block(self, block: Block, depth: int) -> Iterator[str]:
        if isinstance(block, Heading):
            yield f"<h1>{_e(block.text)}</h1>"
        elif isinstance(block, Lines):
            yield '<p class="lines">' + "<br>".join(_e(line) for line in block.lines) + "</p>"
        elif isinstance(block, Paragraph):
            yield f"<p>{_e(block.text)}</p>"
        elif isinstance(block, Items):
            yield from _items(block)
        elif isinstance(block, Facts):
            if block.items:
                yield '<dl class="facts">'
                for k, v in block.items:
                    key = words.label(k, self.lang, k.replace("_", " "))
                    yield f"<dt>{_e(key)}</dt><dd>{_e(show(v, self.lang))}</dd>"
                yield "</dl>"
        elif isinstance(block, Table):
            yield from _table(block, self.ids[id(block)], self.lang)
        elif isinstance(block, Notes):
            yield from (f'<p class="notes">{_e(words.note(t, self.lang))}</p>' for t in block.texts)
        elif isinstance(block, Section):
            level = min(depth + 2, 4)
            yield f'<section class="part"><h{level}>{_e(block.heading)}</h{level}>'
            for inner in block.blocks:
                if PAGE in inner.views:
                    yield from self.block(inner, depth + 1)
            yield "</section>"


_CHARTS = N_("Charts")
_AS_TABLE = N_("The figures, as a table.")


def _charts(page: _Page, found: list[Chart]) -> Iterator[str]:
    g = language(page.lang).gettext
    yield f'<section class="part charts" id="charts"><h2>{_e(g(_CHARTS))}</h2>'
    if not charts.available():
        yield f'<p class="hint" role="note">{_e(g(charts.INSTALL_HINT))}</p>'
    else:
        for chart in found:
            yield from _figure(chart, page.ids.get(id(chart.table)), page.lang)
    yield "</section>"


def _figure(chart: Chart, anchor: str | None, lang: str) -> Iterator[str]:
    """A chart under its title, its figures in words under it (also the SVG's
    ``<desc>``), linked to its table when the page shows that table."""
    as_table = language(lang).gettext(_AS_TABLE)
    link = f' <a href="#{_e(anchor)}">{_e(as_table)}</a>' if anchor else ""
    yield f'<figure id="{_e(chart.name)}"><figcaption><strong>{_e(chart.title)}</strong>'
    yield f"{link}</figcaption>"
    yield chart.draw()
    yield f'<p class="desc">{_e(chart.desc)}</p></figure>'


def _page_and_data(document: Document) -> Document:
    """``document`` with its blocks built once: those of the page view, and the
    data view's own (a chart may be drawn from a data table), not the terminal's."""
    content = document.content
    if isinstance(content, tuple):
        return document
    page = tuple(content(PAGE))
    data = tuple(b for b in content(DATA) if PAGE not in b.views)
    return attrs.evolve(document, content=page + data)


def html_page(document: Document) -> str:
    """The document's page view as one self-contained HTML page; the charts
    after the report's head, before its first table or section."""
    document = _page_and_data(document)
    blocks = document.shown(PAGE)
    page = _Page(blocks, document.lang)
    found = charts_for(document)
    out = io.StringIO()
    title = document.title or document.kind
    out.write(
        f'<!DOCTYPE html>\n<html lang="{_e(document.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="kppi_core">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n"
        f'<body class="report report-{_e(document.kind)}"><main>\n'
    )
    pending = bool(found)
    for block in blocks:
        if pending and isinstance(block, Table | Section | Items):
            out.writelines(_charts(page, found))
            out.write("\n")
            pending = False
        out.writelines(page.block(block, 0))
        out.write("\n")
    if pending:
        out.writelines(_charts(page, found))
    out.write("</main></body></html>\n")
    return out.getvalue()
