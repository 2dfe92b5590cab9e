"""The real data in ``tests/data/real``: complete, unchanged, and what the library writes
from it is valid Popolo. No test reads data from outside the repository."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from kppi_core import Membership, Organization, Person
from kppi_core.adapters.popolo import dump_popolo, read_popolo
from kppi_core.dataset import Dataset

ROOT = Path(__file__).parents[1]
REAL = Path(__file__).parent / "data" / "real"
SCHEMAS = REAL / "popolo-other" / "schemas"
DPR = REAL / "everypolitician" / "indonesia-dpr-popolo.json"


def test_no_test_reads_data_from_outside_the_clone() -> None:
    # Spelt in pieces, so this file does not name what it looks for.
    outside = re.compile("|".join([r"\.\./" + "shared", "/work/" + "shared", r"parents\[2\]"]))
    files = [
        *ROOT.joinpath("tests").rglob("*.py"),
        *ROOT.joinpath("examples").rglob("*.py"),
        *ROOT.joinpath("docs").glob("*.md"),
        ROOT / "README.md",
        ROOT / ".ci" / "run",
    ]
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line)
    ]
    assert not found, f"read tests/data/real instead of the shared folder: {found}"


@pytest.mark.parametrize("folder", sorted(p.name for p in REAL.iterdir() if p.is_dir()))
def test_every_folder_says_where_its_data_comes_from(folder: str) -> None:
    source = (REAL / folder / "SOURCE.md").read_text(encoding="utf-8")
    assert source.startswith("# ") and len(source) > 500


@pytest.mark.parametrize(
    "name",
    ["indonesia-dpr-popolo.json", "indonesia-dpr-term-18.csv"],
)
def test_everypolitician_copies_are_unchanged(name: str) -> None:
    # SOURCE.md gives each file's sha256 after its name.
    source = (REAL / "everypolitician" / "SOURCE.md").read_text(encoding="utf-8")
    kind = "JSON" if name.endswith(".json") else "CSV"
    (stated,) = re.findall(rf"- {kind}: .*?sha256 `([0-9a-f]{{64}})`", source, re.S)
    assert hashlib.sha256((REAL / "everypolitician" / name).read_bytes()).hexdigest() == stated


@pytest.fixture(scope="module")
def schemas() -> dict[str, Draft3Validator]:
    """The Popolo schemas (draft-03), their ``$ref``s resolved among themselves, offline."""
    loaded = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")]
    registry: Registry[Any] = Registry().with_resources(
        (s["id"], Resource(s, DRAFT3)) for s in loaded
    )
    return {
        s["id"].rsplit("/", 1)[1].removesuffix(".json#"): Draft3Validator(s, registry=registry)
        for s in loaded
    }


def test_the_schemas_reject_what_is_not_popolo(schemas: dict[str, Draft3Validator]) -> None:
    assert not schemas["person"].is_valid({"id": "p1", "name": ["Siti"]})
    assert not schemas["membership"].is_valid({"person_id": 7})
    assert schemas["person"].is_valid({"id": "p1", "name": "Siti", "gender": "female"})


def test_popolo_written_from_the_real_dpr_file_is_valid(
    schemas: dict[str, Draft3Validator],
) -> None:
    read = read_popolo(DPR)
    kinds = {"persons": Person, "organizations": Organization, "memberships": Membership}
    dataset = Dataset(**{k: [r for r in read.records if type(r) is t] for k, t in kinds.items()})
    written = json.loads(json.dumps(dump_popolo(dataset)))
    singular = {"persons": "person", "organizations": "organization", "memberships": "membership"}
    for section, schema in singular.items():
        assert written[section], section
        errors = [e.message for item in written[section] for e in schemas[schema].iter_errors(item)]
        assert errors == [], f"{section}: {errors[:3]}"
