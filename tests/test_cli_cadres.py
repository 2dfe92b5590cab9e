"""The cadre commands on the embedded sample: every command, every format, no personal data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kppi_core.cli import cadres
from kppi_core.samples import sample_path

COMMANDS = [
    ["registry", "build"],
    ["training", "report"],
    ["outreach", "--on", "2025-11-01"],
    ["follow-ups", "--on", "2025-11-01"],
    ["funnel"],
]


@pytest.fixture(scope="module")
def cli() -> click.Group:
    group = click.Group("kppi")
    cadres.kppi_register_commands(cli=group)
    return group


def secrets() -> list[str]:
    """Every NIK, birth date and phone number the sample holds."""
    folder = sample_path("branch").parent
    found: list[str] = []
    for path in sorted(folder.glob("kota_serang_members_*.csv")):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            found += [row["NIK"], row["Tanggal Lahir"]]
    for path in sorted(folder.glob("kota_serang_attendance_*.csv")):
        found += [row["No HP"] for row in csv.DictReader(path.open(encoding="utf-8"))]
    data = json.loads(sample_path("branch").read_text(encoding="utf-8"))
    for p in data["persons"]:
        found += [p[k] for k in ("nik", "birth_date") if k in p]
    return sorted(set(found))


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_runs_on_the_sample(cli: click.Group, command: list[str], fmt: str) -> None:
    result = CliRunner().invoke(cli, [*command, "--sample", "--format", fmt])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for secret in secrets():
        assert secret not in result.stdout, secret
    if fmt == "json":
        json.loads(result.stdout)


def test_registry_build_finds_the_sample_flags(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["registry", "build", "--sample", "--format", "json"])
    assert result.exit_code == 1  # flags and a rejected row
    data = json.loads(result.stdout)
    kinds = {f["flag"] for f in data["tables"]["flags"]}
    assert kinds == {"two_parties", "two_lists", "nik_gender_mismatch", "invalid_nik"}


def test_registry_output_builds_again_to_the_same(
    cli: click.Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "registry.json"
    first = CliRunner().invoke(
        cli, ["registry", "build", "--sample", "-o", str(out), "--format", "json"]
    )
    text = out.read_text(encoding="utf-8")
    for secret in secrets():
        assert secret not in text
    monkeypatch.setenv("KPPI_FINGERPRINT_KEY", cadres.SAMPLE_KEY.decode())
    again = CliRunner().invoke(cli, ["registry", "build", str(out), "--format", "json"])
    a, b = json.loads(first.stdout), json.loads(again.stdout)
    for table in ("ambiguities", "flags", "merges"):
        assert a["tables"][table] == b["tables"][table], table
    assert a["facts"]["persons"] == b["facts"]["persons"]


def test_without_a_key_the_build_cannot_run(
    cli: click.Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KPPI_FINGERPRINT_KEY", raising=False)
    path = str(sample_path("branch"))
    result = CliRunner().invoke(cli, ["registry", "build", path])
    assert result.exit_code != 0
    assert "KPPI_FINGERPRINT_KEY" in str(result.exception) + result.output


def test_sources_or_sample_not_both(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["funnel", "--sample", "x.csv"])
    assert result.exit_code == 2


def test_the_funnel_on_the_sample(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["funnel", "--sample", "--format", "json"])
    facts = json.loads(result.stdout)["facts"]
    assert facts["candidates"] <= facts["trained"]
    assert facts["elected"] <= facts["candidates"]
    assert facts["election"] == "DPRD_KABKO_2029"


def test_sample_files_are_what_the_generator_writes() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, str(root / "tools/make_branch_sample.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
