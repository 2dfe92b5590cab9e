"""Fingerprints: one HMAC implementation, NIKs and phones never in clear in a registry
file, NIK/KTP identifiers stored only as fingerprints, and the phone + name rule."""

from __future__ import annotations

import hmac
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kppi_core.model import ContactDetail, Gender, Identifier, Nik, PartialDate, Person
from kppi_core.names import _written_key, name_key
from kppi_core.registry import (
    NIK_SCHEME,
    PHONE_SCHEME,
    Registry,
    build_registry,
    dump_registry,
    registry_records,
)
from kppi_core.registry.fingerprints import (
    ID_NUMBER_SCHEME,
    keyed_digest,
    nik_fingerprint,
    phone_fingerprint,
)
from kppi_core.sources import Located

KEY = b"test-key"
NIK = "3673015708450001"
NIK_2 = "3673015708450002"


def build(*sources: tuple[str, list[Any]]) -> Registry:
    return build_registry(sources, key=KEY)


@given(st.binary(min_size=1, max_size=100), st.binary(max_size=200))
def test_the_keyed_digest_is_hmac_sha256(key: bytes, message: bytes) -> None:
    """Record fingerprints (which decisions name) must stay HMAC-SHA256."""
    assert keyed_digest(key, message) == hmac.digest(key, message, "sha256")


def test_no_hmac_code_outside_the_fingerprint_helper() -> None:
    src = Path(__file__).parents[1] / "src" / "kppi_core"
    users = sorted(
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if re.search(r"^\s*(import hmac|from hmac)", p.read_text("utf-8"), re.M)
    )
    assert users == ["model/_fingerprint.py"]


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ ", max_size=40))
def test_the_plain_name_path_is_the_general_one(name: str) -> None:
    """name_key's fast path for letters and spaces gives what the general path gives."""
    assert name_key(name) == _written_key(name)


def test_nik_and_ktp_identifiers_are_stored_only_as_fingerprints(tmp_path: Path) -> None:
    a = Person("ds/1", "Siti Aminah", Gender.FEMALE, identifiers=[Identifier("nik", NIK)])
    b = Person("pkb/kta/7", "Siti A.", Gender.FEMALE, nik=Nik(NIK))
    c = Person("ds/2", "Rina", identifiers=[Identifier("KTP", "3673-0157-0845-0002")])
    d = Person("ds/3", "Dewi", identifiers=[Identifier("no_ktp", "12345678")])  # not a NIK
    r = build(("ds.json", [a, c, d]), ("pkb.csv", [Located(b, 2)]))
    # the NIK given as an identifier is her NIK: one person with the export's record
    (merged,) = [p for p in r.persons if len(p.records) == 2]
    assert [m.rule for m in r.merges] == ["nik"]
    schemes = {i.scheme: i.identifier for i in merged.identifiers}
    assert schemes[NIK_SCHEME] == nik_fingerprint(KEY, NIK)
    other = r.person("ds/3").identifiers
    assert [i.scheme for i in other] == [ID_NUMBER_SCHEME]
    path = tmp_path / "registry.json"
    path.write_text(dump_registry(r))
    text = path.read_text()
    for secret in (NIK, NIK_2, "3673-0157-0845-0002", "12345678"):
        assert secret not in text
    schemes_written = set(re.findall(r'"scheme": "([^"]*)"', text))
    assert schemes_written <= {NIK_SCHEME, ID_NUMBER_SCHEME}
    again = build_registry([("r.json", registry_records(path))], key=KEY)
    assert [p.id for p in again.persons] == [p.id for p in r.persons]
    assert again.merges == r.merges


def test_a_registry_of_nothing_reads_back(tmp_path: Path) -> None:
    empty = build(("a.csv", []))
    path = tmp_path / "registry.json"
    path.write_text(dump_registry(empty))
    again = build_registry([("r.json", registry_records(path))], key=KEY)
    assert again.persons == () and again.key_check == empty.key_check


def signin(pid: str, name: str, phone: str, line: int = 2) -> Located:
    return Located(
        Person(pid, name, Gender.FEMALE, contact_details=[ContactDetail("phone", phone)]), line
    )


def test_the_same_phone_and_name_are_one_person() -> None:
    r = build(
        ("day1.csv", [signin("day1/2", "EUIS MARDIYAH", "0812-0000-0011")]),
        ("day2.csv", [signin("day2/5", "Euis Mardiyah", "+62 812 0000 0011", 5)]),
    )
    (person,) = r.persons
    assert [m.rule for m in r.merges] == ["phone+name"]
    assert r.ambiguities == ()
    # the phone only as its keyed fingerprint
    (phone,) = [i for i in person.identifiers if i.scheme == PHONE_SCHEME]
    assert phone.identifier == phone_fingerprint(KEY, "+6281200000011")
    text = dump_registry(r)
    assert "0812" not in text and "6281200000011" not in text and "0000" not in text


def test_a_phone_shared_by_two_names_is_a_question_never_a_merge() -> None:
    r = build(
        ("day1.csv", [signin("day1/2", "Euis Mardiyah", "0812-0000-0011")]),
        ("day2.csv", [signin("day2/2", "Nia Kurniawati", "0812-0000-0011")]),
    )
    assert len(r.persons) == 2 and r.merges == ()
    (amb,) = r.ambiguities
    assert amb.reasons == ("the same phone number", "different names")


def test_phone_and_name_give_way_to_conflicting_evidence() -> None:
    a = Person("a/1", "Rina", Gender.FEMALE, PartialDate.parse("1980-05-17"),
               contact_details=[ContactDetail("phone", "0812-0000-0011")])  # fmt: skip
    b = Person("b/1", "Rina", Gender.FEMALE, PartialDate.parse("1990-01-01"),
               contact_details=[ContactDetail("phone", "0812 0000 0011")])  # fmt: skip
    r = build(("a", [a]), ("b", [b]))
    assert len(r.persons) == 2
    (amb,) = r.ambiguities
    assert amb.reasons[0] == "the same phone number" and "different birth dates" in amb.reasons


def test_phone_and_name_rank_below_identifiers_and_above_name_and_birth_date() -> None:
    born = PartialDate.parse("1980-05-17")
    phone = [ContactDetail("phone", "0812-0000-0011")]
    a = Person("a/1", "Rina", Gender.FEMALE, born, contact_details=phone,
               identifiers=[Identifier("kta:pkb", "1")])  # fmt: skip
    b = Person("b/1", "Rina", Gender.FEMALE, born, contact_details=phone,
               identifiers=[Identifier("kta:pkb", "1")])  # fmt: skip
    c = Person("c/1", "Rina", Gender.FEMALE, born, contact_details=phone)
    d = Person("d/1", "Rina", Gender.FEMALE, born)
    r = build(("a", [a]), ("b", [b]), ("c", [c]), ("d", [d]))
    assert [m.rule for m in r.merges] == ["identifier", "phone+name", "name+birth_date"]


def test_an_invalid_phone_is_no_key() -> None:
    r = build(
        ("day1.csv", [signin("day1/2", "Euis", "12")]),
        ("day2.csv", [signin("day2/2", "Euis", "12")]),
    )
    assert r.merges == () and len(r.ambiguities) == 1  # the same name only
    assert not any(i.scheme == PHONE_SCHEME for p in r.persons for i in p.identifiers)


def test_phones_survive_a_rebuild_from_the_registry_file(tmp_path: Path) -> None:
    r = build(("day1.csv", [signin("day1/2", "Euis", "0812-0000-0011")]))
    path = tmp_path / "registry.json"
    path.write_text(dump_registry(r))
    again = build_registry(
        [("r.json", registry_records(path)),
         ("day2.csv", [signin("day2/9", "Euis", "+62 812-0000-0011", 9)])],
        key=KEY,
    )  # fmt: skip
    assert [p.id for p in again.persons] == ["day1/2"]
    assert [m.rule for m in again.merges] == ["phone+name"]
    json.loads(path.read_text())


def kppi(*args: str, env: dict[str, str] | None = None) -> Any:
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "kppi_core.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "KPPI_FINGERPRINT_KEY": "a test key", **(env or {})},
        check=False,
    )


def test_the_cli_writes_no_nik_or_phone_in_clear(tmp_path: Path) -> None:
    """Through the CLI: a data set with NIK and KTP identifiers and phone contacts."""
    data = {
        "persons": [
            {"id": "a", "name": "Siti", "identifiers": [{"scheme": "nik", "identifier": NIK}],
             "contact_details": [{"type": "phone", "value": "0812-3456-7890"}]},
            {"id": "b", "name": "Siti", "identifiers": [{"scheme": "KTP", "identifier": NIK_2}],
             "contact_details": [{"type": "phone", "value": "+62 812 3456 7890"}]},
        ]
    }  # fmt: skip
    source = tmp_path / "people.json"
    source.write_text(json.dumps(data))
    out = tmp_path / "registry.json"
    done = kppi("registry", "build", str(source), "-o", str(out), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    written = out.read_text()
    for secret in (NIK, NIK_2, "0812-3456-7890", "+6281234567890", "81234567890"):
        assert secret not in written and secret not in done.stdout + done.stderr
    # two NIKs: two people; one phone, one name, but the NIKs differ: no question either
    registry = json.loads(written)
    assert len(registry["persons"]) == 2
    again = kppi("registry", "build", str(out), "--format", "json")
    assert again.returncode in (0, 1), again.stderr
    assert json.loads(again.stdout)["facts"]["persons"] == 2


def test_the_cli_reads_back_a_registry_of_nothing(tmp_path: Path) -> None:
    source = tmp_path / "people.json"
    source.write_text('{"persons": []}')
    out = tmp_path / "registry.json"
    assert kppi("registry", "build", str(source), "-o", str(out)).returncode == 0
    again = kppi("registry", "build", str(out))
    assert again.returncode == 0, again.stderr
