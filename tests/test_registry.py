"""The registry: identity resolution, its properties, and each flag on a worked case."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.model import (
    Candidacy,
    Chamber,
    Election,
    Gender,
    Identifier,
    Membership,
    Nik,
    Organization,
    PartialDate,
    Person,
)
from kppi_core.names import name_key
from kppi_core.registry import (
    Decision,
    FlagKind,
    KeyMismatch,
    Registry,
    build_registry,
    dump_decisions,
    dump_registry,
    read_decisions,
    registry_records,
)
from kppi_core.registry.fingerprints import nik_fingerprint
from kppi_core.rejections import Rejection
from kppi_core.sources import Located

KEY = b"test-key"


def nik(born: datetime.date, female: bool, serial: int = 1) -> Nik:
    day = born.day + (40 if female else 0)
    return Nik(f"367301{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}")


PARTIES = [Organization("pkb", "PKB", "party"), Organization("ppp", "PPP", "party")]


def summary(r: Registry) -> tuple[Any, ...]:
    return (
        tuple((p.id, p.name, p.records, p.old_ids, p.person) for p in r.persons),
        r.ambiguities,
        r.flags,
        r.merges,
        dict(r.redirects),
        r.memberships,
        r.candidacies,
    )


# ----------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("Hj. RINI  Mulyati, S.Pd., M.Si.", "rini mulyati"),
        ("H. IRFAN RAMDANI, S.H.I., M.Pd.", "irfan ramdani"),
        ("Dr. Ir. Siti Aminah M.Si", "siti aminah"),
        ("Dra. Siti Ma'rifah", "siti marifah"),
        ("Drs. H. Ahmad, S.E., M.M.", "ahmad"),
        ("Prof. Dr. Hj. Nur Aini, S.H., S.Ag.", "nur aini"),
        ("Hj.Rini Mulyati", "rini mulyati"),
        ("siti aminah", "siti aminah"),
        ("H", "h"),
    ],
)
def test_name_key_sets_titles_aside(printed: str, key: str) -> None:
    assert name_key(printed) == key


# ----------------------------------------------------------------- worked cases


def build(*sources: tuple[str, list[Any]], decisions: list[Decision] | None = None) -> Registry:
    return build_registry(sources, key=KEY, decisions=decisions or ())


def test_same_nik_is_one_person_and_the_old_id_redirects() -> None:
    born = datetime.date(1980, 5, 17)
    a = Person("pkb/kta/1", "Siti Aminah", Gender.FEMALE, nik=nik(born, True))
    b = Person("ppp/kta/9", "Siti Aminah Zahra", Gender.FEMALE, nik=nik(born, True))
    r = build(("a.csv", [a]), ("b.csv", [b]))
    assert [p.id for p in r.persons] == ["pkb/kta/1"]
    assert r.redirects == {"ppp/kta/9": "pkb/kta/1"}
    assert r.person("ppp/kta/9").id == "pkb/kta/1"
    assert [m.rule for m in r.merges] == ["nik"]
    assert len(r.persons[0].records) == 2  # every source record is kept
    assert r.persons[0].person.nik is None  # the NIK only as a fingerprint
    assert nik_fingerprint(KEY, nik(born, True).reveal()) in {
        i.identifier for i in r.persons[0].person.identifiers
    }


def test_same_kta_within_one_party_only() -> None:
    a = Person("x/1", "Rina", Gender.FEMALE, identifiers=[Identifier("kta:pkb", "77")])
    b = Person("y/1", "Rina Wati", Gender.FEMALE, identifiers=[Identifier("kta:pkb", "77")])
    c = Person("z/1", "Rina", Gender.FEMALE, identifiers=[Identifier("kta:ppp", "77")])
    r = build(("a", [a]), ("b", [b]), ("c", [c]))
    assert {p.id for p in r.persons} == {"x/1", "z/1"}
    assert r.merges[0].rule == "identifier" and r.merges[0].scheme == "kta:pkb"
    # x/1 and z/1 share a name without a birth date: a question, not a merge
    assert [(a.a, a.b) for a in r.ambiguities] == [("x/1", "z/1")]


def test_name_and_birth_date_merge_titles_aside() -> None:
    a = Person("a/1", "Hj. Siti Aminah, S.Pd.", birth_date=PartialDate.parse("1980-05-17"))
    b = Person("b/1", "SITI AMINAH", birth_date=PartialDate.parse("1980-05-17"))
    r = build(("a", [a]), ("b", [b]))
    assert len(r.persons) == 1
    assert r.persons[0].name == "Hj. Siti Aminah, S.Pd."  # the printed name is kept
    assert r.persons[0].person.other_names == ("SITI AMINAH",)
    assert r.merges[0].rule == "name+birth_date"


def test_name_without_birth_date_is_an_ambiguity_never_a_merge() -> None:
    a = Person("a/1", "Siti Aminah", Gender.FEMALE, PartialDate.parse("1980-05-17"))
    b = Person("b/1", "Siti Aminah", Gender.FEMALE)
    r = build(("a", [a]), ("b", [b]))
    assert len(r.persons) == 2
    (amb,) = r.ambiguities
    assert "no full birth date on one side" in amb.reasons


def test_same_name_different_birth_dates_are_two_people() -> None:
    a = Person("a/1", "Siti Aminah", birth_date=PartialDate.parse("1980-05-17"))
    b = Person("b/1", "Siti Aminah", birth_date=PartialDate.parse("1981-05-17"))
    r = build(("a", [a]), ("b", [b]))
    assert len(r.persons) == 2 and not r.ambiguities and not r.merges


def test_conflicting_evidence_on_a_shared_identifier_is_an_ambiguity() -> None:
    born = datetime.date(1980, 5, 17)
    a = Person("pkb/kta/1", "Siti", Gender.FEMALE, nik=nik(born, True, 1))
    b = Person("pkb/kta/1", "Siti", Gender.FEMALE, nik=nik(born, True, 2))
    r = build(("a", [a]), ("b", [b]))
    assert len(r.persons) == 2
    (amb,) = r.ambiguities
    assert amb.reasons[0] == "the same source id" and amb.reasons[-1] == "different NIKs"


def test_different_genders_block_a_merge() -> None:
    bd = PartialDate.parse("1980-05-17")
    a = Person("a/1", "Nur Aini", Gender.FEMALE, bd)
    b = Person("b/1", "Nur Aini", Gender.MALE, bd)
    r = build(("a", [a]), ("b", [b]))
    assert len(r.persons) == 2
    assert "different declared genders" in r.ambiguities[0].reasons


def test_decisions_accept_and_reject_and_survive_a_reimport(tmp_path: Path) -> None:
    a = Person("a/1", "Siti Aminah", Gender.FEMALE, PartialDate.parse("1980-05-17"))
    b = Person("b/1", "Siti Aminah", Gender.FEMALE)
    c = Person("c/1", "Siti Aminah")  # gender not stated: another fingerprint than b
    r = build(("a", [Located(a, 2)]), ("b", [Located(b, 2)]), ("c", [Located(c, 5)]))
    assert len(r.ambiguities) == 3
    ab = next(x for x in r.ambiguities if {x.a, x.b} == {"a/1", "b/1"})
    ac = next(x for x in r.ambiguities if {x.a, x.b} == {"a/1", "c/1"})
    file = tmp_path / "decisions.json"
    file.write_text(
        dump_decisions(
            [Decision(ab.a_record, ab.b_record, True), Decision(ac.a_record, ac.b_record, False)]
        )
    )
    decisions = list(read_decisions(file))
    # a re-import: other lines, other file names, same records
    r2 = build(
        ("a-v2", [Located(a, 40)]),
        ("b-v2", [Located(b, 9)]),
        ("c", [Located(c, 7)]),
        decisions=decisions,
    )
    assert {p.id for p in r2.persons} == {"a/1", "c/1"}
    assert r2.redirects == {"b/1": "a/1"}
    assert [m.rule for m in r2.merges] == ["decision"]
    assert r2.ambiguities == ()  # a/1–c/1 was rejected, b/1 is now a/1


def test_flag_two_parties() -> None:
    bd = PartialDate.parse("1985-01-02")
    a = Person("pkb/kta/1", "Rina", Gender.FEMALE, bd)
    b = Person("ppp/kta/5", "Rina", Gender.FEMALE, bd)
    r = build(
        ("pkb.csv", [PARTIES[0], Located(a, 2), Located(Membership("pkb/kta/1", "pkb"), 2)]),
        ("ppp.csv", [PARTIES[1], Located(b, 3), Located(Membership("ppp/kta/5", "ppp"), 3)]),
    )
    (flag,) = r.flags
    assert flag.kind is FlagKind.TWO_PARTIES and flag.person_id == "pkb/kta/1"
    assert [str(s) for s in flag.sources] == ["pkb.csv:2", "ppp.csv:3"]


def test_an_ended_membership_is_no_second_party() -> None:
    bd = PartialDate.parse("1985-01-02")
    a = Person("pkb/kta/1", "Rina", Gender.FEMALE, bd)
    b = Person("ppp/kta/5", "Rina", Gender.FEMALE, bd)
    ended = Membership("pkb/kta/1", "pkb", end_date=PartialDate(2020))
    r = build(("a", [PARTIES[0], a, ended]), ("b", [PARTIES[1], b, Membership("ppp/kta/5", "ppp")]))
    assert r.flags == ()


@pytest.mark.parametrize(
    ("second", "what"),
    [
        (("E2029", "D2", "PKB", 1), "two districts"),
        (("E2029", "D1", "PPP", 1), "two parties"),
        (("PROV2029", "P1", "PKB", 1), "two levels"),
    ],
)
def test_flag_two_lists(second: tuple[str, str, str, int], what: str) -> None:
    p = Person("p/1", "Rina", Gender.FEMALE)
    c1 = Candidacy("Rina", Gender.FEMALE, "PKB", "E2029", "D1", 2, person_id="p/1")
    e, d, party, pos = second
    c2 = Candidacy("Rina", Gender.FEMALE, party, e, d, pos, person_id="p/1")
    r = build(("x", [p, c1, c2]))
    (flag,) = r.flags
    assert flag.kind is FlagKind.TWO_LISTS and what in flag.detail


def test_lists_at_two_elections_are_no_flag() -> None:
    p = Person("p/1", "Rina", Gender.FEMALE)
    c1 = Candidacy("Rina", Gender.FEMALE, "PKB", "DPRD_KABKO", "D1", 2, person_id="p/1")
    c2 = Candidacy("Rina", Gender.FEMALE, "PKB", "DPRD_KABKO_2029", "D1", 1, person_id="p/1")
    e = Election("DPRD_KABKO", Chamber.DPRD_REGENCY, datetime.date(2024, 2, 14))
    assert build(("x", [p, c1, c2, e])).flags == ()


def test_flag_nik_gender_mismatch() -> None:
    born = datetime.date(1990, 3, 4)
    p = Person("p/1", "Dewi", Gender.FEMALE, nik=nik(born, female=False))
    r = build(("m.csv", [Located(p, 7)]))
    (flag,) = r.flags
    assert flag.kind is FlagKind.NIK_GENDER_MISMATCH
    assert flag.detail == "declared female, the NIK encodes male"
    assert str(flag.sources[0]) == "m.csv:7"


def test_flag_invalid_nik_from_rejections() -> None:
    rej = Rejection("m.csv", 9, "nik", "it does not have 16 digits")
    r = build(("m.csv", [rej]))
    (flag,) = r.flags
    assert flag.kind is FlagKind.INVALID_NIK and flag.person_id is None
    assert r.rejected == (rej,)


def test_candidacies_without_a_person_become_person_records() -> None:
    c = Candidacy("Hj. Rina, S.E.", Gender.FEMALE, "PKB", "E", "D1", 1)
    p = Person("m/1", "Rina", Gender.FEMALE, PartialDate.parse("1980-01-01"))
    r = build(("lists.csv", [c]), ("m", [p]))
    assert len(r.persons) == 2
    (amb,) = r.ambiguities
    assert {amb.a, amb.b} == {"m/1", "candidacy/E/D1/PKB/1"}
    decided = build(
        ("lists.csv", [c]), ("m", [p]), decisions=[Decision(amb.a_record, amb.b_record, True)]
    )
    assert [x.id for x in decided.persons] == ["m/1"]  # a source's id wins over a made-up one
    assert decided.candidacies[0].record.person_id == "m/1"


def test_a_registry_file_built_with_another_key_is_refused(tmp_path: Path) -> None:
    r = build(("a", [Person("a/1", "Rina")]))
    path = tmp_path / "r.json"
    path.write_text(dump_registry(r))
    with pytest.raises(KeyMismatch):
        build_registry([("r", registry_records(path))], key=b"another")


# ----------------------------------------------------------------- properties

NAMES = ["Siti Aminah", "Hj. Siti Aminah, S.Pd.", "SITI AMINAH", "Rina Wati", "Dewi", "Dewi S"]
DATES = [datetime.date(1980, 5, 17), datetime.date(1981, 2, 3), datetime.date(1990, 11, 30)]


@st.composite
def person_records(draw: st.DrawFn, source: str, n: int) -> Person:
    female = draw(st.booleans())
    born = draw(st.sampled_from(DATES))
    serial = draw(st.integers(1, 3))
    gender = draw(st.sampled_from([Gender.FEMALE, Gender.MALE, Gender.UNKNOWN]))
    return Person(
        id=draw(st.sampled_from([f"{source}/{n}", f"shared/{n % 3}"])),
        name=draw(st.sampled_from(NAMES)),
        gender=gender,
        birth_date=draw(
            st.sampled_from([None, PartialDate.from_date(born), PartialDate(born.year)])
        ),
        nik=draw(st.sampled_from([None, nik(born, female, serial)])),
        identifiers=draw(
            st.sampled_from(
                [(), (Identifier("kta:pkb", str(serial)),), (Identifier("kta:ppp", "1"),)]
            )
        ),
    )


@st.composite
def sources(draw: st.DrawFn) -> list[tuple[str, list[Any]]]:
    out = []
    for s in range(draw(st.integers(1, 4))):
        name = f"src{s}"
        people = [
            Located(draw(person_records(name, i)), i + 2) for i in range(draw(st.integers(0, 5)))
        ]
        records: list[Any] = [*PARTIES, *people]
        for located in people:
            if draw(st.booleans()):
                org = draw(st.sampled_from(["pkb", "ppp"]))
                records.append(Located(Membership(located.record.id, org), located.line))
        out.append((name, records))
    return out


def originals(srcs: list[tuple[str, list[Any]]]) -> dict[tuple[str, int | None], Person]:
    return {
        (name, item.line): item.record
        for name, items in srcs
        for item in items
        if isinstance(item, Located) and isinstance(item.record, Person)
    }


@settings(max_examples=150, deadline=None)
@given(sources(), st.randoms(use_true_random=False))
def test_the_order_of_sources_does_not_matter(srcs: Any, rnd: Any) -> None:
    shuffled = list(srcs)
    rnd.shuffle(shuffled)
    assert summary(build(*srcs)) == summary(build(*shuffled))


@settings(max_examples=150, deadline=None)
@given(sources())
def test_never_merges_different_niks_or_birth_dates(srcs: Any) -> None:
    found = originals(srcs)
    for person in build(*srcs).persons:
        records = [found[(r.source, r.line)] for r in person.records]
        niks = {p.nik for p in records if p.nik is not None}
        assert len(niks) <= 1
        dates = [p.birth_date for p in records if p.birth_date is not None]
        assert all(a.overlaps(b) for a in dates for b in dates)


@settings(max_examples=150, deadline=None)
@given(sources())
def test_every_record_ends_in_exactly_one_person(srcs: Any) -> None:
    r = build(*srcs)
    placed = [(ref.source, ref.line) for p in r.persons for ref in p.records]
    assert sorted(placed, key=str) == sorted(originals(srcs), key=str)
    ids = {p.id for p in r.persons}
    for amb in r.ambiguities:
        assert amb.a in ids and amb.b in ids and amb.a != amb.b
    for e in r.memberships:
        assert e.record.person_id in ids


@settings(max_examples=100, deadline=None)
@given(srcs=sources())
def test_building_again_from_its_own_output_changes_nothing(
    srcs: Any, tmp_path_factory: Any
) -> None:
    r = build(*srcs)
    path = tmp_path_factory.mktemp("reg") / "registry.json"
    path.write_text(dump_registry(r))
    again = build_registry([("registry.json", registry_records(path))], key=KEY)
    assert summary(again) == summary(r)


@settings(max_examples=50, deadline=None)
@given(sources())
def test_the_registry_file_holds_no_nik_or_birth_date(srcs: Any) -> None:
    text = dump_registry(build(*srcs))
    for p in originals(srcs).values():
        if p.nik is not None:
            assert p.nik.reveal() not in text
        if p.birth_date is not None and p.birth_date.precision == "day":
            assert str(p.birth_date) not in text
    assert KEY.decode() not in text
