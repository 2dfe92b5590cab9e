"""The registry report (``kppi registry build``) as a document, in the reader's language.

Persons are shown by registry id and printed name; records by their keyed
fingerprint. No NIK, birth date or contact detail appears. A flag is shown
by its name in words (``on two candidate lists``); its id (``two_lists``)
stays in the rows of the JSON and CSV, as every other key, id and number
does. The facts' flag summary is a sentence, in words in every format.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kppi_core.i18n import N_, Language, language
from kppi_core.render import words
from kppi_core.render.model import (
    DATA,
    PAGE,
    TERMINAL,
    Block,
    Document,
    Facts,
    Heading,
    Notes,
    Table,
)

__all__ = ["registry_document"]

# TRANSLATORS: UNSURE "Registri": persons matched across sources (no KPU term found).
_TITLE = N_("Registry")
_MERGES = N_("Merges")
# TRANSLATORS: UNSURE "kemiripan": two persons who may be one, left for a person to decide.
_AMBIGUITIES = N_("Open ambiguities (decide: accept or reject a with b)")
# TRANSLATORS: UNSURE "Temuan": the things the election commission's systems would flag.
_FLAGS = N_("Flags")
_REJECTED = N_("Rejected records")
# TRANSLATORS: UNSURE "sidik" for a keyed fingerprint (HMAC); keep the JSON as it is.
_NOTE = N_(
    "Record fingerprints are keyed HMACs: copy a's record and b's record into a decisions "
    'file ({{"decisions": [{{"a": …, "b": …, "decision": "accept"}}]}}).'
)
_FLAG_COLUMNS = ("flag", "person_id", "name", "detail", "sources")
_WORDS = frozenset({TERMINAL, PAGE})


def _flag_counts(registry: Any, tr: Language) -> str:
    """How many flags of each kind, by name, in ``tr``'s language (``(none)``)."""
    kinds = Counter(f.kind for f in registry.flags)
    if not kinds:
        return words.none(tr.code)
    named = {f.kind: f.name(tr.code) for f in registry.flags}
    ordered = sorted(kinds.items(), key=lambda kv: kv[0].value)
    return ", ".join(f"{named[k]} {tr.number(n)}" for k, n in ordered)


def _blocks(registry: Any, written: str | None, tr: Language) -> tuple[Block, ...]:
    """The report's blocks, in ``tr``'s language."""
    lang = tr.code

    def name(pid: str | None) -> str:
        person = registry.get(pid) if pid else None
        return person.name if person else ""

    facts: list[tuple[str, Any]] = [
        ("records_read", registry.records),
        ("persons", len(registry.persons)),
        ("merges", len(registry.merges)),
        ("redirected_ids", len(registry.redirects)),
        ("open_ambiguities", len(registry.ambiguities)),
        ("decisions_applied", len(registry.decisions)),
        ("flags", _flag_counts(registry, tr)),
        ("rejected_records", len(registry.rejected)),
    ]
    if written:
        facts.append(("written_to", written))
    flags = [
        (f.kind.value, f.person_id or "", name(f.person_id), f.words(lang),
         tuple(str(s) for s in f.sources))
        for f in registry.flags
    ]  # fmt: skip
    title = tr.gettext(_FLAGS)
    return (
        Heading(tr.gettext(_TITLE)),
        Facts(tuple(facts)),
        Table(
            "merges",
            tr.gettext(_MERGES),
            ("person_id", "a", "b", "rule"),
            tuple((m.person_id, str(m.a), str(m.b), m.why(lang)) for m in registry.merges),
        ),
        Table(
            "ambiguities",
            tr.gettext(_AMBIGUITIES),
            ("ambiguity", "a", "a_name", "b", "b_name", "reasons", "a_record", "b_record"),
            tuple(
                (
                    x.id,
                    x.a,
                    name(x.a),
                    x.b,
                    name(x.b),
                    "; ".join(x.reasons_in(lang)),
                    x.a_record,
                    x.b_record,
                )
                for x in registry.ambiguities
            ),
        ),
        # The flag's id for a script, its name for a reader.
        Table("flags", title, _FLAG_COLUMNS, tuple(flags), views=(DATA,)),
        Table(
            "flags",
            title,
            _FLAG_COLUMNS,
            tuple((f.name(lang), *row[1:]) for f, row in zip(registry.flags, flags, strict=True)),
            views=_WORDS,
        ),
        Table(
            "rejected",
            tr.gettext(_REJECTED),
            ("source", "line", "field", "reason"),
            tuple((r.source, r.line, r.field or "", r.reason_in(tr)) for r in registry.rejected),
        ),
        Notes((tr.format(_NOTE),)),
    )


def registry_document(registry: Any, written: str | None = None, lang: str = "en") -> Document:
    """The registry as a report in ``lang``: counts, merges, ambiguities, flags,
    rejections (``written``: where the registry file went, if it was written)."""
    tr = language(lang)
    return Document("registry", _blocks(registry, written, tr), lang=tr.code)
