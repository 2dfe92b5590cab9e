"""The public strategies: registered for st.from_type through Hypothesis's entry point."""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kppi_core
from kppi_core.testing.strategies import _register_type_strategies


def test_entry_point_is_declared() -> None:
    points = importlib.metadata.entry_points(group="hypothesis")
    assert any(p.value == "kppi_core.testing.strategies:_register_type_strategies" for p in points)


_register_type_strategies()  # as the entry point does, even where the package is not installed


@pytest.mark.parametrize("cls", [kppi_core.Person, kppi_core.Nik, kppi_core.CandidateList])
def test_from_type_draws_consistent_objects(cls: type[Any]) -> None:
    @given(st.from_type(cls))
    def check(obj: Any) -> None:
        assert isinstance(obj, cls)
        if isinstance(obj, kppi_core.Person) and obj.nik is not None:
            assert not obj.nik_gender_mismatch
            assert obj.birth_date is not None and obj.nik.birth_date() in obj.birth_date

    check()
