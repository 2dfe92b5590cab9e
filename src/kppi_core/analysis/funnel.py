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
from collections.abc import Collection, Iterator

import attrs

from kppi_core.analysis._words import Said, Sheet, Value, document, share
from kppi_core.analysis.training import attended, trainings_of
from kppi_core.errors import NotFound
from kppi_core.i18n import N_, Language, language
from kppi_core.model import Candidacy
from kppi_core.registry import Registry
from kppi_core.render import words
from kppi_core.render.model import Document, ids

__all__ = ["STAGES", "Funnel", "funnel", "funnel_report"]

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
    lang: str = "en",
) -> Funnel:
    """The funnel for ``election_id``.

    Trainings count when they ended before the election's date (its year's
    first day when only the year is known; all trainings when neither is).
    ``earlier`` names the elections that count as "before"; by default every
    other election in the data whose year is earlier (or unknown). An election
    without candidacies is :class:`NotFound`, said in ``lang``.
    """
    elections = {e.record.election_id for e in registry.candidacies}
    if election_id not in elections:
        known = ", ".join(sorted(elections))
        message = N_("no candidacies for election {election!r}; known: {known}")
        raise NotFound(language(lang).format(message, election=election_id, known=known))
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


#: The funnel's stages in words, by their stable names.
STAGES = {
    "trained": N_("trained cadres"),
    "candidates": N_("candidates"),
    # TRANSLATORS: list positions 1-3, the block UU 7/2017 Pasal 246(2) requires a woman in.
    "first_block": N_("in the first block (list numbers 1–3)"),
    "elected": N_("elected"),
    "first_time_candidates": N_("standing for the first time"),
}
_FIRST_BLOCK = N_(
    "The first block is list numbers 1–3; elected is counted among all candidates "
    "(open list: votes, not list order, decide)."
)
_MATCHED = N_(
    "Persons are registry ids; candidacies are linked to trained cadres only "
    "where the registry matched them (see open ambiguities)."
)


def _stages(f: Funnel, tr: Language) -> Iterator[tuple[Value, ...]]:
    stages = (
        ("trained", f.trained, None),
        ("candidates", f.candidates, len(f.trained)),
        ("first_block", f.first_block, len(f.candidates)),
        ("elected", f.elected, len(f.candidates)),
        ("first_time_candidates", f.first_time, len(f.candidates)),
    )
    for name, who, base in stages:
        stage = Said(name, tr.gettext(STAGES[name]))
        yield (stage, len(who), share(len(who), base) if base is not None else None, ids(who))


def _breakdown(f: Funnel, key: str) -> Iterator[tuple[Value, ...]]:
    """The funnel's candidates by ``key`` (``party``, ``district_id``)."""
    groups: dict[str, list[Candidacy]] = {}
    for c in f.candidacies:
        groups.setdefault(getattr(c, key), []).append(c)
    for name, cs in sorted(groups.items()):
        who = {c.person_id for c in cs if c.person_id}
        yield (
            name,
            len(who),
            len({c.person_id for c in cs if c.list_position <= 3}),
            len({c.person_id for c in cs if c.elected}),
            len(who - f.stood_before),
            ids({p for p in who if p}),
        )


def funnel_report(
    registry: Registry,
    election_id: str,
    *,
    branch_id: str | None = None,
    earlier: Collection[str] | None = None,
    lang: str = "en",
) -> Document:
    """The funnel as a report in ``lang``: stages, by party, by district, and who is behind each."""
    tr = language(lang)
    f = funnel(registry, election_id, branch_id=branch_id, earlier=earlier, lang=tr.code)
    n = len(f.candidates)
    cols = ("candidates", "first_block", "elected", "first_time", "person_ids")
    return document(
        "funnel",
        tr.format(
            N_("Funnel: trained cadres at election {election}"),
            election=words.election(election_id, tr),
        ),
        (
            ("election", election_id),
            ("trained", len(f.trained)),
            ("candidates", n),
            ("first_block", len(f.first_block)),
            ("elected", len(f.elected)),
            ("stood_for_the_first_time", len(f.first_time)),
            ("candidates_per_trained", share(n, len(f.trained))),
            ("first_block_per_candidate", share(len(f.first_block), n)),
            ("elected_per_candidate", share(len(f.elected), n)),
            ("first_time_per_candidate", share(len(f.first_time), n)),
        ),
        (
            Sheet(
                "stages",
                tr.gettext(N_("Stages")),
                ("stage", "persons", "share_of_previous", "person_ids"),
                _stages(f, tr),
            ),
            Sheet(
                "by_party",
                tr.gettext(N_("By party (the list's party)")),
                ("party", *cols),
                _breakdown(f, "party"),
            ),
            Sheet(
                "by_district",
                tr.gettext(N_("By district")),
                ("district", *cols),
                _breakdown(f, "district_id"),
            ),
        ),
        (tr.gettext(_FIRST_BLOCK), tr.gettext(_MATCHED)),
        tr,
    )
