"""The registry: every source's records in one place, with people matched across sources.

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

import enum
import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeAlias, TypeVar

import attrs

from kppi_core.errors import KeyMismatch, NotFound, SourceError
from kppi_core.limits import loads_json
from kppi_core.model import (
    Candidacy,
    CandidateList,
    Classification,
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
    "dump_decisions",
    "dump_registry",
    "fingerprint_key",
    "is_registry_file",
    "read_decisions",
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


def fingerprint_key(value: str | bytes | None = None) -> bytes:
    """The fingerprint key: ``value`` if given, else ``$KPPI_FINGERPRINT_KEY``.

    Raises :class:`~kppi_core.errors.NotFound` when there is none: fingerprints
    without a secret key could be reversed by trying every NIK.
    """
    if value is None:
        value = os.environ.get(KEY_ENV, "")
    key = value.encode("utf-8") if isinstance(value, str) else value
    if not key:
        raise NotFound(f"no fingerprint key: set {KEY_ENV} to a secret shared by those who match")
    return key


def _key_check(key: bytes) -> str:
    return hmac.digest(key, _KEY_CHECK, "sha256")[:8].hex()


# --------------------------------------------------------------------------- results


@attrs.frozen(order=True)
class SourceRef:
    """Where a record came from: the source's name and line (when it has lines),
    and for a person record its fingerprint, the stable id decisions use."""

    source: str
    line: int | None = attrs.field(default=None, order=lambda v: -1 if v is None else v)
    fingerprint: str | None = None

    def __str__(self) -> str:
        return self.source if self.line is None else f"{self.source}:{self.line}"


@attrs.frozen
class Entry(Generic[T]):
    """A record with every place it was read from (equal records are kept once)."""

    record: T
    sources: tuple[SourceRef, ...]


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
    # NIK token, birth tokens, and (whether they are fingerprints already, the
    # key): one tuple shared by every person of a build.
    _nik: str | None = attrs.field(default=None, eq=False, repr=False)
    _birth: tuple[str | None, ...] = attrs.field(default=(), eq=False, repr=False)
    _keyed: tuple[bool, bytes] = attrs.field(default=(True, b""), eq=False, repr=False)

    @property
    def identifiers(self) -> tuple[Identifier, ...]:
        """Her identifiers, NIK and birth date as keyed fingerprints (made on demand)."""
        nik, birth, (hashed, key) = self._nik, self._birth, self._keyed
        pairs = set(self.plain_identifiers)
        if nik:
            pairs.add((NIK_SCHEME, nik if hashed else _nik_fingerprint(key, nik)))
        for k, value in enumerate(birth):
            if value:
                token = value if hashed else _birth_fingerprint(key, value, k)
                pairs.add((BIRTH_SCHEMES[k], token))
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


@attrs.frozen
class Merge:
    """Two records found to be one person, and the rule that said so.

    ``rule`` is ``nik``, ``identifier`` (``scheme`` names which), ``id``,
    ``name+birth_date`` or ``decision``.
    """

    person_id: str
    a: SourceRef
    b: SourceRef
    rule: str
    scheme: str | None = None

    def explain(self) -> str:
        """One line: which records, and why."""
        why = {
            "nik": "the same NIK (keyed fingerprint)",
            "identifier": f"the same {self.scheme} identifier",
            "id": "the same source id",
            "name+birth_date": "the same name and birth date",
            "decision": "a decision accepted it",
        }.get(self.rule, self.rule)
        return f"{self.a} = {self.b}: {why}"


@attrs.frozen
class Ambiguity:
    """Two persons who may be one, left apart for a person to decide.

    ``a_record`` and ``b_record`` are record fingerprints to copy into a
    decisions file; ``reasons`` say what matched and what disagreed.
    """

    a: str
    b: str
    a_record: str
    b_record: str
    reasons: tuple[str, ...]

    @property
    def id(self) -> str:
        """A stable id for the pair."""
        pair = "|".join(sorted((self.a_record, self.b_record)))
        return hashlib.sha256(pair.encode()).hexdigest()[:12]


class FlagKind(enum.Enum):
    """What the election commission's systems would flag."""

    TWO_PARTIES = "two_parties"  # SIPOL: one person in two parties' membership lists
    TWO_LISTS = "two_lists"  # SILON: one person on two lists at one election
    NIK_GENDER_MISMATCH = "nik_gender_mismatch"  # declared gender vs the NIK's sex
    INVALID_NIK = "invalid_nik"  # a NIK a source rejected


@attrs.frozen
class Flag:
    """A finding about a person (or a rejected record): kind, detail, and sources."""

    kind: FlagKind
    person_id: str | None
    detail: str
    sources: tuple[SourceRef, ...] = ()


@attrs.frozen
class Decision:
    """A person's answer to a suggested match: ``accept`` or not, between two
    records named by their fingerprints."""

    a: str
    b: str
    accept: bool
    note: str = ""


@attrs.frozen
class Registry:
    """Everything read, with persons resolved and every reference pointing to them."""

    persons: tuple[RegistryPerson, ...]
    organisations: tuple[Entry[Organisation], ...] = ()
    posts: tuple[Entry[Post], ...] = ()
    memberships: tuple[Entry[Membership], ...] = ()
    trainings: tuple[Entry[Training], ...] = ()
    participations: tuple[Entry[Participation], ...] = ()
    follow_ups: tuple[Entry[FollowUp], ...] = ()
    elections: tuple[Entry[Election], ...] = ()
    districts: tuple[Entry[District], ...] = ()
    candidacies: tuple[Entry[Candidacy], ...] = ()
    merges: tuple[Merge, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()
    flags: tuple[Flag, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    redirects: Mapping[str, str] = attrs.field(factory=dict)
    decisions: tuple[Decision, ...] = ()
    records: int = 0
    key_check: str = ""
    _by_id: dict[str, RegistryPerson] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self._by_id.update((p.id, p) for p in self.persons)

    def canonical(self, person_id: str) -> str:
        """The id ``person_id`` now goes by (itself when never merged away)."""
        return self.redirects.get(person_id, person_id)

    def person(self, person_id: str) -> RegistryPerson:
        """The person behind ``person_id``, following redirects."""
        try:
            return self._by_id[self.canonical(person_id)]
        except KeyError:
            raise NotFound(f"no person {person_id!r} in the registry") from None

    def get(self, person_id: str) -> RegistryPerson | None:
        """The person behind ``person_id``, or None."""
        return self._by_id.get(self.canonical(person_id))

    def organisation_map(self) -> dict[str, Organisation]:
        """Organisations by id. Where sources disagree on one id, the record that
        says most wins (a parent, an area, identifiers), so a branch described
        in a data set beats the bare name an attendance sheet gives."""
        out: dict[str, Organisation] = {}
        for e in self.organisations:
            o = e.record
            best = out.get(o.id)
            if best is None or _detail(o) > _detail(best):
                out[o.id] = o
        return out

    def parties(self) -> set[str]:
        """The ids of organisations classified as parties."""
        return {
            e.record.id
            for e in self.organisations
            if e.record.classification == Classification.PARTY
        }

    @property
    def ok(self) -> bool:
        """No ambiguity, no flag, no rejected record."""
        return not (self.ambiguities or self.flags or self.rejected)


def _detail(o: Organisation) -> int:
    return sum(
        (
            o.parent_id is not None,
            o.area is not None,
            bool(o.identifiers),
            o.founding_date is not None,
        )
    )


# --------------------------------------------------------------------------- building

#: What a source stream may hold: model objects, Located ones, rejections.
Record: TypeAlias = Any


@attrs.define(slots=True)
class _Carried:
    """What a registry file carries for one of its persons: the original records,
    the ids merged into it."""

    person_id: str
    records: tuple[SourceRef, ...]
    old_ids: tuple[str, ...]


@attrs.define(slots=True)
class _CarriedState:
    """What a registry file carries besides its persons."""

    merges: tuple[Merge, ...]
    flags: tuple[Flag, ...]
    rejected: tuple[Rejection, ...]
    key_check: str
    decisions: tuple[Decision, ...] = ()


@attrs.define(slots=True)
class _Placed:
    """A record of a registry file with the places it was first read from."""

    record: Any
    refs: tuple[SourceRef, ...]


class _Hmac:
    """HMAC-SHA256 under one key, with the key's padded blocks hashed once (RFC 2104):
    the same digests as :func:`hmac.digest`, a few times faster on short messages."""

    __slots__ = ("_inner", "_outer")

    def __init__(self, key: bytes) -> None:
        if len(key) > 64:
            key = hashlib.sha256(key).digest()
        key = key.ljust(64, b"\0")
        self._inner = hashlib.sha256(key.translate(_IPAD))
        self._outer = hashlib.sha256(key.translate(_OPAD))

    def digest(self, message: bytes) -> bytes:
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()


_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


class _Rec:
    """One person record, as the resolver sees it: the facts it needs from the
    :class:`Person` (which it does not keep), its place and its fingerprint."""

    __slots__ = (
        "birth", "carried", "fp", "gender", "id", "ident", "line", "mismatch", "name", "names",
        "nik", "order", "other_names", "printed", "rank", "source", "synth",
    )  # fmt: skip

    def __init__(
        self,
        person: Person,
        source: str,
        line: int | None,
        order: int,
        rank: int,
        builder: _Builder,
        synth: str | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.order = order
        self.rank = rank  # set in build: which record's id a person takes
        self.synth = synth  # fingerprint text of a candidacy-made record
        self.id = person.id
        self.printed = person.name
        self.other_names = person.other_names
        self.gender = gender = person.gender
        self.name = name = name_key(person.name)
        # Other spellings, when the record has some (else only ``name``).
        self.names: tuple[str, ...] | None = None
        if person.other_names:
            self.names = tuple({name, *(name_key(n) for n in person.other_names)})
        nik = person.nik
        # Raw values until build() knows whether to compare fingerprints instead.
        self.nik: str | None = nik.reveal() if nik is not None else None
        bd = person.birth_date
        self.birth = _NO_BIRTH if bd is None else builder.birth_parts(bd)
        idents = person.identifiers
        self.ident: tuple[Identifier, ...] = idents  # without NIK and birth fingerprints
        self.mismatch: str | None = None
        if nik is not None and gender is not Gender.UNKNOWN and nik.sex is not gender:
            self.mismatch = f"declared {gender.value}, the NIK encodes {nik.sex.value}"
        if synth is not None:
            text = synth
        else:
            if idents:
                shown = []
                for i in idents:
                    if i.scheme in _SPECIAL:
                        builder.hashed = True
                    shown.append(f"{i.scheme}={i.identifier}")
                if len(shown) > 1:
                    shown.sort()
                tail = "|" + "|".join(shown)
            else:
                tail = ""
            born = self.birth[2] or self.birth[1] or self.birth[0] or ""
            text = f"person|{name}|{gender.value}|{self.nik or ''}|{born}{tail}"
        self.fp = builder.hmac(text.encode("utf-8"))[:16].hex()
        self.carried: _Carried | None = None

    def all_names(self) -> tuple[str, ...]:
        return self.names or (self.name,)

    def sort_key(self) -> tuple[str, int, int]:
        return (self.source, -1 if self.line is None else self.line, self.order)


_NO_BIRTH: tuple[str | None, str | None, str | None] = (None, None, None)


class _Facts:
    """What a cluster of records knows for sure; a cluster never holds two values."""

    __slots__ = ("birth", "gender", "nik")

    def __init__(self, rec: _Rec) -> None:
        self.nik = rec.nik
        self.birth = list(rec.birth)
        self.gender = rec.gender

    def conflicts(self, other: _Facts) -> list[str]:
        out = []
        if self.nik and other.nik and self.nik != other.nik:
            out.append("different NIKs")
        for mine, theirs in zip(self.birth, other.birth, strict=True):
            if mine and theirs and mine != theirs:
                out.append("different birth dates")
                break
        if (
            self.gender is not Gender.UNKNOWN
            and other.gender is not Gender.UNKNOWN
            and self.gender is not other.gender
        ):
            out.append("different declared genders")
        return out

    def absorb(self, other: _Facts) -> None:
        self.nik = self.nik or other.nik
        self.birth = [a or b for a, b in zip(self.birth, other.birth, strict=True)]
        if self.gender is Gender.UNKNOWN:
            self.gender = other.gender


class _Tokens:
    """Turns NIKs and birth dates into comparable tokens: raw values in memory,
    keyed fingerprints when some record has only fingerprints (one HMAC per
    distinct value)."""

    def __init__(self, key: bytes, hashed: bool) -> None:
        self.key = key
        self.hashed = hashed
        self._hmac = _Hmac(key)
        self._niks: dict[str, str] = {}
        self._births: dict[tuple[str, int], str] = {}

    def fp(self, text: str, n: int = 16) -> str:
        return self._hmac.digest(text.encode("utf-8"))[:n].hex()

    def nik(self, digits: str) -> str:
        if not self.hashed:
            return digits
        got = self._niks.get(digits)
        if got is None:
            got = self._niks[digits] = self._hmac.digest(digits.encode("ascii")).hex()
        return got

    def birth(self, value: str, precision: int) -> str:
        if not self.hashed:
            return value
        got = self._births.get((value, precision))
        if got is None:
            got = self._births[(value, precision)] = self.fp(f"{BIRTH_SCHEMES[precision]}|{value}")
        return got


class _Builder:
    def __init__(self, key: bytes) -> None:
        self.key = key
        self.hmac = _Hmac(key).digest
        self.hashed = False  # some record has a NIK or birth date only as a fingerprint
        self.recs: list[_Rec] = []
        self.others: list[tuple[Any, str, int | None, int, tuple[SourceRef, ...] | None]] = []
        self._spans: list[tuple[str, int, int]] = []  # each source's part of ``others``
        self._rec_spans: list[tuple[str, int, int]] = []  # and of ``recs``
        self.rejected: list[Rejection] = []
        self.carried: list[_CarriedState] = []
        self.records = 0
        self._births: dict[tuple[int, Any, Any], tuple[str | None, str | None, str | None]] = {}
        self._refs: list[SourceRef | None] = []

    def birth_parts(self, bd: Any) -> tuple[str | None, str | None, str | None]:
        """A birth date's year, month and day as text, shared by equal dates."""
        parts = (bd.year, bd.month, bd.day)
        got = self._births.get(parts)
        if got is None:
            year = f"{bd.year:04d}"
            month = f"{year}-{bd.month:02d}" if bd.month is not None else None
            day = f"{month}-{bd.day:02d}" if bd.day is not None else None
            got = self._births[parts] = (year, month, day)
        return got

    # -- reading
    def add_source(self, name: str, stream: Iterable[Record]) -> None:
        order = 0
        recs, others = self.recs, self.others
        start, first_rec = len(others), len(recs)
        for item in stream:
            if type(item) is Located:
                obj, line = item.record, item.line
            elif isinstance(item, _CarriedState):
                self.carried.append(item)
                continue
            else:
                obj, line = (item.record, item.line) if isinstance(item, Located) else (item, None)
            refs = None
            if isinstance(obj, _Placed):
                obj, refs = obj.record, obj.refs
            order += 1
            self.records += 1
            if type(obj) is Person:
                recs.append(_Rec(obj, name, line, order, 0, self))
            elif type(obj) is Membership:  # the other common case, as the last branch does
                others.append((obj, name, line, order, refs))
            elif isinstance(obj, _Carried):
                # belongs to the person record just before it
                recs[-1].carried = obj
                self.hashed = True
                order -= 1
                self.records -= 1
            elif isinstance(obj, Rejection):
                self.rejected.append(obj)
            elif isinstance(obj, Person):
                recs.append(_Rec(obj, name, line, order, 0, self))
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
                others.append((obj, name, line, order, refs))
        self._spans.append((name, start, len(others)))
        self._rec_spans.append((name, first_rec, len(recs)))

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
            self.recs.append(_Rec(person, source, line, order, 1, self, synth))
            c = attrs.evolve(c, person_id=pid)
        self.others.append((c, source, line, order, refs))

    # -- fingerprints
    def fingerprint(self, i: int) -> str:
        rec = self.recs[i]
        if rec.carried is not None and rec.carried.records:
            fps = [r.fingerprint for r in rec.carried.records if r.fingerprint]
            if fps:
                return min(fps)
        return rec.fp

    def all_fingerprints(self, i: int) -> list[str]:
        rec = self.recs[i]
        if rec.carried is not None and rec.carried.records:
            return [r.fingerprint for r in rec.carried.records if r.fingerprint]
        return [self.fingerprint(i)]

    def ref(self, i: int) -> SourceRef:
        got = self._refs[i]
        if got is None:
            rec = self.recs[i]
            got = self._refs[i] = SourceRef(rec.source, rec.line, self.fingerprint(i))
        return got

    def build(self, decisions: Sequence[Decision]) -> Registry:
        for state in self.carried:
            if state.key_check and state.key_check != _key_check(self.key):
                raise KeyMismatch("a registry file was built with another fingerprint key")
        # Decisions a registry file carries still hold (a rejection is nowhere else).
        carried = [d for state in self.carried for d in state.decisions]
        decisions = tuple(sorted(set(decisions) | set(carried), key=_decision_key))
        recs = self.recs
        spans = sorted(self._rec_spans)
        if len({name for name, _, _ in spans}) == len(spans) and all(
            _recs_ascend(recs, start, end) for _, start, end in spans
        ):  # each source in line order already: put the sources in order
            recs[:] = [recs[k] for _, start, end in spans for k in range(start, end)]
        else:
            recs.sort(key=_Rec.sort_key)
        n = len(recs)
        self._refs = [None] * n
        # Compare raw values in memory unless some record has only fingerprints.
        tokens = _Tokens(self.key, self.hashed)
        for r in recs:
            if tokens.hashed:
                self._facts_of(r, tokens)
            # Whose id a person takes: a record with a NIK or an issued number
            # first, then other records (often line numbers), then candidacies.
            r.rank = 2 if r.synth is not None else 0 if (r.nik or r.ident) else 1
        parent = list(range(n))
        facts: dict[int, _Facts] = {}  # only for clusters a link has touched

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

        def facts_seen(root: int) -> _Facts:
            """Like facts_of, without keeping a new one."""
            return facts.get(root) or _Facts(recs[root])

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
        # One index per kind of key (and per scheme, per birth date): the keys
        # are the records' own strings, no new ones.
        def link(
            first: dict[str, int],
            more: dict[str, list[int]],
            k: str,
            i: int,
            rule: str,
            scheme: str | None,
        ) -> None:
            """Join record ``i`` to the first holder of key ``k`` it does not conflict with."""
            j = first.setdefault(k, i)
            if j == i or union(j, i, rule, scheme):
                return
            holders = more.setdefault(k, [j])  # keys held by persons a conflict kept apart
            if not any(union(h, i, rule, scheme) for h in holders[1:]):
                holders.append(i)

        first: dict[str, int] = {}
        more: dict[str, list[int]] = {}
        # (Each loop tries the common case, a key seen first, before calling link.)
        seen = first.setdefault
        for i, r in enumerate(recs):
            if r.nik and seen(r.nik, i) != i:
                link(first, more, r.nik, i, "nik", None)
        first, more = {}, {}
        seen = first.setdefault
        by_scheme: dict[str, tuple[dict[str, int], dict[str, list[int]]]] = {}
        id_holders: dict[str, list[int]] = {}
        for i, r in enumerate(recs):
            for ident in r.ident:
                scheme = ident.scheme
                index = by_scheme.get(scheme)
                if index is None:
                    index = by_scheme[scheme] = ({}, {})
                if index[0].setdefault(ident.identifier, i) != i:
                    link(index[0], index[1], ident.identifier, i, "identifier", scheme)
            if seen(r.id, i) != i:
                link(first, id_holders, r.id, i, "id", None)
            if r.carried is not None:
                for pid in r.carried.old_ids:
                    link(first, id_holders, pid, i, "id", None)
        del by_scheme
        first = {}
        seen = first.setdefault
        # A name and birth date: the birth date known for the person so far, so
        # that a record without one still counts once its NIK has placed it.
        days: list[str | None] = []
        for i in range(n):
            root = i if parent[i] == i else find(i)
            f = facts.get(root)
            days.append(f.birth[2] if f is not None else recs[root].birth[2])
        by_day: dict[str, tuple[dict[str, int], dict[str, list[int]]]] = {}
        for i, r in enumerate(recs):
            day = days[i]
            if day:
                index = by_day.get(day)
                if index is None:
                    index = by_day[day] = ({}, {})
                for name in r.all_names():
                    if index[0].setdefault(name, i) != i:
                        link(index[0], index[1], name, i, "name+birth_date", None)
        del days, by_day, first, more, seen  # free memory early

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

        # Clusters and their ids. A root is its cluster's lowest index; lists
        # only for clusters of more than one record.
        roots: list[int] = []
        members: dict[int, list[int]] = {}
        for i in range(n):
            root = i if parent[i] == i else find(i)
            if root == i:
                roots.append(i)
            else:
                members.setdefault(root, [root]).append(i)

        def cluster(root: int) -> list[int]:
            return members.get(root) or [root]

        canonical: list[str] = [""] * n  # by root
        claims: dict[str, int] = {}  # an id and the first root that claims it
        clashes: dict[str, list[int]] = {}  # ids claimed by more than one person
        for root in roots:
            idx = members.get(root)
            if idx is None:
                r = recs[root]
                pid = r.id
            else:
                pid = min((recs[i].rank, recs[i].id) for i in idx)[1]
            canonical[root] = pid
            held = claims.setdefault(pid, root)
            if held != root:
                clashes.setdefault(pid, [held]).append(root)
        for pid, clash in clashes.items():
            # Persons kept apart that claim one id: the later ones get a suffix.
            for k, root in enumerate(sorted(clash)[1:], start=2):
                canonical[root] = f"{pid}~{k}"

        def cluster_fps(root: int) -> list[str]:
            return sorted(fp for i in cluster(root) for fp in self.all_fingerprints(i))

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
                for i in cluster(root):
                    r = recs[i]
                    names.update(r.all_names())
                    idents.update((x.scheme, x.identifier) for x in r.ident)
                    ids.add(r.id)
                    ids.update(r.carried.old_ids if r.carried else ())
                day = facts_seen(root).birth[2]
                got = shown[root] = (names, idents, ids, {f"{n}|{day}" for n in names if day})
            return got

        def ambiguity(ra: int, rb: int) -> None:
            """Record the pair, with what they share and what disagrees."""
            if canonical[ra] > canonical[rb]:
                ra, rb = rb, ra
            if (ra, rb) in ambiguities or kept_apart(ra, rb):
                return
            fa, fb = facts_seen(ra), facts_seen(rb)
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
        # Persons who share a name: a set only once a second person has it.
        by_name: dict[str, int | set[int]] = {}
        for root in roots:
            for i in cluster(root):
                for name in recs[i].all_names():
                    sharing = by_name.setdefault(name, root)
                    if sharing == root:
                        continue
                    if isinstance(sharing, int):
                        by_name[name] = {sharing, root}
                    else:
                        sharing.add(root)
        for group in by_name.values():
            if isinstance(group, int):
                continue
            ordered = sorted(group, key=canonical.__getitem__)
            for x, ra in enumerate(ordered):
                for rb in ordered[x + 1 :]:
                    problems = facts_seen(ra).conflicts(facts_seen(rb))
                    if "different NIKs" in problems or "different birth dates" in problems:
                        continue  # two people: the evidence says so
                    ambiguity(ra, rb)
        del by_name

        # Merges, flags on records, ids persons kept apart hold; then persons,
        # each record freed once its person is made.
        merge_objs = [
            Merge(canonical[find(i)], self.ref(i), self.ref(j), rule, scheme)
            for i, j, rule, scheme in merges
        ]
        mismatched: dict[str, tuple[str, list[SourceRef]]] = {}
        for i, r in enumerate(recs):
            if r.mismatch is not None:
                mismatched.setdefault(canonical[find(i)], (r.mismatch, []))[1].append(self.ref(i))
        # An id persons kept apart hold: each holder's person and source.
        holding: dict[str, list[tuple[str, str]]] = {
            pid: [(canonical[find(h)], recs[h].source) for h in holders]
            for pid, holders in id_holders.items()
        }
        redirects: dict[str, str] = {}
        done: list[Any] = recs  # made None one by one
        persons: list[RegistryPerson] = []
        keyed = (tokens.hashed, self.key)
        for root in roots:
            pid = canonical[root]
            idx = members.get(root)
            if idx is None and recs[root].carried is None:
                # One record read from a source: the common case, made directly.
                r = recs[root]
                if r.id != pid and r.id not in claims:
                    redirects[r.id] = min(redirects.get(r.id, pid), pid)
                persons.append(_single_person(pid, r, self.ref(root), keyed))
                done[root] = None
                continue
            idx = idx or [root]
            refs: list[SourceRef] = []
            old: set[str] = set()
            for i in idx:
                rec = recs[i]
                if rec.carried is not None:
                    refs.extend(rec.carried.records)
                    old.update(rec.carried.old_ids)
                else:
                    refs.append(self.ref(i))
                old.add(rec.id)
            old.discard(pid)
            for o in old:
                if o not in claims and (o not in redirects or redirects[o] > pid):
                    redirects[o] = pid
            persons.append(
                self._public_person(
                    pid,
                    [recs[i] for i in idx],
                    keyed,
                    facts_seen(root),
                    tuple(sorted(set(refs))) if len(refs) > 1 else tuple(refs),
                    tuple(sorted(old)),
                )
            )
            for i in idx:
                done[i] = None
        persons.sort(key=lambda p: p.id)
        for state in self.carried:
            merge_objs.extend(
                attrs.evolve(m, person_id=redirects.get(m.person_id, m.person_id))
                for m in state.merges
            )
        # Free the resolver's lists before the other records' entries are made.
        for spent in (recs, self._refs, parent, canonical, members, claims, id_holders, facts):
            spent.clear()

        def resolve(source: str, pid: str | None) -> str | None:
            if pid is None:
                return None
            holders = holding.get(pid)
            if holders:
                # One id, persons kept apart: the one that goes by it, else one
                # from the same source, else the first.
                if any(person == pid for person, _ in holders):
                    return pid
                same = [person for person, src in holders if src == source]
                return (same or [holders[0][0]])[0]
            return redirects.get(pid, pid)

        # Without its persons first (flags do not need them), so that the
        # registry indexes its persons once, when it is complete.
        registry = self._assemble(resolve, redirects)
        flags = _flags(registry, mismatched, self.rejected)
        carried_flags = [
            attrs.evolve(f, person_id=resolve("", f.person_id))
            for state in self.carried
            for f in state.flags
            if f.kind in (FlagKind.NIK_GENDER_MISMATCH, FlagKind.INVALID_NIK)
        ]
        carried_rejected = [r for state in self.carried for r in state.rejected]
        return attrs.evolve(
            registry,
            persons=tuple(persons),
            merges=tuple(sorted(set(merge_objs), key=_merge_key)),
            ambiguities=tuple(sorted(ambiguities.values(), key=lambda a: (a.a, a.b))),
            flags=tuple(sorted(set(flags) | set(carried_flags), key=_flag_key)),
            rejected=tuple(sorted(set(self.rejected) | set(carried_rejected), key=_rej_key)),
            decisions=tuple(decisions),
            records=self.records,
            key_check=_key_check(self.key),
        )

    def _facts_of(self, r: _Rec, tokens: _Tokens) -> None:
        """Turn a record's NIK and birth date into fingerprints, taking those its
        identifiers carry (a registry file's records) out of ``ident``."""
        ident: list[Identifier] = []
        birth: list[str | None] = [tokens.birth(v, k) if v else None for k, v in enumerate(r.birth)]
        nik = None
        for i in r.ident:
            if i.scheme == NIK_SCHEME:
                nik = i.identifier
            elif i.scheme in BIRTH_SCHEMES:
                k = BIRTH_SCHEMES.index(i.scheme)
                birth[k] = birth[k] or i.identifier
            else:
                ident.append(i)
        if r.nik is not None:
            nik = tokens.nik(r.nik)
        r.nik = nik
        r.birth = (birth[0], birth[1], birth[2])
        r.ident = tuple(ident)

    def _public_person(
        self,
        pid: str,
        recs: list[_Rec],
        keyed: tuple[bool, bytes],
        facts: _Facts,
        refs: tuple[SourceRef, ...],
        old: tuple[str, ...],
    ) -> RegistryPerson:
        """The person as the registry shows and stores her: no NIK, no birth date
        in clear, no contact details."""
        if len(recs) > 1:
            recs = sorted(recs, key=lambda r: (r.rank, r.id != pid, r.sort_key()))
        head = recs[0]
        names: list[str] = []
        idents: set[tuple[str, str]] = set()
        for r in recs:
            if r.printed not in names:
                names.append(r.printed)
            names.extend(n for n in r.other_names if n not in names)
            idents.update((i.scheme, i.identifier) for i in r.ident)
        return RegistryPerson(
            pid,
            head.printed,
            facts.gender,
            refs,
            old,
            tuple(n for n in names if n != head.printed),
            tuple(sorted(idents)),
            facts.nik,
            tuple(facts.birth),
            keyed,
        )

    def _assemble(
        self,
        resolve: Any,
        redirects: dict[str, str],
    ) -> Registry:
        """A registry of the records other than persons, their person ids resolved."""
        kinds: dict[type[Any], dict[Any, tuple[SourceRef, ...]]] = {
            t: {}
            for t in (
                Organisation, Post, Membership, Training, Participation, FollowUp, Election,
                District, Candidacy,
            )
        }  # fmt: skip
        # In order of source, line and order read. Usually each source is in
        # line order already: then only the sources are put in order.
        others, self.others = self.others, []
        spans = sorted(self._spans)
        ordered: Iterable[tuple[Any, str, int | None, int, tuple[SourceRef, ...] | None]]
        if len({name for name, _, _ in spans}) == len(spans) and all(
            _lines_ascend(others, start, end) for _, start, end in spans
        ):
            ordered = (others[k] for _, start, end in spans for k in range(start, end))
        else:
            others.sort(key=lambda o: (o[1], o[2] or -1, o[3]))
            ordered = others
        for obj, source, line, _, refs in ordered:
            obj = _rewrite(obj, source, resolve)
            bucket = kinds.get(type(obj))
            if bucket is None:
                continue
            where = refs or (SourceRef(source, line),)
            got = bucket.setdefault(obj, where)
            if got is not where:  # an equal record read before: one entry, both places
                bucket[obj] = got + where
        del others, ordered

        def entries(t: type[T]) -> tuple[Entry[T], ...]:
            return tuple(
                Entry(obj, refs if len(refs) == 1 else tuple(sorted(set(refs))))
                for obj, refs in kinds[t].items()
            )

        return Registry(
            persons=(),
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


def _lines_ascend(items: Sequence[tuple[Any, ...]], start: int, end: int) -> bool:
    """Whether ``items[start:end]`` (read in order) are in line order, no line first."""
    last = -1
    for k in range(start, end):
        line = items[k][2] or -1
        if line < last:
            return False
        last = line
    return True


def _recs_ascend(recs: list[_Rec], start: int, end: int) -> bool:
    """Whether ``recs[start:end]`` (read in order) are in line order, no line first."""
    last = -1
    for k in range(start, end):
        line = recs[k].line
        line = -1 if line is None else line
        if line < last:
            return False
        last = line
    return True


def _single_person(pid: str, r: _Rec, ref: SourceRef, keyed: tuple[bool, bytes]) -> RegistryPerson:
    """A person of one record: what :meth:`_Builder._public_person` makes of it, directly."""
    names = [r.printed]
    for other in r.other_names:
        if other not in names:
            names.append(other)
    idents = r.ident
    if len(idents) == 1:
        plain: tuple[tuple[str, str], ...] = ((idents[0].scheme, idents[0].identifier),)
    else:
        plain = tuple(sorted({(i.scheme, i.identifier) for i in idents}))
    return RegistryPerson(
        pid,
        r.printed,
        r.gender,
        (ref,),
        () if r.id == pid else (r.id,),
        tuple(names[1:]) if len(names) > 1 else (),
        plain,
        r.nik,
        r.birth,
        keyed,
    )


def _nik_fingerprint(key: bytes, digits: str) -> str:
    """A NIK's keyed fingerprint, the same as :meth:`Nik.fingerprint`."""
    return hmac.digest(key, digits.encode("ascii"), "sha256").hex()


def _birth_fingerprint(key: bytes, value: str, precision: int) -> str:
    """A birth date's keyed fingerprint at one precision, as :class:`_Tokens` makes it."""
    text = f"{BIRTH_SCHEMES[precision]}|{value}".encode()
    return hmac.digest(key, text, "sha256")[:16].hex()


def _rewrite(obj: Any, source: str, resolve: Any) -> Any:
    if type(obj) is Membership or isinstance(obj, Membership | Participation | Candidacy):
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


def _cycle(election_id: str, years: Mapping[str, int]) -> str:
    """Which election cycle an election belongs to: its year when known, else itself."""
    year = years.get(election_id)
    if year is None and (m := _YEAR.search(election_id)):
        year = int(m.group(0))
    return str(year) if year is not None else f"?{election_id}"


def _flags(
    registry: Registry,
    mismatched: dict[str, tuple[str, list[SourceRef]]],
    rejected: Iterable[Rejection],
) -> list[Flag]:
    flags: list[Flag] = []
    parties = registry.parties()
    orgs = registry.organisation_map()
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
    del one_party
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
    for pid, (detail, where) in mismatched.items():
        flags.append(Flag(FlagKind.NIK_GENDER_MISMATCH, pid, detail, tuple(sorted(where))))
    for rej in rejected:
        if rej.field and "nik" in rej.field.casefold():
            flags.append(
                Flag(FlagKind.INVALID_NIK, None, rej.reason, (SourceRef(rej.source, rej.line),))
            )
    return flags


def _decision_key(d: Decision) -> tuple[Any, ...]:
    return (d.a, d.b, d.accept, d.note)


def _merge_key(m: Merge) -> tuple[Any, ...]:
    return (m.person_id, m.a, m.b, m.rule, m.scheme or "")


def _flag_key(f: Flag) -> tuple[Any, ...]:
    return (f.kind.value, f.person_id or "", f.sources, f.detail)


def _rej_key(r: Rejection) -> tuple[Any, ...]:
    return (r.source, r.line or -1, r.field or "", r.reason)


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


def dump_registry(registry: Registry) -> str:
    """The registry as the library's JSON data set, with its resolution under ``meta``.

    Persons carry no NIK, birth date or contact detail: only their keyed
    fingerprints. Read it back with :func:`registry_records`; building again
    from it changes nothing.
    """
    from kppi_core.conversion import converter
    from kppi_core.dataset import Dataset

    lists: dict[tuple[str, str, str], list[list[Candidacy]]] = {}
    where: dict[Candidacy, tuple[SourceRef, ...]] = {}
    for e in registry.candidacies:
        c = e.record
        where[c] = e.sources
        copies = lists.setdefault((c.election_id, c.district_id, c.party), [])
        for copy in copies:
            if all(x.list_position != c.list_position for x in copy):
                copy.append(c)
                break
        else:
            copies.append([c])
    dataset = Dataset(
        persons=[p.person for p in registry.persons],
        organizations=[e.record for e in registry.organisations],
        posts=[e.record for e in registry.posts],
        memberships=[e.record for e in registry.memberships],
        trainings=[e.record for e in registry.trainings],
        participations=[e.record for e in registry.participations],
        follow_ups=[e.record for e in registry.follow_ups],
        elections=[e.record for e in registry.elections],
        districts=[e.record for e in registry.districts],
        candidate_lists=[
            CandidateList(e, d, p, cs) for (e, d, p), copies in lists.items() for cs in copies
        ],
    )
    unstructure = converter.unstructure

    def refs(entries: Sequence[Entry[Any]]) -> list[list[Any]]:
        return [[unstructure(r) for r in e.sources] for e in entries]

    places = {
        "organizations": refs(registry.organisations),
        "posts": refs(registry.posts),
        "memberships": refs(registry.memberships),
        "trainings": refs(registry.trainings),
        "participations": refs(registry.participations),
        "follow_ups": refs(registry.follow_ups),
        "elections": refs(registry.elections),
        "districts": refs(registry.districts),
        "candidate_lists": [
            [[unstructure(r) for r in where[c]] for c in cs]
            for copies in lists.values()
            for cs in copies
        ],
    }
    meta = {
        "format": _FORMAT,
        "version": 1,
        "key_check": registry.key_check,
        "records": {p.id: [converter.unstructure(r) for r in p.records] for p in registry.persons},
        "old_ids": {p.id: list(p.old_ids) for p in registry.persons if p.old_ids},
        "merges": [converter.unstructure(m) for m in registry.merges],
        "flags": [
            converter.unstructure(f)
            for f in registry.flags
            if f.kind in (FlagKind.NIK_GENDER_MISMATCH, FlagKind.INVALID_NIK)
        ],
        "rejected": [converter.unstructure(r) for r in registry.rejected],
        "decisions": [converter.unstructure(d) for d in registry.decisions],
        "sources": places,
    }
    data = {"meta": meta}
    data.update((k, v) for k, v in converter.unstructure(dataset).items() if v)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def is_registry_file(path: Path) -> bool:
    """Whether ``path`` looks like a file :func:`dump_registry` wrote (its ``meta`` comes first)."""
    if path.suffix.casefold() != ".json":
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"format": "' + _FORMAT.encode() + b'"' in head


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
        meta = loads_json(path.read_text("utf-8-sig"), path=str(path)).get("meta") or {}
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


def read_decisions(path: str | Path) -> tuple[Decision, ...]:
    """Read a decisions file: ``{"decisions": [{"a", "b", "decision", "note"}]}``.

    ``decision`` is ``accept`` or ``reject``; ``a`` and ``b`` are record
    fingerprints as registry reports show them.
    """
    path = Path(path)
    try:
        data = loads_json(path.read_text("utf-8-sig"), path=str(path))
    except FileNotFoundError:
        raise SourceError("no such file", path=str(path)) from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot be read as JSON: {exc}", path=str(path)) from None
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceError('expected {"decisions": [...]}', path=str(path))
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("decision") not in ("accept", "reject"):
            raise SourceError(
                f'$.decisions[{i}]: needs "a", "b" and "decision": "accept" or "reject"',
                path=str(path),
            )
        a, b = item.get("a"), item.get("b")
        if not (isinstance(a, str) and isinstance(b, str) and a and b):
            raise SourceError(f"$.decisions[{i}]: a and b must be fingerprints", path=str(path))
        out.append(Decision(a, b, item["decision"] == "accept", str(item.get("note", ""))))
    return tuple(out)


def dump_decisions(decisions: Iterable[Decision]) -> str:
    """Decisions as a decisions file."""
    items = [
        {"a": d.a, "b": d.b, "decision": "accept" if d.accept else "reject", "note": d.note}
        for d in decisions
    ]
    return json.dumps({"decisions": items}, ensure_ascii=False, indent=2) + "\n"
