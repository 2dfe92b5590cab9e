"""Old names still import, warn, and are the new objects."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
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


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("kppi_core.builtins", "kppi_core.plugins.builtins", "PLUGINS"),
        ("kppi_core.discovery", "kppi_core.plugins.discovery", "entry_points"),
    ],
)
def test_a_moved_module_warns_and_gives_the_new_ones_names(old: str, new: str, name: str) -> None:
    code = (
        "import warnings, importlib\n"
        "with warnings.catch_warnings(record=True) as seen:\n"
        "    warnings.simplefilter('always')\n"
        f"    old = importlib.import_module({old!r})\n"
        f"new = importlib.import_module({new!r})\n"
        f"assert old.{name} is new.{name}\n"
        f"assert [str(w.message) for w in seen] == ['{old} is deprecated; use {new}'], seen\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
