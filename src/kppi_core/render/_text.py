"""The ``text`` and ``markdown`` formats: a document as lines to read."""

from __future__ import annotations

from kppi_core.render import words
from kppi_core.render.model import (
    PAGE,
    TERMINAL,
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

__all__ = ["markdown", "text"]


def _fact(key: str, lang: str) -> str:
    """A fact's label: the glossary's, or its key with spaces."""
    return words.label(key, lang, key.replace("_", " "))


def _aligned(rows: list[list[str]], indent: str) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _text_block(block: Block, lang: str) -> list[str]:
    if isinstance(block, Lines):
        return list(block.lines)
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Items):
        return ["  " * depth + entry for depth, entry in block.entries]
    if isinstance(block, Facts):
        keys = [_fact(k, lang) for k, _ in block.items]
        width = max(map(len, keys), default=0)
        return [
            f"{k:<{width}}  {show(v, lang)}" for k, (_, v) in zip(keys, block.items, strict=True)
        ]
    if isinstance(block, Table):
        lines = [words.table_title(block.title, len(block.rows), lang)] if block.title else []
        if not block.rows:
            return [*lines, f"  {words.none(lang)}"]
        shown = [
            [words.label(c, lang) for c in block.columns],
            *([show(c, lang) for c in row] for row in block.rows),
        ]
        return lines + _aligned(shown, "  ")
    if isinstance(block, Notes):
        return [words.note(t, lang) for t in block.texts]
    if isinstance(block, Section):
        inner = [line for b in block.blocks if TERMINAL in b.views for line in _text_block(b, lang)]
        return [block.heading, *inner]
    assert isinstance(block, Heading)
    return [block.text, "=" * len(block.text)]


def _apart(groups: list[list[str]]) -> list[str]:
    """The groups' lines, a blank line between groups."""
    lines: list[str] = []
    for i, group in enumerate(groups):
        if i:
            lines.append("")
        lines += group
    return lines


def _join(groups: list[list[str]]) -> str:
    return "\n".join(_apart(groups)) + "\n"


def text(document: Document) -> str:
    """The document's terminal view: blocks apart by a blank line, a heading
    underlined and followed at once by the block after it."""
    groups: list[list[str]] = []
    pending: list[str] = []
    for block in document.shown(TERMINAL):
        lines = _text_block(block, document.lang)
        if isinstance(block, Heading):
            pending += lines
            continue
        groups.append(pending + lines)
        pending = []
    if pending:
        groups.append(pending)
    return _join(groups)


def _md_cell(value: Cell, lang: str) -> str:
    return show(value, lang).replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table, lang: str) -> list[str]:
    lines = [f"## {table.title}", ""] if table.title else []
    if not table.rows:
        return [*lines, words.none(lang)]
    align = table.align or ("l",) * len(table.columns)
    lines.append("| " + " | ".join(words.label(c, lang) for c in table.columns) + " |")
    lines.append("| " + " | ".join("---:" if a == "r" else "---" for a in align) + " |")
    lines += ["| " + " | ".join(_md_cell(c, lang) for c in row) + " |" for row in table.rows]
    return lines


def _md_block(block: Block, lang: str) -> list[str]:
    if isinstance(block, Heading):
        return [f"# {block.text}"]
    if isinstance(block, Lines):
        return [f"{line}  " for line in block.lines]  # a hard line break each
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Items):
        top = min((depth for depth, _ in block.entries), default=0)
        return ["  " * (depth - top) + f"- {entry}" for depth, entry in block.entries]
    if isinstance(block, Facts):
        if not block.items:
            return []
        return ["| | |", "| --- | ---: |"] + [
            f"| {_fact(k, lang)} | {_md_cell(v, lang)} |" for k, v in block.items
        ]
    if isinstance(block, Table):
        return _md_table(block, lang)
    if isinstance(block, Notes):
        return [f"> {t}" for t in block.texts]
    assert isinstance(block, Section)
    inner = [_md_block(b, lang) for b in block.blocks if PAGE in b.views]
    return [f"## {block.heading}", *([""] if inner else []), *_apart(inner)]


def markdown(document: Document) -> str:
    """The document's page view as Markdown: blocks apart by a blank line."""
    return _join([_md_block(b, document.lang) for b in document.shown(PAGE)])
