"""The registry's build against a simple reference: the implementation before it was
made compact (``registry_reference``), on small generated inputs with every kind of
record, decisions, and a rebuild from the registry file."""

from __future__ import annotations

import datetime
import hmac
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import registry_reference as ref
from kppi_core import registry as new
from kppi_core.model import (
    Candidacy,
    Gender,
    Identifier,
    Membership,
    PartialDate,
    Person,
)
from kppi_core.rejections import Rejection
from kppi_core.sources import Located
from test_registry import DATES, KEY, NAMES, PARTIES, nik


def plain(r: Any) -> tuple[Any, ...]:
    """Everything a registry shows, as plain values (the two modules' classes differ)."""

    def t(x: Any) -> Any:
        return attrs.astuple(x, recurse=True)

    def flag(f: Any) -> Any:
        return (f.kind.value, f.person_id, f.detail, tuple(t(s) for s in f.sources))

    return (
        tuple(
            (
                p.id, p.name, p.gender, tuple(t(x) for x in p.records), p.old_ids,
                p.other_names, p.plain_identifiers, p.identifiers, p.person, p.fingerprints,
            )
            for p in r.persons
        ),
        tuple(t(m) for m in r.merges),
        tuple(t(a) + (a.id,) for a in r.ambiguities),
        tuple(flag(f) for f in r.flags),
        dict(r.redirects),
        r.rejected,
        tuple(t(d) for d in r.decisions),
        r.records,
        r.key_check,
        *(
            tuple((e.record, tuple(t(s) for s in e.sources)) for e in getattr(r, section))
            for section in (
                "organisations", "posts", "memberships", "trainings", "participations",
                "follow_ups", "elections", "districts", "candidacies",
            )
        ),
    )  # fmt: skip


@st.composite
def person(draw: st.DrawFn, source: str, n: int) -> Person:
    female = draw(st.booleans())
    born = draw(st.sampled_from(DATES))
    serial = draw(st.integers(1, 3))
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
        nik=draw(st.sampled_from([None, nik(born, female, serial)])),
        identifiers=draw(
            st.sampled_from(
                [
                    (),
                    (Identifier("kta:pkb", str(serial)),),
                    (Identifier("kta:ppp", "1"),),
                    (Identifier("kta:pkb", "1"), Identifier("member:x", str(n % 2))),
                    # NIK and birth date only as keyed fingerprints (a registry's output)
                    (Identifier(new.NIK_SCHEME, nik(born, female, serial).fingerprint(KEY)),),
                    (
                        Identifier(new.BIRTH_SCHEMES[0], "y" + str(born.year % 2)),
                        Identifier(new.BIRTH_SCHEMES[2], "d" + str(serial % 2)),
                        Identifier("kta:pkb", str(serial)),
                    ),
                ]
            )
        ),
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


def both(srcs: Any, decisions: Any = ()) -> tuple[Any, Any]:
    a = ref.build_registry(
        srcs, key=KEY, decisions=[ref.Decision(*attrs.astuple(d)) for d in decisions]
    )
    b = new.build_registry(srcs, key=KEY, decisions=decisions)
    return a, b


@settings(max_examples=300, deadline=None)
@given(sources(), st.data())
def test_the_build_is_the_reference_build(srcs: Any, data: Any) -> None:
    old, got = both(srcs)
    assert plain(got) == plain(old)
    # Decisions on some of the suggested matches, accepted or rejected.
    decisions = [
        new.Decision(a.a_record, a.b_record, data.draw(st.booleans()))
        for a in got.ambiguities
        if data.draw(st.booleans())
    ]
    if decisions:
        old, got = both(srcs, decisions)
        assert plain(got) == plain(old)


@settings(max_examples=100, deadline=None)
@given(srcs=sources(), data=st.data())
def test_a_rebuild_from_the_registry_file_is_the_reference_rebuild(
    srcs: Any, data: Any, tmp_path_factory: Any
) -> None:
    folder: Path = tmp_path_factory.mktemp("reg")
    path = folder / "registry.json"
    first = new.build_registry(srcs, key=KEY)
    # Some decisions travel in the file.
    decisions = [
        new.Decision(a.a_record, a.b_record, data.draw(st.booleans()))
        for a in first.ambiguities
        if data.draw(st.booleans())
    ]
    path.write_text(new.dump_registry(new.build_registry(srcs, key=KEY, decisions=decisions)))
    extra = [(f"more{i}", records) for i, (_, records) in enumerate(srcs[:1])]
    old = ref.build_registry([("r.json", ref.registry_records(path)), *extra], key=KEY)
    got = new.build_registry([("r.json", new.registry_records(path)), *extra], key=KEY)
    assert plain(got) == plain(old)


def test_a_large_input_is_the_reference_build() -> None:
    """A few thousand records with many shared NIKs, names and birth dates."""
    srcs: list[tuple[str, list[Any]]] = []
    for s, party in enumerate(("pkb", "ppp", "pan")):
        records: list[Any] = [*PARTIES]
        for i in range(1500):
            born = DATES[i % 3] + datetime.timedelta(days=(i * 7 + s) % 40)
            p = Person(
                f"{party}/{i}",
                NAMES[(i * (s + 1)) % len(NAMES)] + f" {i % 97}",
                [Gender.FEMALE, Gender.MALE, Gender.UNKNOWN][i % 3],
                PartialDate.from_date(born) if i % 5 else None,
                nik(born, i % 2 == 0, i % 4 + 1) if i % 3 else None,
                (Identifier(f"kta:{party}", str(i % 1000)),),
            )
            records += [Located(p, i + 2), Located(Membership(p.id, "pkb"), i + 2)]
        srcs.append((f"{party}.csv", records))
    old, got = both(srcs)
    assert plain(got) == plain(old)


@given(st.binary(min_size=1, max_size=200), st.binary(max_size=300))
def test_the_fast_hmac_is_hmac_sha256(key: bytes, message: bytes) -> None:
    """Record fingerprints (which decisions name) must stay HMAC-SHA256, whatever the key."""
    assert new._Hmac(key).digest(message) == hmac.digest(key, message, "sha256")
