"""kppi_core.model loads each class with its module, on first use."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import kppi_core.model as model


def test_each_name_is_where_the_package_says() -> None:
    for module, names in model._DEFINED.items():
        defined = importlib.import_module(f"kppi_core.model.{module}")
        assert set(names) == set(defined.__all__), module
    assert sorted(model._MODULES) == sorted(model.__all__)
    for name in model.__all__:
        assert getattr(model, name) is not None
    assert len(model.MODEL_TYPES) == len(model._MODEL_TYPES)
    assert all(isinstance(t, type) for t in model.MODEL_TYPES)


def test_unknown_name() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        model.Nope  # noqa: B018


def test_gender_alone_loads_no_other_class() -> None:
    code = (
        "import sys\n"
        "from kppi_core.model import Gender\n"
        "print(sorted(m for m in sys.modules if m.startswith('kppi_core.model.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['kppi_core.model.gender']"


def test_submodules_are_attributes_of_the_package() -> None:
    """``kppi_core.model.trainings`` after ``import kppi_core.model`` alone, as when
    the package imported every submodule."""
    code = (
        "import kppi_core.model\n"
        "print(kppi_core.model.trainings.Training.__name__, kppi_core.model.areas.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["Training", "kppi_core.model.areas"]
