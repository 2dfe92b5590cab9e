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
from collections.abc import Iterable, Iterator

import attrs

from kppi_core.analysis._words import COUNTED_ONCE, Said, Sheet, Value, document, nothing, word
from kppi_core.i18n import N_, Language, language
from kppi_core.model import (
    Audience,
    Classification,
    Organization,
    Participation,
    ParticipationRole,
    Training,
)
from kppi_core.registry import Registry
from kppi_core.render.model import Document

__all__ = [
    "AUDIENCES",
    "attended",
    "audience_of",
    "find_training",
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


#: Who a session is for, or who a participant is (model.Audience values), in words.
AUDIENCES = {
    "board": N_("board"),
    "party_cadres": N_("party cadres"),
    "women_organisations": N_("women's organisations"),
    "public": N_("public"),
}
_NOT_STATED = N_("(not stated)")
_NO_PARTY = N_("(no party)")


def _audiences(codes: Iterable[str], tr: Language) -> Said:
    """Audience codes for scripts, their words for a reader."""
    found = tuple(codes)
    return Said(found, ", ".join(word(AUDIENCES, c, tr).words for c in found))


def _name(orgs: dict[str, Organization], oid: str | None, tr: Language) -> Value:
    if oid is None:
        return Said("(not stated)", tr.gettext(_NOT_STATED))
    org = orgs.get(oid)
    return org.name if org else oid


def find_training(registry: Registry, training_id: str | None = None, lang: str = "en") -> Training:
    """The training ``training_id`` (the latest when None); :class:`NotFound`, said
    in ``lang``, when there is none."""
    from kppi_core.errors import NotFound

    tr = language(lang)
    everything = trainings_of(registry)
    if not everything:
        raise NotFound(tr.gettext(N_("no training in the data")))
    if training_id is None:
        return everything[-1]
    for t in everything:
        if t.id == training_id:
            return t
    known = ", ".join(t.id for t in everything)
    raise NotFound(
        tr.format(N_("no training {training!r}; known: {known}"), training=training_id, known=known)
    )


@attrs.frozen
class _Seen:
    """What a training report is made of: the training, who attended it, who
    had attended an earlier one of its branch, and what is known of them."""

    registry: Registry
    training: Training
    orgs: dict[str, Organization]
    board: set[str]
    parties: dict[str, tuple[str, ...]]
    earlier: list[Training]
    before: set[str]
    here: list[Participation]
    tr: Language

    @property
    def people(self) -> list[str]:
        """Every participant's person id, sorted."""
        return sorted({p.person_id for p in self.here})

    def at(self, session_id: str) -> dict[str, Participation]:
        """A session's participants, by person id (one participation each)."""
        rows = sorted((p for p in self.here if p.session_id == session_id), key=_person)
        return {p.person_id: p for p in rows}


def _person(p: Participation) -> str:
    return p.person_id


def _seen(registry: Registry, training: Training, tr: Language) -> _Seen:
    start = training.start_date
    earlier = [
        t
        for t in trainings_of(registry, training.organization_id)
        if t.id != training.id and t.end_date and start and t.end_date < start
    ]
    return _Seen(
        registry,
        training,
        registry.organisation_map(),
        _board(registry, training.organization_id, start),
        party_of(registry, start),
        earlier,
        {p.person_id for p in attended(registry, earlier)},
        attended(registry, [training]),
        tr,
    )


def _facts(seen: _Seen) -> list[tuple[str, Value]]:
    t, tr = seen.training, seen.tr
    partners = [str(_name(seen.orgs, o, tr)) for o in t.co_organizer_ids]
    people = seen.people
    first_time = [pid for pid in people if pid not in seen.before]
    iso = f"{t.start_date} – {t.end_date}"
    dates: Value = iso
    if t.start_date and t.end_date:
        shown = tr.date(t.start_date)
        if t.end_date != t.start_date:
            shown = f"{shown} – {tr.date(t.end_date)}"
        dates = Said(iso, shown)
    return [
        ("training", f"{t.name} ({t.id})"),
        ("organised_by", _name(seen.orgs, t.organization_id, tr)),
        ("co_organised_by", ", ".join(partners) or nothing(tr)),
        ("dates", dates),
        ("sessions", len(t.sessions)),
        ("participants", len(people)),
        ("first_time", len(first_time)),
        ("returning", len(people) - len(first_time)),
        ("earlier_trainings", len(seen.earlier)),
    ]


def _sessions(seen: _Seen) -> Iterator[tuple[Value, ...]]:
    for s in seen.training.sessions:
        here = seen.at(s.id)
        new = sum(1 for pid in here if pid not in seen.before)
        yield (s.id, s.date, _audiences(s.audience, seen.tr), len(here), new)


def _by_party(seen: _Seen) -> Iterator[tuple[Value, ...]]:
    # For scripts (and the workbook) the stable "(none)" of every cadre report; words for a reader.
    no_party = Said("(none)", seen.tr.gettext(_NO_PARTY))
    for s in seen.training.sessions:
        count: Counter[str] = Counter()
        for pid, p in seen.at(s.id).items():
            came = seen.orgs.get(p.organization_id or "", _NONE)
            held = seen.parties.get(pid) or (
                (came.id,) if p.organization_id and came.classification in _PARTISAN else ()
            )
            for party in held:
                count[str(_name(seen.orgs, party, seen.tr))] += 1
            if not held:
                count["(no party)"] += 1
        for name, n in sorted(count.items()):
            yield (s.id, no_party if name == "(no party)" else name, n)


def _by_organisation(seen: _Seen) -> Iterator[tuple[Value, ...]]:
    for s in seen.training.sessions:
        count: Counter[str] = Counter()
        shown: dict[str, Value] = {}
        for p in seen.at(s.id).values():
            name = _name(seen.orgs, p.organization_id, seen.tr)
            key = name.data if isinstance(name, Said) else name
            shown[str(key)] = name
            count[str(key)] += 1
        yield from ((s.id, shown[k], v) for k, v in sorted(count.items()))


def _by_audience(seen: _Seen) -> Iterator[tuple[Value, ...]]:
    for s in seen.training.sessions:
        found = seen.at(s.id).values()
        count = Counter(audience_of(p, seen.orgs, seen.board, seen.parties) for p in found)
        for code, n in sorted(count.items()):
            yield (s.id, word(AUDIENCES, code, seen.tr), n)


def _speakers(seen: _Seen) -> Iterator[tuple[Value, ...]]:
    for s in seen.training.sessions:
        for sp in s.speakers:
            person = seen.registry.get(sp.person_id)
            name = person.name if person else sp.person_id
            speaks_for = _name(seen.orgs, sp.organization_id, seen.tr)
            yield (s.id, sp.person_id, name, speaks_for, sp.topic or "")


def _participants(seen: _Seen) -> Iterator[tuple[Value, ...]]:
    for pid in seen.people:
        person = seen.registry.get(pid)
        parties = " ".join(str(_name(seen.orgs, x, seen.tr)) for x in seen.parties.get(pid, ()))
        sessions = tuple(sorted({p.session_id for p in seen.here if p.person_id == pid}))
        yield (pid, person.name if person else pid, parties, sessions, pid not in seen.before)


def training_report(
    registry: Registry, training_id: str | None = None, *, lang: str = "en"
) -> Document:
    """The report of one training (the latest when ``training_id`` is None), in ``lang``."""
    tr = language(lang)
    training = find_training(registry, training_id, tr.code)
    seen = _seen(registry, training, tr)
    session = ("session", "date", "audience", "attended", "first_time")
    return document(
        "training",
        tr.format(N_("Training report: {name}"), name=training.name),
        _facts(seen),
        (
            Sheet("sessions", tr.gettext(N_("Sessions")), session, _sessions(seen)),
            Sheet(
                "by_party",
                tr.gettext(N_("Attendance by party")),
                ("session", "party", "attended"),
                _by_party(seen),
            ),
            Sheet(
                "by_organisation",
                tr.gettext(N_("Attendance by organisation (as the sheet says)")),
                ("session", "organisation", "attended"),
                _by_organisation(seen),
            ),
            Sheet(
                "by_audience",
                tr.gettext(N_("Attendance by audience")),
                ("session", "audience", "attended"),
                _by_audience(seen),
            ),
            Sheet(
                "speakers",
                tr.gettext(N_("Speakers")),
                ("session", "person_id", "speaker", "speaks_for", "topic"),
                _speakers(seen),
            ),
            Sheet(
                "participants",
                tr.gettext(N_("Participants")),
                ("person_id", "name", "party", "sessions", "first_time"),
                _participants(seen),
            ),
        ),
        (tr.gettext(COUNTED_ONCE),),
        tr,
    )


_NONE = Organization("none", "none")
