"""Trainings (pembinaan dan pelatihan), who took part, and what follows them.

A :class:`Training` is a Popolo event organised by a caucus branch, with
co-organisers (a city government unit, say) and one or more sessions, each
with its own audience: the seed training's day 1 was for the branch's board,
day 2 was open to women cadres of several parties and women's organisations.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

import attrs

from kppi_core.model import _checks
from kppi_core.model.areas import Area
from kppi_core.model.dates import PartialDate

__all__ = [
    "Audience",
    "FollowUp",
    "FollowUpKind",
    "Participation",
    "ParticipationRole",
    "Speaker",
    "Training",
    "TrainingSession",
]


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


class Audience(enum.StrEnum):
    """Who a session is for. Open: any lowercase code is accepted."""

    BOARD = "board"  # the branch's own pengurus
    PARTY_CADRES = "party_cadres"
    WOMEN_ORGANISATIONS = "women_organisations"
    PUBLIC = "public"


@attrs.frozen(field_transformer=_checks.strict)
class Speaker:
    """A speaker (narasumber) and the organisation she speaks for."""

    person_id: str = attrs.field(validator=_checks.nonblank)
    organization_id: str | None = None
    topic: str | None = None


@attrs.frozen(field_transformer=_checks.strict)
class TrainingSession:
    """One day or sitting of a training."""

    id: str = attrs.field(validator=_checks.nonblank)
    date: datetime.date
    audience: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    topics: tuple[str, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    speakers: tuple[Speaker, ...] = attrs.field(default=(), converter=_checks.to_tuple)

    def __attrs_post_init__(self) -> None:
        for i, code in enumerate(self.audience):
            if not code or not all(p.isalnum() and p.islower() for p in code.split("_")):
                raise _checks.fail(self, f"audience[{i}]", f"{code!r} is not a lowercase code")


@attrs.frozen(field_transformer=_checks.strict)
class Training:
    """A training event: title, organisers, area and sessions (a Popolo event)."""

    id: str = attrs.field(validator=_checks.nonblank)
    name: str = attrs.field(validator=_checks.nonblank)
    organization_id: str = attrs.field(validator=_checks.nonblank)
    co_organizer_ids: tuple[str, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    area: Area | None = None
    sessions: tuple[TrainingSession, ...] = attrs.field(default=(), converter=_checks.to_tuple)
    classification: str = attrs.field(default="training", validator=_checks.code)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for i, session in enumerate(self.sessions):
            if session.id in seen:
                raise _checks.fail(self, f"sessions[{i}].id", f"{session.id!r} appears twice")
            seen.add(session.id)

    @property
    def start_date(self) -> datetime.date | None:
        """The first session's day."""
        return min((s.date for s in self.sessions), default=None)

    @property
    def end_date(self) -> datetime.date | None:
        """The last session's day."""
        return max((s.date for s in self.sessions), default=None)


class ParticipationRole(enum.Enum):
    """How a person took part in a session."""

    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    ORGANISER = "organiser"


@attrs.frozen(field_transformer=_checks.strict)
class Participation:
    """A person at a training session, and whether she attended.

    ``organization_id`` is the party or organisation she came from, as the
    attendance sheet says. ``attended`` is ``None`` when not recorded.
    """

    person_id: str = attrs.field(validator=_checks.nonblank)
    training_id: str = attrs.field(validator=_checks.nonblank)
    session_id: str = attrs.field(validator=_checks.nonblank)
    role: ParticipationRole = ParticipationRole.PARTICIPANT
    attended: bool | None = True
    organization_id: str | None = None


class FollowUpKind(enum.Enum):
    """The follow-ups a branch plans after a training (the seed article's three)."""

    RESTRUCTURING = "restructuring"  # bring every woman cadre back into the board
    CASCADE = "cascade"  # trained cadres pass the material on inside their parties
    SYNERGY = "synergy"  # work with women's organisations


@attrs.frozen(field_transformer=_checks.strict)
class FollowUp:
    """Something a training leads to, with its owner and dates.

    For a cascade: ``cadre_id`` is the trained cadre who passed the material
    on, ``organization_id`` where (her party), ``reached`` how many people.
    """

    id: str = attrs.field(validator=_checks.nonblank)
    training_id: str = attrs.field(validator=_checks.nonblank)
    kind: FollowUpKind
    description: str = ""
    owner_id: str | None = None
    due_date: PartialDate | None = None
    done_date: PartialDate | None = None
    cadre_id: str | None = None
    organization_id: str | None = None
    reached: int | None = attrs.field(default=None, validator=_checks.non_negative)

    def is_overdue(self, today: datetime.date) -> bool:
        """Not done, and the due date has certainly passed."""
        return self.done_date is None and self.due_date is not None and self.due_date.latest < today
