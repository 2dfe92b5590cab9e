"""Help that helps: ``kppi --help`` cuts no description short, and every command's
``--help`` ends with its exit statuses and an example that runs as shown."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kppi_core.cli import main
from kppi_core.quota.rulesets import rule_sets
from kppi_core.render import FORMAT_NAMES as FORMATS
from kppi_core.samples import sample_path

DATA = Path(__file__).parent / "data" / "adapters"


def help_of(*names: str) -> str:
    result = CliRunner().invoke(main, [*names, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words that name it (the root as ())."""
    ctx = click.Context(main)
    found: list[tuple[str, ...]] = [()]
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        found.append((name,))
        if isinstance(command, click.Group):
            found += [(name, sub) for sub in command.list_commands(ctx)]
    return found


PATHS = command_paths()


def test_the_command_list_cuts_nothing_short() -> None:
    text = help_of()
    assert "…" not in text and "..." not in text.split("Commands:")[1]
    listed = " ".join(text.split("Commands:")[1].split())
    assert "against the quota law." in listed
    assert "who was never reached." in listed


@pytest.mark.parametrize("words", PATHS, ids=lambda w: " ".join(w) or "kppi")
def test_help_ends_with_exit_statuses_and_an_example(words: tuple[str, ...]) -> None:
    text = help_of(*words)
    tail = text[text.index("Exit status:") :]
    assert re.search(r"^\s+0  .+\n\s+1  .+\n\s+2  .+$", tail, re.M), tail
    assert re.search(r"Example:\n  +\$ kppi ", tail), tail
    assert max(len(line) for line in text.splitlines()) <= 80


def test_check_help_names_the_formats_and_rule_sets() -> None:
    text = " ".join(help_of("check").split())
    for name in (*FORMATS, *rule_sets()):
        assert name in text.split("Example:")[1], name


@pytest.mark.parametrize("words", PATHS, ids=lambda w: " ".join(w) or "kppi")
def test_the_example_runs(
    words: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = help_of(*words).split("$ ", 1)[1].splitlines()[0]
    argv = shlex.split(example)
    assert argv[0] == "kppi"
    # The files the examples name, made from the bundled samples.
    shutil.copy(sample_path("candidates"), tmp_path / "candidates.csv")
    shutil.copy(DATA / "membership.csv", tmp_path / "members.csv")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, argv[1:], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
