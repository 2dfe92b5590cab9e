"""Training report, outreach, follow-ups and the funnel: worked cases and properties."""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.analysis import (
    follow_up_report,
    funnel,
    funnel_report,
    outreach_report,
    status,
    training_report,
)
from kppi_core.model import (
    Candidacy,
    Capacity,
    Chamber,
    ContactDetail,
    Election,
    FollowUp,
    FollowUpKind,
    Gender,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Participation,
    Person,
    Speaker,
    Training,
    TrainingSession,
)
from kppi_core.registry import Registry, build_registry
from kppi_core.render import render
from kppi_core.render.registry import registry_document

KEY = b"k"
D1, D2 = datetime.date(2025, 6, 14), datetime.date(2025, 6, 15)
ORGS = [
    Organization("branch", "KPPI Kota", "caucus_branch"),
    Organization("pkb", "PKB", "party"),
    Organization("ppp", "PPP", "party"),
    Organization("forum", "Forum Perempuan", "women_organisation"),
    Organization("uni", "FISIP", "university"),
]
TRAINING = Training(
    "t2025",
    "Pelatihan",
    "branch",
    co_organizer_ids=["uni"],
    sessions=[
        TrainingSession("d1", D1, audience=["board"], speakers=[Speaker("spk", "uni", "strategi")]),
        TrainingSession("d2", D2, audience=["party_cadres"]),
    ],
)
EARLIER = Training(
    "t2023", "Dulu", "branch", sessions=[TrainingSession("d1", datetime.date(2023, 1, 5))]
)


def world() -> Registry:
    people = [
        Person("chair", "Ketua", Gender.FEMALE),
        Person("a", "Ani", Gender.FEMALE),
        Person("b", "Bunga", Gender.FEMALE),
        Person("c", "Citra", Gender.FEMALE),
        Person("d", "Dewi", Gender.FEMALE),
        Person("spk", "Dr. Speaker", Gender.MALE),
        Person("m", "Man", Gender.MALE),
    ]
    members = [
        Membership("chair", "branch", "chair", capacity=Capacity.ACTING),
        Membership("chair", "pkb"),
        Membership("a", "pkb"),
        Membership("b", "pkb"),
        Membership("c", "ppp"),
        Membership("d", "ppp"),
        Membership("m", "pkb"),
    ]
    parts = [
        Participation("chair", "t2025", "d1", organization_id="branch"),
        Participation("chair", "t2025", "d2", organization_id="branch"),
        Participation("a", "t2025", "d2", organization_id="pkb"),
        Participation("c", "t2025", "d2", organization_id="ppp"),
        Participation("a", "t2023", "d1", organization_id="pkb"),
        Participation("d", "t2025", "d2", attended=False),
    ]
    follow = [
        FollowUp(
            "f1",
            "t2025",
            FollowUpKind.CASCADE,
            cadre_id="a",
            organization_id="pkb",
            due_date=PartialDate(2025, 8),
            done_date=PartialDate(2025, 8, 9),
            reached=20,
        ),
        FollowUp(
            "f2",
            "t2025",
            FollowUpKind.CASCADE,
            cadre_id="c",
            organization_id="ppp",
            due_date=PartialDate(2025, 9, 30),
        ),
        FollowUp(
            "f3",
            "t2025",
            FollowUpKind.SYNERGY,
            organization_id="forum",
            done_date=PartialDate(2025, 10),
        ),
    ]
    cands = [
        Candidacy("Ani", Gender.FEMALE, "PKB", "E2029", "D1", 1, person_id="a", elected=True),
        Candidacy("Citra", Gender.FEMALE, "PPP", "E2029", "D1", 5, person_id="c", elected=True),
        Candidacy("Ketua", Gender.FEMALE, "PKB", "E2029", "D2", 2, person_id="chair"),
        Candidacy("Citra", Gender.FEMALE, "PPP", "E2024", "D1", 4, person_id="c"),
        Candidacy("Bunga", Gender.FEMALE, "PKB", "E2029", "D2", 1, person_id="b"),
    ]
    elections = [Election("E2029", Chamber.DPRD_REGENCY, datetime.date(2029, 2, 14))]
    records: list[Any] = [
        *ORGS,
        *people,
        *members,
        TRAINING,
        EARLIER,
        *parts,
        *follow,
        *cands,
        *elections,
    ]
    return build_registry([("w", records)], key=KEY)


def test_training_report_counts_sessions_parties_audiences_and_returning() -> None:
    report = training_report(world(), "t2025")
    facts = dict(report.facts)
    assert facts["participants"] == 3  # d did not attend
    assert facts["returning"] == 1 and facts["first_time"] == 2  # a came in 2023
    tables = {t.name: t for t in report.tables}
    assert ("d2", "PKB", 2) in tables["by_party"].rows
    assert ("d2", "board", 1) in tables["by_audience"].rows
    assert ("d2", "party_cadres", 2) in tables["by_audience"].rows
    assert tables["speakers"].rows == (("d1", "spk", "Dr. Speaker", "FISIP", "strategi"),)


def test_outreach_lists_women_cadres_never_reached_by_party() -> None:
    report = outreach_report(world(), "branch", today=datetime.date(2025, 11, 1))
    tables = {t.name: t for t in report.tables}
    assert [r[1] for r in tables["outreach"].rows] == ["b", "d"]  # not the man, not the chair
    assert tables["board"].rows[0][:4] == ("chair", "Ketua", "chair", "acting")
    assert dict(report.facts)["share_reached"] == Fraction(3, 5)


def test_follow_ups_cascade_synergy_and_status() -> None:
    report = follow_up_report(world(), "branch", today=datetime.date(2025, 11, 1))
    facts = dict(report.facts)
    assert facts["reached_by_cascades"] == 20
    assert facts["parties_with_no_cascade_yet"] == "PPP"
    assert facts["share_of_trainings_co_organised"] == Fraction(1, 2)
    assert facts["partner_womens_organisations"] == 1
    assert facts["follow_ups"] == "done 2, overdue 1"


def test_status_against_the_due_date() -> None:
    f = FollowUp("x", "t", FollowUpKind.CASCADE, due_date=PartialDate(2025, 9))
    assert status(f, datetime.date(2025, 9, 30)) == "open"  # still September
    assert status(f, datetime.date(2025, 10, 1)) == "overdue"
    assert (
        status(FollowUp("y", "t", FollowUpKind.CASCADE), datetime.date(2030, 1, 1)) == "no due date"
    )


def test_funnel_worked_case() -> None:
    f = funnel(world(), "E2029")
    assert f.trained == {"chair", "a", "c"}  # b never attended
    assert f.candidates == {"chair", "a", "c"}
    assert f.first_block == {"chair", "a"}
    assert f.elected == {"a", "c"}  # open list: c was elected from position 5
    assert f.first_time == {"chair", "a"}  # c stood in 2024
    facts = dict(funnel_report(world(), "E2029").facts)
    assert facts["elected_per_candidate"] == Fraction(2, 3)


# ----------------------------------------------------------------- properties


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Any], list[str]]:
    n = draw(st.integers(1, 12))
    records: list[Any] = [*ORGS, TRAINING, EARLIER]
    secrets: list[str] = []
    for i in range(n):
        born = draw(st.dates(datetime.date(1960, 1, 1), datetime.date(2000, 12, 31)))
        female = draw(st.booleans())
        nik = Nik(
            f"367301{born.day + (40 if female else 0):02d}{born.month:02d}"
            f"{born.year % 100:02d}{1000 + i:04d}"
        )
        phone = f"0812{i:08d}"
        secrets += [nik.reveal(), born.isoformat(), phone]
        pid = f"p{i}"
        records.append(
            Person(
                pid,
                f"Kader {i}",
                Gender.FEMALE if female else Gender.MALE,
                PartialDate.from_date(born),
                nik,
                contact_details=[ContactDetail("phone", phone)],
            )
        )
        records.append(Membership(pid, draw(st.sampled_from(["pkb", "ppp"]))))
        for session in draw(st.sets(st.sampled_from(["d1", "d2"]))):
            records.append(Participation(pid, "t2025", session, attended=draw(st.booleans())))
        for election in draw(st.sets(st.sampled_from(["E2024", "E2029"]))):
            records.append(
                Candidacy(
                    f"Kader {i}",
                    Gender.FEMALE,
                    draw(st.sampled_from(["PKB", "PPP"])),
                    election,
                    draw(st.sampled_from(["D1", "D2"])),
                    draw(st.integers(1, 8)),
                    person_id=pid,
                    elected=draw(st.sampled_from([None, True, False])),
                )
            )
    records.append(Election("E2029", Chamber.DPRD_REGENCY, datetime.date(2029, 2, 14)))
    return records, secrets


@settings(max_examples=100, deadline=None)
@given(worlds())
def test_funnel_counts_never_grow_down_the_funnel(w: tuple[list[Any], list[str]]) -> None:
    registry = build_registry([("w", w[0])], key=KEY)
    if not any(e.record.election_id == "E2029" for e in registry.candidacies):
        return
    f = funnel(registry, "E2029")
    assert f.elected <= f.candidates <= f.trained
    assert f.first_block <= f.candidates
    assert f.first_time <= f.candidates
    assert len(f.elected) <= len(f.candidates) <= len(f.trained)


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_no_personal_data_in_clear_in_any_report(w: tuple[list[Any], list[str]]) -> None:
    registry = build_registry([("w", w[0])], key=KEY)
    today = datetime.date(2025, 11, 1)
    reports = [
        registry_document(registry),
        training_report(registry, "t2025"),
        outreach_report(registry, "branch", today=today),
        follow_up_report(registry, "branch", today=today),
    ]
    if any(e.record.election_id == "E2029" for e in registry.candidacies):
        reports.append(funnel_report(registry, "E2029"))
    for report in reports:
        for fmt in ("text", "json", "csv", "markdown"):
            out = render(report, fmt)
            for secret in w[1]:
                assert secret not in out, (report.kind, fmt)
