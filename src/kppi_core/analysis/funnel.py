"""The funnel: trained cadres → candidates → placed in the first block → elected.

For the trainings held before an election: how many trained cadres stood in
it, how many of those a party placed in the first block of three (list
positions 1–3, the block UU 7/2017 art. 246(2) requires a woman in), and how
many were elected (open list: personal votes decide, so an elected candidate
need not be in the first block). By party and district; and the seed
article's question — how many trained cadres who had never stood before stood
this time (a candidacy at an earlier election in the data counts as standing
before).

Every figure is an exact :class:`~fractions.Fraction` and comes with the ids
of the persons behind it; no personal data is printed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from fractions import Fraction

import attrs

from kppi_core.analysis.training import attended, trainings_of
from kppi_core.errors import NotFound
from kppi_core.model import Candidacy
from kppi_core.registry import Registry
from kppi_core.render.model import Document, Table, ids, table_report

__all__ = ["Funnel", "funnel", "funnel_report"]

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


@attrs.frozen
class Funnel:
    """The persons at each stage, by id. Each stage is inside the one before it,
    except ``elected``, which is inside ``candidates`` (not ``first_block``)."""

    election_id: str
    trained: frozenset[str]
    candidates: frozenset[str]
    first_block: frozenset[str]
    elected: frozenset[str]
    stood_before: frozenset[str]
    candidacies: tuple[Candidacy, ...]

    @property
    def first_time(self) -> frozenset[str]:
        """Trained candidates who had never stood before."""
        return self.candidates - self.stood_before


def _year(registry: Registry, election_id: str) -> int | None:
    for e in registry.elections:
        if e.record.id == election_id and e.record.date is not None:
            return e.record.date.year
    m = _YEAR.search(election_id)
    return int(m.group(0)) if m else None


def _date(registry: Registry, election_id: str) -> datetime.date | None:
    for e in registry.elections:
        if e.record.id == election_id and e.record.date is not None:
            return e.record.date
    year = _year(registry, election_id)
    return datetime.date(year, 1, 1) if year else None


def funnel(
    registry: Registry,
    election_id: str,
    *,
    branch_id: str | None = None,
    earlier: Collection[str] | None = None,
) -> Funnel:
    """The funnel for ``election_id``.

    Trainings count when they ended before the election's date (its year's
    first day when only the year is known; all trainings when neither is).
    ``earlier`` names the elections that count as "before"; by default every
    other election in the data whose year is earlier (or unknown).
    """
    elections = {e.record.election_id for e in registry.candidacies}
    if election_id not in elections:
        raise NotFound(
            f"no candidacies for election {election_id!r}; known: {', '.join(sorted(elections))}"
        )
    day = _date(registry, election_id)
    trainings = [
        t
        for t in trainings_of(registry, branch_id)
        if day is None or (t.end_date is not None and t.end_date < day)
    ]
    trained = frozenset(p.person_id for p in attended(registry, trainings))
    year = _year(registry, election_id)
    if earlier is None:
        earlier = {
            e
            for e in elections
            if e != election_id and (year is None or (_year(registry, e) or 0) < year)
        }
    here = tuple(
        e.record
        for e in registry.candidacies
        if e.record.election_id == election_id and e.record.person_id in trained
    )
    stood = frozenset(
        e.record.person_id
        for e in registry.candidacies
        if e.record.election_id in earlier and e.record.person_id in trained
    )
    return Funnel(
        election_id=election_id,
        trained=trained,
        candidates=frozenset(c.person_id for c in here if c.person_id),
        first_block=frozenset(c.person_id for c in here if c.person_id and c.list_position <= 3),
        elected=frozenset(c.person_id for c in here if c.person_id and c.elected),
        stood_before=stood,
        candidacies=here,
    )


def _share(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def funnel_report(
    registry: Registry,
    election_id: str,
    *,
    branch_id: str | None = None,
    earlier: Collection[str] | None = None,
) -> Document:
    """The funnel as a report: stages, by party, by district, and who is behind each."""
    f = funnel(registry, election_id, branch_id=branch_id, earlier=earlier)
    stages = (
        ("trained", f.trained, None),
        ("candidates", f.candidates, len(f.trained)),
        ("first_block", f.first_block, len(f.candidates)),
        ("elected", f.elected, len(f.candidates)),
        ("first_time_candidates", f.first_time, len(f.candidates)),
    )
    stage_rows = tuple(
        (name, len(who), _share(len(who), base) if base is not None else None, ids(who))
        for name, who, base in stages
    )

    def breakdown(key: str) -> tuple[tuple[str, int, int, int, int, tuple[str, ...]], ...]:
        groups: dict[str, list[Candidacy]] = {}
        for c in f.candidacies:
            groups.setdefault(getattr(c, key), []).append(c)
        rows = []
        for name, cs in sorted(groups.items()):
            who = {c.person_id for c in cs if c.person_id}
            rows.append(
                (
                    name,
                    len(who),
                    len({c.person_id for c in cs if c.list_position <= 3}),
                    len({c.person_id for c in cs if c.elected}),
                    len(who - f.stood_before),
                    ids({p for p in who if p}),
                )
            )
        return tuple(rows)

    cols = ("candidates", "first_block", "elected", "first_time", "person_ids")
    return table_report(
        kind="funnel",
        title=f"Funnel: trained cadres at election {election_id}",
        facts=(
            ("election", election_id),
            ("trained", len(f.trained)),
            ("candidates", len(f.candidates)),
            ("first_block", len(f.first_block)),
            ("elected", len(f.elected)),
            ("stood_for_the_first_time", len(f.first_time)),
            ("candidates_per_trained", _share(len(f.candidates), len(f.trained))),
            ("first_block_per_candidate", _share(len(f.first_block), len(f.candidates))),
            ("elected_per_candidate", _share(len(f.elected), len(f.candidates))),
            ("first_time_per_candidate", _share(len(f.first_time), len(f.candidates))),
        ),
        tables=(
            Table(
                "stages",
                "Stages",
                ("stage", "persons", "share_of_previous", "person_ids"),
                stage_rows,
            ),
            Table("by_party", "By party (the list's party)", ("party", *cols), breakdown("party")),
            Table("by_district", "By district", ("district", *cols), breakdown("district_id")),
        ),
        notes=(
            "first_block: list positions 1-3; elected is counted among all candidates "
            "(open list: votes, not list order, decide).",
            "Persons are registry ids; candidacies are linked to trained cadres only "
            "where the registry matched them (see open ambiguities).",
        ),
    )
