"""Training completion: who attended enough sessions to be certified, and who is one short.

Branches and partner schools certify a participant who attended enough of a
training's sessions. A :class:`CompletionRule` says how many: at least ``k``
of the ``n`` sessions, and/or every session it names as required (the
opening module, say). Without either, every session is required.

A participant *completes* when she meets the rule; she is *short* by the
fewest further sessions that would make her complete: ``max(k − attended,
required sessions missed)``, since attending a missed required session also
counts towards ``k``. Those one session short are the ones a branch calls
first. Attendance is counted on the registry's persons (one woman on two
sheets counts once), from participations marked attended as participant.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import attrs

from kppi_core.analysis._words import COUNTED_ONCE, Sheet, Value, _n, document
from kppi_core.errors import InvalidRecord
from kppi_core.i18n import N_, Language, language
from kppi_core.model import Training
from kppi_core.model._checks import to_tuple
from kppi_core.registry import Registry
from kppi_core.render.model import Document

__all__ = [
    "Completion",
    "CompletionRule",
    "Standing",
    "certificates_csv",
    "completion",
    "completion_report",
]


@attrs.frozen
class CompletionRule:
    """What completing ``training_id`` takes: ``at_least`` sessions, and each of ``required``.

    Neither given means every session of the training.
    """

    training_id: str
    at_least: int | None = None
    required: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        if self.at_least is not None and self.at_least < 1:
            raise InvalidRecord(
                f"at_least: must be at least 1, got {self.at_least}", what="CompletionRule"
            )

    def bind(self, training: Training) -> tuple[int, frozenset[str]]:
        """``(k, required)`` for ``training``; :class:`InvalidRecord` when the rule
        names a session the training does not have, or asks more sessions than it has."""
        sessions = [s.id for s in training.sessions]
        unknown = [s for s in self.required if s not in sessions]
        if unknown:
            raise InvalidRecord(
                f"required: {', '.join(unknown)} not a session of {training.id!r}; "
                f"its sessions: {', '.join(sessions) or 'none'}",
                what="CompletionRule",
            )
        if self.at_least is None and not self.required:
            return len(sessions), frozenset(sessions)
        k = self.at_least or 0
        if k > len(sessions):
            raise InvalidRecord(
                f"at_least: {k} sessions asked, {training.id!r} has {len(sessions)}",
                what="CompletionRule",
            )
        return k, frozenset(self.required)

    def describe(self, training: Training, lang: str = "en") -> str:
        """The rule in words, in ``lang``: ``at least 4 of 5 sessions, including day-1``."""
        tr = language(lang)
        k, required = self.bind(training)
        n = len(training.sessions)
        if self.at_least is None and not self.required:
            return tr.nformat(*_ALL, n)
        parts = [tr.nformat(*_AT_LEAST, n, k=k)] if self.at_least else []
        if required:
            named = ", ".join(sorted(required))
            parts.append(tr.format(_INCLUDING if parts else _THE_SESSIONS, sessions=named))
        return ", ".join(parts)


_ALL = _n("the {n} session", "all {n} sessions")
_AT_LEAST = _n("at least {k} of {n} session", "at least {k} of {n} sessions")
_INCLUDING = N_("including {sessions}")
# TRANSLATORS: {sessions}: session ids, such as 'day-1, day-2'.
_THE_SESSIONS = N_("the sessions {sessions}")


@attrs.frozen
class Standing:
    """One participant against the rule: the sessions she attended and how many she lacks."""

    person_id: str
    name: str
    attended: tuple[str, ...]
    short: int
    organisation: str = ""

    @property
    def completed(self) -> bool:
        """Whether she meets the rule (and qualifies for a certificate)."""
        return self.short == 0


@attrs.frozen
class Completion:
    """Every participant of a training against its rule, by person id."""

    training: Training
    rule: CompletionRule
    standings: tuple[Standing, ...]
    #: Session id → person ids who attended it, sorted.
    rosters: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def completed(self) -> tuple[Standing, ...]:
        """Those who meet the rule."""
        return tuple(s for s in self.standings if s.completed)

    @property
    def one_short(self) -> tuple[Standing, ...]:
        """Those one session short of it."""
        return tuple(s for s in self.standings if s.short == 1)


def completion(
    registry: Registry, rule: CompletionRule | None = None, *, lang: str = "en"
) -> Completion:
    """Who completed a training (the rule's; the latest when ``rule`` is None, all
    sessions); a training not found is said in ``lang``."""
    from kppi_core.analysis.training import attended, find_training

    training = find_training(registry, rule.training_id if rule else None, lang)
    rule = rule or CompletionRule(training.id)
    k, required = rule.bind(training)
    orgs = registry.organisation_map()
    by_person: dict[str, set[str]] = {}
    came_from: dict[str, str] = {}
    for p in attended(registry, [training]):
        by_person.setdefault(p.person_id, set()).add(p.session_id)
        if p.organization_id and p.person_id not in came_from:
            org = orgs.get(p.organization_id)
            came_from[p.person_id] = org.name if org else p.organization_id
    order = [s.id for s in training.sessions]
    standings = []
    for pid in sorted(by_person):
        sessions = by_person[pid]
        person = registry.get(pid)
        short = max(k - len(sessions), len(required - sessions))
        standings.append(
            Standing(
                pid,
                person.name if person else pid,
                tuple(s for s in order if s in sessions),
                short,
                came_from.get(pid, ""),
            )
        )
    rosters = tuple(
        (s, tuple(pid for pid in sorted(by_person) if s in by_person[pid])) for s in order
    )
    return Completion(training, rule, tuple(standings), rosters)


_COLUMNS = ("person_id", "name", "organisation", "sessions", "attended", "short")


def _standings(standings: tuple[Standing, ...]) -> Iterator[tuple[Value, ...]]:
    for s in standings:
        yield (s.person_id, s.name, s.organisation, " ".join(s.attended), len(s.attended), s.short)


def _rosters(done: Completion, tr: Language) -> Iterator[Sheet]:
    """A roster per session, to print and sign: its participants, numbered."""
    names = {s.person_id: s for s in done.standings}
    dates = {s.id: s.date for s in done.training.sessions}
    for session, people in done.rosters:
        yield Sheet(
            f"roster:{session}",
            tr.format(N_("Roster: {session} ({date})"), session=session, date=dates[session]),
            ("no", "person_id", "name", "organisation"),
            (
                (i, pid, names[pid].name, names[pid].organisation)
                for i, pid in enumerate(people, start=1)
            ),
        )


def completion_report(done: Completion, *, lang: str = "en") -> Document:
    """The completion of a training as a report in ``lang``: who completed, who
    is one session short, everyone's standing, and a roster per session."""
    tr = language(lang)
    t = done.training
    return document(
        "completion",
        tr.format(N_("Training completion: {name}"), name=t.name),
        (
            ("training", f"{t.name} ({t.id})"),
            ("rule", done.rule.describe(t, tr.code)),
            ("sessions", len(t.sessions)),
            ("participants", len(done.standings)),
            ("completed", len(done.completed)),
            ("one_session_short", len(done.one_short)),
        ),
        (
            Sheet(
                "completed",
                tr.gettext(N_("Completed (qualify for a certificate)")),
                _COLUMNS,
                _standings(done.completed),
            ),
            Sheet(
                "one_short",
                tr.gettext(N_("One session short")),
                _COLUMNS,
                _standings(done.one_short),
            ),
            Sheet(
                "standings",
                tr.gettext(N_("Every participant")),
                _COLUMNS,
                _standings(done.standings),
            ),
            *_rosters(done, tr),
        ),
        (tr.gettext(COUNTED_ONCE),),
        tr,
    )


#: The columns of the certificate list, for a mail merge.
CERTIFICATE_COLUMNS = ("name", "organisation", "training", "sessions_attended", "person_id")


def certificates_csv(done: Completion) -> str:
    """Who qualifies for a certificate, as CSV for a mail merge (UTF-8, a header row).

    Names and organisations as printed; no contact detail, NIK or birth date.
    A cell starting ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'`` so a
    spreadsheet does not run it as a formula (OWASP's rule on CSV injection).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CERTIFICATE_COLUMNS)
    for s in done.completed:
        cells = (s.name, s.organisation, done.training.name, str(len(s.attended)), s.person_id)
        writer.writerow([_safe(c) for c in cells])
    return out.getvalue()


def _safe(cell: str) -> str:
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
