"""board-women-share on a party's central board (UU 7/2017 art. 173(2)(e))."""

from __future__ import annotations

import datetime

from kppi_core import Classification, Gender, Membership, Organization, PartialDate, Person
from kppi_core.quota import Status, Verdict, check_boards

DAY = datetime.date(2023, 5, 1)
PARTY = Organization("partai-x", "Partai X", Classification.PARTY)


def board(women: int, men: int, unknown: int = 0) -> tuple[list[Person], list[Membership]]:
    people, members = [], []
    for i, g in enumerate(
        [Gender.FEMALE] * women + [Gender.MALE] * men + [Gender.UNKNOWN] * unknown
    ):
        people.append(Person(f"p{i}", f"Pengurus {i}", g))
        members.append(Membership(f"p{i}", PARTY.id, "board_member"))
    return people, members


def verdict(women: int, men: int, unknown: int = 0) -> Verdict:
    people, members = board(women, men, unknown)
    (result,) = check_boards([PARTY], members, people, on=DAY)
    return result.verdict


def test_thirty_percent_rounded_up() -> None:
    assert verdict(3, 7) is Verdict.COMPLIANT  # 3 of 10
    assert verdict(3, 8) is Verdict.NONCOMPLIANT  # 3 of 11 needs 4
    assert verdict(4, 7) is Verdict.COMPLIANT
    assert verdict(0, 0) is Verdict.UNDETERMINED  # no board recorded: can't tell


def test_unknown_sex_is_undetermined() -> None:
    assert verdict(3, 7, 1) is Verdict.UNDETERMINED  # 3 of 11; the unknown decides
    assert verdict(1, 9, 1) is Verdict.NONCOMPLIANT  # 1 of 11: even as a woman, short


def test_plain_members_and_ended_terms_are_not_the_board() -> None:
    people, members = board(3, 7)
    ended = Membership(
        "p0",
        PARTY.id,
        "board_member",
        start_date=PartialDate(2015),
        end_date=PartialDate(2019),
        end_reason="term ended",
    )
    ordinary = [Membership(f"m{i}", PARTY.id, "member") for i in range(20)]
    women_left = [m for m in members if m.person_id != "p0"] + [ended] + ordinary
    (result,) = check_boards([PARTY], women_left, people, on=DAY)
    assert result.verdict is Verdict.NONCOMPLIANT  # 2 of 9 now
    finding = result.findings[0]
    assert (finding.rule, finding.status) == ("board-women-share", Status.VIOLATION)
    assert (finding.candidates, finding.women, finding.required) == (9, 2, 3)
    assert finding.legal_source == "UU 7/2017 art. 173(2)(e)"
