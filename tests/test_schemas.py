"""Every command's JSON output validates against its published schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kppi_core import schemas

jsonschema = pytest.importorskip("jsonschema")

#: A schema's name → the kppi command lines (on the bundled sample) it describes.
COMMANDS = {
    "check": [["check", "--sample"], ["check", "--sample", "--rules", "pkpu-10-2023"]],
    "seats": [["seats", "--sample"]],
    "representation": [["representation", "--sample"]],
    "registry": [
        ["registry", "build", "--sample"],
        ["registry", "build", "--sample", "--lang", "id"],
    ],
    "training": [
        ["training", "report", "--sample"],
        ["training", "report", "--sample", "--lang", "id"],
    ],
    "completion": [["training", "completion", "--sample"]],
    "outreach": [["outreach", "--sample"], ["outreach", "--sample", "--lang", "id"]],
    "follow-ups": [["follow-ups", "--sample"], ["follow-ups", "--sample", "--lang", "id"]],
    "funnel": [["funnel", "--sample"], ["funnel", "--sample", "--lang", "id"]],
    "inspection": [["inspect", "--sample"], ["inspect", "--sample", "--lang", "id"]],
}


def _kppi_json(args: list[str]) -> object:
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core.cli", *args, "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_every_schema_is_a_valid_schema() -> None:
    for name in schemas.NAMES:
        jsonschema.Draft202012Validator.check_schema(schemas.load(name))


def test_every_schema_has_a_command() -> None:
    assert set(COMMANDS) == set(schemas.NAMES)


@pytest.mark.parametrize(
    "name,args", [(n, a) for n, lines in COMMANDS.items() for a in lines], ids=str
)
def test_command_output_matches_its_schema(name: str, args: list[str]) -> None:
    validator = jsonschema.Draft202012Validator(schemas.load(name))
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_kppi_json(args))]
    assert errors == []


def test_a_wrong_document_fails_its_schema() -> None:
    document = _kppi_json(["check", "--sample"])
    assert isinstance(document, dict)
    document["lists"][0]["verdict"] = "fine"
    assert not jsonschema.Draft202012Validator(schemas.load("check")).is_valid(document)


@pytest.mark.parametrize("name", ["training", "completion", "outreach", "follow-ups", "funnel"])
def test_a_cadre_report_says_its_language(name: str) -> None:
    document = _kppi_json(COMMANDS[name][0])
    assert isinstance(document, dict)
    del document["lang"]
    assert not jsonschema.Draft202012Validator(schemas.load(name)).is_valid(document)


def test_unknown_schema() -> None:
    with pytest.raises(LookupError, match="no schema 'nope'"):
        schemas.load("nope")


def test_every_schema_requires_its_version() -> None:
    for name in schemas.NAMES:
        schema = schemas.load(name)
        assert "schema_version" in schema["required"], name
        assert schema["properties"]["schema_version"]["const"] == schemas.VERSION


@pytest.mark.parametrize("name,args", [(n, lines[0]) for n, lines in COMMANDS.items()], ids=str)
def test_every_document_says_its_schema_version(name: str, args: list[str]) -> None:
    document = _kppi_json(args)
    assert isinstance(document, dict)
    assert document["schema_version"] == schemas.VERSION
    del document["schema_version"]
    validator = jsonschema.Draft202012Validator(schemas.load(name))
    assert not validator.is_valid(document)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_check_says_its_language_and_its_schema_requires_it(lang: str) -> None:
    document = _kppi_json(["check", "--sample", "--lang", lang])
    assert isinstance(document, dict)
    validator = jsonschema.Draft202012Validator(schemas.load("check"))
    assert document["lang"] == lang and validator.is_valid(document)
    for wrong in ("fr", None):
        assert not validator.is_valid({**document, "lang": wrong})
    del document["lang"]
    assert not validator.is_valid(document)
