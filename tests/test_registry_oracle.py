"""The registry's build against a naive resolver written from the documented rules
(``registry_oracle``), on small generated inputs: persons, merges, ambiguities and
flags agree, with and without decisions."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import registry_oracle as oracle
from kppi_core.model import (
    Candidacy,
    ContactDetail,
    Gender,
    Identifier,
    Membership,
    PartialDate,
    Person,
)
from kppi_core.registry import BIRTH_SCHEMES, NIK_SCHEME, Decision, Registry, build_registry
from kppi_core.registry.fingerprints import nik_fingerprint, phone_fingerprint
from kppi_core.rejections import Rejection
from kppi_core.sources import Located
from test_registry import DATES, KEY, NAMES, PARTIES, nik

PHONES = ["0812-0000-0001", "+62 812 0000 0001", "0813-1111-2222", "12"]  # the last: invalid


def visible(r: Registry) -> dict[str, Any]:
    """The library's result in the oracle's terms."""

    def ref(s: Any) -> tuple[Any, ...]:
        return (s.source, s.line, s.fingerprint) if s.fingerprint else (s.source, s.line)

    return {
        "persons": {(p.id, p.name, p.gender, tuple(ref(s) for s in p.records)) for p in r.persons},
        "merges": {(m.person_id, ref(m.a), ref(m.b), m.rule, m.scheme) for m in r.merges},
        "ambiguities": {(a.a, a.b, a.a_record, a.b_record, a.reasons) for a in r.ambiguities},
        "flags": {
            (f.kind.value, f.person_id, f.detail, tuple(ref(s) for s in f.sources)) for f in r.flags
        },
    }


@st.composite
def person(draw: st.DrawFn, source: str, n: int) -> Person:
    female = draw(st.booleans())
    born = draw(st.sampled_from(DATES))
    serial = draw(st.integers(1, 3))
    the_nik = nik(born, female, serial)
    return Person(
        id=draw(st.sampled_from([f"{source}/{n}", f"shared/{n % 3}"])),
        name=draw(st.sampled_from(NAMES)),
        gender=draw(st.sampled_from([Gender.FEMALE, Gender.MALE, Gender.UNKNOWN])),
        birth_date=draw(
            st.sampled_from(
                [
                    None,
                    PartialDate.from_date(born),
                    PartialDate(born.year, born.month),
                    PartialDate(born.year),
                ]
            )
        ),
        nik=draw(st.sampled_from([None, the_nik])),
        identifiers=draw(
            st.sampled_from(
                [
                    (),
                    (Identifier("kta:pkb", str(serial)),),
                    (Identifier("kta:ppp", "1"),),
                    (Identifier("kta:pkb", "1"), Identifier("member:x", str(n % 2))),
                    # a NIK as an identifier, valid or not
                    (Identifier("NIK", the_nik.reveal()),),
                    (Identifier("ktp", "12345"),),
                    # NIK, phone and birth date only as keyed fingerprints (a registry's output)
                    (Identifier(NIK_SCHEME, nik_fingerprint(KEY, the_nik.reveal())),),
                    (Identifier("phone:hmac-sha256", phone_fingerprint(KEY, "+6281300001111")),),
                    (
                        Identifier(BIRTH_SCHEMES[0], "y" + str(born.year % 2)),
                        Identifier(BIRTH_SCHEMES[2], "d" + str(serial % 2)),
                        Identifier("kta:pkb", str(serial)),
                    ),
                ]
            )
        ),
        contact_details=[
            ContactDetail("phone", p) for p in draw(st.lists(st.sampled_from(PHONES), max_size=2))
        ],
        other_names=draw(st.sampled_from([(), ("Dewi",), ("Siti Aminah", "Rina")])),
    )


@st.composite
def sources(draw: st.DrawFn) -> list[tuple[str, list[Any]]]:
    out = []
    for s in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from([f"src{s}", "src"]))  # two sources may share a name
        lined = draw(st.booleans())
        people = [draw(person(name, i)) for i in range(draw(st.integers(0, 6)))]
        records: list[Any] = [*PARTIES]
        for i, p in enumerate(people):
            records.append(Located(p, i + 2) if lined else p)
            if draw(st.booleans()):
                org = draw(st.sampled_from(["pkb", "ppp"]))
                m = Membership(p.id, org)
                records.append(Located(m, i + 2) if lined else m)
        for k in range(draw(st.integers(0, 3))):
            records.append(
                Candidacy(
                    draw(st.sampled_from(NAMES)),
                    draw(st.sampled_from([Gender.FEMALE, Gender.UNKNOWN])),
                    draw(st.sampled_from(["PKB", "PPP"])),
                    draw(st.sampled_from(["E2029", "PROV2029"])),
                    draw(st.sampled_from(["D1", "D2"])),
                    k + 1,
                    person_id=draw(st.sampled_from([None, f"{name}/0", "shared/1"])),
                )
            )
        if draw(st.booleans()):
            records.append(Rejection(name, 99, "nik", "it does not have 16 digits"))
        draw(st.randoms(use_true_random=False)).shuffle(records)
        out.append((name, records))
    return out


@settings(max_examples=300, deadline=None)
@given(sources(), st.data())
def test_the_build_agrees_with_the_naive_resolver(srcs: Any, data: Any) -> None:
    got = build_registry(srcs, key=KEY)
    assert visible(got) == oracle.build(srcs, KEY)
    # Decisions on some of the suggested matches, accepted or rejected.
    decisions = [
        Decision(a.a_record, a.b_record, data.draw(st.booleans()))
        for a in got.ambiguities
        if data.draw(st.booleans())
    ]
    if decisions:
        got = build_registry(srcs, key=KEY, decisions=decisions)
        assert visible(got) == oracle.build(srcs, KEY, decisions)
