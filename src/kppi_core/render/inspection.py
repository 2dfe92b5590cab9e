"""What ``kppi inspect`` found in a file, as a document: every word it shows is here.

It counts records by type and lists rejections (whose reasons the sources
word without personal data); it never shows a record's contents.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any, TextIO

import attrs

from kppi_core.i18n import N_, Language, language
from kppi_core.rejections import text_in
from kppi_core.render.model import (
    DATA,
    PAGE,
    TERMINAL,
    Block,
    Document,
    Facts,
    Heading,
    Lines,
    Table,
)
from kppi_core.schemas import VERSION as SCHEMA_VERSION

__all__ = ["inspection_document"]

_TERMINAL = frozenset({TERMINAL})
_PAGE = frozenset({PAGE})
_DATA = frozenset({DATA})


def _n(singular: str, plural: str) -> tuple[str, str]:
    """A plural pair for the catalog (``_n`` is an extraction keyword)."""
    return singular, plural


_READ_BY = _n(
    "{path}: read by source {source}: {n} object or rejection",
    "{path}: read by source {source}: {n} objects and rejections",
)
_LISTS = N_("candidate lists: {n}")
_NOT_MODELLED = N_("read but not modelled: {n}")
_REJECTED = N_("rejected: {n}")
_BY = N_("by {field}: {counts}")
_TITLE = N_("Inspection: {path}")
_COUNTS = N_("What the source read")
_REJECTED_TITLE = N_("Rejected records")
#: A counts row's kind: its id (CSV) and its words.
_KINDS = {"type": N_("type"), "breakdown": N_("breakdown"), "not modelled": N_("not modelled")}

# The model's types, the fields counted, and their values, as a reader says
# them; a plugin's type or an open value not here is shown as it is.
_WORDS = {
    # TRANSLATORS: the model's type names (Popolo's), shown as they are in English.
    "Person": N_("Person"),
    "Organization": N_("Organization"),
    "Membership": N_("Membership"),
    "Post": N_("Post"),
    "Candidacy": N_("Candidacy"),
    "CandidateList": N_("CandidateList"),
    "District": N_("District"),
    "Election": N_("Election"),
    "Training": N_("Training"),
    # TRANSLATORS: UNSURE "kehadiran": a person at a training session.
    "Participation": N_("Participation"),
    "FollowUp": N_("FollowUp"),
    "TrainingSession": N_("TrainingSession"),
    "RepresentationFigure": N_("RepresentationFigure"),
    "gender": N_("gender"),
    "classification": N_("classification"),
    "role": N_("role"),
    "female": N_("female"),
    "male": N_("male"),
    "unknown": N_("unknown"),
    # TRANSLATORS: UNSURE "cabang kaukus": a branch of the women's caucus (KPPI).
    "caucus_branch": N_("caucus branch"),
    "party": N_("party"),
    "party_wing": N_("party wing"),
    "women_organisation": N_("women's organisation"),
    "government_agency": N_("government agency"),
    "university": N_("university"),
    "legislature": N_("legislature"),
    "other": N_("other"),
    "chair": N_("chair"),
    "vice_chair": N_("vice chair"),
    "secretary": N_("secretary"),
    "treasurer": N_("treasurer"),
    "member": N_("member"),
    "board_member": N_("board member"),
    "participant": N_("participant"),
    "speaker": N_("speaker"),
    "organiser": N_("organiser"),
}


def _say(word: str, tr: Language) -> str:
    """A type, field or value in words (itself when the glossary has none)."""
    message = _WORDS.get(word)
    return word if message is None else tr.gettext(message)


def _breakdowns(seen: Any, kind: str) -> Iterator[tuple[str, dict[str, int]]]:
    """The fields counted of type ``kind``, with their values' counts."""
    for key, values in seen.breakdowns.items():
        of, _, field = key.partition(".")
        if of == kind:
            yield field, values


def _outline(path: str, source: str, seen: Any, tr: Language) -> tuple[str, ...]:
    num = tr.number
    lines = [tr.nformat(*_READ_BY, seen.records, path=path, source=repr(source))]
    for kind, n in seen.counts.items():
        lines.append(f"  {_say(kind, tr)}: {num(n)}")
        for field, values in _breakdowns(seen, kind):
            shown = ", ".join(f"{_say(v, tr)} {num(count)}" for v, count in values.items())
            lines.append("    " + tr.format(_BY, field=_say(field, tr), counts=shown))
    if seen.lists:
        lines.append("  " + tr.format(_LISTS, n=seen.lists))
    if seen.skipped:
        lines.append("  " + tr.format(_NOT_MODELLED, n=sum(seen.skipped.values())))
        lines += [f"    {what}: {num(n)}" for what, n in seen.skipped.items()]
    lines.append("  " + tr.format(_REJECTED, n=len(seen.rejected)))
    lines += [f"    {text_in(r, tr)}" for r in seen.rejected]
    return tuple(lines)


def _counts(seen: Any) -> list[tuple[str, str, tuple[str, str], int]]:
    """The counts table's rows: kind id, type, (field, value), records."""
    rows: list[tuple[str, str, tuple[str, str], int]] = [
        ("type", kind, ("", ""), n) for kind, n in seen.counts.items()
    ]
    rows += [
        ("breakdown", key.split(".")[0], (key.split(".")[1], value), n)
        for key, values in seen.breakdowns.items()
        for value, n in values.items()
    ]
    rows += [("not modelled", what, ("", ""), n) for what, n in seen.skipped.items()]
    return rows


def _blocks(path: str, source: str, seen: Any, tr: Language, view: str | None) -> Iterator[Block]:
    if view in (None, TERMINAL):
        yield Lines(_outline(path, source, seen, tr), _TERMINAL)
    yield Heading(tr.format(_TITLE, path=path), _PAGE)
    facts = (("source", source), ("records", seen.records), ("candidate_lists", seen.lists),
             ("rejected", len(seen.rejected)))  # fmt: skip
    yield Facts(facts, _PAGE)
    rows = _counts(seen)
    columns = ("kind", "type", "value", "records")
    title, align = tr.gettext(_COUNTS), ("l", "l", "l", "r")
    # The kind's id and the value's for a script, their words for a reader.
    data = tuple((k, t, " ".join(v).strip(), n) for k, t, v, n in rows)
    yield Table("counts", title, columns, data, align, _DATA)
    shown = tuple(
        (tr.gettext(_KINDS[k]), _say(t, tr), " ".join(_say(w, tr) for w in v).strip(), n)
        for k, t, v, n in rows
    )
    yield Table("counts", title, columns, shown, align, _PAGE)
    yield Table(
        "rejected",
        tr.gettext(_REJECTED_TITLE),
        ("source", "line", "field", "reason"),
        tuple((r.source, r.line, r.field, r.reason_in(tr)) for r in seen.rejected),
        ("l", "r", "l", "l"),
        frozenset({PAGE, DATA}),
    )


def _json(path: str, source: str, seen: Any, lang: str, out: TextIO) -> None:
    data = {
        "schema_version": SCHEMA_VERSION,
        "report": "inspection",
        "lang": lang,
        "path": path,
        "source": source,
        "records": seen.records,
        "counts": seen.counts,
        "breakdowns": seen.breakdowns,
        "lists": seen.lists,
        "not_modelled": seen.skipped,
        "rejected": [attrs.asdict(r, filter=lambda a, _: a.name != "where") for r in seen.rejected],
    }
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def inspection_document(path: str, source: str, seen: Any, lang: str = "en") -> Document:
    """What source ``source`` read from ``path``, in ``lang``; ``seen`` is an inspection
    (``counts``, ``breakdowns``, ``lists``, ``skipped``, ``rejected``, ``records``)."""
    tr = language(lang)
    return Document(
        "inspection",
        functools.partial(_blocks, path, source, seen, tr),
        json=functools.partial(_json, path, source, seen, tr.code),
        lang=tr.code,
    )
