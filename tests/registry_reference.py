"""A frozen copy of the registry as it was before its build was made compact (kppi_core 2026-11),
kept as the reference implementation the tests compare the new build against.

Only what the compact build changed is copied (the old person record, the
resolver and the flags), with the build and the reading of a registry file
that use them; the data classes and helpers it left as they were come from
:mod:`kppi_core.registry`. The tests write registry files with the library's
own ``dump_registry``. The original module docstring follows.

The registry: every source's records in one place, with people matched across sources.

A branch's data is scattered: each party's membership export, an attendance
sheet per training day, the election commission's lists, results. The
registry gathers the model objects of any mix of sources, keeps where each
came from (source and line), and decides which person records are one person.

Identity resolution is conservative and explainable. Two person records are
one person when, in this order of strength:

1. they carry the same NIK (compared through its keyed fingerprint);
2. they carry the same identifier in the same scheme (a KTA number within one
   party, ``kta:pkb``), or the same id from a source;
3. they have the same normalised name (:func:`kppi_core.names.name_key`) and
   the same full birth date.

A link is refused when the two sides conflict (two different NIKs, birth
dates that cannot be the same day, different declared genders): the pair
becomes an :class:`Ambiguity` for a person to decide. Records with the same
normalised name that no rule links become an ambiguity too, unless their NIKs
or birth dates show they are two people (KPU's SIPOL matches on the same
facts). Nothing is merged on a name alone. A :class:`Decision` (from a
decisions file) accepts or rejects a suggested match; decisions name records by
their fingerprints, which survive re-imports.

A merge keeps every source record and redirects old ids to the person's id;
nothing is deleted. The result does not depend on the order of the sources.

Flags follow the election commission's: one person in two parties'
membership lists (SIPOL), one person on two candidate lists at one election
(SILON), a declared gender that disagrees with the sex the NIK encodes, an
invalid NIK (which sources reject; counted from their rejections).

NIKs and birth dates never leave the registry in clear: they are compared in
memory and written out only as keyed HMAC-SHA256 fingerprints. The key comes
from the caller (or ``KPPI_FINGERPRINT_KEY``) and is never stored.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import attrs

from kppi_core.errors import KeyMismatch, SourceError
from kppi_core.model import (
    Candidacy,
    CandidateList,
    District,
    Election,
    FollowUp,
    Gender,
    Identifier,
    Membership,
    Organisation,
    Participation,
    Person,
    Post,
    Training,
)
from kppi_core.names import name_key

# The parts the compact build left as they were: shared, not copied.
from kppi_core.registry import (
    Ambiguity,
    Decision,
    Entry,
    Flag,
    FlagKind,
    Merge,
    Registry,
    SourceRef,
    _Carried,
    _CarriedState,
    _cycle,
    _decision_key,
    _Facts,
    _flag_key,
    _key_check,
    _merge_key,
    _nik_fingerprint,
    _Placed,
    _rej_key,
    fingerprint_key,
)
from kppi_core.rejections import Rejection
from kppi_core.sources import Located

__all__ = [
    "BIRTH_SCHEMES",
    "KEY_ENV",
    "NIK_SCHEME",
    "Ambiguity",
    "Decision",
    "Entry",
    "Flag",
    "FlagKind",
    "KeyMismatch",
    "Merge",
    "Registry",
    "RegistryPerson",
    "SourceRef",
    "build_registry",
    "fingerprint_key",
    "registry_records",
]

T = TypeVar("T")

#: The environment variable holding the fingerprint key.
KEY_ENV = "KPPI_FINGERPRINT_KEY"
#: The identifier scheme of a NIK's keyed fingerprint (``Nik.fingerprint(key)``).
NIK_SCHEME = "nik:hmac-sha256"
#: Identifier schemes of a birth date's keyed fingerprints, by precision.
BIRTH_SCHEMES = ("birth-year:hmac-sha256", "birth-month:hmac-sha256", "birth-date:hmac-sha256")
_SPECIAL = frozenset((NIK_SCHEME, *BIRTH_SCHEMES))
_FORMAT = "kppi-registry"
_KEY_CHECK = b"kppi-registry key check"


# --------------------------------------------------------------------------- results


@attrs.frozen
class RegistryPerson:
    """One person as the registry resolved her: her records, old ids and identifiers.

    ``name`` is the printed name of her first record, ``other_names`` the
    other names her records print. :attr:`person` is her record without
    personal data: NIK and birth date only as keyed fingerprints among its
    identifiers, no contact details.
    """

    id: str
    name: str
    gender: Gender
    records: tuple[SourceRef, ...]
    old_ids: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    plain_identifiers: tuple[tuple[str, str], ...] = ()
    # NIK token, birth tokens, whether they are fingerprints already, the key.
    _secrets: tuple[str | None, tuple[str | None, ...], bool, bytes] = attrs.field(
        default=(None, (), True, b""), eq=False, repr=False
    )

    @property
    def identifiers(self) -> tuple[Identifier, ...]:
        """Her identifiers, NIK and birth date as keyed fingerprints (made on demand)."""
        nik, birth, hashed, key = self._secrets
        pairs = set(self.plain_identifiers)
        if nik:
            pairs.add((NIK_SCHEME, nik if hashed else _nik_fingerprint(key, nik)))
        for k, value in enumerate(birth):
            if value:
                pairs.add(
                    (BIRTH_SCHEMES[k], value if hashed else _Tokens(key, True).birth(value, k))
                )
        return tuple(Identifier(s, v) for s, v in sorted(pairs))

    @property
    def person(self) -> Person:
        """Her record as the registry stores it (no NIK, birth date or contact detail)."""
        return Person(
            id=self.id,
            name=self.name,
            gender=self.gender,
            identifiers=self.identifiers,
            other_names=self.other_names,
        )

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """The fingerprints of her source records."""
        return tuple(r.fingerprint for r in self.records if r.fingerprint is not None)


# --------------------------------------------------------------------------- building

#: What a source stream may hold: model objects, Located ones, rejections.
Record: TypeAlias = Any


class _Rec:
    """One person record, as the resolver sees it."""

    __slots__ = (
        "birth", "carried", "gender", "ident", "line", "name", "names", "nik", "order", "person",
        "rank", "source", "synth",
    )  # fmt: skip

    def __init__(
        self,
        person: Person,
        source: str,
        line: int | None,
        order: int,
        rank: int,
        synth: str | None = None,
    ) -> None:
        self.person = person
        self.source = source
        self.line = line
        self.order = order
        self.rank = rank  # set in build: which record's id a person takes
        self.synth = synth  # fingerprint text of a candidacy-made record
        self.name = name_key(person.name)
        self.names: tuple[str, ...] = (self.name,)
        if person.other_names:
            self.names = tuple({self.name, *(name_key(n) for n in person.other_names)})
        self.gender = person.gender
        self.nik: str | None = None
        self.birth: tuple[str | None, str | None, str | None] = (None, None, None)
        self.ident: tuple[tuple[str, str], ...] = ()
        self.carried: _Carried | None = None

    def sort_key(self) -> tuple[str, int, int]:
        return (self.source, -1 if self.line is None else self.line, self.order)


class _Tokens:
    """Turns NIKs and birth dates into comparable tokens: raw values in memory,
    keyed fingerprints when some record has only fingerprints."""

    def __init__(self, key: bytes, hashed: bool) -> None:
        self.key = key
        self.hashed = hashed

    def fp(self, text: str, n: int = 16) -> str:
        return hmac.digest(self.key, text.encode("utf-8"), "sha256")[:n].hex()

    def nik(self, digits: str) -> str:
        if self.hashed:
            return hmac.digest(self.key, digits.encode("ascii"), "sha256").hex()
        return digits

    def birth(self, value: str, precision: int) -> str:
        return self.fp(f"{BIRTH_SCHEMES[precision]}|{value}") if self.hashed else value


def _birth_parts(person: Person) -> tuple[str | None, str | None, str | None]:
    bd = person.birth_date
    if bd is None:
        return (None, None, None)
    year = f"{bd.year:04d}"
    month = f"{year}-{bd.month:02d}" if bd.month is not None else None
    day = f"{month}-{bd.day:02d}" if bd.day is not None else None
    return (year, month, day)


class _Builder:
    def __init__(self, key: bytes) -> None:
        self.key = key
        self.recs: list[_Rec] = []
        self.others: list[tuple[Any, str, int | None, int, tuple[SourceRef, ...] | None]] = []
        self.rejected: list[Rejection] = []
        self.carried: list[_CarriedState] = []
        self.records = 0
        self._fps: dict[int, str] = {}

    # -- reading
    def add_source(self, name: str, stream: Iterable[Record]) -> None:
        order = 0
        for item in stream:
            if isinstance(item, _CarriedState):
                self.carried.append(item)
                continue
            obj, line = (item.record, item.line) if isinstance(item, Located) else (item, None)
            refs = None
            if isinstance(obj, _Placed):
                obj, refs = obj.record, obj.refs
            order += 1
            if isinstance(obj, _Carried):
                # belongs to the person record just before it
                self.recs[-1].carried = obj
                order -= 1
                continue
            self.records += 1
            if isinstance(obj, Rejection):
                self.rejected.append(obj)
            elif isinstance(obj, Person):
                self.recs.append(_Rec(obj, name, line, order, 0))
            elif isinstance(obj, CandidateList):
                self.records -= 1  # its candidacies are the records
                for c in obj.candidacies:
                    self.records += 1
                    order += 1
                    self._candidacy(c, name, line, order, refs)
            elif isinstance(obj, Candidacy):
                self._candidacy(obj, name, line, order, refs)
            else:
                if isinstance(obj, District):
                    self.records -= 1  # derived from candidate rows, not a record
                self.others.append((obj, name, line, order, refs))

    def _candidacy(
        self,
        c: Candidacy,
        source: str,
        line: int | None,
        order: int,
        refs: tuple[SourceRef, ...] | None,
    ) -> None:
        if c.person_id is None:
            pid = f"candidacy/{c.election_id}/{c.district_id}/{c.party}/{c.list_position}"
            person = Person(id=pid, name=c.name, gender=c.gender)
            synth = f"candidacy|{c.election_id}|{c.district_id}|{c.party}|{name_key(c.name)}"
            self.recs.append(_Rec(person, source, line, order, 1, synth))
            c = attrs.evolve(c, person_id=pid)
        self.others.append((c, source, line, order, refs))

    # -- fingerprints
    def fingerprint(self, i: int) -> str:
        fp = self._fps.get(i)
        if fp is None:
            rec = self.recs[i]
            if rec.carried is not None and rec.carried.records:
                fps = [r.fingerprint for r in rec.carried.records if r.fingerprint]
                fp = min(fps) if fps else ""
            if not fp:
                p = rec.person
                if rec.synth is not None:
                    text = rec.synth
                else:
                    idents = [f"{i.scheme}={i.identifier}" for i in p.identifiers]
                    if len(idents) > 1:
                        idents.sort()
                    text = "|".join(
                        (
                            "person",
                            rec.name,
                            p.gender.value,
                            p.nik.reveal() if p.nik else "",
                            str(p.birth_date or ""),
                            *idents,
                        )
                    )
                fp = hmac.digest(self.key, text.encode("utf-8"), "sha256")[:16].hex()
            self._fps[i] = fp
        return fp

    def all_fingerprints(self, i: int) -> list[str]:
        rec = self.recs[i]
        if rec.carried is not None and rec.carried.records:
            return [r.fingerprint for r in rec.carried.records if r.fingerprint]
        return [self.fingerprint(i)]

    def ref(self, i: int) -> SourceRef:
        rec = self.recs[i]
        return SourceRef(rec.source, rec.line, self.fingerprint(i))

    def build(self, decisions: Sequence[Decision]) -> Registry:
        for state in self.carried:
            if state.key_check and state.key_check != _key_check(self.key):
                raise KeyMismatch("a registry file was built with another fingerprint key")
        # Decisions a registry file carries still hold (a rejection is nowhere else).
        carried = [d for state in self.carried for d in state.decisions]
        decisions = tuple(sorted(set(decisions) | set(carried), key=_decision_key))
        recs = self.recs
        recs.sort(key=_Rec.sort_key)
        # Compare raw values in memory unless some record has only fingerprints.
        hashed = any(
            r.carried is not None or any(i.scheme in _SPECIAL for i in r.person.identifiers)
            for r in recs
        )
        tokens = _Tokens(self.key, hashed)
        for r in recs:
            self._facts_of(r, tokens)
            # Whose id a person takes: a record with a NIK or an issued number
            # first, then other records (often line numbers), then candidacies.
            r.rank = 2 if r.synth is not None else 0 if (r.nik or r.ident) else 1
        n = len(recs)
        parent = list(range(n))
        facts: dict[int, _Facts] = {}

        def find(i: int) -> int:
            root = i
            while parent[root] != root:
                root = parent[root]
            while parent[i] != root:
                parent[i], i = root, parent[i]
            return root

        def facts_of(root: int) -> _Facts:
            f = facts.get(root)
            if f is None:
                f = facts[root] = _Facts(recs[root])
            return f

        merges: list[tuple[int, int, str, str | None]] = []
        conflicts: dict[tuple[int, int], None] = {}  # record pairs a conflict kept apart

        def union(i: int, j: int, rule: str, scheme: str | None, force: bool = False) -> bool:
            ri, rj = find(i), find(j)
            if ri == rj:
                return True
            fi, fj = facts_of(ri), facts_of(rj)
            if not force and fi.conflicts(fj):
                conflicts.setdefault((i, j), None)
                return False
            if rj < ri:
                ri, rj = rj, ri
                fi, fj = fj, fi
            parent[rj] = ri
            fi.absorb(fj)
            facts.pop(rj, None)
            merges.append((i, j, rule, scheme))
            return True

        # Strong links, strongest first; within a class, in the records' order.
        first: dict[str, int] = {}
        more: dict[str, list[int]] = {}  # keys held by persons a conflict kept apart

        def link(k: str, i: int, rule: str, scheme: str | None) -> None:
            """Join record ``i`` to the first holder of key ``k`` it does not conflict with."""
            j = first.setdefault(k, i)
            if j == i or union(j, i, rule, scheme):
                return
            holders = more.setdefault(k, [j])
            if not any(union(h, i, rule, scheme) for h in holders[1:]):
                holders.append(i)

        for i, r in enumerate(recs):
            if r.nik:
                link("n\x00" + r.nik, i, "nik", None)
        for i, r in enumerate(recs):
            for scheme, value in r.ident:
                link(f"i\x00{scheme}\x00{value}", i, "identifier", scheme)
            for pid in (r.person.id, *(r.carried.old_ids if r.carried else ())):
                link("d\x00" + pid, i, "id", None)
        # A name and birth date: the birth date known for the person so far, so
        # that a record without one still counts once its NIK has placed it.
        days = [facts_of(find(i)).birth[2] for i in range(n)]
        for i, r in enumerate(recs):
            if days[i]:
                for name in r.names:
                    link(f"b\x00{name}\x00{days[i]}", i, "name+birth_date", None)
        del days
        id_holders = {k[2:]: v for k, v in more.items() if k.startswith("d\x00")}
        first.clear()  # free memory early
        more.clear()

        # Decisions: accepted pairs are merged, rejected ones kept apart.
        rejected_pairs: set[frozenset[str]] = set()
        if decisions:
            # Records with equal content share a fingerprint: a decision holds for all.
            by_fp: dict[str, list[int]] = {}
            for i in range(n):
                for fp in self.all_fingerprints(i):
                    by_fp.setdefault(fp, []).append(i)
            for d in sorted(decisions, key=lambda d: (not d.accept, d.a, d.b)):
                if d.accept:
                    for i in by_fp.get(d.a, ()):
                        for j in by_fp.get(d.b, ()):
                            union(i, j, "decision", None, force=True)
                else:
                    rejected_pairs.add(frozenset((d.a, d.b)))

        # Clusters and their ids.
        members: dict[int, list[int]] = {}
        for i in range(n):
            members.setdefault(find(i), []).append(i)
        canonical: dict[int, str] = {}
        claims: dict[str, list[int]] = {}
        for root, idx in members.items():
            canonical[root] = min((recs[i].rank, recs[i].person.id) for i in idx)[1]
            claims.setdefault(canonical[root], []).append(root)
        for pid, roots in claims.items():
            # Persons kept apart that claim one id: the later ones get a suffix.
            for n, root in enumerate(sorted(roots)[1:], start=2):
                canonical[root] = f"{pid}~{n}"

        def cluster_fps(root: int) -> list[str]:
            return sorted(fp for i in members[root] for fp in self.all_fingerprints(i))

        def kept_apart(ra: int, rb: int) -> bool:
            if not rejected_pairs:
                return False
            fa, fb = cluster_fps(ra), cluster_fps(rb)
            return any(frozenset((x, y)) in rejected_pairs for x in fa for y in fb)

        ambiguities: dict[tuple[int, int], Ambiguity] = {}
        shown: dict[int, tuple[set[str], set[tuple[str, str]], set[str], set[str]]] = {}

        def keys_of(root: int) -> tuple[set[str], set[tuple[str, str]], set[str], set[str]]:
            """A cluster's names, identifiers, ids and name+birth keys."""
            got = shown.get(root)
            if got is None:
                names: set[str] = set()
                idents: set[tuple[str, str]] = set()
                ids: set[str] = set()
                for i in members[root]:
                    r = recs[i]
                    names.update(r.names)
                    idents.update(r.ident)
                    ids.add(r.person.id)
                    ids.update(r.carried.old_ids if r.carried else ())
                day = facts_of(root).birth[2]
                got = shown[root] = (names, idents, ids, {f"{n}|{day}" for n in names if day})
            return got

        def ambiguity(ra: int, rb: int) -> None:
            """Record the pair, with what they share and what disagrees."""
            if canonical[ra] > canonical[rb]:
                ra, rb = rb, ra
            if (ra, rb) in ambiguities or kept_apart(ra, rb):
                return
            fa, fb = facts_of(ra), facts_of(rb)
            (na, ia, da, ba), (nb, ib, db, bb) = keys_of(ra), keys_of(rb)
            reasons = []
            if fa.nik and fa.nik == fb.nik:
                reasons.append("the same NIK")
            reasons += [
                f"the same {scheme} identifier" for scheme in sorted({s for s, _ in ia & ib})
            ]
            if da & db:
                reasons.append("the same source id")
            if ba & bb:
                reasons.append("the same name and birth date")
            elif na & nb:
                reasons.append("the same name")
                if not (fa.birth[2] and fb.birth[2]):
                    reasons.append("no full birth date on one side")
            ambiguities[(ra, rb)] = Ambiguity(
                canonical[ra], canonical[rb], cluster_fps(ra)[0], cluster_fps(rb)[0],
                tuple(reasons + fa.conflicts(fb)),
            )  # fmt: skip

        for i, j in conflicts:
            ri, rj = find(i), find(j)
            if ri != rj:
                ambiguity(ri, rj)
        by_name: dict[str, set[int]] = {}
        for root, idx in members.items():
            for i in idx:
                for name in recs[i].names:
                    by_name.setdefault(name, set()).add(root)
        for group in by_name.values():
            if len(group) < 2:
                continue
            ordered = sorted(group, key=canonical.__getitem__)
            for x, ra in enumerate(ordered):
                for rb in ordered[x + 1 :]:
                    problems = facts_of(ra).conflicts(facts_of(rb))
                    if "different NIKs" in problems or "different birth dates" in problems:
                        continue  # two people: the evidence says so
                    ambiguity(ra, rb)

        # Persons, redirects, merges.
        redirects: dict[str, str] = {}
        persons: list[RegistryPerson] = []
        for root, idx in members.items():
            pid = canonical[root]
            refs: list[SourceRef] = []
            old: set[str] = set()
            for i in idx:
                rec = recs[i]
                if rec.carried is not None:
                    refs.extend(rec.carried.records)
                    old.update(rec.carried.old_ids)
                else:
                    refs.append(self.ref(i))
                old.add(rec.person.id)
            old.discard(pid)
            for o in old:
                if o not in claims and (o not in redirects or redirects[o] > pid):
                    redirects[o] = pid
            persons.append(
                self._public_person(
                    pid,
                    [recs[i] for i in idx],
                    tokens,
                    facts_of(root),
                    tuple(sorted(set(refs))) if len(refs) > 1 else tuple(refs),
                    tuple(sorted(old)),
                )
            )
        persons.sort(key=lambda p: p.id)
        merge_objs = [
            Merge(canonical[find(i)], self.ref(i), self.ref(j), rule, scheme)
            for i, j, rule, scheme in merges
        ]
        for state in self.carried:
            merge_objs.extend(
                attrs.evolve(m, person_id=redirects.get(m.person_id, m.person_id))
                for m in state.merges
            )

        def resolve(source: str, pid: str | None) -> str | None:
            if pid is None:
                return None
            holders = id_holders.get(pid)
            if holders:
                # One id, persons kept apart: the one that goes by it, else one
                # from the same source, else the first.
                ids = [canonical[find(h)] for h in holders]
                if pid in ids:
                    return pid
                same = [h for h in holders if recs[h].source == source]
                return canonical[find((same or holders)[0])]
            return redirects.get(pid, pid)

        registry = self._assemble(resolve, persons, redirects)
        flags = _flags(registry, recs, canonical, find, self.ref, self.rejected)
        carried_flags = [
            attrs.evolve(f, person_id=resolve("", f.person_id))
            for state in self.carried
            for f in state.flags
            if f.kind in (FlagKind.NIK_GENDER_MISMATCH, FlagKind.INVALID_NIK)
        ]
        carried_rejected = [r for state in self.carried for r in state.rejected]
        return attrs.evolve(
            registry,
            merges=tuple(sorted(set(merge_objs), key=_merge_key)),
            ambiguities=tuple(sorted(ambiguities.values(), key=lambda a: (a.a, a.b))),
            flags=tuple(sorted(set(flags) | set(carried_flags), key=_flag_key)),
            rejected=tuple(sorted(set(self.rejected) | set(carried_rejected), key=_rej_key)),
            decisions=tuple(decisions),
            records=self.records,
            key_check=_key_check(self.key),
        )

    def _facts_of(self, r: _Rec, tokens: _Tokens) -> None:
        p = r.person
        ident: list[tuple[str, str]] = []
        birth: list[str | None] = list(_birth_parts(p))
        if tokens.hashed:
            birth = [tokens.birth(v, k) if v else None for k, v in enumerate(birth)]
        for i in p.identifiers:
            if i.scheme == NIK_SCHEME:
                r.nik = i.identifier
            elif i.scheme in BIRTH_SCHEMES:
                k = BIRTH_SCHEMES.index(i.scheme)
                birth[k] = birth[k] or i.identifier
            else:
                ident.append((i.scheme, i.identifier))
        if p.nik is not None:
            r.nik = tokens.nik(p.nik.reveal())
        r.birth = (birth[0], birth[1], birth[2])
        r.ident = tuple(ident)

    def _public_person(
        self,
        pid: str,
        recs: list[_Rec],
        tokens: _Tokens,
        facts: _Facts,
        refs: tuple[SourceRef, ...],
        old: tuple[str, ...],
    ) -> RegistryPerson:
        """The person as the registry shows and stores her: no NIK, no birth date
        in clear, no contact details."""
        if len(recs) > 1:
            recs = sorted(recs, key=lambda r: (r.rank, r.person.id != pid, r.sort_key()))
        head = recs[0].person
        names: list[str] = []
        idents: set[tuple[str, str]] = set()
        for r in recs:
            if r.person.name not in names:
                names.append(r.person.name)
            names.extend(n for n in r.person.other_names if n not in names)
            idents.update(r.ident)
        return RegistryPerson(
            pid,
            head.name,
            facts.gender,
            refs,
            old,
            tuple(n for n in names if n != head.name),
            tuple(sorted(idents)),
            (facts.nik, tuple(facts.birth), tokens.hashed, self.key),
        )

    def _assemble(
        self,
        resolve: Any,
        persons: list[RegistryPerson],
        redirects: dict[str, str],
    ) -> Registry:
        kinds: dict[type[Any], dict[Any, list[SourceRef]]] = {
            t: {}
            for t in (
                Organisation, Post, Membership, Training, Participation, FollowUp, Election,
                District, Candidacy,
            )
        }  # fmt: skip
        for obj, source, line, _, refs in sorted(
            self.others, key=lambda o: (o[1], o[2] or -1, o[3])
        ):
            obj = _rewrite(obj, source, resolve)
            bucket = kinds.get(type(obj))
            if bucket is None:
                continue
            bucket.setdefault(obj, []).extend(refs or (SourceRef(source, line),))

        def entries(t: type[T]) -> tuple[Entry[T], ...]:
            return tuple(Entry(obj, tuple(sorted(set(refs)))) for obj, refs in kinds[t].items())

        return Registry(
            persons=tuple(persons),
            organisations=entries(Organisation),
            posts=entries(Post),
            memberships=entries(Membership),
            trainings=entries(Training),
            participations=entries(Participation),
            follow_ups=entries(FollowUp),
            elections=entries(Election),
            districts=entries(District),
            candidacies=entries(Candidacy),
            redirects=redirects,
        )


def _rewrite(obj: Any, source: str, resolve: Any) -> Any:
    if isinstance(obj, Membership | Participation | Candidacy):
        pid = resolve(source, obj.person_id)
        return obj if pid == obj.person_id else attrs.evolve(obj, person_id=pid)
    if isinstance(obj, FollowUp):
        return attrs.evolve(
            obj, cadre_id=resolve(source, obj.cadre_id), owner_id=resolve(source, obj.owner_id)
        )
    if isinstance(obj, Training):
        return attrs.evolve(
            obj,
            sessions=[
                attrs.evolve(
                    s,
                    speakers=[
                        attrs.evolve(sp, person_id=resolve(source, sp.person_id))
                        for sp in s.speakers
                    ],
                )
                for s in obj.sessions
            ],
        )
    return obj


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def _flags(
    registry: Registry,
    recs: list[_Rec],
    canonical: dict[int, str],
    find: Any,
    ref: Any,
    rejected: Iterable[Rejection],
) -> list[Flag]:
    flags: list[Flag] = []
    parties = registry.parties()
    orgs = registry.organisation_map()
    by_person: dict[str, dict[str, list[SourceRef]]] = {}
    for e in registry.memberships:
        m = e.record
        if m.organization_id in parties and m.end_date is None:
            by_person.setdefault(m.person_id, {}).setdefault(m.organization_id, []).extend(
                e.sources
            )
    for pid, held in by_person.items():
        if len(held) > 1:
            names = ", ".join(orgs[o].name for o in sorted(held))
            refs = tuple(sorted({r for rs in held.values() for r in rs}))
            flags.append(
                Flag(FlagKind.TWO_PARTIES, pid, f"member of {len(held)} parties: {names}", refs)
            )
    years = {e.record.id: e.record.date.year for e in registry.elections if e.record.date}
    lists: dict[tuple[str, str], dict[tuple[str, str, str], list[SourceRef]]] = {}
    for ce in registry.candidacies:
        c = ce.record
        if c.person_id is None:
            continue
        key = (c.person_id, _cycle(c.election_id, years))
        lists.setdefault(key, {}).setdefault((c.election_id, c.district_id, c.party), []).extend(
            ce.sources
        )
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
            flags.append(
                Flag(
                    FlagKind.TWO_LISTS,
                    pid,
                    f"on {len(keys)} lists ({', '.join(what) or 'one list twice'}): {shown}",
                    refs,
                )
            )
    mismatched: dict[str, tuple[str, list[SourceRef]]] = {}
    for i, r in enumerate(recs):
        if r.person.nik_gender_mismatch:
            assert r.person.nik is not None
            detail = f"declared {r.person.gender.value}, the NIK encodes {r.person.nik.sex.value}"
            mismatched.setdefault(canonical[find(i)], (detail, []))[1].append(ref(i))
    for pid, (detail, where) in mismatched.items():
        flags.append(Flag(FlagKind.NIK_GENDER_MISMATCH, pid, detail, tuple(sorted(where))))
    for rej in rejected:
        if rej.field and "nik" in rej.field.casefold():
            flags.append(
                Flag(FlagKind.INVALID_NIK, None, rej.reason, (SourceRef(rej.source, rej.line),))
            )
    return flags


def build_registry(
    sources: Iterable[tuple[str, Iterable[Record]]],
    *,
    key: bytes,
    decisions: Iterable[Decision] = (),
) -> Registry:
    """Build a registry from ``(source name, records)`` pairs.

    Records are model objects, :class:`~kppi_core.sources.Located` ones, or
    rejections; a registry file's records (:func:`registry_records`) carry
    their earlier resolution. ``key`` makes the fingerprints; ``decisions``
    accept or reject suggested matches. The result is the same whatever the
    order of ``sources``.
    """
    if not key:
        raise ValueError("build_registry needs a non-empty fingerprint key")
    import gc

    builder = _Builder(key)
    # Millions of small objects and no cycles: the cyclic collector would only
    # rescan them again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        for name, stream in sources:
            builder.add_source(name, stream)
        return builder.build(tuple(decisions))
    finally:
        if paused:
            gc.enable()


# --------------------------------------------------------------------------- files


def registry_records(path: str | Path) -> Iterator[Record]:
    """The records of a registry file, for :func:`build_registry`.

    Persons come back with their earlier source records and old ids, so that
    decisions and redirects survive; other sections as the data set has them.
    """
    from kppi_core.conversion import converter
    from kppi_core.dataset import read_dataset

    path = Path(path)
    read = read_dataset(path)
    try:
        meta = json.loads(path.read_text("utf-8-sig")).get("meta") or {}
    except ValueError as exc:  # pragma: no cover - read_dataset has read it already
        raise SourceError(f"not JSON: {exc}", path=str(path)) from None
    if meta.get("format") != _FORMAT:
        raise SourceError("not a registry file (meta.format is not kppi-registry)", path=str(path))
    structure = converter.structure
    records = meta.get("records", {})
    old_ids = meta.get("old_ids", {})
    yield _CarriedState(
        merges=tuple(structure(m, Merge) for m in meta.get("merges", ())),
        flags=tuple(structure(f, Flag) for f in meta.get("flags", ())),
        rejected=tuple(structure(r, Rejection) for r in meta.get("rejected", ())),
        key_check=str(meta.get("key_check", "")),
        decisions=tuple(structure(d, Decision) for d in meta.get("decisions", ())),
    )
    ds = read.dataset
    places = meta.get("sources", {})

    def placed(section: str, objs: Sequence[Any]) -> Iterator[Any]:
        where = places.get(section, ())
        if len(where) != len(objs):  # some record was rejected: places unknown
            yield from objs
            return
        for obj, refs in zip(objs, where, strict=True):
            yield _Placed(obj, tuple(structure(r, SourceRef) for r in refs))

    for p in ds.persons:
        yield p
        refs = tuple(structure(r, SourceRef) for r in records.get(p.id, ()))
        yield _Carried(p.id, refs, tuple(old_ids.get(p.id, ())))
    yield from placed("organizations", ds.organizations)
    yield from placed("posts", ds.posts)
    yield from placed("memberships", ds.memberships)
    yield from placed("trainings", ds.trainings)
    yield from placed("participations", ds.participations)
    yield from placed("follow_ups", ds.follow_ups)
    yield from placed("elections", ds.elections)
    yield from placed("districts", ds.districts)
    list_places = places.get("candidate_lists", ())
    aligned = len(list_places) == len(ds.candidate_lists)
    for n, cl in enumerate(ds.candidate_lists):
        if aligned and len(list_places[n]) == len(cl.candidacies):
            for c, refs in zip(cl.candidacies, list_places[n], strict=True):
                yield _Placed(c, tuple(structure(r, SourceRef) for r in refs))
        else:
            yield from cl.candidacies
    yield from read.rejected
