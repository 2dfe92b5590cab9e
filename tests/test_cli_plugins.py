"""``kppi plugins``, ``kppi inspect``, ``--disable-plugin``, plugin commands, and
``kppi check`` over several sources."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from kppi_core import Candidacy, Gender, hookimpl
from kppi_core.cli import main
from kppi_core.plugins import BUILTIN_MODULES, Plugins
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, SourceSpec

SAMPLE = Path(__file__).parents[1] / "src" / "kppi_core" / "samples"
CANDIDATES = SAMPLE / "kota_serang_2024_candidates.csv"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


class ListSource:
    """Yields three candidacies of one list, then raises if told to."""

    def __init__(self, name: str, fail: bool = False) -> None:
        self.spec = SourceSpec(name, "test lists", ("Candidacy",), ("*.lst",))
        self.fail = fail

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(b"LIST")

    def read(self, path: Path, context: ReadContext) -> Iterator[Any]:
        for i, g in enumerate((Gender.FEMALE, Gender.MALE, Gender.MALE), start=1):
            yield Located(Candidacy(f"C{i}", g, "P", "e", path.stem, i), i)
            if self.fail:
                raise KeyError("column 7")
        yield Rejection(str(path), 5, "gender", "'X' is not a sex code")


def sources_plugin(*sources: Any) -> types.ModuleType:
    plugin = types.ModuleType("lists_plugin")

    @hookimpl
    def kppi_register_sources(register: Callable[[Any], None]) -> None:
        for s in sources:
            register(s)

    plugin.kppi_register_sources = kppi_register_sources  # type: ignore[attr-defined]
    return plugin


def test_plugins_lists_every_builtin(kppi_plugin_manager: Plugins) -> None:
    result = run("plugins")
    assert result.exit_code == 0
    for name in BUILTIN_MODULES:
        assert f"{name}  [loaded]  kppi_core" in result.output
    assert "sources: candidates-csv" in result.output
    assert "commands: plugins, inspect" in result.output


def test_plugins_json(kppi_plugin_manager: Plugins) -> None:
    data = json.loads(run("plugins", "--json").output)
    by_name = {d["name"]: d for d in data}
    reports = by_name["kppi_core.reports"]
    assert reports["status"] == "loaded" and reports["distribution"] == "kppi_core"
    assert reports["formats"] == ["text", "json", "csv", "markdown"]
    assert reports["hooks"] == ["kppi_register_formats"]
    assert set(by_name["kppi_core.cli.plugins"]) >= {
        "name", "distribution", "version", "hooks", "sources", "rule_sets", "formats",
        "commands", "status", "error", "builtin",
    }  # fmt: skip


def test_kppi_register_commands_adds_a_command(kppi_register: Any) -> None:
    plugin = types.ModuleType("hello")

    @hookimpl
    def kppi_register_commands(cli: click.Group) -> None:
        @cli.command()
        def hello() -> None:
            """Say hello."""
            click.echo("halo")

    plugin.kppi_register_commands = kppi_register_commands  # type: ignore[attr-defined]
    kppi_register(plugin)
    assert "hello" in run("--help").output
    assert run("hello").output == "halo\n"
    assert "commands: hello" in run("plugins").output


def test_kppi_register_commands_broken_plugin_never_breaks_help(kppi_register: Any) -> None:
    broken = types.ModuleType("broken_cmds")

    @hookimpl
    def kppi_register_commands(cli: click.Group) -> None:
        @cli.command()
        def half() -> None: ...

        raise RuntimeError("click version mismatch")

    broken.kppi_register_commands = kppi_register_commands  # type: ignore[attr-defined]
    thief = types.ModuleType("thief")

    @hookimpl
    def kppi_register_commands(cli: click.Group) -> None:
        @cli.command("check")
        def stolen() -> None: ...

    thief.kppi_register_commands = kppi_register_commands  # type: ignore[attr-defined]
    kppi_register(broken)
    kppi_register(thief)
    result = run("--help")
    assert result.exit_code == 0
    assert "half" not in result.output and "inspect" in result.output
    assert "kppi: warning: plugin 'broken_cmds'" in result.stderr
    assert "RuntimeError: click version mismatch" in result.stderr
    assert "command 'check' exists already (in kppi_core)" in result.stderr
    assert run("check", "--sample").exit_code == 1  # the real check still runs
    assert run("--version").exit_code == 0


def test_disable_plugin_option(kppi_register: Any) -> None:
    kppi_register(sources_plugin(ListSource("lists")), name="lists-plugin")
    result = run("--disable-plugin", "lists-plugin", "plugins", "--json")
    status = {d["name"]: d["status"] for d in json.loads(result.output)}
    assert status["lists-plugin"] == "disabled"
    assert status["kppi_core.reports"] == "loaded"


def test_inspect_counts_by_type_and_lists_rejections(kppi_plugin_manager: Plugins) -> None:
    result = run("inspect", str(CANDIDATES), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "candidates-csv"
    assert data["counts"] == {"Candidacy": 602, "District": 6}
    assert data["breakdowns"]["Candidacy.gender"] == {"female": 213, "male": 389}
    assert data["lists"] == 96 and data["rejected"] == []
    text = run("inspect", str(CANDIDATES)).output
    assert "Candidacy: 602" in text and "by gender: female 213, male 389" in text


def test_inspect_exit_statuses(kppi_register: Any, tmp_path: Path) -> None:
    kppi_register(sources_plugin(ListSource("lists")))
    path = tmp_path / "d1.lst"
    path.write_text("LIST\n")
    result = run("inspect", str(path))
    assert result.exit_code == 1  # a rejected record
    assert "[gender]: 'X' is not a sex code" in result.output
    missing = run("inspect", str(tmp_path / "none.lst"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    unknown = run("inspect", str(path), "--source", "nope")
    assert unknown.exit_code == 2 and "no source 'nope'; known: " in unknown.stderr
    assert "candidates-csv" in unknown.stderr and "lists" in unknown.stderr


def test_check_reads_through_a_plugin_source(kppi_register: Any, tmp_path: Path) -> None:
    kppi_register(sources_plugin(ListSource("lists")))
    path = tmp_path / "d1.lst"
    path.write_text("LIST\n")
    data = json.loads(run("check", str(path), "--format", "json").output)
    assert data["summary"]["lists"] == 1 and data["summary"]["records"] == 4
    assert data["rejected"][0]["reason"] == "'X' is not a sex code"


def test_check_several_paths_one_failing(kppi_register: Any, tmp_path: Path) -> None:
    kppi_register(sources_plugin(ListSource("crashing", fail=True)), name="crash-plugin")
    bad = tmp_path / "bad.lst"
    bad.write_text("LIST\n")
    result = run("check", str(bad), str(CANDIDATES), "--format", "json")
    assert result.exit_code == 2
    assert "source 'crashing' from plugin 'crash-plugin'" in result.stderr
    assert "KeyError" in result.stderr
    assert json.loads(result.stdout)["summary"]["lists"] == 96  # the other file was checked
    fast = run("check", str(bad), str(CANDIDATES), "--fail-fast", "--format", "json")
    assert fast.exit_code == 2 and fast.stdout == ""


def _rows(document: Any) -> str:
    """A format written once for every report: its kind and its data rows."""
    rows = sum(len(t.rows) for t in document.tables if "data" in t.views)
    return f"{document.kind}: {rows} rows\n"


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--sample"),
        ("seats", "--sample"),
        ("representation", "--sample"),
        ("registry", "build", "--sample"),
        ("training", "report", "--sample"),
        ("funnel", "--sample"),
        ("inspect", str(CANDIDATES)),
    ],
)
def test_a_plugin_format_works_for_every_report(kppi_register: Any, command: tuple[str]) -> None:
    from kppi_core.render import Format

    plugin = types.ModuleType("fmt")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("rows", _rows))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    kppi_register(plugin)
    shown = run(*command, "--format", "rows")
    lines = run(*command, "--format", "csv").stdout.splitlines()
    kind = shown.stdout.split(":")[0]
    assert shown.stdout == f"{kind}: {len(lines) - 1} rows\n"
    assert kind == {"inspect": "inspection"}.get(command[0], command[0])
    assert "Traceback" not in shown.stderr


def test_check_format_from_a_plugin_and_unknown_format(kppi_register: Any) -> None:
    from kppi_core.render import Format

    plugin = types.ModuleType("fmt")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("count", lambda document: f"{len(document.tables)} tables\n"))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    kppi_register(plugin)
    assert (
        run("check", "--sample", "--format", "count").output == "7 tables\n"
    )  # summary, findings, parties, rule failures, list heads, list positions, data rows
    for command in (("check", "--sample"), ("seats", "--sample"), ("funnel", "--sample")):
        wrong = run(*command, "--format", "xml")
        assert (
            wrong.exit_code == 2
            and "known: text, json, csv, markdown, html, xlsx, count" in wrong.output
        )


def test_an_old_two_argument_format_still_renders_check(kppi_register: Any) -> None:
    """A format written for ``render(report, info)`` works for check, deprecated."""
    from kppi_core.render import Format

    plugin = types.ModuleType("fmt_old")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("count", lambda report, info: f"{len(report.results)} lists\n"))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    kppi_register(plugin)
    assert run("check", "--sample", "--format", "count").output == "96 lists\n"
    seats = run("seats", "--sample", "--format", "count")
    assert seats.exit_code == 2 and "renders only the check report" in seats.stderr


@pytest.mark.parametrize("command", [("check", "--sample"), ("outreach", "--sample")])
def test_a_plugin_format_that_raises_is_named(kppi_register: Any, command: tuple[str]) -> None:
    from kppi_core.render import Format

    def broken(document: Any) -> str:
        raise RuntimeError("renderer bug")

    plugin = types.ModuleType("fmt_broken")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("broken", broken))
        register(Format("garbage", lambda document: 42))
        register(Format("exits", lambda document: sys.exit(9)))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    kppi_register(plugin)
    result = run(*command, "--format", "broken")
    assert result.exit_code == 2
    assert "kppi: error: format 'broken' from plugin 'fmt_broken'" in result.stderr
    assert "RuntimeError: renderer bug" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    garbage = run(*command, "--format", "garbage")
    assert garbage.exit_code == 2 and "returned int, not str or bytes" in garbage.stderr
    exits = run(*command, "--format", "exits")
    assert exits.exit_code == 2 and "format 'exits' from plugin 'fmt_broken'" in exits.stderr


def test_strict_mode_on_the_command_line(
    kppi_plugin_manager: Plugins, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KPPI_STRICT_PLUGINS", "1")
    monkeypatch.setattr("kppi_core.plugins.BUILTIN_MODULES", (*BUILTIN_MODULES, "kppi_core.nope"))
    result = run("plugins")
    assert result.exit_code == 2
    assert "kppi: error: plugin 'kppi_core.nope'" in result.stderr
    assert "Traceback" not in result.output + result.stderr
