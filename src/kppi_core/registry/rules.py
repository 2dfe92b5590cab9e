"""The matching rules, strongest first, each a function over the same clusters.

Records are taken in order (source name, line, order read). Under each rule,
a record joins the first earlier record sharing one of its keys whose person
it does not conflict with (:meth:`Facts.conflicts`); a refused link is kept
as a conflict, which becomes an ambiguity unless something else joins the
two. Rules:

1. :func:`link_by_nik` — the same NIK;
2. :func:`link_by_identifier` — the same identifier in the same scheme, or
   the same source id (or an id a registry file merged away);
3. :func:`link_by_phone_and_name` — the same phone number and the same name key;
4. :func:`link_by_name_and_birth_date` — the same name key and the same full
   birth date (the one known for the person so far);

then :func:`apply_decisions`: accepted pairs are joined whatever they say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kppi_core.model import Gender
from kppi_core.registry.records import Rec
from kppi_core.registry.results import REASONS, Decision

__all__ = [
    "Clusters",
    "Facts",
    "apply_decisions",
    "link_by_identifier",
    "link_by_name_and_birth_date",
    "link_by_nik",
    "link_by_phone_and_name",
]


class Facts:
    """What a person (a cluster of records) is known to be: NIK, birth date parts
    and declared gender, each from her earliest record that has one."""

    __slots__ = ("at", "birth", "gender", "nik")

    def __init__(self, rec: Rec, i: int) -> None:
        self.nik = rec.nik
        self.birth = list(rec.birth)
        self.gender = rec.gender
        # the record each fact comes from: NIK, year, month, day, gender
        self.at = [i, i, i, i, i]

    def conflicts(self, other: Facts) -> list[str]:
        """What makes the two persons two: different NIKs, birth dates that
        cannot be one day, different declared genders."""
        out = []
        if self.nik and other.nik and self.nik != other.nik:
            out.append(REASONS["other-niks"])
        for mine, theirs in zip(self.birth, other.birth, strict=True):
            if mine and theirs and mine != theirs:
                out.append(REASONS["other-birth-dates"])
                break
        if (
            self.gender is not Gender.UNKNOWN
            and other.gender is not Gender.UNKNOWN
            and self.gender is not other.gender
        ):
            out.append(REASONS["other-genders"])
        return out

    def absorb(self, other: Facts) -> None:
        """Take the other person's facts where hers are missing or come later."""
        at, theirs = self.at, other.at
        if other.nik and (not self.nik or theirs[0] < at[0]):
            self.nik, at[0] = other.nik, theirs[0]
        for k in range(3):
            if other.birth[k] and (not self.birth[k] or theirs[k + 1] < at[k + 1]):
                self.birth[k], at[k + 1] = other.birth[k], theirs[k + 1]
        if other.gender is not Gender.UNKNOWN and (
            self.gender is Gender.UNKNOWN or theirs[4] < at[4]
        ):
            self.gender, at[4] = other.gender, theirs[4]


class Clusters:
    """Records joined into persons (union-find; a root is its cluster's lowest
    index), the merges made and the links refused."""

    def __init__(self, recs: list[Rec]) -> None:
        self.recs = recs
        self.parent = list(range(len(recs)))
        self.facts: dict[int, Facts] = {}  # only for clusters a link has touched
        self.merges: list[tuple[int, int, str, str | None]] = []
        self.conflicts: dict[tuple[int, int], None] = {}  # record pairs a conflict kept apart

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def facts_of(self, root: int) -> Facts:
        f = self.facts.get(root)
        if f is None:
            f = self.facts[root] = Facts(self.recs[root], root)
        return f

    def facts_seen(self, root: int) -> Facts:
        """Like :meth:`facts_of`, without keeping a new one."""
        return self.facts.get(root) or Facts(self.recs[root], root)

    def union(self, i: int, j: int, rule: str, scheme: str | None, force: bool = False) -> bool:
        """Join the persons of records ``i`` and ``j`` unless they conflict (or
        ``force``); whether they are one person now."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        fi, fj = self.facts_of(ri), self.facts_of(rj)
        if not force and fi.conflicts(fj):
            self.conflicts.setdefault((i, j), None)
            return False
        if rj < ri:
            ri, rj = rj, ri
            fi, fj = fj, fi
        self.parent[rj] = ri
        fi.absorb(fj)
        self.facts.pop(rj, None)
        self.merges.append((i, j, rule, scheme))
        return True

    def index(self, rule: str, scheme: str | None = None) -> Index:
        """A key index for one rule (and scheme)."""
        return Index(self.union, rule, scheme)


class Index:
    """Keys of one rule and the records that hold them.

    Callers put a record's key in :attr:`first` themselves (the common case,
    a key seen first, costs one ``setdefault``) and call :meth:`link` when an
    earlier record holds it already.
    """

    __slots__ = ("first", "more", "rule", "scheme", "union")

    def __init__(
        self, union: Callable[[int, int, str, str | None], bool], rule: str, scheme: str | None
    ) -> None:
        self.first: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}  # keys held by persons a conflict kept apart
        self.union = union
        self.rule = rule
        self.scheme = scheme

    def link(self, k: str, i: int) -> None:
        """Join record ``i`` to the first holder of ``k`` it does not conflict with."""
        union, rule, scheme = self.union, self.rule, self.scheme
        j = self.first[k]
        if union(j, i, rule, scheme):
            return
        holders = self.more.setdefault(k, [j])
        if not any(union(h, i, rule, scheme) for h in holders[1:]):
            holders.append(i)

    def add(self, k: str, i: int) -> None:
        """Put ``k`` in the index for record ``i``, linking it to an earlier holder."""
        if self.first.setdefault(k, i) != i:
            self.link(k, i)


def link_by_nik(c: Clusters) -> None:
    """Rule 1: records with the same NIK (or its fingerprint) are one person."""
    index = c.index("nik")
    seen = index.first.setdefault
    for i, r in enumerate(c.recs):
        nik = r.nik
        if nik and seen(nik, i) != i:
            index.link(nik, i)


def link_by_identifier(c: Clusters) -> dict[str, list[int]]:
    """Rule 2: the same identifier in the same scheme, or the same source id,
    is one person. Gives, for each id persons kept apart hold, its holders."""
    by_scheme: dict[str, Index] = {}
    ids = c.index("id")
    seen = ids.first.setdefault
    for i, r in enumerate(c.recs):
        for ident in r.ident:
            index = by_scheme.get(ident.scheme)
            if index is None:
                index = by_scheme[ident.scheme] = c.index("identifier", ident.scheme)
            if index.first.setdefault(ident.identifier, i) != i:
                index.link(ident.identifier, i)
        if seen(r.id, i) != i:
            ids.link(r.id, i)
        if r.carried is not None:
            for pid in r.carried[1]:
                ids.add(pid, i)
    return ids.more


def link_by_phone_and_name(c: Clusters) -> None:
    """Rule 3: the same phone number and the same name key are one person."""
    index = c.index("phone+name")
    for i, r in enumerate(c.recs):
        for phone in r.phones:
            for name in r.all_names():
                index.add(f"{phone}|{name}", i)


def link_by_name_and_birth_date(c: Clusters) -> None:
    """Rule 4: the same name key and the same full birth date are one person.

    The birth date is the one known for the person so far, so that a record
    without one still counts once a stronger rule has placed it."""
    recs, parent, facts, find = c.recs, c.parent, c.facts, c.find
    days: list[str | None] = []
    for i in range(len(recs)):
        root = i if parent[i] == i else find(i)
        f = facts.get(root)
        days.append(f.birth[2] if f is not None else recs[root].birth[2])
    by_day: dict[str, Index] = {}
    for i, r in enumerate(recs):
        day = days[i]
        if day:
            index = by_day.get(day)
            if index is None:
                index = by_day[day] = c.index("name+birth_date")
            for name in r.names or (r.name,):  # r.all_names(), inline: once per record
                if index.first.setdefault(name, i) != i:
                    index.link(name, i)


def apply_decisions(
    c: Clusters,
    decisions: Iterable[Decision],
    fingerprints: Callable[[int], list[str]],
) -> set[frozenset[str]]:
    """Accepted pairs are joined whatever they say; gives the rejected pairs
    (record fingerprints), which no ambiguity may suggest again. Records with
    equal content share a fingerprint: a decision holds for all of them."""
    decisions = sorted(decisions, key=lambda d: (not d.accept, d.a, d.b))
    rejected: set[frozenset[str]] = set()
    if not decisions:
        return rejected
    by_fp: dict[str, list[int]] = {}
    for i in range(len(c.recs)):
        for fp in fingerprints(i):
            by_fp.setdefault(fp, []).append(i)
    for d in decisions:
        if d.accept:
            for i in by_fp.get(d.a, ()):
                for j in by_fp.get(d.b, ()):
                    c.union(i, j, "decision", None, force=True)
        else:
            rejected.add(frozenset((d.a, d.b)))
    return rejected
