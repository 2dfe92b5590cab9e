"""Training reports: who attended each session, from where, and who spoke.

Attendance is counted on the registry's persons, so one woman on two sheets
(or under two spellings the registry resolved) counts once. A participant's
*audience* is read from what is known of her: a member of the organising
branch's board is ``board``; a party member or someone who came from a party
``party_cadres``; someone who came from a women's organisation
``women_organisations``; anyone else ``public``. She is a *first-time*
participant when she attended no session of an earlier training of the same
branch, *returning* otherwise.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from kppi_core.model import (
    Audience,
    Classification,
    Organization,
    Participation,
    ParticipationRole,
    Training,
)
from kppi_core.registry import Registry
from kppi_core.render.model import Document, Table, table_report

__all__ = [
    "attended",
    "audience_of",
    "party_of",
    "training_report",
    "trainings_of",
]

_PARTISAN = (Classification.PARTY.value, Classification.PARTY_WING.value)


def trainings_of(registry: Registry, branch_id: str | None = None) -> list[Training]:
    """The trainings a branch organised (all of them when ``branch_id`` is None), by date."""
    found = {
        e.record.id: e.record
        for e in registry.trainings
        if branch_id is None or e.record.organization_id == branch_id
    }
    return sorted(found.values(), key=lambda t: (t.start_date or datetime.date.min, t.id))


def attended(registry: Registry, trainings: Iterable[Training]) -> list[Participation]:
    """Participations of ``trainings``' sessions where someone attended as a participant."""
    wanted = {(t.id, s.id) for t in trainings for s in t.sessions}
    return [
        e.record
        for e in registry.participations
        if (e.record.training_id, e.record.session_id) in wanted
        and e.record.attended
        and e.record.role is ParticipationRole.PARTICIPANT
    ]


def party_of(registry: Registry, on: datetime.date | None = None) -> dict[str, tuple[str, ...]]:
    """Each person's parties (organisation ids), from memberships in force on ``on``
    (or not ended, when ``on`` is None)."""
    orgs = registry.organisation_map()
    out: dict[str, set[str]] = {}
    for e in registry.memberships:
        m = e.record
        org = orgs.get(m.organization_id)
        if org is None or org.classification not in _PARTISAN:
            continue
        if (on is None and m.end_date is None) or (on is not None and m.may_be_active(on)):
            party = (
                org.parent_id if org.classification == "party_wing" and org.parent_id else org.id
            )
            out.setdefault(m.person_id, set()).add(party)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _board(registry: Registry, branch_id: str, on: datetime.date | None) -> set[str]:
    return {
        e.record.person_id
        for e in registry.memberships
        if e.record.organization_id == branch_id
        and (e.record.end_date is None if on is None else e.record.may_be_active(on))
    }


def audience_of(
    p: Participation,
    orgs: dict[str, Organization],
    board: set[str],
    parties: dict[str, tuple[str, ...]],
) -> str:
    """The audience a participant belongs to (see the module's docstring)."""
    if p.person_id in board:
        return Audience.BOARD.value
    came_from = orgs.get(p.organization_id or "")
    if p.person_id in parties or (came_from and came_from.classification in _PARTISAN):
        return Audience.PARTY_CADRES.value
    if came_from and came_from.classification == Classification.WOMEN_ORGANISATION:
        return Audience.WOMEN_ORGANISATIONS.value
    return Audience.PUBLIC.value


def _name(orgs: dict[str, Organization], oid: str | None) -> str:
    if oid is None:
        return "(not stated)"
    org = orgs.get(oid)
    return org.name if org else oid


def training_report(registry: Registry, training_id: str | None = None) -> Document:
    """The report of one training (the latest when ``training_id`` is None)."""
    from kppi_core.errors import NotFound

    everything = trainings_of(registry)
    if not everything:
        raise NotFound("no training in the data")
    if training_id is None:
        training = everything[-1]
    else:
        match = [t for t in everything if t.id == training_id]
        if not match:
            raise NotFound(
                f"no training {training_id!r}; known: {', '.join(t.id for t in everything)}"
            )
        training = match[0]
    orgs = registry.organisation_map()
    start = training.start_date
    board = _board(registry, training.organization_id, start)
    parties = party_of(registry, start)
    earlier = [
        t
        for t in trainings_of(registry, training.organization_id)
        if t.id != training.id and t.end_date and start and t.end_date < start
    ]
    before = {p.person_id for p in attended(registry, earlier)}
    here = attended(registry, [training])
    people = sorted({p.person_id for p in here})
    first_time = [pid for pid in people if pid not in before]

    sessions, by_party, by_org, by_audience, speakers = [], [], [], [], []
    for s in training.sessions:
        rows = [p for p in here if p.session_id == s.id]
        seen = {p.person_id: p for p in sorted(rows, key=lambda p: p.person_id)}
        sessions.append(
            (
                s.id,
                s.date,
                tuple(s.audience),
                len(seen),
                sum(1 for pid in seen if pid not in before),
            )
        )
        party_count: Counter[str] = Counter()
        for pid, p in seen.items():
            held = parties.get(pid) or (
                (p.organization_id,)
                if p.organization_id
                and orgs.get(p.organization_id, _NONE).classification in _PARTISAN
                else ()
            )
            for party in held or ("(no party)",):
                party_count[_name(orgs, party) if party != "(no party)" else party] += 1
        by_party += [(s.id, k, v) for k, v in sorted(party_count.items())]
        org_count = Counter(_name(orgs, p.organization_id) for p in seen.values())
        by_org += [(s.id, k, v) for k, v in sorted(org_count.items())]
        aud = Counter(audience_of(p, orgs, board, parties) for p in seen.values())
        by_audience += [(s.id, k, v) for k, v in sorted(aud.items())]
        for sp in s.speakers:
            person = registry.get(sp.person_id)
            speakers.append(
                (
                    s.id,
                    sp.person_id,
                    person.name if person else sp.person_id,
                    _name(orgs, sp.organization_id),
                    sp.topic or "",
                )
            )
    partners = [_name(orgs, o) for o in training.co_organizer_ids]
    facts: list[tuple[str, str | int | None]] = [
        ("training", f"{training.name} ({training.id})"),
        ("organised_by", _name(orgs, training.organization_id)),
        ("co_organised_by", ", ".join(partners) or "(none)"),
        ("dates", f"{training.start_date} – {training.end_date}"),
        ("sessions", len(training.sessions)),
        ("participants", len(people)),
        ("first_time", len(first_time)),
        ("returning", len(people) - len(first_time)),
        ("earlier_trainings", len(earlier)),
    ]
    participants = [
        (
            pid,
            registry.get(pid).name if registry.get(pid) else pid,  # type: ignore[union-attr]
            " ".join(_name(orgs, x) for x in parties.get(pid, ())) or "",
            tuple(sorted({p.session_id for p in here if p.person_id == pid})),
            pid in first_time,
        )
        for pid in people
    ]
    return table_report(
        kind="training",
        title=f"Training report: {training.name}",
        facts=tuple(facts),
        tables=(
            Table(
                "sessions",
                "Sessions",
                ("session", "date", "audience", "attended", "first_time"),
                tuple(sessions),
            ),
            Table(
                "by_party", "Attendance by party", ("session", "party", "attended"), tuple(by_party)
            ),
            Table(
                "by_organisation",
                "Attendance by organisation (as the sheet says)",
                ("session", "organisation", "attended"),
                tuple(by_org),
            ),
            Table(
                "by_audience",
                "Attendance by audience",
                ("session", "audience", "attended"),
                tuple(by_audience),
            ),
            Table(
                "speakers",
                "Speakers",
                ("session", "person_id", "speaker", "speaks_for", "topic"),
                tuple(speakers),
            ),
            Table(
                "participants",
                "Participants",
                ("person_id", "name", "party", "sessions", "first_time"),
                tuple(participants),
            ),
        ),
        notes=(
            "Counts are of persons as the registry resolved them; open ambiguities may "
            "still hide one person counted twice.",
        ),
    )


_NONE = Organization("none", "none")
