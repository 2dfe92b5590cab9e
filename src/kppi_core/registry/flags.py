"""Flags: what the election commission's systems would flag about a person.

- ``two_parties``: one person in two parties' current membership lists (KPU's
  SIPOL checks party memberships across parties);
- ``two_lists``: one person on two candidate lists at one election cycle, at
  two levels, in two districts or for two parties (KPU's SILON);
- ``nik_gender_mismatch``: a declared gender that disagrees with the sex the
  NIK encodes (day + 40 for women);
- ``invalid_nik``: a record a source rejected for its NIK.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from kppi_core.errors import Message
from kppi_core.i18n import N_, language
from kppi_core.registry.results import SourceRef
from kppi_core.rejections import Rejection

if TYPE_CHECKING:
    from kppi_core.registry.results import Registry

__all__ = ["NAMES", "Flag", "FlagKind", "find_flags", "mismatch_detail"]


class FlagKind(enum.Enum):
    """What the election commission's systems would flag."""

    TWO_PARTIES = "two_parties"  # SIPOL: one person in two parties' membership lists
    TWO_LISTS = "two_lists"  # SILON: one person on two lists at one election
    NIK_GENDER_MISMATCH = "nik_gender_mismatch"  # declared gender vs the NIK's sex
    INVALID_NIK = "invalid_nik"  # a NIK a source rejected


#: The flags a registry file carries (the others are found again from its records).
CARRIED = (FlagKind.NIK_GENDER_MISMATCH, FlagKind.INVALID_NIK)

#: What a reader sees of each flag (its id stays in JSON and CSV).
NAMES = {
    # TRANSLATORS: SIPOL's "keanggotaan ganda" (ganda eksternal: in two parties).
    FlagKind.TWO_PARTIES: N_("member of two parties"),
    # TRANSLATORS: SILON's "pencalonan ganda" (data ganda of a bakal calon).
    FlagKind.TWO_LISTS: N_("on two candidate lists"),
    FlagKind.NIK_GENDER_MISMATCH: N_("declared gender differs from the NIK"),
    # TRANSLATORS: UNSURE KPU's systems speak of "NIK tidak valid" / "indikasi NIK".
    FlagKind.INVALID_NIK: N_("invalid NIK"),
}


def _n(singular: str, plural: str) -> tuple[str, str]:
    """A plural pair for the catalog (``_n`` is an extraction keyword)."""
    return singular, plural


# A flag's detail is kept in English, in the form of one of these messages
# (registry files carry it so), and shown in the reader's language by
# Flag.words, its fields read back from the English.
# TRANSLATORS: {names} are the parties' names.
_PARTIES = _n("member of {n} party: {names}", "member of {n} parties: {names}")
# TRANSLATORS: {what} says how the lists differ; {lists} are election · dapil · party.
_LISTS = _n("on {n} list ({what}): {lists}", "on {n} lists ({what}): {lists}")
_MISMATCH = N_("declared {declared}, the NIK encodes {encoded}")
_SEXES = {"female": N_("female"), "male": N_("male"), "unknown": N_("not stated")}
#: How a person's lists differ (SILON: beda tingkat, beda dapil, ganda eksternal).
_HOW = {
    "two levels": N_("two levels"),
    "two districts": N_("two districts"),
    "two parties": N_("two parties"),
    "one list twice": N_("one list twice"),
}


def mismatch_detail(declared: str, encoded: str) -> str:
    """The detail of a NIK/gender mismatch: the declared gender and the NIK's sex (values)."""
    return _MISMATCH.format(declared=declared, encoded=encoded)


def _english(pair: tuple[str, str], n: int, **fields: str) -> str:
    """A detail as the registry keeps it: the English plural form for ``n``, filled."""
    return pair[n != 1].format(n=n, **fields)


def _pattern(message: str) -> re.Pattern[str]:
    """A regular expression that reads ``message``'s fields back from its English."""
    parts = re.split(r"\{(\w+)\}", message)
    return re.compile(
        "".join(re.escape(p) if k % 2 == 0 else f"(?P<{p}>.*?)" for k, p in enumerate(parts))
    )


_READ = {
    FlagKind.TWO_PARTIES: _pattern(_PARTIES[1]),
    FlagKind.TWO_LISTS: _pattern(_LISTS[1]),
    FlagKind.NIK_GENDER_MISMATCH: _pattern(_MISMATCH),
}


@attrs.frozen
class Flag:
    """A finding about a person (or a rejected record): kind, detail, and sources."""

    kind: FlagKind
    person_id: str | None
    detail: str
    sources: tuple[SourceRef, ...] = ()

    def name(self, lang: str = "en") -> str:
        """What the flag is, in words, in ``lang`` (its id is :attr:`kind`)."""
        return language(lang).gettext(NAMES[self.kind])

    def words(self, lang: str = "en") -> str:
        """:attr:`detail` in ``lang`` ("declared female, the NIK encodes male").

        An invalid NIK's detail is its source's rejection reason, shown in
        ``lang`` as the rejection shows it (as the source worded it once read
        back from a registry file); a detail in no known form is shown as it is.
        """
        said = getattr(self.detail, "message", None)  # a rejection's reason carries it
        if isinstance(said, Message) and lang != "en":
            return said.render(language(lang))
        pattern = _READ.get(self.kind)
        found = pattern.fullmatch(self.detail) if pattern is not None else None
        if found is None or lang == "en":
            return self.detail
        tr, got = language(lang), found.groupdict()
        if self.kind is FlagKind.NIK_GENDER_MISMATCH:
            sexes = {k: tr.gettext(_SEXES.get(v, v)) for k, v in got.items()}
            return tr.format(_MISMATCH, **sexes)
        n = int(got.pop("n"))
        if self.kind is FlagKind.TWO_PARTIES:
            return tr.nformat(*_PARTIES, n, **got)
        how = ", ".join(tr.gettext(_HOW.get(w, w)) for w in got.pop("what").split(", "))
        return tr.nformat(*_LISTS, n, what=how, **got)


def find_flags(
    registry: Registry,
    mismatched: Mapping[str, tuple[str, list[SourceRef]]],
    rejected: Iterable[Rejection],
) -> list[Flag]:
    """Every flag of a registry: ``mismatched`` holds each person's NIK/gender
    disagreement and where, ``rejected`` the sources' rejections."""
    flags = _two_parties(registry)
    flags += _two_lists(registry)
    for pid, (detail, where) in mismatched.items():
        flags.append(Flag(FlagKind.NIK_GENDER_MISMATCH, pid, detail, tuple(sorted(where))))
    for rej in rejected:
        if rej.field and "nik" in rej.field.casefold():
            flags.append(
                Flag(FlagKind.INVALID_NIK, None, rej.reason, (SourceRef(rej.source, rej.line),))
            )
    return flags


def _two_parties(registry: Registry) -> list[Flag]:
    parties = registry.parties()
    # A person's first party (most have one), then every party once she has two.
    one_party: dict[str, tuple[str, tuple[SourceRef, ...]]] = {}
    by_person: dict[str, dict[str, list[SourceRef]]] = {}
    for e in registry.memberships:
        m = e.record
        org = m.organization_id
        if org in parties and m.end_date is None:
            pid = m.person_id
            more = by_person.get(pid)
            if more is not None:
                more.setdefault(org, []).extend(e.sources)
                continue
            first = one_party.get(pid)
            if first is None:
                one_party[pid] = (org, e.sources)
            elif first[0] == org:
                one_party[pid] = (org, first[1] + e.sources)
            else:
                by_person[pid] = {first[0]: list(first[1]), org: list(e.sources)}
    if not by_person:
        return []
    orgs = registry.organisation_map()
    flags = []
    for pid, held in by_person.items():
        names = ", ".join(orgs[o].name for o in sorted(held))
        refs = tuple(sorted({r for rs in held.values() for r in rs}))
        detail = _english(_PARTIES, len(held), names=names)
        flags.append(Flag(FlagKind.TWO_PARTIES, pid, detail, refs))
    return flags


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def cycle(election_id: str, years: Mapping[str, int]) -> str:
    """Which election cycle an election belongs to: its year when known, else
    the first year its id names (``DPRD_KABKO_2029``), else itself."""
    year = years.get(election_id)
    if year is None and (m := _YEAR.search(election_id)):
        year = int(m.group(0))
    return str(year) if year is not None else f"?{election_id}"


def _two_lists(registry: Registry) -> list[Flag]:
    years = {e.record.id: e.record.date.year for e in registry.elections if e.record.date}
    lists: dict[tuple[str, str], dict[tuple[str, str, str], list[SourceRef]]] = {}
    for ce in registry.candidacies:
        c = ce.record
        if c.person_id is None:
            continue
        key = (c.person_id, cycle(c.election_id, years))
        lists.setdefault(key, {}).setdefault((c.election_id, c.district_id, c.party), []).extend(
            ce.sources
        )
    flags = []
    for (pid, _), on in lists.items():
        if len(on) > 1:
            keys = sorted(on)
            how = [
                words
                for k, words in enumerate(("two levels", "two districts", "two parties"))
                if len({key[k] for key in keys}) > 1
            ]
            shown = "; ".join(f"{el} · {d} · {p}" for el, d, p in keys)
            refs = tuple(sorted({r for rs in on.values() for r in rs}))
            what = ", ".join(how) or "one list twice"
            detail = _english(_LISTS, len(keys), what=what, lists=shown)
            flags.append(Flag(FlagKind.TWO_LISTS, pid, detail, refs))
    return flags
