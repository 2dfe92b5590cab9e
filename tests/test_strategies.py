"""The public strategies: registered for st.from_type through Hypothesis's entry point."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kppi_core
from kppi_core.testing._hypothesis import register_type_strategies

ENTRY_POINT = "kppi_core.testing._hypothesis:register_type_strategies"


def test_entry_point_is_declared() -> None:
    points = importlib.metadata.entry_points(group="hypothesis")
    assert any(p.value == ENTRY_POINT for p in points)


@pytest.mark.parametrize(
    "code",
    [
        "import kppi_core.testing.strategies",
        "from kppi_core.testing import strategies",
        "import hypothesis, kppi_core.testing.strategies",
        "import kppi_core, hypothesis.strategies as st; st.from_type(kppi_core.Nik).example()",
    ],
)
def test_the_kit_imports_in_a_plain_interpreter(code: str) -> None:
    # pytest has imported Hypothesis already, which hid a circular import here.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "HYPOTHESIS"))}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr


register_type_strategies()  # as the entry point does, even where the package is not installed


@pytest.mark.parametrize("cls", [kppi_core.Person, kppi_core.Nik, kppi_core.CandidateList])
def test_from_type_draws_consistent_objects(cls: type[Any]) -> None:
    @given(st.from_type(cls))
    def check(obj: Any) -> None:
        assert isinstance(obj, cls)
        if isinstance(obj, kppi_core.Person) and obj.nik is not None:
            assert not obj.nik_gender_mismatch
            assert obj.birth_date is not None and obj.nik.birth_date() in obj.birth_date

    check()
