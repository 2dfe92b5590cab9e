"""The readers' trusted constructors make the very objects the public constructors make."""

from __future__ import annotations

import importlib

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.model import Gender, Identifier, Membership, Nik, PartialDate, Person, _trusted
from kppi_core.model.lists import ListFacts
from kppi_core.sources import Located, _located
from objects import assert_same_object

nonblank = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")
dates = st.none() | st.dates().map(PartialDate.from_date)
niks = st.none() | st.sampled_from(["3673015708450001", "3604014101900002", "3171011708450003"])
idents = st.lists(st.tuples(nonblank, nonblank), max_size=2)


@settings(max_examples=200, deadline=None)
@given(nonblank, nonblank, st.sampled_from(Gender), dates, niks, idents)
def test_person_and_identifier(
    pid: str,
    name: str,
    gender: Gender,
    born: PartialDate | None,
    nik: str | None,
    pairs: list[tuple[str, str]],
) -> None:
    for scheme, value in pairs:
        assert_same_object(_trusted.identifier(scheme, value), Identifier(scheme, value))
    trusted_ids = tuple(_trusted.identifier(s, v) for s, v in pairs)
    public_ids = [Identifier(s, v) for s, v in pairs]  # the converter takes any iterable
    trusted_nik = None if nik is None else _trusted.nik(nik)
    public_nik = None if nik is None else Nik(nik)
    if nik is not None:
        assert_same_object(trusted_nik, public_nik)
    assert_same_object(
        _trusted.person(pid, name, gender, born, trusted_nik, trusted_ids),
        Person(pid, name, gender, born, public_nik, public_ids),
    )


@settings(max_examples=200, deadline=None)
@given(
    nonblank,
    nonblank,
    st.sampled_from(["member", "chair", "board_member"]),
    st.none() | nonblank,
    dates,
)
def test_membership(
    person_id: str, org: str, role: str, label: str | None, start: PartialDate | None
) -> None:
    assert_same_object(
        _trusted.membership(person_id, org, role, label, start),
        Membership(person_id, org, role, label=label, start_date=start),
    )


def test_located() -> None:
    assert_same_object(_located("x", 3), Located("x", 3))


def test_a_new_field_would_fail_at_import() -> None:
    @attrs.frozen
    class Grown:
        a: int
        b: int = 0

    with pytest.raises(RuntimeError, match="fields changed"):
        _trusted.setters(Grown, ("a",))


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(nonblank, nonblank, nonblank),
    st.none() | st.integers(1, 12),
    st.lists(st.sampled_from(Gender), max_size=14),
)
def test_list_facts(key: tuple[str, str, str], seats: int | None, genders: list[Gender]) -> None:
    sexes = tuple(genders)
    positions = tuple(range(1, len(sexes) + 1))
    trusted = _trusted.list_facts(
        key, seats, positions, sexes, sexes.count(Gender.FEMALE), sexes.count(Gender.UNKNOWN)
    )
    assert_same_object(trusted, ListFacts(*key, seats, positions, sexes))


def _validator_names(validator: object) -> tuple[str, ...]:
    if validator is None:
        return ()
    inner = getattr(validator, "_validators", None)  # attrs.validators.and_
    if inner is not None:
        return tuple(name for v in inner for name in _validator_names(v))
    return (getattr(validator, "__qualname__", type(validator).__name__),)


# What the trusted constructors skip, field by field: (validators, converter?). A reader
# that builds through them must have checked the same (type, non-blank, the name
# check for personal data, the lowercase code). A new validator or converter on one of
# these fields fails here: check that every trusted path does its work, then pin it.
_T, _NB = "_typed", "nonblank"
PINNED: dict[str, dict[str, tuple[tuple[str, ...], bool]]] = {
    "Nik": {"_digits": ((), True)},
    "Identifier": {"scheme": ((_T, _NB), False), "identifier": ((_T, _NB), False)},
    "Person": {
        "id": ((_T, _NB), False),
        "name": ((_T, "name"), False),
        "gender": ((_T,), False),
        "birth_date": ((_T,), False),
        "nik": ((_T,), False),
        "identifiers": ((_T,), True),
        "contact_details": ((_T,), True),
        "other_names": ((_T,), True),
    },
    "Membership": {
        "person_id": ((_T, _NB), False),
        "organization_id": ((_T, _NB), False),
        "role": ((_T, "code"), True),
        **{f: ((_T,), False) for f in ("id", "post_id", "capacity", "label")},
        **{f: ((_T,), False) for f in ("start_date", "end_date", "end_reason")},
    },
    # women, unknown and regular are set by __attrs_post_init__, which list_facts skips:
    # its caller gives the counts, and only lists numbered exactly 1..n.
    "ListFacts": dict.fromkeys(_trusted.LIST_FACTS, ((), False)),
}
POST_INIT = {
    "Nik": False, "Identifier": False, "Person": False, "Membership": True, "ListFacts": True
}  # fmt: skip


@pytest.mark.parametrize("cls", _trusted.BUILT, ids=lambda c: c.__name__)
def test_the_checks_trusted_constructors_skip_are_pinned(cls: type) -> None:
    found = {
        f.name: (_validator_names(f.validator), f.converter is not None) for f in attrs.fields(cls)
    }
    assert found == PINNED[cls.__name__]
    assert ("__attrs_post_init__" in vars(cls)) == POST_INIT[cls.__name__]


def test_every_slot_setting_takes_its_setters_from_trusted() -> None:
    """Outside model/_trusted.py and model/_slots.py, no module makes setters of a model
    class itself."""
    from pathlib import Path

    import kppi_core

    root = Path(kppi_core.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel in ("model/_trusted.py", "model/_slots.py"):
            continue
        text = path.read_text("utf-8")
        for cls in _trusted.BUILT:
            if f"setters({cls.__name__}," in text:
                offenders.append(f"{rel}: setters({cls.__name__}, …)")
    assert not offenders


def test_the_old_name_of_the_list_facts_constructor_warns() -> None:
    for module in ("kppi_core.quota.facts", "kppi_core.model.lists"):
        with pytest.deprecated_call(match="model._trusted.list_facts"):
            old = importlib.import_module(module).trusted_facts
        assert old is _trusted.list_facts


def test_the_list_constructor_loads_no_person_class() -> None:
    """kppi check's reader takes list_facts from here without loading the person, NIK
    or organisation classes (start-up); the person part is made on first use."""
    import subprocess
    import sys

    code = (
        "import sys, kppi_core.adapters.candidates_csv as c; "
        "from kppi_core.model import _trusted; "
        "before = 'kppi_core.model.people' in sys.modules; "
        "_trusted.person; "
        "after = 'kppi_core.model.people' in sys.modules; "
        "print(before, after, c.list_facts is _trusted.list_facts)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True", "True"]
