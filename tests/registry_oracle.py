"""A naive registry, written from the documented rules alone (docs/branch-year.md and
the docstrings of kppi_core.registry), to test the library's build against.

It imports nothing from :mod:`kppi_core.registry`: fingerprints are made here
with :mod:`hmac` from their documented texts, phone numbers read with
``phonenumbers``; only the model and the name key come from the library. It
is quadratic on purpose: clusters are lists, facts are recomputed from the
records every time, nothing is memoised. It reads plain sources (no registry
file) and gives the visible outputs as plain tuples: persons, merges,
ambiguities, flags.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

import attrs
import phonenumbers

from kppi_core.errors import InvalidRecord
from kppi_core.model import (
    Candidacy,
    CandidateList,
    Gender,
    Membership,
    Nik,
    Organization,
    Person,
)
from kppi_core.names import name_key
from kppi_core.rejections import Rejection
from kppi_core.sources import Located

NIK = "nik:hmac-sha256"
PHONE = "phone:hmac-sha256"
BIRTH = ("birth-year:hmac-sha256", "birth-month:hmac-sha256", "birth-date:hmac-sha256")


def _hmac(key: bytes, text: str) -> str:
    return hmac.digest(key, text.encode(), "sha256").hex()


def _phone(text: str) -> str | None:
    try:
        n = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(n):
        return None
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)


def _id_scheme(scheme: str) -> bool:
    s = scheme.casefold()
    return s not in (NIK, "nik-ktp:hmac-sha256") and bool(
        re.search(r"(^|[^a-z])(nik|ktp)($|[^a-z])", s)
    )


class _R:
    """A person record with its facts, all compared as fingerprints."""

    def __init__(self, key: bytes, p: Person, src: str, line: Any, order: int, synth: Any):
        self.src, self.line, self.order, self.id, self.p = src, line, order, p.id, p
        self.names = list(dict.fromkeys([name_key(p.name), *map(name_key, p.other_names)]))
        bd = p.birth_date
        parts: list[str | None] = [None, None, None]
        if bd is not None:
            parts[0] = f"{bd.year:04d}"
            if bd.month is not None:
                parts[1] = f"{parts[0]}-{bd.month:02d}"
                if bd.day is not None:
                    parts[2] = f"{parts[1]}-{bd.day:02d}"
        digits = p.nik.reveal() if p.nik else None
        if synth:
            text = synth
        else:
            shown = sorted(f"{i.scheme}={i.identifier}" for i in p.identifiers)
            born = parts[2] or parts[1] or parts[0] or ""
            tail = "|" + "|".join(shown) if shown else ""
            text = f"person|{self.names[0]}|{p.gender.value}|{digits or ''}|{born}{tail}"
        self.fp = _hmac(key, text)[:32]
        self.idents: list[tuple[str, str]] = []
        self.phones = [_hmac(key, e) for c in p.contact_details if c.type.casefold() == "phone"
                       if (e := _phone(c.value))]  # fmt: skip
        self.birth = [
            _hmac(key, f"{BIRTH[k]}|{v}")[:32] if v else None for k, v in enumerate(parts)
        ]
        for i in p.identifiers:
            if _id_scheme(i.scheme):
                try:
                    valid = Nik(i.identifier).reveal()
                except InvalidRecord:
                    valid = None
                if valid and digits in (None, valid):
                    digits = valid
                else:
                    number = re.sub(r"[\s.\-]", "", i.identifier)
                    self.idents.append(("nik-ktp:hmac-sha256", _hmac(key, "nik-ktp|" + number)))
            elif i.scheme == PHONE:
                self.phones.append(i.identifier)
            elif i.scheme in BIRTH:
                k = BIRTH.index(i.scheme)
                self.birth[k] = self.birth[k] or i.identifier
            elif i.scheme != NIK:
                self.idents.append((i.scheme, i.identifier))
        given = [i.identifier for i in p.identifiers if i.scheme == NIK]
        self.nik = _hmac(key, digits) if digits else (given[-1] if given else None)
        self.gender = p.gender
        self.rank = 2 if synth else 0 if (self.nik or self.idents) else 1
        self.mismatch = None
        if digits and p.gender is not Gender.UNKNOWN and Nik(digits).sex is not p.gender:
            self.mismatch = f"declared {p.gender.value}, the NIK encodes {Nik(digits).sex.value}"

    def ref(self) -> tuple[Any, ...]:
        return (self.src, self.line, self.fp)


def build(sources: list[tuple[str, list[Any]]], key: bytes, decisions: Any = ()) -> dict[str, Any]:
    recs: list[_R] = []
    others: list[tuple[Any, str, Any, int]] = []
    rejected: list[Rejection] = []
    for src, items in sources:
        order = 0
        for item in items:
            obj, line = (item.record, item.line) if isinstance(item, Located) else (item, None)
            order += 1
            cands = obj.candidacies if isinstance(obj, CandidateList) else [obj]
            for c in cands if isinstance(obj, CandidateList | Candidacy) else []:
                if c is not obj:
                    order += 1
                if c.person_id is None:
                    pid = f"candidacy/{c.election_id}/{c.district_id}/{c.party}/{c.list_position}"
                    synth = (
                        f"candidacy|{c.election_id}|{c.district_id}|{c.party}|{name_key(c.name)}"
                    )
                    recs.append(_R(key, Person(pid, c.name, c.gender), src, line, order, synth))
                    c = attrs.evolve(c, person_id=pid)
                others.append((c, src, line, order))
            if isinstance(obj, Person):
                recs.append(_R(key, obj, src, line, order, None))
            elif isinstance(obj, Rejection):
                rejected.append(obj)
            elif not isinstance(obj, CandidateList | Candidacy):
                others.append((obj, src, line, order))
    recs.sort(key=lambda r: (r.src, -1 if r.line is None else r.line, r.order))
    return _Resolve(recs, others, rejected, decisions).result()


class _Resolve:
    def __init__(self, recs: list[_R], others: Any, rejected: Any, decisions: Any) -> None:
        self.recs, self.others, self.rejected = recs, others, rejected
        self.cl = list(range(len(recs)))  # cluster label of each record
        self.merges: list[tuple[int, int, str, Any]] = []
        self.conflicts: list[tuple[int, int]] = []
        n = range(len(recs))
        # Each rule gives a record's keys as (rule, scheme, key).
        self.rule(lambda i: [("nik", None, recs[i].nik)] if recs[i].nik else [])
        self.rule(lambda i: [("identifier", s, (s, v)) for s, v in recs[i].idents]
                  + [("id", None, ("", recs[i].id))])  # fmt: skip
        self.rule(lambda i: [("phone+name", None, (ph, nm)) for ph in recs[i].phones
                             for nm in recs[i].names])  # fmt: skip
        days = {i: self.facts(self.members(i))[1][2] for i in n}
        self.rule(lambda i: [("name+birth_date", None, (days[i], nm)) for nm in recs[i].names]
                  if days[i] else [])  # fmt: skip
        self.rejected_pairs: set[frozenset[str]] = set()
        for d in sorted(decisions, key=lambda d: (not d.accept, d.a, d.b)):
            if not d.accept:
                self.rejected_pairs.add(frozenset((d.a, d.b)))
                continue
            for i in n:
                for j in n:
                    if recs[i].fp == d.a and recs[j].fp == d.b and self.cl[i] != self.cl[j]:
                        self.join(i, j, "decision", None)

    def members(self, i: int) -> list[int]:
        return [k for k in range(len(self.recs)) if self.cl[k] == self.cl[i]]

    def facts(self, idx: list[int]) -> tuple[Any, list[Any], Gender]:
        """Each fact from the cluster's earliest record that has one."""
        rs = [self.recs[k] for k in sorted(idx)]
        nik = next((r.nik for r in rs if r.nik), None)
        birth = [next((r.birth[k] for r in rs if r.birth[k]), None) for k in range(3)]
        gender = next((r.gender for r in rs if r.gender is not Gender.UNKNOWN), Gender.UNKNOWN)
        return nik, birth, gender

    def conflicts_of(self, a: list[int], b: list[int]) -> list[str]:
        (na, ba, ga), (nb, bb, gb) = self.facts(a), self.facts(b)
        out = []
        if na and nb and na != nb:
            out.append("different NIKs")
        if any(x and y and x != y for x, y in zip(ba, bb, strict=True)):
            out.append("different birth dates")
        if Gender.UNKNOWN not in (ga, gb) and ga is not gb:
            out.append("different declared genders")
        return out

    def join(self, i: int, j: int, rule: str, scheme: Any) -> None:
        old, new = self.cl[j], self.cl[i]
        self.cl = [new if c == old else c for c in self.cl]
        self.merges.append((i, j, rule, scheme))

    def rule(self, keys: Any) -> None:
        """Each record joins the first earlier holder of one of its keys it does not
        conflict with; a record that joins none becomes a holder."""
        holders: dict[Any, list[int]] = {}
        for i in range(len(self.recs)):
            for rule, scheme, k in keys(i):
                if k not in holders:
                    holders[k] = [i]
                    continue
                for h in holders[k]:
                    if self.cl[h] == self.cl[i]:
                        break
                    if not self.conflicts_of(self.members(h), self.members(i)):
                        self.join(h, i, rule, scheme)
                        break
                    self.conflicts.append((h, i))
                else:
                    holders[k].append(i)

    def result(self) -> dict[str, Any]:
        recs = self.recs
        clusters = sorted({c: self.members(k) for k, c in enumerate(self.cl)}.values())
        ids: dict[int, str] = {}
        taken: dict[str, int] = {}
        for idx in clusters:  # in the order of their first records
            pid = min((recs[k].rank, recs[k].id) for k in idx)[1]
            taken[pid] = taken.get(pid, 0) + 1
            ids[self.cl[idx[0]]] = pid if taken[pid] == 1 else f"{pid}~{taken[pid]}"
        person = {k: ids[self.cl[k]] for k in range(len(recs))}
        persons = set()
        for idx in clusters:
            pid = person[idx[0]]
            head = min(idx, key=lambda k: (recs[k].rank, recs[k].id != pid, k))
            gender = self.facts(idx)[2]
            refs = tuple(sorted({recs[k].ref() for k in idx}, key=_ref_key))
            persons.add((pid, recs[head].p.name, gender, refs))
        merges = {(person[i], recs[i].ref(), recs[j].ref(), rule, scheme)
                  for i, j, rule, scheme in self.merges}  # fmt: skip
        return {
            "persons": persons,
            "merges": merges,
            "ambiguities": self.ambiguities(clusters, person),
            "flags": self.flags(clusters, person),
        }

    def ambiguities(self, clusters: list[list[int]], person: dict[int, str]) -> set[Any]:
        recs = self.recs
        pairs = [(self.members(h)[0], self.members(i)[0]) for h, i in self.conflicts
                 if self.cl[h] != self.cl[i]]  # fmt: skip
        for attr in ("names", "phones"):
            for x, a in enumerate(clusters):
                for b in clusters[x + 1 :]:
                    ka = {v for k in a for v in getattr(recs[k], attr)}
                    kb = {v for k in b for v in getattr(recs[k], attr)}
                    problems = self.conflicts_of(a, b)
                    if ka & kb and not {"different NIKs", "different birth dates"} & set(problems):
                        pairs.append((a[0], b[0]))
        out = set()
        for i, j in pairs:
            a, b = self.members(i), self.members(j)
            if person[a[0]] > person[b[0]]:
                a, b = b, a
            fa = {recs[k].fp for k in a}
            fb = {recs[k].fp for k in b}
            if any(frozenset((x, y)) in self.rejected_pairs for x in fa for y in fb):
                continue
            out.add((person[a[0]], person[b[0]], min(fa), min(fb), self.reasons(a, b)))
        return out

    def reasons(self, a: list[int], b: list[int]) -> tuple[str, ...]:
        recs = self.recs
        (na, ba, _), (nb, bb, _) = self.facts(a), self.facts(b)

        def keys(idx: list[int], attr: str) -> set[Any]:
            return {v for k in idx for v in getattr(recs[k], attr)}

        out = []
        if na and na == nb:
            out.append("the same NIK")
        out += [f"the same {s} identifier" for s in sorted(
            {s for s, v in keys(a, "idents") & keys(b, "idents")})]  # fmt: skip
        ids_a = {recs[k].id for k in a}
        if ids_a & {recs[k].id for k in b}:
            out.append("the same source id")
        phones = keys(a, "phones") & keys(b, "phones")
        if phones:
            out.append("the same phone number")
        names = keys(a, "names") & keys(b, "names")
        if names and ba[2] and ba[2] == bb[2]:
            out.append("the same name and birth date")
        elif names:
            out.append("the same name")
            if not (ba[2] and bb[2]):
                out.append("no full birth date on one side")
        elif phones:
            out.append("different names")
        return tuple(out + self.conflicts_of(a, b))

    def resolve(self, src: str, pid: Any, person: dict[int, str]) -> Any:
        """An id of a record goes to its person; an id persons kept apart hold to
        the one that goes by it, else the first from the same source, else the first."""
        holders = [(person[k], r.src) for k, r in enumerate(self.recs) if r.id == pid]
        persons = list(dict.fromkeys(p for p, _ in holders))
        if len(persons) <= 1:
            return persons[0] if persons else pid
        if pid in persons:
            return pid
        same = [p for p, s in holders if s == src]
        return (same or persons)[0]

    def flags(self, clusters: list[list[int]], person: dict[int, str]) -> set[Any]:
        out = set()
        parties = {o.id: o.name for o, *_ in self.others
                   if isinstance(o, Organization) and o.classification == "party"}  # fmt: skip
        held: dict[str, dict[str, set[Any]]] = {}
        lists: dict[tuple[str, str], dict[Any, set[Any]]] = {}
        for obj, src, line, _ in self.others:
            if isinstance(obj, Membership) and obj.organization_id in parties and not obj.end_date:
                pid = self.resolve(src, obj.person_id, person)
                held.setdefault(pid, {}).setdefault(obj.organization_id, set()).add((src, line))
            if isinstance(obj, Candidacy):
                pid = self.resolve(src, obj.person_id, person)
                year = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", obj.election_id)
                cycle = year.group(0) if year else f"?{obj.election_id}"
                on = lists.setdefault((pid, cycle), {})
                on.setdefault((obj.election_id, obj.district_id, obj.party), set()).add((src, line))
        for pid, orgs in held.items():
            if len(orgs) > 1:
                names = ", ".join(parties[o] for o in sorted(orgs))
                refs = tuple(sorted(set().union(*orgs.values()), key=_ref_key))
                out.add(("two_parties", pid, f"member of {len(orgs)} parties: {names}", refs))
        for (pid, _), on in lists.items():
            if len(on) > 1:
                keys = sorted(on)
                what = [w for n, w in enumerate(("two levels", "two districts", "two parties"))
                        if len({k[n] for k in keys}) > 1]  # fmt: skip
                shown = "; ".join(" · ".join(k) for k in keys)
                detail = f"on {len(keys)} lists ({', '.join(what) or 'one list twice'}): {shown}"
                refs = tuple(sorted(set().union(*on.values()), key=_ref_key))
                out.add(("two_lists", pid, detail, refs))
        for idx in clusters:
            bad = [k for k in idx if self.recs[k].mismatch]
            if bad:
                refs = tuple(sorted((self.recs[k].ref() for k in bad), key=_ref_key))
                out.add(("nik_gender_mismatch", person[idx[0]], self.recs[bad[0]].mismatch, refs))
        for r in self.rejected:
            if r.field and "nik" in r.field.casefold():
                out.add(("invalid_nik", None, r.reason, ((r.source, r.line),)))
        return out


def _ref_key(ref: tuple[Any, ...]) -> tuple[Any, ...]:
    return (ref[0], -1 if ref[1] is None else ref[1], *ref[2:])
