"""Old names still import, warn, and are the new objects."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

import kppi_core
from kppi_core.adapters.jsonl import iter_jsonl
from kppi_core.model import Organization


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("kppi_core", "Organisation", "Organization"),
        ("kppi_core.model", "Organisation", "Organization"),
        ("kppi_core.model.organisations", "Organisation", "Organization"),
        ("kppi_core.seats", "ListRule", "ListOrder"),
        ("kppi_core.seats.election", "ListRule", "ListOrder"),
    ],
)
def test_an_old_name_warns_and_is_the_new_one(module: str, old: str, new: str) -> None:
    mod = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=f"{module}.{old} is deprecated; use .*{new}"):
        value = getattr(mod, old)
    assert value is getattr(mod, new)


def test_from_import_of_the_old_name_works() -> None:
    with pytest.warns(DeprecationWarning):
        from kppi_core import Organisation  # type: ignore[attr-defined]
    assert Organisation is kppi_core.Organization


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = kppi_core.model.Organisations  # type: ignore[attr-defined]


@pytest.mark.parametrize("spelling", ["Organization", "Organisation"])
def test_json_lines_accept_both_spellings(spelling: str, tmp_path: Path) -> None:
    path = tmp_path / "orgs.jsonl"
    record = {"type": spelling, "data": {"id": "pkb", "name": "PKB", "classification": "party"}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (got,) = [getattr(x, "record", x) for x in iter_jsonl(path)]
    assert isinstance(got, Organization)
