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

from kppi_core.registry.results import SourceRef
from kppi_core.rejections import Rejection

if TYPE_CHECKING:
    from kppi_core.registry.results import Registry

__all__ = ["Flag", "FlagKind", "find_flags"]


class FlagKind(enum.Enum):
    """What the election commission's systems would flag."""

    TWO_PARTIES = "two_parties"  # SIPOL: one person in two parties' membership lists
    TWO_LISTS = "two_lists"  # SILON: one person on two lists at one election
    NIK_GENDER_MISMATCH = "nik_gender_mismatch"  # declared gender vs the NIK's sex
    INVALID_NIK = "invalid_nik"  # a NIK a source rejected


#: The flags a registry file carries (the others are found again from its records).
CARRIED = (FlagKind.NIK_GENDER_MISMATCH, FlagKind.INVALID_NIK)


@attrs.frozen
class Flag:
    """A finding about a person (or a rejected record): kind, detail, and sources."""

    kind: FlagKind
    person_id: str | None
    detail: str
    sources: tuple[SourceRef, ...] = ()


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
        flags.append(
            Flag(FlagKind.TWO_PARTIES, pid, f"member of {len(held)} parties: {names}", refs)
        )
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
            what = []
            if len({k[0] for k in keys}) > 1:
                what.append("two levels")
            if len({k[1] for k in keys}) > 1:
                what.append("two districts")
            if len({k[2] for k in keys}) > 1:
                what.append("two parties")
            shown = "; ".join(f"{el} · {d} · {p}" for el, d, p in keys)
            refs = tuple(sorted({r for rs in on.values() for r in rs}))
            detail = f"on {len(keys)} lists ({', '.join(what) or 'one list twice'}): {shown}"
            flags.append(Flag(FlagKind.TWO_LISTS, pid, detail, refs))
    return flags
