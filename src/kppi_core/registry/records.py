"""The registry's reading stage: every source's records gathered, person records
turned into what the matching rules compare."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from kppi_core.errors import InvalidRecord
from kppi_core.model import (
    Candidacy,
    CandidateList,
    District,
    Gender,
    Identifier,
    Membership,
    Nik,
    Person,
    Phone,
)
from kppi_core.names import name_key
from kppi_core.registry.fingerprints import (
    BIRTH_SCHEMES,
    ID_NUMBER_SCHEME,
    NIK_SCHEME,
    PHONE_SCHEME,
    birth_fingerprint,
    id_number_fingerprint,
    is_id_number_scheme,
    keyed_digest,
    nik_fingerprint,
    phone_fingerprint,
)
from kppi_core.registry.flags import Flag, mismatch_detail
from kppi_core.registry.results import Decision, Entry, Merge, SourceRef
from kppi_core.rejections import Rejection
from kppi_core.sources import Located

#: What a source stream may hold: model objects, Located ones, rejections, and
#: from a registry file Entries (a record with its first places) and a CarriedState.
Record: TypeAlias = Any
Birth: TypeAlias = tuple[str | None, str | None, str | None]
NO_BIRTH: Birth = (None, None, None)
# Identifier schemes whose values are fingerprints already (a registry file's).
_SPECIAL = frozenset((NIK_SCHEME, PHONE_SCHEME, *BIRTH_SCHEMES))


@attrs.define(slots=True)
class CarriedState:
    """What a registry file carries besides its records: its resolution so far."""

    merges: tuple[Merge, ...]
    flags: tuple[Flag, ...]
    rejected: tuple[Rejection, ...]
    key_check: str
    decisions: tuple[Decision, ...] = ()
    old_ids: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


class Rec:
    """One person record, as the rules see it: the facts they compare (not the
    :class:`Person`, which is not kept), its place and its fingerprint.

    ``nik``, ``birth`` (year, month, day as text) and ``phones`` (E.164) are
    raw values until :meth:`Gathered.tokens_for` turns them into fingerprints.
    """

    __slots__ = (
        "birth", "carried", "fp", "gender", "id", "ident", "line", "mismatch", "name", "names",
        "nik", "order", "other_names", "phones", "printed", "rank", "source", "synth",
    )  # fmt: skip

    def __init__(
        self,
        person: Person,
        source: str,
        line: int | None,
        order: int,
        gathered: Gathered,
        synth: str | None = None,
    ) -> None:
        self.source, self.line, self.order = source, line, order
        self.synth = synth  # fingerprint text of a candidacy-made record
        self.id, self.printed, self.other_names = person.id, person.name, person.other_names
        self.gender = gender = person.gender
        self.name = name = name_key(person.name)
        # Other spellings, when the record has some (else only ``name``): its
        # name first, then the others in order, each once.
        self.names: tuple[str, ...] | None = None
        if person.other_names:
            keys = dict.fromkeys((name, *(name_key(n) for n in person.other_names)))
            self.names = tuple(keys) if len(keys) > 1 else None
        nik = person.nik
        self.nik: str | None = nik.reveal() if nik is not None else None
        bd = person.birth_date
        self.birth: Birth = NO_BIRTH if bd is None else gathered.birth_parts(bd)
        self.phones: tuple[str, ...] = ()
        if person.contact_details:
            self.phones = gathered.phones_of(person)
            gathered.phones = gathered.phones or bool(self.phones)
        idents = person.identifiers
        self.ident: tuple[Identifier, ...] = idents  # without NIK and birth fingerprints
        self.carried: tuple[tuple[SourceRef, ...], tuple[str, ...]] | None = None
        # The fingerprint: name key, gender, NIK, birth date and identifiers
        # (not the record's place, nor its contacts).
        numbers = False  # an identifier under a NIK or KTP scheme
        if synth is not None:
            text = synth
        else:
            tail = ""
            if idents:
                shown = []
                for i in idents:
                    scheme = i.scheme
                    if scheme in _SPECIAL:
                        gathered.hashed = True
                        gathered.phones = gathered.phones or scheme == PHONE_SCHEME
                    elif gathered.is_id_number(scheme):
                        numbers = True
                    shown.append(f"{scheme}={i.identifier}")
                if len(shown) > 1:
                    shown.sort()
                tail = "|" + "|".join(shown)
            born = self.birth[2] or self.birth[1] or self.birth[0] or ""
            text = f"person|{name}|{gender.value}|{self.nik or ''}|{born}{tail}"
        self.fp = keyed_digest(gathered.key, text.encode("utf-8"))[:16].hex()
        if numbers:
            self._id_numbers(gathered)
        self.rank = self.ranked()
        self.mismatch: str | None = None
        if self.nik is not None and gender is not Gender.UNKNOWN:
            sex = nik.sex if nik is not None else Nik(self.nik).sex
            if sex is not gender:
                self.mismatch = mismatch_detail(gender.value, sex.value)

    def _id_numbers(self, gathered: Gathered) -> None:
        """An identifier under a NIK or KTP scheme: a valid NIK becomes the
        record's NIK (when it has none), any other number a keyed fingerprint."""
        kept: list[Identifier] = []
        for i in self.ident:
            if i.scheme in _SPECIAL or not gathered.is_id_number(i.scheme):
                kept.append(i)
                continue
            try:
                digits = Nik(i.identifier).reveal()
            except InvalidRecord:
                digits = None
            if digits is not None and self.nik in (None, digits):
                self.nik = digits
            else:
                value = id_number_fingerprint(gathered.key, i.identifier)
                kept.append(Identifier(ID_NUMBER_SCHEME, value))
        self.ident = tuple(kept)

    def ranked(self) -> int:
        """Whose id a person takes: a record with a NIK or an issued number
        first (0), then other records (often line numbers), then candidacies."""
        return 2 if self.synth is not None else 0 if (self.nik or self.ident) else 1

    def all_names(self) -> tuple[str, ...]:
        return self.names or (self.name,)

    def sort_key(self) -> tuple[str, int, int]:
        return (self.source, -1 if self.line is None else self.line, self.order)


class Gathered:
    """Every record of every source, person records as :class:`Rec`, the others
    with their places, in the order read."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.hashed = False  # some record has a NIK or birth date only as a fingerprint
        self.phones = False  # some record has a phone number
        self.recs: list[Rec] = []
        self.others: list[tuple[Any, str, int | None, int, tuple[SourceRef, ...] | None]] = []
        self.spans: list[tuple[str, int, int]] = []  # each source's part of ``others``
        self.rec_spans: list[tuple[str, int, int]] = []  # and of ``recs``
        self.rejected: list[Rejection] = []
        self.carried: list[CarriedState] = []
        self.records = 0
        self._births: dict[tuple[int, Any, Any], Birth] = {}
        self._phones: dict[str, str | None] = {}
        self._id_schemes: dict[str, bool] = {}

    def birth_parts(self, bd: Any) -> Birth:
        """A birth date's year, month and day as text, shared by equal dates."""
        parts = (bd.year, bd.month, bd.day)
        got = self._births.get(parts)
        if got is None:
            year = f"{bd.year:04d}"
            month = f"{year}-{bd.month:02d}" if bd.month is not None else None
            day = f"{month}-{bd.day:02d}" if bd.day is not None else None
            got = self._births[parts] = (year, month, day)
        return got

    def phones_of(self, person: Person) -> tuple[str, ...]:
        """The valid phone numbers among a person's contacts, in E.164 form
        (a number that is not valid is no key to match on)."""
        out: list[str] = []
        for c in person.contact_details:
            if c.type.casefold() != "phone":
                continue
            text = c.value
            if text not in self._phones:
                try:
                    self._phones[text] = Phone.parse(text).reveal()
                except InvalidRecord:
                    self._phones[text] = None
            e164 = self._phones[text]
            if e164 is not None and e164 not in out:
                out.append(e164)
        return tuple(out)

    def is_id_number(self, scheme: str) -> bool:
        """Whether ``scheme`` names a NIK or KTP (memoised: a source has few schemes)."""
        got = self._id_schemes.get(scheme)
        if got is None:
            got = self._id_schemes[scheme] = is_id_number_scheme(scheme)
        return got

    def add_source(self, name: str, stream: Iterable[Record]) -> None:
        """Gather one source's records."""
        order = 0
        recs, others = self.recs, self.others
        start, first_rec = len(others), len(recs)
        state: CarriedState | None = None
        for item in stream:
            if type(item) is Located:
                obj, line = item.record, item.line
            elif isinstance(item, CarriedState):
                self.carried.append(item)
                state = item
                continue
            else:
                obj, line = (item.record, item.line) if isinstance(item, Located) else (item, None)
            order += 1
            self.records += 1
            if type(obj) is Person:
                recs.append(Rec(obj, name, line, order, self))
            elif type(obj) is Membership:  # the other common case
                others.append((obj, name, line, order, None))
            else:
                order = self._add(obj, name, line, order, state)
        self.spans.append((name, start, len(others)))
        self.rec_spans.append((name, first_rec, len(recs)))

    def _add(
        self, obj: Any, name: str, line: int | None, order: int, state: CarriedState | None
    ) -> int:
        """Gather a record other than a plain person or membership; the order
        read after it (a list's candidacies are records of their own)."""
        refs = None
        if isinstance(obj, Entry):  # a registry file's record, with its first places
            obj, refs = obj.record, obj.sources
        if isinstance(obj, Person):
            self.recs.append(Rec(obj, name, line, order, self))
            if refs is not None:
                self._carry(self.recs[-1], refs, state)
        elif isinstance(obj, Rejection):
            self.rejected.append(obj)
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
        return order

    def _carry(self, rec: Rec, refs: tuple[SourceRef, ...], state: CarriedState | None) -> None:
        """A registry file's person: her earlier records and the ids merged into her."""
        old = state.old_ids.get(rec.id, ()) if state is not None else ()
        rec.carried = (refs, tuple(old))
        self.hashed = True

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
            self.recs.append(Rec(person, source, line, order, self, synth))
            c = attrs.evolve(c, person_id=pid)
        self.others.append((c, source, line, order, refs))


class Tokens:
    """Turns NIKs, phones and birth dates into comparable tokens: raw values in
    memory, keyed fingerprints when some record has only fingerprints (one HMAC
    per distinct value)."""

    def __init__(self, key: bytes, hashed: bool) -> None:
        self.key = key
        self.hashed = hashed
        self._memo: dict[tuple[str, int], str] = {}

    def nik(self, digits: str) -> str:
        return self._token(digits, -1)

    def phone(self, e164: str) -> str:
        return self._token(e164, -2)

    def birth(self, value: str, precision: int) -> str:
        return self._token(value, precision)

    def _token(self, value: str, kind: int) -> str:
        if not self.hashed:
            return value
        got = self._memo.get((value, kind))
        if got is None:
            if kind == -1:
                got = nik_fingerprint(self.key, value)
            elif kind == -2:
                got = phone_fingerprint(self.key, value)
            else:
                got = birth_fingerprint(self.key, value, kind)
            self._memo[(value, kind)] = got
        return got

    def tokenise(self, r: Rec) -> None:
        """Turn a record's NIK, phones and birth date into fingerprints, taking
        those its identifiers carry (a registry file's records) out of ``ident``."""
        ident: list[Identifier] = []
        birth: list[str | None] = [self.birth(v, k) if v else None for k, v in enumerate(r.birth)]
        phones = [self.phone(p) for p in r.phones]
        nik = None
        for i in r.ident:
            if i.scheme == NIK_SCHEME:
                nik = i.identifier
            elif i.scheme == PHONE_SCHEME:
                if i.identifier not in phones:
                    phones.append(i.identifier)
            elif i.scheme in BIRTH_SCHEMES:
                k = BIRTH_SCHEMES.index(i.scheme)
                birth[k] = birth[k] or i.identifier
            else:
                ident.append(i)
        if r.nik is not None:
            nik = self.nik(r.nik)
        r.nik = nik
        r.birth = (birth[0], birth[1], birth[2])
        r.phones = tuple(phones)
        r.ident = tuple(ident)
