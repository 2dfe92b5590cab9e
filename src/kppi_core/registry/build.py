"""The registry build: gather, match by the rules, name persons, suggest what is
left to decide, and point every record at its person."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from kppi_core._gc import paused
from kppi_core.errors import InvalidArgument, KeyMismatch
from kppi_core.model import (
    Candidacy,
    District,
    Election,
    FollowUp,
    Membership,
    Organization,
    Participation,
    Post,
    Training,
)
from kppi_core.registry import rules
from kppi_core.registry.fingerprints import key_check
from kppi_core.registry.flags import CARRIED, Flag, find_flags
from kppi_core.registry.records import Gathered, Rec, Record, Tokens
from kppi_core.registry.results import (
    REASONS,
    Ambiguity,
    Decision,
    Entry,
    Merge,
    Registry,
    RegistryPerson,
    SourceRef,
)
from kppi_core.rejections import Rejection

__all__ = ["build_registry"]

T = TypeVar("T")
Resolve = Callable[[str, "str | None"], "str | None"]


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
        raise InvalidArgument("build_registry needs a non-empty fingerprint key")
    gathered = Gathered(key)
    # Millions of small objects and no cycles: the cyclic collector would only
    # rescan them again and again (measured: a build of 200,000 rows takes about
    # twice the CPU time with it running). See kppi_core._gc.
    with paused():
        for name, stream in sources:
            gathered.add_source(name, stream)
        return _build(gathered, tuple(decisions))


class _Refs:
    """Each record's fingerprints and place (a registry file's person keeps those
    of her earlier records)."""

    def __init__(self, recs: Sequence[Rec]) -> None:
        self.recs = recs
        self._refs: list[SourceRef | None] = [None] * len(recs)

    def fingerprint(self, i: int) -> str:
        rec = self.recs[i]
        if rec.carried is not None and rec.carried[0]:
            fps = [r.fingerprint for r in rec.carried[0] if r.fingerprint]
            if fps:
                return min(fps)
        return rec.fp

    def all_fingerprints(self, i: int) -> list[str]:
        rec = self.recs[i]
        if rec.carried is not None and rec.carried[0]:
            return [r.fingerprint for r in rec.carried[0] if r.fingerprint]
        return [self.fingerprint(i)]

    def ref(self, i: int) -> SourceRef:
        got = self._refs[i]
        if got is None:
            rec = self.recs[i]
            got = self._refs[i] = SourceRef(rec.source, rec.line, self.fingerprint(i))
        return got


def _build(g: Gathered, decisions: Sequence[Decision]) -> Registry:
    check = key_check(g.key)
    for state in g.carried:
        if state.key_check and state.key_check != check:
            raise KeyMismatch("a registry file was built with another fingerprint key")
    # Decisions a registry file carries still hold (a rejection is nowhere else).
    carried = [d for state in g.carried for d in state.decisions]
    decisions = tuple(sorted(set(decisions) | set(carried), key=_decision_key))
    recs = _in_order(g.recs, g.rec_spans)
    # Compare raw values in memory unless some record has only fingerprints.
    tokens = Tokens(g.key, g.hashed)
    if tokens.hashed:
        for r in recs:
            tokens.tokenise(r)
            r.rank = r.ranked()
    c = rules.Clusters(recs)
    refs = _Refs(recs)
    rules.link_by_nik(c)
    id_holders = rules.link_by_identifier(c)
    rules.link_by_phone_and_name(c)
    rules.link_by_name_and_birth_date(c)
    rejected_pairs = rules.apply_decisions(c, decisions, refs.all_fingerprints)
    roots, members = _clusters(c)
    canonical, claims = _canonical_ids(c, roots, members)
    ambiguities = _Suggestions(c, refs, members, canonical, rejected_pairs, g.phones).find(roots)
    merge_objs = [
        Merge(canonical[c.find(i)], refs.ref(i), refs.ref(j), rule, scheme)
        for i, j, rule, scheme in c.merges
    ]
    mismatched: dict[str, tuple[str, list[SourceRef]]] = {}
    for i, r in enumerate(recs):
        if r.mismatch is not None:
            mismatched.setdefault(canonical[c.find(i)], (r.mismatch, []))[1].append(refs.ref(i))
    holding = _holding(c, canonical, id_holders)
    persons, redirects = _persons(c, refs, roots, members, canonical, claims, tokens)
    for state in g.carried:
        merge_objs.extend(
            attrs.evolve(m, person_id=redirects.get(m.person_id, m.person_id)) for m in state.merges
        )
    # Free the resolver's lists before the other records' entries are made.
    for spent in (recs, c.parent, canonical, members, claims, id_holders, c.facts):
        spent.clear()
    resolve = _resolver(holding, redirects)
    # Without its persons first (flags do not need them), so that the
    # registry indexes its persons once, when it is complete.
    registry = _assemble(g, resolve, redirects)
    flags = find_flags(registry, mismatched, g.rejected)
    flags += [
        attrs.evolve(f, person_id=resolve("", f.person_id))
        for state in g.carried
        for f in state.flags
        if f.kind in CARRIED
    ]
    carried_rejected = [r for state in g.carried for r in state.rejected]
    return attrs.evolve(
        registry,
        persons=tuple(persons),
        merges=tuple(sorted(set(merge_objs), key=_merge_key)),
        ambiguities=tuple(sorted(ambiguities, key=lambda a: (a.a, a.b))),
        flags=tuple(sorted(set(flags), key=_flag_key)),
        rejected=tuple(sorted(set(g.rejected) | set(carried_rejected), key=_rej_key)),
        decisions=tuple(decisions),
        records=g.records,
        key_check=check,
    )


def _in_order(recs: list[Rec], spans: list[tuple[str, int, int]]) -> list[Rec]:
    """Person records in order of source name, line and order read (in place).
    Usually each source is in line order already: then only the sources are
    put in order."""
    spans = sorted(spans)
    if len({name for name, _, _ in spans}) == len(spans) and all(
        _ascending(recs[k].line for k in range(start, end)) for _, start, end in spans
    ):
        recs[:] = [recs[k] for _, start, end in spans for k in range(start, end)]
    else:
        recs.sort(key=Rec.sort_key)
    return recs


def _ascending(lines: Iterable[int | None]) -> bool:
    """Whether ``lines`` (no line first) never go down."""
    last = -1
    for line in lines:
        value = -1 if line is None else line
        if value < last:
            return False
        last = value
    return True


def _clusters(c: rules.Clusters) -> tuple[list[int], dict[int, list[int]]]:
    """The roots, and the records of each cluster of more than one."""
    roots: list[int] = []
    members: dict[int, list[int]] = {}
    parent, find = c.parent, c.find
    for i in range(len(parent)):
        root = i if parent[i] == i else find(i)
        if root == i:
            roots.append(i)
        else:
            members.setdefault(root, [root]).append(i)
    return roots, members


def _canonical_ids(
    c: rules.Clusters, roots: list[int], members: Mapping[int, list[int]]
) -> tuple[list[str], dict[str, int]]:
    """Each person's id (by root): the id of her best-ranked record, the lowest
    id among equals; persons kept apart that claim one id take ``~2``, ``~3``
    in the order of their first records. Also the first root claiming each id."""
    recs = c.recs
    canonical: list[str] = [""] * len(recs)
    claims: dict[str, int] = {}
    clashes: dict[str, list[int]] = {}
    for root in roots:
        idx = members.get(root)
        pid = recs[root].id if idx is None else min((recs[i].rank, recs[i].id) for i in idx)[1]
        canonical[root] = pid
        held = claims.setdefault(pid, root)
        if held != root:
            clashes.setdefault(pid, [held]).append(root)
    for pid, clash in clashes.items():
        for k, root in enumerate(sorted(clash)[1:], start=2):
            canonical[root] = f"{pid}~{k}"
    return canonical, claims


_Keys = tuple[set[str], set[tuple[str, str]], set[str], set[str], set[str]]


class _Suggestions:
    """The ambiguities: pairs of persons that may be one, for a person to decide."""

    def __init__(
        self,
        c: rules.Clusters,
        refs: _Refs,
        members: Mapping[int, list[int]],
        canonical: list[str],
        rejected_pairs: set[frozenset[str]],
        phones: bool,
    ) -> None:
        self.c = c
        self.phones = phones  # whether some record has a phone number
        self.refs = refs
        self.members = members
        self.canonical = canonical
        self.rejected_pairs = rejected_pairs
        self.found: dict[tuple[int, int], Ambiguity] = {}
        self._keys: dict[int, _Keys] = {}

    def cluster(self, root: int) -> list[int]:
        return self.members.get(root) or [root]

    def find(self, roots: list[int]) -> list[Ambiguity]:
        """Links a conflict refused; persons sharing a name, or a phone number,
        unless their NIKs or birth dates show they are two people."""
        c = self.c
        for i, j in c.conflicts:
            ri, rj = c.find(i), c.find(j)
            if ri != rj:
                self.suggest(ri, rj)
        self._sharing(roots, phones=False)
        if self.phones:
            self._sharing(roots, phones=True)
        return list(self.found.values())

    def _sharing(self, roots: list[int], phones: bool) -> None:
        # Persons who share a name (or a phone): a set only once a second person has it.
        by_key: dict[str, int | set[int]] = {}
        recs = self.c.recs
        for root in roots:
            for i in self.cluster(root):
                r = recs[i]
                for k in r.phones if phones else r.names or (r.name,):
                    sharing = by_key.setdefault(k, root)
                    if sharing == root:
                        continue
                    if isinstance(sharing, int):
                        by_key[k] = {sharing, root}
                    else:
                        sharing.add(root)
        seen = self.c.facts_seen
        for group in by_key.values():
            if isinstance(group, int):
                continue
            ordered = sorted(group, key=self.canonical.__getitem__)
            for x, ra in enumerate(ordered):
                for rb in ordered[x + 1 :]:
                    problems = seen(ra).conflicts(seen(rb))
                    if "different NIKs" in problems or "different birth dates" in problems:
                        continue  # two people: the evidence says so
                    self.suggest(ra, rb)

    def cluster_fps(self, root: int) -> list[str]:
        return sorted(fp for i in self.cluster(root) for fp in self.refs.all_fingerprints(i))

    def kept_apart(self, ra: int, rb: int) -> bool:
        if not self.rejected_pairs:
            return False
        fa, fb = self.cluster_fps(ra), self.cluster_fps(rb)
        return any(frozenset((x, y)) in self.rejected_pairs for x in fa for y in fb)

    def keys_of(self, root: int) -> _Keys:
        """A cluster's names, identifiers, ids, name+birth keys and phones."""
        got = self._keys.get(root)
        if got is None:
            names: set[str] = set()
            idents: set[tuple[str, str]] = set()
            ids: set[str] = set()
            phones: set[str] = set()
            for i in self.cluster(root):
                r = self.c.recs[i]
                names.update(r.all_names())
                idents.update((x.scheme, x.identifier) for x in r.ident)
                ids.add(r.id)
                ids.update(r.carried[1] if r.carried else ())
                phones.update(r.phones)
            day = self.c.facts_seen(root).birth[2]
            births = {f"{n}|{day}" for n in names if day}
            got = self._keys[root] = (names, idents, ids, births, phones)
        return got

    def suggest(self, ra: int, rb: int) -> None:
        """Record the pair, with what they share and what disagrees."""
        canonical = self.canonical
        if canonical[ra] > canonical[rb]:
            ra, rb = rb, ra
        if (ra, rb) in self.found or self.kept_apart(ra, rb):
            return
        fa, fb = self.c.facts_seen(ra), self.c.facts_seen(rb)
        (na, ia, da, ba, pa), (nb, ib, db, bb, pb) = self.keys_of(ra), self.keys_of(rb)
        said = REASONS
        reasons = []
        if fa.nik and fa.nik == fb.nik:
            reasons.append(said["nik"])
        schemes = sorted({s for s, _ in ia & ib})
        reasons += [said["identifier"].format(scheme=scheme) for scheme in schemes]
        if da & db:
            reasons.append(said["id"])
        if pa & pb:
            reasons.append(said["phone"])
        if ba & bb:
            reasons.append(said["name+birth_date"])
        elif na & nb:
            reasons.append(said["name"])
            if not (fa.birth[2] and fb.birth[2]):
                reasons.append(said["no-birth-date"])
        elif pa & pb:
            reasons.append(said["other-names"])
        self.found[(ra, rb)] = Ambiguity(
            canonical[ra], canonical[rb], self.cluster_fps(ra)[0], self.cluster_fps(rb)[0],
            tuple(reasons + fa.conflicts(fb)),
        )  # fmt: skip


def _persons(
    c: rules.Clusters,
    refs: _Refs,
    roots: list[int],
    members: Mapping[int, list[int]],
    canonical: list[str],
    claims: Mapping[str, int],
    tokens: Tokens,
) -> tuple[list[RegistryPerson], dict[str, str]]:
    """Every person, by id, and where each id merged away now points."""
    recs = c.recs
    done: list[Any] = c.recs  # each record freed once its person is made
    redirects: dict[str, str] = {}
    persons: list[RegistryPerson] = []
    keyed = (tokens.hashed, tokens.key)
    for root in roots:
        pid = canonical[root]
        idx = members.get(root)
        if idx is None and recs[root].carried is None:
            # One record read from a source: the common case, made directly.
            r = recs[root]
            if r.id != pid and r.id not in claims:
                redirects[r.id] = min(redirects.get(r.id, pid), pid)
            persons.append(_single_person(pid, r, refs.ref(root), keyed))
            done[root] = None
            continue
        idx = idx or [root]
        places: list[SourceRef] = []
        old: set[str] = set()
        for i in idx:
            rec = recs[i]
            if rec.carried is not None:
                places.extend(rec.carried[0])
                old.update(rec.carried[1])
            else:
                places.append(refs.ref(i))
            old.add(rec.id)
        old.discard(pid)
        for o in old:
            if o not in claims and (o not in redirects or redirects[o] > pid):
                redirects[o] = pid
        where = tuple(sorted(set(places))) if len(places) > 1 else tuple(places)
        group = [recs[i] for i in idx]
        persons.append(_person(pid, group, keyed, c.facts_seen(root), where, tuple(sorted(old))))
        for i in idx:
            done[i] = None
    persons.sort(key=lambda p: p.id)
    return persons, redirects


def _person(
    pid: str,
    recs: list[Rec],
    keyed: tuple[bool, bytes],
    facts: rules.Facts,
    where: tuple[SourceRef, ...],
    old: tuple[str, ...],
) -> RegistryPerson:
    """The person as the registry shows and stores her: no NIK, birth date or
    phone number in clear, no contact details."""
    if len(recs) > 1:
        recs = sorted(recs, key=lambda r: (r.rank, r.id != pid, r.sort_key()))
    head = recs[0]
    names: list[str] = []
    idents: set[tuple[str, str]] = set()
    phones: set[str] = set()
    for r in recs:
        if r.printed not in names:
            names.append(r.printed)
        names.extend(n for n in r.other_names if n not in names)
        idents.update((i.scheme, i.identifier) for i in r.ident)
        phones.update(r.phones)
    return RegistryPerson(
        pid,
        head.printed,
        facts.gender,
        where,
        old,
        tuple(n for n in names if n != head.printed),
        tuple(sorted(idents)),
        facts.nik,
        tuple(facts.birth),
        keyed,
        tuple(sorted(phones)),
    )


def _single_person(pid: str, r: Rec, ref: SourceRef, keyed: tuple[bool, bytes]) -> RegistryPerson:
    """A person of one record: what :func:`_person` makes of it, directly (the common case)."""
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
        tuple(sorted(set(r.phones))) if r.phones else (),
    )


def _holding(
    c: rules.Clusters, canonical: list[str], id_holders: Mapping[str, list[int]]
) -> dict[str, list[tuple[str, str]]]:
    """An id persons kept apart hold: the person and source of each record that
    has it, in record order."""
    holding: dict[str, list[tuple[str, str]]] = {pid: [] for pid in id_holders}
    if holding:
        for i, r in enumerate(c.recs):
            for pid in (r.id, *r.carried[1]) if r.carried else (r.id,):
                held = holding.get(pid)
                if held is not None:
                    held.append((canonical[c.find(i)], r.source))
    return holding


def _resolver(holding: Mapping[str, list[tuple[str, str]]], redirects: Mapping[str, str]) -> Any:
    if not holding:  # no id held by persons kept apart: the common case

        def redirect(source: str, pid: str | None) -> str | None:
            return None if pid is None else redirects.get(pid, pid)

        return redirect

    def resolve(source: str, pid: str | None) -> str | None:
        if pid is None:
            return None
        holders = holding.get(pid)
        if holders:
            # One id, persons kept apart: the one that goes by it, else the
            # first with a record of it from the same source, else the first.
            if any(person == pid for person, _ in holders):
                return pid
            same = [person for person, src in holders if src == source]
            return (same or [holders[0][0]])[0]
        return redirects.get(pid, pid)

    return resolve


_KINDS = (
    Organization, Post, Membership, Training, Participation, FollowUp, Election, District,
    Candidacy,
)  # fmt: skip


def _assemble(g: Gathered, resolve: Any, redirects: dict[str, str]) -> Registry:
    """A registry of the records other than persons, their person ids resolved."""
    kinds: dict[type[Any], dict[Any, tuple[SourceRef, ...]]] = {t: {} for t in _KINDS}
    # In order of source, line and order read. Usually each source is in
    # line order already: then only the sources are put in order.
    others, g.others = g.others, []
    spans = sorted(g.spans)
    ordered: Iterable[tuple[Any, str, int | None, int, tuple[SourceRef, ...] | None]]
    if len({name for name, _, _ in spans}) == len(spans) and all(
        _ascending(others[k][2] or None for k in range(start, end)) for _, start, end in spans
    ):
        ordered = (others[k] for _, start, end in spans for k in range(start, end))
    else:
        others.sort(key=lambda o: (o[1], o[2] or -1, o[3]))
        ordered = others
    memberships = kinds[Membership]
    for obj, source, line, _, where in ordered:
        if type(obj) is Membership:  # the common case, as _rewrite does it
            pid = resolve(source, obj.person_id)
            if pid != obj.person_id:
                obj = attrs.evolve(obj, person_id=pid)
            bucket = memberships
        else:
            obj = _rewrite(obj, source, resolve)
            found = kinds.get(type(obj))
            if found is None:
                continue
            bucket = found
        place = where or (SourceRef(source, line),)
        got = bucket.setdefault(obj, place)
        if got is not place:  # an equal record read before: one entry, both places
            bucket[obj] = got + place
    del others, ordered

    def entries(t: type[T]) -> tuple[Entry[T], ...]:
        return tuple(
            Entry(obj, places if len(places) == 1 else tuple(sorted(set(places))))
            for obj, places in kinds[t].items()
        )

    return Registry(
        persons=(),
        organisations=entries(Organization),
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
    """``obj`` with the person ids it holds pointing at the registry's persons."""
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


def _decision_key(d: Decision) -> tuple[Any, ...]:
    return (d.a, d.b, d.accept, d.note)


def _merge_key(m: Merge) -> tuple[Any, ...]:
    return (m.person_id, m.a, m.b, m.rule, m.scheme or "")


def _flag_key(f: Flag) -> tuple[Any, ...]:
    return (f.kind.value, f.person_id or "", f.sources, f.detail)


def _rej_key(r: Rejection) -> tuple[Any, ...]:
    return (r.source, r.line or -1, r.field or "", r.reason)
