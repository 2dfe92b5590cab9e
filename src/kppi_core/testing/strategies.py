"""Hypothesis strategies for every public model type.

They build consistent objects: a woman's NIK carries day + 40 and her declared
gender matches it; a person's birth date is the one her NIK encodes; end dates
never come before start dates; list positions are unique.

>>> from hypothesis import given
>>> from kppi_core.testing import strategies as kst
>>> @given(kst.persons())
... def test_name_is_kept(person): ...
"""

from __future__ import annotations

import datetime
import string

from hypothesis import strategies as st

from kppi_core.model import (
    Area,
    Audience,
    Candidacy,
    CandidateList,
    Capacity,
    Chamber,
    Classification,
    ContactDetail,
    District,
    Election,
    FollowUp,
    FollowUpKind,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Participation,
    ParticipationRole,
    Person,
    Post,
    Role,
    Speaker,
    Training,
    TrainingSession,
)

__all__ = [
    "areas",
    "candidacies",
    "candidate_lists",
    "contact_details",
    "districts",
    "elections",
    "follow_ups",
    "genders",
    "identifiers",
    "memberships",
    "niks",
    "organisations",
    "partial_dates",
    "participations",
    "persons",
    "posts",
    "speakers",
    "training_sessions",
    "trainings",
]

# Regions python-stdnum's table knows, with the names kppi_core's Area accepts.
_AREAS = (
    ("36", "Banten"),
    ("36.73", "Kota Serang"),
    ("36.04", "Kabupaten Serang"),
    ("36.72", "Kota Cilegon"),
    ("31", "DKI Jakarta"),
    ("32", "Jawa Barat"),
    ("11", "Aceh"),
)
_NIK_REGIONS = ("3673", "3604", "3672", "3171", "3273", "1101", "3201")

_ids = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12).filter(
    lambda s: s.strip("-") != ""
)
_names = st.text(string.ascii_letters + " .,'", min_size=1, max_size=30).filter(
    lambda s: s.strip() != ""
)
_codes = st.sampled_from([c.value for c in Classification])
_days = st.dates(datetime.date(1940, 1, 1), datetime.date(2030, 12, 31))


def genders() -> st.SearchStrategy[Gender]:
    """Any declared gender, unknown included."""
    return st.sampled_from(Gender)


def partial_dates(
    min_value: datetime.date = datetime.date(1900, 1, 1),
    max_value: datetime.date = datetime.date(2100, 12, 31),
) -> st.SearchStrategy[PartialDate]:
    """Partial dates of every precision whose days fall in the range."""

    def cut(day: datetime.date, precision: int) -> PartialDate:
        if precision == 0:
            return PartialDate(day.year)
        if precision == 1:
            return PartialDate(day.year, day.month)
        return PartialDate.from_date(day)

    return st.builds(cut, st.dates(min_value, max_value), st.integers(0, 2))


def _nik_digits(region: str, district: int, born: datetime.date, woman: bool, serial: int) -> str:
    day = born.day + 40 if woman else born.day
    return f"{region}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


@st.composite
def niks(draw: st.DrawFn, gender: Gender | None = None, born: datetime.date | None = None) -> Nik:
    """Valid NIKs; ``gender`` and ``born`` fix the sex and birth date they encode."""
    if gender is None or gender is Gender.UNKNOWN:
        gender = draw(st.sampled_from((Gender.FEMALE, Gender.MALE)))
    if born is None:
        born = draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2006, 12, 31)))
    digits = _nik_digits(
        draw(st.sampled_from(_NIK_REGIONS)),
        draw(st.integers(1, 40)),
        born,
        gender is Gender.FEMALE,
        draw(st.integers(1, 9999)),
    )
    return Nik(digits)


def areas() -> st.SearchStrategy[Area]:
    """Provinces, regencies and cities python-stdnum knows."""
    return st.sampled_from([Area.from_code(code, name) for code, name in _AREAS])


def identifiers() -> st.SearchStrategy[Identifier]:
    """Identifiers in a few schemes (KTA numbers, source ids)."""
    return st.builds(
        Identifier,
        st.sampled_from(("kta:pkb", "kta:pdip", "kpu", "everypolitician_legacy")),
        st.text(string.digits, min_size=1, max_size=10),
    )


def contact_details() -> st.SearchStrategy[ContactDetail]:
    """Phones, emails and addresses."""
    return st.builds(
        ContactDetail,
        st.sampled_from(("phone", "email", "address")),
        st.text(string.ascii_letters + string.digits + "@.+ ", min_size=1).filter(str.strip),
        st.none() | st.just("home"),
    )


@st.composite
def persons(draw: st.DrawFn, with_nik: bool | None = None) -> Person:
    """People whose gender, NIK and birth date agree.

    ``with_nik=True`` always gives a NIK, ``False`` never, ``None`` sometimes.
    """
    gender = draw(genders())
    has_nik = draw(st.booleans()) if with_nik is None else with_nik
    nik = draw(niks(gender)) if has_nik else None
    if nik is not None:
        birth: PartialDate | None = PartialDate.from_date(nik.birth_date())
    else:
        adult = partial_dates(datetime.date(1940, 1, 1), datetime.date(2006, 12, 31))
        birth = draw(st.none() | adult)
    return Person(
        id=draw(_ids),
        name=draw(_names),
        gender=gender,
        birth_date=birth,
        nik=nik,
        identifiers=draw(st.lists(identifiers(), max_size=2)),
        contact_details=draw(st.lists(contact_details(), max_size=2)),
        other_names=draw(st.lists(_names, max_size=1)),
    )


@st.composite
def _period(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None]:
    start = draw(st.none() | partial_dates(datetime.date(1990, 1, 1), datetime.date(2030, 1, 1)))
    if draw(st.booleans()):
        return start, None
    floor = start.latest if start is not None else datetime.date(1990, 1, 1)
    end = draw(partial_dates(floor, datetime.date(2040, 12, 31)))
    return start, end


@st.composite
def organisations(draw: st.DrawFn) -> Organization:
    """Organisations of every classification."""
    oid = draw(_ids)
    founded, dissolved = draw(_period())
    parent = draw(st.none() | _ids.filter(lambda p: p != oid))
    return Organization(
        id=oid,
        name=draw(_names),
        classification=draw(_codes),
        parent_id=parent,
        area=draw(st.none() | areas()),
        identifiers=draw(st.lists(identifiers(), max_size=2)),
        other_names=draw(st.lists(_names, max_size=2)),
        founding_date=founded,
        dissolution_date=dissolved,
    )


def posts() -> st.SearchStrategy[Post]:
    """Posts on boards."""
    return st.builds(
        Post,
        id=_ids,
        organization_id=_ids,
        role=st.sampled_from([r.value for r in Role]),
        label=st.none() | _names,
        holders=st.integers(1, 5),
    )


@st.composite
def memberships(draw: st.DrawFn) -> Membership:
    """Memberships whose end never precedes their start."""
    start, end = draw(_period())
    return Membership(
        person_id=draw(_ids),
        organization_id=draw(_ids),
        role=draw(st.sampled_from([r.value for r in Role])),
        id=draw(st.none() | _ids),
        post_id=draw(st.none() | _ids),
        capacity=draw(st.sampled_from(Capacity)),
        label=draw(st.none() | _names),
        start_date=start,
        end_date=end,
        end_reason=draw(st.none() | st.just("resigned")) if end is not None else None,
    )


def speakers() -> st.SearchStrategy[Speaker]:
    """Speakers and whom they speak for."""
    return st.builds(Speaker, _ids, st.none() | _ids, st.none() | _names)


def training_sessions() -> st.SearchStrategy[TrainingSession]:
    """Sessions with audiences, topics and speakers."""
    return st.builds(
        TrainingSession,
        id=_ids,
        date=_days,
        audience=st.lists(st.sampled_from([a.value for a in Audience]), max_size=3, unique=True),
        topics=st.lists(_names, max_size=3),
        speakers=st.lists(speakers(), max_size=2),
    )


@st.composite
def trainings(draw: st.DrawFn) -> Training:
    """Trainings with uniquely named sessions."""
    sessions = draw(st.lists(training_sessions(), max_size=3, unique_by=lambda s: s.id))
    return Training(
        id=draw(_ids),
        name=draw(_names),
        organization_id=draw(_ids),
        co_organizer_ids=draw(st.lists(_ids, max_size=2)),
        area=draw(st.none() | areas()),
        sessions=sessions,
    )


def participations() -> st.SearchStrategy[Participation]:
    """Attendance records."""
    return st.builds(
        Participation,
        person_id=_ids,
        training_id=_ids,
        session_id=_ids,
        role=st.sampled_from(ParticipationRole),
        attended=st.none() | st.booleans(),
        organization_id=st.none() | _ids,
    )


@st.composite
def follow_ups(draw: st.DrawFn) -> FollowUp:
    """Follow-ups of every kind; cascades carry who, where and how many."""
    kind = draw(st.sampled_from(FollowUpKind))
    due, done = draw(_period())
    cascade = kind is FollowUpKind.CASCADE
    return FollowUp(
        id=draw(_ids),
        training_id=draw(_ids),
        kind=kind,
        description=draw(st.just("") | _names),
        owner_id=draw(st.none() | _ids),
        due_date=due,
        done_date=done,
        cadre_id=draw(_ids) if cascade else None,
        organization_id=draw(_ids) if cascade else None,
        reached=draw(st.integers(0, 500)) if cascade else None,
    )


def elections() -> st.SearchStrategy[Election]:
    """Elections of every chamber."""
    return st.builds(
        Election,
        id=_ids,
        chamber=st.sampled_from(Chamber),
        date=st.none() | _days,
        area=st.none() | areas(),
        name=st.none() | _names,
    )


def districts() -> st.SearchStrategy[District]:
    """Electoral districts of 3 to 12 seats."""
    return st.builds(
        District,
        id=_ids,
        election_id=_ids,
        seats=st.integers(3, 12),
        name=st.none() | _names,
        area=st.none() | areas(),
    )


_PARTIES = ("PKB", "Gerindra", "PDI-P", "Golkar", "NasDem", "PKS", "PAN", "PPP", "Demokrat")


def candidacies(
    *,
    party: str | None = None,
    election_id: str | None = None,
    district_id: str | None = None,
    list_position: int | None = None,
) -> st.SearchStrategy[Candidacy]:
    """Candidacies; fix the list's key or position through the arguments."""
    return st.builds(
        Candidacy,
        name=_names,
        gender=genders(),
        party=st.just(party) if party else st.sampled_from(_PARTIES),
        election_id=st.just(election_id) if election_id else _ids,
        district_id=st.just(district_id) if district_id else _ids,
        list_position=st.just(list_position) if list_position else st.integers(1, 12),
        votes=st.none() | st.integers(0, 100_000),
        elected=st.none() | st.booleans(),
    )


@st.composite
def candidate_lists(
    draw: st.DrawFn,
    *,
    min_size: int = 0,
    max_size: int = 12,
    gender: st.SearchStrategy[Gender] | None = None,
) -> CandidateList:
    """Lists numbered 1..n, one party in one district; ``gender`` draws each sex."""
    party = draw(st.sampled_from(_PARTIES))
    election_id = draw(_ids)
    district_id = draw(_ids)
    n = draw(st.integers(min_size, max_size))
    sexes = gender if gender is not None else genders()
    members = [
        Candidacy(
            name=draw(_names),
            gender=draw(sexes),
            party=party,
            election_id=election_id,
            district_id=district_id,
            list_position=i,
            votes=draw(st.none() | st.integers(0, 100_000)),
        )
        for i in range(1, n + 1)
    ]
    seats = draw(st.none() | st.integers(max(n, 1), 12))
    return CandidateList(election_id, district_id, party, members, seats)
