"""Lazy declarations (kppi_core.lazy): built-ins and plugins registering what they add by
import path, imported on first use; failures named like load failures; what the command
line imports."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from kppi_core import hookimpl
from kppi_core.cli import main
from kppi_core.errors import NotFound, PluginError, PluginWarning
from kppi_core.lazy import LazyCommand, LazyFormat, LazyRuleSet, LazySource, load_target
from kppi_core.plugins import BUILTIN_MODULES, Plugins, PluginStatus, set_plugins
from kppi_core.plugins.builtins import PLUGINS

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"
CANDIDATES = SRC / "kppi_core" / "samples" / "kota_serang_2024_candidates.csv"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def declarations(plugin: object, hook: str) -> list[Any]:
    found: list[Any] = []
    getattr(plugin, f"kppi_register_{hook}", lambda register: None)(register=found.append)
    return found


def lazy_plugin(name: str, **declared: tuple[Any, ...]) -> types.ModuleType:
    """A plugin module whose hooks register the declarations given."""
    module = types.ModuleType(name)
    for hook, objects in declared.items():

        def register_all(register: Callable[[Any], None], objects: Any = objects) -> None:
            for obj in objects:
                register(obj)

        impl = hookimpl(lambda register, objects=objects: register_all(register, objects))
        setattr(module, f"kppi_register_{hook}", impl)
    return module


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Plugins]]:
    """``installed(name, plugin)``: a fresh current manager with one installed plugin."""
    for var in ("KPPI_LOAD_PLUGINS", "KPPI_DISABLE_PLUGINS", "KPPI_STRICT_PLUGINS"):
        monkeypatch.delenv(var, raising=False)
    previous = set_plugins(None)

    def make(name: str, plugin: object) -> Plugins:
        from kppi_core.plugins.discovery import Distribution, EntryPoint

        class Installed(EntryPoint):
            def load(self) -> object:
                return plugin

        found = [
            Installed(name, f"{name}:plugin", "kppi_core", Distribution(f"kppi-{name}", "2.0"))
        ]
        monkeypatch.setattr("kppi_core.plugins.find_entry_points", lambda group: found)
        manager = Plugins()
        set_plugins(manager)
        return manager

    yield make
    set_plugins(previous)


# -- the built-ins --------------------------------------------------------------------------


def test_every_builtin_is_declared_lazily_and_in_order() -> None:
    assert list(PLUGINS) == list(BUILTIN_MODULES)
    for plugin in PLUGINS.values():
        for hook in ("sources", "rule_sets", "formats", "commands"):
            assert all(type(d).__module__ == "kppi_core.lazy" for d in declarations(plugin, hook))


def test_builtin_lazy_declarations_resolve_to_the_same_objects(
    kppi_plugin_manager: Plugins,
) -> None:
    from kppi_core import reports
    from kppi_core.adapters.candidates_csv import CandidatesCsvSource
    from kppi_core.quota import rulesets
    from kppi_core.sources import SourceSpec

    manager = kppi_plugin_manager
    found = manager.sources()
    for plugin in PLUGINS.values():
        for declared in declarations(plugin, "sources"):
            source = found[declared.name]
            assert source.spec == SourceSpec(declared.name, declared.description,
                                             declared.yields, declared.patterns)  # fmt: skip
            assert manager.source_for("x.any", declared.name) is source
        for declared in declarations(plugin, "rule_sets"):
            assert manager.rule_sets()[declared.id] is load_target(declared.target)
            assert manager.rule_sets()[declared.id].title == declared.title
        for declared in declarations(plugin, "formats"):
            assert manager.formats()[declared.name] is load_target(declared.target)
            assert manager.formats()[declared.name].description == declared.description
    assert isinstance(found["candidates-csv"], CandidatesCsvSource)
    assert manager.sources()["candidates-csv"] is found["candidates-csv"]  # imported once
    assert manager.rule_sets()["uu7-2017"] is rulesets.UU7_2017
    assert manager.formats()["json"] is reports.JSON_FORMAT


def test_builtin_lazy_commands_are_the_commands_and_their_declared_help() -> None:
    for plugin in PLUGINS.values():
        for declared in declarations(plugin, "commands"):
            command = load_target(declared.target)
            assert isinstance(command, click.Command) and command.name == declared.name
            assert (command.help or "").split("\n\n")[0].split() == declared.help.split()


def test_kppi_help_lists_lazy_commands_as_their_imported_selves(
    kppi_plugin_manager: Plugins,
) -> None:
    shown = run("--help").output
    eager: dict[str, click.Command] = {"check": main.commands["check"]}
    for plugin in PLUGINS.values():
        for declared in declarations(plugin, "commands"):
            eager[declared.name] = load_target(declared.target)  # type: ignore[assignment]
    # Each command's whole first sentence (kppi --help cuts none short), wrapped.
    expected = [f"{name} {eager[name].get_short_help_str(1 << 10)}" for name in sorted(eager)]
    listed = shown.split("Commands:")[1].split("Exit status:")[0]
    assert listed.split() == " ".join(expected).split()


def test_kppi_plugins_lists_builtins_as_before(kppi_plugin_manager: Plugins) -> None:
    data = json.loads(run("plugins", "--json").output)
    by_name = {d["name"]: d for d in data}
    assert list(by_name) == list(BUILTIN_MODULES)
    assert by_name["kppi_core.adapters.xlsx"]["sources"] == ["xlsx"]
    assert by_name["kppi_core.adapters.xlsx"]["hooks"] == ["kppi_register_sources"]
    assert by_name["kppi_core.quota.rulesets"]["rule_sets"] == ["uu7-2017", "pkpu-10-2023"]
    assert by_name["kppi_core.cli.cadres"]["commands"] == [
        "registry", "training", "outreach", "follow-ups", "funnel",
    ]  # fmt: skip
    assert by_name["kppi_core.cli.seats"]["hooks"] == ["kppi_register_commands"]
    assert all(d["status"] == "loaded" and d["version"] for d in data)


# -- third-party lazy declarations --------------------------------------------------------------


def test_a_plugins_lazy_source_rule_set_and_format_import_on_first_use(
    installed: Callable[..., Plugins], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lazy_impl_contoh.py").write_text(
        textwrap.dedent("""
            from kppi_core.adapters.candidates_csv import CandidatesCsvSource
            from kppi_core.quota.rulesets import RuleSet, UU7_2017
            from kppi_core.render import Format
            from kppi_core.sources import SourceSpec

            class ContohSource(CandidatesCsvSource):
                spec = SourceSpec("contoh-csv", "contoh", ("Candidacy",), ("contoh*.csv",))

            STRICT = RuleSet("contoh-40", "40%", UU7_2017.list_rules)
            COUNT = Format("count", lambda document: f"{len(document.tables)} lists\\n")
        """),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin = lazy_plugin(
        "contoh",
        sources=(LazySource("contoh-csv", "lazy_impl_contoh:ContohSource",
                            yields=("Candidacy",), patterns=("contoh*.csv",)),),
        rule_sets=(LazyRuleSet("contoh-40", "lazy_impl_contoh:STRICT"),),
        formats=(LazyFormat("count", "lazy_impl_contoh:COUNT"),),
    )  # fmt: skip
    manager = installed("contoh", plugin)
    info = next(i for i in manager.infos() if i.name == "contoh")
    assert (info.sources, info.rule_sets, info.formats) == (("contoh-csv",), ("contoh-40",),
                                                            ("count",))  # fmt: skip
    assert info.hooks == ("kppi_register_formats", "kppi_register_rule_sets",
                          "kppi_register_sources")  # fmt: skip
    assert "lazy_impl_contoh" not in sys.modules
    path = tmp_path / "contoh_serang.csv"
    path.write_bytes(CANDIDATES.read_bytes())
    chosen = manager.source_for(path)  # the more specific pattern wins
    assert type(chosen).__name__ == "ContohSource" and "lazy_impl_contoh" in sys.modules
    assert manager.owner(chosen) == info
    assert manager.rule_sets()["contoh-40"].title == "40%"
    assert run("check", str(path), "--format", "count", "--rules", "contoh-40").output.endswith(
        "lists\n"
    )
    sys.modules.pop("lazy_impl_contoh", None)


@pytest.mark.parametrize(
    ("declared", "why"),
    [
        (LazySource("ghost-csv", "no_such_module_kppi:Source", patterns=("*.ghost",)),
         "source 'ghost-csv' from 'no_such_module_kppi:Source': ModuleNotFoundError"),
        (LazySource("ghost-csv", "kppi_core.adapters.candidates_csv:CandidatesCsvSource",
                    patterns=("*.ghost",)),
         "differs from its declaration"),
        (LazyRuleSet("ghost", "kppi_core.quota.rulesets:NOPE"),
         "rule set 'ghost' from 'kppi_core.quota.rulesets:NOPE': AttributeError"),
        (LazyFormat("ghost", "kppi_core.quota.rulesets:UU7_2017"), "not the Format 'ghost'"),
    ],
)  # fmt: skip
def test_a_lazy_declaration_that_fails_to_import_leaves_its_plugin_out_named(
    installed: Callable[..., Plugins], declared: Any, why: str
) -> None:
    hook = {LazySource: "sources", LazyRuleSet: "rule_sets", LazyFormat: "formats"}
    manager = installed("ghostly", lazy_plugin("ghostly", **{hook[type(declared)]: (declared,)}))
    assert next(i for i in manager.infos() if i.name == "ghostly").status is PluginStatus.LOADED
    with pytest.warns(PluginWarning, match=r"plugin 'ghostly' \(distribution kppi-ghostly 2.0\)"):
        everything = {**manager.sources(), **manager.rule_sets(), **manager.formats()}
    assert "candidates-csv" in everything and declared[0] not in everything
    info = next(i for i in manager.infos() if i.name == "ghostly")
    assert info.status is PluginStatus.FAILED and why in (info.error or "")
    assert (info.sources, info.rule_sets, info.formats) == ((), (), ())


def test_a_named_lazy_source_failing_to_import_is_warned_then_unknown(
    installed: Callable[..., Plugins], tmp_path: Path
) -> None:
    declared = LazySource("ghost-csv", "no_such_module_kppi:Source", patterns=("*.ghost",))
    manager = installed("ghostly", lazy_plugin("ghostly", sources=(declared,)))
    with (
        pytest.warns(PluginWarning, match=r"'ghostly' \(distribution kppi-ghostly 2.0\)"),
        pytest.raises(NotFound, match="no source 'ghost-csv'; known: attendance-csv") as raised,
    ):
        manager.source_for(tmp_path / "a.ghost", "ghost-csv")
    assert "ghost-csv" not in str(raised.value).split("known:")[1]


def test_a_lazy_source_failing_to_import_in_strict_mode_raises_with_the_cause(
    installed: Callable[..., Plugins], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KPPI_STRICT_PLUGINS", "1")
    declared = LazySource("ghost-csv", "no_such_module_kppi:Source", patterns=("*.ghost",))
    manager = installed("ghostly", lazy_plugin("ghostly", sources=(declared,)))
    path = tmp_path / "a.ghost"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(PluginError, match=r"'ghostly'.*no_such_module_kppi") as raised:
        manager.source_for(path)
    assert isinstance(raised.value.__cause__, ModuleNotFoundError)
    assert raised.value.plugin == "ghostly" and raised.value.distribution == "kppi-ghostly"


def test_kppi_register_commands_lazy_command_imports_only_when_run(
    kppi_register: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lazy_cmd_contoh.py").write_text(
        "import click\n\n@click.command()\ndef halo():\n    'Say halo.'\n    click.echo('halo')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    info = kppi_register(
        lazy_plugin("halo", commands=(LazyCommand("halo", "lazy_cmd_contoh:halo", "Say halo."),))
    )
    assert info.hooks == ("kppi_register_commands",)
    assert "halo            Say halo." in run("--help").output
    assert "lazy_cmd_contoh" not in sys.modules
    assert "commands: halo" in run("plugins").output
    assert run("halo").output == "halo\n"
    sys.modules.pop("lazy_cmd_contoh", None)


def test_kppi_register_commands_broken_lazy_command_never_breaks_help(
    kppi_register: Callable[..., Any],
) -> None:
    declared = LazyCommand("rusak", "no_such_module_kppi:command", "A broken command.")
    kppi_register(lazy_plugin("rusak", commands=(declared,)))
    helped = run("--help")
    assert helped.exit_code == 0 and "rusak" in helped.output and "seats" in helped.output
    ran = run("rusak")
    assert ran.exit_code == 2
    assert "kppi: warning: plugin 'rusak' (registered in code) was left out" in ran.stderr
    assert "ModuleNotFoundError" in ran.stderr and "No such command 'rusak'" in ran.stderr
    assert "rusak" not in run("--help").output  # left out whole
    assert "seats" in run("--help").output


def test_kppi_register_commands_lazy_command_clashing_with_a_builtin_is_refused(
    kppi_register: Callable[..., Any],
) -> None:
    kppi_register(lazy_plugin("clash", commands=(LazyCommand("seats", "os:getcwd"),)))
    result = run("plugins")
    assert "command 'seats' exists already (from plugin 'kppi_core.cli.seats'" in result.stderr
    assert "clash  [failed]" in result.output


def test_kppi_register_commands_lazy_into_a_plain_group_imports_at_once(
    kppi_plugin_manager: Plugins,
) -> None:
    group = click.Group()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kppi_plugin_manager.add_commands(group)
    from kppi_core.cli.seats import seats_command

    assert group.commands["seats"] is seats_command and "funnel" in group.commands


# -- what the command line imports ------------------------------------------------------------


def _modules_after(args: list[str], *prefixes: str) -> list[str]:
    code = (
        "import sys\nfrom kppi_core.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(' '.join(m for m in sys.modules if m.startswith({prefixes!r})), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC), "PATH": ""},
                          capture_output=True, text=True, check=False)  # fmt: skip
    return done.stderr.split()


def test_kppi_check_does_not_import_seats_cadres_or_other_adapters() -> None:
    loaded = _modules_after(["check", "--sample"], "kppi_core.", "pluggy", "openpyxl")
    assert "kppi_core.plugins" in loaded and "kppi_core.adapters.candidates_csv" in loaded
    unwanted = ("kppi_core.cli.seats", "kppi_core.cli.cadres", "kppi_core.cli.plugins",
                "kppi_core.seats", "kppi_core.analysis", "kppi_core.registry",
                "kppi_core.adapters.popolo", "kppi_core.adapters.xlsx", "kppi_core.adapters.jsonl",
                "kppi_core.adapters.membership_csv", "openpyxl")  # fmt: skip
    assert not [m for m in loaded if m.startswith(unwanted)]


@pytest.mark.parametrize("args", [["--help"], ["plugins"], ["plugins", "--json"]])
def test_kppi_help_and_plugins_import_no_implementation(args: list[str]) -> None:
    loaded = _modules_after(args, "kppi_core.", "attr", "importlib.metadata", "pluggy")
    assert "pluggy" in loaded and "kppi_core.plugins.builtins" in loaded
    unwanted = ("kppi_core.adapters", "kppi_core.model", "kppi_core.quota", "kppi_core.reports",
                "kppi_core.cli.seats", "kppi_core.cli.cadres", "kppi_core.sources", "attr",
                "importlib.metadata")  # fmt: skip
    assert not [m for m in loaded if m.startswith(unwanted)]


def test_an_installed_lazy_plugin_is_found_in_its_dist_info(tmp_path: Path) -> None:
    """End to end: a fake distribution on PYTHONPATH, found by the fast discovery."""
    info = tmp_path / "kppi_lazy_contoh-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: kppi-lazy-contoh\nVersion: 0.3\n\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[kppi_core]\nlazy-contoh = lazy_contoh_hooks\n",
                                           encoding="utf-8")  # fmt: skip
    (tmp_path / "lazy_contoh_hooks.py").write_text(
        "from kppi_core import hookimpl\nfrom kppi_core.lazy import LazyRuleSet\n\n"
        "@hookimpl\ndef kppi_register_rule_sets(register):\n"
        "    register(LazyRuleSet('contoh-30', 'lazy_contoh_impl:RULES'))\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core.cli", "plugins", "--json"],
        env={"PYTHONPATH": f"{tmp_path}{':'}{SRC}", "PATH": ""},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    contoh = next(d for d in json.loads(done.stdout) if d["name"] == "lazy-contoh")
    assert (contoh["distribution"], contoh["version"]) == ("kppi-lazy-contoh", "0.3")
    assert contoh["rule_sets"] == ["contoh-30"] and contoh["status"] == "loaded"
